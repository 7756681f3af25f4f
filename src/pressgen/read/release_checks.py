"""Check a release against the site and its own folder: vocabularies and languages that
exist, photos that are files of the folder (measured once), no link leading out of it, no
name too long to publish."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..folders import TOO_DEEP, TooDeep, paths_below
from ..model import MEDIA_SUFFIXES, Photo, SiteConfig, Translation, utc
from ..paths import MAX_ID_LENGTH, RELEASE_ID, RESERVED_IDS, media
from ..problems import Problem, display_path, unknown_key_message
from ..resources import RELEASES_DIR
from .content import closest_name, did_you_mean, linked_files
from .text_warnings import examples_left
from .tomlhelp import bare_or_quoted
from .yamllayout import dash_joined, dash_joined_message

_OWN_FILES = "expected the file itself in the folder (copy it in)"
# A published file keeps its name, which a file system takes up to 255 bytes: a photo's
# copies add "-1600w.webp" to it, and a file replaced is first written as .NAME.pressgen-PID.
MAX_NAME_BYTES = 200


def linked_out(folder: Path, root: Path) -> dict[Path, Problem]:
    """A problem for each file of the folder that is a link leading outside it, or to
    nothing: nothing outside a release (or the site's assets) is read or published."""
    inside = folder.resolve()
    problems = {}
    try:
        below = paths_below(folder)
    except TooDeep as deep:
        return {deep.path: Problem(display_path(folder, root), None, None, TOO_DEEP)}
    for path in below:
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


def long_names(paths: Iterable[Path], root: Path) -> list[Problem]:
    """A problem for each file (or folder) whose name is too long to be published."""
    return [
        Problem(
            display_path(path, root),
            None,
            None,
            f"has a name {size} bytes long, expected at most {MAX_NAME_BYTES} (it is "
            "published under that name): shorten it, and the links to it",
        )
        for path in paths
        if (size := len(path.name.encode("utf-8", "surrogateescape"))) > MAX_NAME_BYTES
    ]


def unlinked_files(
    values: Mapping[str, Any],
    texts: Iterable[Translation],
    files: list[str],
    folder: Path,
    root: Path,
) -> list[Problem]:
    """A warning for each file the release publishes that no text links and that is not
    one of its photos: a file left in the folder by mistake would be online with it."""
    linked = {name for text in texts for name in linked_files(text.body or "", files)}
    photos = {values.get("image"), *values.get("gallery", ())}
    published = sorted(name for name in files if name.lower().endswith(MEDIA_SUFFIXES))
    return [
        Problem(
            display_path(folder / name, root),
            None,
            None,
            f"goes online with the release, at {media(folder.name, name)}, though no "
            f"text of the release links it and it is not one of its photos: link it from a "
            f"text ([a title]({name})), or move it out of the release folder if it is not for "
            "readers",
        )
        for name in published
        if name not in linked and name not in photos
    ]


def unknown_release(site: Path, release_id: str) -> str:
    """What a command says of an id that names no release folder, with the id nearest to
    a mistyped one ("soudan-appel-fond"), or where ids are found."""
    releases = site / RELEASES_DIR
    folders = sorted(p.name for p in releases.iterdir() if p.is_dir()) if releases.is_dir() else []
    # ids share their words ("-release", "iom-"): only a near-identical one is a typo
    close = closest_name(release_id, folders, cutoff=0.8)
    return f"{RELEASES_DIR}/{release_id}: is not a release of this site, " + (
        f"did you mean '{close}'?"
        if close
        else f"expected the name of a folder of {RELEASES_DIR}/ (see `pressgen status`)"
    )


# Letters NFKD does not take apart into a Latin letter and its mark
_SPELT_OUT = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d"})


def id_advice(folder: Path) -> str:
    """What a release id is made of, and the one a folder likely means (none that another
    folder has): a copy ("iom-appeal copy"), capitals, accents ("Crise-Sécheresse")."""
    spelt = folder.name.lower().translate(_SPELT_OUT)
    plain = unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode()
    meant = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:MAX_ID_LENGTH].strip("-")
    rule = "lowercase ASCII letters, digits and single hyphens"
    taken = (folder.parent / meant).exists()
    if not RELEASE_ID.match(meant) or meant in RESERVED_IDS or taken:
        return f"{rule} (e.g. 'iom-unoct-api-pnr')"
    return f"{rule}: rename the folder {meant}"


def check_release(
    values: Mapping[str, Any],
    lines: Mapping[str, int],
    folder: Path,
    translations: Mapping[str, Translation],
    config: SiteConfig,
    path: str,
) -> list[Problem]:
    """Cross-checks that need the site: vocabularies, languages, files that must exist."""
    problems: list[Problem] = []

    def add(field_name: str, message: str, at: str | None = None) -> None:
        """A problem of a field, on the line of `at` (an entry, `corrections.2`) if known."""
        line = lines.get(at or field_name) or lines.get(field_name, 1)
        problems.append(Problem(path, line, field_name, message))

    _check_vocabularies(values, config, add)
    original = values.get("original")
    if original is None:  # a field that did not read: reported already
        pass
    elif original not in config.languages:
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
    for index, correction in enumerate(values.get("corrections", ())):
        for lang in correction.notes:
            if lang not in config.languages:
                add(
                    "corrections",
                    "a note is in " + unknown_key_message(lang, config.languages, "language"),
                    at=f"corrections.{index}",
                )
    _check_order(values, add)
    _check_withdrawal(values, add)
    if values.get("status") == "published":  # a draft may hold them: it goes nowhere
        problems += examples_left(translations, folder, path.rpartition("/")[0])
    return problems


def _check_vocabularies(values: Mapping[str, Any], config: SiteConfig, add: Any) -> None:
    """The type, regions and topics are keys the site's settings define."""
    kind = values.get("type")
    if kind is not None and kind not in config.types:
        add("type", unknown_key_message(kind, config.types, "type"))
    for vocabulary in ("regions", "topics"):
        known = getattr(config, vocabulary)
        keys = values.get(vocabulary, ())
        if isinstance(keys, list | tuple) and len({str(k) for k in keys}) != len(keys):
            add(vocabulary, f"names a {vocabulary.rstrip('s')} twice, expected each once")
        for key in keys:
            if isinstance(key, str) and " - " in key:  # "- a" then " - b" below it: one item
                add(
                    vocabulary,
                    f"'{key}' is read as one item: an item indented further than the one "
                    "above joins it; start each '- ' in the same column",
                )
            elif isinstance(key, str) and key not in known and dash_joined(key):
                add(vocabulary, dash_joined_message(key.split()[0]))  # `  -asia`
            elif not known:  # "expected one of: " and nothing
                add(vocabulary, _first_key(key, vocabulary))
            elif key not in known:
                told = unknown_key_message(key, known, vocabulary.rstrip("s"))
                if "did you mean" not in told:  # a new one, not a typo: the settings name it
                    told += f" (or add it under [{vocabulary}] in pressgen.toml)"
                add(vocabulary, told)


def _first_key(key: str, vocabulary: str) -> str:
    label = key.replace("-", " ").capitalize() if key.isascii() else "..."
    return (
        f"unknown {vocabulary.rstrip('s')} '{key}': this site has no {vocabulary} yet, add "
        f'them to pressgen.toml as [{vocabulary}] with {bare_or_quoted(key)} = "{label}" below it'
    )


def _check_order(values: Mapping[str, Any], add: Any) -> None:
    """A correction comes after the release it changes: one dated before is a slip in the
    year or the month (a page "updated" before it was published). A withdrawal may come
    before: the release was never public, and leaves no trace."""
    date = values.get("date")
    if date is None:
        return
    before = f"before the release's date ({date.isoformat()}), expected a later instant"
    for index, correction in enumerate(values.get("corrections", ())):
        if utc(correction.date) < utc(date):
            message = f"the correction of {correction.date.isoformat()} is {before}"
            add("corrections", message, at=f"corrections.{index}")


def early_embargo(values: Mapping[str, Any], lines: Mapping[str, int], path: str) -> list[Problem]:
    """An embargo that ends before the release's date holds nothing back on the site (the
    release is public from its date): most often a slip in the year or the month, which
    would let out at its date a release meant to wait. It may be meant (journalists free to
    report an hour before the site publishes), so it is a warning."""
    date, embargo = values.get("date"), values.get("embargo")
    if date is None or embargo is None or utc(embargo) >= utc(date):
        return []
    message = (
        f"ends at {embargo.isoformat()}, before the release's date ({date.isoformat()}), so "
        "it holds nothing back: the release is public from its date; if the embargo is to "
        "end later, correct its instant"
    )
    return [Problem(path, lines.get("embargo"), "embargo", message)]


def _check_withdrawal(values: Mapping[str, Any], add: Any) -> None:
    """A withdrawal instant is given to withdraw: without the status that does it, the
    release would stay online as if the line were not there."""
    status = values.get("status")
    if values.get("withdrawn") is not None and status not in (None, "withdrawn"):
        add(
            "withdrawn",
            f"is given while status is '{status}', expected 'status: withdrawn' to withdraw "
            "the release, or no 'withdrawn:' line to keep it as it is",
        )


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
                        _name_line(folder / f"{lang}.md", name),
                        f"images.{name}",
                        f"is not a photo of this release, expected one of: {known}",
                    )
                )
    return problems


def _name_line(file: Path, name: str) -> int | None:
    """The line of a language file where a photo's texts begin (`harbor.jpg:`), looked
    for only when the name is wrong."""
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    keys = (f"{name}:", f'"{name}":', f"'{name}':")
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(keys)), None)


def measure_photos(
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


PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")


def measure_pictures(
    names: Iterable[str], folder: Path, root: Path
) -> tuple[dict[str, tuple[int, int]], list[Problem]]:
    """The size of each picture a body may show, or a problem naming its file."""
    from ..photos import PhotoError, picture_size

    sizes, problems = {}, []
    for name in names:
        if name.lower().endswith(PICTURE_SUFFIXES):
            try:
                sizes[name] = picture_size(folder / name)
            except PhotoError as error:
                where = display_path(folder / name, root)
                problems.append(Problem(where, error.line, None, str(error)))
    return sizes, problems


def _image_problem(folder: Path, image: str) -> str | None:
    """What is wrong with the release's image file name, if anything."""
    try:
        target = (folder / image).resolve()
        if folder.resolve() not in target.parents:
            return f"'{image}' is outside the release folder, expected a file in it"
        if not target.is_file():
            files = sorted(p.name for p in folder.iterdir() if p.is_file())
            close = did_you_mean(image, files)
            hint = f"; {close}" if close else ""
            return f"'{image}' does not exist, expected a file in {folder.name}/{hint}"
    except (OSError, ValueError):
        return f"'{image}' is not a usable file name, expected a file in {folder.name}/"
    return None
