"""What a body's check finds, one by one or together: many tags that only set the look, as
a word processor's paste brings to every paragraph, are said once."""

from __future__ import annotations

from dataclasses import dataclass

_LOOKS_EACH = 3  # said one by one up to so many in a text, together beyond


@dataclass(frozen=True)
class Found:
    """A problem in a body, by line of the file; `warning` when the page still publishes."""

    line: int
    message: str
    warning: bool
    look: str = ""  # what the sanitiser removes that only set the look (`class`, `<span>`)


def looks_together(found: list[Found]) -> list[Found]:
    """Many tags and attributes that only set the look (text pasted from a word processor
    brings a `class`, a `style` and a `<span>` to each paragraph) said once, not each."""
    looks = [item for item in found if item.look]
    if len(looks) <= _LOOKS_EACH:
        return found
    names = ", ".join(dict.fromkeys(name for item in looks for name in item.look.split()))
    message = (
        f"lines {looks[0].line} to {looks[-1].line}: {len(looks)} tags that set only the look "
        f"({names}), as text pasted from a word processor brings, will be removed and their "
        "text kept: the site's stylesheet sets the look"
    )
    return [item for item in found if not item.look] + [Found(looks[0].line, message, True)]
