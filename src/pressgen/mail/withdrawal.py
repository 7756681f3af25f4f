"""The notice a journalist who got a release receives once it is withdrawn: that it was, and
when, under its headline, as a reply to the message they got. No text, photo or PDF of it:
they may be about to publish what they hold, and must learn not to, nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from ..bidi import written_the_other_way
from ..i18n import Language
from ..model import MailSettings, Release
from ..render.environment import gettext_functions
from ..render.ninjs import withdrawal_notice
from ..render.template_errors import located
from ..render.views import RenderContext
from .compose import Letter, finished, new_message
from .content import footer_lines, footer_reason, headed, link, unsubscribe_link, wrapped

NOTICE_TEMPLATE = "mail-withdrawn.html"
# What the template receives besides the catalog's functions (docs/templates.md lists them).
NOTICE_VARIABLES = (
    "lang",
    "start",
    "site_title",
    "heading",
    "title",
    "title_dir",
    "notice",
    "reason",
    "unsubscribe",
    "unsubscribe_link",
)


def notice_subject(release: Release, language: Language) -> str:
    """ "Release withdrawn: HEADLINE", in the language the journalist got the release in."""
    title = language.typography(release.translations[language.code].title)
    return headed(language, language.gettext("Release withdrawn"), title)


def notice_text(release: Release, lang: str, ctx: RenderContext, unsubscribe: str | None) -> str:
    """The plain-text part: what happened, to which release, and the usual footer."""
    language = ctx.languages[lang]
    heading = language.gettext("Release withdrawn")
    headline = language.typography(release.translations[lang].title)
    lines = [heading, "", headline, "", withdrawal_notice(release, language), ""]
    lines += footer_lines(ctx, language, unsubscribe)
    return wrapped(lines, frozenset((heading, headline)), language)


def notice_values(
    release: Release, lang: str, ctx: RenderContext, unsubscribe: str | None
) -> dict[str, Any]:
    """What `mail-withdrawn.html` receives: `NOTICE_VARIABLES` and the catalog's functions."""
    language = ctx.languages[lang]
    title = release.translations[lang].title
    values = {
        "lang": language,
        "start": "right" if language.direction == "rtl" else "left",
        "site_title": language.typography(ctx.config.title(lang)),
        "heading": language.gettext("Release withdrawn"),
        "title": language.typography(title),
        "title_dir": written_the_other_way(title, language.direction),
        "notice": withdrawal_notice(release, language),
        "reason": footer_reason(ctx, language),
        "unsubscribe": unsubscribe,
        "unsubscribe_link": link(unsubscribe) if unsubscribe else None,
    }
    return {**gettext_functions(language), **values}


class NoticeComposer:
    """Composes the withdrawal notices of one release (see `compose.Composes`)."""

    def __init__(self, release: Release, ctx: RenderContext, settings: MailSettings) -> None:
        self.release = release
        self.ctx = ctx
        self.settings = settings

    def _parts(self, lang: str, unsubscribe: str | None) -> tuple[str, str]:
        """The plain text and the HTML; a mistake of the site's own template is named by its
        file and line, as for the release's messages."""
        try:
            values = notice_values(self.release, lang, self.ctx, unsubscribe)
            html: str = self.ctx.env.get_template(NOTICE_TEMPLATE).render(values)
        except Exception as error:
            mistake = located(
                error, self.ctx.env, f"the {lang} withdrawal notice of {self.release.id}"
            )
            if mistake is None:
                raise
            raise mistake from None
        return notice_text(self.release, lang, self.ctx, unsubscribe), html

    def rehearse(self, letters: Sequence[Letter]) -> None:
        """Each language's notice rendered once before anything is sent."""
        done: set[str] = set()
        for letter in letters:
            if letter.lang not in done:
                done.add(letter.lang)
                self._parts(letter.lang, unsubscribe_link(self.settings, letter.recipient.email))

    def compose(self, letter: Letter, date: datetime) -> EmailMessage:
        """The notice for one letter, dated `date`, filed with the first message it names."""
        language = self.ctx.languages[letter.lang]
        unsubscribe = unsubscribe_link(self.settings, letter.recipient.email)
        parts = self._parts(letter.lang, unsubscribe)
        subject = notice_subject(self.release, language)
        message = new_message(self.settings, letter, subject, date, parts, unsubscribe)
        return finished(message, letter)
