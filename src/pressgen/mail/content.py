"""What a journalist reads: the release's plain text wrapped for mail, and an HTML version
made for mail clients, both from what the build renders (templates, catalogs, typography).

Pure functions of the release, the language, the render context and the recipient's
unsubscribe link, like the build's renderers; only `mail_context` and
`hidden_releases` read files.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from markupsafe import Markup

from .. import paths
from ..bidi import written_the_other_way
from ..i18n import Language
from ..model import MailSettings, Release, Site, SiteConfig, Translation
from ..problems import InputError
from ..read.catalogs import catalog_problems
from ..read.release import RELEASE_FILE, read_release
from ..render.environment import gettext_functions
from ..render.markdown import body_html
from ..render.sanitise import absolute_html, directed_paragraphs
from ..render.text import RLM, left_to_right_line, release_text, right_to_left_lines
from ..render.views import (
    Body,
    RenderContext,
    dateline_html,
    dateline_lead,
    release_labels,
    render_context,
    updated_line,
)
from ..resources import RELEASES_DIR
from .pictures import COLUMN, column_size, shown_copy, sized_for_mail
from .settings import EMAIL_PLACEHOLDER
from .wrap import wrap_text

MAIL_TEMPLATE = "mail.html"


def mail_context(site_dir: Path, config: SiteConfig) -> RenderContext:
    """Templates and catalogs, the site's over the package's, as a build loads them; a
    catalog a build refuses stops the mail too (h96: Babel's errors, or a broken one sent)."""
    templates, locales = site_dir / "templates", site_dir / "locales"
    found = locales if locales.is_dir() else None
    if problems := catalog_problems(found, config.languages, site_dir):
        raise InputError(problems)
    site = Site(
        root=site_dir,
        config=config,
        releases=(),
        templates_dir=templates if templates.is_dir() else None,
        locales_dir=found,
        assets_dir=site_dir / "assets" if (site_dir / "assets").is_dir() else None,
    )
    return render_context(site)


def page_url(config: SiteConfig, release: Release, lang: str) -> str:
    return paths.url(config, paths.release_page(lang, release.id))


def mail_body(
    release: Release, lang: str, ctx: RenderContext, hidden: Collection[str] = ()
) -> Body:
    """The body converted as for the page, but with every link and image absolute: a message
    has no page address for relative links to start from. Links to the releases `hidden`
    are left out, as on the page (see `hidden_releases`)."""
    language = ctx.languages[lang]
    media = {
        name: paths.url(ctx.config, paths.media(release.id, name)) for name in release.media_files
    }
    markdown = release.translations[lang].body
    if markdown is None:  # a bug: mail reads its release from the files
        raise RuntimeError(f"{release.id}: the {lang} body was not read")
    unlinked = partial(paths.leads_to, hidden) if hidden else None
    html = body_html(markdown, language.typography, media, unlinked)
    html = absolute_html(html, page_url(ctx.config, release, lang))
    return Body(html=sized_for_mail(html, ctx.config, release), summary="")


def hidden_releases(release: Release, config: SiteConfig, at: datetime) -> frozenset[str]:
    """The other releases the body may link to (its path words name a release folder) that
    are not public at `at`, nor withdrawn after they were: a journalist, even one trusted
    with this release's embargo, learns nothing of them from its links."""
    root = release.folder.parent.parent
    words = set(release.path_words) - {release.id}
    hidden = set()
    for word in sorted(words):
        folder = root / RELEASES_DIR / word
        if not (folder / RELEASE_FILE).is_file():
            continue
        other, _ = read_release(folder, root, config)
        if other is None or not other.has_an_address(at):
            hidden.add(word)
    return frozenset(hidden)


def unsubscribe_link(settings: MailSettings, email: str) -> str | None:
    """The settings' unsubscribe address, `{email}` in it replaced by the recipient's."""
    if settings.unsubscribe is None:
        return None
    return settings.unsubscribe.replace(EMAIL_PLACEHOLDER, quote(email, safe="@"))


def subject(release: Release, language: Language, banner: str | None) -> str:
    """The headline, after the embargo notice while there is one, or after "Updated" once
    the release has corrections: a journalist who got it before tells the new message from
    a copy of the old one without opening it."""
    title = language.typography(release.translations[language.code].title)
    notice = banner
    if notice is None and release.corrections:
        notice = language.pgettext("the subject of an e-mail of a corrected release", "Updated")
    if notice is None:
        return title
    return headed(language, notice, title)


def headed(language: Language, notice: str, headline: str) -> str:
    """A subject that says what the message is before the headline: "Updated: ..." """
    return language.gettext("%(notice)s: %(headline)s") % {"notice": notice, "headline": headline}


def footer_reason(ctx: RenderContext, language: Language) -> str:
    site = language.typography(ctx.config.title(language.code))
    return language.gettext(
        "You receive this press release as a journalist on the media list of %(site)s."
    ) % {"site": site}


def mail_text(
    release: Release,
    lang: str,
    ctx: RenderContext,
    body: Body,
    banner: str | None,
    unsubscribe: str | None,
) -> str:
    """The release's plain text (as published in `ID.LANG.txt`), wrapped at 72 columns, and
    a footer after the signature mark saying why it came and how to stop it."""
    language = ctx.languages[lang]
    text = release_text(release, lang, ctx, body, banner).decode("utf-8")
    headline = language.typography(release.translations[lang].title)
    lines = [*text.rstrip("\n").split("\n"), "", *footer_lines(ctx, language, unsubscribe)]
    return wrapped(lines, frozenset(line for line in (banner, headline) if line), language)


def footer_lines(ctx: RenderContext, language: Language, unsubscribe: str | None) -> list[str]:
    """The signature mark, why the message came and how to stop them."""
    footer = ["-- ", footer_reason(ctx, language)]
    if unsubscribe:
        footer.append(
            language.gettext("To stop receiving press releases: %(link)s")
            % {"link": _shown(unsubscribe)}
        )
    return footer


def wrapped(lines: list[str], keep: frozenset[str], language: Language) -> str:
    """`lines` wrapped at 72 columns, but for those in `keep` (a subject line stays whole)."""
    if language.direction != "rtl":
        return wrap_text("\n".join(lines) + "\n", keep)
    # Right to left: each line (a paragraph) wrapped as written, then each of its lines
    # opened with its mark, as each line of the published plain text is; but those of a
    # paragraph all of whose letters run left to right (an English quotation).
    marked = []
    for line in (line.removeprefix(RLM) for line in [*lines, ""]):
        wrapped_lines = wrap_text(line, keep)
        own_way = line not in keep and left_to_right_line(line)
        marked.append(wrapped_lines if own_way else right_to_left_lines(wrapped_lines))
    return "\n".join(marked)


class MailImage(NamedTuple):
    url: str | None
    alt: str
    caption: str | None
    credit: str | None
    width: int = COLUMN  # as the message shows it: at most its column, never enlarged
    height: int | None = None


class MailContact(NamedTuple):
    name: str
    email: str | None
    phone: str | None
    org: str | None


def mail_html(
    release: Release,
    lang: str,
    ctx: RenderContext,
    body: Body,
    banner: str | None,
    unsubscribe: str | None,
) -> str:
    """The HTML part: `templates/mail.html` filled with the same values as the page."""
    language = ctx.languages[lang]
    translation = release.translations[lang]
    values: dict[str, Any] = {
        **gettext_functions(language),
        **release_labels(release, ctx.config, language),
        "lang": language,
        "start": "right" if language.direction == "rtl" else "left",
        "end": "left" if language.direction == "rtl" else "right",
        "banner": banner,
        "site_title": language.typography(ctx.config.title(lang)),
        "title": language.typography(translation.title),
        "title_dir": written_the_other_way(translation.title, language.direction),
        "date_long": language.long_date(release.date),
        "body": styled(
            dateline_html(
                Markup(directed_paragraphs(body.html, language.direction)),
                dateline_lead(translation, language, language.long_date(release.date)),
                language.space,
            ),
            language.direction,
        ),
        "image": _image(release, ctx.config, language),
        "contacts": _contacts(translation, language),
        "corrections": [
            (updated_line(language, c.date), language.typography(c.notes.get(lang, "")))
            for c in release.corrections
        ],
        "url": page_url(ctx.config, release, lang),
        "reason": footer_reason(ctx, language),
        "unsubscribe": unsubscribe,
        "unsubscribe_link": link(unsubscribe) if unsubscribe else None,
    }
    html: str = ctx.env.get_template(MAIL_TEMPLATE).render(values)
    return html


def _contacts(translation: Translation, language: Language) -> list[MailContact]:
    return [
        MailContact(
            name=language.typography(c.name),
            email=c.email,
            phone=c.phone,
            org=language.typography(c.org) if c.org else None,
        )
        for c in translation.contacts
    ]


def link(target: str) -> Markup:
    return Markup('<a href="%s" style="color:#0b57a4;text-decoration:underline;">%s</a>') % (
        target,
        _shown(target),
    )


def _shown(target: str) -> str:
    """An unsubscribe address as a reader reads it: a bare address for a plain mailto."""
    return target.removeprefix("mailto:") if "?" not in target else target


def _image(release: Release, config: SiteConfig, language: Language) -> MailImage | None:
    """The photo by its absolute URL (published with the release), with its caption."""
    text = release.translations[language.code].image
    if release.image is None and text is None:
        return None
    url = shown_copy(config, release, release.image) if release.image else None
    size = release.picture_sizes.get(release.image) if release.image else None
    width, height = column_size(size) if size else (COLUMN, None)
    return MailImage(
        url=url,
        alt=text.alt if text and text.alt else "",
        caption=language.typography(text.caption) if text and text.caption else None,
        credit=language.typography(text.credit) if text and text.credit else None,
        width=width,
        height=height,
    )


# Mail clients drop or ignore style sheets (Gmail in some views, Outlook's Word engine for
# much of CSS): every element of the body carries its own style. `{start}` is the side the
# text starts from (right in Arabic).
_STYLES = {
    "p": "margin:0 0 16px 0;",
    "a": "color:#0b57a4;text-decoration:underline;",
    "h1": "font-size:22px;line-height:1.3;margin:24px 0 12px 0;",
    "h2": "font-size:20px;line-height:1.3;margin:24px 0 12px 0;",
    "h3": "font-size:18px;line-height:1.3;margin:20px 0 8px 0;",
    "h4": "font-size:16px;line-height:1.3;margin:16px 0 8px 0;",
    "ul": "margin:0 0 16px 0;padding-{start}:24px;",
    "ol": "margin:0 0 16px 0;padding-{start}:24px;",
    "li": "margin:0 0 8px 0;",
    "blockquote": "margin:0 0 16px 0;padding-{start}:12px;border-{start}:4px solid #c9ccd1;",
    "table": "border-collapse:collapse;margin:0 0 16px 0;",
    "th": "border:1px solid #c9ccd1;padding:6px 8px;text-align:{start};",
    "td": "border:1px solid #c9ccd1;padding:6px 8px;text-align:{start};",
    "img": "display:block;max-width:100%;height:auto;border:0;",
    "pre": "white-space:pre-wrap;font-family:monospace;",
}
# The dateline's element (`views.dateline_html`): bold, as the page's style sheet has it. The
# sanitiser removes every class an author writes, so no other element of the body has it.
_DATELINE = ' class="dateline"'
_BOLD = "font-weight:bold;"
_START_TAG = re.compile(r'<([a-z][a-z0-9]*)((?:[^>"]|"[^"]*")*)>')


def styled(html: Markup, direction: str) -> Markup:
    """The sanitised body with an inline style on each element that needs one."""
    start = "right" if direction == "rtl" else "left"

    def add_style(found: re.Match[str]) -> str:
        name, attributes = found.group(1), found.group(2)
        style = _STYLES.get(name, "") + (_BOLD if attributes == _DATELINE else "")
        if name == "p" and " dir=" in attributes:  # written the other way: on the side of
            style += "text-align:{start};"  # the message's text, by its bar or bullet too
        if not style or "style=" in attributes:
            return found.group(0)
        return f'<{name}{attributes} style="{style.format(start=start)}">'

    return Markup(_START_TAG.sub(add_style, str(html)))
