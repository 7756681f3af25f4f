"""E-mail addresses as a press officer types them: checked before anything is sent."""

from __future__ import annotations

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})")
EXAMPLE = "expected e.g. name@example.org"


def address_problem(value: str) -> str | None:
    """What is wrong with an address, or None: plain `local@domain.tld`, ASCII only.

    Quoted local parts and IP-literal domains are valid in RFC 5321 but never seen on a
    media list; refusing them catches the typos that are ("jane@example,org").
    """
    if not value:
        return f"is empty, {EXAMPLE}"
    if not value.isascii():
        return f"'{value}' has characters outside ASCII, which most mail servers refuse; {EXAMPLE}"
    if any(c.isspace() for c in value):
        return f"'{value}' contains a space, {EXAMPLE}"
    local, at, domain = value.rpartition("@")
    if not at:
        return f"'{value}' has no '@', {EXAMPLE}"
    if not local:
        return f"'{value}' has nothing before its '@', {EXAMPLE}"
    if "@" in local:
        return f"'{value}' has more than one '@', {EXAMPLE}"
    if not _LOCAL.fullmatch(local) or len(local) > 64:
        return f"'{value}' is not an e-mail address (the part before '@'), {EXAMPLE}"
    if not _DOMAIN.fullmatch(domain) or len(value) > 254:
        return f"'{value}' is not an e-mail address (the domain after '@'), {EXAMPLE}"
    return None


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()
