"""Branding, the site's assets, and the about and media-contacts pages."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from PIL import Image

from pressgen.cli import main
from pressgen.engine import build

from .conftest import MINIMAL_CONFIG, NOW, SiteWriter
from .sites import LANGUAGES


def page(out: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((out / path).read_bytes())


def test_every_page_carries_the_brand(website: Path) -> None:
    for path in ("en/index.html", "ar/release-4/index.html", "zh/search/index.html"):
        tree = page(website, path)
        logo = tree.xpath("//header//img[contains(@class, 'logo')]")[0]
        assert (logo.get("width"), logo.get("height")) == ("120", "40")
        assert logo.get("srcset") == logo.get("src") + " 1x"  # shown at its own size
        assert (website / path).parent.joinpath(logo.get("src")).resolve().is_file()
        icon = tree.xpath("//link[@rel='icon']")[0]
        assert icon.get("type") == "image/png"
        sheets = tree.xpath("//link[@rel='stylesheet']/@href")
        assert [s.rsplit("/", 1)[-1] for s in sheets[:2]] == ["style.css", "site.css"]
        assert "--accent: #7a1f5c;" in tree.xpath("string(//style)")


def test_a_site_without_an_icon_spares_browsers_a_missing_favicon_ico(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """With no icon named, every browser asks the server for /favicon.ico, which a static
    newsroom does not have: a request and a "not found" in the log for every visit."""
    out = tmp_path / "public"
    site = make_site()
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for path in ("en/index.html", "fr/index.html", "en/first-release/index.html"):
        assert page(out, path).xpath("//link[@rel='icon']/@href") == ["data:,"], path


def test_a_large_logo_offers_copies_of_the_size_it_is_shown(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A logo uploaded at 1200×300 is shown 40 px tall: a phone need not load it whole. Its
    `srcset` offers a copy 40 and one 80 px tall (for screens of two pixels a point), in its
    own format, its transparency kept; the file itself stays published as it is."""
    from .sites import png

    site = make_site(
        {"assets/logo.png": png(1200, 300)}, config=MINIMAL_CONFIG + '[brand]\nlogo = "logo.png"\n'
    )
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    )
    logo = page(out, "en/index.html").xpath("//header//img[contains(@class, 'logo')]")[0]
    assert (logo.get("width"), logo.get("height")) == ("1200", "300")
    offered = [candidate.split() for candidate in logo.get("srcset").split(", ")]
    assert [density for _, density in offered] == ["1x", "2x", "7.5x"]
    sizes = []
    for url, _ in offered:
        with Image.open(out / "en" / url) as copy:
            sizes.append((copy.size, copy.format, copy.mode))
    assert sizes == [
        ((160, 40), "PNG", "RGBA"),
        ((320, 80), "PNG", "RGBA"),
        ((1200, 300), "PNG", "RGBA"),
    ]
    assert (out / "assets/logo.png").read_bytes() == (site / "assets/logo.png").read_bytes()


def test_a_logo_taken_sideways_is_shown_and_copied_as_it_stands(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A JPEG stored 600×300 whose camera flag turns it a quarter (it stands 300×600): the
    copies were 80×40, sideways, and the page said width 600, height 300 (h128)."""
    import io

    stored = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # turn a quarter clockwise to show
    Image.new("RGB", (600, 300), (20, 60, 120)).save(stored, "JPEG", exif=exif)
    config = MINIMAL_CONFIG + '[brand]\nlogo = "logo.jpg"\n'
    site = make_site({"assets/logo.jpg": stored.getvalue()}, config=config)
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    )
    logo = page(out, "en/index.html").xpath("//header//img[contains(@class, 'logo')]")[0]
    assert (logo.get("width"), logo.get("height")) == ("300", "600")
    copies = [candidate.split()[0] for candidate in logo.get("srcset").split(", ")][:2]
    sizes = []
    for url in copies:
        with Image.open(out / "en" / url) as copy:
            sizes.append(copy.size)
    assert sizes == [(20, 40), (40, 80)]


def test_the_sites_assets_are_published_as_they_are(website: Path) -> None:
    site = website.parent / "site"
    for name in ("logo.png", "icon.png", "site.css"):
        assert (website / "assets" / name).read_bytes() == (site / "assets" / name).read_bytes()
    assert (website / "assets/style.css").is_file() and (website / "assets/search.js").is_file()


def test_about_pages_exist_in_the_languages_that_have_the_text(website: Path) -> None:
    assert sorted(p.parent.parent.name for p in website.glob("*/about/index.html")) == [
        "ar",
        "en",
        "fr",
    ]
    tree = page(website, "fr/about/index.html")
    assert tree.xpath("string(//h1)") == "Qui sommes-nous"
    assert tree.xpath("string(//main//strong)") == "migrants"
    assert sorted(tree.xpath("//link[@hreflang]/@hreflang")) == ["ar", "en", "fr"]
    footer = page(website, "fr/index.html").xpath("//footer//a/@href")
    assert "../fr/about/index.html" in footer or "about/index.html" in footer
    assert not any("about" in h for h in page(website, "zh/index.html").xpath("//footer//a/@href"))


def test_the_media_contacts_page_in_every_language(website: Path) -> None:
    for lang in LANGUAGES:
        tree = page(website, f"{lang}/contacts/index.html")
        assert tree.xpath("//a[starts-with(@href, 'mailto:')]/@href") == ["mailto:jdoe@example.org"]
        assert tree.xpath("//a[starts-with(@href, 'tel:')]/@href") == ["tel:+41220000000"]
    french = page(website, "fr/contacts/index.html")
    assert french.xpath("string(//p[@class='contact-role'])") == "Porte-parole"
    assert french.xpath("//li[@class='media-contact']/@lang") == []
    # no Chinese role was written: the role is shown in English, and marked so
    chinese = page(website, "zh/contacts/index.html")
    assert chinese.xpath("//p[@class='contact-role']/@lang") == ["en"]
    assert chinese.xpath("string(//p[@class='contact-role'])") == "Spokesperson"


CONTACT = """
[[contacts]]
name = "Jane Doe"
email = "jdoe@example.org"
[contacts.role]
en = "Spokesperson"
fr = "Porte-parole"
ar = "متحدثة رسمية"
[contacts.org]
en = "Example Organization"
fr = "Organisation exemple"
"""
THREE = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "ar", "es"]')


def test_a_contact_falls_back_field_by_field_each_marked_with_its_language(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """One missing translation (the Arabic org) put the whole contact in English, dropping
    the Arabic role; a role written in French only was marked lang="en" on other pages."""
    site = make_site(config=THREE + CONTACT.replace('en = "Spokesperson"\n', ""))
    out = tmp_path / "out"
    build(site, out, NOW)
    arabic = page(out, "ar/contacts/index.html")
    assert arabic.xpath("string(//p[@class='contact-role'])") == "متحدثة رسمية"
    assert arabic.xpath("//p[@class='contact-role']/@lang") == []
    assert arabic.xpath("//p[@class='contact-org']/@lang") == ["en"]
    assert arabic.xpath("string(//p[@class='contact-org'])").replace("\xa0", " ") == (
        "Example Organization"
    )
    spanish = page(out, "es/contacts/index.html")  # the role is in French and Arabic only
    assert spanish.xpath("//p[@class='contact-role']/@lang") == ["fr"]
    assert spanish.xpath("string(//p[@class='contact-role'])") == "Porte-parole"


def test_an_address_with_no_page_gets_the_sites_own_page_from_any_depth(
    project_output: Path,
) -> None:
    """A journalist following an old link got the web server's bare page, in English. The
    site has its own (`404.html`, which hosts send for an address with none): in the default
    language, never indexed, its links leading from the site's root whatever the address."""
    page = lxml_html.parse(str(project_output / "404.html")).getroot()
    assert page.get("lang") == "en"  # the project's default language
    assert page.findtext(".//h1") == "Page not found"
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    base = page.xpath("//head/base/@href")
    assert base == ["/"], base  # the path of https://newsroom.example.org/: any host's
    assert not page.xpath("//a[starts-with(@href, '#')]")  # under <base>: the site's root
    head = list(page.find("head"))
    linked = [i for i, e in enumerate(head) if e.get("href") or e.get("src")]
    assert [e.tag for e in head[: linked[0] + 1]][-1] == "base"  # before any other link
    stylesheet = page.xpath("//link[@rel='stylesheet']/@href")[0]
    assert (project_output / stylesheet).is_file()  # read from the root, as base says
    choices = page.xpath("//ul[@class='language-choice']//a/@href")
    assert len(choices) == 6
    assert all((project_output / href).is_file() for href in choices), choices
    sitemaps = "".join(p.read_text(encoding="utf-8") for p in project_output.rglob("sitemap*.xml"))
    assert "404.html" not in sitemaps
    # a reader who came from /ar/ or /zh/ reads what happened in their language too
    notices = {
        p.get("lang"): (p.get("dir"), p.text_content()) for p in page.xpath("//main//p[@lang]")
    }
    assert sorted(notices) == ["ar", "es", "fr", "ru", "zh"]
    assert notices["ar"][0] == "rtl" and notices["fr"][0] == "ltr"
    assert notices["fr"][1].startswith("Page introuvable")


def test_the_page_not_found_says_nothing_in_a_language_without_its_words(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """German without a catalog: its notice was the English words marked as German."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "de", "fr"]')
    config = config.replace("[site.title]\n", '[site.title]\nde = "Presseraum"\n')
    out = tmp_path / "out"
    build(make_site(config=config), out, NOW)
    page = lxml_html.parse(str(out / "404.html")).getroot()
    assert [p.get("lang") for p in page.xpath("//main//p[@lang]")] == ["fr"]
    # German the default language, still without a catalog: its words are pressgen's
    # English; said once, not again in a paragraph marked English (h65)
    german_first = config.replace('default_language = "en"', 'default_language = "de"')
    build(make_site(config=german_first), tmp_path / "de", NOW)
    page = lxml_html.parse(str(tmp_path / "de" / "404.html")).getroot()
    assert [p.get("lang") for p in page.xpath("//main//p[@lang]")] == ["fr"]


def test_the_page_not_found_of_a_site_below_a_path_leads_from_that_path(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    config = MINIMAL_CONFIG.replace("https://news.example.org/", "https://example.org/newsroom/")
    out = tmp_path / "out"
    build(make_site(config=config), out, NOW)
    page = lxml_html.parse(str(out / "404.html")).getroot()
    assert page.xpath("//head/base/@href") == ["/newsroom/"]
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["assets/style.css"]


@pytest.mark.parametrize(
    ("settings", "files", "expected"),
    [
        (
            '[brand]\naccent = "#ffdd00"\n',
            {},
            "pressgen.toml:14: brand.accent: #ffdd00 on #ffffff has a contrast of 1.3:1, "
            "expected at least 4.5:1",
        ),
        ('[brand]\nlogo = "logo.svg"\n', {}, "brand.logo: 'logo.svg' does not exist"),
        ('[brand]\ncolour = "#000000"\n', {}, "brand.colour: unknown field 'colour'"),
        ("[archive]\npage_size = 0\n", {}, "archive.page_size: expected a whole number"),
        (
            '[brand]\nfavicon = "favicon.png"\n',
            {"assets/favicon.png": "not a picture"},
            "brand.favicon: 'favicon.png' is not a JPEG, PNG, WebP or GIF picture that can",
        ),
        (
            '[brand]\nlogo = "logo.png"\n',
            {"assets/logo.png": "not a picture"},
            "brand.logo: 'logo.png' is not a JPEG, PNG, WebP or GIF picture that can be",
        ),
        (  # a language taken out of `languages`, its text left (h141)
            '[about]\nde = "Über uns"\n',
            {},
            "about.de: 'de' is not one of the site's languages (en, fr): delete this text, or "
            'add "de" to languages',
        ),
        ('[about]\neng = "About"\n', {}, "about.eng: unknown language 'eng', did you mean 'en'"),
        ('[[contacts]]\nemail = "a@b.org"\n', {}, "contacts.name: is missing"),
    ],
)
def test_settings_problems_are_listed(
    make_site: SiteWriter, settings: str, files: dict[str, str], expected: str
) -> None:
    site = make_site(files, config=MINIMAL_CONFIG + "\n" + settings)
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert expected in result.output, result.output


# the lists' folders too: a release "page" at /en/page/ sat above the index's page 2
@pytest.mark.parametrize("name", ["search", "about", "contacts", "page", "years", "regions"])
def test_a_release_may_not_take_a_site_pages_name(make_site: SiteWriter, name: str) -> None:
    from .conftest import ENGLISH, RELEASE_YAML

    site = make_site(
        {f"releases/{name}/release.yaml": RELEASE_YAML, f"releases/{name}/en.md": ENGLISH}
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert f"releases/{name}: is a name the site's own pages use" in result.output


class _Recorder:
    """A Jinja environment that notes the variables each template is given."""

    def __init__(self, env: object, seen: dict[str, set[str]]) -> None:
        self.env, self.seen = env, seen
        self.loader = env.loader  # type: ignore[attr-defined]

    def get_template(self, name: str) -> object:
        template = self.env.get_template(name)  # type: ignore[attr-defined]
        seen = self.seen

        class Noting:
            def render(self, values: dict[str, object]) -> str:
                seen.setdefault(name, set()).update(values)
                return str(template.render(values))

        return Noting()


def test_every_template_variable_is_documented(website: Path) -> None:
    from pressgen.assemble import assemble
    from pressgen.read import read_site
    from pressgen.render.html import root_page
    from pressgen.render.units import render_release
    from pressgen.render.views import ConvertedBodies, RenderContext, render_context

    from .conftest import NOW

    site = read_site(website.parent / "site")
    edition = assemble(site, NOW)
    real = render_context(site)
    seen: dict[str, set[str]] = {}
    ctx = RenderContext(real.config, real.languages, _Recorder(real.env, seen))
    bodies = ConvertedBodies(ctx)
    render_release(
        "with-photos", "en", edition, ctx, bodies, frozenset({"en/with-photos/index.html"})
    )
    root_page(ctx)
    from pressgen.render.outputs import plan

    for unit in plan(edition, _AnyKeys()):
        if unit.name.startswith(("list", "search", "about", "contacts")):
            unit.render(ctx, bodies, frozenset(unit.files))
    docs = (Path(__file__).resolve().parent.parent / "docs/templates.md").read_text()
    assert {"page.html", "index.html", "search.html", "about.html", "contacts.html"} <= set(seen)
    for name, variables in seen.items():
        assert f"`{name}`" in docs or name == "base.html"
        missing = sorted(v for v in variables if f"`{v}`" not in docs)
        assert not missing, f"{name}: {missing} not in docs/templates.md"


class _AnyKeys:
    """Keys that are all the same: enough to plan the units, whose renders are what counts."""

    def __init__(self) -> None:
        self.base = self.assets = "-"
        self.templates = self.catalogs = defaultdict(lambda: "-")

    def __getattr__(self, name: str) -> object:
        return lambda *arguments: "-"
