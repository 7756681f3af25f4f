"""What a reader would hit in a release's contacts and corrections: an address or number
that cannot be reached (an error: a `mailto:` link to "ahaddad at iom.int" would publish
broken), a contact with neither e-mail nor phone, a correction without a note in a language
(warnings: the page would say "Updated on" and nothing more), each on its line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from yaml.nodes import MappingNode, Node, SequenceNode

from ..model import Contact, Correction
from ..problems import Problem
from .characters import ignorable
from .fields import Reported, Reporter
from .yamlnodes import key_lines, line_of

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")
_PHONE = re.compile(r"\+?[\d\s().\-/]+")


def email_problem(value: str) -> str | None:
    """Why `value` would give a broken `mailto:` link, with the address it likely meant."""
    hidden = None if value.isascii() else next((c for c in value if _unseen(c)), None)
    if hidden is not None:  # pasted with the address: a zero-width space, a soft hyphen
        shown = "".join(char for char in value if not _unseen(char))
        name = unicodedata.name(hidden, "format character").lower()
        return (
            f"'{shown}' has an invisible character in it ({name}, U+{ord(hidden):04X}), "
            "which the link would keep: delete it, or type the address again"
        )
    if _EMAIL.fullmatch(value):
        return None
    meant = re.sub(r"\s*[\[(]?\bat\b[\])]?\s*", "@", value, count=1, flags=re.IGNORECASE)
    meant = re.sub(r"\s*[\[(]?\bdot\b[\])]?\s*", ".", meant, flags=re.IGNORECASE)
    meant = meant.removeprefix("mailto:").strip()
    example = meant if _EMAIL.fullmatch(meant) else "ahaddad@iom.int"
    return f"'{value}' is not an e-mail address, expected e.g. {example}"


def _unseen(char: str) -> bool:
    """A format character, or one that shows nothing though Unicode calls it a letter (a
    Hangul filler) or a mark (a variation selector)."""
    return unicodedata.category(char) == "Cf" or ignorable(char)


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
            f"'{value}' is not a phone number: keep only the number, e.g. +41 22 717 9111, "
            "and leave out words such as 'WhatsApp'",
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


def correction_lines(node: Node | None) -> list[int]:
    """The line of each entry of release.yaml's `corrections` list."""
    if not isinstance(node, MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "corrections" and isinstance(value, SequenceNode):
            return [line_of(item) for item in value.value]
    return []
