"""What `pressgen mail` refuses before it connects to anything: settings, lists, options,
logins; and the plain-text wrapping that every message goes through."""

from __future__ import annotations

import email.policy
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from pressgen.cli import main
from pressgen.mail.compose import EncodedSubject, as_bytes
from pressgen.mail.wrap import WIDTH, width_of, wrap_line

from .mailsite import RELEASE, write_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path, 2525)  # nothing listens there: these runs never connect


def mail(site: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner(env=env)
    return runner.invoke(
        main, ["mail", RELEASE, "--list", "journalists", *args, "--site", str(site)]
    )


def failed_check(site: Path) -> str:
    """What `check` says of a site with a problem (it exits 1)."""
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1, result.output
    return result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'msgid "Media contacts"\nmsgstr "News\xffroom"\n', ":6: is not valid UTF-8 text"),
        (b'msgid "Media contacts"\nmsgstr "Contacts\x00"\n', ":6: msgstr: holds the control"),
    ],
)
def test_a_catalog_a_build_refuses_stops_the_mail(
    site: Path, tmp_path: Path, text: bytes, expected: str
) -> None:
    """h96: mail read the site's catalogs without the build's checks: Babel's error was an
    internal error (exit 3), or the broken catalog went out."""
    folder = site / "locales" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    header = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (folder / "messages.po").write_bytes(header + text)
    result = mail(site, "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"locales/en/LC_MESSAGES/messages.po{expected}" in result.output
    assert not (tmp_path / "out").exists()


def test_check_reports_mail_settings_on_their_lines(site: Path) -> None:
    config = site / "pressgen.toml"
    text = config.read_text().replace('security = "none"', 'security = "tls"')
    text = text.replace("press@example.org", "press@example").replace("rate = 1000", "rate = 0")
    config.write_text(text + 'bcc = "x@example.org"\n')
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "pressgen.toml:16: mail.reply_to: 'press@example' is not an e-mail address (the "
        "domain after '@'), expected e.g. name@example.org" in lines
    )
    assert "pressgen.toml:18: mail.security: 'tls' is not one of: starttls, ssl, none" in lines
    assert (
        "pressgen.toml:20: mail.rate: expected the most messages to send per second, e.g. 10"
        in lines
    )
    assert any(line.startswith("pressgen.toml:22: mail.bcc: unknown field 'bcc'") for line in lines)


def test_check_reads_the_media_lists_too(site: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert "1 media list (7 recipients)" in result.output
    (site / "lists" / "other.csv").write_text("email,name,language\nx@y,X,en\n")
    assert "lists/other.csv:2: email: 'x@y' is not an e-mail address" in failed_check(site)


def test_a_site_without_mail_settings_is_told_what_to_add(site: Path) -> None:
    config = site / "pressgen.toml"
    config.write_text(config.read_text().split("[mail]")[0])
    result = mail(site, "--dry-run")
    assert result.exit_code == 1
    assert "pressgen.toml: has no [mail] section" in result.output and "smtp =" in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "choose one: --dry-run"),
        (["--dry-run", "--send"], "choose one: --dry-run"),
        (["--send", "--out", "x"], "--out is for --dry-run"),
    ],
)
def test_the_mode_must_be_chosen(site: Path, args: list[str], expected: str) -> None:
    result = mail(site, *args)
    assert result.exit_code == 2 and expected in result.output


def test_unknown_list_and_release_are_named(site: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["mail", RELEASE, "--list", "press", "--send", "--site", str(site)]
    )
    assert result.exit_code == 1
    assert "lists/press.csv: is missing" in result.output and "lists there: journalists" in (
        result.output
    )
    result = runner.invoke(
        main, ["mail", "nope", "--list", "journalists", "--send", "--site", str(site)]
    )
    assert result.exit_code == 1 and "releases/nope: is not a release of this site" in result.output
    result = runner.invoke(main, ["mail", RELEASE, "--list", "../x", "--send", "--site", str(site)])
    assert result.exit_code == 1 and "--list '../x': expected the name of a file" in result.output


def test_half_a_login_is_refused(site: Path) -> None:
    result = mail(site, "--send", env={"PRESSGEN_SMTP_USER": "media", "PRESSGEN_SMTP_PASSWORD": ""})
    assert result.exit_code == 1
    assert "PRESSGEN_SMTP_PASSWORD is not set" in result.output


def test_a_password_is_never_sent_unencrypted_to_another_host(site: Path) -> None:
    config = site / "pressgen.toml"
    config.write_text(config.read_text().replace("127.0.0.1:2525", "smtp.example.org:25"))
    login = {"PRESSGEN_SMTP_USER": "media", "PRESSGEN_SMTP_PASSWORD": "secret"}
    result = mail(site, "--send", env=login)
    assert result.exit_code == 1
    assert 'mail.security: "none" would send the password unencrypted' in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04\x14\x00", "lists/journalists.csv: is not a CSV text file (a spreadsheet?)"),
        (b"email,name,language\nz@example.org,Z\xe9,fr\n", "lists/journalists.csv:2: is not UTF-8"),
        (b"", "lists/journalists.csv: is empty, expected the header email,name,language"),
        (
            b"name,email,language\n",
            "the header is 'name,email,language', expected email,name,language: move the "
            "columns into that order (email, name, language), values and all",  # h137
        ),
        (b"email,name,language\n", "lists/journalists.csv: has no recipients below its header"),
        (
            "email,name,language\na@example.org,\u202eAli,ar\n".encode(),
            "lists/journalists.csv:2: name: opens a text direction with U+202E and never closes",
        ),
        (
            b"email,name,language\n@example.org,A,fr\n",
            "lists/journalists.csv:2: email: '@example.org' has nothing before its '@'",
        ),
        (
            b'email,name,language\n"a@example.org","An\nB",fr\nb@example.org,B,xx\n',
            "lists/journalists.csv:4: language: 'xx' is not a language of the site",
        ),
        (
            b'email,name,language\n"a@example.org,A,fr\n',
            "lists/journalists.csv:2: is not valid CSV: a value opened with a quote",
        ),
        (  # pasted from Outlook: "',' expected after '\"'" (h127)
            b'email,name,language\n"Jane Doe" <jane.doe@example.org>, "Ali" <ali@example.org>\n',
            "lists/journalists.csv:2: is not valid CSV: this line holds addresses as a mail "
            'program writes them ("Name" <address>), expected one journalist a line: '
            "email,name,language, such as jane.doe@example.org,Jane Doe,en",
        ),
    ],
)
def test_list_files_that_are_not_right(site: Path, content: bytes, expected: str) -> None:
    (site / "lists" / "journalists.csv").write_bytes(content)
    result = mail(site, "--dry-run")
    assert result.exit_code == 1
    assert expected in result.output, result.output


def test_check_finds_what_mail_would_refuse_in_a_list(site: Path) -> None:
    (site / "lists" / "journalists.csv").write_text("email,name,language\n")
    assert "lists/journalists.csv: has no recipients below its header" in failed_check(site)


def test_an_address_listed_twice_is_told_though_its_first_line_has_another_slip(
    site: Path,
) -> None:
    """h135: `z@example.org,German,de` (no such language) then `Z@example.org,Dup,en`: only
    the first was told; the second line came up once the first was mended."""
    (site / "lists" / "journalists.csv").write_text(
        "email,name,language\nz@example.org,German,de\nZ@example.org,Dup,en\n"
        "a@example.org,Doe, Jane,en\nA@example.org,Jane Doe,en\n"  # h136: a comma in a name
    )
    said = failed_check(site)
    assert "lists/journalists.csv:2: language: 'de' is not a language" in said
    for line, address, first in ((3, "Z@example.org", 2), (5, "A@example.org", 4)):
        expected = f"{line}: email: '{address}' is listed twice (first on line {first})"
        assert f"lists/journalists.csv:{expected}" in said, said


def test_a_server_written_as_a_number_is_named_so(site: Path) -> None:
    config = site / "pressgen.toml"
    config.write_text(config.read_text().replace('"127.0.0.1:2525"', "25"))
    expected = 'mail.smtp: is 25, not text, expected the mail server as "host:port"'
    assert expected in failed_check(site)


def test_a_spreadsheets_csv_is_read(site: Path, tmp_path: Path) -> None:
    """Excel's "CSV UTF-8": a byte-order mark, CRLF line ends, blank rows, a capital header."""
    (site / "lists" / "journalists.csv").write_bytes(
        '\ufeffEmail,Name,Language\r\njane@example.org,"Doe, Jane",EN\r\n,,\r\n'
        "ali@example.org,علي,ar\r\n".encode()
    )
    result = mail(site, "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.eml")) == [
        "ali@example.org.eml",
        "jane@example.org.eml",
    ]


def test_a_message_links_to_no_release_that_is_not_public(site: Path, tmp_path: Path) -> None:
    """h89: the page left out a link to a release under embargo, the e-mail wrote it in
    full (https://news.example.org/en/sahel-report/): the id says what the news is."""
    english = site / "releases" / RELEASE / "en.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(
        text + "\nSee [the report](../sahel-report/) and [the note](../draft-note/).\n"
    )
    result = mail(site, "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    letters = list((tmp_path / "out").glob("*.eml"))
    assert letters
    for letter in letters:
        data = letter.read_bytes()
        assert b"sahel-report" not in data and b"draft-note" not in data, letter.name
    assert any(b"See the report and the note." in letter.read_bytes() for letter in letters)


@pytest.mark.parametrize(
    ("tag", "read"),
    [
        ("fr-CA", "fr"),  # h86: refused as "not a language of the site", nothing sent
        ("fr-Latn-CA", "fr"),
        ("zh-Hans", "zh"),  # h94: these two were refused
        ("en-Latn-US", "en"),
        ("fr_FR", "fr"),  # as a computer's locale writes it (h137)
    ],
)
def test_a_regional_journalist_reads_the_sites_language_of_their_region(
    site: Path, tmp_path: Path, tag: str, read: str
) -> None:
    """The README says a fr-CA journalist reads the fr version: a region, or the script
    the site's language is written in, names the same language."""
    (site / "lists" / "journalists.csv").write_text(
        f"email,name,language\nmarie@example.org,Marie,{tag}\n", encoding="utf-8"
    )
    result = mail(site, "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    message = (tmp_path / "out" / "marie@example.org.eml").read_bytes()
    assert f"\nContent-Language: {read}\n".encode() in message.replace(b"\r\n", b"\n")


# zh-yue-HK (h94) is Cantonese, and was sent the Simplified Chinese version
@pytest.mark.parametrize("tag", ["zh-TW", "zh-Hant-TW", "zh-Hant", "zh-yue-HK"])
def test_a_traditional_chinese_journalist_is_not_sent_simplified(site: Path, tag: str) -> None:
    """h93: zh-TW was mapped to the site's zh, whose text is in Simplified characters."""
    (site / "lists" / "journalists.csv").write_text(
        f"email,name,language\nlin@example.org,Lin,{tag}\n", encoding="utf-8"
    )
    result = mail(site, "--dry-run")
    assert result.exit_code == 1
    assert f"language: '{tag}' is not a language of the site" in result.output


def test_wrapping_keeps_urls_and_french_spaces_whole() -> None:
    url = "https://www.example.org/" + "a/" * 40
    line = "Voir « le rapport » : " + url + " et la suite du texte " * 5
    wrapped = wrap_line(line.replace("« ", "«\u00a0").replace(" »", "\u00a0»"))
    assert url in wrapped
    assert all(width_of(piece) <= WIDTH for piece in wrapped if piece != url)
    assert not any(piece.startswith(("»", ":")) for piece in wrapped)


@pytest.mark.parametrize(
    "subject",
    [
        "EMBARGOED UNTIL 18:36 CET (17:36 GMT), 2 December 2026: An appeal for Sudan",
        "A" * 70 + " b",
        "Two  spaces kept, " + "and a long subject that must be folded " * 3,
        "L'OIM ouvre des points d'eau pour les familles déplacées au Sahel, à Niamey",
        "المنظمة الدولية للهجرة تفتتح نقاط مياه للأسر النازحة في منطقة الساحل الأفريقي",
    ],
)
def test_a_subject_reads_back_as_written(subject: str) -> None:
    """Folded so that every reader returns it whole: a 75-character ASCII subject was put
    on the line after 'Subject:', and Python's reader (others too) gave it a leading space."""
    message = EmailMessage()
    message["Subject"] = EncodedSubject(subject)
    message.set_content("Body.")
    data = as_bytes(message)
    assert message_from_bytes(data, policy=email.policy.default)["Subject"] == subject
    head = data.split(b"\r\n\r\n")[0].split(b"\r\n")
    assert not head[0].rstrip().endswith(b"Subject:")


def test_wrapping_never_breaks_at_a_no_break_space() -> None:
    """A French correction line: the narrow no-break space before its colon is where the
    72nd column falls, and a journalist's mail showed a line starting with ': Le nombre'."""
    line = (
        "Mis à jour le 2 décembre 2026 à 18:05 (heure normale d’Europe centrale)\u202f: "
        "Le nombre de personnes déplacées a été corrigé."
    )
    wrapped = wrap_line(line)
    assert wrapped == [
        "Mis à jour le 2 décembre 2026 à 18:05 (heure normale d’Europe",
        "centrale)\u202f: Le nombre de personnes déplacées a été corrigé.",
    ]
    assert wrap_line("x" * 71 + "\u00a0»") == ["x" * 71 + "\u00a0»"]


def test_wrapping_chinese_counts_two_columns_and_keeps_punctuation() -> None:
    line = "国际移民组织今天开设了四十个新的供水点，旱季使整个村庄赖以生存的水井干涸。" * 3
    wrapped = wrap_line(line)
    assert "".join(wrapped) == line
    assert all(width_of(piece) <= WIDTH for piece in wrapped)
    assert max(width_of(piece) for piece in wrapped) >= WIDTH - 2
    assert not any(piece.startswith(("，", "。")) for piece in wrapped)


@given(st.text(alphabet=st.sampled_from("ab c\u00a0\u202f国。，https://x.org/ "), max_size=400))
def test_wrapping_loses_no_character_but_breaking_spaces(line: str) -> None:
    wrapped = wrap_line(line)
    assert "".join(wrapped).replace(" ", "") == line.replace(" ", "")
    for piece in wrapped:
        assert width_of(piece) <= WIDTH or " " not in piece.strip()


@pytest.mark.parametrize(
    ("unsubscribe", "expected"),
    [
        (
            "https://news.example.org/unsubscribe",
            "pressgen.toml:19: mail.unsubscribe: 'https://news.example.org/unsubscribe' has no "
            "{email}, so a one-click unsubscribe cannot say who leaves; put {email} where the "
            "journalist's address goes, e.g. "
            '"https://newsroom.example.org/unsubscribe?email={email}"',
        ),
        (
            "https://news.example.org/unsubscribe?email={mail}",
            "pressgen.toml:19: mail.unsubscribe: '{mail}' is not a placeholder pressgen fills "
            "in; put {email} where the journalist's address goes, e.g. "
            '"https://newsroom.example.org/unsubscribe?email={email}"',
        ),
        (
            "mailto:leave@example.org?subject={name}",
            "pressgen.toml:19: mail.unsubscribe: '{name}' is not a placeholder pressgen fills in",
        ),
    ],
)
def test_an_unsubscribe_address_that_cannot_say_who_leaves_is_refused(
    site: Path, tmp_path: Path, unsubscribe: str, expected: str
) -> None:
    """Without {email} (or with a misspelt one), every journalist's one-click unsubscribe
    went to the same address, raw braces included: the site could not tell who left."""
    config = site / "pressgen.toml"
    text = config.read_text().replace(
        "https://news.example.org/unsubscribe?email={email}", unsubscribe
    )
    config.write_text(text)
    assert expected in failed_check(site).splitlines()[0]
    out = tmp_path / "out"
    result = mail(site, "--dry-run", "--out", str(out))
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines()[0]
    assert result.output.endswith("1 problem found; nothing was sent.\n")
    assert "Traceback" not in result.output and not out.exists()


def test_a_mailto_unsubscribe_needs_no_placeholder(site: Path, tmp_path: Path) -> None:
    config = site / "pressgen.toml"
    text = config.read_text().replace(
        "https://news.example.org/unsubscribe?email={email}", "mailto:leave@example.org"
    )
    config.write_text(text)
    result = mail(site, "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
