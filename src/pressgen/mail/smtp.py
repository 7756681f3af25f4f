"""The mail server: one connection reused for every message, each failure sorted as
temporary (try again), permanent for this recipient, or fatal for the run.

SMTP's first digit says which: 4xx is temporary, 5xx permanent (RFC 5321, 4.2.1). A refused
sender or login is the site's setting, not the recipient's fault: the run stops there.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import socket
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from typing import TYPE_CHECKING

from ..model import MailSettings
from ..problems import UserError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

USER_VARIABLE = "PRESSGEN_SMTP_USER"
PASSWORD_VARIABLE = "PRESSGEN_SMTP_PASSWORD"
THE_MESSAGE = "the message"  # what a refusal after DATA is about: not the address
TIMEOUT = 60.0  # seconds without an answer before a connection counts as broken
# While it takes a message a server may scan it (a PDF attached) and answer late: RFC 5321
# (4.5.3.2) gives the end of the data ten minutes.
MESSAGE_TIMEOUT = 600.0


class Temporary(Exception):
    """Worth trying again later: a 4xx answer, or the connection failed."""


class Unreachable(Temporary):
    """The server itself could not be reached or dropped the connection: no message can go."""


class Uncertain(Unreachable):
    """The connection failed while the server took a message: it may have it. Tried again
    at once, it could reach the journalist twice; the run stops instead."""


class Permanent(Exception):
    """A 5xx answer about this recipient or this message: trying again will not help."""


class Fatal(UserError):
    """Nothing can be sent with these settings: the login, the sender, TLS."""


def login_from(environ: Mapping[str, str], settings: MailSettings) -> tuple[str, str] | None:
    """The SMTP login from the environment, never from a file; None to send without one."""
    user, password = environ.get(USER_VARIABLE), environ.get(PASSWORD_VARIABLE)
    if not user and not password:
        return None
    if not user or not password:
        missing = USER_VARIABLE if not user else PASSWORD_VARIABLE
        raise UserError(
            f"{missing} is not set: set both {USER_VARIABLE} and "
            f"{PASSWORD_VARIABLE}, or neither to send without a login"
        )
    if settings.security == "none" and not _is_loopback(settings.host):
        raise UserError(
            'pressgen.toml: mail.security: "none" would send the password unencrypted to '
            f'{settings.host}; use "starttls" or "ssl", or unset {USER_VARIABLE}'
        )
    return user, password


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _said(code: int, text: bytes | str) -> str:
    """A server's answer on one line: "550 5.1.1 No such user"."""
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(said.split())}"


def _code_error(code: int, text: bytes | str, about: str) -> Temporary | Permanent:
    message = _said(code, text)
    if code == 421:  # the server is closing the connection
        return Unreachable(message)
    return Temporary(message) if 400 <= code < 500 else Permanent(f"{message} ({about})")


class _Connection(smtplib.SMTP):
    """smtplib's connection, which notes when a message's data has gone whole to the
    server (its ending line, ".", sent): a failure after that leaves it unknown whether the
    server has the message, where a failure before means it has not."""

    handed_over = False

    def send(self, s: ReadableBuffer | str) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True


class _SecureConnection(_Connection, smtplib.SMTP_SSL):
    """The same, encrypted from the first byte."""


class SmtpTransport:
    """Sends messages through the server of `[mail] smtp`, connecting when first needed."""

    def __init__(self, settings: MailSettings, login: tuple[str, str] | None) -> None:
        self.settings = settings
        self.login = login
        self._connection: _Connection | None = None

    @property
    def server(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def _connect(self) -> _Connection:
        settings, context = self.settings, ssl.create_default_context()
        name = socket.gethostname()  # not getfqdn(): no DNS lookup before saying hello
        try:
            if settings.security == "ssl":
                connection: _Connection = _SecureConnection(
                    settings.host, settings.port, name, timeout=TIMEOUT, context=context
                )
            else:
                connection = _Connection(settings.host, settings.port, name, timeout=TIMEOUT)
            connection.ehlo()
            if settings.security == "starttls":
                if not connection.has_extn("starttls"):
                    raise Fatal(
                        f'{self.server} does not offer STARTTLS: set mail.security to "ssl" '
                        "(usually port 465) or ask the mail administrator"
                    )
                connection.starttls(context=context)
                connection.ehlo()
            if self.login is not None:
                connection.login(*self.login)
        except smtplib.SMTPAuthenticationError as error:
            raise Fatal(
                f"{self.server} refused the login ({error.smtp_code}): check "
                f"{USER_VARIABLE} and {PASSWORD_VARIABLE}"
            ) from None
        except ssl.SSLCertVerificationError as error:
            raise Fatal(
                f"{self.server}: its TLS certificate could not be verified ({error.verify_message})"
            ) from None
        except ssl.SSLError as error:
            if settings.security != "ssl" or error.reason != "WRONG_VERSION_NUMBER":
                raise Unreachable(_describe(error)) from None
            raise Fatal(
                f'{self.server} does not speak TLS at once, as mail.security = "ssl" expects: '
                'set it to "starttls" (usually port 587), or give the port for "ssl" (usually 465)'
            ) from None
        except smtplib.SMTPNotSupportedError as error:
            if "AUTH" not in str(error):
                raise Fatal(f"{self.server}: {error}") from None
            raise Fatal(
                f"{self.server} offers no login, though {USER_VARIABLE} is set: unset "
                f"{USER_VARIABLE} and {PASSWORD_VARIABLE} if it needs none, or set "
                'mail.security to "starttls" if it offers one only over TLS'
            ) from None
        except smtplib.SMTPResponseException as error:
            raise Unreachable(_said(error.smtp_code, error.smtp_error)) from None
        except (OSError, smtplib.SMTPException) as error:
            raise Unreachable(_describe(error)) from None
        return connection

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Send one message to one recipient, or raise Temporary, Permanent or Fatal."""
        if self._connection is None:
            self._connection = self._connect()
        connection = self._connection
        connection.handed_over = False
        try:
            if connection.sock is not None:
                connection.sock.settimeout(MESSAGE_TIMEOUT)
            connection.send_message(message, from_addr=sender, to_addrs=[recipient])
            if connection.sock is not None:
                connection.sock.settimeout(TIMEOUT)
        except smtplib.SMTPRecipientsRefused as error:
            code, text = error.recipients.get(recipient, (550, b"refused"))
            failure = _code_error(code, text, "the recipient's address")
            if isinstance(failure, Unreachable):
                self.close()
            raise failure from None
        except smtplib.SMTPSenderRefused as error:
            if 400 <= error.smtp_code < 500:  # 421: smtplib has closed the connection
                failure = _code_error(error.smtp_code, error.smtp_error, "sender")
                if isinstance(failure, Unreachable):
                    self.close()
                else:
                    self._reset()
                raise failure from None
            if error.smtp_code == 530:  # RFC 3207 and 4954: encryption or a login first
                raise Fatal(
                    f"{self.server} takes no mail before encryption or a login "
                    f"({_said(error.smtp_code, error.smtp_error)}): set mail.security to "
                    f'"starttls" or "ssl", or set {USER_VARIABLE} and {PASSWORD_VARIABLE}'
                ) from None
            raise Fatal(
                f"{self.server} refused the sender {sender} "
                f"({_said(error.smtp_code, error.smtp_error)}): check mail.from"
            ) from None
        except smtplib.SMTPResponseException as error:  # DATA refused, and the like
            failure = _code_error(error.smtp_code, error.smtp_error, THE_MESSAGE)
            self.close() if isinstance(failure, Unreachable) else self._reset()
            raise failure from None
        except (OSError, smtplib.SMTPException) as error:
            self.close(wait=False)
            if connection.handed_over:
                raise Uncertain(_describe(error)) from None
            raise Unreachable(_describe(error)) from None

    def _reset(self) -> None:
        try:
            if self._connection is not None:
                self._connection.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self, wait: bool = True) -> None:
        """Say goodbye (QUIT) and close; without `wait` (a stop), close at once: the
        server's answer to QUIT may take up to TIMEOUT."""
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                if wait and connection.sock is not None:
                    connection.quit()
            except (OSError, smtplib.SMTPException):
                pass
            connection.close()


def _describe(error: BaseException) -> str:
    if isinstance(error, socket.gaierror):
        return f"the host name is unknown ({error.strerror})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def environment() -> Mapping[str, str]:
    return os.environ
