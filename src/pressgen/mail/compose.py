"""One e-mail per recipient: `multipart/alternative` (plain text, HTML), headers, attachments.

Built with the standard library's `email` package under the SMTP policy (CRLF lines, RFC 2047
headers). Given the same inputs and date, the bytes are the same: boundaries derive from the
Message-ID, never from a random number.
"""

from __future__ import annotations

import functools
import hashlib
from base64 import b64encode
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, EmailPolicy
from email.utils import format_datetime
from functools import cached_property
from typing import Protocol

from ..model import MailSettings, Release
from ..render.template_errors import located
from ..render.views import Body, RenderContext, preview_banner
from .address import domain_of
from .content import (
    mail_body,
    mail_html,
    mail_text,
    subject,
    unsubscribe_link,
)
from .lists import Recipient
from .pictures import carried_addresses, carried_copy, carried_in
from .settings import split_sender


@dataclass(frozen=True)
class Attachment:
    """A file sent with the message, e.g. the release's PDF in the recipient's language."""

    filename: str
    content_type: str  # "application/pdf"
    data: bytes


# The files to attach to a release in a language. Issue 14 (PDF) plugs in here: today none.
Attachments = Callable[[Release, str], Sequence[Attachment]]


def no_attachments(release: Release, lang: str) -> Sequence[Attachment]:
    return ()


@dataclass(frozen=True)
class Letter:
    """One message to send: to whom, in which language, under which Message-ID.

    `fallback` says the recipient asked for a language the release does not exist in (they
    get the original); `round` counts the times it was sent again with --resend (or is the
    round of a withdrawal notice), and such a letter names the first message the recipient
    got of the release (`first_message_id`).
    """

    recipient: Recipient
    lang: str
    fallback: bool
    message_id: str
    round: int = 0
    first_message_id: str | None = None


def message_id(
    release: Release,
    lang: str,
    recipient: Recipient,
    domain: str,
    round_: int,
    notice: bool = False,
) -> str:
    """A Message-ID stable for a release, language and recipient: a message that must be sent
    again after an interruption keeps its identity, so a mailbox that did receive it can tell
    the copy (Gmail drops it). A deliberate --resend gets a new one (`.r1`, `.r2`, ...), a
    withdrawal notice one of its own (`.w1`: the round it is)."""
    digest = hashlib.sha256(f"{release.id}\n{lang}\n{recipient.key}".encode()).hexdigest()[:20]
    again = f".{'w' if notice else 'r'}{round_}" if round_ else ""
    return f"<{release.id}.{lang}.{digest}{again}@{domain}>"


def sender_domain(settings: MailSettings) -> str:
    return domain_of(split_sender(settings.sender)[1])


class Composer:
    """Composes the letters of one release; each language's body is converted once."""

    def __init__(
        self,
        release: Release,
        ctx: RenderContext,
        settings: MailSettings,
        judged_at: datetime,
        attachments: Attachments = no_attachments,
        hidden: frozenset[str] = frozenset(),
    ) -> None:
        self.release = release
        self.ctx = ctx
        self.settings = settings
        self.judged_at = judged_at
        self.attachments = attachments
        self.hidden = hidden  # releases its links are left out to (`content.hidden_releases`)
        self._bodies: dict[str, Body] = {}

    def banner(self, lang: str) -> str | None:
        """ "EMBARGOED UNTIL ..." in `lang` while the release is not public, else None."""
        return preview_banner(self.release, self.ctx.languages[lang], self.judged_at)

    @cached_property
    def carried(self) -> dict[str, str]:
        """The `cid:` addresses of the pictures the messages carry: under embargo, every one
        a message shows (see `pictures`)."""
        if self.release.is_public(self.judged_at):
            return {}
        return carried_addresses(self.release, sender_domain(self.settings))

    @functools.cache  # noqa: B019 (one composer per run: each picture copied once)
    def _carried_copy(self, name: str) -> tuple[str, bytes] | None:
        return carried_copy(self.release, name)

    def _body(self, lang: str) -> Body:
        found = self._bodies.get(lang)
        if found is None:
            found = self._bodies[lang] = mail_body(self.release, lang, self.ctx, self.hidden)
        return found

    def _parts(self, lang: str, banner: str | None, unsubscribe: str | None) -> tuple[str, str]:
        """The plain text and the HTML; a mistake in one of the site's own templates is the
        site's problem, named by its file and line, never a bug of pressgen's."""
        body = self._body(lang)
        try:
            text = mail_text(self.release, lang, self.ctx, body, banner, unsubscribe)
            html = mail_html(self.release, lang, self.ctx, body, banner, unsubscribe)
            return text, carried_in(html, self.ctx.config, self.release, self.carried)
        except Exception as error:
            doing = f"the {lang} e-mail of {self.release.id}"
            mistake = located(error, self.ctx.env, doing)
            if mistake is None:
                raise
            raise mistake from None

    def rehearse(self, letters: Sequence[Letter]) -> None:
        """Render the text and HTML of the first letter in each language, raising a site
        template's mistake (`TemplateMistake`) before anything is written or sent: a
        template may fail in one language only, or at render time only."""
        done: set[str] = set()
        for letter in letters:
            if letter.lang not in done:
                done.add(letter.lang)
                unsubscribe = unsubscribe_link(self.settings, letter.recipient.email)
                self._parts(letter.lang, self.banner(letter.lang), unsubscribe)

    def compose(self, letter: Letter, date: datetime) -> EmailMessage:
        """The message for one letter, dated `date`."""
        lang, release = letter.lang, self.release
        banner = self.banner(lang)
        unsubscribe = unsubscribe_link(self.settings, letter.recipient.email)
        title = subject(release, self.ctx.languages[lang], banner)
        text, html = self._parts(lang, banner, unsubscribe)
        message = new_message(self.settings, letter, title, date, (text, html), unsubscribe)
        for name, address in self.carried.items():
            if f'src="{address}"' in html:
                _carry(message, address, self._carried_copy(name))
        for attachment in self.attachments(release, lang):
            maintype, _, subtype = attachment.content_type.partition("/")
            message.add_attachment(
                attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
            )
        return finished(message, letter)


class Composes(Protocol):
    """What a run needs of a composer: the release's (`Composer`) or a withdrawal notice's."""

    def rehearse(self, letters: Sequence[Letter]) -> None: ...

    def compose(self, letter: Letter, date: datetime) -> EmailMessage: ...


def new_message(
    settings: MailSettings,
    letter: Letter,
    title: str,
    date: datetime,
    parts: tuple[str, str],
    unsubscribe: str | None,
) -> EmailMessage:
    """A message's headers and its plain-text and HTML `parts` (which show `unsubscribe`,
    the recipient's link), to which a composer adds what it carries before `finished`."""
    message = EmailMessage(policy=SMTP)
    name, address = split_sender(settings.sender)
    message["Subject"] = EncodedSubject(title)
    message["From"] = Address(name, addr_spec=address)
    message["To"] = Address(letter.recipient.name, addr_spec=letter.recipient.email)
    if settings.reply_to:
        message["Reply-To"] = settings.reply_to
    message["Date"] = format_datetime(date)
    message["Message-ID"] = letter.message_id
    if letter.first_message_id:  # a --resend or a notice: filed with the first message
        message["In-Reply-To"] = letter.first_message_id
        message["References"] = letter.first_message_id
    if unsubscribe:
        message["List-Unsubscribe"] = OneLine("List-Unsubscribe", f"<{unsubscribe}>")
        if unsubscribe.startswith("https:"):  # RFC 8058 one-click: a POST, no page
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text, html = parts
    message.set_content(text, subtype="plain", charset="utf-8", cte=_transfer_encoding(text))
    message.add_alternative(html, subtype="html", charset="utf-8", cte=_transfer_encoding(html))
    return message


def finished(message: EmailMessage, letter: Letter) -> EmailMessage:
    """Last: set_content and add_attachment move the Content-* headers into the parts."""
    message["Content-Language"] = letter.lang
    _fix_boundaries(message, letter.message_id)
    return message


class EncodedSubject(str):
    """A Subject that keeps its spaces in every mail client.

    The standard library folds a long non-ASCII subject with the space between two words
    left outside the encoded words, where RFC 2047 (section 6.2) tells readers to drop it:
    "للهجرة تفتتح" arrives as "للهجرةتفتتح" (CPython issues 144156, 77749). Here the text is cut
    into encoded words by length, spaces inside them, one per folded line. The policy uses
    an object with `name` and `fold` as the header itself (`EmailPolicy.fold`).
    """

    name = "Subject"
    _CHUNK = 39  # bytes of UTF-8 per encoded word: 64 characters, a 73-column first line

    def fold(self, *, policy: EmailPolicy) -> str:
        if self.isascii():
            return self._fold_ascii(policy)
        words, chunk = [], ""
        for char in self:
            if chunk and len((chunk + char).encode("utf-8")) > self._CHUNK:
                words.append(chunk)
                chunk = ""
            chunk += char
        words.append(chunk)
        encoded = [f"=?utf-8?b?{b64encode(w.encode('utf-8')).decode('ascii')}?=" for w in words]
        return f"{self.name}: " + f"{policy.linesep} ".join(encoded) + policy.linesep

    def _fold_ascii(self, policy: EmailPolicy) -> str:
        """At the spaces, in lines of at most 78 characters, the first holding a word: the
        policy put a 75-character subject on the next line, and readers returned it with a
        leading space."""
        lines, line = [], f"{self.name}:"
        for word in self.split(" "):
            if len(line) + 1 + len(word) > 78 and line != f"{self.name}:":
                lines.append(line)
                line = ""
            line += " " + word
        return policy.linesep.join([*lines, line]) + policy.linesep


class OneLine(str):
    """A header on one line however long (up to SMTP's 998 characters): the policy would
    fold a long URL after the colon, which some readers then return with a leading space."""

    def __new__(cls, name: str, value: str) -> OneLine:
        header = super().__new__(cls, value)
        header.name = name
        return header

    name: str

    def fold(self, *, policy: EmailPolicy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


def _carry(message: EmailMessage, address: str, copy: tuple[str, bytes] | None) -> None:
    """A picture the HTML part shows by `address` (cid:), beside it in a multipart/related."""
    part = message.get_body(("related", "html"))  # the related part, once there is one
    if part is not None and copy is not None:
        subtype, data = copy
        part.add_related(
            data,
            maintype="image",
            subtype=subtype,
            cid=f"<{address.removeprefix('cid:')}>",
            disposition="inline",
        )


def _transfer_encoding(text: str) -> str:
    """Quoted-printable for mostly Latin text, base64 for other scripts (shorter for them).

    Never 8bit: a server without 8BITMIME would have to refuse or mangle it.
    """
    data = text.encode("utf-8")
    non_ascii = sum(1 for byte in data if byte > 127)
    return "quoted-printable" if non_ascii * 6 < len(data) else "base64"


def _fix_boundaries(message: EmailMessage, identity: str) -> None:
    """Multipart boundaries from the Message-ID, so that the same message is the same bytes.
    `=_` cannot occur in quoted-printable or base64 text, the encodings of every part."""
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_pressgen_{digest}_{index}")


def as_bytes(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=SMTP)


def by_language(letters: Sequence[Letter]) -> Mapping[str, int]:
    """How many letters go out in each language, for the summary."""
    counts: dict[str, int] = {}
    for letter in letters:
        counts[letter.lang] = counts.get(letter.lang, 0) + 1
    return dict(sorted(counts.items()))
