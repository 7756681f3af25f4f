"""IPTC ninjs 3.1 (News in JSON) per release and language, for wire partners and aggregators."""

from __future__ import annotations

import json
import mimetypes
import re
from typing import Any

from .. import paths
from ..i18n import Language
from ..model import Contact, Release, SiteConfig, Translation
from .sanitise import absolute_html, directed, has_relative_links
from .views import Body, RenderContext, correction_lines, html_with_dateline, text_paragraphs

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}

_IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and Han
# A word as newsrooms count them: each Chinese or Japanese character, or a run of other
# letters and digits between spaces (CJK punctuation counts as none).
_WORD = re.compile(f"[{_IDEOGRAPHS}]|[^\\s{_IDEOGRAPHS}\u3000-\u303f\uff00-\uffef]+")


def withdrawal_notice(release: Release, language: Language) -> str:
    """ "This release was withdrawn." in `language`, with the date when release.yaml says."""
    if release.withdrawn is None:
        return language.gettext("This release was withdrawn.")
    date = language.long_date(release.withdrawn)
    return language.gettext("This release was withdrawn on %(date)s.") % {"date": date}


def item_version(release: Release, withdrawn: bool = False) -> str:
    """An item's version counts its corrections in twos (1, 3, 5); its kill notice is one
    more. So a withdrawal undone with a correction, as the README asks, is a version newer
    than the notice, which a wire partner keeping the newest one takes."""
    return str(2 * len(release.corrections) + (2 if withdrawn else 1))


def withdrawal_ninjs(release: Release, lang: str, ctx: RenderContext) -> bytes:
    """What a withdrawn release-language's ninjs says in its place, for a wire partner that
    took it: a new version, `canceled`, the notice as editorial note, and none of its text,
    title or photos (as its page)."""
    item: dict[str, Any] = {
        "standard": NINJS_STANDARD,
        "uri": paths.item_id(ctx.config, release.id, lang),
        "type": "text",
        "representationType": "partial",
        "profile": "pressgen-release",
        "version": item_version(release, withdrawn=True),
        "firstCreated": release.date.isoformat(),
        "pubStatus": "canceled",
        "language": lang,
        "edNote": withdrawal_notice(release, ctx.languages[lang]),
        "copyrightHolder": ctx.config.publisher(lang),
        "altIds": [{"role": "release-id", "value": release.id}],
    }
    if release.withdrawn is not None:
        item["versionCreated"] = release.withdrawn.isoformat()
    return (json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n").encode()


def release_ninjs(
    release: Release,
    lang: str,
    ctx: RenderContext,
    body: Body,
    banner: str | None = None,
    pdf: bool = False,
) -> bytes:
    """One release-language as a ninjs news item: headline, bodies, dates, place, subjects.

    In a preview (`banner` set) the item is `withheld`, with the banner as editorial note.
    `pdf`: the build makes the release's PDF, listed among the renditions.
    """
    language = ctx.languages[lang]
    translation = release.translations[lang]
    config = ctx.config
    item: dict[str, Any] = {
        "standard": NINJS_STANDARD,
        "uri": paths.item_id(config, release.id, lang),
        "type": "text",
        "representationType": "full",
        "profile": "pressgen-release",
        "version": item_version(release),
        "firstCreated": release.date.isoformat(),
        "contentCreated": release.date.isoformat(),
        "versionCreated": release.updated_in(lang).isoformat(),
        "pubStatus": "withheld" if banner else "usable",
        "language": lang,
        "headlines": [{"role": "main", "value": translation.title}],
        "bodies": _bodies(translation, language, body, release, config),
        "located": translation.dateline,
        "genres": [{"name": language.gettext(config.types[release.type]), "literal": release.type}],
        "subjects": _subjects(release, language, config),
        "infoSources": [_contact(c) for c in translation.contacts],
        "copyrightHolder": config.publisher(lang),
        "renditions": _renditions(release, lang, config, pdf),
        "altIds": [{"role": "release-id", "value": release.id}],
    }
    if banner or release.corrections:  # a preview's banner, or what the corrections changed
        item["edNote"] = banner or "\n".join(correction_lines(release, language))
    if translation.summary:
        item["descriptions"] = [{"role": "summary", "value": translation.summary}]
    if release.embargo is not None:
        item["embargoedUntil"] = release.embargo.isoformat()
    image = _image_association(release, lang, ctx)
    if image:
        item["associations"] = [image]
    return (json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _bodies(
    translation: Translation, language: Language, body: Body, release: Release, config: SiteConfig
) -> list[dict[str, Any]]:
    """The body as HTML and as plain text, the dateline leading both, with their counts;
    links by their full address (a newsroom system shows the body without the page)."""
    url = paths.url(config, paths.release_page(translation.lang, release.id))
    html = str(html_with_dateline(translation, language, body, release.date))
    if has_relative_links(html):
        html = absolute_html(html, url)
    html = directed(html, language.direction)
    text = "\n\n".join(text_paragraphs(translation, language, body, url))
    counts = {"charCount": len(text), "wordCount": len(_WORD.findall(text))}
    return [
        {"role": "main", "contentType": "text/html", "value": html, **counts},
        {"role": "main", "contentType": "text/plain", "value": text, **counts},
    ]


def _subjects(release: Release, language: Language, config: SiteConfig) -> list[dict[str, str]]:
    """The release's regions and topics, named in the item's language."""
    return [
        {
            "name": language.gettext(getattr(config, vocabulary)[key]),
            "literal": f"{vocabulary}:{key}",
            "rel": "about",
        }
        for vocabulary in ("regions", "topics")
        for key in getattr(release, vocabulary)
    ]


def _renditions(release: Release, lang: str, config: SiteConfig, pdf: bool) -> list[dict[str, str]]:
    """Where the release-language is published: its page, its plain text, its PDF."""
    found = [
        ("web page", paths.release_page(lang, release.id), "text/html"),
        ("plain text", paths.release_text(lang, release.id), "text/plain"),
    ]
    if pdf:
        found.append(("pdf", paths.release_pdf(lang, release.id), "application/pdf"))
    return [
        {"name": name, "href": paths.url(config, path), "contentType": kind}
        for name, path, kind in found
    ]


def _contact(contact: Contact) -> dict[str, Any]:
    info = [
        {"type": kind, "value": value}
        for kind, value in (("email", contact.email), ("phone", contact.phone))
        if value
    ]
    source: dict[str, Any] = {"name": contact.name, "role": "mediaContact"}
    if contact.org:
        source["literal"] = contact.org
    if info:
        source["contactInfo"] = info
    return source


def _image_association(release: Release, lang: str, ctx: RenderContext) -> dict[str, Any] | None:
    """The photo as an associated picture item; its caption and credit even without the file."""
    text = release.translations[lang].image_text(release.image, release.image)
    if release.image is None and text is None:
        return None
    association: dict[str, Any] = {
        "name": "featureImage",
        "rel": "featureImage",
        "uri": paths.item_id(ctx.config, release.id, lang) + ":image",
        "type": "picture",
    }
    if text and text.caption:
        association["descriptions"] = [{"role": "caption", "value": text.caption}]
    if text and text.credit:
        association["by"] = text.credit
    if text and text.alt:
        association["headlines"] = [{"role": "alt", "value": text.alt}]
    if release.image:
        url = paths.url(ctx.config, paths.media(release.id, release.image))
        association["renditions"] = [
            {
                "name": "original",
                "href": url,
                "contentType": mimetypes.guess_type(release.image)[0] or "application/octet-stream",
                "sizeInBytes": (release.folder / release.image).stat().st_size,
            }
        ]
    return association
