"""Translations of messages that a site's templates fill in with `str.format` (`_("Written
by {author}").format(author=...)`): a field renamed or left out prints nothing, or stops the
page, and `check` would say nothing of it. (pressgen's own messages use `%(name)s`.)"""

from __future__ import annotations

from collections.abc import Sequence
from string import Formatter


def brace_fields(ids: Sequence[str], strings: Sequence[str]) -> list[tuple[str, str]]:
    """(field, problem) for a translation (`strings`: one, or one per plural form) whose
    `{fields}` are not its msgid's (`ids`)."""
    wanted = set().union(*(_fields(text) or set() for text in ids))
    shown = ", ".join(f"{{{name}}}" for name in sorted(wanted))
    for text in filter(None, strings):
        found = _fields(text)
        if found is None:
            return [("msgstr", "has a { or } that is no field: write {{ and }} for them")]
        if unknown := sorted(found - wanted):
            said = f"unknown field {{{unknown[0]}}}: the translation must keep the fields of "
            return [("msgstr", f"{said}its msgid as written ({shown})")]
        if len(strings) == 1 and (missing := sorted(wanted - found)):  # not a plural form
            said = f"leaves out {{{missing[0]}}} of its msgid: readers would never see it"
            return [("msgstr", f"{said}, keep it")]
    return []


def _fields(text: str) -> set[str] | None:
    """The names of `text`'s fields (`{author}`, `{0}`, `{count:,}`); None if it cannot be
    formatted at all."""
    try:
        return {
            name.split(".")[0].split("[")[0]
            for _, name, _, _ in Formatter().parse(text)
            if name is not None
        }
    except ValueError:
        return None
