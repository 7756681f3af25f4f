"""`pressgen new`: a release folder that passes `pressgen check` as it stands, as a draft."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import yaml

from .examples import EMAIL, example_texts
from .model import SiteConfig
from .paths import MAX_ID_LENGTH, RELEASE_ID, RESERVED_IDS
from .problems import UserError
from .read.config import read_config
from .read.text_names import language_named
from .zones import load_zone


class ScaffoldError(UserError):
    """The release cannot be created; the message says why."""


RELEASE_TEMPLATE = """\
# When the release becomes public: the instant, with its UTC offset.
date: {date}
# press-release, statement, media-advisory or news (or a type of pressgen.toml)
type: press-release
# The language this release is written in; other languages are translations of it.
original: {lang}
regions: [global]
# draft: not published. Change to published when it is ready.
status: draft
# Optional: nothing is public before this instant.
# embargo: {date}
"""

TEXT_TEMPLATE = """\
---
title: {title}
dateline: {dateline}
summary: {summary}
contacts:
  - name: {name}
    email: {email}
---
{body}

{second}
"""


def example_text(lang: str) -> str:
    """LANG.md as `pressgen new` writes it: examples in the writer's language to replace."""
    examples = example_texts(lang)
    front = {name: _yaml_value(examples[name]) for name in ("title", "dateline", "summary", "name")}
    return TEXT_TEMPLATE.format(
        **front, email=EMAIL, body=examples["body"], second=examples["second"]
    )


def _yaml_value(text: str) -> str:
    """`text` as it can follow `key: ` in YAML: as it is if YAML reads it back so, else
    in double quotes (a JSON string is a YAML one)."""
    if yaml.safe_load(f"key: {text}") == {"key": text}:
        return text
    return json.dumps(text, ensure_ascii=False)


def wall_clock() -> datetime:
    """The real time, which `pressgen new` dates a release from (a test puts its own)."""
    return datetime.now(UTC)


def local_date(now: datetime, config: SiteConfig) -> str:
    """`now` to the minute, with its offset, in the site's time zone when it has one: at
    21:00 in New York a press officer gets that day's date, not the next day's in UTC."""
    if config.timezone:
        now = now.astimezone(load_zone(config.timezone).info)
    return now.replace(second=0, microsecond=0).isoformat()


def scaffold_release(site: Path, release_id: str, lang: str, now: datetime) -> Path:
    """Create releases/ID/ with release.yaml and LANG.md, dated `now` in the site's time
    zone; refuse to overwrite anything."""
    if not RELEASE_ID.match(release_id):
        raise ScaffoldError(
            f"'{release_id}' is not a valid release id, expected at most {MAX_ID_LENGTH} "
            "lowercase ASCII letters, digits and single hyphens, e.g. 'iom-unoct-api-pnr'"
        )
    if release_id in RESERVED_IDS:
        raise ScaffoldError(
            f"'{release_id}' is a name the site's own pages use "
            f"({', '.join(sorted(RESERVED_IDS))}), expected another release id"
        )
    config, problems = read_config(site)
    if config is None:
        raise ScaffoldError("\n".join(str(p) for p in problems))
    if lang not in config.languages:
        meant = language_named(lang.lower().strip(), config.languages)  # FR, fr-FR, French
        hint = f"did you mean '{meant}'? " if meant else ""
        raise ScaffoldError(
            f"'{lang}' is not a language of this site, {hint}expected one of: "
            + ", ".join(config.languages)
        )
    folder = site / "releases" / release_id
    if folder.exists() and not _empty(folder):
        advice = _existing_advice(folder, lang, config.languages)
        raise ScaffoldError(f"{folder}: already exists, {advice}")
    folder.mkdir(parents=True, exist_ok=True)
    date = local_date(now, config)
    (folder / "release.yaml").write_text(
        RELEASE_TEMPLATE.format(date=date, lang=lang), encoding="utf-8"
    )
    (folder / f"{lang}.md").write_text(example_text(lang), encoding="utf-8")
    return folder


def _empty(folder: Path) -> bool:
    """A folder made to hold a release, with nothing in it yet (hidden files aside)."""
    return folder.is_dir() and all(path.name.startswith(".") for path in folder.iterdir())


def _existing_advice(folder: Path, lang: str, languages: Sequence[str]) -> str:
    """What to do instead: a translator adding a language copies a text that is there (the
    release's own texts, in the site's order of languages: not a note, NOTES.md)."""
    texts = [f"{code}.md" for code in languages if (folder / f"{code}.md").is_file()]
    if (folder / f"{lang}.md").exists() or not texts:
        return "choose another id"
    return (
        f"choose another id; to add its {lang} version, copy {texts[0]} to {lang}.md in it "
        "and translate what it says"
    )
