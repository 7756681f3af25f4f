"""Media lists: `lists/NAME.csv` with the header `email,name,language`, checked as a whole.

Every problem of a list is found before anything is sent: a half-sent list whose second half
has a typo is worse than a list refused at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global, parse_locale

from ..problems import InputError, Problem, UserError, display_path, line_not_utf8
from ..read.characters import control_character, unclosed_direction
from ..resources import LISTS_DIR
from .address import address_problem

HEADER = ("email", "name", "language")
LIST_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
SAVE_AS = "save the list from the spreadsheet as 'CSV UTF-8 (comma delimited)'"


@dataclass(frozen=True)
class Recipient:
    """One journalist: where to write, what to call them, in which language (None: the
    release's original language)."""

    email: str
    name: str
    language: str | None
    line: int

    @property
    def key(self) -> str:
        """The identity of the recipient in the send log: addresses differ only by case."""
        return self.email.lower()


def list_path(site_dir: Path, name: str) -> Path:
    if not LIST_NAME.fullmatch(name) or name.endswith(".csv"):
        raise UserError(
            f"--list {name!r}: expected the name of a file in {LISTS_DIR}/ without '.csv', "
            f"e.g. --list journalists for {LISTS_DIR}/journalists.csv"
        )
    return site_dir / LISTS_DIR / f"{name}.csv"


def read_list(site_dir: Path, name: str, languages: Sequence[str]) -> tuple[Recipient, ...]:
    """The recipients of `lists/NAME.csv`, or InputError listing every problem in it."""
    path = list_path(site_dir, name)
    if not path.is_file():
        known = sorted(p.stem for p in (site_dir / LISTS_DIR).glob("*.csv"))
        hint = f"lists there: {', '.join(known)}" if known else "no lists there yet"
        raise UserError(
            f"{display_path(path, site_dir)}: is missing, expected a CSV file with the header "
            f"{','.join(HEADER)} ({hint})"
        )
    recipients, problems = check_list(path, site_dir, languages)
    if problems:
        raise InputError(problems)
    return recipients


def check_lists(site_dir: Path, languages: Sequence[str]) -> tuple[int, int, list[Problem]]:
    """Every list of the site checked, for `pressgen check`: lists, recipients, problems."""
    folder = site_dir / LISTS_DIR
    paths = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    recipients, problems = 0, []
    for path in paths:
        found, wrong = check_list(path, site_dir, languages)
        recipients += len(found)
        problems.extend(wrong)
    return len(paths), recipients, problems


def check_list(
    path: Path, site_dir: Path, languages: Sequence[str]
) -> tuple[tuple[Recipient, ...], list[Problem]]:
    """Every recipient of one list file, and every problem found in it."""
    shown = display_path(path, site_dir)
    text, problem = _text(path.read_bytes(), shown)
    if problem is not None:
        return (), [problem]
    problems: list[Problem] = []
    recipients: list[Recipient] = []
    seen: dict[str, int] = {}
    by_key = {code.lower(): code for code in languages}
    for line, cells in _rows(text, shown, problems):
        if line == 1:
            if not _header_is_right(cells, shown, problems):
                return (), problems  # the rows of a wrong header would each be wrong too
            continue
        if not any(cell.strip() for cell in cells):
            continue
        email = cells[0].strip()  # a line wrong otherwise names its address all the same
        if len(cells) != len(HEADER):
            problems.append(
                Problem(
                    shown, line, None, f"has {len(cells)} values, expected 3: email,name,language"
                )
            )
            if not address_problem(email):
                seen.setdefault(email.lower(), line)
            continue
        recipient = _recipient(cells, line, shown, by_key, problems)
        first = seen.setdefault(email.lower(), line) if not address_problem(email) else line
        if first != line:
            problems.append(
                Problem(
                    shown,
                    line,
                    "email",
                    f"'{email}' is listed twice (first on line {first}), expected each "
                    "address once",
                )
            )
        elif recipient is not None:
            recipients.append(recipient)
    if not recipients and not problems:
        message = "has no recipients below its header, expected a line per journalist"
        problems.append(Problem(shown, None, None, f"{message}: {','.join(HEADER)}"))
    return tuple(recipients), problems


def _text(data: bytes, shown: str) -> tuple[str, Problem | None]:
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        return "", Problem(shown, None, None, f"is not a CSV text file (a spreadsheet?): {SAVE_AS}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return "", Problem(shown, line_not_utf8(error), None, f"is not UTF-8 text: {SAVE_AS}")
    if not text.strip():
        return "", Problem(shown, None, None, f"is empty, expected the header {','.join(HEADER)}")
    return text, None


_MAIL_PROGRAM = re.compile(r'"[^"]*"\s*<[^<>@\s]+@[^<>\s]+>')


def _rows(text: str, shown: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (a quoted value may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            what = str(error)
            if "end of data" in what:  # the record never ends
                what = 'a value opened with a quote (") here is never closed'
            elif _MAIL_PROGRAM.search(text.splitlines()[start - 1] if text else ""):
                what = (  # "Jane Doe" <jane@example.org>, as Outlook copies an address
                    'this line holds addresses as a mail program writes them ("Name" <address>), '
                    f"expected one journalist a line: {','.join(HEADER)}, such as "
                    "jane.doe@example.org,Jane Doe,en"
                )
            problems.append(Problem(shown, start, None, f"is not valid CSV: {what}"))
            return
        yield start, cells
        start = reader.line_num + 1


def _header_is_right(cells: list[str], shown: str, problems: list[Problem]) -> bool:
    names = tuple(cell.strip().lower() for cell in cells)
    if names == HEADER:
        return True
    found = ",".join(cells)
    hint = ""
    if len(cells) == 1 and (";" in found or "\t" in found):
        hint = f"; its values are not separated by commas: {SAVE_AS}"
    elif sorted(names) == sorted(HEADER):  # the columns moved in a spreadsheet
        hint = f": move the columns into that order ({', '.join(HEADER)}), values and all"
    problems.append(
        Problem(shown, 1, None, f"the header is '{found}', expected {','.join(HEADER)}{hint}")
    )
    return False


def _name_problem(name: str) -> str | None:
    """A name goes in the To: header, before the address: a control character breaks the
    header, and a direction override left open would show the address turned around."""
    if any(ord(c) < 32 for c in name):
        return "has a line break, expected one line"
    control = control_character(name)
    if control:
        return f"holds {control}, remove it"
    opened = unclosed_direction(name)
    if opened:
        return f"opens a text direction with {opened} and never closes it, remove it"
    return None


def _recipient(
    cells: list[str], line: int, shown: str, languages: dict[str, str], problems: list[Problem]
) -> Recipient | None:
    email, name, language = (cell.strip() for cell in cells)
    wrong = address_problem(email)
    if wrong:
        problems.append(Problem(shown, line, "email", wrong))
    name_problem = _name_problem(name)
    if name_problem:
        problems.append(Problem(shown, line, "name", name_problem))
        wrong = wrong or "name"
    code = None
    if language:
        code = _nearest_language(language.lower().replace("_", "-"), languages)  # fr_FR too
        if code is None:
            known = ", ".join(languages.values())
            problems.append(
                Problem(
                    shown,
                    line,
                    "language",
                    f"'{language}' is not a language of the site, expected one of: {known} "
                    "(or nothing, for the release's original language)",
                )
            )
            wrong = wrong or "language"
    if wrong:
        return None
    return Recipient(email=email, name=name, language=code, line=line)


def _nearest_language(tag: str, languages: Mapping[str, str]) -> str | None:
    """The site's language for a journalist's: itself, else the one it is a region or a
    script of (a fr-CA journalist of a site without fr-CA reads fr; zh-Hans and
    en-Latn-US are zh and en), never one written in another script (zh-TW and zh-Hant
    read Traditional characters, not zh's Simplified ones), as CLDR's likely scripts say."""
    if tag in languages:
        return languages[tag]
    written = _written_in(tag)
    parts = tag.split("-")
    unscripted = [part for part in parts if len(part) != 4]  # `written` says the script
    nearer = [
        "-".join(some[:end]) for some in (parts, unscripted) for end in range(len(some), 0, -1)
    ]
    return next(
        (languages[t] for t in nearer if t in languages and _written_in(t) == written), None
    )


def _written_in(tag: str) -> tuple[str, str | None] | None:
    """A language tag's language and script, said or likely (CLDR); None for a tag that is
    not one (`zh-yue-HK` is Cantonese, which Babel does not read as Chinese)."""
    try:
        language, region, script = parse_locale(tag, sep="-")[:3]
    except ValueError:
        return None
    likely = get_global("likely_subtags")
    found = likely.get(f"{language}_{region}") or likely.get(language) or ""
    return language, script.title() if script else next(
        (p for p in found.split("_") if len(p) == 4), None
    )
