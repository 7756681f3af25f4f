"""What a newsroom must be able to trust: embargoes, drafts, corrections, same bytes twice."""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from pressgen.cli import main
from pressgen.engine import build

from .conftest import SiteWriter
from .trees import CLOCK, tree

PNG = (  # a valid one-pixel PNG (the reader opens every photo)
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0\xa0"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def release(
    date: str,
    status: str = "published",
    embargo: str | None = None,
    image: str | None = None,
    extra: str = "",
) -> str:
    lines = [f"date: {date}", "type: press-release", "original: en", f"status: {status}"]
    if embargo:
        lines.append(f"embargo: {embargo}")
    if image:
        lines.append(f"image: {image}")
    return "\n".join(lines) + "\n" + extra


NOW_1 = "2024-02-01T00:00:00Z"  # the embargoed and the scheduled releases are not public


def text(marker: str) -> str:
    return (
        f"---\ntitle: Headline {marker}\ndateline: Geneva {marker}\nsummary: About {marker}\n"
        f"image:\n  caption: Caption {marker}\n  credit: Credit {marker}\n"
        f"contacts:\n  - name: Contact {marker}\n    email: {marker}@example.org\n"
        f"---\nBody {marker}.\n"
    )


STATES = {
    # id: (release.yaml, the instant from which it is public or None)
    "public-one": (release("2024-01-10T10:00:00+01:00"), "2024-01-10T09:00:00Z"),
    "draft-one": (release("2024-01-10T10:00:00+01:00", "draft", image="secretdraft.png"), None),
    "withdrawn-one": (release("2024-01-10T10:00:00+01:00", "withdrawn"), None),
    "scheduled-one": (release("2024-03-01T08:00:00-05:00"), "2024-03-01T13:00:00Z"),
    "embargoed-one": (
        release(
            "2024-02-01T10:00:00+01:00",
            embargo="2024-02-15T09:00:00+07:00",
            image="secretembargo.png",
        ),
        "2024-02-15T02:00:00Z",
    ),
}


@pytest.fixture
def states_site(make_site: SiteWriter) -> Path:
    files: dict[str, str | bytes] = {}
    for release_id, (yaml_text, _) in STATES.items():
        files[f"releases/{release_id}/release.yaml"] = yaml_text
        files[f"releases/{release_id}/en.md"] = text(f"marker{release_id.replace('-', '')}")
    files["releases/draft-one/secretdraft.png"] = PNG
    files["releases/embargoed-one/secretembargo.png"] = PNG
    return make_site(files, with_default_release=False)


def all_output(out: Path) -> bytes:
    """Every byte of the output, file names included."""
    return b"\n".join(
        str(p.relative_to(out)).encode() + b"\n" + (p.read_bytes() if p.is_file() else b"")
        for p in sorted(out.rglob("*"))
    )


WITHDRAWN_NOTICE_FROM = datetime(2024, 1, 10, 9, tzinfo=UTC)
INSTANTS = [
    "2024-01-01T00:00:00Z",
    "2024-01-10T08:59:59Z",
    "2024-01-10T09:00:00Z",
    "2024-02-15T01:59:59Z",
    "2024-02-15T02:00:00Z",
    "2024-03-01T12:59:59Z",
    "2024-03-01T13:00:00Z",
    "2030-01-01T00:00:00+14:00",
]


def test_nothing_leaks_before_its_time(states_site: Path, tmp_path: Path) -> None:
    """Builds into the same folder at several instants, forward and back in time (all of
    them normal builds: `clock` stands for the real time, after them all)."""
    out = tmp_path / "public"
    for instant in [*INSTANTS, *reversed(INSTANTS)]:
        now = datetime.fromisoformat(instant.replace("Z", "+00:00"))
        build(states_site, out, now, clock=CLOCK)
        everything = all_output(out)
        for release_id, (_, public_from) in STATES.items():
            public = public_from is not None and now >= datetime.fromisoformat(
                public_from.replace("Z", "+00:00")
            )
            marker = f"marker{release_id.replace('-', '')}".encode()
            assert (marker in everything) == public, (instant, release_id)
            # a release withdrawn after its instant leaves a notice at its address
            noticed = release_id == "withdrawn-one" and now >= WITHDRAWN_NOTICE_FROM
            assert (release_id.encode() in everything) == (public or noticed), (instant, release_id)
        assert (b"secretdraft" in everything) is False
        assert (b"secretembargo" in everything) == (now >= datetime(2024, 2, 15, 2, tzinfo=UTC))


def test_feed_dates_never_reveal_a_release_not_yet_public(
    states_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    build(states_site, out, datetime(2024, 2, 1, tzinfo=UTC))
    rss = (out / "en" / "rss.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Wed, 10 Jan 2024 10:00:00 +0100</lastBuildDate>" in rss
    sitemap = "".join(p.read_text(encoding="utf-8") for p in out.rglob("sitemap.xml"))
    assert "2024-02" not in sitemap and "2024-03" not in sitemap


def preview_of(runner: CliRunner, site: Path, out: Path, *ids: str, now: str = "") -> Path:
    """Preview `ids`; the folder of the first one."""
    when = ["--now", now] if now else []
    result = runner.invoke(main, ["preview", *ids, "--site", str(site), "--out", str(out), *when])
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in out.iterdir() if (p / "en" / ids[0]).is_dir()]
    return folder


def test_preview_shows_embargoed_and_draft_releases_under_a_banner(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "preview"
    now = "2024-02-01T00:00:00Z"
    folder = preview_of(runner, states_site, out, "embargoed-one", "draft-one", now=now)
    page = (folder / "en" / "embargoed-one" / "index.html").read_text(encoding="utf-8")
    # On the clock of the release's own offset (+01:00), with the GMT time; CLDR's US English
    # (no [site.locales]): 12-hour clock, month first.
    assert "GMT+07:00" not in page
    assert "EMBARGOED UNTIL 3:00\u202fAM GMT+01:00 (2:00\u202fAM GMT), February 15, 2024" in page
    assert 'content="noindex, nofollow"' in page
    drafts = list(out.glob("*/en/draft-one/draft-one.en.txt"))
    assert len(drafts) == 1 and drafts[0].parent.parent.parent != folder  # a folder each
    assert drafts[0].read_text(encoding="utf-8").startswith("DRAFT – NOT FOR PUBLICATION\n")
    assert not list(out.glob("**/withdrawn-one")) and not list(out.glob("**/public-one"))
    assert not list(out.glob("**/rss.xml")) and not list(out.glob("**/sitemap.xml"))


def test_the_folder_of_previews_lists_none_of_them(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A web server that lists a folder without an index page would show every preview's
    secret name to a journalist who shortens the address of one."""
    out = tmp_path / "preview"
    folder = preview_of(runner, states_site, out, "embargoed-one")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert folder.name not in index and "embargoed" not in index.lower()
    assert 'content="noindex, nofollow"' in index
    preview_of(runner, states_site, out, "draft-one")  # a second preview keeps it so
    assert (out / "index.html").read_text(encoding="utf-8") == index


def test_a_preview_keeps_its_links_to_public_releases(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """h92: a journalists' preview showed only the releases chosen, and left out the links
    to every other release, public ones too; only those not public yet are left out."""
    english = states_site / "releases/embargoed-one/en.md"
    links = "\nSee [the background](../public-one/) and [the plan](../scheduled-one/).\n"
    english.write_text(english.read_text(encoding="utf-8") + links, encoding="utf-8")
    folder = preview_of(runner, states_site, tmp_path / "preview", "embargoed-one", now=NOW_1)
    page = (folder / "en/embargoed-one/index.html").read_text(encoding="utf-8")
    assert '<a href="../public-one/" rel="noopener noreferrer">the background</a>' in page
    assert "See the background and the plan." in lxml_html.fromstring(page).text_content()


def test_a_withdrawn_release_loses_its_preview_at_the_next_build(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """The link journalists hold showed the withdrawn text, PDF and press kit for good: the
    preview command refuses a withdrawn release, and nothing else removed it."""
    out = tmp_path / "preview"
    embargoed = preview_of(runner, states_site, out, "embargoed-one")
    draft = preview_of(runner, states_site, out, "draft-one")
    yaml_file = states_site / "releases/embargoed-one/release.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8")
        + "status: withdrawn\nwithdrawn: 2024-02-10T10:00:00+01:00\n",
        encoding="utf-8",
    )
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace("status: published\n", ""),
        encoding="utf-8",
    )
    public = tmp_path / "public"
    result = runner.invoke(
        main,
        [
            "build",
            "--site",
            str(states_site),
            "--out",
            str(public),
            "--now",
            "2024-03-02T00:00:00Z",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Preview removed (release withdrawn or deleted): embargoed-one" in result.output
    assert not embargoed.exists() and draft.is_dir()  # the draft's stays
    assert (out / "index.html").is_file()


def test_publish_says_which_previews_it_removed(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """`pressgen build` says so; `publish` and its watch log removed the journalists'
    preview of a withdrawn release without a line (h127)."""
    from pressgen.publish.cycle import Log, publish_once

    preview_of(runner, states_site, tmp_path / "preview", "embargoed-one")
    yaml_file = states_site / "releases/embargoed-one/release.yaml"
    text = yaml_file.read_text(encoding="utf-8").replace("status: published\n", "")
    yaml_file.write_text(text + "status: withdrawn\nwithdrawn: 2024-02-10T10:00:00+01:00\n")
    lines: list[str] = []
    publish_once(states_site, tmp_path / "public", Log(echo=lambda text, _: lines.append(text)))
    said = "preview removed (release withdrawn or deleted): embargoed-one"
    assert [line for line in lines if said in line], lines


def test_a_copy_of_a_site_leaves_the_previews_of_the_original_alone(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A site folder copied with its cache (`cp -a`, a backup) holds the original's records:
    deleting the release in the copy removed the preview journalists held of the original."""
    out = tmp_path / "preview"
    embargoed = preview_of(runner, states_site, out, "embargoed-one")
    copy = tmp_path / "copy"
    shutil.copytree(states_site, copy, symlinks=True)
    shutil.rmtree(copy / "releases/embargoed-one")
    command = ["build", "--site", str(copy), "--out", str(tmp_path / "copy-public")]
    result = runner.invoke(main, [*command, "--now", "2024-03-02T00:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "Preview removed" not in result.output
    assert embargoed.is_dir() and (embargoed / "index.html").is_file()
    shutil.rmtree(states_site / "releases/embargoed-one")  # in the original: it goes
    command = ["build", "--site", str(states_site), "--out", str(tmp_path / "public")]
    result = runner.invoke(main, [*command, "--now", "2024-03-02T00:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "Preview removed (release withdrawn or deleted): embargoed-one" in result.output
    assert not embargoed.exists()


def test_a_moved_site_still_removes_the_previews_of_its_withdrawn_releases(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A site moved with `mv` keeps its records (its old folder holds no cache): h89 found
    that the copy rule above made it forget them, and the preview stayed."""
    out = tmp_path / "preview"
    embargoed = preview_of(runner, states_site, out, "embargoed-one")
    moved = tmp_path / "moved"
    shutil.move(states_site, moved)
    shutil.rmtree(moved / "releases/embargoed-one")
    command = ["build", "--site", str(moved), "--out", str(tmp_path / "public")]
    result = runner.invoke(main, [*command, "--now", "2024-03-02T00:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "Preview removed (release withdrawn or deleted): embargoed-one" in result.output
    assert not embargoed.exists()


@pytest.mark.parametrize("how", ["moved", "copied"])
def test_previews_inside_a_moved_or_copied_site_are_its_own(
    states_site: Path, tmp_path: Path, runner: CliRunner, how: str
) -> None:
    """h91: the records named the previews in the site's own preview/ by the old folder's
    path; after `mv` they were forgotten as folders that are gone, after `cp -a` as the
    original's, and withdrawing the release left its preview online."""
    embargoed = preview_of(runner, states_site, states_site / "preview", "embargoed-one")
    site = tmp_path / "elsewhere"
    (shutil.move if how == "moved" else shutil.copytree)(states_site, site)
    shutil.rmtree(site / "releases/embargoed-one")
    command = ["build", "--site", str(site), "--out", str(tmp_path / "public")]
    result = runner.invoke(main, [*command, "--now", "2024-03-02T00:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "Preview removed (release withdrawn or deleted): embargoed-one" in result.output
    assert not (site / "preview" / embargoed.name).exists()
    assert embargoed.is_dir() == (how == "copied")  # the original's stays


def test_a_damaged_record_of_the_sites_folder_is_a_missing_one(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """h91: a flipped bit in the row naming the site's folder, though its checksum failed,
    made the cache forget every build (a preview then stayed after its release went)."""
    from pressgen.engine.cache import CACHE_DIR, DATABASE, SITE_KEY

    embargoed = preview_of(runner, states_site, tmp_path / "preview", "embargoed-one")
    other = tmp_path / "other-site"  # a site with a cache of its own, as a copy's original
    (other / CACHE_DIR).mkdir(parents=True)
    (other / CACHE_DIR / DATABASE).write_bytes(b"")
    with contextlib.closing(sqlite3.connect(states_site / CACHE_DIR / DATABASE)) as db, db:
        db.execute("UPDATE states SET value = ? WHERE key = ?", (str(other), SITE_KEY))
    shutil.rmtree(states_site / "releases/embargoed-one")
    command = ["build", "--site", str(states_site), "--out", str(tmp_path / "public")]
    result = runner.invoke(main, [*command, "--now", "2024-03-02T00:00:00Z"])
    assert result.exit_code == 0, result.output
    assert not embargoed.exists()


def test_a_new_preview_secret_takes_every_old_preview_address_away(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A preview link leaked: the README says to delete .pressgen-preview, which gives every
    preview a new address. The old addresses went on showing the embargoed text; now the
    next preview removes each preview made with the old secret."""
    out = tmp_path / "preview"
    embargoed = preview_of(runner, states_site, out, "embargoed-one")
    draft = preview_of(runner, states_site, out, "draft-one")
    shutil.rmtree(states_site / ".pressgen-preview")
    result = runner.invoke(
        main, ["preview", "draft-one", "--site", str(states_site), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for release_id in ("embargoed-one", "draft-one"):
        line = f"Old preview removed (made before the preview secret changed): {release_id}"
        assert line in lines, result.output
    assert not embargoed.exists() and not draft.exists()
    assert len([p for p in out.iterdir() if p.is_dir()]) == 1  # the new draft-one preview


def test_a_preview_into_a_what_if_build_names_it_so(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """It said "holds the public site", which sent the officer looking for one."""
    tomorrow = tmp_path / "tomorrow"
    build(states_site, tomorrow, datetime(2030, 1, 1, tzinfo=UTC))  # later than the clock
    command = ["preview", "embargoed-one", "--site", str(states_site), "--out", str(tomorrow)]
    result = runner.invoke(main, command)
    assert result.exit_code == 1
    assert "holds a what-if build" in result.output, result.output


def test_a_preview_in_use_is_removed_once_its_build_ends(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """Left alone while locked, it was never removed: the next builds had nothing to do and
    did not look again."""
    import fcntl
    import os
    import threading

    out = tmp_path / "preview"
    folder = preview_of(runner, states_site, out, "draft-one")
    shutil.rmtree(states_site / "releases/draft-one")
    held = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(held, fcntl.LOCK_EX)
    threading.Timer(1.0, os.close, [held]).start()  # the preview's build ends
    public = tmp_path / "public"
    result = runner.invoke(main, ["build", "--site", str(states_site), "--out", str(public)])
    assert result.exit_code == 0, result.output
    assert "waiting" in result.output and "draft-one" in result.output
    assert not folder.exists()


def test_git_takes_nothing_a_build_or_a_preview_leaves_in_the_site(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A newsroom keeps its site in git: `git add -A` must not take the build's cache, which
    holds embargoed texts and the preview folders' secret names."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed: SKIPPED, the site's .gitignore files are not tried")
    build(states_site, states_site / "public", datetime(2024, 2, 1, tzinfo=UTC))
    preview_of(runner, states_site, states_site / "preview", "embargoed-one")
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run([git, *command], cwd=states_site, check=True)
    listed = subprocess.run(
        [git, "ls-files"], cwd=states_site, check=True, capture_output=True, text=True
    ).stdout.split()
    assert listed and not [name for name in listed if name.startswith(".pressgen")], listed


def test_preview_and_public_site_never_share_a_folder(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "shared"
    folder = preview_of(runner, states_site, out, "embargoed-one")
    result = runner.invoke(main, ["build", "--site", str(states_site), "--out", str(folder)])
    assert result.exit_code == 1
    assert "holds an embargoed preview" in result.output


def test_a_public_build_never_goes_below_the_previews_folder(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """The previews folder holds a folder per preview: a public site in a new folder beside
    them, at any depth, would share their server with them."""
    out = tmp_path / "previews"
    preview_of(runner, states_site, out, "embargoed-one")
    for target in (out / "site", out / "a" / "b" / "c"):
        result = runner.invoke(main, ["build", "--site", str(states_site), "--out", str(target)])
        assert result.exit_code == 1 and "previews" in result.output, result.output
        assert not target.exists()


def test_a_preview_never_goes_into_the_public_site_whose_mark_was_deleted(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """The public folder's mark deleted by hand (the next build would put it back): the
    folder is still the public site, as the site's build records say."""
    public = tmp_path / "public"
    build(states_site, public, datetime(2024, 2, 1, tzinfo=UTC))
    (public / ".pressgen-output").unlink()
    arguments = ["embargoed-one", "--site", str(states_site), "--out", str(public / "x")]
    result = runner.invoke(main, ["preview", *arguments])
    assert result.exit_code == 1 and "public site" in result.output, result.output
    assert not (public / "x").exists()


def test_a_preview_never_goes_into_a_public_site_neither_marked_nor_recorded(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """The public folder's mark and the site's cache both deleted (the README says the cache
    is always safe to delete): a preview went into public/x, embargoed pages inside the
    folder a web server serves (h110); so did one of another site after the mark alone."""
    public = tmp_path / "public"
    build(states_site, public, datetime(2024, 2, 1, tzinfo=UTC))
    (public / ".pressgen-output").unlink()
    shutil.rmtree(states_site / ".pressgen-cache")
    built = tree(public)
    for out in (public / "x", public / "en" / "x", public):
        arguments = ["embargoed-one", "--site", str(states_site), "--out", str(out)]
        result = runner.invoke(main, ["preview", *arguments])
        assert result.exit_code == 1 and "holds a web site" in result.output, result.output
        assert tree(public) == built  # the front page too, which previews replace (h113)


def test_previews_never_go_around_a_public_site_whose_mark_was_deleted(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A folder of previews that would hold the public site, deeper down, once its mark was
    deleted by hand: embargoed text beside the public site, on the same server."""
    web = tmp_path / "web"
    public = web / "a" / "b" / "public"
    build(states_site, public, datetime(2024, 2, 1, tzinfo=UTC))
    (public / ".pressgen-output").unlink()
    arguments = ["embargoed-one", "--site", str(states_site), "--out", str(web)]
    result = runner.invoke(main, ["preview", *arguments])
    assert result.exit_code == 1 and "public site" in result.output, result.output
    assert sorted(p.name for p in web.iterdir()) == ["a"]


def test_a_public_site_never_goes_into_previews_whose_marks_were_deleted(
    states_site: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """Both marks of the previews deleted by hand: the site's build records still say the
    folder holds previews."""
    out = tmp_path / "web" / "previews"
    preview_of(runner, states_site, out, "embargoed-one")
    for mark in [out / ".pressgen-previews", *out.glob("*/.pressgen-preview")]:
        mark.unlink()
    for target in (out / "site", out / "a" / "b", out.parent):
        result = runner.invoke(main, ["build", "--site", str(states_site), "--out", str(target)])
        assert result.exit_code == 1 and "previews" in result.output, result.output
    assert not (out / "site").exists() and not (out / "a").exists()


@pytest.mark.parametrize("made", ["a link", "a file"])
def test_a_preview_secret_folder_that_is_a_link_or_a_file_is_refused(
    states_site: Path, tmp_path: Path, runner: CliRunner, made: str
) -> None:
    """SITE/.pressgen-preview/ as a link: the secret was written through it, outside the
    site; as a file, the command ended with "File exists" alone."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if made == "a link":
        (states_site / ".pressgen-preview").symlink_to(elsewhere)
    else:
        (states_site / ".pressgen-preview").write_text("x\n", encoding="utf-8")
    arguments = ["embargoed-one", "--site", str(states_site), "--out", str(tmp_path / "p")]
    result = runner.invoke(main, ["preview", *arguments])
    assert result.exit_code == 1, result.output
    assert f".pressgen-preview: is {made}, expected the folder" in result.output, result.output
    assert "remove it" in result.output and list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("made", ["a link", "a special file", "a folder"])
@pytest.mark.parametrize("where", [".pressgen-preview/.gitignore", ".gitignore"])
def test_a_gitignore_that_is_a_link_or_a_pipe_is_refused_not_written_through(
    states_site: Path, tmp_path: Path, runner: CliRunner, made: str, where: str
) -> None:
    """A preview wrote its lines in the file a .gitignore link led to, outside the site,
    and waited forever on a pipe there (h101)."""
    outside = tmp_path / "outside.txt"
    outside.write_text("someone's file\n", encoding="utf-8")
    place = states_site / where
    place.parent.mkdir(exist_ok=True)
    if made == "a link":
        place.symlink_to(outside)
    elif made == "a special file":
        os.mkfifo(place)
    else:
        place.mkdir()
    arguments = ["embargoed-one", "--site", str(states_site), "--out", str(states_site / "p")]
    result = runner.invoke(main, ["preview", *arguments])  # a pipe: this would never return
    assert result.exit_code == 1, result.output
    assert f"{place}: is {made}, expected a plain file" in result.output, result.output
    assert outside.read_text(encoding="utf-8") == "someone's file\n"


@pytest.mark.parametrize("how", ["emptied", "deleted"])
def test_a_public_site_emptied_or_deleted_is_still_no_place_for_embargoed_text(
    states_site: Path, tmp_path: Path, runner: CliRunner, how: str
) -> None:
    """A public folder emptied by hand took a what-if build or a preview, embargoed
    releases and all, where a deploy of the folder would send them out (h101). The site's
    cache remembers where public builds wrote; deleting it forgets."""
    folder = tmp_path / "web"
    build(states_site, folder, datetime(2024, 2, 1, tzinfo=UTC))
    if how == "emptied":
        for entry in folder.iterdir():
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    else:
        shutil.rmtree(folder)
    # a build elsewhere forgets the records of deleted folders; not that a public one was
    build(states_site, tmp_path / "elsewhere", datetime(2024, 2, 1, tzinfo=UTC))
    commands = (
        ["preview", "embargoed-one"],
        ["build", "--now", "2030-01-01T00:00:00Z"],
        ["preview", "embargoed-one", "--out", str(folder / "previews")],
    )
    for command in commands:
        arguments = [*command, "--site", str(states_site)]
        if "--out" not in command:
            arguments += ["--out", str(folder)]
        result = runner.invoke(main, arguments)
        assert result.exit_code == 1, result.output
        assert f"a public build of the site wrote into {folder} (" in result.output, result.output
    assert not folder.exists() or list(folder.iterdir()) == []
    shutil.rmtree(states_site / ".pressgen-cache")
    preview_of(runner, states_site, folder, "embargoed-one")


def test_a_public_site_deleted_and_built_again_announces_nothing_new(
    states_site: Path, tmp_path: Path
) -> None:
    """Built again after a build elsewhere had forgotten the deleted folder's records, the
    public site said "Published:" of every release it had put online long before."""
    folder, now = tmp_path / "web", datetime(2024, 2, 1, tzinfo=UTC)
    first = build(states_site, folder, now)
    assert first.published
    shutil.rmtree(folder)
    build(states_site, tmp_path / "elsewhere", now)  # forgets the deleted folder's files
    again = build(states_site, folder, now)
    assert again.published == again.updated == () and again.public == first.public
    assert all_output(folder) == all_output(tmp_path / "elsewhere")


def test_the_public_site_builds_in_its_default_folder_after_a_preview(
    states_site: Path, runner: CliRunner
) -> None:
    """A preview makes the site's secret (SITE/.pressgen-preview/), a folder that bears the
    name of a preview's marker file: the site is no preview, and SITE/public, the default
    output of `build` and `publish`, stays buildable."""
    preview = runner.invoke(main, ["preview", "embargoed-one", "--site", str(states_site)])
    assert preview.exit_code == 0, preview.output
    assert (states_site / ".pressgen-preview" / "secret").is_file()
    built = runner.invoke(main, ["build", "--site", str(states_site)])
    assert built.exit_code == 0, built.output
    assert (states_site / "public" / "en" / "public-one" / "index.html").is_file()


def test_two_builds_give_the_same_bytes(states_site: Path, tmp_path: Path) -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    build(states_site, tmp_path / "a", now)
    build(states_site, tmp_path / "b", now)
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert all_output(tmp_path / "a") == all_output(tmp_path / "b")
    assert not comparison.diff_files


def test_unchanged_files_keep_their_inode_on_rebuild(states_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    now = datetime(2025, 1, 1, tzinfo=UTC)
    build(states_site, out, now)
    before = (out / "en" / "public-one" / "index.html").stat().st_ino
    report = build(states_site, out, now)
    assert report.changed == 0
    assert (out / "en" / "public-one" / "index.html").stat().st_ino == before


CORRECTED = release(
    "2024-01-10T10:00:00+01:00",
    extra=(
        "corrections:\n  - date: 2024-01-11T09:30:00+01:00\n"
        "    note:\n      en: The second paragraph now gives the right figure.\n"
    ),
)


def test_a_correction_updates_the_feed_item_instead_of_adding_one(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site({"releases/first-release/release.yaml": release("2024-01-10T10:00:00+01:00")})
    build(site, tmp_path / "before", datetime(2025, 1, 1, tzinfo=UTC))
    site = make_site({"releases/first-release/release.yaml": CORRECTED})
    build(site, tmp_path / "after", datetime(2025, 1, 1, tzinfo=UTC))
    for kind in ("rss.xml", "atom.xml"):
        before = feedparser.parse((tmp_path / "before" / "en" / kind).read_bytes()).entries
        after = feedparser.parse((tmp_path / "after" / "en" / kind).read_bytes()).entries
        assert [e.id for e in before] == [e.id for e in after]
        assert before[0].published_parsed == after[0].published_parsed
    atom = feedparser.parse((tmp_path / "after" / "en" / "atom.xml").read_bytes())
    assert atom.entries[0].updated == "2024-01-11T09:30:00+01:00"
    page = (tmp_path / "after" / "en" / "first-release" / "index.html").read_text("utf-8")
    assert "Updated on January 11, 2024 at 9:30\u202fAM GMT+01:00" in page
    assert "The second paragraph now gives the right figure." in page


def test_subscribers_and_wires_read_what_a_correction_changed(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The note reached only the page and the plain text: RSS (which has no update date)
    showed nothing, and ninjs only a new version number (an outside check)."""
    site = make_site({"releases/first-release/release.yaml": CORRECTED})
    build(site, tmp_path / "out", datetime(2025, 1, 1, tzinfo=UTC))
    note = "The second paragraph now gives the right figure."
    line = "Updated on January 11, 2024 at 9:30\u202fAM GMT+01:00: " + note
    for kind in ("rss.xml", "atom.xml"):
        entry = feedparser.parse((tmp_path / "out" / "en" / kind).read_bytes()).entries[0]
        assert f">{line}</p>" in entry.content[0].value  # feedparser drops the class
    feed = json.loads((tmp_path / "out" / "en" / "feed.json").read_text("utf-8"))
    assert line in feed["items"][0]["content_html"]
    ninjs = tmp_path / "out" / "en" / "first-release" / "first-release.en.ninjs.json"
    assert json.loads(ninjs.read_text("utf-8"))["edNote"] == line


def test_a_moved_site_keeps_its_guids_with_feeds_authority(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    from .conftest import MINIMAL_CONFIG

    now = datetime(2025, 1, 1, tzinfo=UTC)
    build(make_site(), tmp_path / "old", now)
    moved = MINIMAL_CONFIG.replace("https://news.example.org/", "https://media.example.net/")
    build(
        make_site(config=moved + '\n[feeds]\nauthority = "news.example.org"\n'),
        tmp_path / "new",
        now,
    )
    old = feedparser.parse((tmp_path / "old" / "en" / "rss.xml").read_bytes()).entries
    new = feedparser.parse((tmp_path / "new" / "en" / "rss.xml").read_bytes()).entries
    assert [e.id for e in old] == [e.id for e in new]
    assert new[0].link.startswith("https://media.example.net/")


def test_a_new_deploy_command_renders_nothing_again(states_site: Path, tmp_path: Path) -> None:
    """[publish] is read with the settings but is no part of any page: changing where the
    site is copied to must not render the archive again."""
    from pressgen.read.config import read_config

    out = tmp_path / "public"
    now = datetime(2025, 1, 1, tzinfo=UTC)
    build(states_site, out, now)
    settings = states_site / "pressgen.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\n[publish]\ndeploy = "rsync -a {output}/ /srv/"\n',
        encoding="utf-8",
    )
    config, _ = read_config(states_site)
    assert config is not None and config.publish.deploy == ("rsync", "-a", "{output}/", "/srv/")
    assert build(states_site, out, now).rendered == 0
