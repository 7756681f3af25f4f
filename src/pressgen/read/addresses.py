"""Web and e-mail addresses as a press officer writes them in a body: the slips that would
lead readers nowhere (`https:/`, `www.iom.int` with no scheme, `htps:`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

# A scheme readers' browsers follow (the sanitiser removes the others, the link with them).
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+-]+):")  # no dot: `www.iom.int:443` is a host
_FOLLOWED = frozenset({"http", "https", "mailto", "tel", "file"})  # file: said as an error
_NO_COLON = re.compile(r"(https?)//", re.IGNORECASE)
_E_MAIL = re.compile(r"[^@\s/:]+@[^@\s/:]+\.[A-Za-z]{2,}")


def scheme_slip(target: str, image: bool) -> str | None:
    """Why a Markdown link's or image's address would be removed (`htps://`, `javascript:`,
    `data:`; raw HTML's are told with what else the sanitiser removes)."""
    found = _SCHEME.match(target)
    if found is None or found[1].lower() in _FOLLOWED:
        return None
    if image:
        return (
            f"the image '{target[:80]}' begins with '{found[1]}:', which pages do not show: "
            "expected a picture file of the release folder, named alone, or https://…"
        )
    return (
        f"the link to '{target[:80]}' begins with '{found[1]}:', an address pages do not "
        "follow: the page shows its words without a link; expected one that begins with "
        "https://, http://, mailto: or tel:"
    )


# `<www.iom.int>`, `<iom.int/fr>`, `<tel:+41…>`: autolinks Markdown does not know, read as tags
ANGLED_ADDRESS = re.compile(
    r"<(www\.[^\s<>]+|tel:[^\s<>]+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s<>]*)?)>", re.IGNORECASE
)
# `<https:/iom.int>`, `<htps://iom.int>`, `<https//iom.int>`: what Markdown reads as an
# address between < and > is http(s):// or ftp(s)://; the rest reads as a tag, removed
_ANGLED_SLIP = re.compile(
    r"<((?!(?:https?|ftps?)://)[a-z][a-z0-9+.-]*:/+[^\s<>@]*|https?//[^\s<>@]+)>", re.IGNORECASE
)
_AFTER_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:?/+", re.IGNORECASE)
_NOTHING_AFTER = re.compile(r"(https?|mailto|tel):/*", re.IGNORECASE)
_ONE_SLASH = re.compile(r"(https?):/?(?!/)(.+)", re.IGNORECASE)
_MAILTO_SLASH = re.compile(r"mailto:/+(.+)", re.IGNORECASE)
_DOMAIN_PATH = re.compile(
    r"(?:[a-z0-9-]+\.)+(?:com|org|int|net|gov|edu|[a-z]{2})(?::\d+)?/", re.IGNORECASE
)
_EXAMPLES = {"mailto": "mailto:name@iom.int", "tel": "tel:+41227179111"}


def angled_slips(line: str) -> Iterator[str]:
    """What each address between < and > that Markdown reads as a tag (and the page shows
    nothing of) needs, beyond `ANGLED_ADDRESS`: a slip in its start."""
    for address in _ANGLED_SLIP.findall(line):
        if address.lower().startswith("file:"):
            fix = "put the file beside the release's text and link it by its name"
        else:
            fix = f"write <https://{_AFTER_SCHEME.sub('', address, count=1)}>"
        yield f"'<{address}>' would show nothing (it reads as a tag): {fix}"


def address_slip(target: str, files: Sequence[str]) -> str | None:
    """Where a link's address with a slip in its start would lead, and what it needs."""
    if (slip := _slipped_address(target)) is not None:
        return f"would lead nowhere: {slip}"
    name = urlsplit(target).path.removeprefix("./")
    if "://" not in target and name not in files and (expected := _address_expected(target)):
        return f"would lead to a file of the release folder: {expected}"
    return None


def _slipped_address(target: str) -> str | None:
    """What a web or e-mail address with a slip in its start needs (`https:/`, `mailto://`,
    `un.org/en/about`)."""
    if (slip := _NOTHING_AFTER.fullmatch(target)) is not None:
        example = _EXAMPLES.get(slip[1].lower(), "https://www.iom.int/…")
        return f"there is no address after '{slip[0]}': write the whole address, e.g. '{example}'"
    if (slip := _ONE_SLASH.fullmatch(target)) is not None:
        return f"write two slashes after '{slip[1]}:': '{slip[1]}://{slip[2]}'"
    if (slip := _MAILTO_SLASH.fullmatch(target)) is not None:
        return f"write the address right after 'mailto:': 'mailto:{slip[1]}'"
    if _DOMAIN_PATH.match(target):
        return f"write a web address with https:// before it: 'https://{target}'"
    return None


def _address_expected(target: str) -> str | None:
    """What a web or e-mail address written without its scheme needs."""
    if (slip := _NO_COLON.match(target)) is not None:
        return f"write the colon after '{slip[1]}': '{slip[1]}:{target[len(slip[1]) :]}'"
    if target.lower().startswith("www."):
        return f"write a web address with https:// before it: 'https://{target}'"
    if _E_MAIL.fullmatch(target):
        return f"write an e-mail address with mailto: before it: 'mailto:{target}'"
    return None
