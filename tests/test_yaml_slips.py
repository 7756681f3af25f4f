"""Properties of the YAML messages: one slip of typing in a good release.yaml or front
matter, wherever it is, is named on its own line in plain words, never in PyYAML's.

Each example writes a whole site into a fresh folder (pytest's function-scoped fixtures are
not reset between hypothesis examples) and runs `pressgen check` on it as a press officer
would.
"""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgen.cli import main

from .test_properties import site_with

SLIPS = settings(max_examples=60, deadline=None)
YAML = "releases/first-release/release.yaml"
MD = "releases/first-release/en.md"

RELEASE_LINES = (
    ("date", "2024-05-01T10:00:00+02:00"),
    ("type", "press-release"),
    ("original", "en"),
    ("status", "published"),
    ("embargo", "2024-05-01T09:00 Europe/Geneva"),
    ("regions", "[global]"),
)
CONTACT_LINES = (
    ("name", "Laurence Gerard"),
    ("email", "gerardl@un.org"),
    ("phone", "+41 22 717 9111"),
    ("org", "UNOCT (New York), 10:00-18:00"),
)
IMAGE_LINES = (("caption", "Workshop in Bangkok at 10:00"), ("credit", "IOM/2017"))


def check(files: dict[str, str]) -> list[str]:
    """The lines `pressgen check` prints for the small site with `files` in it."""
    with site_with(files) as root:
        result = CliRunner().invoke(main, ["check", "--site", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "invalid YAML" not in result.output, result.output
    return result.output.splitlines()


def front_matter_lines(
    image: tuple[tuple[str, str], ...], contacts: list[tuple[tuple[str, str], ...]]
) -> list[tuple[str, str, str]]:
    """(indentation, key, value) of a language file's front matter lines: a value of ''
    opens the lines indented below it."""
    lines = [("", "title", "IOM appeals for Sudan"), ("", "dateline", "Geneva")]
    lines += [("", "image", "")] + [("  ", key, value) for key, value in image]
    lines.append(("", "contacts", ""))
    for contact in contacts:
        lines += [("  - " if n == 0 else "    ", k, v) for n, (k, v) in enumerate(contact)]
    return lines


# A contact of one line, `- name Jane Doe`, is a text, not a slip YAML stumbles on: left out.
contact = st.permutations(CONTACT_LINES[1:]).flatmap(
    lambda rest: st.integers(1, 3).map(lambda n: (CONTACT_LINES[0], *rest[:n]))
)
front_matter = st.builds(
    front_matter_lines, st.permutations(IMAGE_LINES), st.lists(contact, min_size=1, max_size=2)
)


def as_text(lines: list[tuple[str, str, str]], slip: int, slipped: str) -> str:
    """The language file, its line `slip` (from 0) typed as `slipped`."""
    typed = [f"{indent}{key}: {value}".rstrip() for indent, key, value in lines]
    typed[slip] = slipped
    return "---\n" + "\n".join(typed) + "\n---\nBody.\n"


@SLIPS
@given(order=st.permutations(RELEASE_LINES), data=st.data())
def test_a_key_without_its_colon_in_release_yaml_is_named_on_its_line(
    order: list[tuple[str, str]], data: st.DataObject
) -> None:
    slip = data.draw(st.integers(0, len(order) - 1))
    key, value = order[slip]
    lines = [f"{k}: {v}" for k, v in order]
    lines[slip] = f"{key} {value}"
    output = check({YAML: "\n".join(lines) + "\n"})
    expected = f"{YAML}:{slip + 1}: {key}: put a colon after the key: {key}: {value}"
    assert expected in output, output


@SLIPS
@given(lines=front_matter, data=st.data())
def test_a_key_without_its_colon_in_front_matter_is_named_on_its_line(
    lines: list[tuple[str, str, str]], data: st.DataObject
) -> None:
    slip = data.draw(st.sampled_from([n for n, line in enumerate(lines) if line[2]]))
    indent, key, value = lines[slip]
    output = check({MD: as_text(lines, slip, f"{indent}{key} {value}")})
    expected = f"{MD}:{slip + 2}: {key}: put a colon after the key: {key}: {value}"
    assert expected in output, output


@SLIPS
@given(lines=front_matter, data=st.data())
def test_a_contact_key_lined_up_with_the_dash_is_named_on_its_line(
    lines: list[tuple[str, str, str]], data: st.DataObject
) -> None:
    slip = data.draw(st.sampled_from([n for n, line in enumerate(lines) if line[0] == "    "]))
    _, key, value = lines[slip]
    output = check({MD: as_text(lines, slip, f"  {key}: {value}")})
    expected = (
        f"{MD}:{slip + 2}: '{key}:' is lined up with the '-' of the item above it; indent it "
        "2 spaces more, to line up with 'name:' (the key after the '-')"
    )
    assert expected in output, output


@SLIPS
@given(
    lines=front_matter,
    space=st.sampled_from("\u00a0\u202f"),
    keep=st.integers(0, 3),
    data=st.data(),
)
def test_an_indentation_of_no_break_spaces_is_named_on_its_line(
    lines: list[tuple[str, str, str]], space: str, keep: int, data: st.DataObject
) -> None:
    """Pasted from Outlook or Word: some or all of a line's indentation."""
    slip = data.draw(st.sampled_from([n for n, line in enumerate(lines) if line[0]]))
    indent, key, value = lines[slip]
    spaces = len(indent) - len(indent.lstrip(" "))
    kept = min(keep, spaces - 1)
    pasted = " " * kept + space * (spaces - kept) + indent.lstrip(" ")
    output = check({MD: as_text(lines, slip, f"{pasted}{key}: {value}")})
    name = "no-break spaces (U+00A0)" if space == "\u00a0" else "narrow no-break spaces (U+202F)"
    expected = (
        f"{MD}:{slip + 2}: this line is indented with {name}, which YAML does not take for "
        "spaces (text pasted from Outlook or Word may hold them); type its indentation again "
        "with ordinary spaces"
    )
    assert expected in output, output
