"""The release's PDF, in the recipient's language, attached to each message when the site
makes PDFs (`[pdf] enabled`, the default): the same PDF the build publishes, with the
embargo banner on every page while the release is under embargo."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from .. import paths
from ..model import Release
from ..render.views import ConvertedBodies, RenderContext, preview_banner
from .compose import Attachment, Attachments, no_attachments


def pdf_attachments(
    release: Release, ctx: RenderContext, judged: datetime, hidden: frozenset[str] = frozenset()
) -> Attachments:
    """A function giving the PDF to attach in each language, each made once per run; links
    to the releases `hidden` left out (see `content.hidden_releases`)."""
    if not ctx.config.pdf_enabled:
        return no_attachments
    bodies = ConvertedBodies(ctx, hidden)

    @cache
    def attachments(lang: str) -> Sequence[Attachment]:
        from ..render.pdf import release_pdfs

        def banner(lang: str) -> str | None:
            if release.is_public(judged):
                return None
            return preview_banner(release, ctx.languages[lang], judged)

        pdf = release_pdfs(release, [lang], ctx, bodies, banner)[lang]
        name = paths.release_pdf(lang, release.id).rsplit("/", 1)[-1]
        return (Attachment(name, "application/pdf", pdf),)

    return lambda release_, lang: attachments(lang)
