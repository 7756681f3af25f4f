"""Properties of the readers: whatever a file holds, reading ends in a Site or in Problems.

Every example writes a whole site into its own temporary folder (pytest's function-scoped
fixtures are not reset between hypothesis examples) and calls `read_site` directly. Anything
raised but pressgen's own InputError fails the property, and every Problem must point into the
site: a path below it and a line that exists in the file it names (or the line just after the
last one, where YAML and TOML report "unexpected end of file"), printed on one line.
"""

from __future__ import annotations

import html
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pressgen.model import Site
from pressgen.paths import MAX_ID_LENGTH, _starts, leads_to, path_words
from pressgen.problems import InputError, Problem
from pressgen.read import read_site
from pressgen.read.characters import control_character
from pressgen.render.markdown import body_html

from .conftest import ENGLISH, MINIMAL_CONFIG, RELEASE_YAML

PROPERTY = settings(max_examples=200, deadline=None)
RELEASE = "releases/first-release/"
VALID_SITE: Mapping[str, str | bytes] = {
    "pressgen.toml": MINIMAL_CONFIG,
    RELEASE + "release.yaml": RELEASE_YAML,
    RELEASE + "en.md": ENGLISH,
}


@contextmanager
def site_with(files: Mapping[str, str | bytes]) -> Iterator[Path]:
    """The valid small site with some of its files replaced or added, in a fresh folder."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        (root / "releases").mkdir(parents=True)
        for name, content in {**VALID_SITE, **files}.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        yield root


def read(root: Path) -> tuple[Site | None, tuple[Problem, ...]]:
    """The site, or the problems found in it, each checked to point into the site."""
    try:
        return read_site(root), ()
    except InputError as error:
        assert error.problems, "an InputError must carry at least one problem"
        for problem in error.problems:
            assert_well_placed(problem, root)
        return None, error.problems


def assert_well_placed(problem: Problem, root: Path) -> None:
    path = PurePosixPath(problem.path)
    assert not path.is_absolute() and ".." not in path.parts, problem
    assert (root / path).resolve().is_relative_to(root.resolve()), problem
    assert len(str(problem).splitlines()) == 1, str(problem)
    if problem.line is not None:
        raw = (root / path).read_bytes()
        lines = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
        assert 1 <= problem.line <= lines + 1, (problem, lines)


def read_release_file(name: str, content: str | bytes) -> tuple[Site | None, tuple[Problem, ...]]:
    with site_with({RELEASE + name: content}) as root:
        return read(root)


# Pieces of YAML and of our fields, so that generated text is often nearly right.
YAML_PIECES = (
    *("date", "type", "original", "status", "regions", "topics", "embargo", "image"),
    *("corrections", "note", "title", "dateline", "summary", "contacts", "name", "caption"),
    *(": ", ":", "\n", "\n  ", "- ", "[", "]", "{", "}", ", ", "? ", "#", "|", ">", "~"),
    *("&a ", "*a", "<<: ", "!!str ", "!!python/object:os.system ", "!foo ", "'", '"', "\\"),
    *("---", "...", "%YAML 1.1\n", "\t", "\r", "\r\n", "\x85", "\u2028", "\ufeff", "\x00"),
    *("2021-03-15T14:00:00+01:00", "2021-02-30T10:00:00", "2021-03-15", "published", "fr"),
    *("press-release", "global", "health", "en", "x.jpg", "../x.jpg", "/etc/passwd", "yes"),
)
yaml_like = st.lists(
    st.sampled_from(YAML_PIECES) | st.text(max_size=3), min_size=1, max_size=30
).map("".join)


def mutations_of(valid: str) -> st.SearchStrategy[str]:
    """`valid` with a stretch of it replaced by a YAML-ish fragment."""
    return st.tuples(st.integers(0, len(valid)), st.integers(0, 12), yaml_like).map(
        lambda cut: valid[: cut[0]] + cut[2] + valid[cut[0] + cut[1] :]
    )


@PROPERTY
@given(text=st.text() | yaml_like | mutations_of(RELEASE_YAML))
@example(text=RELEASE_YAML + "image: " + "[" * 500 + "]" * 500 + "\n")  # RecursionError
@example(text="{a: " * 400 + "}" * 400)  # RecursionError
@example(text=RELEASE_YAML.replace("published", "pub\x07lished"))  # ReaderError
@example(text="date: 2021-03-15T14:00:00+01:00\x00\n")  # ReaderError
@example(text=RELEASE_YAML + 'image: "x\\0.jpg"\n')  # ValueError: embedded null byte
@example(text=RELEASE_YAML + "image: " + "x" * 300 + "\n")  # OSError: file name too long
@example(text=RELEASE_YAML.replace("published", '"pub\\nlished"'))  # a problem on two lines
@example(text="\r\r\r\r[")  # PyYAML counted the lone '\r' as lines: line 5 of a 1-line file
@example(text="date: \u2028\u2028\u2028*x")  # an alias after YAML-only line breaks
def test_any_text_as_release_yaml_is_read_or_reported(text: str) -> None:
    read_release_file("release.yaml", text)


@PROPERTY
@given(raw=st.binary() | mutations_of(RELEASE_YAML).map(lambda t: t.encode("utf-8")))
@example(raw=b"date: 2021-03-15T14:00:00+01:00\ntype: \xff\n")
@example(raw=b"\xef\xbb\xbf" + RELEASE_YAML.encode("utf-8"))
@example(raw=RELEASE_YAML.encode("utf-16"))
def test_any_bytes_as_release_yaml_are_read_or_reported(raw: bytes) -> None:
    read_release_file("release.yaml", raw)


@PROPERTY
@given(
    text=st.text()
    | mutations_of(ENGLISH)
    | st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", yaml_like, st.text())
)
@example(text="---\ntitle: A\ndateline: B\nx: " + "[" * 500 + "]" * 500 + "\n---\nBody\n")
@example(text="---\ntitle: A\ndateline: B\x1b\n---\nBody\n")
@example(text="---\r\ntitle: A\r\ndateline: B\r\n---\r\n\r\n")
@example(text="---\n\r\r\r\r\r\r'\n---\nBody\n")
def test_any_text_as_a_language_file_is_read_or_reported(text: str) -> None:
    read_release_file("en.md", text)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
FRONT_MATTER_KEYS = ("title", "dateline", "summary", "image", "contacts", "translated_from")
front_matter = st.dictionaries(
    st.sampled_from(FRONT_MATTER_KEYS) | st.text(max_size=12), yaml_values, max_size=6
)


@PROPERTY
@given(values=front_matter, body=st.text())
@example(
    values={"title": "A", "dateline": "B", "contacts": [{"name": "x", "name ": "y"}]}, body="x"
)
@example(values={"title": "A", "dateline": "B", "image": {"caption": ["x"]}}, body="x")
@example(values={"title": "A\u2028\u2028\u2028\u2028", "dateline": [[[[]]]]}, body="x")
def test_any_front_matter_is_read_or_reported(values: dict[str, Any], body: str) -> None:
    text = "---\n" + yaml.safe_dump(values, allow_unicode=True) + "---\n" + body
    read_release_file("en.md", text)


# PyYAML's emitter writes U+0085, U+2028 and U+2029 raw, and YAML 1.1 reads them as line breaks
# folded into a space: a YAML round trip, not ours to test, so they are left out of the text.
# Control characters other than tab and line breaks are refused in every field (see the
# property after this one), and so are the non-characters U+FFFE and U+FFFF and a direction
# override or isolate left open: valid text leaves them all out.
NON_CHARACTERS = "".join(map(chr, range(0xFDD0, 0xFDF0))) + "".join(
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
)
REFUSED = NON_CHARACTERS + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
one_line_text = (
    st.text(
        st.characters(
            exclude_characters="\x85\u2028\u2029" + REFUSED, exclude_categories=["Cs", "Cc"]
        )
    )
    .map(str.strip)
    .filter(lambda text: any(unicodedata.category(c) not in UNSEEN for c in text))
)
UNSEEN = ("Zs", "Zl", "Zp", "Cc", "Cf")  # a title of these alone prints as nothing
# Without "<" and "[" no body holds a link or an image (Markdown or HTML), so none can name a
# file missing from the release folder: that refusal is right, and tested on its own.
# (Drawn as a list of characters: `st.text` of this alphabet gave a line break to 7 bodies
# in 200, a list joined gives two or more to half of them.)
body_text = (
    st.lists(
        st.characters(exclude_characters=REFUSED + "<[", exclude_categories=["Cs", "Cc"])
        | st.sampled_from("\n\t"),
        max_size=400,
    )
    .map("".join)
    .filter(lambda body: any(unicodedata.category(c)[0] in "LNS" for c in html.unescape(body)))
)  # a body that shows no letter, digit or symbol is refused


@PROPERTY
@given(title=one_line_text, dateline=one_line_text, body=body_text)
@example(title="A headline: with a colon", dateline="New York/Genève", body="Body.")
@example(title="---", dateline="...", body="---\nBody.\n")
@example(title="yes", dateline="2021-03-15", body="# Not front matter\n---\n")
@example(title="123", dateline="~", body="\ufeffBody")
def test_valid_language_file_reads_back_its_title(title: str, dateline: str, body: str) -> None:
    front = yaml.safe_dump({"title": title, "dateline": dateline}, allow_unicode=True)
    site, problems = read_release_file("en.md", f"---\n{front}---\n{body}")
    assert site is not None, [str(p) for p in problems]
    (release,) = site.releases
    english = release.translations["en"]
    assert (english.title, english.dateline) == (title, dateline)
    assert english.body == body.strip("\n") + "\n"


# The contract's release id, written out again rather than taken from the code under test.
VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
folder_names = (
    st.text(st.characters(exclude_characters="/\x00", exclude_categories=["Cs"]), max_size=40)
    .filter(lambda name: name and not name.startswith("."))
    .filter(lambda name: len(name.encode("utf-8")) < 200)
)


@settings(max_examples=100, deadline=None)
@given(
    name=folder_names
    # a file name holds at most 255 bytes: longer ones cannot even be created for the test
    | st.from_regex(VALID_ID, fullmatch=True).filter(lambda name: len(name) < 200)
)
@example(name="Press_Release")
@example(name="a\nb")
@example(name="press\n")  # was accepted: `$` in the id pattern matches before a final newline
@example(name="press-release")
@example(name="a" * 100)
@example(name="a" * 101)  # its files' names could pass the 255 bytes a file system allows
def test_release_id_is_checked_before_its_folder_is_read(name: str) -> None:
    folder = f"releases/{name}"
    with site_with({f"{folder}/release.yaml": "{", f"{folder}/en.md": ""}) as root:
        _, problems = read(root)
    if VALID_ID.fullmatch(name) and len(name) <= 100:
        assert {p.path for p in problems} == {f"{folder}/release.yaml", f"{folder}/en.md"}
    else:
        assert [(p.path, p.line) for p in problems] == [(folder, None)]
        assert (
            "is not a valid release id" in problems[0].message
            or "expected a release id of at most 100" in problems[0].message
        )


TOML_PIECES = (
    *("[site]", "[site.title]", "[topics]", "[regions]", "[types]", "[feeds]", "[[site]]"),
    *("base_url", "default_language", "languages", "length", "title", "publisher", "en"),
    *(" = ", "=", "\n", '"', "'", '"""', "[", "]", "{", "}", ",", "#", ".", "\\", "\t"),
    *('"https://news.example.org/"', '"http://[::1"', '"ftp://x"', '["en", "fr"]', "0", "1e3"),
    *('"xx"', '"en_US"', '"fr"', "true", "1979-05-27T07:32:00Z", "\r\n", "\x00", "é"),
)
toml_like = st.lists(
    st.sampled_from(TOML_PIECES) | st.text(max_size=3), min_size=1, max_size=30
).map("".join)


@PROPERTY
@given(text=st.text() | toml_like | mutations_of(MINIMAL_CONFIG))
@example(text=MINIMAL_CONFIG.replace("https://news.example.org/", "http://[::1"))  # ValueError
@example(text="x = " + "[" * 2000 + "]" * 2000)  # RecursionError
@example(text='[site]\nlanguages = ["en", "x y", ""]\ndefault_language = 5\n')
@example(text='[site]\ntitle = {en = 5}\n[types]\n"a\\nb" = "x"\n')
def test_any_text_as_configuration_is_read_or_reported(text: str) -> None:
    with site_with({"pressgen.toml": text}) as root:
        site, problems = read(root)
    assert site is not None or any(p.path == "pressgen.toml" for p in problems)


@PROPERTY
@given(
    before=one_line_text,
    control=st.characters(categories=["Cc"], exclude_characters="\t\n\r\x85"),
    field=st.sampled_from(("title", "dateline", "body")),
)
def test_a_control_character_in_any_field_is_reported_on_its_line(
    before: str, control: str, field: str
) -> None:
    values = {"title": "Headline", "dateline": "Geneva", "body": "Body."}
    values[field] = before + control
    front = yaml.safe_dump(
        {"title": values["title"], "dateline": values["dateline"]}, allow_unicode=True
    )
    site, problems = read_release_file("en.md", f"---\n{front}---\n{values['body']}\n")
    assert site is None
    assert [p.field for p in problems] == [field]
    assert f"U+{ord(control):04X}" in problems[0].message


@pytest.mark.parametrize(
    ("front", "field", "shown"),
    [
        ('title: "Emoji \\ud83d\\ude00"', "title", "U+D83D, half of a character"),
        ('title: "Lone \\ud800"', "title", "U+D800, half of a character"),
        ('dateline: "Not \\uffff"', "dateline", "U+FFFF, which is not a character"),
    ],
)
def test_a_field_escaping_what_no_text_may_hold_is_reported(
    front: str, field: str, shown: str
) -> None:
    """Halves of UTF-16 pairs cannot be written as UTF-8, and XML (feeds, ninjs) refuses
    U+FFFE and U+FFFF: each made the build stop with an internal error."""
    lines = {"title": "title: Headline", "dateline": "dateline: Geneva", front.split(":")[0]: front}
    site, problems = read_release_file("en.md", "---\n" + "\n".join(lines.values()) + "\n---\nB.\n")
    assert site is None and [p.field for p in problems] == [field]
    assert shown in problems[0].message and problems[0].line is not None


@pytest.mark.parametrize("character", ["\ufffe", "\ufdd0", "\U0010ffff"])
def test_a_non_character_in_a_body_is_reported_on_its_line(character: str) -> None:
    """All 66 of Unicode's non-characters, not only the two XML refuses: U+FDD0 was
    published as it was while U+FFFE was refused."""
    site, problems = read_release_file(
        "en.md", f"---\ntitle: T\ndateline: G\n---\nA.\n\nB {character}.\n"
    )
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 7)]
    assert f"U+{ord(character):04X}, which is not a character" in problems[0].message


def test_a_direction_override_left_open_in_a_body_paragraph_is_reported() -> None:
    """Closed within its paragraph it is the writer's choice; left open, it turns the rest
    of the paragraph around."""
    body = "A \u202eclosed\u202c one.\n\nB \u2067isolate\nover two lines\u2069.\n\nC \u202eopen.\n"
    site, problems = read_release_file("en.md", "---\ntitle: T\ndateline: G\n---\n" + body)
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 10)]
    assert "opens a text direction with U+202E and never closes it" in problems[0].message


# The nesting limit of bodies: found by a search that looks only at lines that could pass
# it, so it must agree with the rule read line by line.
NESTING_PIECES = ("\n", "\n\n", " ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "12) ")
nesting_bodies = st.lists(
    st.sampled_from((*NESTING_PIECES, "[", "]", "a", "word ", "-", "1.")), max_size=120
).map("".join)


def nesting_by_the_rule(body: str) -> int | None:
    """The first line (from 1) that opens more levels of lists and quotes than the limit,
    or more brackets at once in its paragraph, closed after or not; None if none does."""
    from pressgen.read.limits import MAX_NESTING, _line_depth

    brackets = 0
    for number, line in enumerate(body.split("\n"), start=1):
        brackets = 0 if not line.strip() else brackets
        deepest = brackets
        for character in line:
            if character in "[]":
                brackets = brackets + 1 if character == "[" else max(0, brackets - 1)
                deepest = max(deepest, brackets)
        if max(_line_depth(line), deepest) > MAX_NESTING:
            return number
    return None


@settings(max_examples=400, deadline=None)
@example(lead=">" * 17, body="a", brackets=0)  # the fewest characters 17 levels take
@example(lead="\t" * 17, body="a", brackets=0)
@example(lead=" " * 68, body="a", brackets=0)
@example(lead=">" * 16, body="a", brackets=17)
@example(lead="- ", body="[ " * 17 + "x" + " ]" * 17, brackets=0)  # closed on its line (h126)
@given(
    lead=st.lists(st.sampled_from(NESTING_PIECES[2:]), min_size=10, max_size=25).map("".join),
    body=nesting_bodies,
    brackets=st.integers(min_value=0, max_value=25),
)
def test_a_body_nested_too_deep_is_found_on_its_first_such_line(
    lead: str, body: str, brackets: int
) -> None:
    from pressgen.read.limits import body_problems

    text = body + "\n" + lead + body + "\n" + "[" * brackets
    found = [line for line, message in body_problems(text, 1) if "lists, quotes" in message]
    expected = nesting_by_the_rule(text)
    assert found == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    "body",
    [
        "```\nx = " + "[" * 18 + "1" + "]" * 18 + "\n```\n",
        "Code `" + "[" * 18 + "1" + "]" * 18 + "` here.\n",
        "\\[ " * 20 + "x\n",
    ],
)
def test_brackets_in_code_or_escaped_are_no_nesting(body: str) -> None:
    """Counted one by one (4aad9a3), a nested list in a code block was refused (h130):
    Markdown reads no link in code, nor in an escaped bracket."""
    from pressgen.read.limits import body_problems

    assert [m for _, m in body_problems(body, 1) if "lists, quotes" in m] == []


def _never_held(character: str) -> bool:
    """What no text may hold, as the README puts it, one character at a time."""
    code = ord(character)
    control = (code < 0x20 and character not in "\t\n\r") or 0x7F <= code <= 0x9F
    return control or 0xD800 <= code <= 0xDFFF or character in NON_CHARACTERS


@PROPERTY
@given(
    st.lists(  # (`st.text` of this alphabet draws none of the sampled characters)
        st.one_of(
            st.characters(),
            st.sampled_from(NON_CHARACTERS + "\U0001f600\U0002a6d6\U0010fffd\ud83d"),
        )
    ).map("".join)
)
def test_the_first_character_no_text_may_hold_is_the_one_reported(text: str) -> None:
    """Emoji and other characters past the first plane are kept; its non-characters and
    those of every plane are found, the first one first."""
    first = next((character for character in text if _never_held(character)), None)
    found = control_character(text)
    if first is None:
        assert found is None
    else:
        assert found is not None
        assert re.findall(r"U\+[0-9A-F]+", found)[0] == f"U+{ord(first):04X}"


@pytest.mark.parametrize("mark", ["*", "_", "**", "*_"])
def test_emphasis_nested_too_deep_is_a_problem_on_its_line(mark: str) -> None:
    """A thousand nested emphases made the build stop with an internal error
    (RecursionError) where lists, quotes and brackets nested as deep are found by `check`."""
    hostile = (mark + "a ") * 1000 + "b" + (" a" + mark[::-1]) * 1000
    site, problems = read_release_file(
        "en.md", f"---\ntitle: T\ndateline: G\n---\nFirst.\n\n{hostile}\n"
    )
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 7)]
    assert "emphasis" in problems[0].message


@pytest.mark.parametrize(
    "body",
    [
        "***Very*** **bold** and *light* text, _under_ and __over__.",
        "snake_case_name_with_many_parts_a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r_s_t_u_v_w",
        "2 * 3 * 4 * 5 * 6 * 7 * 8 * 9 * 10 * 11 * 12 * 13 * 14 * 15 * 16 * 17 * 18 * 19",
        "Note*" * 20 + "\n\n" + "*a " * 10 + "b" + " a*" * 10,
        # emphases never closed: footnote marks, code, addresses, file patterns, handles
        "Revenue*.\n*Unaudited.\n**Excl.\n***FX.\n****Tax.\n*****Group.\n******Est.",
        "def f(*args, **kwargs):\n" * 20,
        "- [Photo](https://acme.sharepoint.com/sites/press/_layouts/15/p.jpg)\n" * 20,
        "Accepted: " + "*.jpg, " * 20 + "\n" + "@_user1, " * 20 + "\n" + "第1项。*注1\n" * 20,
    ],
)
def test_ordinary_emphasis_and_asterisks_are_not_too_deep(body: str) -> None:
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{body}\n")
    assert site is not None, [str(p) for p in problems]


def test_links_in_angle_brackets_are_not_html_elements() -> None:
    """`<https://…>` and `<press@iom.int>` are Markdown's links, not tags left open: a
    list of twenty of them was refused as HTML nested more than 16 levels deep."""
    links = "\n".join(f"- <https://www.iom.int/p{i}> or <press{i}@iom.int>" for i in range(20))
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{links}\n")
    assert site is not None, [str(p) for p in problems]
    deep = "<div>" * 17 + "x" + "</div>" * 17
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n\n{deep}\n")
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 6)]
    assert "HTML elements" in problems[0].message


def test_definitions_nested_too_deep_are_a_problem_on_their_line() -> None:
    """Python-Markdown puts what follows a definition in its block inside it: a thousand
    terms written without blank lines stopped the build with an internal error
    (RecursionError) where `check` said all was well."""
    terms = "".join(f"Term {n}\n: Definition {n}\n" for n in range(1000))
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{terms}\n")
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 6 + 2 * 16)]
    assert "definition lists" in problems[0].message
    assert "blank line" in problems[0].message


@pytest.mark.parametrize(
    "glossary",
    [
        "".join(f"Term {n}\n: Definition {n}\n\n" for n in range(40)),
        "".join(f"Term {n}\n:   Definition {n}\n    more of it\n" for n in range(40)),
        "".join(f"Term {n}\n: Definition {n}\n" for n in range(16)),
    ],
)
def test_definition_lists_as_they_are_written_are_not_too_deep(glossary: str) -> None:
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{glossary}\n")
    assert site is not None, [str(p) for p in problems]
    body_html(glossary, str)  # converts


@pytest.mark.parametrize(
    ("lines", "at"),  # lines repeated, and which of them is the break
    [
        ("***\n", 0),
        ("- - -\n", 0),
        ("Title\n=====\n", 1),
        ("Title\n-----\n", 1),
        ("Term\n:   Its definition\n    and more of it\n", 1),
        ("## Heading\nSome text under it.\n", 0),
        ("*[IOM]: International Organization for Migration\nText.\n", 0),
        ("> ***\n", 0),
        (">\t***\n", 0),  # a tab after the quote mark (114 s to convert 33,000)
        ("- item\n    ***\n", 1),  # read again inside the list item
        ("Term\n:   definition\n    text\n", 1),  # each term's definition counts
        ("## Heading\n", 0),
        (" # a\n", 0),
        ("*[UN]: United Nations\n", 0),
    ],
)
def test_a_block_crowded_with_breaks_is_a_problem_on_the_line_past_the_limit(
    lines: str, at: int
) -> None:
    """Each heading, rule, underline or definition gives the rest of its block back to be
    searched again: 30,000 rules in one block took 90 s to convert."""
    from pressgen.read.limits import MAX_BREAKS

    crowded = lines * 1000
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{crowded}\n")
    assert site is None
    assert [(p.field, p.line) for p in problems] == [
        ("body", 5 + MAX_BREAKS * lines.count("\n") + at)  # the body starts on line 5
    ]
    assert "blank line before and after each" in problems[0].message


@pytest.mark.parametrize(
    "body",
    [
        "## Heading\n" * 100 + "\n" + "*[UN]: United Nations\n" * 100,
        "Text.\n\n" + "***\n\n" * 5000,  # rules in blocks of their own
        "> Text.\n>\n" + "> ***\n>\n" * 3000,
        "".join(f"## Part {n}\n\nText of part {n}.\n\n" for n in range(3000)),
        "- item\n" * 5000 + "| a | b |\n|---|---|\n" + "| c | d |\n" * 400,
    ],
)
def test_breaks_with_blank_lines_between_them_are_not_crowded(body: str) -> None:
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{body}\n")
    assert site is not None, [str(p) for p in problems]


@pytest.mark.parametrize(
    "table",
    [
        "| Year | Cases |\n|---|---|\n" + "| 2024 | 12 |\n" * 2500,
        "Year | Cases\n--- | ---\n" + "2024 | 12\n" * 2500,
        "<table>\n" + "<tr><td>2024</td><td>12</td></tr>\n" * 2500 + "</table>\n",
        "<TABLE>\n" + "<TR><TD>2024</TD><TD>12</TD></TR>\n" * 2500 + "</TABLE>\n",
        # after its rule, every line of the block is a row (90,000 took a build 328 s)
        "Year | Cases\n--- | ---\n" + "2024\n" * 2500,
        "> | Year | Cases |\n> |---|---|\n" + "> | 2024 | 12 |\n" * 2500,
    ],
)
def test_a_table_of_thousands_of_rows_is_a_problem_on_the_row_past_the_limit(table: str) -> None:
    """Each cell costs the PDF about 3 ms to typeset: 30,000 rows (within the body's size
    limit) took a build 90 s."""
    from pressgen.read.limits import MAX_TABLE_CELLS

    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{table}\n")
    assert site is None
    # the body starts on line 5; the header or <table> line comes first, two cells a row
    row = 5 + MAX_TABLE_CELLS // 2 + 1
    assert [(p.field, p.line) for p in problems] == [("body", row)]
    assert "table cells" in problems[0].message


@pytest.mark.parametrize(
    ("quote", "rule"), [("", "|" + "---|" * 100), ("> ", " | ".join(["---"] * 100))]
)
def test_a_wide_table_is_a_problem_on_the_row_past_the_cell_limit(quote: str, rule: str) -> None:
    """A table of 100 columns and 100 rows took one PDF 3 minutes to typeset: a row of a
    Markdown table holds as many cells as its rule has columns, though it is written with
    fewer."""
    lines = ["|" + "Year|" * 100, rule, *["2024 | 12"] * 20]
    table = "".join(f"{quote}{line}\n" for line in lines)
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{table}\n")
    assert site is None
    assert [(p.field, p.line) for p in problems] == [("body", 16)]  # header and 9 rows: 1,000


def test_tables_within_the_limit_are_read() -> None:
    """Two tables of 500 and 498 cells and one of 2: 1,000 together."""
    table = "| Year | Cases |\n|---|---|\n" + "| 2024 | 12 |\n" * 249
    html = "<table><tr><th>Year</th><td>12</td></tr></table>"
    table = f"{table}\n{html}\n\n{table[:-14]}"
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{table}\n")
    assert site is not None, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Bell &#x7; here.", "U+0007"),
        ("A form feed &#12 here.", "U+000C"),
        ("An escape &#x1B; here.", "U+001B"),
        ("Not a character: &#xFFFE;", "U+FFFE"),
        ("Not one either: &#xFDD0;", "U+FDD0"),
        ("Unassigned in Windows-1252: &#x81;", "U+0081"),
    ],
)
def test_a_character_reference_to_what_no_text_may_hold_is_a_problem_on_its_line(
    written: str, code: str
) -> None:
    """The sanitiser turns references into the characters: a bell written `&#x7;` passed
    `check`, then stopped the build in the feeds' XML with an internal error (h81)."""
    site, problems = read_release_file(
        "en.md", f"---\ntitle: T\ndateline: G\n---\nFirst.\n\n{written}\n"
    )
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 7)]
    assert code in problems[0].message and "character reference" in problems[0].message


def test_a_direction_override_written_as_a_reference_must_be_closed_too() -> None:
    site, problems = read_release_file(
        "en.md", "---\ntitle: T\ndateline: G\n---\nFirst.\n\nName &#x202E;reversed\n"
    )
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 7)]
    assert "U+202E" in problems[0].message


@pytest.mark.parametrize("written", ["&#8211; &#x2014; &#150; &#169; &#10; &#x0A; &#9; &#x1F600;"])
def test_character_references_to_characters_text_may_hold_are_read(written: str) -> None:
    """A dash by its number, a line feed, a tab, Windows-1252's numbers (`&#150;` is a
    dash) are fine."""
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{written}\n")
    assert site is not None, [str(p) for p in problems]


@pytest.mark.parametrize("written", ["&#0;", "&#x00000;", "&#xD800;", "&#99999999;", "&#x110000;"])
def test_a_reference_to_no_character_is_refused(written: str) -> None:
    """HTML reads it as "�", which the page showed where the writer meant something else
    (h126); named as written, not as a character it never was (h130)."""
    site, problems = read_release_file(
        "en.md", f"---\ntitle: T\ndateline: G\n---\nFirst.\n\nA {written} B\n"
    )
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 7)]
    assert problems[0].message == (
        f"holds the character reference {written}, which names no character: a page would "
        "show '�' there; remove it"
    )


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Bell here: &#x0000000007; end.", "U+0007"),  # leading zeros (exit 3, h82)
        ("Bell here: &#000000000007; end.", "U+0007"),
        ("Override: &#x00000000202E; gnirts.", "U+202E"),
    ],
)
def test_a_reference_written_with_leading_zeros_is_read_as_html_reads_it(
    written: str, code: str
) -> None:
    site, problems = read_release_file(
        "en.md", f"---\ntitle: T\ndateline: G\n---\nFirst.\n\n{written}\n"
    )
    assert site is None and [(p.field, p.line) for p in problems] == [("body", 7)]
    assert code in problems[0].message


def test_a_reference_in_code_is_shown_as_written_and_not_refused() -> None:
    """`&#x202E;` in a code span is shown as those eight characters (h82)."""
    body = "Attackers hid `&#x202E;` in file names, and ``&#x7;`` rings a bell.\n"
    site, problems = read_release_file("en.md", f"---\ntitle: T\ndateline: G\n---\n{body}")
    assert site is not None, [str(p) for p in problems]
    assert "&amp;#x202E;" in body_html(body, str)


ADDRESS_PARTS = (
    "../", "./", "/", "\\", "..\\", "en/", "fr/", "media/", "zebu", "-", "embargo", "Zebu",
    "%7A", "%2F", "?q=/zebu", "#/zebu", "\t", "\n", "https://news.example.org/",
    "//news.example.org/", "http://news.example.org/", "https://elsewhere.example.com/",
    "mailto:", "index.html", "..", ".", "NEWS.example.org.:443/", "%2e%2e/", "//", "\\-",
    "\uff45", "user@", "?next=/", "#", "%2E", "&",
)  # fmt: skip


@PROPERTY
@given(st.lists(st.sampled_from(ADDRESS_PARTS), max_size=12).map("".join))
def test_every_release_a_link_may_name_is_among_the_bodys_path_words(address: str) -> None:
    """A body's key follows the releases its links may name by its path words (the cache
    keeps them without the body): a release a link names that is not among them would
    keep its link, and its address, while under embargo."""
    named = set(path_words(address))
    for body in (f"See [this]({address}).\n", f'<a href="{address}">this</a>\n'):
        assert leads_to(named - set(path_words(body)), address) is False, body


# The words that begin an address, as one pattern tried at every character finds them
_STARTS = re.compile(r"""(?:^|(?<=[\s(\[<"'=:]))([a-z0-9]+(?:-[a-z0-9]+)*)(?=[/;?#])""")


@PROPERTY
@given(
    st.lists(
        st.sampled_from((*ADDRESS_PARTS, " ", "(", "[", "<", '"', "'", ":", ";", "ab-c", "z" * 60)),
        max_size=16,
    ).map("".join)
)
def test_the_words_that_begin_an_address_are_those_a_pattern_finds(text: str) -> None:
    """`path_words` finds the words that begin an address from the signs around them: the
    same words, up to an id's longest, as a pattern tried at every character."""
    text = text.lower()
    expected = {word for word in _STARTS.findall(text) if len(word) <= MAX_ID_LENGTH}
    assert set(_starts(text)) == expected


@pytest.mark.parametrize(
    "address",
    [
        "../zebu/",
        "../../fr/zebu/index.html",
        "../../media/zebu/photo.jpg",
        "/newsroom/en/zebu/",
        "/en/zebu/",
        "https://news%2Eexample\u3002org/newsroom/en/zebu/",
        "https://elsewhere.example.com/newsroom/en/zebu/",  # a copy of the site, say
        "https://elsewhere.example.com/?next=/en/zebu/",
        "%2e%2e/ZEBU/",
        "..\\zebu\\",
        "zebu/",  # h95: these slips kept their links
        "/zebu/",
        "/en/zebu.html",
        "/en/zebu;jsessionid=1/",
        "..&#47;z&#101;bu/",
    ],
)
def test_a_link_that_names_a_release_anywhere_in_its_path_leads_to_it(address: str) -> None:
    assert leads_to({"zebu"}, address), address


@pytest.mark.parametrize("address", ["zebu", "../zebu-two/", "zebu.pdf", "#top", "mailto:a@b.org"])
def test_a_link_that_names_no_release_leads_to_none(address: str) -> None:
    """`zebu` and `zebu.pdf` are files of the release's own folder (`check` refuses others)."""
    assert not leads_to({"zebu"}, address)
