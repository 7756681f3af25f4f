"""Every page kind of the website through the outside judges (Nu Html Checker, axe-core in
Chromium) in all six languages, and a look at them in Chromium at phone and desktop widths.

Screenshots are kept as artefacts outside git: in $PRESSGEN_ARTEFACTS, by default
/tmp/pressgen-artefacts/screenshots.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pressgen.cli import main

from .conftest import ENGLISH, RELEASE_YAML, SiteWriter
from .sites import LANGUAGES
from .test_search import BROWSER_ARGS, CHROMIUM, browser, served  # noqa: F401 (fixture)

CHECKERS = Path(
    os.environ.get("PRESSGEN_CHECKERS")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "checkers"
)
ARTEFACTS = Path(os.environ.get("PRESSGEN_ARTEFACTS", "/tmp/pressgen-artefacts")) / "screenshots"
PHONE, DESKTOP = (390, 844), (1280, 900)


def page_kinds(out: Path) -> list[Path]:
    """One page of each kind in each language (where the kind exists in it)."""
    found = [
        out / "index.html",
        out / "404.html",
        out / "en/with-photos/index.html",
        out / "fr/with-photos/index.html",
    ]
    for lang in LANGUAGES:
        base = out / lang
        found += [base / "index.html", base / "search/index.html", base / "contacts/index.html"]
        found += [base / "release-4/index.html", base / "regions/global/index.html"]
        found += sorted(base.glob("years/*/index.html"))[:1]
        found += [p for p in (base / "page/2/index.html", base / "about/index.html") if p.is_file()]
        found += sorted(base.glob("topics/*/index.html"))[:1]
    return found


@contextmanager
def page_at(width: int, height: int) -> Iterator[Any]:
    """A page of Debian's Chromium (driven by playwright) `width` × `height` CSS pixels."""
    with browser() as play:  # type: ignore[attr-defined]
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            yield chromium.new_page(viewport={"width": width, "height": height})
        finally:
            chromium.close()


def bidi_site(make_site: SiteWriter, files: dict[str, str]) -> Path:
    """A site in both directions' languages (`BIDI_CONFIG`) whose first release holds
    `files` (name in its folder -> text)."""
    return make_site(
        {
            "pressgen.toml": BIDI_CONFIG,
            **{f"releases/first-release/{name}": text for name, text in files.items()},
        }
    )


def built(site: Path, out: Path) -> Path:
    """`out`, where `pressgen build` has just built `site`."""
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def checker(name: str) -> Path:
    tool = CHECKERS / name
    if not tool.is_file():
        pytest.skip(
            f"{tool} not found: the outside checkers live in ../shared/checkers "
            "(or set PRESSGEN_CHECKERS to their folder)"
        )
    return tool


@pytest.mark.parametrize("name", ["validate-html", "a11y"])
def test_every_page_kind_passes_the_outside_checkers(website: Path, name: str) -> None:
    pages = page_kinds(website)
    assert len(pages) > 50
    result = subprocess.run(
        [str(checker(name)), *map(str, pages)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


SCREENS = [
    "ar/release-4/",
    "zh/release-4/",
    "en/with-photos/",
    "en/page/2/",
    "ar/",
    "ru/search/?q=землетрясение",
    "fr/contacts/",
]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_fit_phone_and_desktop_screens(served: str, size: tuple[int, int]) -> None:  # noqa: F811
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with page_at(size[0], size[1]) as page:
        for path in SCREENS:
            page.goto(served + path)
            page.wait_for_load_state("networkidle")
            name = path.split("?")[0].strip("/").replace("/", "-")
            page.screenshot(path=str(ARTEFACTS / f"{name}-{size[0]}.png"))
            header = page.evaluate("document.querySelector('.site-header').offsetHeight")
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= size[0], f"{path} scrolls sideways at {size[0]} px"
            assert header <= (100 if size == PHONE else 120), f"{path}: header {header} px"
            cut = page.evaluate(
                "(() => { const s = document.querySelector('.site-title span');"
                " return s.offsetWidth > 1 && (s.scrollWidth > s.clientWidth + 1"
                " || s.scrollHeight > s.clientHeight + 8); })()"
            )
            assert not cut, f"{path}: the site's name is cut short at {size[0]} px"
            leading = page.evaluate(
                "(() => { const h = document.querySelector('h1'); const s = getComputedStyle(h);"
                " return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()"
            )
            assert leading <= 1.5, f"{path}: headline leading {leading:.2f}"


def test_beside_an_emblem_the_sites_name_shows_whole_on_a_phone(project_output: Path) -> None:
    """The project's logo is a round emblem, which does not say whose newsroom it is: on a
    phone the name shows beside it, whole, in every language (on up to two lines). (Glyphs
    may overhang their line by a few pixels; a line cut off is a whole line, 17 px.)"""
    with page_at(PHONE[0], PHONE[1]) as page:
        for lang in LANGUAGES:
            page.goto((project_output / lang / "index.html").as_uri())
            shown = page.evaluate(
                "(() => { const s = document.querySelector('.site-title span');"
                " return [s.offsetWidth > 1, s.scrollHeight <= s.clientHeight + 8,"
                " s.scrollWidth <= s.clientWidth + 1]; })()"
            )
            assert shown == [True, True, True], f"{lang}: the site's name is hidden or cut"


def test_on_a_narrow_phone_each_language_name_stays_on_one_line(project_output: Path) -> None:
    """Chinese may break between any two characters: squeezed, "中文" stood as two lines
    of one character each. The list scrolls sideways instead; each name stays whole."""
    with page_at(320, 640) as page:
        for lang in LANGUAGES:
            page.goto((project_output / lang / "index.html").as_uri())
            broken = page.evaluate(
                "[...document.querySelectorAll('.language-switcher a, .language-switcher"
                " [aria-current]')].filter(a => a.getClientRects().length > 1"
                " || a.offsetHeight > 1.5 * parseFloat(getComputedStyle(a).lineHeight))"
                ".map(a => a.textContent)"
            )
            assert broken == [], f"{lang}: language names on two lines: {broken}"


def test_on_a_common_phone_every_language_is_in_sight(project_output: Path) -> None:
    """At 360 px, the width of most phones, the six languages' names fit the row: none is
    cut at the edge of the screen, to be found only by scrolling it (h67)."""
    with page_at(360, 640) as page:
        for lang in LANGUAGES:
            page.goto((project_output / lang / "index.html").as_uri())
            hidden = page.evaluate(
                "[...document.querySelectorAll('.language-switcher li')]"
                ".filter(li => { const r = li.getBoundingClientRect();"
                " return r.left < 0 || r.right > window.innerWidth; })"
                ".map(li => li.textContent.trim())"
            )
            assert hidden == [], f"{lang}: cut at the screen's edge: {hidden}"


def test_the_keyboard_focus_shows_plainly(project_output: Path) -> None:
    """Chromium's own focus ring is a 1 px line, lost on the dark Search button: the focused
    control gets an outline of its own, thick enough to see, outside the control."""
    with page_at(DESKTOP[0], DESKTOP[1]) as page:
        page.goto((project_output / "en" / "index.html").as_uri())
        for selector in (".site-search button", ".site-search input", ".language-switcher a"):
            page.focus(selector)
            page.keyboard.press("Shift+Tab")  # focus by keyboard: :focus-visible applies
            page.keyboard.press("Tab")
            ring = page.evaluate(
                "(() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, parseFloat(s.outlineWidth),"
                " parseFloat(s.outlineOffset)]; })()"
            )
            assert ring[0] != "none" and ring[1] >= 2 and ring[2] >= 1, (selector, ring)
        # On a phone the row of languages scrolls sideways, and clips what overflows it: the
        # ring around a language stays whole inside it.
        page.set_viewport_size({"width": 320, "height": 640})
        page.focus(".language-switcher a")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        cut = page.evaluate(
            "(() => { const a = document.activeElement, s = getComputedStyle(a);"
            " const ring = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);"
            " const r = a.getBoundingClientRect();"
            " const box = a.closest('ul').getBoundingClientRect();"
            " return r.top - ring < box.top - 0.5 || r.bottom + ring > box.bottom + 0.5"
            " || r.left - ring < box.left - 0.5; })()"
        )
        assert not cut, "the focus ring is cut by the scrolling row of languages"


def test_a_release_prints_on_a4_with_its_contacts(website: Path, tmp_path: Path) -> None:
    tool = checker("print-pdf")
    result = subprocess.run(
        [str(tool), str(website / "ar/release-4/index.html"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = next(tmp_path.glob("*.pdf"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info  # not US Letter
    text = next(tmp_path.glob("*.txt")).read_text(encoding="utf-8")
    assert "Other languages" not in text and "بحث" not in text  # no header, no search box


def test_a_printed_release_leaves_out_the_links_to_go_on_reading(
    website: Path, tmp_path: Path
) -> None:
    """The link to the release's year took a third page of paper to itself."""
    page = website / "en/release-4/index.html"
    assert "Press releases from" in page.read_text(encoding="utf-8")
    result = subprocess.run(
        [str(checker("print-pdf")), str(page), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = next(tmp_path.glob("*.txt")).read_text(encoding="utf-8")
    assert "Release number 4" in text and "Press releases from" not in text


BIDI_CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "ar"]

[site.title]
en = "Example Newsroom"
ar = "المركز الإعلامي للمثال"

[regions]
asia-pacific = "Asia and the Pacific"
americas = "Americas"

[topics]
health = "Migration health"
"""


# The elements whose pieces (bidi runs) are shown apart, with something between them
APART = """es => es.filter(e => {
    const r = [...e.getClientRects()].sort((a, b) => a.left - b.left);
    return r.some((x, i) => i > 0 && x.left - r[i - 1].right > 2);
}).map(e => e.textContent)"""


def test_labels_in_another_script_keep_their_place_on_an_arabic_page(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A region label not yet translated shows in English on an Arabic page. Laid out as one
    run with its neighbours, it took the day of the date with it ("20 · ASIA AND THE
    PACIFIC · AMERICAS ديسمبر 2025"): each label and each date is shown whole, in its place."""
    release = RELEASE_YAML.replace("regions: [global]", "regions: [asia-pacific, americas]")
    arabic = "---\ntitle: بيان عن الهجرة\ndateline: جنيف\n---\nنص البيان.\n"
    site = bidi_site(make_site, {"release.yaml": release + "topics: [health]\n", "ar.md": arabic})
    out = built(site, tmp_path / "out")
    pieces = ".release-kind > *:not(.sep), .release-topics a, .release-item time"
    with page_at(DESKTOP[0], DESKTOP[1]) as page:
        for path in ("ar/index.html", "ar/first-release/index.html"):
            page.goto((out / path).as_uri())
            split = page.eval_on_selector_all(pieces, APART)
            assert split == [], f"{path}: shown in pieces: {split}"
            right_to_left = page.eval_on_selector_all(
                ".release-kind",
                "ps => ps.map(p => [...p.querySelectorAll(':scope > :not(.sep)')]"
                ".map(e => e.getBoundingClientRect().left))",
            )
            for lefts in right_to_left:
                assert lefts == sorted(lefts, reverse=True), f"{path}: not right to left"


def test_a_numbered_list_counts_in_the_digits_of_the_page(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h131: an Arabic page wrote its date ٤ مايو ٢٠٢٦ and numbered its list 1. 2. 3.; the
    list counts in the language's digits, on the page and in the PDF."""
    from .pdftools import pdf_text

    arabic = "---\ntitle: بيان\ndateline: جنيف\n---\nنص.\n\n1. أولا\n2. ثانيا\n"
    english = "---\ntitle: A\ndateline: Geneva\n---\nText.\n\n1. First\n2. Second\n"
    site = bidi_site(make_site, {"ar.md": arabic, "en.md": english})
    out = built(site, tmp_path / "out")
    styles = {}
    with page_at(DESKTOP[0], DESKTOP[1]) as page:
        for lang in ("ar", "en"):
            page.goto((out / lang / "first-release/index.html").as_uri())
            styles[lang] = page.eval_on_selector(
                ".release-body ol", "ol => getComputedStyle(ol).listStyleType"
            )
    assert styles == {"ar": "arabic-indic", "en": "decimal"}
    printed = pdf_text(out / "ar/first-release/first-release.ar.pdf")
    assert all(f".{n}" in printed or f"{n}." in printed for n in "١٢"), printed  # either way


def test_an_english_quotation_on_an_arabic_page_keeps_beside_its_bar(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h134: an English paragraph in a quotation or a list on an Arabic page, laid out left
    to right as it should be, stood at the far side of the page from its bar or bullet."""
    arabic = "---\ntitle: بيان\ndateline: جنيف\n---\nنص.\n\n> We act now.\n\n* An item.\n\n* بند\n"
    site = bidi_site(make_site, {"ar.md": arabic})
    out = built(site, tmp_path / "out")
    with page_at(DESKTOP[0], DESKTOP[1]) as page:
        page.goto((out / "ar/first-release/index.html").as_uri())
        gaps = page.eval_on_selector_all(
            ".release-body :is(blockquote, li) > p[dir='ltr']",
            "ps => ps.map(p => { const r = document.createRange(); r.selectNodeContents(p);"
            " return p.getBoundingClientRect().right - r.getBoundingClientRect().right; })",
        )
    assert len(gaps) == 2 and all(gap < 2 for gap in gaps), gaps  # its words end at its edge


# The left edge of each group of each number set apart in a release's body, number by number
GROUP_LEFTS = """es => es.map(e => [...e.textContent.matchAll(/[^ ()+-]+/g)].map(m => {
    const range = document.createRange(), text = e.firstChild;
    range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
    return range.getBoundingClientRect().left;
}))"""


def test_a_number_in_groups_on_an_arabic_page_reads_in_its_order(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h139: "+41 22 717 9111" in the body of an Arabic page showed "9111 717 22 41+", the
    groups of "+٤١ ٢٢ ٧١٧ ٩١١١" and "1 000 000" backwards too: each reads left to right."""
    arabic = (
        "---\ntitle: بيان\ndateline: جنيف\n---\nللاستفسار: +41 22 717 9111 أو (022) 717-91-11 أو"
        " +٤١ ٢٢ ٧١٧ ٩١١١. نحو 1 000 000 شخص.\n"
    )
    out = built(bidi_site(make_site, {"ar.md": arabic}), tmp_path / "out")
    with page_at(DESKTOP[0], DESKTOP[1]) as page:
        page.goto((out / "ar/first-release/index.html").as_uri())
        numbers = page.eval_on_selector_all(".release-body :is(bdi, bdo)[dir='ltr']", GROUP_LEFTS)
    assert [len(lefts) for lefts in numbers] == [4, 4, 4, 3], numbers
    assert all(lefts == sorted(lefts) for lefts in numbers), numbers


# Each dot of a release's kind line: whether it shows, and the tops of its line and of the
# parts before and after it.
DOTS = """p => [...p.querySelectorAll('.sep')].map(sep => {
    const box = p.getBoundingClientRect(), dot = sep.getBoundingClientRect();
    const before = sep.previousElementSibling || sep.parentElement.previousElementSibling;
    const shown = dot.left >= box.left - 0.5 && dot.right <= box.right + 0.5;
    const top = e => Math.round(e.getBoundingClientRect().top);
    return [shown, top(sep), top(before), top(sep.nextElementSibling)];
})"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_line_of_a_release_kind_starts_or_ends_with_a_dot(
    make_site: SiteWriter, tmp_path: Path, lang: str
) -> None:
    """ "PRESS RELEASE · ASIA AND THE PACIFIC ·" then the date on the next line: a dot ended
    a line on a phone (h101). A dot shows only between two parts on one line."""
    release = RELEASE_YAML.replace("regions: [global]", "regions: [asia-pacific, americas]")
    arabic = "---\ntitle: بيان عن الهجرة\ndateline: جنيف\n---\nنص البيان.\n"
    site = bidi_site(make_site, {"release.yaml": release, "ar.md": arabic})
    out = built(site, tmp_path / "out")
    with page_at(300, 640) as page:
        for path in (f"{lang}/index.html", f"{lang}/first-release/index.html"):
            page.goto((out / path).as_uri())
            for kind in page.query_selector_all(".release-kind"):
                dots = kind.evaluate(DOTS)
                lines = {after for *_, after in dots}
                assert len(lines) > 1 or path.endswith("first-release/index.html"), dots
                for shown, top, before, after in dots:  # shown: between two parts of a line
                    on_its_line = abs(top - before) < 8 and abs(top - after) < 8  # a line: 20
                    assert not shown or on_its_line, (path, dots)
                    assert shown or abs(before - after) >= 8, (path, dots)  # hidden: at a start


# The hyphens of an element's text that end a line: the hyphen and the letter after it
# are laid out on two lines.
HYPHENS_AT_LINE_END = """e => {
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), chars = [];
    for (let node; (node = walker.nextNode()); )
        chars.push(...[...node.data].map((_, i) => [node, i]));
    let found = 0;
    for (let k = 0; k + 1 < chars.length; k++) {
        const [n, i] = chars[k], [m, j] = chars[k + 1];
        if (n.data[i] !== "-") continue;
        const range = document.createRange();
        range.setStart(n, i); range.setEnd(m, j + 1);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) found++;
    }
    return found;
}"""


@pytest.mark.parametrize(
    "address",
    [
        "media-relations-geneva@un-agency.org",
        # a part with hyphens longer than the line breaks, rather than run off the screen
        "international-organization-for-migration-media@un-agency.org",
    ],
)
def test_an_email_address_is_never_broken_at_its_hyphen(
    make_site: SiteWriter, tmp_path: Path, address: str
) -> None:
    """On a phone, "media-relations-geneva@..." broke after "media-", which a reader takes
    for a hyphen added at the line's end and leaves out when writing the address: it may
    break after its @ or before a dot, and copies whole. A part too long for a line ran off
    the screen (h103): that one breaks, as it must."""
    release = ENGLISH.replace("jdoe@example.org", address).replace("Jane Doe", "Jane")
    site = make_site({"releases/first-release/en.md": release})
    out = built(site, tmp_path / "out")
    with page_at(300, 640) as page:
        page.goto((out / "en/first-release/index.html").as_uri())
        link = page.query_selector(f"a[href='mailto:{address}']")
        assert link.text_content() == address
        assert page.evaluate("document.documentElement.scrollWidth") <= 300
        if address.startswith("international"):
            return
        assert len(link.evaluate("e => [...e.getClientRects()]")) > 1  # it does not fit a line
        assert link.evaluate(HYPHENS_AT_LINE_END) == 0


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_search_box_is_mirrored_on_a_right_to_left_page(served: str, lang: str) -> None:  # noqa: F811
    """Pagefind draws its box for left-to-right text: on an Arabic page the magnifier and
    the clear button change sides, and the text starts on the right, clear of both."""
    with page_at(DESKTOP[0], DESKTOP[1]) as page:
        page.goto(f"{served}{lang}/search/?q=2020")
        page.wait_for_selector(".pagefind-ui__search-clear", timeout=15_000)
        sides = page.evaluate(
            """(() => {
                const input = document.querySelector('.pagefind-ui__search-input');
                const box = input.getBoundingClientRect(), middle = box.left + box.width / 2;
                const clear = document.querySelector('.pagefind-ui__search-clear');
                const glass = getComputedStyle(input.form, '::before');
                const lens = input.form.getBoundingClientRect().left + parseFloat(glass.left);
                const style = getComputedStyle(input);
                return [clear.getBoundingClientRect().left < middle, lens < middle,
                        parseFloat(style.paddingRight) < parseFloat(style.paddingLeft)];
            })()"""
        )
    rtl = lang == "ar"
    assert sides == [rtl, not rtl, rtl], sides  # clear button, magnifier, text's start


def test_the_page_not_found_works_at_any_depth_as_a_server_sends_it(website: Path) -> None:
    """A host sends `404.html` for any address with none, however deep: its stylesheet
    loads and its links lead to the languages' pages, from there as from the root."""
    import functools
    import http.server
    import threading

    class NotFoundAsHostsDo(http.server.SimpleHTTPRequestHandler):
        def send_error(self, code: int, *args: object, **kwargs: object) -> None:
            if code != 404:
                return super().send_error(code, *args, **kwargs)  # type: ignore[arg-type]
            body = (website / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(NotFoundAsHostsDo, directory=str(website))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with browser() as play:  # type: ignore[attr-defined]
            chromium = play.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            page = chromium.new_page()
            answer = page.goto(f"{host}/en/an/old/link/that/moved/")
            assert answer is not None and answer.status == 404
            rules = page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)")
            assert rules and rules[0] > 20, rules  # pressgen's stylesheet, loaded
            links = page.eval_on_selector_all(".language-choice a", "a => a.map(x => x.href)")
            assert len(links) == len(LANGUAGES)
            for link in links:
                assert link.startswith(f"{host}/") and page.request.get(link).status == 200, link
            chromium.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_folder_of_previews_passes_the_html_checker(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Its index page, which keeps a web server from listing the previews' secret names,
    had an empty title and no language: the checker refused the folder for it (h81)."""
    site = make_site()
    out = tmp_path / "preview"
    args = ["preview", "first-release", "--site", str(site), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    alone = tmp_path / "index-alone"
    alone.mkdir()
    (alone / "index.html").write_bytes((out / "index.html").read_bytes())
    for name, target in (("validate-html", [alone]), ("a11y", [alone / "index.html"])):
        result = subprocess.run(
            [str(checker(name)), *map(str, target)], capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
