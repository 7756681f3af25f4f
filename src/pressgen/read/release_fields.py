"""The fields of a release's files: `release.yaml`'s facts and each language file's front
matter, each with the parser that reads it and says what it expects."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import partial
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from ..model import MEDIA_SUFFIXES, STATUSES, Contact, Correction, ImageText
from ..zones import Zone
from .contacts import checked_contact
from .fields import Field, Reporter, listed, nested
from .yamlnodes import (
    FieldError,
    as_instant,
    as_key,
    as_key_list,
    as_line,
    as_mapping,
    as_text,
    is_null,
)


def _status(node: Node) -> str:
    value = as_key(node, example="published")
    if value not in STATUSES:
        close = difflib.get_close_matches(str(value).lower(), STATUSES, n=1, cutoff=0.8)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise FieldError(f"'{value}' is not a status, {hint}expected one of: {', '.join(STATUSES)}")
    return value


def _notes(node: Node) -> dict[str, str]:
    what = "a note per language, each on a line of its own: 'en: The figures were corrected.'"
    return {lang: as_text(value) for lang, value in as_mapping(node, what).items()}


def _photo_name(node: Node) -> str:
    """`image:` in release.yaml: a file name. Its caption, credit and alt text, written
    under it as in a language's file, are told where they go."""
    if isinstance(node, MappingNode):
        raise FieldError(
            "expected only the photo's file name here (image: photo.jpg); its caption, "
            "credit and alt text go under image: in each language's file (en.md, fr.md …), "
            "in that language"
        )
    return as_text(node)


def release_fields(report: Reporter, zone: Zone | None = None) -> list[Field]:
    """release.yaml's fields; times written without an offset are in `zone` (the site's)."""
    instant = partial(as_instant, zone=zone)
    correction = nested(
        [
            Field("date", instant, True, "the instant of the correction"),
            Field("note", _notes, False, "a note per language"),
        ],
        report,
        "corrections.",
        lambda date, note=None: Correction(date, note or {}),
    )
    return [
        Field("date", instant, True, "the publication instant, e.g. 2021-03-15T14:00:00+01:00"),
        Field("type", as_key, True, "a type key such as 'press-release'"),
        Field(
            "original",
            partial(as_key, example="fr"),
            True,
            "the language the release was written in, e.g. 'fr'",
        ),
        Field("status", _status, True, "draft, published or withdrawn"),
        Field("regions", as_key_list),
        Field("topics", as_key_list),
        Field("embargo", instant),
        Field("image", _photo_name),
        Field("images", listed(as_text, "photo file names")),
        Field("corrections", listed(correction, "corrections (date and note)")),
        Field("withdrawn", instant),
    ]


def _image_texts(fields: list[Field], report: Reporter) -> Any:
    """A parser for `images:` in front matter: each photo's file name, then its texts."""

    def parse(node: Node) -> dict[str, ImageText]:
        return {
            name: nested(fields, report, f"images.{name}.", ImageText)(value)
            for name, value in as_mapping(node, "each photo's file name, then its texts").items()
        }

    return parse


def _photo_texts(texts: Callable[[Node], Any]) -> Callable[[Node], Any]:
    """`image:` in a language's file: the lead photo's texts in that language. Its file's
    name written here instead of in release.yaml is told where it goes."""

    def parse(node: Node) -> Any:
        named = isinstance(node, ScalarNode) and not is_null(node)
        if named and str(node.value).lower().endswith(MEDIA_SUFFIXES):
            raise FieldError(
                f"'{node.value}': the photo's file name goes in release.yaml (image: "
                f"{node.value}); here, under image:, write its caption:, credit: and alt: "
                "in this language"
            )
        return texts(node)

    return parse


def front_matter_fields(report: Reporter, zone: Zone | None = None) -> list[Field]:
    """A language file's fields; times written without an offset are in `zone`."""
    image_fields = [Field("caption", as_line), Field("credit", as_line), Field("alt", as_line)]
    image = nested(image_fields, report, "image.", ImageText)
    contact = checked_contact(
        nested(
            [
                Field("name", as_line, True, "the contact's name"),
                Field("email", as_line),
                Field("phone", as_line),
                Field("org", as_line),
            ],
            report,
            "contacts.",
            Contact,
        ),
        report,
    )
    return [
        Field("title", as_line, True, "the headline"),
        Field("images", _image_texts(image_fields, report)),
        Field("dateline", as_line, True, "the place the release is issued from"),
        Field("summary", as_text),
        Field("image", _photo_texts(image)),
        Field("contacts", listed(contact, "contacts (name, email, phone, org)")),
        Field("translated_from", as_text),
        Field("published", partial(as_instant, zone=zone)),
    ]
