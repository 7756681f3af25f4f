"""A site language with a region or a script (fr-CA, es-419, zh-TW): its pages show, message
by message, the most specific translation there is (the site's fr-CA, pressgen's fr-CA, the
site's fr, pressgen's fr), English only where none has one; a parent written in another
script (Simplified `zh` for Traditional `zh-TW`) gives none of its words."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.html
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.engine import build
from pressgen.i18n import load_languages

from .conftest import ENGLISH, FRENCH_LABELS, MINIMAL_CONFIG, NOW, SiteWriter

CANADIAN = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr-CA"]').replace(
    'fr = "Salle de presse exemple"', 'fr-CA = "Salle de presse exemple"'
)
CHINESE = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "zh-TW", "zh-CN"]').replace(
    'fr = "Salle de presse exemple"', 'zh-TW = "新聞中心"\nzh-CN = "新闻中心"'
)
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
RELEASE = "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
RELEASE += "regions: [global]\ntopics: [health]\nstatus: published\n"
TRANSLATED = "---\ntitle: Un titre en français\ndateline: Genève\n---\nPremier paragraphe.\n"


def _catalog(**translations: str) -> str:
    return HEADER + "".join(f'msgid "{m}"\nmsgstr "{t}"\n\n' for m, t in translations.items())


def _release(*langs: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"releases/first-release/release.yaml": RELEASE}
    files["releases/first-release/en.md"] = ENGLISH
    files.update({f"releases/first-release/{lang}.md": TRANSLATED for lang in langs})
    return files


def _page(out: Path, lang: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(out / lang / "first-release" / "index.html")).getroot()


def _text(page: lxml.html.HtmlElement, xpath: str) -> str:
    return " ".join("".join(e.itertext()) for e in page.xpath(xpath)).strip()


def test_a_canadian_french_page_shows_french_words_from_the_nearest_catalog(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """fr-CA pages showed pressgen's English ("Download PDF") although pressgen and the
    site both have French; dates and times keep Canada's own way ("10 h 00")."""
    files = _release("fr-CA")
    files["locales/fr/LC_MESSAGES/messages.po"] = (
        FRENCH_LABELS
        + "\n"
        + _catalog(**{"Press release": "Communiqué de presse", "Search": "Rechercher (fr)"})
    )
    files["locales/fr_CA/LC_MESSAGES/messages.po"] = _catalog(Search="Chercher")
    site = make_site(files, config=CANADIAN, with_default_release=False)
    out = tmp_path / "public"
    build(site, out, NOW)
    page = _page(out, "fr-CA")
    assert _text(page, "//form[@role='search']//button") == "Chercher"  # the site's fr-CA
    assert _text(page, "//span[@class='release-type']") == "Communiqué de presse"  # site's fr
    assert _text(page, "//a[@type='application/pdf']") == "Télécharger le PDF"  # pressgen's fr
    # the site's fr label, after pressgen's fr "Topics:" with French spacing
    assert _text(page, "//p[@class='release-topics']") == "Thèmes\u202f: santé des migrants"
    assert _text(page, "//span[@class='dateline']//time") == "1er mai 2024"
    canadian = load_languages(["fr-CA"], site / "locales")["fr-CA"]
    instant = datetime(2024, 5, 1, 10, tzinfo=timezone(timedelta(hours=2)))
    assert canadian.long_datetime(instant) == "1er mai 2024 à 10 h 00 (UTC+02:00), soit 08 h 00 GMT"


def test_traditional_chinese_never_shows_the_simplified_catalog(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """zh-TW takes no word of `zh` (Simplified characters): English until a catalog in
    Traditional characters (the site's zh_Hant, for Taiwan and Hong Kong alike) has it;
    zh-CN, written in Simplified characters as `zh` is, takes zh's."""
    files = _release("zh-TW", "zh-CN")
    files["locales/zh_Hant/LC_MESSAGES/messages.po"] = _catalog(Search="搜尋")
    site = make_site(files, config=CHINESE, with_default_release=False)
    out = tmp_path / "public"
    build(site, out, NOW)
    taiwan, china = _page(out, "zh-TW"), _page(out, "zh-CN")
    assert _text(taiwan, "//form[@role='search']//button") == "搜尋"
    assert _text(taiwan, "//a[@type='application/pdf']") == "Download PDF"
    assert _text(china, "//form[@role='search']//button") == "搜索"
    assert _text(china, "//a[@type='application/pdf']") == "下载PDF文件"
    from pressgen.i18n import catalog_tags  # the chain of catalogs those pages take

    assert catalog_tags("zh-TW") == ("zh-TW", "zh-Hant")
    assert catalog_tags("zh-Hant-HK") == ("zh-Hant-HK", "zh-Hant")
    assert catalog_tags("zh-CN") == ("zh-CN", "zh-Hans", "zh")
    assert catalog_tags("es-419") == ("es-419", "es")
    assert catalog_tags("fr-CA") == ("fr-CA", "fr")
    assert catalog_tags("sr-Latn") == ("sr-Latn",)  # `sr` is written in Cyrillic
    assert catalog_tags("fr") == ("fr",)


def _check(site: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    return result.exit_code, [line for line in result.output.splitlines() if "locales/" in line]


def test_check_reads_a_regional_language_through_its_parents_catalog(
    make_site: SiteWriter,
) -> None:
    """A fr-CA site whose French catalog is complete: no warning (check said the fr_CA
    catalog did not exist and the pages would be English); a label French lacks is named
    in the French catalog, where it goes; a broken line there is an error for fr-CA too."""
    site = make_site(_release("fr-CA"), config=CANADIAN, with_default_release=False)
    assert _check(site) == (0, [])
    config = CANADIAN.replace("[topics]\n", '[topics]\nborders = "Border management"\n')
    (site / "pressgen.toml").write_text(config, encoding="utf-8")
    status, lines = _check(site)
    assert (status, lines) == (
        1,
        [
            "warning: locales/fr/LC_MESSAGES/messages.po: msgid: 'Border management' has no "
            "translation into 'fr-CA': add the lines msgid \"Border management\" and msgstr "
            '"..." holding its translation'
        ],
    )
    catalog = site / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(FRENCH_LABELS + '\nmsgid "Search"\nmsgstr "Chercher\n', encoding="utf-8")
    assert _check(site) == (
        1,
        [
            "locales/fr/LC_MESSAGES/messages.po:9: opens a quote and never closes it: end the "
            'text with " on the same line'
        ],
    )


def test_new_writes_french_examples_for_canadian_french(make_site: SiteWriter) -> None:
    """`pressgen new --lang fr-CA` wrote English examples; zh-TW keeps English ones, not
    Simplified Chinese."""
    config = CANADIAN.replace('["en", "fr-CA"]', '["en", "fr-CA", "zh-TW"]')
    site = make_site(config=config)
    for lang, title in (("fr-CA", "Titre du communiqué"), ("zh-TW", "Headline of the release")):
        created = CliRunner().invoke(
            main, ["new", f"n-{lang.lower()}", "--lang", lang, "--site", str(site)]
        )
        assert created.exit_code == 0, created.output
        text = (site / "releases" / f"n-{lang.lower()}" / f"{lang}.md").read_text("utf-8")
        assert f"title: {title}\n" in text, text


def test_a_label_french_lacks_is_named_once_on_a_site_of_fr_and_fr_ca(
    make_site: SiteWriter,
) -> None:
    """With fr and fr-CA and one French catalog, each missing label was named twice for the
    same file, the second time as if locales/fr_CA existed (h70, h71): one msgstr mends both."""
    both = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "fr-CA"]').replace(
        'fr = "Salle de presse exemple"',
        'fr = "Salle de presse exemple"\nfr-CA = "Salle de presse exemple"',
    )
    config = both.replace("[topics]\n", '[topics]\nborders = "Border management"\n')
    site = make_site(_release("fr-CA"), config=config, with_default_release=False)
    assert _check(site) == (
        1,
        [
            "warning: locales/fr/LC_MESSAGES/messages.po: msgid: 'Border management' has no "
            "translation into 'fr': add the lines msgid \"Border management\" and msgstr "
            '"..." holding its translation'
        ],
    )


def test_a_language_without_catalogs_shows_the_sites_english_words(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """pt-BR has no catalog, pressgen's or the site's: its pages show English, and that is
    the site's English (its locales/en), not pressgen's, wherever the site changed a word;
    an edit of that catalog reaches those pages at the next build. zh-TW's English words
    too. The site's gaps are still named for pt-BR: its English is no translation."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "pt-BR", "zh-TW"]')
    files = _release("pt-BR", "zh-TW")
    english = "locales/en/LC_MESSAGES/messages.po"
    files[english] = _catalog(**{"Press release": "News release"})
    site = make_site(files, config=config, with_default_release=False)
    out = tmp_path / "public"
    build(site, out, NOW)
    for lang in ("en", "pt-BR", "zh-TW"):
        assert _text(_page(out, lang), "//span[@class='release-type']") == "News release"
    assert _text(_page(out, "pt-BR"), "//a[@type='application/pdf']") == "Download PDF"
    (site / english).write_text(_catalog(**{"Press release": "Media release"}), "utf-8")
    build(site, out, NOW)
    for lang in ("en", "pt-BR", "zh-TW"):
        assert _text(_page(out, lang), "//span[@class='release-type']") == "Media release"
    _, lines = _check(site)
    assert any("locales/pt_BR" in line and "pressgen has no catalog" in line for line in lines)


def test_the_sites_english_plurals_count_by_english_rules_in_any_language(
    make_site: SiteWriter,
) -> None:
    """The site's English "news item(s)" on a pt-BR or zh-TW page counts as English does
    (one, other), never by the page's own rule: Chinese has one form for every number, and
    took "2 news item"; Portuguese mixed the site's form with pressgen's (h72)."""
    plural = (
        'msgid "%(count)s release"\nmsgid_plural "%(count)s releases"\n'
        'msgstr[0] "%(count)s news item"\nmsgstr[1] "%(count)s news items"\n'
    )
    site = make_site({"locales/en/LC_MESSAGES/messages.po": HEADER + plural})
    languages = load_languages(["en", "pt-BR", "zh-TW", "fr"], site / "locales")
    for lang in ("en", "pt-BR", "zh-TW"):
        counts = [
            languages[lang].ngettext("%(count)s release", "%(count)s releases", n)
            for n in (1, 2, 5)
        ]
        assert [c % {"count": n} for c, n in zip(counts, (1, 2, 5), strict=True)] == [
            "1 news item",
            "2 news items",
            "5 news items",
        ], lang
    french = languages["fr"].ngettext("%(count)s release", "%(count)s releases", 2)
    assert french % {"count": 2} == "2 communiqués"  # pressgen's French, not the site's English
