"""`pressgen mail` over TLS, as most newsrooms' mail servers want it: STARTTLS on the
submission port and TLS from the first byte, each against a real server (aiosmtpd) that
refuses to take mail in the clear, with a certificate made for the test and trusted only
through SSL_CERT_FILE; and the messages a press officer gets when TLS cannot be had."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgen.cli import main

from .mailsite import RELEASE, Handler, running_server, write_site


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1, and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not found: the TLS tests need it to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    command += ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
    command += ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
    subprocess.run(command, check=True, capture_output=True)
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def site_with(tmp_path: Path, port: int, security: str) -> Path:
    site = write_site(tmp_path, port)
    settings = site / "pressgen.toml"
    text = settings.read_text("utf-8").replace('security = "none"', f'security = "{security}"')
    settings.write_text(text, "utf-8")
    return site


def send(site: Path) -> Result:
    return CliRunner().invoke(
        main, ["mail", RELEASE, "--list", "journalists", "--send", "--site", str(site)]
    )


@contextmanager
def secure_server(security: str, certificate: tuple[Path, Path]) -> Iterator[tuple[Handler, int]]:
    """A server for `security`: "starttls" offers STARTTLS and answers MAIL in the clear
    with 530; "ssl" speaks TLS from the first byte."""
    context = server_context(certificate)
    options = (
        {"tls_context": context, "require_starttls": True}
        if security == "starttls"
        else {"ssl_context": context}
    )
    with running_server(**options) as running:
        yield running


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_every_message_goes_out_encrypted(
    security: str, certificate: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    with secure_server(security, certificate) as (handler, port):
        result = send(site_with(tmp_path, port, security))
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 7


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_certificate_nobody_vouches_for_stops_before_anything_is_sent(
    security: str, certificate: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-file.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with secure_server(security, certificate) as (handler, port):
        result = send(site_with(tmp_path, port, security))
    assert result.exit_code == 1
    assert "its TLS certificate could not be verified" in result.output
    assert "Traceback" not in result.output
    assert handler.received == []


def test_a_server_without_starttls_is_named_with_the_setting_to_change(
    tmp_path: Path,
) -> None:
    with running_server() as (handler, port):
        result = send(site_with(tmp_path, port, "starttls"))
    assert result.exit_code == 1
    assert "does not offer STARTTLS" in result.output and 'mail.security to "ssl"' in result.output
    assert handler.received == []


def test_mail_in_the_clear_to_a_server_that_wants_tls_names_the_setting(
    certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    with secure_server("starttls", certificate) as (handler, port):
        result = send(site_with(tmp_path, port, "none"))
    assert result.exit_code == 1
    assert "takes no mail before encryption or a login (530" in result.output
    assert 'set mail.security to "starttls" or "ssl"' in result.output
    assert handler.received == []


def test_tls_from_the_first_byte_to_a_server_in_the_clear_names_the_other_setting(
    tmp_path: Path,
) -> None:
    """It was retried as a server that cannot be reached, then "[SSL: WRONG_VERSION_NUMBER]
    wrong version number" (h137)."""
    with running_server() as (handler, port):
        result = send(site_with(tmp_path, port, "ssl"))
    assert result.exit_code == 1
    assert 'does not speak TLS at once, as mail.security = "ssl" expects: set it to ' in (
        result.output
    ), result.output
    assert "WRONG_VERSION" not in result.output and "trying again" not in result.output
    assert handler.received == []


def test_a_login_to_a_server_that_offers_none_names_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was smtplib's "SMTP AUTH extension not supported by server." (h137)."""
    monkeypatch.setenv("PRESSGEN_SMTP_USER", "desk")
    monkeypatch.setenv("PRESSGEN_SMTP_PASSWORD", "secret")
    with running_server() as (handler, port):
        result = send(site_with(tmp_path, port, "none"))
    assert result.exit_code == 1
    assert "offers no login, though PRESSGEN_SMTP_USER is set" in result.output, result.output
    assert handler.received == []
