"""Incremental builds give, byte for byte, what a build without any cache gives.

A stateful property drives a small site (languages en and fr, one to six releases) through
random edits of its files (some with their modification time put back, as `touch -r`,
`cp -p` or `rsync -t` do), hand edits inside the output (a file changed, deleted or added, a
file made a folder or the reverse, a link or a pipe put in place) and builds interrupted
part way. After each step it builds into the same folder and compares the whole tree with a
build into a new folder without cache. An interrupted build must leave, at every path, the
old file or the new one. Plain tests follow for what the property does not reach.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from pressgen.engine import BuildReport, build, inputs, output
from pressgen.engine.cache import CACHE_DIR, DATABASE, SITE_KEY, Cache
from pressgen.resources import PACKAGE_TEMPLATES
from pressgen.status import when

from .conftest import ENGLISH, MINIMAL_CONFIG, SiteWriter
from .trees import (
    CLOCK,
    NOW,
    assert_nothing_private,
    assert_same_tree,
    english,
    french_catalog,
    full_build,
    many_releases,
    page_template,
    png,
    private_releases,
    release_yaml,
    tree,
)

# Instants a release's date, embargo or correction may take, and instants a build may run at:
# some before, some after, one exactly on the boundary of another.
INSTANTS = (
    "2024-01-10T10:00:00+01:00",
    "2024-06-01T12:00:00+02:00",
    "2025-01-01T00:00:00+00:00",
    "2025-06-01T08:00:00-05:00",
    "2026-02-01T00:00:00+00:00",
)
NOWS = (
    datetime(2024, 3, 1, tzinfo=UTC),
    datetime(2025, 1, 1, tzinfo=UTC),  # the instant of INSTANTS[2]: public from this one on
    NOW,
    datetime(2027, 1, 1, tzinfo=UTC),
)
STATUSES = ("draft", "published", "withdrawn")
HAND_EDITS = ("modify", "delete", "add-file", "add-folder", "file-to-folder", "folder-to-file")
HAND_EDITS += ("link-out", "folder-link-out", "pipe")


@dataclass
class Text:
    title: str
    body: str
    summary: str | None = None

    def markdown(self) -> str:
        summary = f"summary: {self.summary}\n" if self.summary is not None else ""
        return (
            f"---\ntitle: {self.title}\ndateline: Geneva\n{summary}"
            "contacts:\n  - name: Jane Doe\n    email: jdoe@example.org\n"
            f"---\n{self.body}\n"
        )


@dataclass
class Release:
    date: str
    topics: bool
    status: str = "published"
    embargo: str | None = None
    image: int | None = None  # the shade of photo.png, if the release has one
    corrections: list[tuple[str, str]] = field(default_factory=list)
    texts: dict[str, Text] = field(default_factory=dict)

    def yaml(self) -> str:
        lines = [
            f"date: {self.date}",
            "type: press-release",
            "original: en",
            "regions: [global]",
            f"status: {self.status}",
        ]
        if self.topics:
            lines.append("topics: [health]")
        if self.embargo:
            lines.append(f"embargo: {self.embargo}")
        if self.image is not None:
            lines.append("image: photo.png")
        # A correction dated before the release is a problem of its own (test_problems);
        # INSTANTS sort as text in the order of time.
        corrections = [(date, note) for date, note in self.corrections if date >= self.date]
        if corrections:
            lines.append("corrections:")
            for date, note in corrections:
                lines += [f"  - date: {date}", "    note:", f"      en: {note}"]
        return "\n".join(lines) + "\n"

    def files(self) -> dict[str, bytes]:
        files = {"release.yaml": self.yaml().encode()}
        files.update({f"{lang}.md": t.markdown().encode() for lang, t in self.texts.items()})
        if self.image is not None:
            files["photo.png"] = png(self.image)
        return files


def put(path: Path, data: bytes, keep_mtime: bool) -> None:
    """Write `path` only when its bytes change; with `keep_mtime`, put its modification time
    back as it was, as `touch -r`, `cp -p` or `rsync -t` would."""
    if path.is_file() and path.read_bytes() == data:
        return
    before = path.stat() if path.is_file() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if keep_mtime and before is not None:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


index = st.integers(min_value=0, max_value=5)
number = st.integers(min_value=0, max_value=9)
language = st.sampled_from(("en", "fr"))
instant = st.sampled_from(INSTANTS)


class Interrupted(Exception):
    """A build stopped part way, as if its process had been killed."""


class IncrementalBuilds(RuleBasedStateMachine):
    """Every operation is followed by an incremental build and a full one, then compared."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="pressgen-incremental-"))
        self.site = self.folder / "site"
        self.out = self.folder / "public"
        self.outside = self.folder / "outside"  # where links put by hand lead
        self.outside.mkdir()
        (self.outside / "secret.txt").write_bytes(b"never overwritten")
        self.now = NOW
        self.releases: dict[str, Release] = {}
        self.template: int | None = None
        self.catalog: int | None = None
        self.created = 0
        self.full_builds = 0
        self.keep_mtime = False
        self.report: BuildReport | None = None
        # every signature is trusted at once, so that restored mtimes are really tested
        self.racy, inputs.RACY_NS = inputs.RACY_NS, -(10**18)

    # Writing the model to disk.

    def sync(self) -> None:
        keep = self.keep_mtime
        put(self.site / "pressgen.toml", MINIMAL_CONFIG.encode(), keep)
        releases = self.site / "releases"
        releases.mkdir(parents=True, exist_ok=True)
        for folder in releases.iterdir():
            if folder.name not in self.releases:
                shutil.rmtree(folder)
        for release_id, release in self.releases.items():
            folder = releases / release_id
            wanted = release.files()
            for existing in folder.glob("*") if folder.is_dir() else ():
                if existing.name not in wanted:
                    existing.unlink()
            for name, data in wanted.items():
                put(folder / name, data, keep)
        template = None if self.template is None else page_template(self.template).encode()
        self._put_or_remove(self.site / "templates" / "page.html", template)
        catalog = None if self.catalog is None else french_catalog(self.catalog).encode()
        self._put_or_remove(self.site / "locales" / "fr" / "LC_MESSAGES" / "messages.po", catalog)

    def _put_or_remove(self, path: Path, data: bytes | None) -> None:
        if data is None:
            path.unlink(missing_ok=True)
        else:
            put(path, data, self.keep_mtime)

    def new_release(self, date: str) -> None:
        self.created += 1
        release_id = f"release-{self.created}"
        self.releases[release_id] = Release(
            date=date,
            topics=self.created % 2 == 0,
            texts={"en": Text(f"Headline {self.created}", f"Body {self.created}.")},
        )

    def pick(self, i: int) -> Release:
        return self.releases[sorted(self.releases)[i % len(self.releases)]]

    def text(self, i: int, lang: str) -> Text:
        texts = self.pick(i).texts
        return texts.get(lang) or texts["en"]

    def check(self) -> None:
        """Build incrementally into the same folder and in full into a new one; compare."""
        self.sync()
        self.report = build(self.site, self.out, self.now, clock=CLOCK)
        self.full_builds += 1
        full = full_build(self.site, self.folder / f"full-{self.full_builds}", self.now)
        try:
            assert_same_tree(self.out, full)
        finally:
            shutil.rmtree(full)

    def teardown(self) -> None:
        inputs.RACY_NS = self.racy
        shutil.rmtree(self.folder, ignore_errors=True)

    # Edits of the site.

    @initialize(count=st.integers(min_value=1, max_value=3), dates=st.lists(instant, min_size=3))
    def start(self, count: int, dates: list[str]) -> None:
        for n in range(count):
            self.new_release(dates[n])
        self.check()

    @rule(keep=st.booleans())
    def restore_mtimes(self, keep: bool) -> None:
        """From now on, edits put back (or not) each file's modification time."""
        self.keep_mtime = keep

    @rule(i=index, lang=language, n=number)
    def edit_body(self, i: int, lang: str, n: int) -> None:
        self.text(i, lang).body = f"Body {n}.\n\nA second paragraph, number {n}."
        self.check()

    @rule(i=index, lang=language, n=number)
    def edit_title(self, i: int, lang: str, n: int) -> None:
        self.text(i, lang).title = f"Headline {lang} {n}"
        self.check()

    @rule(i=index, lang=language, n=st.none() | number)
    def edit_summary(self, i: int, lang: str, n: int | None) -> None:
        self.text(i, lang).summary = None if n is None else f"Summary {n}"
        self.check()

    @rule(date=instant)
    def add_release(self, date: str) -> None:
        if len(self.releases) < 6:
            self.new_release(date)
        self.check()

    @rule(i=index)
    def delete_release(self, i: int) -> None:
        if len(self.releases) > 1:
            del self.releases[sorted(self.releases)[i % len(self.releases)]]
        self.check()

    @rule(i=index, n=number)
    def toggle_french(self, i: int, n: int) -> None:
        texts = self.pick(i).texts
        if "fr" in texts:
            del texts["fr"]
        else:
            texts["fr"] = Text(f"Titre {n}", f"Corps {n}.")
        self.check()

    @rule(i=index, status=st.sampled_from(STATUSES))
    def change_status(self, i: int, status: str) -> None:
        self.pick(i).status = status
        self.check()

    @rule(i=index, embargo=st.none() | instant)
    def set_embargo(self, i: int, embargo: str | None) -> None:
        self.pick(i).embargo = embargo
        self.check()

    @rule(i=index, date=instant)
    def set_date(self, i: int, date: str) -> None:
        self.pick(i).date = date
        self.check()

    @rule(i=index, date=instant, n=number)
    def add_correction(self, i: int, date: str, n: int) -> None:
        self.pick(i).corrections.append((date, f"Correction {n}."))
        self.check()

    @rule(variant=st.none() | number)
    def change_template(self, variant: int | None) -> None:
        self.template = variant
        self.check()

    @rule(variant=st.none() | number)
    def change_catalog(self, variant: int | None) -> None:
        self.catalog = variant
        self.check()

    @rule(i=index, shade=st.none() | st.integers(min_value=0, max_value=255))
    def change_image(self, i: int, shade: int | None) -> None:
        self.pick(i).image = shade
        self.check()

    @rule(now=st.sampled_from(NOWS))
    def move_now(self, now: datetime) -> None:
        self.now = now
        self.check()

    @rule(data=st.data())
    def touch(self, data: st.DataObject) -> None:
        self.check()  # what an interrupted build left undone is done first
        files = sorted(
            p
            for p in self.site.rglob("*")
            if p.is_file() and CACHE_DIR not in p.relative_to(self.site).parts
        )
        path = data.draw(st.sampled_from(files), label="file")
        info = path.stat()
        later = info.st_mtime_ns + 1_000_000_000
        os.utime(path, ns=(later, later))
        self.check()
        assert self.report is not None
        assert self.report.changed == 0, f"touching {path.name} changed output files"

    # What a person may do inside the output folder.

    @rule(data=st.data(), what=st.sampled_from(HAND_EDITS))
    def edit_output_by_hand(self, data: st.DataObject, what: str) -> None:
        entries = sorted(p for p in self.out.rglob("*") if p.name != ".pressgen-output")
        files = [p for p in entries if p.is_file() and not p.is_symlink()]
        folders = [p for p in entries if p.is_dir() and not p.is_symlink()]
        path = data.draw(st.sampled_from(folders if "folder-to" in what else files), "path")
        if what == "modify":
            path.write_bytes(path.read_bytes().replace(b"Body", b"Edited by hand", 1) + b"\n")
        elif what == "delete":
            path.unlink()
        elif what in ("add-file", "add-folder"):
            extra = path.with_name("added-by-hand")
            extra.mkdir() if what == "add-folder" else extra.write_bytes(b"stray")
        elif what == "file-to-folder":
            path.unlink()
            (path / "inside").mkdir(parents=True)
        elif what == "folder-to-file":
            shutil.rmtree(path)
            path.write_bytes(b"a file where a folder was")
        elif what == "link-out":
            path.unlink()
            path.symlink_to(self.outside / "secret.txt")
        elif what == "folder-link-out" and path.parent != self.out:
            shutil.rmtree(path.parent)
            path.parent.symlink_to(self.outside, target_is_directory=True)
        elif what == "pipe":
            path.unlink()
            os.mkfifo(path)
        self.check()

    @rule(writes=st.integers(min_value=0, max_value=8), i=index, n=number)
    def interrupted_build(self, writes: int, i: int, n: int) -> None:
        """An edit, then a build that stops after a few files are put in place (or just
        before it records what it wrote): every path holds its old file or its new one,
        and the next build (the next rule's) puts everything right."""
        self.text(i, "en").body = f"Interrupted body {n}."
        self.sync()
        before = tree(self.out)
        real_move, done = output.move_into_place, []

        def move_then_stop(folder: int, named: str, name: str) -> None:
            if len(done) == writes:
                raise Interrupted
            done.append(name)
            real_move(folder, named, name)

        output.move_into_place = move_then_stop
        try:
            build(self.site, self.out, self.now, clock=CLOCK)
        except Interrupted:
            pass
        finally:
            output.move_into_place = real_move
        self.full_builds += 1
        full = full_build(self.site, self.folder / f"full-{self.full_builds}", self.now)
        after, expected = tree(self.out), tree(full)
        shutil.rmtree(full)
        for path, content in after.items():
            assert content in (before.get(path), expected.get(path)), path

    @invariant()
    def nothing_beside_the_output_and_nothing_written_through(self) -> None:
        names = sorted(p.name for p in self.folder.iterdir())
        assert names == [n for n in ("outside", "public", "site") if n in names], names
        assert tree(self.outside) == {"secret.txt": b"never overwritten"}


IncrementalBuilds.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestIncrementalBuilds = IncrementalBuilds.TestCase


# Plain tests.


def test_one_and_two_processes_write_the_same_files(make_site: SiteWriter, tmp_path: Path) -> None:
    """80 release-languages: more than MIN_PARALLEL, so that the process pool really runs."""
    from pressgen.engine.execute import MIN_PARALLEL
    from pressgen.render.outputs import PAGES

    site = make_site(many_releases(40), with_default_release=False)
    assert MIN_PARALLEL[PAGES] < 80
    one = full_build(site, tmp_path / "one", NOW, jobs=1)
    two = full_build(site, tmp_path / "two", NOW, jobs=2)
    assert_same_tree(two, one)
    # Incrementally too: a template change re-renders all 80 pages, across the pool.
    report = build(site, tmp_path / "two", NOW, jobs=2)
    assert report.changed == 0
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(page_template(1), encoding="utf-8")
    report = build(site, tmp_path / "two", NOW, jobs=2)
    assert report.rendered == 80
    assert_same_tree(tmp_path / "two", full_build(site, tmp_path / "three", NOW, jobs=1))


def test_a_withdrawal_with_its_modification_time_put_back_is_published(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`touch -r`, `cp -p` and `rsync -t` keep a file's modification time: a build must
    still see the new status (the status-change time moved, and no user can set it)."""
    site = make_site()
    yaml_file = site / "releases/first-release/release.yaml"
    old = 1_600_000_000_000_000_000
    for path in site.rglob("*"):
        os.utime(path, ns=(old, old))  # long settled: its signature is trusted
    out = tmp_path / "public"
    build(site, out, NOW)
    assert (out / "en/first-release/index.html").is_file()
    before = yaml_file.stat()
    yaml_file.write_text(release_yaml().replace("published", "withdrawn"), encoding="utf-8")
    os.utime(yaml_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    build(site, out, NOW)
    # its addresses now say it was withdrawn, and nothing of it is left anywhere else
    names = sorted(p.name for p in (out / "en/first-release").iterdir())
    assert names == ["first-release.en.ninjs.json", "index.html"]
    assert b'"canceled"' in (out / "en/first-release/first-release.en.ninjs.json").read_bytes()
    notice = (out / "en/first-release/index.html").read_text(encoding="utf-8")
    assert "This release was withdrawn." in notice and "A headline in English" not in notice
    others = [v for p, v in tree(out).items() if isinstance(v, bytes) and "first-release" not in p]
    assert not any(b"A headline in English" in v or b"first-release" in v for v in others)


def test_same_size_edit_with_mtime_put_back_is_seen(make_site: SiteWriter, tmp_path: Path) -> None:
    site = make_site()
    text = site / "releases/first-release/en.md"
    old = 1_600_000_000_000_000_000
    for path in site.rglob("*"):
        os.utime(path, ns=(old, old))
    out = tmp_path / "public"
    build(site, out, NOW)
    before = text.stat()
    text.write_text(text.read_text(encoding="utf-8").replace("First", "Fresh"), encoding="utf-8")
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert text.stat().st_size == before.st_size
    build(site, out, NOW)
    assert "Fresh paragraph" in (out / "en/first-release/index.html").read_text(encoding="utf-8")


def test_a_body_never_converted_is_read_again_when_the_clock_lifts_an_embargo(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The cache keeps releases without their Markdown. A release taken from it whose body
    no build has converted yet (it was under embargo) is read from its files again."""
    files = {
        "releases/embargoed/release.yaml": release_yaml(
            extra="embargo: 2025-06-01T08:00:00-05:00\n"
        ),
        "releases/embargoed/en.md": english("under embargo"),
    }
    site = make_site(files)
    out = tmp_path / "public"
    build(site, out, NOW)
    assert not (out / "en" / "embargoed").exists()
    build(site, out, NOW)  # the release now comes from the cache, without its body
    later = datetime(2025, 7, 1, tzinfo=UTC)
    build(site, out, later)
    page = (out / "en" / "embargoed" / "index.html").read_text(encoding="utf-8")
    assert "Body of release under embargo." in page
    assert_same_tree(out, full_build(site, tmp_path / "full", later))


def test_links_to_releases_not_yet_public_are_left_out_until_they_are(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A public release that links to one under embargo, scheduled or in draft would give
    its address away (`/en/zebuembargo/`: the id says what the news is) on its page, text,
    ninjs and feeds; the links are left out, their words kept, until the release is public,
    and an incremental build then puts them back as a full build does. So are links that
    name the id in a slip (`zebuembargo/`, h95) or on another host (a copy of the site)."""
    links = (
        "See [the embargoed one](../zebuembargo/), [the scheduled one](/en/tapirscheduled/),"
        " [its French page](https://news.example.org/fr/tapirscheduled/index.html),"
        " [the draft](../%6Fkapidraft/) and [a photo](../../media/zebuembargo/photo.jpg)."
        " [Another site](https://elsewhere.example.com/en/zebuembargo/) too.\n\n"
        "Slips: [five](zebuembargo/), [six](/zebuembargo/), [seven](/en/tapirscheduled.html),"
        " [eight](/en/zebuembargo;jsessionid=1/),"
        " [news.example.org/en/zebuembargo](https://news.example.org/en/zebuembargo/),"
        " [(https://news.example.org/en/zebuembargo/)](../zebuembargo/),"
        " [\u201chttps://news.example.org/en/zebuembargo/\u201d](../zebuembargo/),"
        " [URL:https://news.example.org/en/zebuembargo/](../zebuembargo/),"
        " [\u200ehttps://news.example.org/en/zebuembargo/\u200e](../zebuembargo/) end.\n\n"
        # spellings a browser or a server takes for the same (h89)
        "Also [one](https://NEWS.example.org.:443/en//zebuembargo/),"
        " [two](%2e%2e/tapirscheduled/), <https://news.example.org/fr/zebuembargo/>,"
        ' <img src="https://news.example.org/media/zebuembargo/a.jpg" alt="a map">.\n\n'
        "And [three](https://news%2Eexample\u3002org/en/zebuembargo/),"
        " [four](../linking/?next=/en/tapirscheduled/) and"
        " [**https://news.example.org/en/zebuembargo/**](https://news.example.org/en/zebuembargo/).\n"
    )
    body = english("linking") + links
    files = {"releases/linking/release.yaml": release_yaml(), "releases/linking/en.md": body}
    site = make_site({**private_releases(), **files})
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    page = (out / "en" / "linking" / "index.html").read_text(encoding="utf-8")
    shown = lxml.html.fromstring(page).text_content()
    assert "See the embargoed one, the scheduled one, its French page, the draft and a photo." in (
        shown
    )
    assert "Also one, two, , a map." in shown
    assert "And three, four and ." in shown
    assert "Another site too." in shown
    assert "Slips: five, six, seven, eight, , , , ,  end." in shown
    assert_nothing_private(out, ("okapidraft", "tapirscheduled", "zebuembargo"))
    later = datetime(2030, 6, 1, tzinfo=UTC)  # the embargo and the schedule have passed
    build(site, out, later, clock=CLOCK)
    page = (out / "en" / "linking" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../zebuembargo/" rel="noopener noreferrer">the embargoed one</a>' in page
    assert 'href="/en/tapirscheduled/"' in page
    assert 'href="https://elsewhere.example.com/en/zebuembargo/"' in page
    assert "okapidraft" not in page  # still a draft
    assert_same_tree(out, full_build(site, tmp_path / "full", later))


def test_the_about_page_leaves_out_its_links_to_releases_not_yet_public(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h95: `[about]` is Markdown too, and its links to a release under embargo were
    published as written."""
    about = '\n[about]\nen = "We are a newsroom. Our [next statement](/en/zebuembargo/)."\n'
    site = make_site(private_releases(), config=MINIMAL_CONFIG + about)
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    page = (out / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert "Our next statement." in lxml.html.fromstring(page).text_content()
    assert_nothing_private(out, ("okapidraft", "tapirscheduled", "zebuembargo"))
    later = datetime(2030, 6, 1, tzinfo=UTC)
    build(site, out, later, clock=CLOCK)
    page = (out / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="/en/zebuembargo/"' in page
    assert_same_tree(out, full_build(site, tmp_path / "full", later))


def test_a_language_losing_its_last_release_leaves_no_sitemap_link_to_its_lists(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The English sitemap names the French version of each list page: when the French
    release goes, its year and region pages go, and so must the links to them (they stayed
    in incremental builds, against what a full build writes)."""
    site = make_site(
        {
            "releases/first-release/release.yaml": release_yaml(),
            "releases/first-release/en.md": english("in English"),
            "releases/french-only/release.yaml": release_yaml().replace(
                "original: en", "original: fr"
            ),
            "releases/french-only/fr.md": english("en français"),
        },
        with_default_release=False,
    )
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    sitemap = (out / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="fr" href="https://news.example.org/fr/years/2024/"' in sitemap
    shutil.rmtree(site / "releases" / "french-only")
    build(site, out, NOW, clock=CLOCK)
    assert "/fr/years/" not in (out / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert_same_tree(out, full_build(site, tmp_path / "full"))


def test_a_template_edit_renders_again_only_the_pages_built_from_it(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """page.html shapes release pages only; base.html, which every page extends, all pages."""
    site = make_site({})
    out = tmp_path / "public"
    build(site, out, NOW)
    index, page = out / "en" / "index.html", out / "en" / "first-release" / "index.html"
    before = index.stat()
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(page_template(1), encoding="utf-8")
    build(site, out, NOW)
    assert "Site note 1" in page.read_text(encoding="utf-8")
    after = index.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))

    edited = (PACKAGE_TEMPLATES / "base.html").read_text(encoding="utf-8")
    edited = edited.replace("</body>", '<p class="site-note">Base note</p>\n</body>', 1)
    (site / "templates" / "base.html").write_text(edited, encoding="utf-8")
    build(site, out, NOW)
    assert "Base note" in index.read_text(encoding="utf-8")
    assert "Base note" in page.read_text(encoding="utf-8")
    assert_same_tree(out, full_build(site, tmp_path / "full-again", NOW))


def test_a_catalog_fix_renders_again_the_files_of_its_language_only(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Release files are keyed by their language's whole catalog: a French fix renders the
    French files again, and no English one."""
    site = make_site(many_releases(6), with_default_release=False)
    out = tmp_path / "public"
    build(site, out, NOW)

    def english() -> dict[Path, tuple[int, int]]:
        found = (p for p in out.glob("en/**/*") if p.is_file())
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in found}

    before = english()
    catalog = site / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(french_catalog(1), encoding="utf-8")
    report = build(site, out, NOW)
    assert report.rendered >= 6  # the six French release-languages, and what shows them
    french = (out / "fr" / "release-004" / "index.html").read_text(encoding="utf-8")
    assert "Communiqué de presse X1" in french
    assert before and english() == before
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))


def test_a_parent_catalog_edit_renders_again_the_pages_of_a_regional_language(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A fr-CA page takes the words of the site's fr catalog: an edit of that catalog kept
    the old words on fr-CA pages (their keys knew only locales/fr_CA), until a --full
    build."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr-CA"]')
    config = config.replace('fr = "Salle', 'fr-CA = "Salle')
    site = make_site({"releases/first-release/fr-CA.md": ENGLISH}, config=config)
    catalog = site / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(french_catalog(1), encoding="utf-8")
    out = tmp_path / "public"
    build(site, out, NOW)
    page = out / "fr-CA" / "first-release" / "index.html"
    kind = "//span[@class='release-type']/text()"
    assert lxml.html.parse(str(page)).xpath(kind) == ["Communiqué de presse X1"]
    catalog.write_text(french_catalog(2), encoding="utf-8")
    build(site, out, NOW)
    assert lxml.html.parse(str(page)).xpath(kind) == ["Communiqué de presse X2"]
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))


def test_the_cache_forgets_the_files_a_build_removed(make_site: SiteWriter, tmp_path: Path) -> None:
    """The cache's record of each file (its signature) stays that of the file in the
    folder, though a build writes back only the records that changed: a record left behind
    inside a search bundle, or one not updated, would have every later build render the
    file again. A full build replaces every record."""
    site = make_site(many_releases(4), with_default_release=False)
    out = tmp_path / "public"
    build(site, out, NOW)
    release, aside = site / "releases" / "release-001", tmp_path / "release-001"

    def records() -> dict[str, tuple[int, ...]]:
        found = Cache(site).outputs(out.absolute(), "public []")
        return {path: signature for path, (_, signature) in found.items()}

    def files() -> dict[str, tuple[int, ...]]:
        paths = {p for p, v in tree(out).items() if v != "folder"} - {".pressgen-output"}
        found = {path: (out / path).stat() for path in paths}
        return {p: (i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino) for p, i in found.items()}

    for incremental in (False, True):
        shutil.move(release, aside)
        build(site, out, NOW, incremental=incremental)
        assert not any("release-001" in path for path in files())
        assert records() == files()
        shutil.move(aside, release)
        build(site, out, NOW)
        assert any("release-001" in path for path in files())
        assert records() == files()


def test_the_cache_keeps_what_edits_leave_behind_within_a_quarter(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Each edit leaves an old release and an old body in the cache; builds sweep them once
    they are more than a quarter of what the site uses, so the cache does not grow."""
    site = make_site(many_releases(8), with_default_release=False)
    out = tmp_path / "public"
    build(site, out, NOW)
    text = site / "releases" / "release-003" / "en.md"
    counts = []
    for n in range(12):
        text.write_text(english(f"edit {n}"), encoding="utf-8")
        build(site, out, NOW)
        cache = Cache(site)
        counts.append((cache.count("releases"), cache.count("bodies")))
        cache.close()
    assert all(releases <= 10 and bodies <= 20 for releases, bodies in counts), counts
    assert max(counts) > min(counts)  # left behind, then swept


def test_the_cache_forgets_builds_into_folders_that_are_gone(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`pressgen serve` builds into a new temporary folder each time and removes it when it
    stops: the next build that renders forgets that folder's state and rows, and keeps
    those of folders that still exist."""
    site = make_site(many_releases(3), with_default_release=False)
    public, served = tmp_path / "public", tmp_path / "serve" / "site"
    preview = tmp_path / "previews" / "pv"  # as `pressgen preview` places one
    build(site, public, NOW)
    build(site, served, NOW, preview=True)
    build(site, preview, NOW, preview=True, only=["release-001"])

    def folders() -> set[str]:
        with contextlib.closing(sqlite3.connect(site / CACHE_DIR / DATABASE)) as db:
            states = {key for (key,) in db.execute("SELECT key FROM states")} - {SITE_KEY}
            rows = {key for (key,) in db.execute("SELECT DISTINCT folder FROM outputs")}
        assert rows == states
        return states

    assert folders() == {
        f"public [] {public.absolute()}",
        f"preview [] {served.absolute()}",
        f"preview ['release-001'] {preview.absolute()}",
    }
    shutil.rmtree(served.parent)
    assert build(site, public, NOW).rendered == 0  # a build with nothing to do writes nothing
    assert len(folders()) == 3
    (site / "releases" / "release-002" / "en.md").write_text(english("changed"), "utf-8")
    build(site, public, NOW)
    assert folders() == {
        f"public [] {public.absolute()}",
        f"preview ['release-001'] {preview.absolute()}",
    }


def test_a_no_op_build_reports_what_is_public_and_what_comes_next(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`publish --watch` deploys and sleeps on what the build reports: the releases public
    now and the next publication, zone and all. A build with nothing to do reports them as
    the build that rendered did."""
    files = many_releases(2)
    files["releases/later/release.yaml"] = release_yaml(
        extra="embargo: 2030-03-02T10:00 Europe/Geneva\n"
    )
    files["releases/later/en.md"] = english("later")
    site = make_site(files, with_default_release=False)
    out = tmp_path / "public"
    rendered = build(site, out, NOW)
    again = build(site, out, NOW)
    assert again.rendered == 0 and rendered.rendered > 0
    for report in (rendered, again):
        assert report.public == (("release-000", ("en", "fr")), ("release-001", ("en", "fr")))
        assert report.upcoming is not None
        instant, ids = report.upcoming
        assert ids == ("later",)
        assert when(instant) == "2030-03-02 10:00 CET (09:00 UTC)"


def test_a_correction_dated_ahead_is_no_longer_warned_of_once_its_day_has_come(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A build with nothing to do repeats its last report only while the same dates lie
    ahead: past the day of a correction dated ahead, the warning that it is later than now
    goes, as a build without the cache says."""
    correction = "corrections:\n  - date: 2026-06-01T10:00:00Z\n    note:\n      en: Fixed.\n"
    site = make_site({"releases/first-release/release.yaml": release_yaml(extra=correction)})
    out = tmp_path / "public"
    before = build(site, out, datetime(2026, 5, 1, tzinfo=UTC), clock=CLOCK)
    assert any("later than now" in warning for warning in before.warnings)
    after = build(site, out, datetime(2026, 7, 1, tzinfo=UTC), clock=CLOCK)
    assert not any("later than now" in warning for warning in after.warnings), after.warnings


def test_a_new_version_of_a_library_renders_the_site_again(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new Markdown, Babel or Typst may write other bytes: with no input changed, a build
    after an upgrade renders again instead of finding nothing to do."""
    building = sys.modules["pressgen.engine.build"]  # the module, not its function
    site, out = make_site(), tmp_path / "public"
    build(site, out, NOW)
    assert build(site, out, NOW).rendered == 0
    upgraded = building.library_versions() + " markdown=99"
    monkeypatch.setattr(building, "library_versions", lambda: upgraded)
    assert build(site, out, NOW).rendered > 0


def test_a_preview_built_again_after_its_embargo_ends_loses_its_banner(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A preview folder built under embargo, then again once the embargo has ended, holds
    what a first preview at that instant holds: no page still says "EMBARGOED UNTIL"."""
    embargoed = release_yaml(extra="embargo: 2026-06-01T10:00:00Z\n")
    site = make_site({"releases/first-release/release.yaml": embargoed})
    again, fresh = tmp_path / "previews-a", tmp_path / "previews-b"
    build(site, again, datetime(2026, 5, 1, tzinfo=UTC), preview=True, clock=CLOCK)
    assert b"EMBARGOED UNTIL" in (again / "en/first-release/index.html").read_bytes()
    later = datetime(2026, 7, 1, tzinfo=UTC)
    build(site, again, later, preview=True, clock=CLOCK)
    build(site, fresh, later, preview=True, clock=CLOCK)
    assert_same_tree(again, fresh)
    assert b"EMBARGOED UNTIL" not in (again / "en/first-release/index.html").read_bytes()


def test_a_no_op_rebuild_touches_no_file(make_site: SiteWriter, tmp_path: Path) -> None:
    site = make_site(
        {
            "releases/first-release/fr.md": english("français"),
            "releases/first-release/release.yaml": release_yaml(extra="image: photo.png\n"),
            "releases/first-release/photo.png": png(7),
        }
    )
    out = tmp_path / "public"
    build(site, out, NOW)

    def stats() -> dict[str, tuple[int, int]]:
        return {
            path: ((out / path).stat().st_ino, (out / path).stat().st_mtime_ns)
            for path in tree(out)
        }

    before = stats()
    assert ".pressgen-output" in before and "en/first-release/index.html" in before
    report = build(site, out, NOW)
    assert report.changed == 0
    assert stats() == before
    # Also when the build cannot take its shortcut: a file touched but not changed.
    os.utime(site / "releases/first-release/en.md")
    assert build(site, out, NOW).changed == 0
    assert stats() == before
    # And when it renders everything again and finds the same bytes.
    assert build(site, out, NOW, incremental=False).changed == 0
    assert stats() == before


def test_a_cache_for_another_output_folder_does_not_leak(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Two folders built from one site at different instants each stay what a full build gives."""
    later = datetime(2024, 9, 1, tzinfo=UTC)
    early_now = datetime(2024, 6, 1, tzinfo=UTC)
    files = {
        "releases/scheduled/release.yaml": release_yaml("2024-08-01T10:00:00+02:00"),
        "releases/scheduled/en.md": english("scheduled"),
    }
    site = make_site(files)
    early, late = tmp_path / "early", tmp_path / "late"
    build(site, early, early_now)
    build(site, late, later)
    assert (late / "en" / "scheduled").is_dir() and not (early / "en" / "scheduled").exists()
    (site / "releases/first-release/en.md").write_text(english("edited"), encoding="utf-8")
    build(site, late, later)
    build(site, early, early_now)
    assert_same_tree(early, full_build(site, tmp_path / "full-early", early_now))
    assert_same_tree(late, full_build(site, tmp_path / "full-late", later))


def test_a_mode_changed_by_hand_in_the_output_is_put_back(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`chmod 600` on a page keeps a web server from reading it; the bytes are right, so
    only the mode tells the next build to write the file again."""
    site = make_site()
    out = tmp_path / "public"
    build(site, out, NOW)
    page = out / "en" / "first-release" / "index.html"
    usual = page.stat().st_mode
    page.chmod(0o600)
    build(site, out, NOW)
    assert page.stat().st_mode == usual


@pytest.mark.parametrize("mode", [0o700, 0o555, 0o000])
def test_a_folders_mode_changed_by_hand_in_the_output_is_put_back(
    make_site: SiteWriter, tmp_path: Path, mode: int
) -> None:
    """`chmod 700 public/en` keeps a web server out of a whole language, `chmod 555` keeps
    the next build from writing in it: a folder gets back the mode a new folder has."""
    site = make_site()
    out = tmp_path / "public"
    build(site, out, NOW)
    folder = out / "en" / "first-release"
    usual = folder.stat().st_mode
    for changed in (folder, out / "en"):
        changed.chmod(mode)
    build(site, out, NOW)
    assert [folder.stat().st_mode, (out / "en").stat().st_mode] == [usual, usual]


@pytest.mark.parametrize("what", ["modified", "deleted"])
def test_an_output_changed_by_hand_is_rewritten_by_the_next_build(
    make_site: SiteWriter, tmp_path: Path, what: str
) -> None:
    site = make_site()
    out = tmp_path / "public"
    build(site, out, NOW)
    page = out / "en" / "first-release" / "index.html"
    if what == "modified":
        page.write_bytes(page.read_bytes().replace(b"First paragraph", b"Edited by hand"))
    else:
        page.unlink()
    build(site, out, NOW)
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))


def test_a_same_size_hand_edit_with_mtime_put_back_is_repaired(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site()
    out = tmp_path / "public"
    build(site, out, NOW)
    page = out / "en" / "first-release" / "index.html"
    before = page.stat()
    page.write_bytes(page.read_bytes().replace(b"First", b"Fakes"))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    build(site, out, NOW)
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))


def test_a_build_removes_the_scratch_folders_a_killed_build_left(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typst's pictures go to scratch folders named after their process; a build killed
    with `kill -9` cannot remove its own, so the next build does, and never one of a process
    that still runs or a folder it did not make."""
    import subprocess
    import sys

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(gone.stdout)
    left = [temporary / f"pressgen-print-{dead}-ab12cd34", temporary / f"pressgen-print-{dead}-x"]
    kept = [
        temporary / f"pressgen-print-{os.getpid()}-running",  # a build under way
        temporary / "pressgen-print-notapid",  # not a name pressgen gives
        temporary / f"someone-else-{dead}-x",
    ]
    for folder in left + kept:
        (folder / "pictures").mkdir(parents=True)
    build(make_site(), tmp_path / "public", NOW, clock=CLOCK)
    assert [folder.exists() for folder in left] == [False, False]
    assert all(folder.exists() for folder in kept)


def test_a_release_in_another_language_moves_the_versions_of_a_later_page(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Page 2 of the English index names the French page 2 as its version while both list
    the same release; a French-only release, newer, shifts the French pages: the English
    page and sitemap, whose own releases did not change, must say so on the next build."""
    config = MINIMAL_CONFIG.replace("[topics]", "[archive]\npage_size = 1\n\n[topics]")
    french = ENGLISH.replace("A headline in English", "Un titre")
    files = {"pressgen.toml": config, "releases/first-release/fr.md": french}
    for name, day in (("second", "02"), ("third", "03")):
        files[f"releases/{name}/release.yaml"] = release_yaml(f"2024-05-{day}T10:00:00+02:00")
        files[f"releases/{name}/en.md"] = ENGLISH
        files[f"releases/{name}/fr.md"] = french
    site = make_site(files)
    out = tmp_path / "out"
    build(site, out, NOW)
    assert _versions(out / "en/page/2/index.html") == ["en", "fr"]
    newest = site / "releases/newest"
    newest.mkdir()
    (newest / "release.yaml").write_text(
        release_yaml("2024-06-01T10:00:00+02:00").replace("original: en", "original: fr")
    )
    (newest / "fr.md").write_text(french)
    build(site, out, NOW)
    assert _versions(out / "en/page/2/index.html") == []
    assert_same_tree(out, full_build(site, tmp_path / "full"))


def _versions(page: Path) -> list[str]:
    head = lxml.html.fromstring(page.read_bytes()).head
    return sorted(head.xpath("link[@rel='alternate'][@hreflang]/@hreflang"))


def test_equal_listings_seal_alike_however_their_values_were_made() -> None:
    """The seal of what the output holds is made once from the folder's walk and once from
    what the build wrote: equal listings must give equal seals, or no build is ever found
    to have nothing to do. (marshal's later versions mark interned strings and objects met
    twice.)"""
    from pressgen.engine.inputs import seal

    mark = (71, 1, 1, 5)
    walked = {"".join(["robots", ".txt"]): (9, 2, 2, 7), ".pressgen-output": mark}
    written = {sys.intern("robots.txt"): (9, 2, 2, 7), ".pressgen-output": mark, "x": mark}
    del written["x"]
    assert seal(walked, ["en"]) == seal(written, ["".join(["e", "n"])])


def test_a_new_locale_for_a_language_converts_its_bodies_again(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`[site.locales]` decides how digits are grouped in a body ("140 000" becomes
    "140\u00a0000" in South African English): a body converted under the old locale is
    not the one a build without cache makes."""
    body = "---\ntitle: Headline\ndateline: Geneva\n---\nSome 140 000 people moved.\n"
    site = make_site({"releases/first-release/en.md": body})
    out = tmp_path / "public"
    build(site, out, NOW)
    config = site / "pressgen.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[site.locales]\nen = "en_ZA"\n', encoding="utf-8"
    )
    build(site, out, NOW)
    page = (out / "en/first-release/index.html").read_text(encoding="utf-8")
    assert "140\u00a0000" in page
    assert_same_tree(out, full_build(site, tmp_path / "clean", NOW))


def test_a_catalog_in_a_linked_folder_is_followed_when_it_changes(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`locales/fr` a link to a folder shared by several sites: an edit of its catalog
    changed nothing until a --full build (the linked folder's files were not read)."""
    site = make_site()
    shared = site / "shared" / "fr" / "LC_MESSAGES"
    shared.mkdir(parents=True)
    catalog = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    catalog += 'msgid "Migration health"\nmsgstr "Santé des migrants"\n\n'
    (shared / "messages.po").write_text(catalog + 'msgid "Search"\nmsgstr "Chercher AAA"\n')
    shutil.rmtree(site / "locales" / "fr")
    (site / "locales" / "fr").symlink_to(site / "shared" / "fr")
    out = tmp_path / "public"
    build(site, out, NOW)
    assert "Chercher AAA" in (out / "fr" / "index.html").read_text(encoding="utf-8")
    (shared / "messages.po").write_text(catalog + 'msgid "Search"\nmsgstr "Chercher BBB"\n')
    build(site, out, NOW)
    assert "Chercher BBB" in (out / "fr" / "index.html").read_text(encoding="utf-8")


def test_a_withdrawn_release_losing_a_language_leaves_no_link_to_its_notice_there(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A withdrawn release whose French version is removed: the English notice, whose own
    files have not changed, no longer offers the French notice, which is gone."""
    withdrawn = release_yaml(extra="withdrawn: 2025-02-01T10:00:00Z\n")
    site = make_site(
        {
            "releases/first-release/release.yaml": withdrawn.replace("published", "withdrawn"),
            "releases/first-release/fr.md": english("en français"),
        }
    )
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    assert lxml.html.fromstring((out / "en/first-release/index.html").read_bytes()).xpath(
        "//a[@hreflang='fr']"
    )
    (site / "releases/first-release/fr.md").unlink()
    build(site, out, NOW, clock=CLOCK)
    notice = lxml.html.fromstring((out / "en/first-release/index.html").read_bytes())
    assert not notice.xpath("//a[@hreflang='fr']") and not (out / "fr/first-release").exists()
    assert_same_tree(out, full_build(site, tmp_path / "full"))


def test_a_translation_added_to_a_public_release_joins_its_other_pages_switchers(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A French version added to a public English release: the English page, whose own
    files have not changed, now offers it (its key holds the release's languages), as a
    full build does."""
    site = make_site()
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    page = out / "en/first-release/index.html"
    assert not lxml.html.fromstring(page.read_bytes()).xpath("//a[@hreflang='fr']")
    (site / "releases/first-release/fr.md").write_text(english("en français"), encoding="utf-8")
    build(site, out, NOW, clock=CLOCK)
    assert lxml.html.fromstring(page.read_bytes()).xpath("//a[@hreflang='fr']")
    assert_same_tree(out, full_build(site, tmp_path / "full"))
