"""What a `pressgen mail` run will do, decided before anything is sent: the release and its
state, the list checked as a whole, and one letter per recipient not yet served."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..i18n import catalog_tags
from ..model import MailSettings, Release
from ..problems import UserError
from ..read import read_one_release
from ..read.release import RELEASE_FILE
from ..render.template_errors import refuse_template_mistakes
from ..render.views import RenderContext
from ..resources import RELEASES_DIR
from .compose import Letter, message_id, sender_domain
from .content import mail_context
from .held import held_as_draft
from .lists import Recipient, read_list
from .log import WITHDRAWAL, History

NO_MAIL_SETTINGS = (
    "pressgen.toml: has no [mail] section, expected at least\n"
    "[mail]\n"
    'from = "Media office <media@example.org>"\n'
    'smtp = "smtp.example.org:587"\n'
    "(see the README, 'Send a release to journalists')"
)


@dataclass(frozen=True)
class Prepared:
    """The inputs of a run, all valid: release, settings, recipients, templates and catalogs."""

    release: Release
    settings: MailSettings
    recipients: tuple[Recipient, ...]
    ctx: RenderContext
    public: bool  # whether the release is public at the instant the run is judged at

    @property
    def withdrawn(self) -> bool:
        """Withdrawn: the run sends a notice of it to those who got it, and nothing else."""
        return self.release.status == "withdrawn"


def prepare(site_dir: Path, release_id: str, list_name: str, judged_at: datetime) -> Prepared:
    """Read and check everything a run needs, or raise: a draft, a bad list, bad settings or
    a site template Jinja cannot compile stop the run here, before anything is sent."""
    release, config = read_one_release(site_dir, release_id)
    if config.mail is None:
        raise UserError(NO_MAIL_SETTINGS)
    if release.status == "draft":
        raise UserError(
            f"{RELEASES_DIR}/{release_id}/release.yaml: status: the release is a draft; "
            "drafts are never sent" + held_as_draft(site_dir, release_id)
        )
    recipients = read_list(site_dir, list_name, config.languages)
    ctx = mail_context(site_dir, config)
    refuse_template_mistakes(ctx.env)  # those Jinja finds before rendering, as a build does
    return Prepared(
        release=release,
        settings=config.mail,
        recipients=recipients,
        ctx=ctx,
        public=release.is_public(judged_at),
    )


@dataclass(frozen=True)
class Plan:
    """The letters of a run and what the summary says about the others."""

    letters: tuple[Letter, ...]  # to send now
    everyone: tuple[Letter, ...]  # one per recipient, for a dry run
    already: int  # recipients served before (the run sends them nothing)
    resumed: int  # letters an interrupted run tried: sent again under the same Message-ID
    round: int  # 0, or the --resend round
    version: str  # the release's files as they are (a --resend round sends one version)
    fallbacks: Mapping[str, int]  # a language asked for that the release lacks -> recipients
    # recipients skipped whose last message said EMBARGOED UNTIL another instant than the
    # release's now: that instant -> how many
    told_otherwise: Mapping[str, int] = field(default_factory=dict)


def plan_letters(prepared: Prepared, history: History, resend: bool) -> Plan:
    """One letter per recipient; those already served are left out, unless `resend`. Of a
    withdrawn release, a notice to those who got it (`plan_notices`).

    A --resend sends the release as it now is: the round that sent this version goes on to
    those of the list who did not get it (after an interruption, a deferral, another list);
    a version no round sent starts a round (new Message-IDs); nobody gets a round twice.
    """
    if prepared.withdrawn:
        return plan_notices(prepared, history)
    release = prepared.release
    domain = sender_domain(prepared.settings)
    version = release_version(release)
    round_ = history.rounds.get(version, -1) if resend else 0
    if resend and (round_ < 0 or any(notice > round_ for notice in history.notices)):
        round_ = history.last_round + 1  # a text no round sent, or withdrawn since it went
    letters, everyone = [], []
    fallbacks: dict[str, int] = {}
    already = resumed = 0
    for recipient in prepared.recipients:
        wanted = recipient.language or release.original
        lang = version_for(wanted, release) or release.original
        received = history.sent.get(recipient.key, set())
        due = round_ not in received if resend else not received
        letter = Letter(
            recipient=recipient,
            lang=lang,
            fallback=version_for(wanted, release) is None,
            message_id=message_id(release, lang, recipient, domain, round_ if due else 0),
            round=round_ if due else 0,
            first_message_id=history.first.get(recipient.key) if resend else None,
        )
        everyone.append(letter)
        if not due:
            already += 1
            continue
        if letter.fallback:
            fallbacks[wanted] = fallbacks.get(wanted, 0) + 1
        resumed += history.unconfirmed(recipient.key, round_)
        letters.append(letter)
    return Plan(
        letters=tuple(letters),
        everyone=tuple(everyone),
        already=already,
        resumed=resumed,
        round=round_,
        version=version,
        fallbacks=dict(sorted(fallbacks.items())),
        told_otherwise=_told_otherwise(release, history, everyone, letters, prepared.public),
    )


def _told_otherwise(
    release: Release, history: History, everyone: list[Letter], due: list[Letter], public: bool
) -> dict[str, int]:
    """Of the recipients this run skips, how many hold the release EMBARGOED UNTIL each
    instant other than the one it now goes out at (its embargo or date moved since), and
    ("" for an instant) how many hold it as public though it no longer is (dated later)."""
    sent_now = {letter.recipient.key for letter in due}
    found: dict[str, int] = {}
    for letter in everyone:
        key = letter.recipient.key
        if key not in history.until or key in sent_now:
            continue
        told = history.until[key]
        if (told and not _same_instant(told, release.public_from)) or (told is None and not public):
            found[told or ""] = found.get(told or "", 0) + 1
    return found


def _same_instant(told: str, lifts: datetime | None) -> bool:
    """Whether the instant a log line wrote is `lifts`, in whichever offset (09:00Z is
    10:00+01:00: the embargo did not move)."""
    try:
        return lifts is not None and datetime.fromisoformat(told) == lifts
    except (TypeError, ValueError):
        return False


def plan_notices(prepared: Prepared, history: History) -> Plan:
    """A withdrawal notice to each recipient of the list the log says got the release, in
    the language they last got it in, as a reply to the first message they got; nobody else is
    told of it. A round of its own (a `WITHDRAWAL` round in the log): a run cut short is
    finished by the next, and a journalist told once is not told again, unless a round of
    the release reached them after that notice (it was published and withdrawn again)."""
    release = prepared.release
    domain = sender_domain(prepared.settings)
    round_ = _notice_round(history)
    letters, everyone = [], []
    already = resumed = 0
    for recipient in prepared.recipients:
        received = history.sent.get(recipient.key, set())
        got = received - history.notices
        if not got:
            continue  # never sent the release: a notice would reveal it
        lang = history.language.get(recipient.key, release.original)
        lang = lang if lang in release.translations else release.original
        letter = Letter(
            recipient=recipient,
            lang=lang,
            fallback=False,
            message_id=message_id(release, lang, recipient, domain, round_, notice=True),
            round=round_,
            first_message_id=history.first.get(recipient.key),
        )
        everyone.append(letter)
        if max(got) < max(received & history.notices, default=-1):
            already += 1  # told since the last message of the release they got
            continue
        resumed += history.unconfirmed(recipient.key, round_)
        letters.append(letter)
    return Plan(tuple(letters), tuple(everyone), already, resumed, round_, WITHDRAWAL, {})


def _notice_round(history: History) -> int:
    """The round of notices under way, or a new one when none is, or a --resend came after
    it (the release was published again)."""
    latest = max(history.notices, default=-1)
    return latest if latest >= 0 and latest >= history.last_round else history.last_round + 1


def version_for(wanted: str, release: Release) -> str | None:
    """The language version a journalist who asked for `wanted` reads: that one, else its
    parent (fr for fr-CA), else one of the same language and script (fr-CA for fr); None
    when the release has none in their language."""
    for tag in catalog_tags(wanted):
        if tag in release.translations:
            return tag
    base = catalog_tags(wanted)[-1]
    return next((lang for lang in release.languages if catalog_tags(lang)[-1] == base), None)


def release_version(release: Release) -> str:
    """A digest of the release's files (release.yaml and each language's text) as they are:
    an edit since a --resend round makes the next --resend a new round."""
    digest = hashlib.sha256()
    for path in (release.folder / RELEASE_FILE, *map(release.source, release.languages)):
        try:
            digest.update(f"{path.name}\n".encode() + path.read_bytes() + b"\n")
        except OSError:
            digest.update(f"{path.name}: missing\n".encode())
    return digest.hexdigest()[:20]
