"""`[mail]` in pressgen.toml: read by `read.config` with the rest, so `check` reports it too.

Only the standard library and the model are imported: `pressgen build` loads this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..model import MailSettings
from ..problems import unknown_key_message
from .address import address_problem

MAIL_KEYS = ("from", "reply_to", "smtp", "security", "unsubscribe", "rate", "retries")
SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_NAMED = re.compile(r"(.*?)<([^<>]*)>")
_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
EMAIL_PLACEHOLDER = "{email}"  # replaced by each journalist's address
_PUT_EMAIL = (
    "put {email} where the journalist's address goes, "
    'e.g. "https://newsroom.example.org/unsubscribe?email={email}"'
)

# Called with a key of [mail] and what is wrong with it; the caller places it on its line.
AddProblem = Callable[[str, str], None]


def read_mail_settings(table: Any, add: AddProblem) -> MailSettings | None:
    """The validated `[mail]` table, or None after reporting each problem through `add`."""
    if not isinstance(table, Mapping):
        add("mail", "expected a [mail] section with from and smtp")
        return None
    before = _Counter(add)
    for key in table:
        if key not in MAIL_KEYS:
            before.add(key, unknown_key_message(key, MAIL_KEYS))
    sender = _sender(table.get("from"), before)
    reply_to = _reply_to(table.get("reply_to"), before)
    security = table.get("security", "starttls")
    if security not in SECURITY:
        before.add("security", f"{security!r} is not one of: {', '.join(SECURITY)}")
        security = "starttls"
    host, port = _server(table.get("smtp"), str(security), before)
    unsubscribe = _unsubscribe(table.get("unsubscribe"), before)
    rate = table.get("rate", 10)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate <= 1000:
        before.add("rate", "expected the most messages to send per second, e.g. 10")
    retries = table.get("retries", 3)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
        before.add("retries", "expected how many times to try again, from 0 to 10, e.g. 3")
    if before.count or sender is None or host is None:
        return None
    return MailSettings(
        sender=sender,
        host=host,
        port=port,
        security=str(security),
        reply_to=reply_to,
        unsubscribe=unsubscribe,
        rate=float(rate),
        retries=int(retries),
    )


class _Counter:
    """Passes problems on, counting them: settings with any problem are not returned."""

    def __init__(self, add: AddProblem) -> None:
        self._add = add
        self.count = 0

    def add(self, key: str, message: str) -> None:
        self.count += 1
        self._add(key, message)


def _sender(value: Any, problems: _Counter) -> str | None:
    if value is None:
        problems.add("from", 'is missing, expected e.g. "IOM Media <media@example.org>"')
        return None
    if not isinstance(value, str):
        problems.add("from", 'expected text, e.g. "IOM Media <media@example.org>"')
        return None
    wrong = address_problem(split_sender(value)[1])
    if wrong:
        problems.add("from", wrong)
        return None
    return value


def split_sender(value: str) -> tuple[str, str]:
    """`Name <address>` (or a bare address) as its display name and its address."""
    found = _NAMED.fullmatch(value.strip())
    if found:
        return found.group(1).strip().strip('"').strip(), found.group(2).strip()
    return "", value.strip()


def _reply_to(value: Any, problems: _Counter) -> str | None:
    if value is None:
        return None
    wrong = address_problem(value) if isinstance(value, str) else "expected an e-mail address"
    if wrong:
        problems.add("reply_to", wrong)
        return None
    return str(value)


def _server(value: Any, security: str, problems: _Counter) -> tuple[str | None, int]:
    """`host:port`, `host` (the usual port of `security`) or `[IPv6]:port`."""
    default = DEFAULT_PORTS[security]
    if not isinstance(value, str) or not value:
        what = "is missing" if value is None or value == "" else f"is {value!r}, not text"
        problems.add(
            "smtp",
            f'{what}, expected the mail server as "host:port", e.g. "smtp.example.org:587"',
        )
        return None, default
    host, colon, port = value.rpartition(":") if not value.endswith("]") else ("", "", "")
    if not colon or ("[" not in host and ":" in host):
        host, port = value, str(default)
    if not _HOST.fullmatch(host) or not port.isdigit() or not 0 < int(port) < 65536:
        problems.add("smtp", f'{value!r} is not host:port, expected e.g. "smtp.example.org:587"')
        return None, default
    return host.strip("[]"), int(port)


def _unsubscribe(value: Any, problems: _Counter) -> str | None:
    if value is None:
        return None
    expected = 'expected "mailto:unsubscribe@example.org" or an https URL'
    if not isinstance(value, str):
        problems.add("unsubscribe", expected)
        return None
    if value.startswith("mailto:"):
        address = value.removeprefix("mailto:").split("?", 1)[0]
        wrong = address_problem(address) or _placeholder_problem(value, one_click=False)
        if wrong:
            problems.add("unsubscribe", wrong)
            return None
        return value
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        problems.add("unsubscribe", f"{value!r}: {expected} (one-click unsubscribe needs https)")
        return None
    wrong = _placeholder_problem(value, one_click=True)
    if wrong:
        problems.add("unsubscribe", wrong)
        return None
    return value


def _placeholder_problem(value: str, one_click: bool) -> str | None:
    """What is wrong with the placeholders of an unsubscribe address: one pressgen does not
    fill in would reach journalists as written, braces and all; and a one-click (https)
    address without {email} is the same for everyone, so the site cannot tell who left."""
    for found in _PLACEHOLDER.findall(value):
        if found != EMAIL_PLACEHOLDER:
            return f"{found!r} is not a placeholder pressgen fills in; {_PUT_EMAIL}"
    if one_click and EMAIL_PLACEHOLDER not in value:
        return (
            f"{value!r} has no {EMAIL_PLACEHOLDER}, so a one-click unsubscribe cannot say who "
            f"leaves; {_PUT_EMAIL}"
        )
    return None
