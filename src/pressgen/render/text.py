"""The plain-text version: the release in reading order, no markup, ready for layout and wires."""

from __future__ import annotations

from .. import paths
from ..model import Release
from .environment import gettext_functions
from .views import Body, RenderContext, release_labels, text_paragraphs


def release_text(
    release: Release, lang: str, ctx: RenderContext, body: Body, banner: str | None = None
) -> bytes:
    """The `.txt` of one release in one language, paragraph for paragraph like the page."""
    language = ctx.languages[lang]
    translation = release.translations[lang]
    paragraphs = text_paragraphs(translation, language, body)
    image = translation.image_text(release.image, release.image)  # the lead photo's texts
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
            language.join_parts(
                language.typography(part) for part in (c.name, c.email, c.phone, c.org) if part
            )
            for c in translation.contacts
        ],
        "corrections": [
            (language.long_date(c.date), language.typography(c.notes.get(lang, "")))
            for c in release.corrections
        ],
        "url": paths.url(ctx.config, paths.release_page(lang, release.id)),
    }
    values.update(gettext_functions(language))
    return ctx.env.get_template("release.txt").render(values).encode("utf-8")
