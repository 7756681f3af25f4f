"""The YAML mistakes press officers make, reported in words they can act on, on the right line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pressgen.cli import main

from .conftest import RELEASE_YAML, SiteWriter

MD = "releases/first-release/en.md"
YAML = "releases/first-release/release.yaml"


def front_matter(*lines: str) -> str:
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\nBody.\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {MD: front_matter("title: Sudan crisis: IOM appeals", "dateline: Geneva")},
            f'{MD}:2: title: put the title in quotes: title: "Sudan crisis: IOM appeals" '
            "(a colon followed by a space starts a new key in YAML)",
            id="colon-in-title",
        ),
        pytest.param(  # Word's quotes are text to YAML: the advice kept them (h138)
            {MD: front_matter("title: \u201cSudan: IOM appeals\u201d", "dateline: Geneva")},
            f"{MD}:2: title: put the title in straight quotes, not a word processor's "
            '\u201c\u201d: title: "Sudan: IOM appeals" '
            "(a colon followed by a space starts a new key in YAML)",
            id="colon-in-a-title-in-curly-quotes",
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A", "dateline: Geneva", "contacts:", "  - name: Gerard: Laurence"
                )
            },
            f'{MD}:5: name: put the name in quotes: name: "Gerard: Laurence" '
            "(a colon followed by a space starts a new key in YAML)",
            id="colon-in-a-contact",
        ),
        pytest.param(  # "expected <block end>, but found '<block sequence start>'" (h100)
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Laurence Gerard",
                    "    email: gerardl@un.org",
                    " - name: Amy Pope",
                )
            },
            f"{MD}:7: this list item ('- ') is indented differently from the one above it; "
            "start each '- ' of a list in the same column",
            id="a-list-item-one-space-off",
        ),
        pytest.param(  # a line's end to YAML, which blamed the next line (h100)
            {MD: front_matter("title: A\u2028headline", "dateline: Geneva")},
            f"{MD}:2: title: holds an invisible line separator (U+2028), which YAML reads as "
            "the end of a line: delete it, or type the line again",
            id="line-separator",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva # the city\x85and no more")},
            f"{MD}:3: dateline: holds an invisible next line (U+0085), which YAML reads as the "
            "end of a line: delete it, or type the line again",
            id="next-line-in-a-comment",
        ),
        pytest.param(
            {MD: front_matter("title: A", "\tdateline: Geneva")},
            f"{MD}:3: indent with spaces, not tabs (this line has a tab before its text)",
            id="tab",
        ),
        pytest.param(
            {MD: front_matter("title: Join #WorldRefugeeDay", "dateline: Geneva")},
            f"{MD}:2: title: the text after ' #' is read as a comment and left out, so the "
            "title would be 'Join'; put the title in quotes: title: \"Join #WorldRefugeeDay\"",
            id="hash-cuts-the-title",
        ),
        pytest.param(
            {MD: front_matter("title: 'IOM appeals", "dateline: Geneva")},
            f"{MD}:2: title: the quote ' that opens this value is never closed; "
            "end the value with ' on the same line",
            id="unclosed-quote",
        ),
        pytest.param(
            {MD: front_matter('title: "IOM appeals', "dateline: Geneva", "summary: It's urgent")},
            f'{MD}:2: title: the quote " that opens this value is never closed; '
            'end the value with " on the same line',
            id="unclosed-double-quote",
        ),
        pytest.param(
            {MD: front_matter("title: 'IOM appeals", "dateline: Geneva", "summary: It's urgent")},
            f"{MD}:2: title: the quote ' that opens this value is never closed on its line, "
            "so YAML reads on to the ' on line 4; end the value with '",
            id="unclosed-quote-closed-by-an-apostrophe",
        ),
        pytest.param(
            {MD: front_matter("title: 'L'OIM appelle'", "dateline: Genève")},
            f"{MD}:2: title: the value starts with a quote, so YAML ends it where that quote "
            'closes; put the title in quotes: title: "L\'OIM appelle"',
            id="apostrophe-inside-single-quotes",
        ),
        pytest.param(
            {MD: front_matter("title: 'We will stay', says IOM", "dateline: Geneva")},
            f"{MD}:2: title: the value starts with a quote, so YAML ends it where that quote "
            "closes; put the title in quotes: title: \"'We will stay', says IOM\"",
            id="a-quotation-then-a-comma",  # was "expected <block end>, but found ','"
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", 'summary: "Home", a camp')},
            f"{MD}:4: summary: the value starts with a quote, so YAML ends it where that quote "
            "closes; put the summary in quotes: summary: '\"Home\", a camp'",
            id="a-quotation-then-a-comma-below-the-first-key",
        ),
        pytest.param(
            {MD: front_matter('title: "Home", a camp, "shelter"', "dateline: Geneva")},
            f"{MD}:2: title: the value starts with a quote, so YAML ends it where that quote "
            'closes; put the title in quotes: title: \'"Home", a camp, "shelter"\'',
            id="a-value-that-starts-and-ends-with-a-quotation",  # lost both quotes
        ),
        pytest.param(
            {MD: front_matter("title: @IOM appeals", "dateline: Geneva")},
            f"{MD}:2: title: a value cannot start with '@'; put the title in quotes: "
            'title: "@IOM appeals"',
            id="at-sign",
        ),
        pytest.param(
            {MD: front_matter("title: [Update] IOM appeals", "dateline: Geneva")},
            f"{MD}:2: title: the value starts with '[', which YAML reads as a list; "
            'put the title in quotes: title: "[Update] IOM appeals"',
            id="bracket-then-text",
        ),
        pytest.param(
            {MD: front_matter("title:", "  - IOM appeals", "dateline: Geneva")},
            f"{MD}:3: title: is a list, expected text; if the brackets or the '- ' are part "
            "of the text, put the whole value in quotes",
            id="list-for-title",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts: Laurence Gerard")},
            f"{MD}:4: contacts: is one text ('Laurence Gerard'), expected a list of contacts "
            "(name, email, phone, org), each on a line of its own under this key, starting "
            "with '  - '",
            id="text-for-contacts",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts:", "  name: L. Gerard")},
            f"{MD}:5: contacts: is a single entry, expected a list of contacts (name, email, "
            "phone, org): put '- ' before its first key",
            id="one-contact-without-dash",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts:", "  - L. Gerard")},
            f"{MD}:5: contacts: is one text ('L. Gerard'), expected a list of key: value pairs",
            id="contact-as-text",
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "status: published\ncorrections:\n  - date: 2024-05-02T10:00:00+02:00\n"
                "    note: The figures were corrected.\n"
            },
            f"{YAML}:7: corrections.note: is one text ('The figures were corrected.'), "
            "expected a note per language, each on a line of its own: "
            "'en: The figures were corrected.'",
            id="one-note-for-all-languages",
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "status: published\ncorrections:\n  - date: 2024-05-02T10:00:00+02:00\n"
                "    note:\n      en: Correction: the figures were wrong.\n"
            },
            f'{YAML}:8: en: put the note in quotes: en: "Correction: the figures were wrong." '
            "(a colon followed by a space starts a new key in YAML)",
            id="a-colon-in-a-correction-note",  # was "put the en in quotes"
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "regions: [global]\nstatus:published\n"
            },
            f"{YAML}:5: status: put a space after the colon: status: published",
            id="no-space-after-the-colon",
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "regions: [global\nstatus: published\n"
            },
            f"{YAML}:4: regions: the '[' on this line is never closed; end the list on the "
            "same line, e.g. regions: [a, b]",
            id="bracket-never-closed",
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Jane",
                    "   email: jane@example.org",
                )
            },
            f"{MD}:6: 'email:' is indented differently from the key above it; start the keys "
            "of one item at the same column (e.g. '  - name: ...' then '    email: ...')",
            id="contact-key-indented-one-space-short",
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Jane Doe",
                    "  email: jdoe@example.org",
                )
            },
            f"{MD}:6: 'email:' is lined up with the '-' of the item above it; indent it 2 "
            "spaces more, to line up with 'name:' (the key after the '-')",
            id="contact-key-lined-up-with-the-dash",  # was "invalid YAML: expected <block
        ),  # end>, but found '?' (while parsing a block collection started on line 5)"
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Jane Doe",
                    "    email: jdoe@example.org",
                    "  -   name: Ann Lee",
                    "      email: alee@example.org",
                    "  phone: +41 22 717 9111",
                )
            },
            f"{MD}:9: 'phone:' is lined up with the '-' of the item above it; indent it 4 "
            "spaces more, to line up with 'name:' (the key after the '-')",
            id="second-contact-key-lined-up-with-the-dash",
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "status: published\ncorrections:\n  - date: 2024-05-02T10:00:00+02:00\n"
                "  note:\n      en: The figures were corrected.\n"
            },
            f"{YAML}:7: 'note:' is lined up with the '-' of the item above it; indent it 2 "
            "spaces more, to line up with 'date:' (the key after the '-')",
            id="correction-note-lined-up-with-the-dash",  # was "expected <block end>, ..."
        ),
        pytest.param(
            {MD: front_matter('title:"Sudan crisis: IOM appeals"', "dateline: Geneva")},
            f"{MD}:2: title:\"Sudan crisis: 'title:\"Sudan crisis' is read as one key because "
            "'title:' has no space after the colon; write 'title: ' and then the value",
            id="no-space-after-title",
        ),
        pytest.param(
            {
                MD: front_matter(
                    'title: "IOM appeals',
                    "dateline: Geneva",
                    "image_alt: A road",
                    'caption: "IOM staff" at the border',
                )
            },
            f'{MD}:2: title: the quote " that opens this value is never closed on its line, '
            'so YAML reads on to the " on line 5; end the value with "',
            id="unclosed-quote-closed-by-a-later-value",  # was blamed on the caption
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype press-release\noriginal: en\n"
                "regions: [global]\nstatus: published\n"
            },
            f"{YAML}:2: type: put a colon after the key: type: press-release",
            id="no-colon-after-the-key",  # PyYAML's "could not find expected ':'"
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "status: published\nembargo 2024-05-01T09:00 Europe/Geneva\n"
            },
            f"{YAML}:5: embargo: put a colon after the key: embargo: 2024-05-01T09:00 "
            "Europe/Geneva",
            id="no-colon-after-a-key-whose-value-has-colons",  # was "6: invalid YAML: could
        ),  # not find expected ':' (while scanning a simple key started on line 5)"
        pytest.param(
            {
                YAML: "date 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "status: published\n"
            },
            f"{YAML}:1: date: put a colon after the key: date: 2024-05-01T10:00:00+02:00",
            id="no-colon-after-the-first-key",  # was "2: 'type:' is indented further ..."
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "image:",
                    "  caption Workshop in Bangkok, 10:00",
                    "  credit: IOM/2017",
                )
            },
            f"{MD}:5: caption: put a colon after the key: caption: Workshop in Bangkok, 10:00",
            id="no-colon-after-the-first-key-under-another",  # was "6: 'credit:' is indented"
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "regions: [global]\ntopics: health, border-management\nstatus: published\n"
            },
            f"{YAML}:5: topics: is one text with commas, expected a list: "
            "[health, border-management]",
            id="list-without-brackets",  # was "unknown topic 'health, border-management'"
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "regions: [global]\ntopics:\n  - health\n   - border-management\n"
                "status: published\n"
            },
            f"{YAML}:5: topics: 'health - border-management' is read as one item: an item "
            "indented further than the one above joins it; start each '- ' in the same column",
            id="list-item-indented-one-space-more",  # was "unknown topic ..., did you mean"
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "photo: camp.jpg")},
            f"{MD}:4: photo: unknown field 'photo', did you mean 'image'?",
            id="a-field-named-as-newsrooms-do",  # was "expected one of: caption, ..."
        ),
        pytest.param(
            {
                MD: "---\ntitle: Sudan appeal\ndateline: Geneva\n\nIOM today appealed.\n\n"
                "---\n\nNotes to editors.\n"
            },
            f"{MD}:5: is text, but it is read as front matter up to the '---' on line 7: "
            "end the front matter with a '---' line before the text",
            id="front-matter-closed-only-by-a-rule-below",  # was "IOM: invalid YAML ..."
        ),
        pytest.param(
            {MD: "---\ntitle: Sudan appeal\ndateline: Geneva\n\u2014\nIOM today appealed.\n"},
            f"{MD}:4: this line is '\u2014', not '---': a word processor may make a dash of "
            "three hyphens; type '---' to close the front matter",
            id="front-matter-closed-by-a-dash",  # was "1: the front matter is not closed"
        ),
        pytest.param(
            {MD: "\u2014\ntitle: Sudan appeal\ndateline: Geneva\n---\nIOM today appealed.\n"},
            f"{MD}:1: this line is '\u2014', not '---': a word processor may make a dash of "
            "three hyphens; type '---' to open the front matter",
            id="front-matter-opened-by-a-dash",  # was "must start with a '---' line" (h102)
        ),
        pytest.param(
            {MD: front_matter("title：国际移民组织欢迎3个新成员国", "dateline: 日内瓦")},
            f"{MD}:2: title: after 'title' comes the full-width colon '：' (U+FF1A); type the "
            "ordinary colon ':' followed by a space: title: 国际移民组织欢迎3个新成员国",
            id="a-full-width-colon",  # was "dateline: is indented further" on line 3
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "summary: |",
                    "  IOM总干事：we open.",
                    "contacts:",
                    "  - name: Jane Doe",
                    "     email: jdoe@example.org",
                )
            },
            f"{MD}:8: 'email:' is indented further than the key above it, so YAML reads it "
            "as part of that value; start it at the same column as the other keys",
            id="a-full-width-colon-in-a-text-is-no-key",  # was "5: IOM总干事: after ..."
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A", "dateline: Geneva", "contacts:", "  - &ann", "    name: Ann"
                )
            },
            f"{MD}:5: YAML anchors (&name) are not allowed here; remove '&ann'",
            id="an-anchor-on-a-contact",  # was "a value cannot start with ''"
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts:", "  - &ann name: Ann")},
            f"{MD}:5: YAML anchors (&name) are not allowed here; remove '&ann'",
            id="an-anchor-on-a-key",  # was "a value cannot start with 'A'" (h65)
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts: - name: Ann Lee")},
            f"{MD}:4: contacts: a list starts on the line below its key: write 'contacts:' "
            "alone, then each item on a line of its own, e.g. '  - name: Ann Lee'",
            id="a-list-on-its-keys-line",  # was "put the contacts in quotes"
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name Jane Doe",
                    "    email: jdoe@example.org",
                )
            },
            f"{MD}:5: name: put a colon after the key: name: Jane Doe",
            id="a-contact-key-without-its-colon",  # was "6: 'email:' is indented further"
        ),
        pytest.param(
            {MD: front_matter('title: "Line one\\rLine two"', "dateline: Geneva")},
            f"{MD}:2: title: holds a line break (U+000D), expected one line: join the lines",
            id="a-carriage-return-in-a-title",  # published raw in the wire text and <title>
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A", "dateline: Geneva", "contacts:", '  - name: "Rahul\\tMehta"'
                )
            },
            f"{MD}:5: contacts.name: holds a tab (U+0009), expected one line: use a space",
            id="a-tab-in-a-contact-name",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline:\u00a0جنيف")},
            f"{MD}:3: dateline: after 'dateline:' comes a no-break space (U+00A0), which YAML "
            "does not take for a space; type an ordinary space: dateline: جنيف",
            id="a-no-break-space-after-the-colon",  # was "could not find expected ':'"
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Jane Doe",
                    "\u00a0\u00a0\u00a0\u00a0email: jdoe@example.org",
                    "    phone: +41 22 717 9111",
                )
            },
            f"{MD}:6: this line is indented with no-break spaces (U+00A0), which YAML does "
            "not take for spaces (text pasted from Outlook or Word may hold them); type its "
            "indentation again with ordinary spaces",
            id="a-contact-key-indented-with-no-break-spaces",  # was "7: 'phone:' is indented
        ),  # further than the key above it"
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Jane Doe",
                    "  \u00a0\u00a0email: jdoe@example.org",
                )
            },
            f"{MD}:6: this line is indented with no-break spaces (U+00A0), which YAML does "
            "not take for spaces (text pasted from Outlook or Word may hold them); type its "
            "indentation again with ordinary spaces",
            id="a-contact-key-indented-with-spaces-and-no-break-spaces",  # was "invalid YAML"
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Jane Doe",
                    "\u202f\u202f\u202f\u202femail: jdoe@example.org",
                )
            },
            f"{MD}:6: this line is indented with narrow no-break spaces (U+202F), which YAML "
            "does not take for spaces (text pasted from Outlook or Word may hold them); type "
            "its indentation again with ordinary spaces",
            id="the-last-contact-key-indented-with-narrow-no-break-spaces",  # was "unknown
        ),  # field '    email'" among the release's fields
        pytest.param(
            {MD: front_matter("title: A", "\u00a0\u00a0dateline: Geneva")},
            f"{MD}:3: this line is indented with no-break spaces (U+00A0), which YAML does "
            "not take for spaces (text pasted from Outlook or Word may hold them); delete "
            "them: 'dateline:' starts at the beginning of the line, as the keys above it do",
            id="a-key-after-no-break-spaces",  # was also "2: dateline: is missing"
        ),
        pytest.param(
            {
                YAML: "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
                "status: published\ncorrections:\n  - date: 2024-05-02T10:00:00+02:00\n"
                "\u00a0\u00a0\u00a0\u00a0note:\n      en: The figures were corrected.\n"
            },
            f"{YAML}:7: this line is indented with no-break spaces (U+00A0), which YAML does "
            "not take for spaces (text pasted from Outlook or Word may hold them); type its "
            "indentation again with ordinary spaces",
            id="a-correction-note-indented-with-no-break-spaces",
        ),
        pytest.param(
            {MD: front_matter("title: A", "\u200fdateline: جنيف")},
            f"{MD}:3: \u200fdateline: 'dateline' has an invisible character before it, a "
            "right-to-left mark (U+200F): delete it, or type the line again",
            id="a-right-to-left-mark-before-a-key",  # looked like "unknown field 'dateline'"
        ),
        pytest.param(
            {MD: front_matter("title: !Atención! la OIM", "dateline: Ginebra")},
            f"{MD}:2: title: a value cannot start with '!'; put the title in quotes: "
            'title: "!Atención! la OIM"',
            id="a-title-starting-with-an-exclamation-mark",  # was "while scanning a tag"
        ),
        pytest.param(
            {MD: front_matter("title: !Urgent l'OIM lance un appel", "dateline: Genève")},
            f"{MD}:2: title: a value cannot start with '!'; put the title in quotes: "
            'title: "!Urgent l\'OIM lance un appel"',
            id="a-title-starting-with-a-word-after-an-exclamation-mark",  # "tag not allowed"
        ),
        pytest.param(
            {MD: front_matter("title: &ancla la OIM", "dateline: Ginebra")},
            f"{MD}:2: title: a value cannot start with '&'; put the title in quotes: "
            'title: "&ancla la OIM"',
            id="a-title-starting-with-an-ampersand",  # published as "la OIM", a word dropped
        ),
        pytest.param(
            {MD: front_matter("title: > La OIM", "dateline: Ginebra")},
            f"{MD}:2: title: a value cannot start with '>'; put the title in quotes: "
            'title: "> La OIM"',
            id="a-title-starting-with-a-greater-than-sign",  # was "while scanning a block scalar"
        ),
        pytest.param(
            {MD: front_matter("title: - La OIM", "dateline: Ginebra")},
            f"{MD}:2: title: a value cannot start with '-'; put the title in quotes: "
            'title: "- La OIM"',
            id="a-title-starting-with-a-dash",  # was "sequence entries are not allowed here"
        ),
        pytest.param(
            {MD: front_matter("title: ? La OIM", "dateline: Ginebra")},
            f"{MD}:2: title: a value cannot start with '?'; put the title in quotes: "
            'title: "? La OIM"',
            id="a-title-starting-with-a-question-mark",  # was "mapping keys are not allowed here"
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts:", "  -name: Ann Lee")},
            f"{MD}:5: contacts: '-name:' has no space after its '-', so YAML reads it as a key "
            "and starts no list item; write '- name:' (a '-', a space, then the item)",
            id="a-contact-dash-without-its-space",  # was "put '- ' before its first key"
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  -name: Ann Lee",
                    "    email: a@b.org",
                )
            },
            f"{MD}:5: '-name:' has no space after its '-', so YAML reads it as a key and "
            "starts no list item; write '- name:' (a '-', a space, then the item)",
            id="a-contact-dash-without-its-space-above-a-key",  # was "6: ... indented further"
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A",
                    "dateline: Geneva",
                    "contacts:",
                    "  - name: Ann Lee",
                    "  -name: Amy Pope",
                )
            },
            f"{MD}:6: '-name:' has no space after its '-', so YAML reads it as a key and "
            "starts no list item; write '- name:' (a '-', a space, then the item)",
            id="a-second-contact-dash-without-its-space",  # was "indent it 2 spaces more"
        ),
        pytest.param(
            {YAML: RELEASE_YAML.replace("regions: [global]", "regions:\n  - global\n  -asia")},
            f"{YAML}:6: '-asia' has no space after its '-', so YAML reads it as text and starts "
            "no list item; write '- asia' (a '-', a space, then the item)",
            id="a-region-dash-without-its-space",  # was PyYAML's "could not find expected ':'"
        ),
        pytest.param(
            {YAML: RELEASE_YAML.replace("regions: [global]", "regions:\n  -global")},
            f"{YAML}:4: regions: '-global' has no space after its '-', so YAML reads it as "
            "text and starts no list item; write '- global' (a '-', a space, then the item)",
            id="a-lone-region-dash-without-its-space",  # was "unknown region '-global'"
        ),
    ],
)
def test_common_yaml_mistakes_say_what_to_type(
    runner: CliRunner, make_site: SiteWriter, files: dict[str, str], expected: str
) -> None:
    result = runner.invoke(main, ["check", "--site", str(make_site(files))])
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output


def test_the_line_counts_from_the_top_of_the_file_in_release_yaml(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    text = "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n\tstatus: draft\n"
    result = runner.invoke(main, ["check", "--site", str(make_site({YAML: text}))])
    assert f"{YAML}:4: indent with spaces, not tabs" in result.output


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "embargo: 2024-05-01T10:00Z")},
            f"{MD}:4: embargo: is set once for every language, in release.yaml, not in a "
            "language's file: move this line to release.yaml",
            id="an-embargo-in-a-language-file",
        ),
        pytest.param(
            {YAML: RELEASE_YAML + "title: IOM appeals\n"},
            f"{YAML}:6: title: is written in each language's file (en.md, fr.md, ...), not in "
            "release.yaml: move this line into the front matter of each language's file",
            id="a-title-in-release-yaml",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "credit: IOM/2017")},
            f"{MD}:4: credit: describes a photo: write it in each language's file, indented "
            "under 'image:' ('image:', then '  credit: ...' on the line below)",
            id="a-photo-credit-at-the-top",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "email: press@iom.int")},
            f"{MD}:4: email: belongs to a contact: write it under 'contacts:', as in "
            "'  - name: ...' then '    email: ...'",
            id="an-email-at-the-top",
        ),
    ],
)
def test_a_field_of_another_place_says_where_it_goes(
    runner: CliRunner, make_site: SiteWriter, files: dict[str, str], expected: str
) -> None:
    """An `embargo:` pasted into en.md was told "unknown field 'embargo', expected one of:
    contacts, dateline, ...", though the README says a release has an embargo."""
    result = runner.invoke(main, ["check", "--site", str(make_site(files))])
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output


@pytest.mark.parametrize(
    "line", ["émbargo: 2024-05-01T10:00:00Z", '"summary": Text.', "# a comment", "- a list item"]
)
def test_yaml_after_a_blank_line_is_not_taken_for_the_text(
    runner: CliRunner, make_site: SiteWriter, line: str
) -> None:
    """Only a line of prose after a blank line says the front matter was not closed."""
    text = front_matter("title: A", "dateline: Geneva", "", line)
    result = runner.invoke(main, ["check", "--site", str(make_site({MD: text}))])
    assert "is read as front matter up to" not in result.output


def test_no_break_spaces_starting_a_line_of_a_text_block_are_its_text(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Only a key or a list item indented with no-break spaces is a slip, not a text."""
    text = front_matter(
        "title: A", "dateline: Geneva", "summary: |", "  \u00a0\u00a0Note: IOM today", "  said"
    )
    result = runner.invoke(main, ["check", "--site", str(make_site({MD: text}))])
    assert result.exit_code == 0, result.output


def test_a_release_yaml_written_as_a_list_is_told_to_drop_the_dashes(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`- date: …` on every line was told only "expected a list of key: value pairs" (h127)."""
    listed = "".join(f"- {line}\n" for line in RELEASE_YAML.splitlines())
    result = runner.invoke(main, ["check", "--site", str(make_site({YAML: listed}))])
    assert (
        f"{YAML}:1: is a list (each line begins with '- '), expected a list of key: value "
        "pairs: remove the '- ' at the start of each line"
    ) in result.output, result.output
