"""`pressgen mail ID --list NAME (--dry-run [--out DIR] | --send)`: the command and its report.

The order is the promise: read and check everything, refuse what must not go (a draft, an
embargo without --embargoed, a bad list), and only then lock the log and send.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from ..cli import reports_problems
from ..engine.places import check_folders
from ..gitignore import ignore_in_git
from ..model import Release
from ..params import Instant, site_option
from ..problems import InputError, UserError, display_path
from ..render.template_errors import TemplateMistake
from ..resources import MAIL_PREVIEW_DIR, RELEASES_DIR
from ..translations import state
from .attach import pdf_attachments
from .compose import Composer, Composes, Letter, as_bytes, by_language
from .content import hidden_releases
from .lists import list_path
from .log import IGNORE_COMMENT, IGNORED, open_log, read_history
from .plan import Plan, Prepared, plan_letters, prepare
from .preview import file_name, write_previews
from .send import Delivery, Outcome, Pace, deliver
from .settings import split_sender
from .smtp import THE_MESSAGE, SmtpTransport, environment, login_from
from .withdrawal import NoticeComposer


@click.command()
@click.argument("release_id", metavar="ID")
@click.option("--list", "list_name", required=True, metavar="NAME", help="lists/NAME.csv.")
@click.option("--dry-run", is_flag=True, help="Write one .eml file per recipient; send nothing.")
@click.option("--send", is_flag=True, help="Send to every recipient not served yet.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, readable=False, path_type=Path),
    default=None,
    help=f"Where --dry-run writes (default: SITE/{MAIL_PREVIEW_DIR}/ID). The .eml files an "
    "earlier dry run wrote there are replaced; no other file is touched.",
)
@click.option("--embargoed", is_flag=True, help="Send a release still under embargo, marked so.")
@click.option("--resend", is_flag=True, help="Send again to recipients already served.")
@click.option(
    "--now",
    type=Instant(),
    default=None,
    help="Judge the embargo at this instant (default: the real time; a send never later).",
)
@site_option()
@reports_problems
def mail(
    release_id: str,
    list_name: str,
    dry_run: bool,
    send: bool,
    out: Path | None,
    embargoed: bool,
    resend: bool,
    now: datetime | None,
    site: Path,
) -> None:
    """E-mail a release to the journalists of lists/NAME.csv, each in their language.

    One message per recipient (plain text and HTML), never twice: a log in SITE/.pressgen-mail
    records each one sent. A release under embargo goes only with --embargoed, headed
    "EMBARGOED UNTIL ..."; drafts never. Of a withdrawn release, those who got it receive a
    notice that it was withdrawn, once. The SMTP login comes from PRESSGEN_SMTP_USER and
    PRESSGEN_SMTP_PASSWORD.
    """
    if dry_run == send:
        raise click.UsageError("choose one: --dry-run (write the messages to files) or --send")
    if out is not None and send:
        raise click.UsageError("--out is for --dry-run; --send writes no files")
    real = datetime.now(UTC)
    judged = now or real
    if send and judged > real:  # a send happens now: a later instant must not lift an embargo
        click.echo("note: --now is later than the real time; the embargo is judged now", err=True)
        judged = real
    prepared = _prepare_or_exit(site, release_id, list_name, judged)
    if not prepared.public and send and not embargoed and not prepared.withdrawn:
        raise UserError(_embargo_refusal(prepared, release_id))
    ignore_in_git(site, IGNORED, IGNORE_COMMENT)
    composer = _composer(prepared, judged)
    _rehearse_or_exit(site, prepared, composer, resend)
    if dry_run:
        _dry_run(site, prepared, composer, list_name, resend, out, judged)
        return
    plan, outcome = _send(site, prepared, composer, list_name, resend)
    _report(site, prepared, list_name, plan, outcome)
    if outcome.failed or outcome.deferred or outcome.stopped:
        raise SystemExit(1)


def _composer(prepared: Prepared, judged: datetime) -> Composes:
    """The release's messages, with its PDF; or, once it is withdrawn, the notice of it."""
    release, ctx, settings = prepared.release, prepared.ctx, prepared.settings
    if prepared.withdrawn:
        return NoticeComposer(release, ctx, settings)
    hidden = hidden_releases(release, ctx.config, judged)  # read once, for messages and PDFs
    attachments = pdf_attachments(release, ctx, judged, hidden)
    return Composer(release, ctx, settings, judged, attachments, hidden)


def _prepare_or_exit(site: Path, release_id: str, list_name: str, judged: datetime) -> Prepared:
    """The run's inputs; their problems printed as `reports_problems` prints them, saying what
    matters here: nothing was sent."""
    try:
        return prepare(site, release_id, list_name, judged)
    except InputError as error:
        _refuse([str(problem) for problem in error.problems])


def _rehearse_or_exit(site: Path, prepared: Prepared, composer: Composes, resend: bool) -> None:
    """Each language's message rendered once before anything is written or sent: a mistake
    of the site's templates that shows only then is told as the checks' problems are."""
    plan = plan_letters(prepared, read_history(site, prepared.release.id), resend)
    try:
        composer.rehearse(plan.everyone)
    except TemplateMistake as mistake:
        _refuse([str(mistake)])


def _refuse(problems: list[str]) -> NoReturn:
    for problem in problems:
        click.echo(problem, err=True)
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was sent.", err=True)
    raise SystemExit(1) from None


def _send(
    site: Path, prepared: Prepared, composer: Composes, list_name: str, resend: bool
) -> tuple[Plan, Outcome]:
    """Lock the log, decide who is due (under the lock: a run that just ended counts), send."""
    login = login_from(environment(), prepared.settings)
    lifts = prepared.release.public_from
    until = None if prepared.public or lifts is None else lifts.isoformat()
    with open_log(site, prepared.release.id, list_name, until) as log:
        history = read_history(site, prepared.release.id)
        plan = plan_letters(prepared, history, resend)
        if plan.round and plan.letters and history.rounds.get(plan.version) != plan.round:
            log.round(plan.round, plan.version)
        delivery = Delivery(
            compose=lambda letter: composer.compose(letter, datetime.now(UTC)),
            transport=SmtpTransport(prepared.settings, login),
            log=log,
            sender=split_sender(prepared.settings.sender)[1],
            server=f"{prepared.settings.host}:{prepared.settings.port}",
            retries=prepared.settings.retries,
            pace=Pace(prepared.settings.rate),
            report=lambda line: click.echo(line, err=True),
        )
        outcome = deliver(plan.letters, delivery)
    return plan, outcome


def _embargo_refusal(prepared: Prepared, release_id: str) -> str:
    release = prepared.release
    lifts = release.public_from
    assert lifts is not None  # drafts were refused before; withdrawn releases get notices
    local = lifts.astimezone(release.date.tzinfo)
    return (
        f"{RELEASES_DIR}/{release_id}: is not public before {local.isoformat()} "
        "(its date or embargo); nothing was sent. To send it to journalists now, "
        "marked EMBARGOED UNTIL that instant, add --embargoed"
    )


def _dry_run(
    site: Path,
    prepared: Prepared,
    composer: Composes,
    list_name: str,
    resend: bool,
    out: Path | None,
    date: datetime,
) -> None:
    """Write every recipient's message as an .eml file, in place of those the last dry run
    wrote there (no other file of the folder is touched)."""
    plan = plan_letters(prepared, read_history(site, prepared.release.id), resend)
    folder = out if out is not None else site / MAIL_PREVIEW_DIR / prepared.release.id
    check_folders(site, folder, "mail")  # addresses and embargoed text: never published
    names = {file_name(letter.recipient.key): letter for letter in plan.everyone}
    write_previews(
        folder, names, lambda name: as_bytes(composer.compose(names[name], date)), out is None
    )
    if prepared.withdrawn and not plan.everyone:
        _report_notices(prepared, plan, list_name)
        return
    click.echo(
        f"Wrote {_messages(prepared, len(names))} "
        f"({_languages(by_language(plan.everyone))}) to {folder}; nothing was sent."
    )
    if not prepared.public and not prepared.withdrawn:
        click.echo(
            "The release is not public yet: each message is headed EMBARGOED UNTIL ..., and "
            "--send refuses it without --embargoed."
        )
    _report_plan(prepared, plan, list_name, would=_would_send(prepared, len(plan.letters), date))


def _messages(prepared: Prepared, count: int) -> str:
    """ "3 messages", or "3 withdrawal notices" of a withdrawn release."""
    what = "withdrawal notice" if prepared.withdrawn else "message"
    return f"{count} {what}{'s' if count != 1 else ''}"


def _languages(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{lang} {count}" for lang, count in counts.items())


def _would_send(prepared: Prepared, count: int, date: datetime) -> str:
    """What a dry run says of the send: which command would send the messages, and when
    (a release public only at the instant of --now is refused by a send now)."""
    command = "--send" if prepared.public or prepared.withdrawn else "--send --embargoed"
    later = date > datetime.now(UTC)
    when = f"from {date.isoformat()} (--now) on" if later else "now"
    return f"{command} would send {count} {when}."


def _report_plan(prepared: Prepared, plan: Plan, list_name: str, would: str | None) -> None:
    """The lines the dry run and the send share: who is skipped, who gets the original."""
    if would:
        click.echo(would)
    if prepared.withdrawn:
        _report_notices(prepared, plan, list_name)
        return
    if plan.already:
        what = f"round {plan.round} of --resend" if plan.round else "this release"
        hint = " (--resend sends again)" if not plan.round else ""
        if plan.round and not plan.letters:  # --resend again, the text as it was: no one
            hint = "; this text is sent once with --resend: a correction sends it again"
        click.echo(
            f"{plan.already} recipient{'s' if plan.already != 1 else ''} already received "
            f"{what}: skipped{hint}."
        )
    _warn_of_a_moved_embargo(prepared, plan, list_name)
    original = prepared.release.original
    for wanted, count in plan.fallbacks.items():
        click.echo(
            f"{count} recipient{'s' if count != 1 else ''} asked for '{wanted}', which this "
            f"release has no translation into: they get the original ({original})."
        )
    _warn_of_stale_translations(prepared.release, plan)


def _warn_of_a_moved_embargo(prepared: Prepared, plan: Plan, list_name: str) -> None:
    """Journalists hold the release under an embargo since moved: told an instant too late,
    they publish late; too early, they break the real embargo. Only a new message tells them."""
    release = prepared.release
    lifts = release.public_from
    for told, count in plan.told_otherwise.items():
        now = f"is now public from {lifts.isoformat()}" if lifts else "has no date to go out"
        again = "--send --resend" + ("" if prepared.public else " --embargoed")
        how = f"EMBARGOED UNTIL {told}" if told else "as public"  # "": told it was public
        click.echo(
            f"warning: {count} recipient{'s' if count != 1 else ''} of this release were sent it "
            f"{how}, and it {now} (its date or embargo changed): tell them "
            f"with `pressgen mail {release.id} --list {list_name} {again}`.",
            err=True,
        )


def _report_notices(prepared: Prepared, plan: Plan, list_name: str) -> None:
    """Who of the list is told of the withdrawal: only those who were sent the release."""
    release = prepared.release.id
    if not plan.everyone:
        click.echo(
            f"{release} is withdrawn and nobody on list {list_name} was sent it: no "
            "withdrawal notice to send; nothing was sent."
        )
    elif plan.already:
        click.echo(
            f"{plan.already} recipient{'s' if plan.already != 1 else ''} already told that "
            f"{release} was withdrawn: skipped."
        )


def _warn_of_stale_translations(release: Release, plan: Plan) -> None:
    """A language whose text was translated from an earlier original: it goes as it is
    (the press officer may have reasons), but not without a word."""
    for lang, count in by_language(plan.letters).items():
        if state(release, lang) == "stale":
            people = f"{count} recipient gets" if count == 1 else f"{count} recipients get"
            click.echo(
                f"warning: {RELEASES_DIR}/{release.id}/{lang}.md: {release.original}.md changed "
                f"since it was translated; {people} it as it is (`pressgen translations "
                f"diff {release.id} {lang}` shows what changed)",
                err=True,
            )


def _report(site: Path, prepared: Prepared, list_name: str, plan: Plan, outcome: Outcome) -> None:
    """The summary of a send: what went, what did not and why, what to do next."""
    if prepared.withdrawn and not plan.everyone:  # nobody got it: that alone is the news
        _report_notices(prepared, plan, list_name)
        return
    release = prepared.release
    sent = outcome.sent
    languages = f" ({_languages(by_language(sent))})" if sent else ""
    again = f", round {plan.round} of --resend" if plan.round and not prepared.withdrawn else ""
    click.echo(
        f"Sent {_messages(prepared, len(sent))}{languages} of {release.id} "
        f"to list {list_name}{again}."
    )
    _report_plan(prepared, plan, list_name, would=None)
    if plan.resumed:
        click.echo(
            f"{plan.resumed} had been tried by a run that stopped before the server's answer "
            "was recorded: tried again, under the same Message-ID."
        )
    shown = display_path(list_path(site, list_name), site)
    content = [failed for failed in outcome.failed if failed[1].endswith(f"({THE_MESSAGE})")]
    addresses = [failed for failed in outcome.failed if failed not in content]
    _failures("Refused for good (check these addresses)", addresses, shown)
    _failures("The message refused for good (the server says why)", content, shown)
    _failures("Not sent, the server said try later (run again later)", outcome.deferred, shown)
    if outcome.stopped:
        click.echo(
            f"Stopped: {outcome.stopped}; {outcome.left} not sent. Run the same command again "
            "(after putting that right): it sends only what was not sent.",
            err=True,
        )


def _failures(heading: str, failures: list[tuple[Letter, str]], shown_list: str) -> None:
    """Each recipient that failed, where the list has it, and the server's words."""
    if not failures:
        return
    click.echo(f"{heading}: {len(failures)}", err=True)
    for letter, error in failures:
        where = f"{shown_list}:{letter.recipient.line}"
        click.echo(f"  {where}: {letter.recipient.email}: {error}", err=True)
