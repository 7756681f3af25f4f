"""What a reader would hit in a body that is valid Markdown: links and images to files that
are not there or not published, and HTML that the sanitiser will remove.

What would publish broken (a missing image, a picture of another release's folder) is an
error, and the build refuses it; what publishes whole but not as the author meant (an
embedded video dropped) is a warning, shown by `check` and `build`. Contacts and
corrections are `contacts.py`'s.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from unicodedata import normalize
from urllib.parse import quote, unquote, urlsplit

import nh3

from ..model import MEDIA_SUFFIXES
from .addresses import ANGLED_ADDRESS, address_slip, angled_slips, scheme_slip
from .fields import Reporter
from .findings import Found, looks_together
from .raw_html import markdown_in_html, without_comments

# --- Links and images in a body --------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+).+?\1")
# an address may hold parentheses in pairs, as Markdown reads it (`report(1).pdf`)
_INLINE_TARGET = re.compile(r"\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))+)")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)")
_ANGLED_TARGET = re.compile(r"(?:\]\(|^ {0,3}\[[^\]]+\]:)\s*<[^>]*>")
# A place on the writer's own computer: a file: address, a Windows path, a home folder.
_ON_A_COMPUTER = re.compile(
    r"file:|[A-Za-z]:[\\/]|~/|/(?:home|Users|Volumes)/|[^:]*\\", re.IGNORECASE
)
_BLOCK_START = re.compile(r"^ {0,3}<", re.MULTILINE)  # a line that may start a block of HTML


_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)"
    r"\s*/?>"
)
_ATTRIBUTE = re.compile(r"([^\s=>/\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_URL_ATTRIBUTES = frozenset({"href", "src"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_GENERIC_ATTRIBUTES = frozenset({"lang", "title"})  # ammonia's defaults, kept on every tag
_PLAYERS = frozenset({"iframe", "video", "audio", "object", "embed", "source", "track"})
_FORMS = frozenset({"form", "input", "button", "select", "textarea", "option", "label"})


def _code_free_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The body's lines with their numbers, code spans left out: `<script>` in backticks is
    text, not HTML. (pressgen's Markdown has no fenced code blocks: a ``` line is text.)"""
    for number, line in enumerate(body.split("\n"), start=first_line):
        yield number, (_CODE_SPAN.sub("", line) if "`" in line else line)


def body_findings(body: str, first_line: int, files: Sequence[str], folder: str) -> list[Found]:
    """Every link or image to a missing file (errors) and every piece of raw HTML that the
    sanitiser removes (warnings) in a Markdown body that starts on line `first_line`, in
    the release folder named `folder` whose files are `files`.

    Lines without '](', ']:' or '<' are skipped unread: reading runs for every release of
    a cold build, and most lines have nothing to check."""
    found: list[Found] = []
    if "](" not in body and "]:" not in body and "<" not in body:
        return found
    for number, line in _code_free_lines(body, first_line):
        if "](" in line or "]:" in line:
            for image, target, whole in _markdown_targets(line):
                slip = scheme_slip(target, image)
                message = None if slip else _target_problem(target, files, image, folder, whole)
                if slip or message:
                    found.append(Found(number, slip or str(message), bool(slip)))
            note = _REFERENCE.match(line)
            if note and note.group(1).startswith("^"):
                found.append(Found(number, _footnote(note.group(1)), True))
        if "<" in line:
            found.extend(_html_findings(number, line, files, folder))
    if _BLOCK_START.search(body):
        lines = [line for _, line in _code_free_lines(without_comments(body), first_line)]
        found += [Found(n, said, True) for n, said in markdown_in_html(lines, first_line)]
    return looks_together(found)


def linked_files(body: str, files: Sequence[str]) -> set[str]:
    """The release's published files (of `files`) that a body names, as written or
    percent-encoded, wherever it does: a link's target may be on the next line of its
    reference, or inside a tag written over several lines."""
    return {
        name
        for name in _published(files)
        if any(
            re.search(rf"(?<![\w.%-]){re.escape(form)}(?![\w.%-])", body)
            for form in (name, quote(name))
        )
    }


def _html_findings(number: int, line: str, files: Sequence[str], folder: str) -> Iterator[Found]:
    line = _ANGLED_TARGET.sub("", line)  # `](<a b.jpg>)` is a link's target, not a tag
    for address in ANGLED_ADDRESS.findall(line):
        start = (
            "[the number](tel:…)" if address.lower().startswith("tel:") else f"<https://{address}>"
        )
        yield Found(
            number, f"'<{address}>' would show nothing (it reads as a tag): write {start}", False
        )
    for slip in angled_slips(line):
        yield Found(number, slip, False)
    for match in _TAG.finditer(line):
        tag = match.group(1).lower()
        attributes = _attributes(match.group(2))
        for name, value in attributes:
            if name in _URL_ATTRIBUTES and tag in ("a", "img"):
                message = _target_problem(value, files, tag == "img", folder)
                if message:
                    yield Found(number, message, False)
        removed = _removed(tag, attributes, match.group(0))
        if removed:
            yield Found(number, removed, True, _look_only(tag, attributes))


def _markdown_targets(line: str) -> Iterator[tuple[bool, str, str]]:
    """(is an image, target, the name it may be the start of) of each inline link and
    reference definition on a line."""
    for match in _INLINE_TARGET.finditer(line):
        opening = line.rfind("[", 0, match.start())
        target = match.group(1).strip("<>")
        yield opening > 0 and line[opening - 1] == "!", target, _whole(line, match, target)
    reference = _REFERENCE.match(line)
    if reference and not reference.group(1).startswith("^"):  # a footnote: `_footnote`
        target = reference.group(2).strip("<>")
        yield False, target, target


# The rest of a file's name after a space, up to the link's bracket: no quoted title, and
# no longer than a name can be (a line of thousands of links is read once, not once each)
_REST_OF_NAME = re.compile(r" ([^)\"']{1,255})\)")


def _whole(line: str, link: re.Match[str], target: str) -> str:
    """A file's name that Markdown's address ends at a space ("Camp" of "(Camp photo.jpg)"),
    with the rest of it up to the bracket, read where this link's address ends."""
    found = _REST_OF_NAME.match(line, link.end()) if link.group(0) == f"]({target}" else None
    return f"{target} {found[1].strip()}" if found else target


def _footnote(label: str) -> str:
    return (
        f"footnotes ([{label}]) are not part of pressgen's Markdown, and the page would show "
        f"'[{label}]' as a link or as written: put the note in the text, in parentheses, or "
        "in a paragraph of its own at the end"
    )


def _attributes(source: str) -> list[tuple[str, str]]:
    return [
        (m.group(1).lower(), (m.group(2) or "").strip("\"'")) for m in _ATTRIBUTE.finditer(source)
    ]


def _target_problem(
    target: str, files: Sequence[str], image: bool, folder: str, whole: str | None = None
) -> str | None:
    """Why a link or image to `target` would be broken on the page, if it would (a missing
    file named by its `whole` name, when Markdown's address ends at a space in it).

    Only a bare name (`map.png`, `./map.png`) means a file of the release: the page lives
    at LANG/ID/, where a bare name resolves to nothing unless it is one of the release's
    published files. Addresses, absolute paths and links to other folders (`../other/` is
    that release's page) are left alone; another folder's image or file is not published.
    """
    what = "image" if image else "link to"
    try:
        urlsplit(html.unescape(target))  # as the page will hold it: `//&#x5B;x` is `//[x`
    except ValueError as error:  # `http://[::1`: no reader, feed or PDF could follow it
        return f"the {what} '{target}' is not an address that can be read ({error}): correct it"
    if _ON_A_COMPUTER.match(target):
        name = re.split(r"[\\/]", target)[-1]
        alone = f" ('{name}')" if name else ""
        return (
            f"the {what} '{target}' is a place on your computer, which readers cannot reach: "
            f"put the file beside the release's text and write its name alone{alone}"
        )
    if (slip := address_slip(target, files)) is not None:
        return f"the {what} '{target}' {slip}"
    if "://" in target or target.startswith(("#", "/", "?", "mailto:", "tel:")):
        return None  # the usual cases, without parsing the address
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    name = parts.path.removeprefix("./")
    if "/" in name:
        place = posixpath.normpath(posixpath.join("LANG/ID", unquote(name)))
        if place.startswith(_SERVED) or _MADE.fullmatch(place):
            return None  # from the page, a file the site publishes: another release's photo
        return _elsewhere(target, name, files, folder, image) if image or _a_file(name) else None
    published = _published(files)
    if target in published or unquote(target) in published:  # as an editor encodes it
        return None
    if name in files:
        if name != target:
            return f"the {what} '{target}' must name the file alone: write '{name}'"
        return (
            f"the {what} '{target}' names a file that is not published: pressgen publishes "
            f"only {', '.join(MEDIA_SUFFIXES)} files from the release folder"
        )
    if cut := _cut_at_a_space(target, name, files, image):
        return cut
    return _missing(what, whole or target, did_you_mean(name, files))


def _missing(what: str, named: str, hint: str | None) -> str:
    return (
        f"the {what} '{named}' is not a file in the release folder; {hint + ' ' if hint else ''}"
        "put the file beside the release's text, or correct the name"
    )


def _cut_at_a_space(target: str, name: str, files: Sequence[str], image: bool) -> str | None:
    """A file whose name has spaces, written without angle brackets: Markdown ends the
    address at the first space."""
    spaced = [file for file in files if file.startswith(f"{unquote(name)} ")]
    if not spaced:
        return None
    what = "image" if image else "link to"
    named = " or ".join(f"'{file}'" for file in spaced[:3])
    return (
        f"the {what} '{target}' ends at a space, before the rest of {named}: write a name "
        f"with spaces between angle brackets, ({'!' if image else ''}[…](<{spaced[0]}>))"
    )


_PAGE_SUFFIXES = (".html", ".htm")
_SERVED = ("media/", "assets/")  # folders of the output a body may show files from
# What the build makes beside a release's page: its PDF, plain text and ninjs.
_MADE = re.compile(
    r"[^/]+/([a-z0-9-]+)/\1\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*\.(?:pdf|txt|ninjs\.json)"
)


def _a_file(path: str) -> bool:
    """Whether a link's path names a file (`../b/report.pdf`), not a page or a folder."""
    last = path.rpartition("/")[2]
    return "." in last.strip(".") and not last.lower().endswith(_PAGE_SUFFIXES)


def _elsewhere(target: str, path: str, files: Sequence[str], folder: str, image: bool) -> str:
    """Why an image or a file in another folder is not there for readers: only the files
    beside release.yaml are published (under media/ID/), so `../other-release/photo.jpg`
    leads nowhere."""
    what = "image" if image else "link to"
    written = unquote(path)
    place, _, name = posixpath.normpath(posixpath.join(folder, written)).rpartition("/")
    if written.endswith("/"):  # a folder, not a file
        place, name = posixpath.join(place, name), ""
    if place == folder and name:  # `../first-release/map.png`, written in first-release/
        message = _target_problem(name, files, image, folder)
        return message or f"the {what} '{target}' must name the file alone: write '{name}'"
    how = "move it there" if place.startswith(folder + "/") else "copy it in"
    expected = (
        (
            "readers would see a broken image; expected the image file"
            if image
            else "readers would follow a broken link; expected the file"
        )
        + f" itself inside this release's folder, beside release.yaml ({how}"
        + (f" and write its name alone: '{name}')" if name else ")")
    )
    if place.startswith(folder + "/"):
        where = f"in a folder inside {folder}/ ('{place[len(folder) + 1 :]}/'), not published"
    elif place not in ("", ".", folder) and not place.startswith(".."):
        where = f"in another release's folder (releases/{place.split('/')[0]}/), outside {folder}/"
    else:
        where = f"outside {folder}/" if place != folder else f"the folder {folder}/ itself"
    return f"the {what} '{target}' is {where}: {expected}"


def _published(files: Sequence[str]) -> list[str]:
    return [name for name in files if name.lower().endswith(MEDIA_SUFFIXES)]


def did_you_mean(name: str, files: Sequence[str]) -> str | None:
    """The hint naming the file a mistyped name most likely means; when the two differ only
    in how an accent is encoded (a Mac may save é as e and a combining accent), which would
    print the same on screen, it says what differs."""
    close = closest_name(name, files)
    if close is None:
        return None
    if normalize("NFC", close) == normalize("NFC", name):
        return (
            f"did you mean '{close}'? (the same letters, with the accent encoded another way "
            "in the file's name: type the name again in the text, or rename the file)"
        )
    return f"did you mean '{close}'?"


def closest_name(name: str, files: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The file a mistyped name most likely means: the same but for case, or a close one
    (`cutoff`: how close, from 0 to 1, as difflib measures)."""
    return _closest_name(name, tuple(files), cutoff)


@lru_cache(maxsize=1024)
def _closest_name(name: str, files: tuple[str, ...], cutoff: float) -> str | None:
    """`closest_name`, once for each name: a link repeated through a text (6,000 times, in a
    folder of 300 files) took `check` a minute, measured against every file each time."""
    by_case = [f for f in files if f.lower() == name.lower()]
    if by_case:
        return by_case[0]
    close = difflib.get_close_matches(name, list(files), n=1, cutoff=cutoff)
    return close[0] if close else None


def _removed(tag: str, attributes: Sequence[tuple[str, str]], written: str) -> str | None:
    """What the sanitiser takes out of one opening tag, in words, or None."""
    shown = written if len(written) <= 60 else written[:57] + "..."
    if tag not in nh3.ALLOWED_TAGS:
        return f"{shown} will be removed from the page: {_why(tag)}"
    allowed = nh3.ALLOWED_ATTRIBUTES.get(tag, set()) | _GENERIC_ATTRIBUTES
    gone = []
    for name, value in attributes:
        if name.startswith("on"):
            gone.append(f"the event handler {name} (scripts never run on the page)")
        elif name not in allowed and name in ("id", "name"):
            gone.append(f"the attribute {name} (a link to #{value} would lead nowhere)")
        elif name not in allowed:
            gone.append(f"the attribute {name} (the site's stylesheet sets the look)")
        elif name in _URL_ATTRIBUTES and _scheme(value) not in {"", *_SAFE_SCHEMES}:
            gone.append(f"the {_scheme(value)}: address in {name}")
    if not gone:
        return None
    return f"in {shown}, the sanitiser removes " + "; ".join(gone)


def _look_only(tag: str, attributes: Sequence[tuple[str, str]]) -> str:
    """The names of what the sanitiser removes of a tag when that only set its look, its
    text kept (`class`, `style`, `<span>`); "" when it removes more (a script, a handler)."""
    if tag not in nh3.ALLOWED_TAGS:
        dropped = tag in _PLAYERS or tag == "script" or tag in _FORMS
        handlers = any(name.startswith("on") for name, _ in attributes)
        if dropped or tag in nh3.CLEAN_CONTENT_TAGS or handlers:
            return ""
        return f"<{tag}>"
    allowed = nh3.ALLOWED_ATTRIBUTES.get(tag, set()) | _GENERIC_ATTRIBUTES
    gone = [(name, value) for name, value in attributes if name not in allowed]
    if any(_not_look(name, value) for name, value in gone):
        return ""  # a script, an address, an anchor a link may lead to (`id`): named alone
    return " ".join(name for name, _ in gone)


def _not_look(name: str, value: str) -> bool:
    """What the sanitiser removes that a reader would miss: a script, an address, an anchor
    a link may lead to; not Word's own bookmarks (`_Hlk…`, `_Toc…`), which nothing links."""
    anchor = name in ("id", "name") and not value.startswith("_")
    return name.startswith("on") or name in _URL_ATTRIBUTES or anchor


def _scheme(address: str) -> str:
    """An address's scheme, lowercase ("" if none), even when the rest cannot be parsed
    (`http://[::1`, which `urlsplit` refuses)."""
    found = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", address)
    return found[1].lower() if found else ""


def _why(tag: str) -> str:
    if tag in _PLAYERS:
        return (
            "embedded players and videos are not published; link to the video instead, "
            "e.g. [Watch the video](https://...)"
        )
    if tag == "script":
        return "scripts never run on a release page; it goes with everything inside it"
    if tag in nh3.CLEAN_CONTENT_TAGS:
        return "it goes with everything inside it; the site's stylesheet sets the look"
    if tag in _FORMS:
        return "forms are not published"
    return f"<{tag}> is not allowed in a release (its text stays)"


# --- Glue for the reader ---------------------------------------------------------------


def check_body(
    body: str, first_line: int, files: Sequence[str], folder: str, report: Reporter
) -> None:
    for item in body_findings(body, first_line, files, folder):
        (report.warn if item.warning else report.add)(item.line, "body", item.message)
