"""Read one release folder: `release.yaml`, each `<lang>.md`, and check what they name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node

from ..inside import LinkedOut, read_inside
from ..model import (
    MEDIA_SUFFIXES,
    Release,
    SiteConfig,
    Translation,
)
from ..paths import MAX_ID_LENGTH, RELEASE_ID, RESERVED_IDS, path_words
from ..problems import NOT_UTF8, Problem, display_path, line_not_utf8, place
from ..zones import Zone, site_zone
from .characters import UTF16, body_shows_text, saved_as_utf16
from .contacts import correction_lines, correction_warnings
from .content import check_body
from .fields import Reporter, read_fields, read_fields_partly
from .limits import LONG_TEXT, MAX_BODY_BYTES, body_problems
from .release_checks import (
    check_release,
    early_embargo,
    id_advice,
    linked_out,
    long_names,
    measure_photos,
    measure_pictures,
    unlinked_files,
)
from .release_fields import front_matter_fields, release_fields
from .split import split_front_matter
from .text_names import misnamed_texts, unread_text
from .text_warnings import pasted_warnings, pdf_glyph_warnings, text_warnings
from .yamlhelp import cut_by_comments
from .yamlnodes import (
    YamlSyntaxError,
    compose,
    is_null,
    key_lines,
)

RELEASE_FILE = "release.yaml"
NEAR = (RELEASE_FILE, "release.yml", "release.yaml.txt")  # a release.yaml by another name
MAX_FILE_BYTES = 1_000_000  # read whole; a longer body is told on its line (MAX_BODY_BYTES)
MAX_YAML_BYTES = 64_000  # a release's facts: a hundred times what they need


def decode(raw: bytes, report: Reporter) -> str | None:
    """UTF-8 text, or a problem naming the line of the first byte that is not UTF-8."""
    if saved_as_utf16(raw):
        report.add(None, None, UTF16)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        report.add(line_not_utf8(error), None, NOT_UTF8)
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


def read_translation(
    path: Path,
    lang: str,
    report: Reporter,
    files: Sequence[str] | None = None,
    zone: Zone | None = None,
) -> Translation | None:
    """A language version, or None (its problems reported). Given the release folder's
    `files`, its body is also checked for what a reader would hit (see `content`)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(
            1, None, f"is {size:,} bytes long, expected at most {MAX_BODY_BYTES:,}: {LONG_TEXT}"
        )
        return None
    text = decode(read_inside(path, path.parent), report)
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
    fields = front_matter_fields(report, zone)
    values = read_fields(node, fields, report, line=2) if node else None
    for advice in cut_by_comments(node, "\n" + yaml_text) if node else ():
        report.add(advice.line, advice.field, advice.message)
        values = None
    if not body.strip():
        report.add(body_line, "body", "is empty, expected the text of the release after '---'")
        return None
    found = len(report.problems)
    if files is not None and not unsafe:
        check_body(body, body_line, files, path.parent.name, report)
    if not unsafe and len(report.problems) == found and not body_shows_text(body):
        report.add(body_line, "body", f"shows no text, expected the text of the release{_MARKUP}")
    if values is None or report.problems:
        return None
    if files is not None:
        for line, message in pasted_warnings(body, body_line, values["dateline"], lang):
            report.warn(line, "body", message)
    return Translation(lang=lang, body=body.strip("\n") + "\n", **values)


_MARKUP = (
    ": it holds only markup (tags, comments, links with no text, rules) or characters that "
    "print as nothing"
)


def read_release(
    folder: Path, root: Path, config: SiteConfig
) -> tuple[Release | None, list[Problem]]:
    """A release and the problems found in it; the release is None if anything is wrong."""
    release, problems, _ = read_release_and_warnings(folder, root, config)
    return release, problems


def is_draft(folder: Path) -> bool:
    """Whether a release that did not read well says `status: draft`: as YAML reads it, or,
    where YAML cannot read the file (a tab in a colleague's half-written draft), on a line
    of its own at the margin, the only `status:` line (any other file stops a build)."""
    path = folder / RELEASE_FILE
    try:  # as the reader reads it: a link out, a device or a pipe is no draft (h96: a hang)
        if path.stat().st_size > MAX_YAML_BYTES:
            return False
        text = read_inside(path, folder).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, LinkedOut):
        return False
    try:
        node = compose(text)
    except (YamlSyntaxError, RecursionError):
        return [m.group(1) for m in _STATUS_LINE.finditer(text)] == ["draft"]
    if not isinstance(node, MappingNode):
        return False
    said = [getattr(value, "value", None) for key, value in node.value if key.value == "status"]
    return said == ["draft"]  # `status:` twice is no status that can be read


_STATUS_LINE = re.compile(r"""^status[ \t]*:[ \t]*["']?([^"'#\s]*)["']?[ \t]*(?:#.*)?\r?$""", re.M)


def field_lines(node: Node | None) -> dict[str, int]:
    """The line of each key of release.yaml, and of each entry of its `corrections`
    (`corrections.2`), where that entry's problems are shown."""
    lines = key_lines(node) if isinstance(node, MappingNode) else {}
    entries = enumerate(correction_lines(node))
    return lines | {f"corrections.{index}": line for index, line in entries}


def read_release_and_warnings(
    folder: Path, root: Path, config: SiteConfig
) -> tuple[Release | None, list[Problem], list[Problem]]:
    """`read_release`, and the warnings found even when the release has errors (a release
    that reads well carries its own, in `Release.warnings`)."""
    if (unread := _not_a_release(folder, root)) is not None:
        return unread
    yaml_path = folder / RELEASE_FILE
    links = linked_out(folder, root)
    if yaml_path in links:
        return None, list(links.values()), []
    report = Reporter(display_path(yaml_path, root))
    size = yaml_path.stat().st_size
    if size > MAX_YAML_BYTES:
        message = f"is {size:,} bytes long, expected at most {MAX_YAML_BYTES:,}"
        return None, [Problem(report.path, None, None, message)], []
    text = decode(read_inside(yaml_path, folder), report)
    node = parse_document(text, report) if text is not None else None
    fields = release_fields(report, zone := site_zone(config.timezone))
    values, complete = read_fields_partly(node, fields, report) if node is not None else ({}, False)
    if node is None and not report.problems:
        report.add(1, None, "is empty, expected date, type, original and status")
    problems, warnings = [*report.problems, *links.values()], report.warnings
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and p not in links)
    found = (problems, warnings)
    translations = _read_translations(folder, root, config, zone, found, files, links)
    lines = field_lines(node)
    if not complete:  # what did read is still checked: one slip does not hide the next
        problems += check_release(values, lines, folder, translations, config, report.path)
        return None, problems, warnings
    if values.get("status") != "withdrawn":  # its notice shows no correction
        warnings += correction_warnings(
            values.get("corrections", ()), correction_lines(node), translations, report.path
        )
    warnings += early_embargo(values, lines, report.path)
    warnings += text_warnings(values, translations, folder, root)
    if config.pdf_enabled:
        warnings += pdf_glyph_warnings(translations, folder, root, files)
    problems += check_release(values, lines, folder, translations, config, report.path)
    if problems:
        return None, problems, warnings
    values["translations"] = translations
    file_problems = _add_files(values, files, folder, root)
    if file_problems:
        return None, file_problems, warnings
    warnings += unlinked_files(values, translations.values(), files, folder, root)
    values["warnings"] = tuple(sorted(set(warnings), key=place))
    values["path_words"] = path_words(*(t.body or "" for t in translations.values()))
    values["added"] = {lang: t.published for lang, t in translations.items() if t.published}
    return Release(id=folder.name, folder=folder, **values), problems, warnings


def _add_files(
    values: dict[str, Any], files: Sequence[str], folder: Path, root: Path
) -> list[Problem]:
    """The release's photos (measured) and media files, put in `values`; their problems."""
    names = values.pop("images", ())
    if names:
        values["image"], values["gallery"] = names[0], tuple(names[1:])
    photos, problems = measure_photos(values, folder, root)
    values["photos"] = photos
    values["media"] = tuple(name for name in files if name.lower().endswith(MEDIA_SUFFIXES))
    others = [name for name in values["media"] if name not in names]  # measured already
    values["media_sizes"], more = measure_pictures(others, folder, root)
    published = [folder / name for name in sorted({*values["media"], *photos})]
    return problems + more + long_names(published, root)


def _another_language(stem: str) -> str:
    """For `de.md` on a site without German: how the site would publish it."""
    from babel import Locale, UnknownLocaleError

    if len(stem.partition("-")[0]) != 2:  # "fin", "bak": names Babel would take as codes
        return ""
    try:
        Locale.parse(stem, sep="-")
    except (ValueError, UnknownLocaleError):
        return ""
    return f'; to publish it in this language, add "{stem}" to languages in pressgen.toml'


EMPTY_FOLDER = (
    "is empty, so no release: write one in it (pressgen new with its name writes the files "
    "to fill in), or delete it"
)


def _not_a_release(folder: Path, root: Path) -> tuple[None, list[Problem], list[Problem]] | None:
    """What a folder that holds no release reads as: an empty one, made to write a release
    in later, a warning (nothing to publish, nothing to stop for); any other, an error."""
    if _empty(folder):
        return None, [], [Problem(display_path(folder, root), None, None, EMPTY_FOLDER)]
    if folder_problem := _folder_problem(folder):
        return None, [Problem(display_path(folder, root), None, None, folder_problem)], []
    return None


def _empty(folder: Path) -> bool:
    """A release folder with no file or folder in it but hidden ones (.DS_Store)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return all(path.name.startswith(".") for path in folder.iterdir())


def _folder_problem(folder: Path) -> str | None:
    """What makes a folder under releases/ no release at all, if anything."""
    if len(folder.name) > MAX_ID_LENGTH:
        return (
            f"is a name {len(folder.name)} characters long, expected a release id of at most "
            f"{MAX_ID_LENGTH} (it names files on the web server): shorten it"
        )
    if not RELEASE_ID.match(folder.name):
        return f"is not a valid release id, expected {id_advice(folder)}"
    if folder.is_symlink():
        return "is a link, expected the release's own folder (move it into releases/)"
    if folder.name in RESERVED_IDS:
        names = ", ".join(sorted(RESERVED_IDS))
        return f"is a name the site's own pages use ({names}), expected another release id"
    if not (folder / RELEASE_FILE).is_file():
        near = sorted(p.name for p in folder.iterdir() if p.name.lower() in NEAR and p.is_file())
        if near:
            return f"has no {RELEASE_FILE}, expected one: rename {near[0]} {RELEASE_FILE}"
        return f"has no {RELEASE_FILE}, create one (see `pressgen new`)"
    return None


def _read_translations(
    folder: Path,
    root: Path,
    config: SiteConfig,
    zone: Zone | None,
    found: tuple[list[Problem], list[Problem]],
    files: Sequence[str],
    links: Mapping[Path, Problem],
) -> dict[str, Translation]:
    """Each language file, read and checked (times without an offset in `zone`, the site's),
    and misnamed ones: (errors, warnings) to `found`."""
    translations: dict[str, Translation] = {}
    # A body may name a file that is a link out of the folder: said once, as that link
    named = sorted({*files, *(link.name for link in links if link.parent == folder)})
    for path in sorted(folder.glob("*.md")):
        lang = path.stem
        if path in links:  # reported already, never read
            continue
        if unread_text(lang, config.languages) or lang.startswith("~$"):  # Word's lock file
            continue  # NOTES.md; FR.md, fr-FR.md: `misnamed_texts`
        report = Reporter(display_path(path, root))
        if lang not in config.languages:  # a copy, a note: a warning, that stops no build
            report.warn(
                None,
                None,
                "is named after no language of the site, so it is not published: name it "
                "after one of "
                + ", ".join(f"{code}.md" for code in config.languages)
                + ", or, if it is a note for the people who write the release, with a word of"
                " four capitals or more (NOTES.md)" + _another_language(lang),
            )
        elif not path.is_file():
            report.add(None, None, "is not a file, expected the release's text in this language")
        else:
            translation = read_translation(path, lang, report, named, zone)
            if translation is not None and not report.problems:
                translations[lang] = translation
        found[0].extend(report.problems)
        found[1].extend(report.warnings)
    misnamed = misnamed_texts(files, config.languages, folder, root)
    for each, more in zip(found, misnamed, strict=True):
        each.extend(more)
    return translations
