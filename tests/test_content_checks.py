"""What a reader would hit, caught before it is published: missing files, unreachable contacts,
correction notes missing in a language, HTML the sanitiser removes. Errors stop `build`;
warnings are listed by `check` and `build`, and the release publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgen.cli import main

from .conftest import MINIMAL_CONFIG, RELEASE_YAML, SiteWriter
from .trees import png

RELEASE = "releases/first-release/"
MD = RELEASE + "en.md"
YAML = RELEASE + "release.yaml"
PNG = png(3)  # a picture a body may show must be one that can be read
NOW = "2026-01-01T00:00:00Z"
BROKEN = (
    "readers would see a broken image; expected the image file itself inside this release's "
    "folder, beside release.yaml"
)


def english(body: str, contacts: str = "  - name: Jane Doe\n    email: jdoe@example.org\n") -> str:
    """en.md; with the default contact (lines 4-6), its body starts on line 8."""
    return f"---\ntitle: A headline\ndateline: Geneva\ncontacts:\n{contacts}---\n{body}"


def test_a_link_pages_would_not_follow_is_warned_about_on_its_line(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`[x](htps://…)` or `[x](javascript:…)` in Markdown lost its address on the page without
    a word from `check` (raw HTML's `href` was told)."""
    body = "See [the site](htps://www.iom.int).\n\n![A dot](data:image/png;base64,AAAA)\n"
    result = check(runner, make_site({MD: english(body)}))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[:2] == [
        f"warning: {MD}:8: body: the link to 'htps://www.iom.int' begins with 'htps:', an "
        "address pages do not follow: the page shows its words without a link; expected one "
        "that begins with https://, http://, mailto: or tel:",
        f"warning: {MD}:10: body: the image 'data:image/png;base64,AAAA' begins with 'data:', "
        "which pages do not show: expected a picture file of the release folder, named "
        "alone, or https://…",
    ]


def test_an_address_with_parentheses_is_read_whole(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """h131: `[the report](report(1).pdf)`, a file named as a browser saves a second copy,
    was refused as "the link to 'report(1' is not a file in the release folder", though
    Markdown links it; a warning quoted 'javascript:alert(1' for `javascript:alert(1)`."""
    body = "See [the report](report(1).pdf) and [a script](javascript:alert(1)).\n"
    site = make_site({MD: english(body), RELEASE + "report(1).pdf": b"%PDF-1.4\n%%EOF\n"})
    result = check(runner, site)
    assert result.output.splitlines()[:1] == [
        f"warning: {MD}:8: body: the link to 'javascript:alert(1)' begins with 'javascript:', "
        "an address pages do not follow: the page shows its words without a link; expected "
        "one that begins with https://, http://, mailto: or tel:"
    ], result.output
    assert "not a file" not in result.output
    assert build(runner, site, tmp_path / "out").exit_code == 0


def check(runner: CliRunner, site: Path) -> Result:
    return runner.invoke(main, ["check", "--site", str(site)])


def build(runner: CliRunner, site: Path, out: Path) -> Result:
    return runner.invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", NOW])


def test_a_picture_named_with_spaces_is_told_to_take_angle_brackets(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Markdown ends an address at a space: the image 'Camp' was "not a file", with no
    word of the angle brackets the README shows (h127)."""
    body = "![A camp](Camp photo é.jpg)\n"
    files = {RELEASE + "Camp photo é.jpg": PNG, RELEASE + "Camp photo 2.jpg": PNG}
    result = check(runner, make_site({MD: english(body), **files}))
    assert result.exit_code == 1
    assert (  # which of them is meant, Markdown does not say: both are named (h130)
        f"{MD}:8: body: the image 'Camp' ends at a space, before the rest of 'Camp photo "
        "2.jpg' or 'Camp photo é.jpg': write a name with spaces between angle brackets, "
        "(![…](<Camp photo 2.jpg>))"
    ) in result.output.splitlines(), result.output


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "See the map.\n\n![Map](map-of-routes.png)\n",
            f"{MD}:10: body: the image 'map-of-routes.png' is not a file in the release folder; "
            "put the file beside the release's text, or correct the name",
            id="missing-image",
        ),
        pytest.param(
            "![Map](Map.png)\n",
            f"{MD}:8: body: the image 'Map.png' is not a file in the release folder; did you "
            "mean 'map.png'? put the file beside the release's text, or correct the name",
            id="wrong-case",
        ),
        pytest.param(
            'Read [the report](report.pdf "Full report").\n',
            f"{MD}:8: body: the link to 'report.pdf' is not a file in the release folder; "
            "put the file beside the release's text, or correct the name",
            id="missing-pdf",
        ),
        pytest.param(
            "Read [the report][r].\n\n[r]: notes.docx\n",
            f"{MD}:10: body: the link to 'notes.docx' names a file that is not published: "
            "pressgen publishes only .jpg, .jpeg, .png, .webp, .gif, .svg, .pdf files from "
            "the release folder",
            id="unpublished-file-by-reference",
        ),
        # Addresses written without their scheme (h86): "is not a file in the release
        # folder; put the file beside the release's text", or nothing at all.
        pytest.param(
            "[the IOM](www.iom.int)\n",
            f"{MD}:8: body: the link to 'www.iom.int' would lead to a file of the release "
            "folder: write a web address with https:// before it: 'https://www.iom.int'",
            id="web-address-without-https",
        ),
        pytest.param(
            "[write](ahaddad@iom.int)\n",
            f"{MD}:8: body: the link to 'ahaddad@iom.int' would lead to a file of the release "
            "folder: write an e-mail address with mailto: before it: 'mailto:ahaddad@iom.int'",
            id="e-mail-without-mailto",
        ),
        pytest.param(
            "[the report](https//www.iom.int/report)\n",
            f"{MD}:8: body: the link to 'https//www.iom.int/report' would lead to a file of the "
            "release folder: write the colon after 'https': 'https://www.iom.int/report'",
            id="web-address-without-its-colon",
        ),
        # h93: published broken, with no word from check
        pytest.param(
            "[the site](https:/www.iom.int)\n",
            f"{MD}:8: body: the link to 'https:/www.iom.int' would lead nowhere: write two "
            "slashes after 'https:': 'https://www.iom.int'",
            id="one-slash",
        ),
        pytest.param(
            "[the UN](un.org/en/about)\n",
            f"{MD}:8: body: the link to 'un.org/en/about' would lead nowhere: write a web "
            "address with https:// before it: 'https://un.org/en/about'",
            id="domain-and-path",
        ),
        # h94: these vanished from the page, or led nowhere, without a word from check
        pytest.param(
            "Website: <https:/www.iom.int>.\n",
            f"{MD}:8: body: '<https:/www.iom.int>' would show nothing (it reads as a tag): "
            "write <https://www.iom.int>",
            id="angled-one-slash",
        ),
        pytest.param(
            "Website: <htps://www.iom.int/en>.\n",
            f"{MD}:8: body: '<htps://www.iom.int/en>' would show nothing (it reads as a tag): "
            "write <https://www.iom.int/en>",
            id="angled-misspelt-scheme",
        ),
        pytest.param(
            "Website: <https//www.iom.int>.\n",
            f"{MD}:8: body: '<https//www.iom.int>' would show nothing (it reads as a tag): "
            "write <https://www.iom.int>",
            id="angled-without-colon",
        ),
        pytest.param(
            "[the site](https:)\n",
            f"{MD}:8: body: the link to 'https:' would lead nowhere: there is no address after "
            "'https:': write the whole address, e.g. 'https://www.iom.int/…'",
            id="scheme-alone",
        ),
        pytest.param(
            "[write to us](mailto:)\n",
            f"{MD}:8: body: the link to 'mailto:' would lead nowhere: there is no address after "
            "'mailto:': write the whole address, e.g. 'mailto:name@iom.int'",
            id="mailto-alone",
        ),
        pytest.param(
            "[the IOM](iom.int:443/en)\n",
            f"{MD}:8: body: the link to 'iom.int:443/en' would lead nowhere: write a web "
            "address with https:// before it: 'https://iom.int:443/en'",
            id="domain-port-and-path",
        ),
        pytest.param(
            "Website: <www.iom.int>.\n",
            f"{MD}:8: body: '<www.iom.int>' would show nothing (it reads as a tag): write "
            "<https://www.iom.int>",
            id="angled-address-without-https",
        ),
        pytest.param(
            'A map: <img src="./map.png" alt="Map">\n',
            f"{MD}:8: body: the image './map.png' must name the file alone: write 'map.png'",
            id="raw-img-with-dot-slash",
        ),
        # Images in other folders: check said OK, and the page showed a broken picture
        # (only the files beside release.yaml are published, under media/ID/).
        pytest.param(
            "![Bangkok](../../bangkok.jpg)\n",
            f"{MD}:8: body: the image '../../bangkok.jpg' is outside first-release/: {BROKEN} "
            "(copy it in and write its name alone: 'bangkok.jpg')",
            id="image-outside-the-releases",
        ),
        pytest.param(
            "Text.\n\n![Bangkok](photos/bangkok.jpg)\n",
            f"{MD}:10: body: the image 'photos/bangkok.jpg' is in a folder inside first-release/ "
            f"('photos/'), not published: {BROKEN} (move it there and write its name alone: "
            "'bangkok.jpg')",
            id="image-in-a-folder-of-the-release",
        ),
        pytest.param(
            '<img src="../first-release/map.png" alt="Map">\n',
            f"{MD}:8: body: the image '../first-release/map.png' must name the file alone: "
            "write 'map.png'",
            id="image-in-its-own-folder-by-a-path",
        ),
        # Paths on the writer's own computer: check said OK, and the page showed an empty
        # picture, or a link to nothing on the newsroom's server.
        pytest.param(
            "![A map](C:\\Users\\press\\Desktop\\map.png)\n",
            f"{MD}:8: body: the image 'C:\\Users\\press\\Desktop\\map.png' is a place on "
            "your computer, which readers cannot reach: put the file beside the release's "
            "text and write its name alone ('map.png')",
            id="windows-path",
        ),
        pytest.param(
            "![B](file:///C:/Users/press/map.png)\n",
            f"{MD}:8: body: the image 'file:///C:/Users/press/map.png' is a place on your "
            "computer, which readers cannot reach: put the file beside the release's text "
            "and write its name alone ('map.png')",
            id="file-address",
        ),
        pytest.param(
            "[doc](/home/press/report.pdf)\n",
            f"{MD}:8: body: the link to '/home/press/report.pdf' is a place on your "
            "computer, which readers cannot reach: put the file beside the release's text "
            "and write its name alone ('report.pdf')",
            id="home-folder",
        ),
        pytest.param(
            "[docs](/Users/)\n",
            f"{MD}:8: body: the link to '/Users/' is a place on your computer, which readers "
            "cannot reach: put the file beside the release's text and write its name alone",
            id="a folder of the computer",  # said "write its name alone ('')"
        ),
        pytest.param(
            'See <a href="http://[::1">the site</a>.\n',
            f"{MD}:8: body: the link to 'http://[::1' is not an address that can be read "
            "(Invalid IPv6 URL): correct it",
            id="an address no parser reads",  # exit 3 in check and build (h81)
        ),
        pytest.param(
            '<img src="//[x" alt="A map">\n',
            f"{MD}:8: body: the image '//[x' is not an address that can be read "
            "(Invalid IPv6 URL): correct it",
            id="an image address no parser reads",
        ),
        pytest.param(
            "![A map](//&#x5B;x)\n",
            f"{MD}:8: body: the image '//&#x5B;x' is not an address that can be read "
            "(Invalid IPv6 URL): correct it",
            id="an address written with a character reference",  # exit 3 (h82)
        ),
    ],
)
def test_a_body_file_that_would_be_broken_stops_check_and_build(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, body: str, expected: str
) -> None:
    site = make_site({MD: english(body), RELEASE + "map.png": PNG, RELEASE + "notes.docx": "x"})
    result = check(runner, site)
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output
    built = build(runner, site, tmp_path / "out")
    assert built.exit_code == 1
    assert expected in built.output.splitlines()
    assert not (tmp_path / "out").exists()


def beside_last_week(make_site: SiteWriter, body: str) -> Path:
    """A site of first-release (whose en.md holds `body`) and second-release, last week's,
    which shows its own photo team.png."""
    other = "releases/second-release/"
    site = make_site(
        {MD: english(body), other + "release.yaml": RELEASE_YAML, other + "team.png": PNG}
    )
    (site / other / "en.md").write_text(
        english("Last week.\n\n![The team](team.png)\n"), encoding="utf-8"
    )
    return site


def test_an_image_of_another_release_stops_check_and_build(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A press officer shows a photo of last week's release by its path in that folder:
    check said OK, and the page showed a broken picture, since each release's files are
    published under its own media/ID/. A link to that release's page is still right."""
    body = (
        "Text.\n\n![The team](../second-release/team.png) [last week](../second-release/)\n\n"
        '<img src="../second-release/team.png" alt="The team">\n'
    )
    site = beside_last_week(make_site, body)
    expected = [
        f"{MD}:{line}: body: the image '../second-release/team.png' is in another release's "
        f"folder (releases/second-release/), outside first-release/: {BROKEN} (copy it in and "
        "write its name alone: 'team.png')"
        for line in (10, 12)
    ]
    result = check(runner, site)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == expected, result.output
    built = build(runner, site, tmp_path / "out")
    assert built.exit_code == 1
    assert built.output.splitlines()[:2] == expected, built.output
    assert not (tmp_path / "out").exists()


def test_a_file_of_another_folder_by_reference_or_link_is_reported(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`![x][ref]` with `[ref]: ../second-release/team.png` passed check, as did a link to a
    report in another release's folder: both lead nowhere from the page (h70). A link to
    another release's page (a folder) or to a page file still passes."""
    body = (
        "Text.\n\n![The team][team] and [the report](../second-release/report.pdf).\n\n"
        "[Last week](../second-release/), [its page](../second-release/index.html).\n\n"
        "[team]: ../second-release/team.png\n"
    )
    site = beside_last_week(make_site, body)
    result = check(runner, site)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        f"{MD}:10: body: the link to '../second-release/report.pdf' is in another release's "
        "folder (releases/second-release/), outside first-release/: readers would follow a "
        "broken link; expected the file itself inside this release's folder, beside "
        "release.yaml (copy it in and write its name alone: 'report.pdf')",
        f"{MD}:14: body: the link to '../second-release/team.png' is in another release's "
        "folder (releases/second-release/), outside first-release/: readers would follow a "
        "broken link; expected the file itself inside this release's folder, beside "
        "release.yaml (copy it in and write its name alone: 'team.png')",
    ], result.output


def test_a_link_to_what_the_build_makes_beside_another_release_passes(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """h90: `../second-release/second-release.en.pdf`, the other release's PDF where the
    build puts it, was "in another release's folder" and stopped the build."""
    body = "Read [its PDF](../second-release/second-release.en.pdf).\n"
    site = beside_last_week(make_site, body)
    assert check(runner, site).exit_code == 0
    assert build(runner, site, tmp_path / "out").exit_code == 0


def test_a_picture_by_its_published_address_still_passes(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`../../media/other/team.png` is, from the page, the address where another release
    publishes its photo; `../../assets/logo.png` the site's logo. Both showed on the page
    before the check of other folders, which refused them and stopped the build (h71)."""
    body = (
        "Text.\n\n![The team](../../media/second-release/team.png)\n\n"
        "![Logo](../../assets/logo.png)\n"
    )
    site = make_site({MD: english(body)})
    result = check(runner, site)
    assert result.exit_code == 0, result.output


def test_links_that_work_are_not_reported(runner: CliRunner, make_site: SiteWriter) -> None:
    body = (
        "![Map](map.png) [site](https://www.iom.int) [mail](mailto:a@b.org) [top](#top)\n\n"
        "[odd but an address](https://example.org/a\\b)\n\n"
        "[other release](../other-release/) [home](/en/) `![code](not-a-file.png)`\n\n"
        "<https://www.iom.int> <ftp://ftp.iom.int/a> <mailto:a@b.org> <a@b.org>\n"
    )
    result = check(runner, make_site({MD: english(body), RELEASE + "map.png": PNG}))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        pytest.param(
            "  - name: Amal Haddad\n    email: ahaddad at iom.int\n",
            f"{MD}:6: contacts.email: 'ahaddad at iom.int' is not an e-mail address, "
            "expected e.g. ahaddad@iom.int",
            id="at-in-words",
        ),
        pytest.param(  # pasted from a web page: the link kept it, and mail bounced (h110)
            "  - name: Amal Haddad\n    email: ahad\u200bdad@iom.int\n",
            f"{MD}:6: contacts.email: 'ahaddad@iom.int' has an invisible character in it "
            "(zero width space, U+200B), which the link would keep: delete it, or type the "
            "address again",
            id="zero-width-space",
        ),
        pytest.param(  # a letter to Unicode, which shows nothing (h113)
            "  - name: Amal Haddad\n    email: ahaddad@io\u3164m.int\n",
            f"{MD}:6: contacts.email: 'ahaddad@iom.int' has an invisible character in it "
            "(hangul filler, U+3164), which the link would keep: delete it, or type the "
            "address again",
            id="hangul-filler",
        ),
        pytest.param(
            "  - name: Amal Haddad\n    email: mailto:ahaddad@iom.int\n",
            f"{MD}:6: contacts.email: 'mailto:ahaddad@iom.int' is not an e-mail address, "
            "expected e.g. ahaddad@iom.int",
            id="mailto-prefix",
        ),
        pytest.param(
            "  - name: Amal Haddad\n    phone: +41 22 717 9111 (WhatsApp)\n",
            f"{MD}:6: contacts.phone: '+41 22 717 9111 (WhatsApp)' is not a phone number: "
            "keep only the number, e.g. +41 22 717 9111, and leave out words such as 'WhatsApp'",
            id="words-in-phone",
        ),
        pytest.param(
            "  - name: Amal Haddad\n    phone: +41 22 917 9446 / +41 79 285 4366\n",
            f"{MD}:6: contacts.phone: '+41 22 917 9446 / +41 79 285 4366' looks like more "
            "than one number: give one per contact (list the contact twice for two numbers)",
            id="two-numbers",
        ),
        pytest.param(  # two numbers, the second cut short: 16 digits, as many as one may have
            "  - name: Amal Haddad\n    phone: +41 22 717 91 11 +41 79 1\n",
            f"{MD}:6: contacts.phone: '+41 22 717 91 11 +41 79 1' looks like more than one "
            "number: give one per contact (list the contact twice for two numbers)",
            id="two-country-codes",
        ),
        pytest.param(
            "  - name: Amal Haddad\n    phone: '1234'\n",
            f"{MD}:6: contacts.phone: '1234' is too short for a phone number, expected e.g. "
            "+41 22 717 9111",
            id="too-short",
        ),
    ],
)
def test_a_contact_that_would_give_a_broken_link_is_an_error(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, contact: str, expected: str
) -> None:
    site = make_site({MD: english("Text.\n", contact)})
    result = check(runner, site)
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output
    assert build(runner, site, tmp_path / "out").exit_code == 1


def test_a_phone_dialled_abroad_with_00_has_its_country_code(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """'0041 22 717 9111' is how much of Europe writes +41: a warning that it has no
    country code would have an officer rewrite a number every journalist abroad can dial."""
    contact = "  - name: Amal Haddad\n    phone: 0041 22 717 9111\n"
    result = check(runner, make_site({MD: english("Text.\n", contact)}))
    assert result.exit_code == 0, result.output
    assert "country code" not in result.output


WARNINGS_BODY = (
    "First paragraph.\n"
    "\n"
    '<iframe width="560" src="https://www.youtube.com/embed/abc"></iframe>\n'
    "\n"
    'A <b onclick="steal()">bold</b> claim. <script>track()</script>\n'
    "\n"
    'Write `<iframe>` to embed; <a href="javascript:go()">here</a>.\n'
)


def test_warnings_are_listed_by_check_and_build_and_the_release_publishes(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    contacts = (
        "  - name: Press office\n    org: IOM\n  - name: Local desk\n    phone: 022 717 91 11\n"
    )
    yaml = RELEASE_YAML + (
        "corrections:\n  - date: 2024-05-02T10:00:00+02:00\n    note:\n      fr: Corrigé.\n"
    )
    french = "---\ntitle: Un titre\ndateline: Genève\n---\nTexte.\n"
    site = make_site({MD: english(WARNINGS_BODY, contacts), YAML: yaml, RELEASE + "fr.md": french})
    expected = [
        f"warning: {MD}:5: contacts: Press office has neither email nor phone, so journalists "
        "cannot reach them; add at least one",
        f"warning: {MD}:8: contacts.phone: '022 717 91 11' has no country code, so "
        "journalists abroad cannot dial it; expected e.g. +41 22 717 9111",
        f'warning: {MD}:12: body: <iframe width="560" src="https://www.youtube.com/embed/abc"> '
        "will be removed from the page: embedded players and videos are not published; link "
        "to the video instead, e.g. [Watch the video](https://...)",
        f"warning: {MD}:14: body: <script> will be removed from the page: scripts never run "
        "on a release page; it goes with everything inside it",
        f'warning: {MD}:14: body: in <b onclick="steal()">, the sanitiser removes the event '
        "handler onclick (scripts never run on the page)",
        f'warning: {MD}:16: body: in <a href="javascript:go()">, the sanitiser removes the '
        "javascript: address in href",
        f"warning: {YAML}:7: corrections.note: the correction of 2024-05-02 has no note in en; "
        "the page in en would say it was updated without saying what changed: add the note "
        "in each language",
    ]
    checked = check(runner, site)
    assert checked.exit_code == 1
    assert checked.output.splitlines() == [*expected, "7 warnings found; nothing was written."]
    out = tmp_path / "out"
    for _ in range(2):  # the second build changes nothing, and still says so
        built = build(runner, site, out)
        assert built.exit_code == 0, built.output
        assert [line for line in built.output.splitlines() if line.startswith("warning:")] == (
            expected
        )
    assert (out / "en" / "first-release" / "index.html").is_file()


def test_a_withdrawn_release_is_not_warned_about_its_correction_notes(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Its notice shows no correction, yet every check and build after the withdrawal said
    the page in fr "would say it was updated without saying what changed"."""
    yaml = RELEASE_YAML.replace("status: published", "status: withdrawn") + (
        "corrections:\n  - date: 2024-05-02T10:00:00+02:00\n    note:\n      en: Fixed.\n"
    )
    french = "---\ntitle: Un titre\ndateline: Genève\n---\nTexte.\n"
    site = make_site({MD: english("A body.\n"), YAML: yaml, RELEASE + "fr.md": french})
    checked = check(runner, site)
    assert "corrections.note" not in checked.output, checked.output
    (site / YAML).write_text(yaml.replace("withdrawn", "published"), encoding="utf-8")
    assert "has no note in fr" in check(runner, site).output  # published, it is warned about


def test_errors_and_warnings_of_every_release_are_listed_at_once(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    second = "releases/second/"
    site = make_site(
        {
            MD: english("![Map](nowhere.png)\n"),
            second + "release.yaml": RELEASE_YAML,
            second + "en.md": english("A clip: <video src='clip.mp4'></video>\n"),
        }
    )
    lines = check(runner, site).output.splitlines()
    assert lines[0].startswith(f"{MD}:8: body: the image 'nowhere.png'")
    assert lines[1].startswith("warning: releases/second/en.md:8: body: <video")
    assert lines[2] == "1 problem and 1 warning found; nothing was written."


@pytest.mark.parametrize(
    "tag", ["<not a tag>", "<text>", "<path d=1>", "<and>", "<svg>", '<text title="a>b">']
)
def test_the_text_after_a_tag_that_is_not_allowed_stays_as_the_warning_says(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, tag: str
) -> None:
    """The sanitiser's parser drops the text inside some names it knows from SVG and MathML
    (`<text>`, `<and>`); a press officer told "its text stays" must find it on the page,
    in the plain text and in the feeds."""
    body = f"Before {tag} after the tag, the rest of the paragraph.\n\nNext paragraph.\n"
    site = make_site({MD: english(body), YAML: RELEASE_YAML})
    built = build(runner, site, tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert "(its text stays)" in built.output
    release = tmp_path / "out" / "en" / "first-release"
    for path in [release / "index.html", *release.glob("*.txt"), tmp_path / "out/en/atom.xml"]:
        text = path.read_text()
        assert "after the tag, the rest of the paragraph." in text, path
        assert "Next paragraph." in text, path


def test_a_translation_that_is_a_copy_of_the_original_is_warned_about(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`cp en.md zh.md`, meant to be translated later: check said OK, and the English text
    would have gone out as the Chinese release."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "zh"]')
    text = english("A body.\n")
    site = make_site({MD: text, RELEASE + "zh.md": text}, config=config)
    result = check(runner, site)
    assert (
        f"warning: {RELEASE}zh.md: has the same title, dateline and text as en.md, the "
        "original: translate it, or move it out of the release folder until it is"
    ) in result.output.splitlines(), result.output
    assert f"{RELEASE}fr.md" not in result.output


def test_a_copied_translation_beside_a_warning_on_a_line_is_two_warnings(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A copy (a warning of the whole file) and an emoji no PDF font draws (a warning on its
    line): sorting them together was an internal error that stopped check and build."""
    text = english("The new clinic opened today \U0001f44d in the capital.\n")
    site = make_site({MD: text, RELEASE + "fr.md": text})
    for result in (check(runner, site), build(runner, site, tmp_path / "public")):
        assert "internal error" not in result.output, result.output
        assert f"warning: {RELEASE}fr.md: has the same title" in result.output
        assert f"warning: {RELEASE}en.md:8: pdf: no PDF font has" in result.output


@pytest.mark.parametrize("note", ["Figures from the 2025 survey.", "https://example.org/survey"])
def test_a_footnote_is_a_warning_that_says_footnotes_are_not_written_so(
    runner: CliRunner, make_site: SiteWriter, note: str
) -> None:
    """`[^1]: Figures from the survey.` was refused as "the link to 'Figures' is not a file
    in the release folder"; with an address, the page read "displaced.^1 (https://...)"."""
    body = f"Many were displaced.[^1]\n\n[^1]: {note}\n"
    site = make_site({MD: english(body), YAML: RELEASE_YAML})
    result = check(runner, site)
    assert (
        f"warning: {MD}:10: body: footnotes ([^1]) are not part of pressgen's Markdown, and the "
        "page would show '[^1]' as a link or as written: put the note in the text, in "
        "parentheses, or in a paragraph of its own at the end"
    ) in result.output.splitlines(), result.output
    assert "is not a file in the release folder" not in result.output


def test_a_tag_inside_an_attribute_of_an_allowed_tag_is_left_to_it(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`alt="Map of <Region> borders"`: the angle brackets are the alternative text's, and
    the sanitiser escapes them; taken for a tag, the words went."""
    body = 'A map: <img src="https://example.org/m.png" alt="Map of <Region> borders">.\n'
    site = make_site({MD: english(body), YAML: RELEASE_YAML})
    assert build(runner, site, tmp_path / "out").exit_code == 0
    page = (tmp_path / "out/en/first-release/index.html").read_text(encoding="utf-8")
    assert 'alt="Map of &lt;Region&gt; borders"' in page


def test_a_translation_with_the_originals_proper_noun_headline_is_no_copy(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """ "Tour de France 2026", datelined Paris, in English and French: the same headline and
    dateline, a translated text; it was warned about as a copy, and check exited 1."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "zh"]')
    text = english("A body.\n")
    site = make_site(
        {MD: text, RELEASE + "zh.md": text.replace("A body.", "正文。")}, config=config
    )
    result = check(runner, site)
    assert "has the same title" not in result.output, result.output


def test_a_file_that_no_text_links_and_no_photo_is_warned_about(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Every .pdf or picture in a release folder is published with the release: one that
    no language's text links and that is not one of its photos may be a file left there by
    mistake (an internal briefing), which check names before a reader finds it."""
    french = (
        "---\ntitle: Un titre\ndateline: Genève\n---\n<a class='doc'\n   href='annexe%201.pdf'>"
        "Annexe</a>\n\n- Voir [la carte][1]\n\n    [1]:\n      map.png\n"
    )
    files: dict[str, str | bytes] = {
        MD: english("Read [the report](report.pdf).\n\n![A chart](<chart 2.png>)\n"),
        RELEASE + "fr.md": french,
        RELEASE + "report.pdf": b"%PDF-1.4 report\n",
        RELEASE + "annexe 1.pdf": b"%PDF-1.4 annex\n",
        RELEASE + "chart 2.png": PNG,
        RELEASE + "map.png": PNG,
        RELEASE + "internal-briefing.pdf": b"%PDF-1.4 not for readers\n",
    }
    site = make_site(files)
    checked = check(runner, site)
    warnings = [line for line in checked.output.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {RELEASE}internal-briefing.pdf: goes online with the release, at "
        "media/first-release/internal-briefing.pdf, though no text of the release links it "
        "and it is not one of its photos: link it from a text ([a title](internal-briefing.pdf)), "
        "or move it out of the release folder if it is not for readers"
    ], checked.output
    built = build(runner, site, tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out/media/first-release/internal-briefing.pdf").is_file()  # a warning


@pytest.mark.parametrize(
    ("release_yaml", "french", "expected"),
    [
        pytest.param(
            "image: photo.png\n",
            "image:\n  caption: Un atelier.\n  credit: OIM",
            f"warning: {RELEASE}fr.md: image.alt: the photo photo.png has no alt text: readers "
            "who cannot see it are told nothing of it; under 'image:' add 'alt:' and a "
            "sentence saying what it shows",
            id="one-photo",
        ),
        pytest.param(
            "images: [photo.png, port.png]\n",
            "images:\n  photo.png:\n    alt: Un atelier\n  port.png:\n    caption: Le port.",
            f"warning: {RELEASE}fr.md: images.port.png.alt: the photo port.png has no alt text: "
            "readers who cannot see it are told nothing of it; under 'port.png:' in 'images:' "
            "add 'alt:' and a sentence saying what it shows",
            id="a-gallery",
        ),
    ],
)
def test_a_photo_without_alt_text_is_warned_about(
    runner: CliRunner, make_site: SiteWriter, release_yaml: str, french: str, expected: str
) -> None:
    """A photo with no `alt:` in a language was published with alt="" and no word from
    check, while an empty `alt:` stops it: a screen reader passes over such a photo."""
    described = (
        "image:\n  alt: A workshop\n"
        if "image:" in release_yaml
        else "images:\n  photo.png:\n    alt: A workshop\n  port.png:\n    alt: A port\n"
    )
    files: dict[str, str | bytes] = {
        YAML: RELEASE_YAML + release_yaml,
        MD: english("A body.\n").replace("contacts:", described + "contacts:"),
        RELEASE + "fr.md": f"---\ntitle: Un titre\ndateline: Genève\n{french}\n---\nUn texte.\n",
        RELEASE + "photo.png": PNG,
    }
    if "port.png" in release_yaml:
        files[RELEASE + "port.png"] = PNG
    result = check(runner, make_site(files))
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert warnings == [expected], result.output


@pytest.mark.parametrize(
    ("status", "french"),
    [  # a gallery's lead photo described by image:, as the renderers take it
        ("published", "image:\n  alt: Un atelier\nimages:\n  port.png:\n    alt: Le port"),
        ("withdrawn", "image:\n  caption: Un atelier."),  # its notice shows no photo
    ],
)
def test_photos_with_alt_text_where_pages_take_it_are_not_warned_about(
    runner: CliRunner, make_site: SiteWriter, status: str, french: str
) -> None:
    english_text = "images:\n  photo.png:\n    alt: A workshop\n  port.png:\n    alt: A port\n"
    files: dict[str, str | bytes] = {
        YAML: RELEASE_YAML.replace("published", status) + "images: [photo.png, port.png]\n",
        MD: english("A body.\n").replace("contacts:", english_text + "contacts:"),
        RELEASE + "fr.md": f"---\ntitle: Un titre\ndateline: Genève\n{french}\n---\nUn texte.\n",
        RELEASE + "photo.png": PNG,
        RELEASE + "port.png": PNG,
    }
    result = check(runner, make_site(files))
    assert "alt text" not in result.output, result.output


def test_markdown_inside_a_block_of_html_is_warned_about(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`**embargoed**` and `[Monday](…)` between `<div>` lines were published as typed, and
    a `<div>` never closed made the rest of the text HTML, with no word from check (h138)."""
    body = (
        "Intro **read**.\n\n<div>\nNote: **embargoed** until [Monday](https://iom.int).\n"
        "</div>\n\n<hr>\n\nAfter **read**.\n\n<aside>\nOpen here.\n\nMore **text**.\n"
    )
    site = make_site({MD: english(body)})
    result = check(runner, site)
    assert result.output.splitlines() == [
        f"warning: {MD}:11: body: is inside <div>…</div> (from line 10), where Markdown is "
        "not read: its ** and […](…) would be published as typed; delete the <div> and "
        "</div> lines, or write this text in HTML",
        f"warning: {MD}:18: body: this <aside> is never closed: the rest of the text is read "
        "as HTML, its Markdown published as typed (** and […](…) included); close it with "
        "</aside>, or delete it",
        "2 warnings found; nothing was written.",
    ]
    fine = "Intro.\n\n<div>\nIn <b>HTML</b>.\n</div>\n\n<hr/>\n\nAfter **read**.\n"
    fine += "\n<pre>\n- 11:00 **signing**\n</pre>\n"  # as typed, on purpose (h140)
    fine += "\n<!-- held back\n<div>\n**Quote**\n</div>\n-->\n"  # never published (h142)
    assert check(runner, make_site({MD: english(fine)})).exit_code == 0
    # right after a paragraph, or indented by up to three spaces, it is a block too (h140);
    # the pass's guard skipped an indented one (h142)
    for body in (
        "Intro.\n<div>\n**bold**\n</div>\n",
        "Intro.\n\n   <div>\n**bold**\n   </div>\n",
    ):
        said = check(runner, make_site({MD: english(body)})).output
        assert "where Markdown is not read" in said, said


def test_word_formatting_on_every_paragraph_is_said_once(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Twelve paragraphs pasted from Word gave 36 warnings, three a paragraph, burying the
    ones that matter (h138); a script among them is still named on its own."""
    paragraph = (
        '<p class=MsoNormal style="margin:0"><span lang=EN-GB style="font-size:11pt">'
        "Words.<o:p></o:p></span></p>\n\n"
    )
    body = paragraph * 11 + '<p><a name="_Hlk1">Word.</a></p>\n\n'  # Word's bookmark (h142)
    body += '<b onclick="steal()">x</b>\n'
    result = check(runner, make_site({MD: english(body)}))
    assert result.output.splitlines() == [
        f"warning: {MD}:8: body: lines 8 to 30: 34 tags that set only the look (class, style, "
        "<o:p>, name), as text pasted from a word processor brings, will be removed and their "
        "text "
        "kept: the site's stylesheet sets the look",
        f'warning: {MD}:32: body: in <b onclick="steal()">, the sanitiser removes the event '
        "handler onclick (scripts never run on the page)",
        "2 warnings found; nothing was written.",
    ]


def test_an_anchor_among_many_looks_is_named_on_its_own(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`id` was counted among the looks (h140): a link to `#background` breaks without it."""
    body = '<p style="margin:0">A.</p>\n\n' * 4 + '<h2 id="background">Background</h2>\n'
    lines = check(runner, make_site({MD: english(body)})).output.splitlines()
    assert (
        f'warning: {MD}:16: body: in <h2 id="background">, the sanitiser removes the '
        + ("attribute id (a link to #background would lead nowhere)")
        in lines
    ), lines
    assert any("4 tags that set only the look (style)" in line for line in lines), lines


def test_a_missing_picture_whose_name_has_spaces_is_named_whole(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`![Camp](Camp photo.jpg)` with no such file was "the image 'Camp' is not a file"
    (h138): the name is given whole; a link's quoted title stays out of it."""
    body = '![Camp](Camp photo.jpg)\n\n[The report](report.pdf "The report")\n'
    lines = check(runner, make_site({MD: english(body)})).output.splitlines()
    assert lines[0].startswith(f"{MD}:8: body: the image 'Camp photo.jpg' is not a file"), lines
    assert lines[1].startswith(f"{MD}:10: body: the link to 'report.pdf' is not a file"), lines


def test_each_link_on_a_line_is_named_from_its_own_address(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A second link to the same missing name took the rest of the first one's ("the link
    to 'x photo.jpg'" for `[b](x)`): each address was looked for again from the start of
    the line, which also made a line of thousands of links take `check` 20 s."""
    body = "[a](x photo.jpg) and [b](x)\n"
    lines = check(runner, make_site({MD: english(body)})).output.splitlines()
    assert lines[0].startswith(f"{MD}:8: body: the link to 'x photo.jpg' is not a file"), lines
    assert lines[1].startswith(f"{MD}:8: body: the link to 'x' is not a file"), lines


def test_a_line_of_thousands_of_links_is_checked(runner: CliRunner, make_site: SiteWriter) -> None:
    """48 words of 1,999 `](` each (under the 4,000 characters a word may have), inside a
    block of HTML: 95,952 addresses on one line took `check` 20 s (bench/hostile.py)."""
    body = "Intro\n\n<div>\n" + ("](" * 1999 + " ") * 48 + "\n</div>\n"
    lines = check(runner, make_site({MD: english(body)})).output.splitlines()
    assert lines[0].startswith(f"{MD}:11: body: the link to ']' is not a file"), lines


def test_a_missing_file_linked_thousands_of_times_is_named_once(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """The same mistyped name linked 6,000 times, in a folder of 300 annexes: each link was
    measured against every file again, and `check` took a minute to say it once
    (bench/hostile.py)."""
    annexes = {f"{RELEASE}annex-report-{i:03d}.pdf": b"%PDF-1.4\n%%EOF\n" for i in range(300)}
    linked = " ".join(f"[r](annex-report-{i:03d}.pdf)" for i in range(300))
    body = " ".join(["[r](annex-reprt-001.pdf)"] * 6000) + "\n\n" + linked + "\n"
    lines = check(runner, make_site({MD: english(body), **annexes})).output.splitlines()
    assert lines == [
        f"{MD}:8: body: the link to 'annex-reprt-001.pdf' is not a file in the release folder; "
        "did you mean 'annex-report-001.pdf'? put the file beside the release's text, or "
        "correct the name",
        "1 problem found; nothing was written.",
    ]


def test_three_tags_that_set_only_the_look_are_named_each_on_its_line(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Up to three are said one by one, each on its own line, which an author finds and
    mends; only beyond three are they said together, as a paste from Word brings them."""
    body = '<p style="margin:0">A.</p>\n\n' * 3
    lines = check(runner, make_site({MD: english(body)})).output.splitlines()
    assert [line.split(": body: ")[0] for line in lines[:-1]] == [
        f"warning: {MD}:{n}" for n in (8, 10, 12)
    ], lines
    assert not any("tags that set only the look" in line for line in lines), lines
