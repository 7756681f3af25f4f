"""`pressgen mail --send` on a withdrawn release: the journalists who got it are told, once,
in the language they got it in, filed with the release in their mailbox; nobody else hears of
it."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgen.cli import main

from .mailsite import BODIES, EMBARGOED, RELEASE, TITLES, Handler, running_server, write_site

Server = tuple[Handler, int]
NOTICE = {  # as the withdrawn release's page says it (the site's English is en_US)
    "en": "This release was withdrawn on March 6, 2025.",
    "fr": "Ce communiqué a été retiré le 6 mars 2025.",
    "zh": "本新闻稿已于2025年3月6日撤回。",
}
SUBJECTS = {
    "en": f"Release withdrawn: {TITLES['en']}",
    "fr": f"Communiqué retiré\u202f: {TITLES['fr']}",
    "zh": f"新闻稿已撤回：{TITLES['zh']}",
}


@pytest.fixture
def server() -> Iterator[Server]:
    with running_server() as running:
        yield running


@pytest.fixture
def site(server: Server, tmp_path: Path) -> Path:
    return write_site(tmp_path, server[1])


def mail(site: Path, *args: str, release: str = RELEASE) -> Result:
    command = ["mail", release, "--list", "journalists", *args, "--site", str(site)]
    return CliRunner().invoke(main, command)


def withdraw(site: Path, release: str = RELEASE) -> None:
    yaml = site / "releases" / release / "release.yaml"
    text = yaml.read_text("utf-8").replace("status: published", "status: withdrawn")
    yaml.write_text(text + "withdrawn: 2025-03-06T12:00:00+01:00\n", "utf-8")


def add_to_list(site: Path, line: str) -> None:
    with (site / "lists" / "journalists.csv").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def texts(message: EmailMessage) -> tuple[str, str]:
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


def test_those_who_got_a_withdrawn_release_are_told_once_in_their_language(
    server: Server, site: Path
) -> None:
    handler, _ = server
    assert mail(site, "--send").exit_code == 0
    first = {r.recipient: r.message for r in handler.received}
    listed = site / "lists" / "journalists.csv"  # Marie now reads Spanish: she got French
    listed.write_text(listed.read_text("utf-8").replace("Marie Dupont,fr", "Marie Dupont,es"))
    add_to_list(site, "new@example.org,New Reporter,en")
    withdraw(site)
    result = mail(site, "--send")
    assert result.exit_code == 0, result.output
    notices = {r.recipient: r.message for r in handler.received[7:]}
    assert len(handler.received) == 14 and set(notices) == set(first)  # not new@
    assert "Sent 7 withdrawal notices" in result.output
    for address, notice in notices.items():
        lang = first[address]["Content-Language"]
        assert notice["Content-Language"] == lang
        assert notice["In-Reply-To"] == notice["References"] == first[address]["Message-ID"]
        assert notice["Message-ID"] != first[address]["Message-ID"]
        assert not [p for p in notice.walk() if p.get_filename()]  # no PDF
        plain, html = texts(notice)
        assert BODIES[lang][:40] not in plain and BODIES[lang][:40] not in html
        assert "<img" not in html and "unsubscribe?email=" in plain
    for address, lang in (("jane@example.org", "en"), ("marie@example.org", "fr")):
        assert notices[address]["Subject"] == SUBJECTS[lang]
        plain, html = texts(notices[address])
        assert NOTICE[lang] in plain and NOTICE[lang] in html.replace("&#39;", "'")
    assert notices["li@example.org"]["Subject"] == SUBJECTS["zh"]
    assert NOTICE["zh"] in texts(notices["li@example.org"])[0]
    again = mail(site, "--send")
    assert again.exit_code == 0, again.output
    assert len(handler.received) == 14 and "Sent 0 withdrawal notices" in again.output


def test_a_release_withdrawn_under_embargo_is_withdrawn_from_those_who_hold_it(
    server: Server, site: Path
) -> None:
    """Withdrawn before its embargo ended, the release was never public and leaves no page;
    the journalists who hold it, ready for the embargo's end, are told all the same."""
    handler, _ = server
    assert mail(site, "--send", "--embargoed", release=EMBARGOED).exit_code == 0
    withdraw(site, EMBARGOED)
    result = mail(site, "--send", release=EMBARGOED)
    assert result.exit_code == 0, result.output
    notices = {r.recipient: r.message for r in handler.received[7:]}
    assert len(notices) == len(handler.received) - 7 == 7
    assert notices["jane@example.org"]["Subject"] == "Release withdrawn: Sahel report"
    assert (
        notices["pablo@example.org"]["Subject"] == "Communiqué retiré\u202f: Rapport sur le Sahel"
    )
    assert "EMBARGO" not in texts(notices["marie@example.org"])[0]


def test_a_withdrawn_release_nobody_got_is_told_to_nobody(server: Server, site: Path) -> None:
    handler, _ = server
    withdraw(site)
    result = mail(site, "--send")
    assert result.exit_code == 0, result.output
    nobody = (
        f"{RELEASE} is withdrawn and nobody on list journalists was sent it: no withdrawal "
        "notice to send; nothing was sent."
    )
    assert result.output.splitlines() == [nobody]  # not "Sent 0 withdrawal notices" (h71)
    assert handler.received == []
    dry = mail(site, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines() == [nobody]
    assert not list((site / "mail-preview" / RELEASE).glob("*.eml"))


def test_an_interrupted_withdrawal_is_finished_by_the_next_run(server: Server, site: Path) -> None:
    handler, _ = server
    assert mail(site, "--send").exit_code == 0
    withdraw(site)
    handler.answers["li@example.org"] = ["451 4.3.2 busy"] * 3
    result = mail(site, "--send")
    assert result.exit_code == 1
    assert len(handler.received) == 13
    result = mail(site, "--send")
    assert result.exit_code == 0, result.output
    assert [r.recipient for r in handler.received[13:]] == ["li@example.org"]
    ids = {r.message["Message-ID"].split("@")[0].rsplit(".", 1)[1] for r in handler.received[7:]}
    assert len(ids) == 1  # one round of notices


def test_a_dry_run_shows_the_withdrawal_notices(server: Server, site: Path) -> None:
    handler, _ = server
    assert mail(site, "--send").exit_code == 0
    add_to_list(site, "new@example.org,New Reporter,en")
    withdraw(site)
    result = mail(site, "--dry-run")
    assert result.exit_code == 0, result.output
    folder = site / "mail-preview" / RELEASE
    assert sorted(p.name for p in folder.glob("*.eml")) == sorted(
        f"{r.recipient}.eml" for r in handler.received
    )
    written = (folder / "jane@example.org.eml").read_text("utf-8")
    assert "Subject: Release withdrawn: IOM opens" in written
    assert "--send would send 7" in result.output and len(handler.received) == 7


def test_a_mistake_in_the_sites_notice_template_is_named_and_nothing_sent(
    server: Server, site: Path
) -> None:
    handler, _ = server
    assert mail(site, "--send").exit_code == 0
    withdraw(site)
    (site / "templates").mkdir()
    (site / "templates" / "mail-withdrawn.html").write_text("<p>{{ headline }}</p>\n")
    result = mail(site, "--send")
    assert result.exit_code == 1
    assert (
        "templates/mail-withdrawn.html:1: 'headline' is undefined (rendering the en "
        f"withdrawal notice of {RELEASE})" in result.output
    )
    assert "nothing was sent" in result.output and len(handler.received) == 7


def test_the_withdrawal_template_variables_are_documented() -> None:
    from pressgen.mail.withdrawal import NOTICE_TEMPLATE, NOTICE_VARIABLES

    docs = (Path(__file__).resolve().parent.parent / "docs/templates.md").read_text()
    assert f"`{NOTICE_TEMPLATE}`" in docs
    assert [v for v in NOTICE_VARIABLES if f"`{v}`" not in docs] == []


def test_the_notice_is_in_the_language_of_the_last_message_they_got(
    server: Server, site: Path
) -> None:
    """Jane moved to the French list and got the --resend in French: her notice came in
    English, the language of her first message (h71)."""
    handler, _ = server
    assert mail(site, "--send").exit_code == 0
    journalists = site / "lists" / "journalists.csv"
    text = journalists.read_text("utf-8")
    journalists.write_text(text.replace("Jane Doe,en", "Jane Doe,fr"), "utf-8")
    assert mail(site, "--send", "--resend").exit_code == 0
    withdraw(site)
    result = mail(site, "--send")
    assert result.exit_code == 0, result.output
    notice = [r.message for r in handler.received if r.recipient == "jane@example.org"][-1]
    assert notice["Subject"] == SUBJECTS["fr"]


def test_a_release_published_again_after_its_withdrawal_is_resent_to_those_told(
    server: Server, site: Path
) -> None:
    """Resent, withdrawn, then published again as it was: the --resend of that same text
    sent nothing, and journalists held the withdrawal notice as the last word (h130)."""
    handler, _ = server
    yaml = site / "releases" / RELEASE / "release.yaml"
    published = yaml.read_text("utf-8")
    assert mail(site, "--send").exit_code == 0
    assert mail(site, "--send", "--resend").exit_code == 0
    withdraw(site)
    assert mail(site, "--send").exit_code == 0
    told = len(handler.received)
    yaml.write_text(published, "utf-8")
    result = mail(site, "--send", "--resend")
    assert result.exit_code == 0, result.output
    assert len(handler.received) == told + 7, result.output


def test_check_names_journalists_holding_an_embargo_since_moved_or_dropped(
    server: Server, site: Path
) -> None:
    """Mailed EMBARGOED UNTIL 15 March, a release put back to draft, or given another
    embargo, was told of by nothing but a later `pressgen mail` for it, which a draft
    refused without a word of them (h137): `check` names them, and the refusal too."""
    assert mail(site, "--send", "--embargoed", release=EMBARGOED).exit_code == 0
    yaml_file = site / "releases" / EMBARGOED / "release.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert f"{EMBARGOED}/release.yaml" not in checked.output, checked.output
    yaml_file.write_text(text.replace("2099-03-15T09:00", "2099-03-16T09:00"), encoding="utf-8")
    moved = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert (
        f"warning: releases/{EMBARGOED}/release.yaml: 7 recipients of list journalists were sent "
        "it EMBARGOED UNTIL 2099-03-15T09:00:00+00:00, and it now goes out at "
        f"2099-03-16T09:00:00+00:00: tell them with `pressgen mail {EMBARGOED} --list "
        "journalists --send --resend --embargoed`"
    ) in moved.output.splitlines(), moved.output
    yaml_file.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    assert "status: draft" in yaml_file.read_text(encoding="utf-8")
    drafted = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert "and may publish it then, but it is a draft now" in drafted.output, drafted.output
    refused = mail(site, "--send", "--embargoed", release=EMBARGOED)
    assert refused.exit_code == 1
    assert "though 7 of list journalists until 2099-03-15T09:00:00+00:00 were sent it" in (
        refused.output
    ), refused.output
    assert "mark it withdrawn (status: withdrawn, and withdrawn: 20" in refused.output  # h140
    withdrawn = text.replace("status: published", "status: withdrawn")
    yaml_file.write_text(withdrawn + "withdrawn: 2026-01-01T10:00:00Z\n", "utf-8")
    told = mail(site, "--send", release=EMBARGOED)  # as the refusal advises
    assert told.exit_code == 0 and len(server[0].received) == 14, told.output
    quiet = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert f"{EMBARGOED}/release.yaml" not in quiet.output, quiet.output
