"""`pressgen mail` against a real SMTP server: what journalists receive, and that nothing is
sent twice, lost, or sent at all when the input is wrong."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgen.cli import main
from pressgen.i18n import load_languages
from pressgen.mail import smtp
from pressgen.mail.wrap import width_of

from .mailsite import (
    DRAFT,
    EMBARGOED,
    RELEASE,
    TITLES,
    Handler,
    Received,
    running_server,
    write_site,
)

Server = tuple[Handler, int]


@pytest.fixture
def server() -> Iterator[Server]:
    with running_server() as running:
        yield running


@pytest.fixture
def site(server: Server, tmp_path: Path) -> Path:
    return write_site(tmp_path, server[1])


def run(site: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["mail", *args, "--site", str(site)])


def send(site: Path, *args: str, release: str = RELEASE) -> Result:
    return run(site, release, "--list", "journalists", "--send", *args)


def send_in_a_process(site: Path, handler: Handler) -> subprocess.Popen[bytes]:
    """`pressgen mail --send` in a process of its own, the server's `victim`, with Ctrl-C as
    a terminal gives it (a suite started in the background, as CI is, ignores it)."""
    command = [sys.executable, "-m", "pressgen", "mail", RELEASE, "--list", "journalists"]
    process = subprocess.Popen(
        [*command, "--send", "--site", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    handler.victim = process.pid
    return process


def by_recipient(handler: Handler) -> dict[str, EmailMessage]:
    return {item.recipient: item.message for item in handler.received}


def parts(message: EmailMessage) -> tuple[str, str]:
    """The text and HTML parts, with the wire's CRLF line ends as Python reads them: \n."""
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


def test_each_journalist_gets_one_message_in_their_language(server: Server, site: Path) -> None:
    handler, _ = server
    result = send(site)
    assert result.exit_code == 0, result.output
    messages = by_recipient(handler)
    assert len(handler.received) == 7 and len(messages) == 7  # one each, nobody sees another
    expected = {
        "jane@example.org": "en",
        "marie@example.org": "fr",
        "pablo@example.org": "es",
        "ali@example.org": "ar",
        "li@example.org": "zh",
        "ivan@example.org": "en",  # no Russian version: the original
        "desk@example.org": "en",  # no language asked: the original
    }
    for address, lang in expected.items():
        message = messages[address]
        assert message["To"].addresses[0].addr_spec == address
        assert message["Content-Language"] == lang
        assert message["Subject"] == TITLES[lang]
        plain, html = parts(message)
        assert TITLES[lang] in plain
        assert f'lang="{lang}"' in html and TITLES[lang] in html.replace("&#39;", "'")
    assert "1 recipient asked for 'ru'" in result.output and "original (en)" in result.output


def test_the_structure_and_headers_of_a_message(server: Server, site: Path) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    message = by_recipient(handler)["marie@example.org"]
    # the text and HTML parts, then the release's PDF in the recipient's language
    assert message.get_content_type() == "multipart/mixed"
    alternative, pdf = message.iter_parts()
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "water-points.fr.pdf"
    assert pdf.get_content().startswith(b"%PDF-")
    assert str(message["From"]) == "Media Office <media@example.org>"
    assert str(message["Reply-To"]) == "press@example.org"
    assert message["To"].addresses[0].display_name == "Marie Dupont"
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert re.fullmatch(r"<water-points\.fr\.[0-9a-f]{20}@example\.org>", message["Message-ID"])
    assert message["List-Unsubscribe"] == (
        "<https://news.example.org/unsubscribe?email=marie@example.org>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain, html = parts(message)
    assert "<script" not in html.lower()
    assert 'dir="ltr"' in html
    assert 'src="https://news.example.org/media/water-points/sizes/well.jpg-' in html
    assert "Niamey – L'Organisation internationale" in " ".join(plain.split())
    # the site's name, whatever its grammar, set apart: never "médias de Salle de presse"
    footer = " ".join(plain.splitlines())  # str.split() would take U+202F for a space
    assert "liste de diffusion aux médias «\u202fSalle de presse exemple\u202f»." in footer
    for line in plain.splitlines():  # wrapped for mail, URLs whole
        assert width_of(line) <= 72 or " " not in line.strip() or line == TITLES["fr"]


def test_arabic_and_chinese_messages_are_wrapped_and_directed(server: Server, site: Path) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    arabic, chinese = (by_recipient(handler)[a] for a in ("ali@example.org", "li@example.org"))
    plain, html = parts(arabic)
    assert html.count('dir="rtl"') >= 2  # on <html>, and on the tables Gmail keeps
    # an English paragraph runs left to right, on the message's side (h134)
    assert '<p dir="ltr" style="margin:0 0 16px 0;text-align:right;">Water' in html
    assert "text-align:right" in html
    assert "نيامي – افتتحت المنظمة الدولية للهجرة" in " ".join(plain.split())
    # each line of words opens with the right-to-left mark, a wrapped one too (one that
    # starts with "(PNR)." or a Latin name would be shown left to right), and the
    # headline, marked as the published plain text marks it, stays whole; but the lines
    # of a paragraph or caption all in English, shown left to right (h136)
    english = {"A water point", "Water is life."}
    worded = [
        line.replace("\u00a0", " ")  # Latin words kept together in Arabic text
        for line in plain.splitlines()
        if any(c.isalnum() for c in line) and not line.startswith("https://")  # an address
    ]
    assert len(worded) > 10 and english <= set(worded), plain
    assert all(line.startswith("\u200f") for line in worded if line not in english), plain
    assert "\u200f" + TITLES["ar"] in plain.splitlines()
    plain, html = parts(chinese)
    assert all(width_of(line) <= 72 for line in plain.splitlines() if line != TITLES["zh"])
    assert "旱季使整个村庄赖以生存的水井干涸" in "".join(plain.split())
    assert "https://www.example.org" not in plain  # the English body's link is not in zh


def test_a_number_in_groups_in_an_arabic_body_reads_in_its_order(
    server: Server, site: Path
) -> None:
    """h139: "+41 22 717 9111" in the body of an Arabic message read "9111 717 22 41+" (the
    spaces between its groups took the text's direction), in both parts. It is set apart
    left to right, as the contacts' phones are; in Arabic-Indic digits, overridden."""
    handler, _ = server
    arabic = site / "releases" / RELEASE / "ar.md"
    numbers = "للاستفسار: +41 22 717 9111 أو +٤١ ٢٢ ٧١٧ ٩١١١، لـ 31 مليون شخص في 2026-12-05.\n\n"
    text = arabic.read_text("utf-8")
    arabic.write_text(text.replace("وقالت رئيسة", numbers + "وقالت رئيسة"), "utf-8")
    assert send(site).exit_code == 0
    plain, html = parts(by_recipient(handler)["ali@example.org"])
    isolated, overridden = "\u2066+41 22 717 9111\u2069", "\u202d+٤١ ٢٢ ٧١٧ ٩١١١\u202c"
    shown = f"للاستفسار: {isolated} أو {overridden}، لـ 31 مليون شخص في 2026-12-05."
    assert shown in html
    assert shown in " ".join(line.removeprefix("\u200f") for line in plain.splitlines())
    plain, html = parts(by_recipient(handler)["jane@example.org"])
    assert "\u2066" not in html + plain and "\u202d" not in html + plain


def test_only_the_dateline_is_bold_in_the_html_part(server: Server, site: Path) -> None:
    """A <span> the author wrote (a phrase marked as French) turned bold in every mail, as
    if it were the dateline: the styles took every span for it."""
    handler, _ = server
    english = site / "releases" / RELEASE / "en.md"
    english.write_text(
        english.read_text("utf-8").replace(
            "Details:", 'Details, <span lang="fr">en français</span>:'
        ),
        "utf-8",
    )
    french = site / "releases" / RELEASE / "fr.md"  # a body opening with a list
    french.write_text(
        french.read_text("utf-8").replace("L'Organisation", "- L'Organisation", 1), "utf-8"
    )
    assert send(site).exit_code == 0
    html = parts(by_recipient(handler)["jane@example.org"])[1]
    assert '<span lang="fr">en français</span>' in html  # as on the page: not bold
    spans = re.findall(r"<span[^>]*>", html.split("<body", 1)[1])
    assert spans == ['<span class="dateline" style="font-weight:bold;">', '<span lang="fr">']
    html = parts(by_recipient(handler)["marie@example.org"])[1]
    assert '<p class="dateline" style="margin:0 0 16px 0;font-weight:bold;">' in html


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "<p>{{ title }}</p>\n{% if banner %}broken\n",
            "templates/mail.html:2: Unexpected end of template. Jinja was looking for the "
            "following tags: 'elif' or 'else' or 'endif'.",
        ),
        (
            "<p>{{ title }}</p>\n<p>{{ headline }}</p>\n",
            "templates/mail.html:2: 'headline' is undefined (rendering the en e-mail of "
            f"{RELEASE})",
        ),
        (  # in one language only: the run stops before the other languages' messages go
            '<p>{{ title }}</p>\n{% if lang.code == "zh" %}{{ headline }}{% endif %}\n',
            "templates/mail.html:2: 'headline' is undefined (rendering the zh e-mail of "
            f"{RELEASE})",
        ),
    ],
)
def test_a_mistake_in_the_sites_mail_template_is_named_and_nothing_sent(
    server: Server, site: Path, tmp_path: Path, template: str, expected: str
) -> None:
    """A site's own templates/mail.html that Jinja cannot compile (or render) stopped the
    run as "internal error ... a bug in pressgen", exit 3; `check` and `build` name the
    template's line. Mail does too, and sends nothing, writes nothing."""
    handler, _ = server
    (site / "templates").mkdir()
    (site / "templates" / "mail.html").write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    dry = run(site, RELEASE, "--list", "journalists", "--dry-run", "--out", str(out))
    sent = send(site)
    for result in (dry, sent):
        assert result.exit_code == 1, result.output
        assert result.output.startswith(expected), result.output
        assert result.output.endswith("\n1 problem found; nothing was sent.\n")
        assert "internal error" not in result.output and "Traceback" not in result.output
    assert not list(out.glob("*.eml")) and handler.received == []
    assert not (site / ".pressgen-mail" / "sent.jsonl").exists()


def test_a_second_run_sends_nothing(server: Server, site: Path) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    first = len(handler.received)
    again = send(site)
    assert again.exit_code == 0, again.output
    assert len(handler.received) == first == 7
    assert "Sent 0 messages" in again.output and "7 recipients already received" in again.output
    log = (site / ".pressgen-mail" / "sent.jsonl").read_text(encoding="utf-8")
    assert log.count('"event": "sent"') == 7
    assert "/.pressgen-mail/" in (site / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_new_names_on_the_list_get_only_their_message(server: Server, site: Path) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    with (site / "lists" / "journalists.csv").open("a", encoding="utf-8") as handle:
        handle.write("new@example.org,New Reporter,es\n")
    assert send(site).exit_code == 0
    assert [r.recipient for r in handler.received[7:]] == ["new@example.org"]


def test_resend_sends_again_under_new_message_ids(server: Server, site: Path) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    result = send(site, "--resend")
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 14
    first = {m["Message-ID"] for m in (r.message for r in handler.received[:7])}
    second = {m["Message-ID"] for m in (r.message for r in handler.received[7:])}
    assert not first & second and all(".r1@" in i for i in second)
    assert send(site).exit_code == 0 and len(handler.received) == 14


def test_embargoed_release_is_refused_without_embargoed(server: Server, site: Path) -> None:
    handler, _ = server
    result = send(site, release=EMBARGOED)
    assert result.exit_code == 1
    assert "add --embargoed" in result.output and "nothing was sent" in result.output
    assert handler.received == []
    assert not (site / ".pressgen-mail" / "sent.jsonl").exists()


def test_embargoed_messages_say_until_when_in_each_language(server: Server, site: Path) -> None:
    handler, _ = server
    result = send(site, "--embargoed", release=EMBARGOED)
    assert result.exit_code == 0, result.output
    languages = load_languages(["en", "fr"], None)
    lifts = datetime.fromisoformat("2099-03-15T10:00:00+01:00")  # in the release's offset
    for address, lang in (("marie@example.org", "fr"), ("jane@example.org", "en")):
        language = languages[lang]
        notice = language.gettext("EMBARGOED UNTIL %(instant)s") % {
            "instant": language.long_datetime(lifts)
        }
        message = by_recipient(handler)[address]
        assert message["Subject"].startswith(notice)
        plain, html = parts(message)
        assert plain.startswith(notice + "\n")
        body = html.split("<body", 1)[1]
        assert body.index(notice.replace("'", "&#39;")) < body.index("<h1")
    assert by_recipient(handler)["marie@example.org"]["Subject"].startswith(
        "SOUS EMBARGO JUSQU'AU 15 mars 2099"
    )
    # the attached PDF carries the embargo too, on its pages
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not found (apt-get install poppler-utils): PDF not read")
    pdf = next(p for p in by_recipient(handler)["marie@example.org"].walk() if p.get_filename())
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.get_content(), capture_output=True, check=True
    ).stdout.decode()
    assert "SOUS EMBARGO JUSQU" in text


def test_journalists_told_an_embargo_since_moved_are_named_until_told_again(
    server: Server, site: Path
) -> None:
    """Sent EMBARGOED UNTIL 15 March, a release whose embargo then moved a day later: every
    later run said only "already received", and the journalists kept a time a day early
    (h106). Each run now warns, and says the command that tells them; once told, it stops."""
    handler, _ = server
    assert send(site, "--embargoed", release=EMBARGOED).exit_code == 0
    yaml_file = site / "releases" / EMBARGOED / "release.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    same = text.replace("2099-03-15T09:00:00Z", "2099-03-15T10:00:00+01:00")  # not moved (h107)
    yaml_file.write_text(same, encoding="utf-8")
    written_otherwise = send(site, "--embargoed", release=EMBARGOED)
    assert "warning" not in written_otherwise.output, written_otherwise.output
    yaml_file.write_text(text.replace("2099-03-15T09:00", "2099-03-16T09:00"), encoding="utf-8")
    again = send(site, "--embargoed", release=EMBARGOED)
    assert again.exit_code == 0 and len(handler.received) == 7, again.output
    assert (
        "warning: 7 recipients of this release were sent it EMBARGOED UNTIL "
        "2099-03-15T09:00:00+00:00, and it is now public from 2099-03-16T09:00:00+00:00"
    ) in again.output, again.output
    assert (
        f"pressgen mail {EMBARGOED} --list journalists --send --resend --embargoed" in again.output
    )
    dry = run(
        site, EMBARGOED, "--list", "journalists", "--dry-run", "--out", str(site.parent / "dry")
    )
    assert "EMBARGOED UNTIL 2099-03-15T09:00:00+00:00" in dry.output, dry.output
    told = send(site, "--embargoed", "--resend", release=EMBARGOED)
    assert told.exit_code == 0 and len(handler.received) == 14, told.output
    quiet = send(site, "--embargoed", release=EMBARGOED)
    assert "warning" not in quiet.output and len(handler.received) == 14, quiet.output


def test_a_damaged_line_of_the_send_log_is_passed_over(server: Server, site: Path) -> None:
    """A line of `sent.jsonl` holding brackets nested 100,000 deep (a damaged or hand-edited
    log) made `check` and `mail` stop with an internal error (exit 3); it is passed over,
    as a line cut short is, and the lines around it still count."""
    assert send(site, "--embargoed", release=EMBARGOED).exit_code == 0
    log = site / ".pressgen-mail" / "sent.jsonl"
    nested = "[" * 100_000 + "]" * 100_000
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f'{{"release": "{EMBARGOED}", "event": "sent", "x": {nested}}}\n')
    yaml_file = site / "releases" / EMBARGOED / "release.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("2099-03-15T09:00", "2099-03-16T09:00"), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 1, checked.output
    assert "7 recipients of list journalists were sent it EMBARGOED UNTIL" in checked.output
    again = send(site, "--embargoed", release=EMBARGOED)
    assert again.exit_code == 0 and "already received" in again.output, again.output


def test_journalists_sent_a_release_since_dated_later_are_named(server: Server, site: Path) -> None:
    """Sent as public, then dated a year later (taken back): journalists hold a release the
    site no longer shows, and `mail` said only "already received" (h127)."""
    assert send(site).exit_code == 0
    yaml_file = site / "releases" / RELEASE / "release.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("2025-03-04T10:00", "2099-03-04T10:00"), encoding="utf-8")
    dry = run(site, RELEASE, "--list", "journalists", "--dry-run", "--out", str(site.parent / "d"))
    assert (
        "warning: 7 recipients of this release were sent it as public, and it is now public "
        "from 2099-03-04T10:00:00+01:00 (its date or embargo changed)"
    ) in dry.output, dry.output


def test_a_send_dated_later_cannot_lift_an_embargo(server: Server, site: Path) -> None:
    handler, _ = server
    result = send(site, "--now", "2100-01-01T00:00:00Z", release=EMBARGOED)
    assert result.exit_code == 1 and "add --embargoed" in result.output
    assert handler.received == []


def test_drafts_are_never_sent(server: Server, site: Path) -> None:
    """(A withdrawn release sends a notice to those who got it: test_mail_withdrawn.py.)"""
    handler, _ = server
    result = send(site, "--embargoed", release=DRAFT)
    assert result.exit_code == 1
    assert "the release is a draft; drafts are never sent" in result.output
    assert handler.received == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "jane.example.org,Jane,en",
            "lists/journalists.csv:9: email: 'jane.example.org' has no '@'",
        ),
        ("bob@example.org,Bob,de", "lists/journalists.csv:9: language: 'de' is not a language"),
        (
            "JANE@example.org,Jane,fr",
            "lists/journalists.csv:9: email: 'JANE@example.org' is listed twice (first on line 2)",
        ),
        ("bob@example.org,Bob", "lists/journalists.csv:9: has 2 values, expected 3"),
    ],
)
def test_nothing_is_sent_when_the_list_has_a_problem(
    server: Server, site: Path, line: str, expected: str
) -> None:
    handler, _ = server
    with (site / "lists" / "journalists.csv").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    for mode in ("--send", "--dry-run"):
        result = run(site, RELEASE, "--list", "journalists", mode)
        assert result.exit_code == 1, result.output
        assert expected in result.output
        assert result.output.endswith("1 problem found; nothing was sent.\n")
    assert handler.received == []
    assert not (site / "mail-preview").exists()


def test_a_list_with_the_wrong_header_is_refused(server: Server, site: Path) -> None:
    handler, _ = server
    (site / "lists" / "journalists.csv").write_text(
        "email;name;language\njane@example.org;Jane;en\n", encoding="utf-8"
    )
    result = send(site)
    assert result.exit_code == 1
    assert "lists/journalists.csv:1: the header is 'email;name;language', expected " in (
        result.output
    )
    assert "not separated by commas" in result.output
    assert handler.received == []


def test_a_temporary_failure_is_tried_again(server: Server, site: Path) -> None:
    handler, _ = server
    handler.answers["pablo@example.org"] = ["451 4.7.1 greylisted, try again later"]
    result = send(site)
    assert result.exit_code == 0, result.output
    assert "pablo@example.org: 451 4.7.1 greylisted" in result.output
    assert "trying again in 1 s" in result.output
    assert sorted(r.recipient for r in handler.received).count("pablo@example.org") == 1
    assert len(handler.received) == 7


def test_messages_are_handed_over_no_faster_than_the_rate() -> None:
    """`[mail] rate = 2`: a provider that allows two messages a second refuses or blocks a
    sender that goes faster. Each message waits its turn; after a pause none waits."""
    from pressgen.mail.send import Pace

    now, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pace = Pace(2, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        pace.wait()
    assert slept == [0.5, 0.5]
    now[0] += 5.0
    pace.wait()
    assert slept == [0.5, 0.5]


def test_a_failure_is_tried_again_after_a_minute_at_most() -> None:
    """With `[mail] retries = 10`, doubling without end would leave a greylisted journalist
    and the run waiting 8.5 minutes before their last try; a minute is the most."""
    from pressgen.mail.send import backoff

    waits = [backoff(attempt) for attempt in range(10)]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]


def test_a_server_closing_at_mail_from_is_connected_to_again(server: Server, site: Path) -> None:
    """ "421 Too many connections" to MAIL FROM: smtplib closes the connection, and the run
    kept using it: one try lost, and with `retries = 1` the run stopped, "cannot be reached
    (please run connect() first)", nothing sent. It connects again, after the usual pause."""
    handler, _ = server
    handler.mail_answers = ["421 4.7.0 Too many connections, try later"]
    result = send(site)
    assert result.exit_code == 0, result.output
    assert "421 4.7.0 Too many connections, try later; trying again in 1 s" in result.output
    assert "connect() first" not in result.output  # the next try is a new connection
    assert len(handler.received) == 7 and len({r.recipient for r in handler.received}) == 7


def test_a_permanent_failure_is_reported_and_the_others_sent(server: Server, site: Path) -> None:
    handler, _ = server
    handler.answers["ali@example.org"] = ["550 5.1.1 no such mailbox"]
    result = send(site)
    assert result.exit_code == 1
    assert "Refused for good (check these addresses): 1" in result.output
    assert "lists/journalists.csv:5: ali@example.org: 550 5.1.1 no such mailbox" in result.output
    assert len(handler.received) == 6 and "ali@example.org" not in by_recipient(handler)


def test_a_message_refused_for_its_content_is_not_listed_as_an_address_to_check(
    server: Server, site: Path
) -> None:
    """554 after DATA ("rejected as spam") was listed under "check these addresses" (h137)."""
    handler, _ = server
    handler.answers["ali@example.org"] = ["550 5.1.1 no such mailbox"]
    handler.data_answers["pablo@example.org"] = "554 5.7.1 rejected as spam"
    result = send(site)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    address = lines.index("Refused for good (check these addresses): 1")
    assert "ali@example.org: 550 5.1.1 no such mailbox" in lines[address + 1]
    content = lines.index("The message refused for good (the server says why): 1")
    assert "pablo@example.org: 554 5.7.1 rejected as spam (the message)" in lines[content + 1]
    assert len(handler.received) == 5


def test_a_refused_address_tried_again_is_not_called_unconfirmed(
    server: Server, site: Path
) -> None:
    """The server answered "no" to the first run, for good or for now: a second run tries
    again, and says so, without claiming that an earlier run's message may have gone."""
    handler, _ = server
    handler.answers["ali@example.org"] = ["550 5.1.1 no such mailbox"] * 2
    handler.answers["pablo@example.org"] = ["450 4.2.1 mailbox busy"] * 6
    assert send(site).exit_code == 1
    again = send(site)
    assert again.exit_code == 1 and "Refused for good (check these addresses): 1" in again.output
    assert "stopped before the server's answer" not in again.output, again.output
    assert len(handler.received) == 5


def test_an_unreachable_server_stops_the_run(site: Path, tmp_path: Path) -> None:
    """And the run after it, the server put right, sends everything, without saying that a
    run stopped before the server's answer (there was none to wait for: h114)."""
    config = site / "pressgen.toml"
    port = re.search(r"127\.0\.0\.1:(\d+)", config.read_text()).group(1)  # type: ignore[union-attr]
    config.write_text(config.read_text().replace(f"127.0.0.1:{port}", "127.0.0.1:9"))
    config.write_text(config.read_text().replace("retries = 2", "retries = 1"))
    result = send(site)
    assert result.exit_code == 1
    assert "Stopped: 127.0.0.1:9 cannot be reached" in result.output
    assert "7 not sent" in result.output
    config.write_text(config.read_text().replace("127.0.0.1:9", f"127.0.0.1:{port}"))
    again = send(site)
    assert again.exit_code == 0 and "Sent 7 messages" in again.output, again.output
    assert "stopped before the server's answer" not in again.output, again.output


def test_a_server_slow_to_answer_for_a_message_gets_it_once(
    server: Server, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that scans each message (its PDF) answers late: the run waits for the
    answer (RFC 5321 gives it ten minutes) instead of sending the message again."""
    handler, _ = server
    monkeypatch.setattr(smtp, "TIMEOUT", 0.3)
    monkeypatch.setattr(smtp, "MESSAGE_TIMEOUT", 5.0)
    handler.answer_after = 0.6
    result = send(site)
    assert result.exit_code == 0, result.output
    recipients = [r.recipient for r in handler.received]
    assert len(recipients) == 7 and len(set(recipients)) == 7, recipients


def test_a_connection_lost_once_a_server_took_a_message_stops_the_run(
    server: Server, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server has the message but its answer never comes: trying again at once could
    reach the journalist twice (four times, with retries = 3). The run stops and says so;
    the next one sends the rest, and that one message once more, as the README says."""
    handler, _ = server
    monkeypatch.setattr(smtp, "MESSAGE_TIMEOUT", 0.3)
    handler.answer_after = 1.0
    result = send(site)
    assert result.exit_code == 1, result.output
    assert "stopped answering while it took the message to" in result.output
    assert "it may have it" in result.output
    assert len(handler.received) == 1
    handler.answer_after = 0.0
    again = send(site)
    assert again.exit_code == 0, again.output
    recipients = [r.recipient for r in handler.received]
    assert len(recipients) == 8 and len(set(recipients)) == 7, recipients


def test_a_run_killed_mid_send_is_finished_by_the_next(server: Server, site: Path) -> None:
    handler, _ = server
    handler.kill_before = 3  # killed as the fourth message starts, three being accepted
    process = send_in_a_process(site, handler)
    process.communicate(timeout=60)
    assert process.returncode == -9
    assert len(handler.received) == 3
    handler.kill_before = None
    result = send(site)
    assert result.exit_code == 0, result.output
    recipients = [r.recipient for r in handler.received]
    assert len(recipients) == 7 and len(set(recipients)) == 7  # nothing twice, nothing lost
    assert "1 had been tried by a run that stopped" in result.output
    # "sent again" was printed beside "Sent 0 messages" when the server could not be reached
    assert "was recorded: tried again, under the same Message-ID" in result.output


@pytest.mark.parametrize(("stop", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_run_stopped_while_the_server_answers_sends_nothing_twice(
    server: Server, site: Path, stop: signal.Signals, status: int
) -> None:
    """Ctrl-C (or systemd's SIGTERM) while the server takes the third message: the run
    waits for the answer and records it, then stops, exiting as a shell says of it; the
    run the message asks for sends the other four. Stopped before the answer, the third
    went out twice."""
    handler, _ = server
    handler.stop_in_data = (3, stop)
    process = send_in_a_process(site, handler)
    output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == status, output
    assert "stopping once the server has answered" in output
    # the desk hears how far the run got, and what to do (SIGTERM ended it unsaid, h137)
    how = "Ctrl-C" if stop == signal.SIGINT else "a stop signal (SIGTERM)"
    assert f"Stopped by {how}: 3 of 7 messages sent; run the same command again" in output
    handler.stop_in_data = None
    result = send(site)
    assert result.exit_code == 0, result.output
    recipients = [r.recipient for r in handler.received]
    assert len(recipients) == 7 and len(set(recipients)) == 7, recipients
    assert "tried by a run that stopped" not in result.output


def test_a_stale_translation_is_sent_with_a_warning(server: Server, site: Path) -> None:
    """The original's figure changed after the French was marked: the French text goes as
    it is (the officer may have reasons), but the run says so and how to see the change."""
    marked = CliRunner().invoke(main, ["translations", "mark", RELEASE, "fr", "--site", str(site)])
    assert marked.exit_code == 0, marked.output
    args = [RELEASE, "--list", "journalists", "--dry-run", "--now", "2026-01-01T00:00:00Z"]
    assert "warning" not in run(site, *args).output
    english = site / "releases" / RELEASE / "en.md"
    english.write_text(english.read_text("utf-8").replace("forty", "fifty"), "utf-8")
    result = run(site, *args)
    assert result.exit_code == 0, result.output
    assert (
        f"warning: releases/{RELEASE}/fr.md: en.md changed since it was translated; "
        f"1 recipient gets it as it is (`pressgen translations diff {RELEASE} fr` shows what "
        "changed)"
    ) in result.output.splitlines()


def test_a_dry_run_never_writes_into_the_public_site(server: Server, site: Path) -> None:
    """The messages hold journalists' addresses, and under embargo the release: written
    into public/mail they sat in the public site until the next build."""
    assert CliRunner().invoke(main, ["build", "--site", str(site)]).exit_code == 0
    args = [RELEASE, "--list", "journalists", "--dry-run", "--now", "2026-01-01T00:00:00Z"]
    for out in (site / "public" / "mail", site / "public"):
        result = run(site, *args, "--out", str(out))
        assert result.exit_code == 1, result.output
        assert "expected a folder of its own" in result.output
        assert not list((site / "public").rglob("*.eml"))


def test_a_second_ctrl_c_stops_a_send_at_once(server: Server, site: Path) -> None:
    """The server takes 20 s to answer: a second Ctrl-C stops the run then, without waiting
    for that answer, nor for one to the goodbye (QUIT) it used to send on the way out."""
    handler, _ = server
    handler.stop_in_data, handler.stop_twice = (2, signal.SIGINT), True
    started = time.monotonic()
    process = send_in_a_process(site, handler)
    output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == 130, output
    assert time.monotonic() - started < 15, output


def test_dry_run_writes_one_file_per_recipient_and_sends_nothing(
    server: Server, site: Path, tmp_path: Path
) -> None:
    handler, _ = server
    out = tmp_path / "preview"
    args = [RELEASE, "--list", "journalists", "--dry-run", "--out", str(out)]
    result = run(site, *args, "--now", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.eml"))
    assert len(files) == 7 and handler.received == []
    first = {f.name: f.read_bytes() for f in files}
    assert run(site, *args, "--now", "2026-01-01T00:00:00Z").exit_code == 0
    assert {f.name: f.read_bytes() for f in out.glob("*.eml")} == first  # same bytes
    assert not (site / ".pressgen-mail" / "sent.jsonl").exists()
    assert send(site).exit_code == 0
    sent = by_recipient(handler)["li@example.org"]
    preview = Received("li@example.org", (out / "li@example.org.eml").read_bytes()).message
    assert preview["Message-ID"] == sent["Message-ID"]
    assert parts(preview)[1] == parts(sent)[1]


def test_dry_run_removes_only_the_messages_a_dry_run_wrote(
    server: Server, site: Path, tmp_path: Path
) -> None:
    """--out pointed at Downloads: every .eml there that the run did not write was deleted,
    the press officer's own saved mail with them. Only an earlier dry run's are replaced."""
    out = tmp_path / "Downloads"
    out.mkdir()
    (out / "saved.eml").write_bytes(b"Subject: my own mail\r\n\r\nKeep me.\r\n")
    (out / "notes.txt").write_text("mine")
    args = [RELEASE, "--list", "journalists", "--dry-run", "--out", str(out)]
    result = run(site, *args, "--now", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0 and "Wrote 7 messages" in result.output, result.output
    assert (out / "saved.eml").read_bytes() == b"Subject: my own mail\r\n\r\nKeep me.\r\n"
    listed = site / "lists" / "journalists.csv"
    listed.write_text(listed.read_text("utf-8").replace("li@example.org,李雷,zh\n", ""), "utf-8")
    result = run(site, *args, "--now", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0 and "Wrote 6 messages" in result.output, result.output
    assert not (out / "li@example.org.eml").exists()  # the earlier dry run's: removed
    kept = {"saved", "jane", "marie", "pablo", "ali", "ivan", "desk"}
    assert {p.stem.removesuffix("@example.org") for p in out.glob("*.eml")} == kept
    assert (out / "saved.eml").is_file() and (out / "notes.txt").read_text() == "mine"
    # a file of the officer's under a journalist's name is not written over either
    own = tmp_path / "own"
    own.mkdir()
    (own / "jane@example.org.eml").write_bytes(b"my draft to Jane")
    result = run(site, RELEASE, "--list", "journalists", "--dry-run", "--out", str(own))
    assert result.exit_code == 1, result.output
    assert f"{own / 'jane@example.org.eml'}: was not written by pressgen mail --dry-run" in (
        result.output
    )
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert (own / "jane@example.org.eml").read_bytes() == b"my draft to Jane"
    assert [p.name for p in own.iterdir()] == ["jane@example.org.eml"]
    # the site's own mail-preview/ID holds only messages: one an older pressgen wrote goes
    default = site / "mail-preview" / RELEASE
    default.mkdir(parents=True)
    (default / "gone@example.org.eml").write_bytes(b"an older dry run's")
    assert run(site, RELEASE, "--list", "journalists", "--dry-run").exit_code == 0
    assert len(list(default.glob("*.eml"))) == 6 and not (default / "gone@example.org.eml").exists()
    assert server[0].received == []


def test_dry_run_gives_addresses_that_differ_in_a_sign_files_of_their_own(
    server: Server, site: Path, tmp_path: Path
) -> None:
    """`a'b`, `a_b` and `a/b` are three mailboxes: three files, none written over."""
    lines = "".join(f"{local}@example.org,Someone,en\n" for local in ("a'b", "a_b", "a/b"))
    (site / "lists/journalists.csv").write_text("email,name,language\n" + lines)
    out = tmp_path / "preview"
    args = [RELEASE, "--list", "journalists", "--dry-run", "--out", str(out)]
    result = run(site, *args, "--now", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0 and "Wrote 3 messages" in result.output, result.output
    files = sorted(out.glob("*.eml"))
    assert len(files) == 3 and (out / "a_b@example.org.eml").is_file()
    recipients = {Received("", f.read_bytes()).message["To"] for f in files}
    assert len(recipients) == 3


def test_mailto_unsubscribe_has_no_one_click_header(server: Server, tmp_path: Path) -> None:
    handler, port = server
    site = write_site(tmp_path, port, unsubscribe="mailto:unsubscribe@example.org")
    assert send(site).exit_code == 0
    message = by_recipient(handler)["jane@example.org"]
    assert message["List-Unsubscribe"] == "<mailto:unsubscribe@example.org>"
    assert message["List-Unsubscribe-Post"] is None
    assert "unsubscribe@example.org" in parts(message)[0]


def test_an_unfinished_resend_is_finished_by_the_next(server: Server, site: Path) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    handler.answers["li@example.org"] = ["451 4.3.2 busy"] * 3  # every attempt of the run
    result = send(site, "--resend")
    assert result.exit_code == 1
    assert "Not sent, the server said try later (run again later): 1" in result.output
    assert "lists/journalists.csv:6: li@example.org: 451 4.3.2 busy" in result.output
    assert len(handler.received) == 13
    result = send(site, "--resend")  # finishes round 1: only the one left
    assert result.exit_code == 0, result.output
    assert "6 recipients already received round 1 of --resend: skipped." in result.output
    assert [r.recipient for r in handler.received[13:]] == ["li@example.org"]
    assert ".r1@" in handler.received[13].message["Message-ID"]
    result = send(site, "--resend")  # the same text again: nobody gets a round twice
    assert result.exit_code == 0 and len(handler.received) == 14
    assert (
        "7 recipients already received round 1 of --resend: skipped; this text is sent once "
        "with --resend: a correction sends it again."
    ) in result.output


def test_the_same_text_resent_to_a_list_or_to_a_smaller_one_reaches_nobody_twice(
    server: Server, site: Path
) -> None:
    """A --resend to the whole list, then again, then to a list of some of the same people:
    each journalist got the same "Updated" message three times; now once."""
    handler, _ = server
    listed = (site / "lists" / "journalists.csv").read_text("utf-8")
    (site / "lists" / "early.csv").write_text("\n".join(listed.splitlines()[:3]) + "\n")
    assert send(site).exit_code == 0 and len(handler.received) == 7
    assert send(site, "--resend").exit_code == 0 and len(handler.received) == 14
    assert send(site, "--resend").exit_code == 0
    result = send(site, "--resend", "--list", "early")
    assert result.exit_code == 0, result.output
    assert "2 recipients already received round 1 of --resend: skipped" in result.output
    assert len(handler.received) == 14
    english = site / "releases" / RELEASE / "en.md"
    english.write_text(english.read_text("utf-8") + "\nA correction.\n", "utf-8")
    assert send(site, "--resend", "--list", "early").exit_code == 0  # a new text: a new round
    assert [".r2@" in r.message["Message-ID"] for r in handler.received[14:]] == [True] * 2


def test_a_correction_after_an_unfinished_resend_goes_to_everyone(
    server: Server, site: Path
) -> None:
    """One journalist's server defers a --resend for days; the next correction is a new
    version of the release: its --resend goes to the whole list, not only to that one."""
    handler, _ = server
    assert send(site).exit_code == 0
    handler.answers["li@example.org"] = ["451 4.3.2 busy"] * 3
    assert send(site, "--resend").exit_code == 1
    assert len(handler.received) == 13
    english = site / "releases" / RELEASE / "en.md"
    english.write_text(english.read_text("utf-8") + "\nA second correction.\n", "utf-8")
    result = send(site, "--resend")
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 20
    assert all(".r2@" in r.message["Message-ID"] for r in handler.received[13:])


def test_a_resend_left_to_a_journalist_taken_off_the_list_does_not_block_the_next(
    server: Server, site: Path
) -> None:
    handler, _ = server
    assert send(site).exit_code == 0
    handler.answers["li@example.org"] = ["451 4.3.2 busy"] * 3
    assert send(site, "--resend").exit_code == 1
    listed = site / "lists" / "journalists.csv"
    listed.write_text(
        "".join(
            line
            for line in listed.read_text("utf-8").splitlines(True)
            if not line.startswith("li@")
        )
    )
    result = send(site, "--resend")  # all left on the list have round 1: nothing to do
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 13
    english = site / "releases" / RELEASE / "en.md"
    english.write_text(english.read_text("utf-8") + "\nA correction.\n", "utf-8")
    result = send(site, "--resend")
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 13 + 6
    assert all(".r2@" in r.message["Message-ID"] for r in handler.received[13:])


def test_a_resend_to_two_lists_reaches_a_journalist_on_both_once(
    server: Server, site: Path
) -> None:
    """A journalist on two lists gets the release once, and each --resend of it once."""
    handler, _ = server
    listed = (site / "lists" / "journalists.csv").read_text("utf-8")
    header, first = listed.splitlines()[:2]
    (site / "lists" / "desk.csv").write_text(f"{header}\n{first}\nother@example.org,Other,en\n")
    assert send(site).exit_code == 0
    assert send(site, "--list", "desk").exit_code == 0
    assert len(handler.received) == 8
    assert send(site, "--resend").exit_code == 0
    result = send(site, "--resend", "--list", "desk")
    assert result.exit_code == 0, result.output
    again = [r.recipient for r in handler.received[8:]]
    assert len(again) == 8 and len(set(again)) == 8, again


def test_long_sends_report_progress(server: Server, site: Path) -> None:
    handler, _ = server
    rows = "".join(f"reporter{n}@example.org,Reporter {n},fr\n" for n in range(60))
    (site / "lists" / "journalists.csv").write_text("email,name,language\n" + rows)
    result = send(site)
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 60
    for done in (25, 50, 60):
        assert f"{done} of 60 done ({done} sent)" in result.output


def test_a_login_the_server_cannot_take_stops_the_run(server: Server, site: Path) -> None:
    handler, port = server
    login = {"PRESSGEN_SMTP_USER": "media", "PRESSGEN_SMTP_PASSWORD": "secret"}
    result = CliRunner(env=login).invoke(
        main, ["mail", RELEASE, "--list", "journalists", "--send", "--site", str(site)]
    )
    assert result.exit_code == 1
    assert f"Stopped: 127.0.0.1:{port} offers no login, though PRESSGEN_SMTP_USER" in (
        result.output
    )
    assert "7 not sent" in result.output and handler.received == []


def test_dry_run_messages_never_go_into_the_folder_of_previews(
    server: Server, site: Path, tmp_path: Path
) -> None:
    """The folder that holds embargoed previews is on a web server: messages written there
    would publish every journalist's address, at an address anyone could guess."""
    from pressgen.engine.places import PREVIEWS, PREVIEWS_TEXT

    previews = tmp_path / "embargo-preview"
    previews.mkdir()
    (previews / PREVIEWS).write_bytes(PREVIEWS_TEXT)
    for out in (previews / "journalists", previews):  # below it, or into it
        args = [RELEASE, "--list", "journalists", "--dry-run", "--out", str(out)]
        result = run(site, *args, "--now", "2026-01-01T00:00:00Z")
        assert result.exit_code == 1, result.output
        assert "a folder of previews" in result.output
    assert not (previews / "journalists").exists() and not list(previews.glob("*.eml"))


def test_a_dry_run_says_which_send_would_go_and_when(
    server: Server, site: Path, tmp_path: Path
) -> None:
    """It said "--send would send 7 now" of a release under embargo, which --send refuses,
    and of one public only at the instant of --now."""
    out = tmp_path / "preview"
    args = [EMBARGOED, "--list", "journalists", "--dry-run", "--out", str(out)]
    result = run(site, *args)
    assert result.exit_code == 0, result.output
    assert "--send --embargoed would send 7 now." in result.output, result.output
    assert "--send would send" not in result.output
    result = run(site, *args, "--now", "2099-04-01T00:00:00Z")
    assert result.exit_code == 0, result.output
    assert "--send would send 7 from 2099-04-01T00:00:00+00:00 (--now) on." in result.output


def test_a_corrected_release_says_so_in_the_subject_and_joins_the_first_message(
    server: Server, site: Path
) -> None:
    """A journalist who got the release sees the --resend after a correction as an update of
    it: "Updated" before the headline, in their language, and filed with the first message."""
    handler, _ = server
    assert send(site).exit_code == 0
    first = {r.recipient: r.message["Message-ID"] for r in handler.received}
    yaml_file = site / "releases" / RELEASE / "release.yaml"
    yaml_file.write_text(
        yaml_file.read_text("utf-8") + "corrections:\n  - date: 2025-03-05T09:00:00+01:00\n"
        "    note:\n      en: The number of water points was corrected.\n"
        "      fr: Le nombre de points d'eau a été corrigé.\n",
        "utf-8",
    )
    result = send(site, "--resend")
    assert result.exit_code == 0, result.output
    again = {r.recipient: r.message for r in handler.received[7:]}
    assert again["jane@example.org"]["Subject"] == f"Updated: {TITLES['en']}"
    assert again["marie@example.org"]["Subject"] == f"Mis à jour\u202f: {TITLES['fr']}"
    assert again["li@example.org"]["Subject"] == f"更新：{TITLES['zh']}"
    for address, message in again.items():
        assert message["In-Reply-To"] == first[address]
        assert message["References"] == first[address]
    assert "In-Reply-To" not in handler.received[0].message  # the first send starts a thread


def test_an_embargoed_message_carries_its_pictures_inside(server: Server, site: Path) -> None:
    """Under embargo the release's photo and body pictures are not on the web yet (their
    addresses answer "not found" until the embargo ends): the HTML part shows copies carried
    in the message, under `cid:` addresses; a public release's message links to the web."""
    from PIL import Image

    handler, _ = server
    folder = site / "releases" / EMBARGOED
    shutil.copy(site / "releases" / RELEASE / "well.jpg", folder / "well.jpg")
    Image.new("RGB", (3000, 2000), "navy").save(folder / "map.png")
    yaml_file = folder / "release.yaml"
    yaml_file.write_text(yaml_file.read_text("utf-8") + "image: well.jpg\n", "utf-8")
    french = folder / "fr.md"
    french.write_text(french.read_text("utf-8") + "\n![Carte du Sahel](map.png)\n", "utf-8")
    result = send(site, "--embargoed", release=EMBARGOED)
    assert result.exit_code == 0, result.output
    message = by_recipient(handler)["marie@example.org"]
    _, html = parts(message)
    structure = [part.get_content_type() for part in message.walk()]
    assert structure[:6] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/jpeg",
    ], structure
    sources = re.findall(r'<img[^>]* src="([^"]+)"', html)
    assert len(sources) == 2 and all(s.startswith("cid:") for s in sources), sources
    carried = {
        f"cid:{part['Content-ID'].strip('<>')}": part
        for part in message.walk()
        if part["Content-ID"] and part.get_content_maintype() == "image"
    }
    assert set(sources) == set(carried)
    for part in carried.values():
        picture = Image.open(BytesIO(part.get_content()))
        assert picture.width <= 1104  # a copy for a 552-pixel column, never the original
        assert part.get_content_disposition() == "inline"
    assert "media/" not in html.split("Read this release on the web")[0]
    send(site)
    _, public_html = parts(by_recipient(handler)["jane@example.org"])
    assert "cid:" not in public_html and "/media/water-points/sizes/well.jpg-" in public_html


def test_a_message_shows_published_copies_sized_for_its_column(
    server: Server, site: Path, tmp_path: Path
) -> None:
    """A camera's photo and a large chart are shown from the copies the build publishes for
    a wide screen, not the originals every journalist would download, with a `width` and
    `height` Outlook obeys; a link to the file still gives the file."""
    from PIL import Image

    handler, _ = server
    folder = site / "releases" / RELEASE
    Image.new("RGB", (3000, 2000), "olive").save(folder / "well.jpg")
    Image.new("RGB", (3000, 1500), "navy").save(folder / "chart.png")
    english = folder / "en.md"
    english.write_text(
        english.read_text("utf-8")
        + "\n![A chart](chart.png)\n\n[The chart, full size](chart.png)\n",
        "utf-8",
    )
    assert send(site).exit_code == 0
    _, html = parts(by_recipient(handler)["jane@example.org"])
    images = dict(re.findall(r'<img[^>]* src="https://news\.example\.org/([^"]+)"([^>]*)>', html))
    assert set(images) == {
        "media/water-points/sizes/well.jpg-1200w.jpg",
        "media/water-points/sizes/chart.png-1200w.png",
    }, images
    assert 'width="552" height="276"' in images["media/water-points/sizes/chart.png-1200w.png"]
    assert 'width="552" height="368"' in images["media/water-points/sizes/well.jpg-1200w.jpg"]
    assert 'href="https://news.example.org/media/water-points/chart.png"' in html
    out = tmp_path / "public"  # each address is a file the build publishes
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert all((out / path).is_file() for path in images)


def test_a_journalist_of_a_regional_language_gets_its_parent_language(
    server: Server, site: Path
) -> None:
    """A Québec journalist (fr-CA) reads French: sent the English original while a French
    version exists, they were told it was the original "as asked" (h70)."""
    handler, _ = server
    config = site / "pressgen.toml"
    text = config.read_text("utf-8")
    config.write_text(text.replace('"ru"]', '"ru", "fr-CA"]'), "utf-8")
    journalists = site / "lists" / "journalists.csv"
    journalists.write_text(
        journalists.read_text("utf-8") + "claire@example.org,Claire Tremblay,fr-CA\n", "utf-8"
    )
    result = send(site)
    assert result.exit_code == 0, result.output
    message = by_recipient(handler)["claire@example.org"]
    assert message["Content-Language"] == "fr"
    assert message["Subject"] == TITLES["fr"]
    assert "'fr-CA'" not in result.output


def test_a_small_lead_photo_is_not_enlarged_in_the_message(server: Server, site: Path) -> None:
    """A 400×300 photo was given width="552": blurred in every client that obeys (h70)."""
    from PIL import Image

    handler, _ = server
    Image.new("RGB", (400, 300), "olive").save(site / "releases" / RELEASE / "well.jpg")
    assert send(site).exit_code == 0
    _, html = parts(by_recipient(handler)["jane@example.org"])
    lead = re.search(r'<img[^>]* src="[^"]*/well\.jpg-400w\.jpg"[^>]*>', html)
    assert lead is not None, html
    assert 'width="400" height="300"' in lead.group(0)


def test_under_embargo_only_the_pictures_a_message_shows_are_copied_into_it(
    server: Server, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture with a width of its own (raw HTML) was left a link to the unpublished file,
    a broken image; gallery photos, which no message shows, were decoded and encoded for
    nothing on every run (h71)."""
    from PIL import Image

    from pressgen.mail import pictures

    handler, _ = server
    folder = site / "releases" / EMBARGOED
    for name in ("well.jpg", "gallery.jpg"):
        Image.new("RGB", (1600, 1000), "olive").save(folder / name)
    Image.new("RGB", (900, 600), "navy").save(folder / "chart.png")
    yaml_file = folder / "release.yaml"
    yaml_file.write_text(
        yaml_file.read_text("utf-8") + "images: [well.jpg, gallery.jpg]\n", "utf-8"
    )
    french = folder / "fr.md"
    french.write_text(
        french.read_text("utf-8") + '\n<img src="chart.png" alt="Carte" width="300">\n', "utf-8"
    )
    copied: list[str] = []
    made = pictures._mail_copy
    monkeypatch.setattr(pictures, "_mail_copy", lambda path: copied.append(path.name) or made(path))
    result = send(site, "--embargoed", release=EMBARGOED)
    assert result.exit_code == 0, result.output
    _, html = parts(by_recipient(handler)["marie@example.org"])
    chart = re.search(r'<img[^>]*alt="Carte"[^>]*>', html)
    assert chart is not None and 'src="cid:' in chart.group(0) and 'width="300"' in chart.group(0)
    assert sorted(set(copied)) == ["chart.png", "well.jpg"]


def test_an_english_paragraph_in_an_arabic_message_runs_left_to_right_on_its_side() -> None:
    """h134: the page and the PDF lay an English paragraph of an Arabic release out left to
    right (its full stop at its end); the e-mail did not. It does, on the message's side."""
    from markupsafe import Markup

    from pressgen.mail.content import styled
    from pressgen.render.sanitise import directed_paragraphs

    html = directed_paragraphs("<p>نص.</p>\n<blockquote>\n<p>We act now.</p>\n</blockquote>", "rtl")
    assert str(styled(Markup(html), "rtl")) == (
        '<p style="margin:0 0 16px 0;">نص.</p>\n<blockquote style="margin:0 0 16px 0;'
        'padding-right:12px;border-right:4px solid #c9ccd1;">\n'
        '<p dir="ltr" style="margin:0 0 16px 0;text-align:right;">We act now.</p>\n</blockquote>'
    )


def test_a_number_set_apart_in_its_direction_is_never_wrapped_inside() -> None:
    """h136: the e-mail's plain text wrapped an Arabic contact line inside its phone number,
    and the second half, without the mark that opened the span, read backwards."""
    from pressgen.mail.wrap import wrap_line

    number = "\u202d+٤١ ٢٢ ٧١٧ ٩١ ١١\u202c"
    line = "\u200fعلي، \u200f" + "a" * 50 + "@example.org، \u200f" + number
    assert [part for part in wrap_line(line) if number in part]
    isolated = "\u2066+41 (22) 717-91-11\u2069"
    assert wrap_line("word " * 12 + isolated + " end")[1] == isolated + " end"


def test_an_address_wrapped_onto_a_line_of_its_own_keeps_no_mark_in_arabic() -> None:
    """A mail client or a journalist's program finds a link by its "https://" at the
    start of a line: an Arabic paragraph wrapped before a long address leaves the address
    alone on its line, with no right-to-left mark before it, while its words take one."""
    from pressgen.mail.content import wrapped

    arabic = load_languages(["ar"], None)["ar"]
    address = "https://news.example.org/unsubscribe?email=li%40example.org&token=" + "a" * 40
    lines = wrapped([f"لإيقاف تلقي البيانات الصحفية: {address}"], frozenset(), arabic).split("\n")
    assert lines[:2] == ["\u200fلإيقاف تلقي البيانات الصحفية:", address]


def test_a_headline_in_latin_letters_in_an_arabic_message_runs_left_to_right(
    make_site, tmp_path: Path
) -> None:
    """h150's headline "Who are we?" in an Arabic release, in the message's HTML part and in
    a withdrawal's: its words set apart left to right ("?Who are we" otherwise)."""
    from pressgen.mail.content import mail_html
    from pressgen.mail.withdrawal import notice_values
    from pressgen.render.views import prepare_body

    from .pdftools import context

    config = (
        '[site]\nbase_url = "https://news.example.org/"\ndefault_language = "en"\n'
        'languages = ["en", "ar"]\n\n[site.title]\nen = "News"\nar = "أخبار"\n'
    )
    files = {
        "releases/one/release.yaml": "date: 2024-05-01T10:00:00Z\ntype: press-release\n"
        "original: ar\nstatus: published\n",
        "releases/one/ar.md": "---\ntitle: Who are we?\ndateline: جنيف\n---\nنص البيان.\n",
    }
    site, ctx = context(make_site(files, config=config, with_default_release=False))
    release = site.releases[0]
    body = prepare_body(release.translations["ar"], ctx.languages["ar"], release)
    html = mail_html(release, "ar", ctx, body, None, None)
    # (typography keeps Latin words together in Arabic text: no-break spaces)
    assert '<span dir="ltr">Who are we?</span></h1>' in html.replace("\u00a0", " ")
    assert notice_values(release, "ar", ctx, None)["title_dir"] == "ltr"
