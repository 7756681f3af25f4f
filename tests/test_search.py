"""Search: what the index holds, and a reader's search in a real browser."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from pressgen.render import search
from pressgen.render.search import SearchIndexError, search_document, search_ui, year_bundle
from pressgen.render.site_pages import search_page

from .conftest import MINIMAL_CONFIG, SiteWriter
from .pdftools import context
from .sites import BODY_WORDS, DRAFT_WORD, EMBARGOED_WORD, LANGUAGES

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def index_text(out: Path) -> str:
    """Every file of the search bundle, decompressed where Pagefind compressed it."""
    texts = []
    for path in sorted((out / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts).replace("\u200b", "")  # between the words it found in Chinese


def test_the_index_holds_public_words_and_never_embargoed_or_draft_ones(website: Path) -> None:
    text = index_text(website)
    assert BODY_WORDS["ru"] in text and BODY_WORDS["zh"] in text  # a test that can fail
    assert EMBARGOED_WORD not in text and EMBARGOED_WORD[:8] not in text
    assert DRAFT_WORD not in text and "/embargoed/" not in text and "/draft/" not in text
    # one index per language and year, each for its own language only
    for entry_file in (website / "pagefind").glob("*/*/pagefind-entry.json"):
        lang = entry_file.parent.parent.name
        assert list(json.loads(entry_file.read_bytes())["languages"]) == [lang]
    assert sorted(p.name for p in (website / "pagefind").iterdir() if p.is_dir()) == sorted(
        LANGUAGES
    )


def test_a_number_is_one_word_in_the_chinese_index(website: Path) -> None:
    """Pagefind cut "40,372" in Chinese text into "40" and "372", and looked a search for it
    up as "40372": in a corpus of 1,000 releases the one that says it was not among the 151
    results. The Chinese index holds the number whole; the page keeps its comma."""
    assert "40372" in index_text(website)
    page = (website / "zh/release-4/index.html").read_text(encoding="utf-8")
    assert "40,372" in page and "40372" not in page


def test_the_search_page_speaks_the_readers_language(website: Path) -> None:
    page = (website / "fr/search/index.html").read_text(encoding="utf-8")
    strings = json.loads(page.split('id="search-strings">')[1].split("</script>")[0])
    assert strings["zero_results"] == "Aucun résultat pour [SEARCH_TERM]"
    assert strings["many_results"] == "Résultats pour [SEARCH_TERM]\u202f: [COUNT]"
    assert strings["language"] == "fr-u-nu-latn"  # counts as the pages do
    assert '<html lang="fr"' in page and "../../pagefind/pagefind-ui.js" in page
    years = sorted((website / "pagefind" / "fr").iterdir(), reverse=True)
    assert strings["bundles"] == [f"../../pagefind/fr/{year.name}/" for year in years]


def test_a_year_index_is_the_same_bytes_for_the_same_releases() -> None:
    documents = [
        ("fr/a/index.html", search_document("fr", "Crues", "<p>Crues du fleuve.</p>")),
        ("fr/b/index.html", search_document("fr", "Pluies", "<p>Pluies <b>fortes</b>.</p>")),
    ]
    files = year_bundle("fr", "2021", documents)
    assert all(path.startswith("pagefind/fr/2021/") for path in files)
    assert "pagefind/fr/2021/pagefind-entry.json" in files
    assert not any("pagefind-ui" in path for path in files)
    assert files == year_bundle("fr", "2021", list(reversed(documents)))
    assert sorted(search_ui()) == ["pagefind/pagefind-ui.css", "pagefind/pagefind-ui.js"]


# A stand-in for Pagefind's program: it answers the first request (a new index), then
# either stops or answers the next one with an error, as Pagefind does with bad input.
FAKE_PAGEFIND = """#!{python}
import base64, json, sys
def read():
    data = b""
    while not data.endswith(b","):
        byte = sys.stdin.buffer.read(1)
        if not byte:
            sys.exit(0)
        data += byte
    return json.loads(base64.b64decode(data[:-1]))
def answer(number, payload):
    text = json.dumps({{"message_id": number, "payload": payload}}).encode()
    sys.stdout.buffer.write(base64.b64encode(text) + b",")
    sys.stdout.buffer.flush()
answer(read()["message_id"], {{"type": "NewIndex", "index_id": 0}})
if "{mode}" == "stop":
    sys.exit(1)
answer(read()["message_id"], {{"type": "Error", "message": "cannot parse the file"}})
while read():
    pass
"""


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("stop", "Pagefind stopped while indexing the fr releases"),
        ("error", "Pagefind failed on the fr releases: cannot parse the file"),
    ],
)
def test_pagefind_that_stops_or_fails_is_a_message_not_a_hang(
    mode: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "pagefind"
    program.write_text(FAKE_PAGEFIND.format(python=sys.executable, mode=mode))
    program.chmod(0o755)
    monkeypatch.setattr(search, "_executable", lambda: str(program))
    documents = [
        (f"fr/r{n}/index.html", search_document("fr", f"Titre {n}", "<p>Texte.</p>" * 200))
        for n in range(300)  # more than a pipe holds: the writer must not block the reader
    ]
    with pytest.raises(SearchIndexError, match=message):
        year_bundle("fr", "2021", documents)


def test_a_headline_is_text_in_the_index_document() -> None:
    document = search_document("en", "<script>alert(1)</script> & more", "<p>Body</p>")
    assert b"<script>" not in document and b"&lt;script&gt;" in document


@pytest.fixture(scope="module")
def served(website: Path) -> Iterator[str]:
    """The built site over HTTP, as any static host (and `pressgen serve`) serves it, under a
    sub-path, so that no link may assume the site is at the host's root."""
    root = website.parent / "host"
    if not root.exists():
        root.mkdir()
        shutil.copytree(website, root / "newsroom")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/newsroom/"
    server.shutdown()


def browser() -> object:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not found: install it with pip install playwright")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return sync_playwright()


@pytest.mark.parametrize("lang", ["zh", "ar", "ru"])
def test_a_reader_finds_a_release_by_a_word_of_its_body(served: str, lang: str) -> None:
    with browser() as play:  # type: ignore[attr-defined]
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = chromium.new_page()
        page.goto(f"{served}{lang}/search/?q={BODY_WORDS[lang]}")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "a => a.map(x => x.href)")
        assert links == [f"{served}{lang}/release-4/"]
        # one result, counted in the digits of the site's pages (ar_EG: Arabic-Indic)
        message = page.inner_text(".pagefind-ui__message")
        assert ("١" in message, "1" in message) == (
            (True, False) if lang == "ar" else (False, True)
        )
        page.goto(f"{served}{lang}/search/?q={EMBARGOED_WORD}")
        page.wait_for_selector(".pagefind-ui__message", timeout=15_000)
        page.wait_for_timeout(500)
        assert page.query_selector_all(".pagefind-ui__result-link") == []
        # the English word of the same release is not found from this language's page
        page.goto(f"{served}{lang}/search/?q={BODY_WORDS['en']}")
        page.wait_for_selector(".pagefind-ui__message", timeout=15_000)
        page.wait_for_timeout(500)
        assert page.query_selector_all(".pagefind-ui__result-link") == []
        chromium.close()


def test_a_result_with_a_word_wider_than_a_phone_wraps_inside_the_page(served: str) -> None:
    """A body's long word (a German compound, an address) in a result's excerpt: on a
    phone it wraps, as on the release page, where it pushed the page sideways."""
    with browser() as play:  # type: ignore[attr-defined]
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = chromium.new_page(viewport={"width": 375, "height": 800})
        page.goto(f"{served}en/search/?q=Donaudampfschifffahrtsgesellschaftskapitänsmützen")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
        assert page.evaluate("document.documentElement.scrollWidth") == 375
        chromium.close()


def test_a_release_is_found_by_its_dateline_photo_caption_and_contacts(
    project_output: Path,
) -> None:
    """A journalist searches for a city, what a photo shows, a spokesperson: words the page
    shows outside its body (the project's release names Bangkok only in its caption)."""
    text = index_text(project_output)
    assert "New York/Geneva" in text and "Genève" in text
    assert "Bangkok, Thailand" in text and "曼谷" in text
    assert "OKOTH Kennedy Omondi" in text and "Laurence Gerard" in text  # in no body
    assert "kokoth@iom.int" not in text  # an address is for writing to, not for finding


def test_the_marks_that_set_a_number_apart_are_not_indexed() -> None:
    """A phone number in an Arabic body is set apart left to right with invisible marks
    (`bidi.numbers_in_written_order`): Pagefind made words of them, shown in excerpts."""
    body = "<p>اتصلوا على \u2066+41 22 717 9111\u2069 أو \u202d+٤١ ٢٢\u202c.</p>"
    document = search_document("ar", "عنوان", body).decode()
    assert "اتصلوا على +41 22 717 9111 أو +٤١ ٢٢." in document
    assert not any(mark in document for mark in "\u2066\u2069\u202d\u202c")


def test_a_chinese_clause_comma_between_numbers_stays_in_the_index() -> None:
    """ "截至2024，300名": the full-width comma ends a clause; the two numbers stay apart."""
    document = search_document("zh", "标题", "<p>截至2024，300名移民。共有1,500人。</p>").decode()
    assert "2024，300" in document and "1500" in document


def test_a_chinese_excerpt_ends_each_block_with_a_chinese_full_stop() -> None:
    """Pagefind ends a headline, a dateline or a list item that has no punctuation with
    ". " in its excerpts: Chinese results read "合作协议. 国际移民组织" (h101)."""
    found = year_bundle(
        "zh",
        "2026",
        [
            (
                "zh/a/index.html",
                search_document(
                    "zh",
                    "国际移民组织发布1,500份报告",
                    "<p>这是<em>正文</em></p><ul><li>第一项</li></ul><p>第二段。</p>",
                    ["日内瓦"],
                ),
            )
        ],
    )
    fragment = next(data for path, data in found.items() if "/fragment/" in path)
    text = gzip.decompress(fragment).decode().replace("\u200b", "")
    assert "报告。 这是正文。 第一项。 第二段。 日内瓦。" in text and ". " not in text
    # the result's title is the headline as written: h122 saw "国际移民组织发布报告。"
    title = json.loads(text.removeprefix("pagefind_dcd"))["meta"]["title"]
    assert title == "国际移民组织发布1,500份报告"


def test_japanese_is_indexed_as_chinese_is() -> None:
    """Pagefind cuts Japanese into words as it cuts Chinese: indexed as written, a search
    for "1,500" found no Japanese release holding "1,500", and its excerpts ended a
    headline or list item with ". " where Japanese writes "。"."""
    document = search_document(
        "ja", "報告書1,500件", "<p>これは本文です</p><ul><li>第一項</li></ul>"
    ).decode()
    assert "<h1>報告書1500件。</h1>" in document
    assert "<p>これは本文です。</p><ul><li>第一項。</li></ul>" in document


def test_a_language_with_nothing_published_says_so_on_its_search_page(
    make_site: SiteWriter,
) -> None:
    """The search box of every page leads to the search page; in a language with no public
    release yet it showed a heading and nothing else (the message was for readers without
    JavaScript only)."""
    config = MINIMAL_CONFIG.replace('languages = ["en", "fr"]', 'languages = ["en", "ru"]')
    _, ctx = context(make_site({}, config=config))
    page = lxml.html.fromstring(search_page("ru", ctx, ()))
    shown = " ".join(page.xpath("//main//p[not(ancestor::noscript)]//text()"))
    assert "На этом языке пока не опубликовано ни одного пресс-релиза." in shown
    assert not page.xpath("//noscript")  # nothing to search: no word of JavaScript either
    with_releases = lxml.html.fromstring(search_page("ru", ctx, ("2024",)))
    assert not with_releases.xpath("//main//p[not(ancestor::noscript)]")
