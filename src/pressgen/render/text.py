"""The plain-text version: the release in reading order, no markup, ready for layout and wires."""

from __future__ import annotations

import re

from .. import paths
from ..bidi import number_in_right_to_left_text, written_the_other_way
from ..i18n import Language
from ..model import Contact, Release
from .environment import gettext_functions
from .html import ContactLine, typeset_contact
from .views import (
    Body,
    RenderContext,
    note_separator,
    release_labels,
    text_paragraphs,
    updated_line,
)


def release_text(
    release: Release, lang: str, ctx: RenderContext, body: Body, banner: str | None = None
) -> bytes:
    """The `.txt` of one release in one language, paragraph for paragraph like the page."""
    language = ctx.languages[lang]
    translation = release.translations[lang]
    url = paths.url(ctx.config, paths.release_page(lang, release.id))
    paragraphs = text_paragraphs(translation, language, body, url)
    image = translation.image_text(release.image, release.image)  # the lead photo's texts
    rtl = language.direction == "rtl"
    # Between a Latin name and a Latin address, a right-to-left mark after the separator
    # keeps each part in its place ("name، address" would otherwise read as one LTR run).
    separator = language.separator + (RLM if rtl else "")
    values = {
        "lang": language,
        "banner": banner,
        **release_labels(release, ctx.config, language),
        "date_long": language.long_date(release.date),
        "title": language.typography(translation.title),
        "caption": language.typography(image.caption) if image and image.caption else None,
        "credit": language.typography(image.credit) if image and image.credit else None,
        "paragraphs": paragraphs,
        "contacts": [
            separator.join(filter(None, _contact(c, language))) for c in translation.contacts
        ],
        "corrections": [
            (updated_line(language, c.date), language.typography(c.notes.get(lang, "")))
            for c in release.corrections
        ],
        "note_separator": note_separator(language),
        "url": url,
    }
    values.update(gettext_functions(language))
    text = ctx.env.get_template("release.txt").render(values)
    return (right_to_left_lines(text, whole=True) if rtl else text).encode("utf-8")


RLM = "\u200f"  # RIGHT-TO-LEFT MARK


def _contact(contact: Contact, language: Language) -> ContactLine:
    """A contact as the text gives it: in a right-to-left text, its number isolated."""
    shown = typeset_contact(contact, language)
    if language.direction == "rtl" and shown.phone:
        return shown._replace(phone=number_in_right_to_left_text(shown.phone))
    return shown


def right_to_left_lines(text: str, whole: bool = False) -> str:
    """Every line of words of right-to-left plain text opened with a right-to-left mark.

    A plain-text viewer takes each line's direction from its first strong letter, so a line
    that starts with a Latin name, an address or a figure ("Laurence Gerard، …", "2021")
    would display left to right; the mark makes each line right to left, as on the page.
    A line of signs alone (the end mark, "***") has no direction to keep, nor has a line
    that is a web address alone, and wire services' parsers and editors' programs look for
    both as they are (a mark before "https://" stops many from seeing an address). With
    `whole` lines (a paragraph each, not wrapped), nor has a line all of whose letters run
    left to right (an English quotation), which is shown so; a wrapped line of Latin words
    may be the end of an Arabic sentence.
    """
    return "\n".join(
        RLM + line
        if any(c.isalnum() for c in line)
        and not _ADDRESS.fullmatch(line)
        and not (whole and left_to_right_line(line))
        else line
        for line in text.split("\n")
    )


def left_to_right_line(line: str) -> bool:
    """Whether a line of a right-to-left text is a paragraph of its own way: all its letters
    run left to right (an English quotation), and it holds no right-to-left mark of ours (a
    contact's "name، address" keeps its parts in the page's order)."""
    return RLM not in line and written_the_other_way(line, "rtl") is not None


_ADDRESS = re.compile(r"https?://\S+")
