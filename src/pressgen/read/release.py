"""Read one release folder: `release.yaml`, each `<lang>.md`, and check what they name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node

from ..model import (
    MEDIA_SUFFIXES,
    STATUSES,
    Contact,
    Correction,
    ImageText,
    Photo,
    Release,
    SiteConfig,
    Translation,
)
from ..paths import RESERVED_IDS
from ..problems import Problem, display_path, unknown_key_message
from .content import check_body, checked_contact, correction_lines, correction_warnings
from .fields import Field, Reporter, listed, nested, read_fields
from .instants import Zone, load_zone
from .limits import LONG_TEXT, MAX_BODY_BYTES, body_problems
from .yamlhelp import cut_by_comments
from .yamlnodes import (
    FieldError,
    YamlSyntaxError,
    as_instant,
    as_key,
    as_key_list,
    as_mapping,
    as_text,
    compose,
    is_null,
    key_lines,
)

RELEASE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: `$` would accept "id\n"
RELEASE_FILE = "release.yaml"
MAX_FILE_BYTES = 1_000_000  # read whole; a longer body is told on its line (MAX_BODY_BYTES)
MAX_YAML_BYTES = 64_000  # a release's facts: a hundred times what they need


def decode(raw: bytes, report: Reporter) -> str | None:
    """UTF-8 text, or a problem naming the line of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        report.add(line, None, "is not valid UTF-8 text, save the file as UTF-8")
        return None
    return text.removeprefix("\ufeff")


def parse_document(text: str, report: Reporter, first_line: int = 1) -> Node | None:
    """Compose a YAML document whose first line is line `first_line` of the file.

    A document of nothing but `~` or `---` is as empty as an empty file, and said to be so.
    """
    try:
        node = compose("\n" * (first_line - 1) + text)
    except YamlSyntaxError as error:
        report.add(error.line, error.field, error.message)
        return None
    return None if node is not None and is_null(node) else node


def _status(node: Node) -> str:
    value = as_key(node)
    if value not in STATUSES:
        raise FieldError(f"'{value}' is not a status, expected one of: {', '.join(STATUSES)}")
    return value


def _notes(node: Node) -> dict[str, str]:
    what = "a note per language, each on a line of its own: 'en: The figures were corrected.'"
    return {lang: as_text(value) for lang, value in as_mapping(node, what).items()}


def release_fields(report: Reporter, zone: Zone | None = None) -> list[Field]:
    """release.yaml's fields; times written without an offset are in `zone` (the site's)."""
    instant = partial(as_instant, zone=zone)
    correction = nested(
        [
            Field("date", instant, True, "the instant of the correction"),
            Field("note", _notes, False, "a note per language"),
        ],
        report,
        "corrections.",
        lambda date, note=None: Correction(date, note or {}),
    )
    return [
        Field("date", instant, True, "the publication instant, e.g. 2021-03-15T14:00:00+01:00"),
        Field("type", as_key, True, "a type key such as 'press-release'"),
        Field("original", as_key, True, "the language the release was written in, e.g. 'fr'"),
        Field("status", _status, True, "draft, published or withdrawn"),
        Field("regions", as_key_list),
        Field("topics", as_key_list),
        Field("embargo", instant),
        Field("image", as_text),
        Field("images", listed(as_text, "photo file names")),
        Field("corrections", listed(correction, "corrections (date and note)")),
        Field("withdrawn", instant),
    ]


def _image_texts(fields: list[Field], report: Reporter) -> Any:
    """A parser for `images:` in front matter: each photo's file name, then its texts."""

    def parse(node: Node) -> dict[str, ImageText]:
        return {
            name: nested(fields, report, f"images.{name}.", ImageText)(value)
            for name, value in as_mapping(node, "each photo's file name, then its texts").items()
        }

    return parse


def front_matter_fields(report: Reporter) -> list[Field]:
    image_fields = [Field("caption", as_text), Field("credit", as_text), Field("alt", as_text)]
    image = nested(image_fields, report, "image.", ImageText)
    contact = checked_contact(
        nested(
            [
                Field("name", as_text, True, "the contact's name"),
                Field("email", as_text),
                Field("phone", as_text),
                Field("org", as_text),
            ],
            report,
            "contacts.",
            Contact,
        ),
        report,
    )
    return [
        Field("title", as_text, True, "the headline"),
        Field("images", _image_texts(image_fields, report)),
        Field("dateline", as_text, True, "the place the release is issued from"),
        Field("summary", as_text),
        Field("image", image),
        Field("contacts", listed(contact, "contacts (name, email, phone, org)")),
        Field("translated_from", as_text),
    ]


def split_front_matter(text: str, report: Reporter) -> tuple[str, str, int] | None:
    """(YAML text, Markdown body, line of the body) of a `---` delimited file."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        report.add(1, None, "must start with a '---' line, then the front matter (title, ...)")
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    report.add(1, None, "the front matter is not closed, expected a second '---' line")
    return None


def read_translation(
    path: Path, lang: str, report: Reporter, files: Sequence[str] | None = None
) -> Translation | None:
    """A language version, or None (its problems reported). Given the release folder's
    `files`, its body is also checked for what a reader would hit (see `content`)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(
            1, None, f"is {size:,} bytes long, expected at most {MAX_BODY_BYTES:,}: {LONG_TEXT}"
        )
        return None
    text = decode(path.read_bytes(), report)
    if text is None:
        return None
    parts = split_front_matter(text, report)
    if parts is None:
        return None
    yaml_text, body, body_line = parts
    unsafe = list(body_problems(body, body_line))
    for line, message in unsafe:
        report.add(line, "body", message)
    node = parse_document(yaml_text, report, first_line=2)
    if node is None and not report.problems:
        report.add(2, None, "the front matter is empty, expected title and dateline")
    values = read_fields(node, front_matter_fields(report), report, line=2) if node else None
    for advice in cut_by_comments(node, "\n" + yaml_text) if node else ():
        report.add(advice.line, advice.field, advice.message)
        values = None
    if not body.strip():
        report.add(body_line, "body", "is empty, expected the text of the release after '---'")
        return None
    if files is not None and not unsafe:
        check_body(body, body_line, files, report)
    if values is None or report.problems:
        return None
    return Translation(lang=lang, body=body.strip("\n") + "\n", **values)


def read_release(
    folder: Path, root: Path, config: SiteConfig
) -> tuple[Release | None, list[Problem]]:
    """A release and the problems found in it; the release is None if anything is wrong."""
    release, problems, _ = read_release_and_warnings(folder, root, config)
    return release, problems


def read_release_and_warnings(
    folder: Path, root: Path, config: SiteConfig
) -> tuple[Release | None, list[Problem], list[Problem]]:
    """`read_release`, and the warnings found even when the release has errors (a release
    that reads well carries its own, in `Release.warnings`)."""
    shown = display_path(folder, root)
    if not RELEASE_ID.match(folder.name):
        message = (
            "is not a valid release id, expected lowercase ASCII "
            "letters, digits and single hyphens (e.g. 'iom-unoct-api-pnr')"
        )
        return None, [Problem(shown, None, None, message)], []
    if folder.is_symlink():
        message = "is a link, expected the release's own folder (move it into releases/)"
        return None, [Problem(shown, None, None, message)], []
    if folder.name in RESERVED_IDS:
        names = ", ".join(sorted(RESERVED_IDS))
        message = f"is a name the site's own pages use ({names}), expected another release id"
        return None, [Problem(shown, None, None, message)], []
    yaml_path = folder / RELEASE_FILE
    if not yaml_path.is_file():
        message = f"has no {RELEASE_FILE}, create one (see `pressgen new`)"
        return None, [Problem(shown, None, None, message)], []
    links = linked_out(folder, root)
    if yaml_path in links:
        return None, list(links.values()), []
    report = Reporter(display_path(yaml_path, root))
    size = yaml_path.stat().st_size
    if size > MAX_YAML_BYTES:
        message = f"is {size:,} bytes long, expected at most {MAX_YAML_BYTES:,}"
        return None, [Problem(report.path, None, None, message)], []
    text = decode(yaml_path.read_bytes(), report)
    node = parse_document(text, report) if text is not None else None
    zone = load_zone(config.timezone) if config.timezone else None
    fields = release_fields(report, zone)
    values = read_fields(node, fields, report) if node is not None else None
    if node is None and not report.problems:
        report.add(1, None, "is empty, expected date, type, original and status")
    problems, warnings = [*report.problems, *links.values()], report.warnings
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and p not in links)
    translations = _read_translations(folder, root, config, (problems, warnings), files, links)
    if values is None:
        return None, problems, warnings
    warnings += correction_warnings(
        values.get("corrections", ()), correction_lines(node), translations, report.path
    )
    lines = key_lines(node) if isinstance(node, MappingNode) else {}
    release_problems = _check_release(values, lines, folder, translations, config, report.path)
    problems.extend(release_problems)
    if problems:
        return None, problems, warnings
    values["translations"] = translations
    names = values.pop("images", ())
    if names:
        values["image"], values["gallery"] = names[0], tuple(names[1:])
    photos, photo_problems = _measure_photos(values, folder, root)
    if photo_problems:
        return None, photo_problems, warnings
    values["photos"] = photos
    values["media"] = tuple(name for name in files if name.lower().endswith(MEDIA_SUFFIXES))
    values["warnings"] = tuple(sorted(set(warnings)))
    return Release(id=folder.name, folder=folder, **values), problems, warnings


_OWN_FILES = "expected the file itself in the folder (copy it in)"


def linked_out(folder: Path, root: Path) -> dict[Path, Problem]:
    """A problem for each file of the folder that is a link leading outside it, or to
    nothing: nothing outside a release (or the site's assets) is read or published."""
    inside = folder.resolve()
    problems = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_symlink():
            continue
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
            message = "is a link that leads round in a loop, expected a file"
            problems[path] = Problem(display_path(path, root), None, None, message)
            continue
        if not target.is_relative_to(inside):
            message = f"is a link to {target}, outside {folder.name}/, {_OWN_FILES}"
        elif not target.exists():
            message = "is a link to a file that does not exist, expected a file"
        else:
            continue
        problems[path] = Problem(display_path(path, root), None, None, message)
    return problems


def _read_translations(
    folder: Path,
    root: Path,
    config: SiteConfig,
    found: tuple[list[Problem], list[Problem]],
    files: Sequence[str],
    links: Mapping[Path, Problem],
) -> dict[str, Translation]:
    """Each language file, read and checked; (errors, warnings) are added to `found`."""
    translations: dict[str, Translation] = {}
    for path in sorted(folder.glob("*.md")):
        lang = path.stem
        if path in links:  # reported already, never read
            continue
        if lang.isupper() and lang.isalpha() and len(lang) > 3:  # NOTES.md, README.md:
            continue  # for the people who write the release (EN.md is still a mistake)
        report = Reporter(display_path(path, root))
        if lang not in config.languages:
            report.add(
                None,
                None,
                "is named after no language of the site, expected one of: "
                + ", ".join(f"{code}.md" for code in config.languages),
            )
        elif not path.is_file():
            report.add(None, None, "is not a file, expected the release's text in this language")
        else:
            translation = read_translation(path, lang, report, files)
            if translation is not None and not report.problems:
                translations[lang] = translation
        found[0].extend(report.problems)
        found[1].extend(report.warnings)
    return translations


def _check_release(
    values: Mapping[str, Any],
    lines: Mapping[str, int],
    folder: Path,
    translations: Mapping[str, Translation],
    config: SiteConfig,
    path: str,
) -> list[Problem]:
    """Cross-checks that need the site: vocabularies, languages, files that must exist."""
    problems: list[Problem] = []

    def add(field_name: str, message: str) -> None:
        problems.append(Problem(path, lines.get(field_name, 1), field_name, message))

    if values["type"] not in config.types:
        add("type", unknown_key_message(values["type"], config.types, "type"))
    for vocabulary in ("regions", "topics"):
        known = getattr(config, vocabulary)
        for key in values.get(vocabulary, ()):
            if key not in known:
                add(
                    vocabulary,
                    unknown_key_message(key, known, vocabulary.rstrip("s"))
                    + f" (add it under [{vocabulary}] in pressgen.toml)",
                )
    original = values["original"]
    if original not in config.languages:
        add("original", unknown_key_message(original, config.languages, "language"))
    elif original not in translations and (folder / f"{original}.md").exists() is False:
        add(
            "original",
            f"names '{original}' but {original}.md is missing, expected the "
            "original language's file in this folder",
        )
    image = values.get("image")
    if image is not None:
        problem = _image_problem(folder, image)
        if problem:
            add("image", problem)
    problems.extend(_check_images(values, folder, translations, path, add))
    for correction in values.get("corrections", ()):
        for lang in correction.notes:
            if lang not in config.languages:
                add(
                    "corrections",
                    "a note is in " + unknown_key_message(lang, config.languages, "language"),
                )
    return problems


def _check_images(
    values: Mapping[str, Any],
    folder: Path,
    translations: Mapping[str, Translation],
    path: str,
    add: Any,
) -> list[Problem]:
    """`images:` names existing files, once each, instead of `image:`; and the texts of each
    language describe photos of the release."""
    names = values.get("images", ())
    if names and values.get("image") is not None:
        add(
            "images",
            "is given with 'image', expected 'image' for one photo or 'images' for several",
        )
    if len(set(names)) != len(names):
        add("images", "names a photo twice, expected each once")
    for name in names:
        problem = _image_problem(folder, name)
        if problem:
            add("images", problem)
    photos = {*names, *([values["image"]] if values.get("image") else [])}
    problems = []
    for lang, translation in sorted(translations.items()):
        for name in translation.images:
            if name not in photos:
                known = ", ".join(sorted(photos)) or "none (add them under images: in release.yaml)"
                problems.append(
                    Problem(
                        path.rsplit("/", 1)[0] + f"/{lang}.md",
                        None,
                        f"images.{name}",
                        f"is not a photo of this release, expected one of: {known}",
                    )
                )
    return problems


def _measure_photos(
    values: Mapping[str, Any], folder: Path, root: Path
) -> tuple[dict[str, Photo], list[Problem]]:
    """Open each photo once: its size for pages, or a problem naming the file."""
    from ..photos import PhotoError, measure  # Pillow is loaded only for sites with photos

    names = [*([values["image"]] if values.get("image") else []), *values.get("gallery", ())]
    photos, problems = {}, []
    for name in names:
        try:
            photos[name] = measure(folder / name)
        except PhotoError as error:
            problems.append(Problem(display_path(folder / name, root), None, None, str(error)))
    return photos, problems


def _image_problem(folder: Path, image: str) -> str | None:
    """What is wrong with the release's image file name, if anything."""
    try:
        target = (folder / image).resolve()
        if folder.resolve() not in target.parents:
            return f"'{image}' is outside the release folder, expected a file in it"
        if not target.is_file():
            return f"'{image}' does not exist, expected a file in {folder.name}/"
    except (OSError, ValueError):
        return f"'{image}' is not a usable file name, expected a file in {folder.name}/"
    return None
