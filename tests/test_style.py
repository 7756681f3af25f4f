"""House style in every language: a CLDR locale per site language, instants as newsrooms
write them, the catalogs' wording, lists in running text, and right-to-left plain text."""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from click.testing import CliRunner
from lxml import html as lxml_html

from pressgen import cldr
from pressgen.cldr import join_list, running_text
from pressgen.cli import main
from pressgen.engine import build
from pressgen.i18n import Language, load_languages
from pressgen.read import read_site
from pressgen.render.views import preview_banner
from pressgen.resources import PACKAGE_LOCALES, catalog_path

from .conftest import MINIMAL_CONFIG, NOW, SiteWriter

LANGS = ("en", "fr", "es", "ar", "zh", "ru")
BRITISH = MINIMAL_CONFIG.replace("[site.title]", '[site.locales]\nen = "en_GB"\n\n[site.title]')
ZURICH = ZoneInfo("Europe/Zurich")
RLM = "\u200f"


def languages(locales: Mapping[str, str] | None = None) -> Mapping[str, Language]:
    return load_languages(LANGS, None, locales)


def page(out: Path, lang: str, release: str = "first-release") -> str:
    return (out / lang / release / "index.html").read_text(encoding="utf-8")


# --- [site.locales] ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "date", "og_locale"),
    [(MINIMAL_CONFIG, "May 1, 2024", "en_US"), (BRITISH, "1 May 2024", "en_GB")],
)
def test_english_dates_follow_the_site_locale_and_urls_do_not(
    make_site: SiteWriter, tmp_path: Path, config: str, date: str, og_locale: str
) -> None:
    site = make_site(config=config)
    out = tmp_path / "public"
    build(site, out, NOW)
    tree = lxml_html.fromstring(page(out, "en").encode("utf-8"))
    assert tree.xpath("string(//span[@class='dateline']/time)") == date  # the date, once
    assert tree.xpath("string(//meta[@property='og:locale']/@content)") == og_locale
    assert tree.get("lang") == "en"
    root = lxml_html.fromstring((out / "index.html").read_bytes())
    assert root.xpath("//li[@lang='en']//span[@class='language-name']/text()") == ["English"]
    text = (out / "en" / "first-release" / "first-release.en.txt").read_text("utf-8")
    assert f"\n{date}\n" in text


def test_og_locale_of_a_language_without_territory_is_the_likely_one() -> None:
    """Portuguese and Hindi added to a site had og:locale "pt" and "hi": Open Graph readers
    expect language_TERRITORY, as the six languages pressgen ships get."""
    from pressgen.render.html import _og_locale

    names = ("pt", "hi", "sw", "pt_PT", "ar", "zh_Hant", "no")
    assert [_og_locale(name) for name in names] == [
        "pt_BR",
        "hi_IN",
        "sw_TZ",
        "pt_PT",
        "ar_AR",  # Facebook's own, which readers know
        "zh_TW",  # was zh_CN: the language's territory, not its script's
        "no_NO",  # an internal error: Babel has no locale named no_Latn_NO
    ]


def test_og_locale_is_the_configured_locale(make_site: SiteWriter, tmp_path: Path) -> None:
    config = MINIMAL_CONFIG.replace("[site.title]", '[site.locales]\nen = "en_US"\n\n[site.title]')
    out = tmp_path / "public"
    build(make_site(config=config), out, NOW)
    assert '<meta property="og:locale" content="en_US">' in page(out, "en")


def test_og_locale_alternates_name_each_other_locale_once(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A site in pt and pt-BR: both format as pt_BR, and the pt page named pt_BR as its
    own locale and as an alternate, which Open Graph reads as the same page twice."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "pt", "pt-BR"]')
    text = "---\ntitle: Título\ndateline: Genebra\n---\nTexto.\n"
    site = make_site(
        {"releases/first-release/pt.md": text, "releases/first-release/pt-BR.md": text},
        config=config,
    )
    out = tmp_path / "public"
    build(site, out, NOW)
    alternates = re.findall(r'og:locale:alternate" content="([^"]+)"', page(out, "pt"))
    assert sorted(alternates) == ["en_US"]  # (the release has no French)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('de = "de_CH"', "locales.de: 'de' is not a language of the site"),
        ('en = "fr_FR"', "locales.en: 'fr_FR' is not a CLDR locale of the language 'en'"),
        ('en = "en_XX_nonsense"', "is not a CLDR locale of the language 'en'"),
        ("en = 3", "expected one text per language"),
    ],
)
def test_a_wrong_locale_is_a_problem_with_its_line(
    make_site: SiteWriter, runner: CliRunner, table: str, message: str
) -> None:
    config = MINIMAL_CONFIG.replace("[site.title]", f"[site.locales]\n{table}\n\n[site.title]")
    result = runner.invoke(main, ["check", "--site", str(make_site(config=config))])
    assert result.exit_code == 1
    assert "pressgen.toml:" in result.output and message in result.output


# --- Instants ---------------------------------------------------------------------------


def test_british_english_writes_times_on_a_24_hour_clock_with_the_zone() -> None:
    english = languages({"en": "en_GB"})["en"]
    summer = datetime(2021, 6, 2, 16, 0, tzinfo=ZURICH)
    assert english.long_datetime(summer) == "16:00 CEST (14:00 GMT), 2 June 2021"
    assert english.embargo_instant(summer) == english.long_datetime(summer)
    assert english.time_with_zone(summer) == "16:00 CEST"


def test_the_first_of_a_month_is_written_1er_in_french() -> None:
    """French writes "1er décembre 2026" (CLDR gives "1 décembre"): every line that dates a
    release, in French and in its regional forms; no other language changes."""
    langs = languages({"en": "en_GB"})
    first, second = datetime(2026, 12, 1, 9, tzinfo=UTC), datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert langs["fr"].long_date(first) == "1er décembre 2026"
    assert langs["fr"].long_date(second) == "2 décembre 2026"
    assert langs["fr"].long_datetime(first).startswith("1er décembre 2026 à 09:00")
    assert langs["en"].long_date(first) == "1 December 2026"
    assert langs["es"].long_date(first) == "1 de diciembre de 2026"
    assert langs["zh"].long_date(first) == "2026年12月1日"
    paris = datetime(2026, 12, 2, 0, 30, tzinfo=ZoneInfo("Europe/Paris"))  # 23:30 GMT on the 1st
    assert langs["fr"].long_datetime(paris).endswith("soit 23:30 GMT le 1er décembre")
    # a pattern that quotes text right after the day keeps it (Scottish Gaelic: "1mh")
    assert cldr.long_date(first, Locale.parse("gd"), "1a") == "1amh dhen Dùbhlachd 2026"


def test_us_english_is_the_default_without_a_locale() -> None:
    english = languages()["en"]
    summer = datetime(2021, 6, 2, 16, 0, tzinfo=ZURICH)
    assert english.long_date(summer) == "June 2, 2021"
    assert english.long_datetime(summer).startswith("4:00\u202fPM ")


@pytest.mark.parametrize(
    ("lang", "summer", "winter"),
    [
        ("en", "10:00 CEST (08:00 GMT), 2 April 2026", "10:00 CET (09:00 GMT), 20 March 2026"),
        ("es", "2 de abril de 2026 a las 10:00 CEST (8:00 GMT)", "a las 10:00 CET (9:00 GMT)"),
        ("fr", "à 10:00 (heure d’été d’Europe centrale), soit 08:00 GMT", "heure normale"),
        ("ru", "10:00 (Центральная Европа, летнее время) 2 апреля 2026\u202fг.", "стандартное"),
        ("zh", "2026年4月2日 10:00（中欧夏令时间），即格林尼治标准时间08:00", "中欧标准时间"),
        ("ar", "توقيت وسط أوروبا الصيفي", "توقيت وسط أوروبا الرسمي"),
    ],
)
def test_banners_name_the_zone_across_a_summer_time_change(
    make_site: SiteWriter, lang: str, summer: str, winter: str
) -> None:
    """The release is dated in winter (CET) and embargoed until after the change: the banner
    names the zone as it is at the embargo's end, summer time."""
    release = read_site(make_site()).releases[0]
    release = replace(
        release,
        date=datetime(2026, 3, 20, 10, 0, tzinfo=ZURICH),
        embargo=datetime(2026, 4, 2, 8, 0, tzinfo=UTC),
    )
    language = languages({"en": "en_GB"})[lang]
    before = datetime(2026, 3, 1, tzinfo=UTC)
    assert summer in (preview_banner(release, language, before) or "")
    unembargoed = replace(release, embargo=None)
    assert winter in (preview_banner(unembargoed, language, before) or "")


def test_an_embargo_that_ends_within_a_minute_shows_its_seconds(make_site: SiteWriter) -> None:
    """Embargoed until 10:00:30: a banner saying 10:00 would let a journalist publish half
    a minute early. A time on the minute keeps the short form."""
    release = read_site(make_site()).releases[0]
    language = languages({"en": "en_GB"})["en"]
    before = datetime(2026, 3, 1, tzinfo=UTC)
    to_the_second = replace(release, embargo=datetime(2026, 4, 2, 10, 0, 30, tzinfo=UTC))
    assert "10:00:30 GMT" in (preview_banner(to_the_second, language, before) or "")
    on_the_minute = replace(release, embargo=datetime(2026, 4, 2, 10, 0, tzinfo=UTC))
    assert "10:00 GMT" in (preview_banner(on_the_minute, language, before) or "")


def test_a_bare_offset_is_named_by_its_gmt_format() -> None:
    langs = languages({"en": "en_GB"})
    instant = datetime.fromisoformat("2021-06-02T16:00:00+02:00")
    assert langs["en"].long_datetime(instant) == "16:00 GMT+02:00 (14:00 GMT), 2 June 2021"
    assert "UTC+02:00" in langs["fr"].long_datetime(instant)
    assert "غرينتش+٠٢:٠٠" in langs["ar"].long_datetime(instant)


def test_a_gmt_instant_gives_its_time_once() -> None:
    english = languages({"en": "en_GB"})["en"]
    instant = datetime(2021, 6, 2, 14, 0, tzinfo=UTC)
    assert english.long_datetime(instant) == "14:00 GMT, 2 June 2021"
    london = datetime(2021, 1, 2, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    assert english.long_datetime(london) == "14:00 GMT, 2 January 2021"


def test_the_gmt_time_on_another_day_says_which_day() -> None:
    english = languages({"en": "en_GB"})["en"]
    instant = datetime(2021, 6, 2, 1, 0, tzinfo=ZURICH)
    assert english.long_datetime(instant) == "01:00 CEST (23:00 GMT on 1 June), 2 June 2021"


def test_updated_lines_give_the_time_and_zone(make_site: SiteWriter, tmp_path: Path) -> None:
    corrected = (
        "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\nstatus: published\n"
        "corrections:\n  - date: 2024-05-02T09:30:00+02:00\n    note:\n      en: Fixed.\n"
    )
    site = make_site({"releases/first-release/release.yaml": corrected}, config=BRITISH)
    out = tmp_path / "public"
    build(site, out, NOW)
    assert "Updated on 2 May 2024 at 09:30 GMT+02:00</time>: Fixed." in page(out, "en")
    text = (out / "en" / "first-release" / "first-release.en.txt").read_text("utf-8")
    assert "Updated on 2 May 2024 at 09:30 GMT+02:00: Fixed." in text


# --- Catalogs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "plain_text", "feed"),
    [
        ("en", "Plain text version", "Press releases – IOM Newsroom"),
        ("fr", "Version texte", "Communiqués – Salle de presse de l'OIM"),
        ("es", "Versión en texto", "Comunicados de prensa – Sala de prensa de la OIM"),
        ("ar", "نسخة نصية", "البيانات الصحفية الصادرة عن المركز الإعلامي"),
        ("zh", "纯文本版", "国际移民组织新闻中心发布的新闻稿"),
        ("ru", "Текстовая версия", "Пресс-релизы — Пресс-центр МОМ"),
    ],
)
def test_the_project_shows_the_reviewed_wording(
    project_output: Path, lang: str, plain_text: str, feed: str
) -> None:
    tree = lxml_html.fromstring(page(project_output, lang, "oim-blt-api-pnr").encode("utf-8"))
    assert tree.xpath("string(//p[@class='release-formats']/a)") == plain_text
    rss = (project_output / lang / "rss.xml").read_text(encoding="utf-8")
    assert feed in rss
    assert "de Salle de presse" not in rss and "from IOM Newsroom" not in rss


def test_french_index_and_type_label_agree(project_output: Path) -> None:
    index = lxml_html.fromstring((project_output / "fr" / "index.html").read_bytes())
    assert index.xpath("string(//h1)") == "Communiqués"
    assert index.xpath("string(//span[@class='release-type'])") == "Communiqué"


def test_chinese_embargo_puts_the_instant_first() -> None:
    chinese = languages()["zh"]
    banner = chinese.gettext("EMBARGOED UNTIL %(instant)s") % {"instant": "X"}
    assert banner == "X前禁止发布"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا توجد بيانات"),
        (1, "بيان واحد"),
        (2, "بيانان"),
        (3, "3 بيانات"),
        (11, "11 بيانًا"),
        (100, "100 بيان"),
        (102, "102 بيان"),
        (103, "103 بيانات"),
    ],
)
def test_arabic_counts_take_all_six_plural_forms(count: int, expected: str) -> None:
    arabic = languages()["ar"]
    text = arabic.ngettext("%(count)s release", "%(count)s releases", count)
    assert text % {"count": count} == expected


@pytest.mark.parametrize("lang", LANGS)
def test_each_catalogs_plural_forms_follow_cldr(lang: str) -> None:
    with catalog_path(PACKAGE_LOCALES, lang).open("rb") as handle:
        catalog = read_po(handle)
    rule = Locale.parse(lang).plural_form
    counts = [*range(0, 1200), 1_000_000, 1_000_001, 2_000_000]
    # gettext numbers the forms a whole number can take, in CLDR's order
    # (Russian's "other" is for fractions only).
    taken = {rule(n) for n in counts}
    tags = [t for t in ("zero", "one", "two", "few", "many", "other") if t in taken]
    choose = gettext.c2py(catalog.plural_expr)
    assert catalog.num_plurals == len(tags)
    for n in counts:
        assert tags[choose(n)] == rule(n), f"{lang}: {n}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_in_every_language(lang: str) -> None:
    with catalog_path(PACKAGE_LOCALES, lang).open("rb") as handle:
        catalog = read_po(handle)
    with (PACKAGE_LOCALES / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    for message in template:
        if message.id:
            found = catalog.get(message.id, message.context)
            assert found is not None and not found.fuzzy, (lang, message.id)
            strings = found.string if isinstance(found.string, tuple) else (found.string,)
            assert all(strings), (lang, message.id)


# --- Lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "topics"),
    [
        ("en", "Topics: border management and counter-terrorism"),
        ("fr", "Thèmes\u202f: gestion des frontières et lutte contre le terrorisme"),
        ("es", "Temas: gestión de fronteras y lucha contra el terrorismo"),
        ("ru", "Темы: управление границами и борьба с терроризмом"),
        ("ar", "المواضيع: إدارة الحدود ومكافحة الإرهاب"),
        ("zh", "主题：边境管理和反恐"),
    ],
)
def test_topics_read_as_running_text(project_output: Path, lang: str, topics: str) -> None:
    """Each topic links to its list of releases; the line reads as a sentence."""
    html = page(project_output, lang, "oim-blt-api-pnr")
    assert topics_line(html) == topics
    tree = lxml_html.fromstring(html.encode("utf-8"))
    links = tree.xpath("//p[@class='release-topics']/a/@href")
    assert links == [
        "../topics/border-management/index.html",
        "../topics/counter-terrorism/index.html",
    ]


def topics_line(html: str) -> str:
    tree = lxml_html.fromstring(html.encode("utf-8"))
    return str(tree.xpath("string(//p[@class='release-topics'])"))


def test_running_text_keeps_acronyms_and_german_nouns() -> None:
    english, german = Locale.parse("en"), Locale.parse("de")
    assert running_text("Border management", english) == "border management"
    assert running_text("COVID-19 response", english) == "COVID-19 response"
    assert running_text("Grenzmanagement", german) == "Grenzmanagement"


def test_a_site_catalog_gives_a_proper_name_its_running_text_form(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    catalog = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "in running text"\nmsgid "Migration health"\nmsgstr "Migration health"\n'
    )
    release = (
        "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
        "topics: [health]\nstatus: published\n"
    )
    site = make_site(
        {
            "releases/first-release/release.yaml": release,
            "releases/first-release/fr.md": "---\ntitle: Titre\ndateline: Genève\n---\nTexte.\n",
            "locales/en/LC_MESSAGES/messages.po": catalog,
        }
    )
    out = tmp_path / "public"
    build(site, out, NOW)
    assert topics_line(page(out, "en")) == "Topics: Migration health"
    assert topics_line(page(out, "fr")) == "Thèmes\u202f: santé des migrants"


def test_spanish_and_becomes_e_before_an_i_sound() -> None:
    spanish = Locale.parse("es")
    assert join_list(["salud", "integración"], spanish) == "salud e integración"
    assert join_list(["salud", "hielo"], spanish) == "salud y hielo"
    assert join_list(["salud", "higiene"], spanish) == "salud e higiene"


def test_counts_use_the_locales_grouping() -> None:
    assert languages()["fr"].number(1234) == "1\u202f234"
    assert languages({"en": "en_GB"})["en"].number(1234) == "1,234"


@pytest.mark.parametrize(
    ("lang", "written", "shown"),
    [
        ("ru", "Помощь получили 140 000 человек", "Помощь получили 140\u00a0000 человек"),
        ("fr", "Plus de 1 250 000 personnes", "Plus de 1\u202f250\u202f000 personnes"),
        ("en", "In 2024 120 people", "In 2024 120 people"),  # English groups with commas
        ("ru", "В 2020 году, 15 июня", "В 2020 году, 15 июня"),  # no number to keep whole
    ],
)
def test_a_number_typed_with_spaces_never_breaks_where_the_language_groups_so(
    lang: str, written: str, shown: str
) -> None:
    """ "140 000" typed with a plain space, in a language whose digits are grouped by a
    space: the locale's own no-break space, so that no line breaks inside the number."""
    assert languages()[lang].typography(written) == shown


def test_an_email_address_in_french_text_keeps_its_last_letter_whole() -> None:
    """Markdown writes `<ahaddad@iom.int>` as character references; French spacing took the
    last one's semicolon for punctuation: the page, PDF and text read "ahaddad@iom.int ;"."""
    from pressgen.render.markdown import body_html

    written = "Écrivez à <ahaddad@iom.int> pour tout renseignement ; merci !\n"
    html = body_html(written, languages()["fr"].typography)
    assert lxml_html.fromstring(html).text_content() == (
        "Écrivez à ahaddad@iom.int pour tout renseignement\u202f; merci\u202f!"
    )


# --- Right to left ----------------------------------------------------------------------


def test_arabic_plain_text_opens_every_line_of_words_right_to_left(project_output: Path) -> None:
    text = (project_output / "ar" / "oim-blt-api-pnr" / "oim-blt-api-pnr.ar.txt").read_text(
        encoding="utf-8"
    )
    lines = [line for line in text.split("\n") if line.strip()]
    # every line but the end mark and the page's address, which wire services' parsers and
    # editors' programs look for as they are
    assert "***" in lines
    assert lines[-1] == "https://newsroom.example.org/ar/oim-blt-api-pnr/"
    assert lines and all(line.startswith(RLM) for line in lines[:-1] if line != "***")
    contact = next(line for line in lines if "gerardl@un.org" in line)
    assert contact.startswith(RLM + "Laurence\u00a0Gerard، " + RLM + "gerardl@un.org")


def test_arabic_plain_text_shows_phones_and_english_lines_left_to_right(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h134: in the Arabic plain text (the wire's, the e-mail's), "+41 (22) 717-91-11" read
    "717-91-11 (22) 41+" and "+٤١ ٢٢ ٧١٧ ٩١١١" its groups in reverse, and an English
    quotation took the right-to-left mark of every line. A number is isolated (or, in
    Arabic-Indic digits, overridden) left to right; a line all of whose letters run left
    to right has no mark."""
    from pressgen.engine import build

    from .conftest import NOW

    contacts = (
        'contacts:\n  - name: أحمد\n    phone: "+41 (22) 717-91-11"\n'
        '  - name: علي\n    phone: "+٤١ ٢٢ ٧١٧ ٩١١١"\n'
    )
    arabic = f'---\ntitle: بيان\ndateline: جنيف\n{contacts}---\nنص.\n\nThe Director said: "Now."\n'
    config = MINIMAL_CONFIG.replace('languages = ["en", "fr"]', 'languages = ["en", "ar"]')
    site = make_site({"pressgen.toml": config, "releases/first-release/ar.md": arabic})
    build(site, tmp_path / "out", NOW)
    text = (tmp_path / "out/ar/first-release/first-release.ar.txt").read_text("utf-8")
    lines = text.split("\n")
    assert 'The\u00a0Director\u00a0said: "Now."' in lines
    assert f"{RLM}أحمد، {RLM}\u2066+41 (22) 717-91-11\u2069" in lines
    assert f"{RLM}علي، {RLM}\u202d+٤١ ٢٢ ٧١٧ ٩١١١\u202c" in lines


def test_latin_plain_text_has_no_direction_marks(project_output: Path) -> None:
    for lang in ("en", "fr", "zh", "ru", "es"):
        name = f"oim-blt-api-pnr.{lang}.txt"
        assert RLM not in (project_output / lang / "oim-blt-api-pnr" / name).read_text("utf-8")


def test_short_latin_names_do_not_break_inside_arabic(project_output: Path) -> None:
    tree = lxml_html.fromstring(page(project_output, "ar", "oim-blt-api-pnr").encode("utf-8"))
    body = tree.xpath("string(//div[@class='release-body'])")
    assert "CT\u00a0Travel" in body and "CT Travel" not in body


def test_a_correction_note_follows_its_line_as_the_language_writes_a_colon(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """French wants a narrow no-break space before the colon, as everywhere else; the
    separator was ': ' in every language."""
    corrected = (
        "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\nstatus: published\n"
        "corrections:\n  - date: 2024-05-02T09:30:00+02:00\n    note:\n      en: Fixed.\n"
        "      fr: Le titre a été corrigé.\n"
    )
    site = make_site(
        {
            "releases/first-release/release.yaml": corrected,
            "releases/first-release/fr.md": "---\ntitle: Titre\ndateline: Genève\n---\nTexte.\n",
        }
    )
    out = tmp_path / "public"
    build(site, out, NOW)
    assert "</time>\u202f: Le titre a été corrigé." in page(out, "fr")
    text = (out / "fr" / "first-release" / "first-release.fr.txt").read_text("utf-8")
    assert "\u202f: Le titre a été corrigé." in text


def test_a_latin_name_is_kept_on_one_line_in_arabic_up_to_four_words() -> None:
    """A name ("International Organization for Migration") is not split across lines, nor
    its words reversed; a run of five words is a phrase, free to break as text does."""
    from pressgen.typography import unbroken_latin_names

    four = "قالت International Organization for Migration اليوم"
    five = "قالت the International Organization for Migration اليوم"
    assert "International\u00a0Organization\u00a0for\u00a0Migration" in unbroken_latin_names(four)
    assert unbroken_latin_names(five) == five
