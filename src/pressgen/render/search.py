"""The search index: Pagefind bundles of the public releases, one per language and year.

Each bundle (`pagefind/LANG/YEAR/`) indexes small documents made from the releases of one
language filed under one year: the headline, the body, the dateline, the photos' captions
and the media contacts, marked `data-pagefind-body`, at the address of the release's page.
A change to one release-language re-indexes its year in its language (a few hundred
releases at most), never the archive; the search page loads its language's newest year and
merges the others (Pagefind's `mergeIndex`), so a reader searches their own language only.
Pagefind's extended build (PyPI `pagefind[extended]`) segments Chinese into words. Only
what the caller passes is indexed: public releases.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import subprocess
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import IO, Any

from markupsafe import Markup

from .. import paths
from ..bidi import EMBEDDINGS, ISOLATES
from ..model import Translation
from ..problems import ToolError

# Pagefind's files that a merged bundle needs no copy of: the interface (one copy, in
# `pagefind/`) and the other interfaces.
UI = ("pagefind-ui.js", "pagefind-ui.css")
UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


class SearchIndexError(ToolError):
    """Pagefind is missing or failed; the message says what to install."""


# Pagefind cuts Chinese and Japanese text into words, and "20,372" into "20" and "372",
# while it looks a search for "20,372" up as "20372": in those languages numbers are
# indexed without the separators between their groups of digits (the page keeps them).
SEGMENTED = ("zh", "ja")
# (Not the full-width comma: in Chinese it ends a clause, "截至2024，300名".)
DIGIT_GROUP = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009](?=\d{3}(?!\d))")
# Pagefind ends a block (a headline, a paragraph, a list item) that ends in no punctuation
# with ". " in the excerpts it shows: in those languages the index's copy ends it with "。".
BLOCK_END = re.compile(
    r"(?P<last>[^\s<>])"
    r"(?P<inline>(?:</(?:a|abbr|b|cite|code|em|i|q|small|span|strong|sub|sup)>)*)"
    r"(?P<end></(?:blockquote|caption|dd|dt|figcaption|h[1-6]|li|p|td|th)>)"
)


def search_document(lang: str, title: str, body_html: str, also: Sequence[str] = ()) -> bytes:
    """What the index knows of a release-language: its headline, its body, and the words
    `also` shown on its page (`searchable_extras`). The results show the headline as
    written (a meta title); the article is what is indexed and excerpted."""
    extras = Markup("").join(Markup("<p>%s</p>") % text for text in also)
    article = str(Markup("<h1>%s</h1>%s%s") % (title, Markup(body_html), extras))
    if lang.split("-")[0] in SEGMENTED:
        article = BLOCK_END.sub(_full_stop, DIGIT_GROUP.sub("", article))
    document = Markup(
        '<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8">'
        '<meta data-pagefind-meta="title[content]" content="%s"></head>'
        "<body><article data-pagefind-body>%s</article></body></html>"
    ) % (lang, title, Markup(article))
    return _DIRECTION_MARKS.sub("", str(document)).encode("utf-8")


# Marks that set a span's direction (a phone number in Arabic text, `bidi`): Pagefind made
# words of them, and showed them in its excerpts
_DIRECTION_MARKS = re.compile(f"[{EMBEDDINGS}{ISOLATES}\u202c\u2069]")


def _full_stop(block: re.Match[str]) -> str:
    last = block["last"]
    if unicodedata.category(last).startswith("P"):  # 。！？」) and . , too
        return block[0]
    return last + "。" + block["inline"] + block["end"]


def searchable_extras(translation: Translation) -> list[str]:
    """What a reader sees of a release outside its body and may search for: the dateline
    (a city), the photos' captions (what they show) and the media contacts (a spokesperson,
    an office). Not e-mail addresses or phone numbers: they are for writing and calling."""
    images = [translation.image, *translation.images.values()]
    captions = [image.caption for image in images if image is not None and image.caption]
    contacts = [", ".join(filter(None, (c.name, c.org))) for c in translation.contacts]
    return [translation.dateline, *dict.fromkeys(captions), *contacts]


def year_bundle(lang: str, year: str, documents: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """The bundle of one language's releases of one year: `documents` are (the release
    page's output path, `search_document`), the result is output path -> bytes."""
    found = _pagefind(lang, documents)
    prefix = paths.search_bundle(lang, year)
    return {prefix + name: data for name, data in found.items() if not name.startswith(UI)}


def search_ui_paths() -> list[str]:
    return [paths.SEARCH_BUNDLE + name for name in UI]


def search_ui() -> dict[str, bytes]:
    """Pagefind's search interface, shared by every language's search page."""
    found = _pagefind("en", [("index.html", search_document("en", "Search", "<p>Search</p>"))])
    return {paths.SEARCH_BUNDLE + name: found[name] for name in UI}


def _pagefind(lang: str, documents: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Index `documents` with Pagefind's program, spoken to over its service protocol (the
    one its Python and Node packages use: requests and answers as base64 JSON, each ended
    by a comma) and handed every document in the order of its path. Pagefind numbers
    documents in the order they come, so the same documents give the same bytes on every
    machine, whatever its file systems; nothing goes through a scratch folder.

    (The Python package's own client reads one answer per tenth of a second: minutes for a
    year of releases.) The program ends when its input closes, so that stays open until
    the last answer is in; a build killed meanwhile closes it, and Pagefind ends too."""
    with subprocess.Popen(
        [_executable(), "--service"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as service:
        try:
            files = _index(service, lang, sorted(documents))
        except BaseException:
            service.kill()
            raise
    return {
        str(file["path"]): base64.b64decode(file["content"])
        for file in sorted(files, key=lambda file: str(file["path"]))
        if not str(file["path"]).startswith(UNUSED)
    }


def _index(
    service: subprocess.Popen[bytes], lang: str, documents: list[tuple[str, bytes]]
) -> list[dict[str, Any]]:
    """Pagefind's files for `documents`, each file a path and its content in base64."""
    assert service.stdin is not None and service.stdout is not None
    answers = _Answers(service.stdout.fileno(), lang)
    _send(service.stdin, [_request(0, "NewIndex", config={"force_language": lang})])
    index = answers.next()[1]["index_id"]
    requests = [
        _request(n, "AddFile", index_id=index, file_path=path, file_contents=html.decode())
        for n, (path, html) in enumerate(documents, start=1)
    ]
    last = len(requests) + 1
    requests.append(_request(last, "GetFiles", index_id=index))
    # Written by a thread: Pagefind answers while it reads, and would stop reading once
    # the pipe of its answers is full.
    writer = threading.Thread(target=_send, args=(service.stdin, requests), daemon=True)
    writer.start()
    try:
        indexed = 0
        while (answer := answers.next())[0] != last:
            indexed += answer[1].get("type") == "IndexedFile"
        if indexed != len(documents):
            raise SearchIndexError(
                f"Pagefind indexed {indexed} of {len(documents)} {lang} releases"
            )
        files: list[dict[str, Any]] = answer[1]["files"]
        return files
    except BaseException:
        service.kill()  # first: a writer blocked on a live Pagefind would never return
        raise
    finally:
        writer.join()
        with contextlib.suppress(BrokenPipeError):
            service.stdin.close()  # and Pagefind ends


def _request(number: int, kind: str, **fields: Any) -> bytes:
    message = {"message_id": number, "payload": {"type": kind, **fields}}
    return base64.b64encode(json.dumps(message).encode("utf-8")) + b","


def _send(stream: IO[bytes], requests: list[bytes]) -> None:
    """Write requests; a program that has ended (its answers say why) takes no more."""
    with contextlib.suppress(BrokenPipeError, ValueError):
        stream.write(b"".join(requests))
        stream.flush()


class _Answers:
    """Pagefind's answers, read one after the other from its output. The last one holds the
    whole bundle (megabytes for a busy year): each read is appended and searched from where
    the last search stopped, never the whole buffer again."""

    def __init__(self, fd: int, lang: str) -> None:
        self.fd, self.lang = fd, lang
        self.pending, self.searched = bytearray(), 0

    def next(self) -> tuple[int | None, dict[str, Any]]:
        """The next answer: the number of the request it answers, and what it says."""
        while (end := self.pending.find(b",", self.searched)) < 0:
            self.searched = len(self.pending)
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise SearchIndexError(f"Pagefind stopped while indexing the {self.lang} releases")
            self.pending += chunk
        raw = bytes(self.pending[:end])
        del self.pending[: end + 1]
        self.searched = 0
        answer = json.loads(base64.b64decode(raw))
        payload: dict[str, Any] = answer.get("payload") or {}
        if payload.get("type") == "Error":
            reason = payload.get("message") or "no reason given"
            raise SearchIndexError(f"Pagefind failed on the {self.lang} releases: {reason}")
        return answer.get("message_id"), payload


def _executable() -> str:
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError(
            "the search index needs Pagefind: pip install 'pagefind[extended]'"
        ) from error
    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind's program is missing: pip install 'pagefind[extended]'")
    return str(found)
