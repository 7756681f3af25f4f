"""What a reader would hit in a release that is valid YAML: links and images to files that are
not there, contacts that cannot be reached, corrections without a note in a language, and
HTML that the sanitiser will remove.

What would publish broken (a missing image, a `mailto:` link to "ahaddad at iom.int") is an
error, and the build refuses it; what publishes whole but not as the author meant (an
embedded video dropped, a contact with neither e-mail nor phone, a bare "Updated on") is a
warning, shown by `check` and `build`.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from unicodedata import normalize
from urllib.parse import unquote, urlsplit

import nh3
from yaml.nodes import MappingNode, Node, SequenceNode

from ..model import MEDIA_SUFFIXES, Contact, Correction
from ..problems import Problem
from .fields import Reported, Reporter
from .yamlnodes import key_lines, line_of

# --- Links and images in a body --------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+).+?\1")
_INLINE_TARGET = re.compile(r"\]\(\s*(<[^>]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)")
_ANGLED_TARGET = re.compile(r"(?:\]\(|^ {0,3}\[[^\]]+\]:)\s*<[^>]*>")
# A place on the writer's own computer: a file: address, a Windows path, a home folder.
_ON_A_COMPUTER = re.compile(
    r"file:|[A-Za-z]:[\\/]|~/|/(?:home|Users|Volumes)/|[^:]*\\", re.IGNORECASE
)
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


@dataclass(frozen=True)
class Found:
    """A problem in a body, by line of the file; `warning` when the page still publishes."""

    line: int
    message: str
    warning: bool


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
            for image, target in _markdown_targets(line):
                message = _target_problem(target, files, image, folder)
                if message:
                    found.append(Found(number, message, False))
            note = _REFERENCE.match(line)
            if note and note.group(1).startswith("^"):
                found.append(Found(number, _footnote(note.group(1)), True))
        if "<" in line:
            found.extend(_html_findings(number, line, files, folder))
    return found


def _html_findings(number: int, line: str, files: Sequence[str], folder: str) -> Iterator[Found]:
    line = _ANGLED_TARGET.sub("", line)  # `](<a b.jpg>)` is a link's target, not a tag
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
            yield Found(number, removed, True)


def _markdown_targets(line: str) -> Iterator[tuple[bool, str]]:
    """(is an image, target) of each inline link and reference definition on a line."""
    for match in _INLINE_TARGET.finditer(line):
        opening = line.rfind("[", 0, match.start())
        yield opening > 0 and line[opening - 1] == "!", match.group(1).strip("<>")
    reference = _REFERENCE.match(line)
    if reference and not reference.group(1).startswith("^"):  # a footnote: `_footnote`
        yield False, reference.group(2).strip("<>")


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


def _target_problem(target: str, files: Sequence[str], image: bool, folder: str) -> str | None:
    """Why a link or image to `target` would be broken on the page, if it would.

    Only a bare name (`map.png`, `./map.png`) means a file of the release: the page lives
    at LANG/ID/, where a bare name resolves to nothing unless it is one of the release's
    published files. Addresses and absolute paths are left alone, and so are links to
    other folders (`../other-release/` is that release's page); an image in another
    folder is not published (see `_image_elsewhere`).
    """
    what = "image" if image else "link to"
    if _ON_A_COMPUTER.match(target):
        name = re.split(r"[\\/]", target)[-1]
        alone = f" ('{name}')" if name else ""
        return (
            f"the {what} '{target}' is a place on your computer, which readers cannot reach: "
            f"put the file beside the release's text and write its name alone{alone}"
        )
    if "://" in target or target.startswith(("#", "/", "?", "mailto:", "tel:")):
        return None  # the usual cases, without parsing the address
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    name = parts.path.removeprefix("./")
    if "/" in name:
        return _image_elsewhere(target, name, files, folder) if image else None
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
    hint = did_you_mean(name, files)
    return (
        f"the {what} '{target}' is not a file in the release folder; {hint + ' ' if hint else ''}"
        "put the file beside the release's text, or correct the name"
    )


def _image_elsewhere(target: str, path: str, files: Sequence[str], folder: str) -> str:
    """Why an image in another folder shows nothing: only the files beside release.yaml
    are published (under media/ID/), so `../other-release/photo.jpg` leads nowhere."""
    written = unquote(path)
    place, _, name = posixpath.normpath(posixpath.join(folder, written)).rpartition("/")
    if written.endswith("/"):  # a folder, not a file
        place, name = posixpath.join(place, name), ""
    if place == folder and name:  # `../first-release/map.png`, written in first-release/
        message = _target_problem(name, files, True, folder)
        return message or f"the image '{target}' must name the file alone: write '{name}'"
    how = "move it there" if place.startswith(folder + "/") else "copy it in"
    expected = (
        "readers would see a broken image; expected the image file itself inside this "
        f"release's folder, beside release.yaml ({how}"
        + (f" and write its name alone: '{name}')" if name else ")")
    )
    if place.startswith(folder + "/"):
        where = f"in a folder inside {folder}/ ('{place[len(folder) + 1 :]}/'), not published"
    elif place not in ("", ".", folder) and not place.startswith(".."):
        where = f"in another release's folder (releases/{place.split('/')[0]}/), outside {folder}/"
    else:
        where = f"outside {folder}/" if place != folder else f"the folder {folder}/ itself"
    return f"the image '{target}' is {where}: {expected}"


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
        elif name not in allowed:
            gone.append(f"the attribute {name} (the site's stylesheet sets the look)")
        elif name in _URL_ATTRIBUTES and urlsplit(value).scheme.lower() not in {
            "",
            *_SAFE_SCHEMES,
        }:
            gone.append(f"the {urlsplit(value).scheme}: address in {name}")
    if not gone:
        return None
    return f"in {shown}, the sanitiser removes " + "; ".join(gone)


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


# --- Contacts and corrections ----------------------------------------------------------

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")
_PHONE = re.compile(r"\+?[\d\s().\-/]+")


def email_problem(value: str) -> str | None:
    """Why `value` would give a broken `mailto:` link, with the address it likely meant."""
    if _EMAIL.fullmatch(value):
        return None
    meant = re.sub(r"\s*[\[(]?\bat\b[\])]?\s*", "@", value, count=1, flags=re.IGNORECASE)
    meant = re.sub(r"\s*[\[(]?\bdot\b[\])]?\s*", ".", meant, flags=re.IGNORECASE)
    meant = meant.removeprefix("mailto:").strip()
    example = meant if _EMAIL.fullmatch(meant) else "ahaddad@iom.int"
    return f"'{value}' is not an e-mail address, expected e.g. {example}"


def phone_problem(value: str) -> tuple[str, bool] | None:
    """Why `value` would give a broken `tel:` link (an error), or why a journalist abroad
    could not dial it (a warning: no country code); None if it is fine."""
    digits = sum(ch.isdigit() for ch in value)
    if digits > 17 or value.count("+") > 1:
        return (
            f"'{value}' looks like more than one number: give one per contact (list the "
            "contact twice for two numbers)",
            False,
        )
    if not _PHONE.fullmatch(value):
        return (
            f"'{value}' is not a phone number: keep only the number, e.g. +41 22 717 9111 "
            "(words such as 'WhatsApp' go in org)",
            False,
        )
    if digits < 6:
        return (f"'{value}' is too short for a phone number, expected e.g. +41 22 717 9111", False)
    if not value.startswith(("+", "00")):
        return (
            f"'{value}' has no country code, so journalists abroad cannot dial it; "
            "expected e.g. +41 22 717 9111",
            True,
        )
    return None


def contact_findings(contact: Contact) -> list[tuple[str, str, bool]]:
    """(field, message, warning) for one contact."""
    found: list[tuple[str, str, bool]] = []
    if contact.email is not None:
        problem = email_problem(contact.email)
        if problem:
            found.append(("contacts.email", problem, False))
    if contact.phone is not None:
        phone = phone_problem(contact.phone)
        if phone:
            found.append(("contacts.phone", *phone))
    if contact.email is None and contact.phone is None:
        found.append(
            (
                "contacts",
                f"{contact.name} has neither email nor phone, so journalists cannot reach "
                "them; add at least one",
                True,
            )
        )
    return found


def correction_warnings(
    corrections: Sequence[Correction],
    lines: Sequence[int],
    languages: Iterable[str],
    path: str,
) -> list[Problem]:
    """A correction whose note is missing in a language of the release: that page would
    say "Updated on ..." without saying what changed."""
    problems = []
    for correction, line in zip(corrections, lines, strict=True):
        missing = sorted(set(languages) - set(correction.notes))
        if missing:
            which = ", ".join(missing)
            problems.append(
                Problem(
                    path,
                    line,
                    "corrections.note",
                    f"the correction of {correction.date.date().isoformat()} has no note in "
                    f"{which}; the page in {which} would say it was updated without saying "
                    "what changed: add the note in each language",
                )
            )
    return problems


# --- Glue for the reader ---------------------------------------------------------------


def checked_contact(
    parse: Callable[[Node], Contact], report: Reporter
) -> Callable[[Node], Contact]:
    """A contact parser that also reports an address or number a reader could not use, on
    the line where it is written."""

    def check(node: Node) -> Contact:
        contact = parse(node)
        lines = key_lines(node) if isinstance(node, MappingNode) else {}
        failed = False
        for field, message, warning in contact_findings(contact):
            line = lines.get(field.rsplit(".", 1)[-1], line_of(node))
            if warning:
                report.warn(line, field, message)
            else:
                report.add(line, field, message)
                failed = True
        if failed:
            raise Reported
        return contact

    return check


def check_body(
    body: str, first_line: int, files: Sequence[str], folder: str, report: Reporter
) -> None:
    for item in body_findings(body, first_line, files, folder):
        (report.warn if item.warning else report.add)(item.line, "body", item.message)


def correction_lines(node: Node | None) -> list[int]:
    """The line of each entry of release.yaml's `corrections` list."""
    if not isinstance(node, MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "corrections" and isinstance(value, SequenceNode):
            return [line_of(item) for item in value.value]
    return []
