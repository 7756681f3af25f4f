"""The doors a press officer opens every day: what-if builds, private previews of chosen
releases, withdrawals, and the build saying what it published."""

from __future__ import annotations

import hashlib
import hmac
import json
import multiprocessing
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pressgen.cli import main
from pressgen.engine import build, output
from pressgen.preview import SECRET_DIR, preview_token, site_secret

from .conftest import ENGLISH, MINIMAL_CONFIG, SiteWriter
from .pdftools import pdf_text
from .trees import assert_same_tree, full_build, release_yaml, tree

SCHEMA = Path(__file__).resolve().parent / "schemas" / "ninjs-schema_3.1.json"
APRIL = "2026-04-25T10:00:00Z"
LATER = datetime.now(UTC) + timedelta(days=3)  # an embargo the clock has not reached
EMBARGOED = {
    "releases/embargoed/release.yaml": release_yaml(extra=f"embargo: {LATER.isoformat()}\n"),
    "releases/embargoed/en.md": ENGLISH.replace("A headline in English", "Secret headline"),
}


def run(runner: CliRunner, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(main, list(arguments))
    return result.exit_code, result.output


def folders_in(out: Path) -> list[Path]:
    """The folders of a previews folder: one per preview (beside the folder's mark)."""
    return [path for path in out.iterdir() if path.is_dir()]


def every_byte(out: Path) -> bytes:
    return b"".join(v for v in tree(out).values() if isinstance(v, bytes))


# --- What-if builds -----------------------------------------------------------------------


def test_a_what_if_build_never_writes_into_the_public_site(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site(EMBARGOED)
    later = (LATER + timedelta(hours=1)).isoformat()
    public = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(public))[0] == 0
    before = tree(public)
    for target in (public, site / "public", public / "inside"):
        code, output = run(
            runner, "build", "--site", str(site), "--out", str(target), "--now", later
        )
        refused = ("never writes into the public site", "is inside the pressgen output")
        assert code == 1 and any(why in output for why in refused), target
    assert tree(public) == before and b"Secret headline" not in every_byte(public)


def test_a_what_if_build_never_writes_into_a_public_site_whose_mark_was_deleted(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """With `.pressgen-output` deleted by hand, a what-if build into public/sub wrote the
    embargoed text inside the public site (a preview there was refused), and the public
    site could no longer be built: the site's cache remembers where it was built."""
    site = make_site(EMBARGOED)
    later = (LATER + timedelta(hours=1)).isoformat()
    public = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(public))[0] == 0
    (public / ".pressgen-output").unlink()
    before = tree(public)
    for target in (public, public / "sub"):
        code, output = run(
            runner, "build", "--site", str(site), "--out", str(target), "--now", later
        )
        assert code == 1 and "never writes into the public site" in output, (target, output)
    assert tree(public) == before and b"Secret headline" not in every_byte(public)


def test_a_mark_of_another_kind_made_by_hand_is_told_as_such(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`echo x > public/.pressgen-preview` was told "holds an embargoed preview", with no
    word of what to do (h101). It is still refused (a damaged mark is a mark), now saying
    it is not one pressgen wrote."""
    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    (out / ".pressgen-preview").write_text("x\n")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 1 and "though not its text: if a person put it there, remove it" in output
    (out / ".pressgen-preview").unlink()
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0


def test_a_what_if_build_in_the_folder_of_previews_is_told_where_it_is(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Refused, it was told it "never writes into the public site": SITE/preview is not
    the public site (h101)."""
    site = make_site(EMBARGOED)
    later = (LATER + timedelta(hours=1)).isoformat()
    target = site / "preview" / "x"
    code, output = run(runner, "build", "--site", str(site), "--out", str(target), "--now", later)
    assert code == 1 and "is inside the site's preview folder" in output, output
    assert "public site" not in output.replace("previews and the public site", "")


def test_a_what_if_folder_says_so_and_a_real_build_takes_it_back(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site(EMBARGOED)
    out = tmp_path / "what-if"
    later = (LATER + timedelta(hours=1)).isoformat()
    code, output = run(runner, "build", "--site", str(site), "--out", str(out), "--now", later)
    assert code == 0 and "what-if build" in output and "never copy it" in output
    lines = output.splitlines()  # nothing went out: no line may read as if it had
    # only what is not public yet: first-release is, and was listed too as if it were news
    assert f"Would be published by {later}: embargoed (en)" in lines
    assert "first-release" not in output
    assert not any(line.startswith("Published") for line in lines), output
    assert (out / ".pressgen-what-if").is_file() and not (out / ".pressgen-output").exists()
    assert b"Secret headline" in every_byte(out)
    english = site / "releases/first-release/en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", "utf-8")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out), "--now", later)
    assert code == 0 and f"Would be updated by {later}: first-release (en)" in output.splitlines()
    embargoed = site / "releases/embargoed/en.md"  # not public now: still news to publish
    embargoed.write_text(embargoed.read_text(encoding="utf-8") + "\nMore.\n", "utf-8")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out), "--now", later)
    assert code == 0 and f"Would be published by {later}: embargoed (en)" in output.splitlines()
    code, output = run(runner, "publish", "--site", str(site), "--out", str(out))
    assert code == 0  # publish builds at the real time: the folder is taken back first
    assert (out / ".pressgen-output").is_file() and not (out / ".pressgen-what-if").exists()
    assert b"Secret headline" not in every_byte(out)
    now = datetime.now(UTC)
    assert_same_tree(out, full_build(site, tmp_path / "full", now, clock=now))


# --- Private previews of chosen releases ----------------------------------------------------


def test_a_preview_holds_its_release_alone_at_a_path_nobody_guesses(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site(EMBARGOED)
    out = tmp_path / "preview"
    code, output = run(runner, "preview", "embargoed", "--site", str(site), "--out", str(out))
    assert code == 0, output
    (folder,) = folders_in(out)
    token = folder.name
    assert len(token) >= 24 and "embargoed" not in token
    digests = (hashlib.sha256, hashlib.md5, hashlib.sha1, hashlib.blake2b)
    assert not any(token in d(b"embargoed").hexdigest() for d in digests)
    files = tree(folder)
    assert not any("first-release" in path for path in files)  # no other release
    assert not any(
        path.endswith(("rss.xml", "atom.xml", "feed.json", "sitemap.xml")) for path in files
    )
    assert not any(path.startswith(("pagefind", "en/search")) for path in files)
    pages = [path for path in files if path.endswith(".html")]
    assert pages
    for path in pages:
        robots = lxml.html.fromstring(files[path]).xpath("//meta[@name='robots']/@content")
        assert robots and "noindex" in robots[0], path
    page = files["en/embargoed/index.html"]
    assert isinstance(page, bytes) and b"EMBARGOED UNTIL" in page and b"Secret headline" in page
    assert b"rss.xml" not in page and b"atom.xml" not in page  # it links to no feed
    printed = pdf_text(folder / "en/embargoed/embargoed.en.pdf")  # the PDF is warned too
    assert "EMBARGOED UNTIL" in printed and "Secret headline" in printed
    # built again, the same folder: a link once sent keeps working
    assert run(runner, "preview", "embargoed", "--site", str(site), "--out", str(out))[0] == 0
    assert [p.name for p in folders_in(out)] == [token]
    # another site (another secret) gives the same release another folder, beside this one
    other = site.parent / "other-site"
    shutil.copytree(site, other, ignore=shutil.ignore_patterns(".pressgen-*"))
    (other / SECRET_DIR).mkdir()
    (other / SECRET_DIR / "secret").write_text("another secret, long enough to be kept\n")
    assert run(runner, "preview", "embargoed", "--site", str(other), "--out", str(out))[0] == 0
    assert len(folders_in(out)) == 2
    # this site's new secret: the preview moves, and its old address goes
    (site / SECRET_DIR / "secret").write_text("a new secret, long enough to be kept\n")
    assert run(runner, "preview", "embargoed", "--site", str(site), "--out", str(out))[0] == 0
    assert len(folders_in(out)) == 2 and token not in {p.name for p in folders_in(out)}
    # a passphrase a team chose, spaces and all, is kept (h103: it was made anew)
    chosen = "correct horse battery staple, shared by the team\n"
    (site / SECRET_DIR / "secret").write_text(chosen)
    assert run(runner, "preview", "embargoed", "--site", str(site), "--out", str(out))[0] == 0
    assert (site / SECRET_DIR / "secret").read_text() == chosen


@pytest.mark.parametrize("left", ["", "0f3a\n", "\0" * 64, "a" * 64])
def test_a_secret_cut_short_is_made_anew_not_used(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, left: str
) -> None:
    """A first preview stopped while it wrote the secret (a full disk) left it empty, and
    every later preview used it: an address anyone could work out from the release id. A
    file of zero bytes (what a crash may leave) was as guessable, and taken (h101)."""
    site = make_site(EMBARGOED)
    (site / SECRET_DIR).mkdir()
    (site / SECRET_DIR / "secret").write_text(left)
    out = tmp_path / "preview"
    code, output = run(runner, "preview", "embargoed", "--site", str(site), "--out", str(out))
    assert code == 0, output
    secret = (site / SECRET_DIR / "secret").read_text().strip()
    assert re.fullmatch("[0-9a-f]{64}", secret)
    guessable = hmac.new(left.strip().encode(), b"preview embargoed", hashlib.sha256)
    assert [p.name for p in folders_in(out)] == [preview_token(secret.encode(), "embargoed")]
    assert guessable.hexdigest()[:24] not in {p.name for p in folders_in(out)}
    assert sorted(p.name for p in (site / SECRET_DIR).iterdir()) == [".gitignore", "secret"]


def _secret_when_told(site: Path, start: Any, answers: Any) -> None:
    start.wait()
    try:
        answers.put(site_secret(site))
    except Exception as error:
        answers.put(repr(error))


@pytest.mark.parametrize("left", [None, ""])
def test_previews_at_once_make_and_use_one_secret(tmp_path: Path, left: str | None) -> None:
    """Previews into different folders do not wait for each other: three at once made
    three secrets, each its own previews' address, and the one left on disk gave the
    others' links away as old (h100: 109 of 300 tries on a fresh site)."""
    context = multiprocessing.get_context("fork")
    for trial in range(40):
        site = tmp_path / f"site-{trial}"
        site.mkdir()
        if left is not None:  # a secret cut short
            (site / SECRET_DIR).mkdir()
            (site / SECRET_DIR / "secret").write_text(left)
        start, answers = context.Event(), context.Queue()
        workers = [
            context.Process(target=_secret_when_told, args=(site, start, answers)) for _ in range(3)
        ]
        for worker in workers:
            worker.start()
        start.set()
        got = [answers.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join()
        on_disk = (site / SECRET_DIR / "secret").read_bytes().strip()
        assert got == [on_disk] * 3, (trial, got, on_disk)


def test_the_default_previews_folder_is_kept_out_of_git(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`preview` writes into SITE/preview/ by default: `git add -A` put the embargoed text
    and the preview's secret address in the site's history."""
    site = make_site(EMBARGOED)
    (site / ".gitignore").write_text("/public/", encoding="utf-8")  # no newline at its end
    for _ in range(2):
        assert run(runner, "preview", "embargoed", "--site", str(site))[0] == 0
    assert (site / ".gitignore").read_text("utf-8") == (
        "/public/\n# pressgen preview: releases under embargo\n/preview/\n"
    )


def test_a_preview_refuses_an_unknown_or_withdrawn_release(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site(
        {
            "releases/gone/release.yaml": release_yaml().replace("published", "withdrawn"),
            "releases/gone/en.md": ENGLISH,
        }
    )
    out = tmp_path / "preview"
    code, output = run(runner, "preview", "nowhere", "--site", str(site), "--out", str(out))
    assert code == 1 and "releases/nowhere: is not a release of this site" in output
    assert "expected the name of a folder of releases/ (see `pressgen status`)" in output
    code, output = run(runner, "preview", "first-relase", "--site", str(site), "--out", str(out))
    assert output.strip().endswith(
        "releases/first-relase: is not a release of this site, did you mean 'first-release'?"
    )
    code, output = run(runner, "preview", "gone", "--site", str(site), "--out", str(out))
    assert code == 1 and "withdrawn" in output
    assert not out.exists()


def test_a_draft_with_errors_never_stops_a_release_going_out(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A colleague's half-written draft must not hold back an embargoed release at its
    instant: a build leaves the draft out and warns; check and preview still refuse it."""
    broken = release_yaml().replace("published", "draft").replace("press-release", "pres")
    site = make_site({"releases/half-written/release.yaml": broken})
    out = tmp_path / "public"
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0, output
    assert (out / "en/first-release/index.html").is_file()
    assert not list(out.rglob("*half-written*"))
    warning = (
        "warning: releases/half-written/release.yaml:2: type: unknown type 'pres', expected "
        "one of: media-advisory, news, press-release, statement (a draft: builds leave it "
        "out until this is fixed)"
    )
    assert warning in output.splitlines()
    code, output = run(runner, "check", "--site", str(site))
    assert code == 1 and "releases/half-written/release.yaml:2: type: unknown type" in output
    previews = str(tmp_path / "p")
    code, output = run(runner, "preview", "half-written", "--site", str(site), "--out", previews)
    assert code == 1 and "releases/half-written/release.yaml:2: type: unknown type" in output
    # a preview of another release is not held back by the draft either
    code, output = run(runner, "preview", "first-release", "--site", str(site), "--out", previews)
    assert code == 0 and "Preview of first-release written to" in output, output
    twice = release_yaml().replace("status: published", "status: draft\nstatus: published")
    (site / "releases/first-release/release.yaml").write_text(twice)
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 1 and (out / "en/first-release/index.html").is_file()  # no draft to leave
    (site / "releases/first-release/release.yaml").write_text(release_yaml())
    published = release_yaml().replace("press-release", "pres")
    (site / "releases/half-written/release.yaml").write_text(published)
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 1  # a release to publish with an error still stops the build


@pytest.mark.parametrize(
    ("status", "stops"), [("draft", False), ("'draft'", False), ("published", True)]
)
def test_a_draft_yaml_cannot_read_holds_back_nothing_either(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, status: str, stops: bool
) -> None:
    """A colleague's new draft with a tab in its release.yaml: YAML cannot read the file,
    but its `status: draft` line says what it is, and the build leaves it out."""
    broken = release_yaml().replace("status: published", f"status: {status}") + "\ttopics: []\n"
    site = make_site({"releases/half-written/release.yaml": broken})
    out = tmp_path / "public"
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == (1 if stops else 0), output
    assert "releases/half-written/release.yaml" in output
    assert ("(a draft: builds leave it out until this is fixed)" in output) is not stops
    assert (out / "en/first-release/index.html").is_file() is not stops


def test_a_build_stopped_while_taking_back_a_what_if_folder_leaves_nothing_secret(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after it marked the folder as the public site and wrote some of its files:
    what the what-if build showed is gone first, so no public folder holds any of it."""
    site = make_site(EMBARGOED)
    out = tmp_path / "what-if"
    later = (LATER + timedelta(hours=1)).isoformat()
    assert run(runner, "build", "--site", str(site), "--out", str(out), "--now", later)[0] == 0
    move = output.move_into_place
    written: list[str] = []

    def move_then_stop(folder: int, named: str, name: str) -> None:
        if len(written) == 3:
            raise KeyboardInterrupt  # as a kill would, after three files put in place
        written.append(name)
        move(folder, named, name)

    monkeypatch.setattr(output, "move_into_place", move_then_stop)
    with pytest.raises(KeyboardInterrupt):
        build(site, out, datetime.now(UTC))
    assert (out / ".pressgen-output").is_file()
    assert b"Secret headline" not in every_byte(out)


# --- Withdrawals ----------------------------------------------------------------------------


def test_a_withdrawn_release_leaves_a_notice_and_nothing_else(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    french = ENGLISH.replace("A headline in English", "Un titre en français")
    site = make_site({"releases/first-release/fr.md": french})
    out = tmp_path / "public"
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Published: first-release (en, fr)" in output
    yaml_file = site / "releases/first-release/release.yaml"
    withdrawn = release_yaml().replace("published", "withdrawn")
    yaml_file.write_text(withdrawn + "withdrawn: 2025-02-01T10:00:00+01:00\n", encoding="utf-8")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Withdrawn: first-release (en, fr)" in output
    ninjs = "first-release.en.ninjs.json"
    assert sorted(p.name for p in (out / "en/first-release").iterdir()) == [ninjs, "index.html"]
    # a wire partner that took the item learns it is killed: IPTC's "canceled", a new version
    item = json.loads((out / "fr/first-release/first-release.fr.ninjs.json").read_bytes())
    errors = list(Draft202012Validator(json.loads(SCHEMA.read_bytes())).iter_errors(item))
    assert not errors, [e.message for e in errors]
    assert (item["pubStatus"], item["version"], item["language"]) == ("canceled", "2", "fr")
    assert item["uri"].endswith(":release:first-release:fr")
    assert item["versionCreated"] == "2025-02-01T10:00:00+01:00"
    assert item["edNote"] == "Ce communiqué a été retiré le 1er février 2025."
    assert "headlines" not in item and "bodies" not in item
    page = lxml.html.fromstring((out / "fr/first-release/index.html").read_bytes())
    assert page.get("lang") == "fr"
    assert "noindex" in page.xpath("//meta[@name='robots']/@content")[0]
    text = page.text_content()
    assert "Un titre en français" not in text and "First paragraph" not in text
    assert "1er février 2025" in text  # when, in the reader's language
    everything_else = [v for p, v in tree(out).items() if "first-release" not in p]
    assert not any(isinstance(v, bytes) and b"first-release" in v for v in everything_else)
    assert not list(out.glob("media/first-release"))
    assert_same_tree(out, full_build(site, tmp_path / "full", datetime.now(UTC)))


def test_a_withdrawal_undone_gives_wire_partners_a_version_newer_than_the_kill(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Put back online with a correction saying why, as the README says, the release's ninjs
    went back to version 1, dated before the kill notice (version 2): a wire partner keeping
    the newest version kept it killed (h106). Each correction adds two to the version, the
    kill notice one."""
    site, out = make_site(), tmp_path / "public"
    yaml_file = site / "releases/first-release/release.yaml"
    ninjs = out / "en/first-release/first-release.en.ninjs.json"
    seen = []
    correction = (
        "corrections:\n  - date: 2025-03-01T10:00:00+01:00\n    note:\n"
        "      en: Withdrawn by mistake on 1 February; published again.\n"
    )
    for written in (
        release_yaml(),
        release_yaml().replace("published", "withdrawn") + "withdrawn: 2025-02-01T10:00:00+01:00\n",
        release_yaml() + correction,
    ):
        yaml_file.write_text(written, encoding="utf-8")
        code, output = run(runner, "build", "--site", str(site), "--out", str(out))
        assert code == 0, output
        item = json.loads(ninjs.read_bytes())
        seen.append((int(item["version"]), item["pubStatus"], item["versionCreated"][:10]))
    assert seen == [
        (1, "usable", "2024-05-01"),
        (2, "canceled", "2025-02-01"),
        (3, "usable", "2025-03-01"),
    ]


def test_an_index_whose_only_release_was_withdrawn_does_not_say_none_was_published(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Its address says the release was withdrawn: the index says none is available now,
    not that none has been published yet (as a language that never had one says)."""
    out = tmp_path / "public"
    site = make_site({"releases/first-release/fr.md": ENGLISH.replace("English", "français")})
    build(site, out, datetime.now(UTC))  # en and fr both published
    withdrawn = release_yaml().replace("published", "withdrawn") + "withdrawn: 2025-02-01T10:00Z\n"
    (site / "releases/first-release/release.yaml").write_text(withdrawn, encoding="utf-8")
    (site / "releases/another/release.yaml").parent.mkdir()
    (site / "releases/another/release.yaml").write_text(release_yaml(), encoding="utf-8")
    (site / "releases/another/en.md").write_text(ENGLISH, encoding="utf-8")
    build(site, out, datetime.now(UTC))
    french = lxml.html.fromstring((out / "fr/index.html").read_bytes()).text_content()
    assert "Aucun communiqué n'est disponible dans cette langue pour le moment." in french
    assert "encore été publié" not in french
    assert_same_tree(out, full_build(site, tmp_path / "full", datetime.now(UTC)))
    shutil.rmtree(site / "releases/first-release")  # gone without a trace: never published
    build(site, out, datetime.now(UTC))
    french = lxml.html.fromstring((out / "fr/index.html").read_bytes()).text_content()
    assert "Aucun communiqué n'a encore été publié dans cette langue." in french


RUSSIAN = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "ru"]
"""


def test_a_russian_withdrawal_notice_ends_with_one_full_stop(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """CLDR's Russian date ends with "г." (year): the sentence after it wrote "г.."."""
    withdrawn = release_yaml().replace("published", "withdrawn") + "withdrawn: 2025-02-01T10:00Z\n"
    russian = ENGLISH.replace("A headline in English", "Заголовок")
    site = make_site(
        {"releases/first-release/release.yaml": withdrawn, "releases/first-release/ru.md": russian},
        config=RUSSIAN,
    )
    build(site, tmp_path / "public", datetime.now(UTC))
    page = lxml.html.fromstring((tmp_path / "public/ru/first-release/index.html").read_bytes())
    assert "Этот пресс-релиз отозван 1 февраля 2025\u202fг.\n" in page.text_content()
    assert "г.." not in page.text_content()


def test_the_authors_preview_shows_a_withdrawal_notice_where_the_site_does(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`pressgen serve` previews every release: at a withdrawn release's address it shows
    the notice the public site shows, not "file not found"; a preview for journalists of
    chosen releases holds nothing of a withdrawn one."""
    withdrawn = release_yaml().replace("published", "withdrawn")
    site = make_site(
        {
            "releases/first-release/release.yaml": withdrawn + "withdrawn: 2025-02-01T10:00Z\n",
            "releases/second/release.yaml": release_yaml(),
            "releases/second/en.md": ENGLISH.replace("A headline in English", "Second"),
        }
    )
    now = datetime.now(UTC)
    public, authors, chosen = tmp_path / "public", tmp_path / "serve", tmp_path / "chosen"
    build(site, public, now)
    build(site, authors, now, preview=True)
    build(site, chosen, now, preview=True, only=["second"])
    notice = lxml.html.fromstring((authors / "en/first-release/index.html").read_bytes())
    public_notice = lxml.html.fromstring((public / "en/first-release/index.html").read_bytes())
    assert (
        notice.xpath("//main")[0].text_content() == public_notice.xpath("//main")[0].text_content()
    )
    assert "withdrawn on February 1, 2025" in notice.text_content()
    assert not (chosen / "en/first-release").exists()
    assert b"first-release" not in every_byte(chosen)


@pytest.mark.parametrize("how", ["draft", "later", "deleted", "one language", "site language"])
def test_build_names_a_release_that_left_the_site(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, how: str
) -> None:
    """Put back to draft, dated later, deleted: its addresses, already sent to journalists,
    now answer "not found", which the press officer must hear from the build."""
    french = ENGLISH.replace("A headline in English", "Un titre en français")
    site = make_site({"releases/first-release/fr.md": french})
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    folder = site / "releases/first-release"
    if how == "draft":
        (folder / "release.yaml").write_text(release_yaml().replace("published", "draft"))
    elif how == "later":
        (folder / "release.yaml").write_text(release_yaml().replace("2024-05-01", "2999-05-01"))
    elif how == "deleted":
        shutil.rmtree(folder)
    elif how == "one language":
        (folder / "fr.md").unlink()
    else:  # h124: French taken off the site, its pages gone without a word
        english_only = MINIMAL_CONFIG.replace('"en", "fr"', '"en"').replace('fr = "Salle', '# "')
        (site / "pressgen.toml").write_text(english_only)
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    gone = (
        "first-release (en, fr)" if how in ("draft", "later", "deleted") else "first-release (fr)"
    )
    assert code == 0 and f"No longer public: {gone}" in output.splitlines()


@pytest.mark.parametrize("field", ["date", "embargo"])
def test_a_public_release_dated_later_is_named_by_check_and_build(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, field: str
) -> None:
    """A year mistyped (2062 for 2026) took a public release off the site without a word,
    and check said OK (h100). Dated later on purpose (it went out too early), it must
    leave at once: a warning, on the line to correct if it is a slip."""
    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    yaml = site / "releases/first-release/release.yaml"
    text = yaml.read_text()
    later = (
        text.replace("2024-05-01", "2999-05-01")
        if field == "date"
        else text + "embargo: 2999-05-01T10:00:00+02:00\n"
    )
    yaml.write_text(later)
    line = next(n for n, text in enumerate(later.splitlines(), 1) if text.startswith(field))
    said = (
        f"releases/first-release/release.yaml:{line}: {field}: 2999-05-01T10:00:00+02:00 is "
        "later than now, but the release was public (en): a build takes it off the site "
        "until then, with no notice; if the year is a slip, correct it"
    )
    checked = run(runner, "check", "--site", str(site))
    assert checked[0] == 1 and f"warning: {said}" in checked[1]
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and f"warning: {said}" in output
    assert "No longer public: first-release (en)" in output.splitlines()
    assert not (out / "en/first-release").exists()


def test_a_public_release_withdrawn_at_an_instant_before_its_date_is_named(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`withdrawn:` earlier than the date (an hour, a zone slipped) means "never public":
    the pages went with no notice and check said OK, though readers had seen the release
    and `mail` told journalists it was withdrawn (h127). Both say so, on that line."""
    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    yaml = site / "releases/first-release/release.yaml"
    text = yaml.read_text().replace("status: published", "status: withdrawn")
    yaml.write_text(text + "withdrawn: 2024-04-30T10:00:00+02:00\n")
    line = len(text.splitlines()) + 1
    said = (
        f"releases/first-release/release.yaml:{line}: withdrawn: 2024-04-30T10:00:00+02:00 is "
        "before the release went public"
    )
    checked = run(runner, "check", "--site", str(site))
    assert f"warning: {said}" in checked[1] and "but it was public (en)" in checked[1]
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and f"warning: {said}" in output
    yaml.write_text(text + "withdrawn: 2024-05-02T10:00:00+02:00\n")  # as it should be
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "before the release went public" not in output
    assert (out / "en/first-release/index.html").is_file()  # the notice


def test_a_preview_warns_of_a_public_release_dated_later(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`serve` builds a preview into a folder of its own: the slip is said there too,
    from the records of the site's public build (h102)."""
    site, now = make_site(), datetime(2026, 6, 1, tzinfo=UTC)
    build(site, tmp_path / "public", now, clock=now)
    yaml = site / "releases/first-release/release.yaml"
    yaml.write_text(yaml.read_text().replace("2024-05-01", "2999-05-01"))
    report = build(site, tmp_path / "serve", now, preview=True, clock=now)
    assert [w for w in report.warnings if "is later than now, but the release was" in w]


def test_a_release_no_longer_public_is_named_with_its_languages_in_the_sites_order(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """ "Published:" named them in the site's order, "No longer public:" in the alphabet's
    (h101)."""
    config = MINIMAL_CONFIG.replace('languages = ["en", "fr"]', 'languages = ["fr", "en"]')
    french = ENGLISH.replace("A headline in English", "Un titre en français")
    site = make_site({"releases/first-release/fr.md": french}, config=config)
    out = tmp_path / "public"
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Published: first-release (fr, en)" in output.splitlines(), output
    shutil.rmtree(site / "releases/first-release")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "No longer public: first-release (fr, en)" in output.splitlines()


def test_a_language_added_or_taken_away_is_no_update_of_the_others(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A translation added to a public release is published; the other languages' pages
    change only in their language switcher, and were named "Updated" (h128)."""
    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    french = site / "releases/first-release/fr.md"
    french.write_text(ENGLISH.replace("A headline in English", "Un titre en français"))
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Published: first-release (fr)" in output.splitlines(), output
    assert "Updated" not in output
    french.unlink()
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "No longer public: first-release (fr)" in output.splitlines(), output
    assert "Updated" not in output
    english = site / "releases/first-release/en.md"
    english.write_text(english.read_text() + "\nA correction.\n")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Updated: first-release (en)" in output.splitlines(), output


def test_a_build_at_a_past_instant_says_what_it_took_back_and_why(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A year mistyped in --now takes the releases published since out of the public
    folder: the press officer hears why, and how to put them back."""
    site = make_site({})
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    code, output = run(
        runner, "build", "--site", str(site), "--out", str(out), "--now", "2020-01-01T00:00:00Z"
    )
    assert code == 0 and "No longer public: first-release (en)" in output.splitlines()
    warning = (
        "warning: --now 2020-01-01T00:00:00+00:00 is earlier than the clock: releases public "
        f"since then are not in {out} (the first: first-release, public from "
        "2024-05-01T10:00:00+02:00). Build without --now to publish the site as it is now."
    )
    assert warning in output.splitlines()
    code, output = run(
        runner, "build", "--site", str(site), "--out", str(out), "--now", "2020-01-01T00:00:00Z"
    )
    assert code == 0 and warning in output.splitlines()  # a second such build: still said
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "warning" not in output and "Published: first-release (en)" in output


def test_a_release_withdrawn_before_its_time_leaves_no_trace(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    site = make_site(
        {
            "releases/never/release.yaml": release_yaml(future).replace("published", "withdrawn"),
            "releases/never/en.md": ENGLISH,
        }
    )
    out = tmp_path / "public"
    build(site, out, datetime.now(UTC))
    assert not any("never" in path for path in tree(out))


def test_a_release_withdrawn_under_its_embargo_leaves_no_trace(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Dated in May, under embargo until the 20th, withdrawn on the 10th: it was never
    public, so a build in June shows nothing of it, not even a notice."""
    extra = "embargo: 2026-05-20T10:00:00Z\nwithdrawn: 2026-05-10T10:00:00Z\n"
    yaml = release_yaml("2026-05-01T10:00:00Z", extra).replace("published", "withdrawn")
    site = make_site({"releases/never/release.yaml": yaml, "releases/never/en.md": ENGLISH})
    out = tmp_path / "public"
    report = build(site, out, datetime(2026, 6, 1, tzinfo=UTC))
    assert not any("never" in path for path in tree(out)) and report.withdrawn == ()


def test_a_release_withdrawn_before_its_date_leaves_no_trace_once_the_date_has_passed(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Dated 1 May, withdrawn on 20 April: a build in June shows nothing of it. Without
    the `withdrawn:` instant, the builds before its date say what to add."""
    yaml = release_yaml("2026-05-01T10:00:00Z").replace("published", "withdrawn")
    site = make_site({"releases/never/release.yaml": yaml, "releases/never/en.md": ENGLISH})
    out = tmp_path / "public"
    code, output = run(runner, "build", "--site", str(site), "--out", str(out), "--now", APRIL)
    warning = "warning: releases/never/release.yaml:5: status: withdrawn before"
    assert code == 0 and warning in output
    (site / "releases/never/release.yaml").write_text(yaml + "withdrawn: 2026-04-20T10:00:00Z\n")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out), "--now", APRIL)
    assert code == 0 and "warning" not in output
    report = build(site, out, datetime(2026, 6, 1, tzinfo=UTC))
    assert not any("never" in path for path in tree(out)) and report.withdrawn == ()


def test_a_release_withdrawn_at_the_instant_it_went_public_leaves_a_notice(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Withdrawn at its very instant of publication (the same instant in another zone), it
    was public for that instant: its address says it was withdrawn, never "not found", the
    headline is gone, and no build warns that it was withdrawn before it went public."""
    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    yaml = release_yaml(extra="withdrawn: 2024-05-01T08:00:00Z\n")  # dated 10:00 at +02:00
    (site / "releases/first-release/release.yaml").write_text(
        yaml.replace("published", "withdrawn"), encoding="utf-8"
    )
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "warning" not in output
    notice = lxml.html.fromstring((out / "en/first-release/index.html").read_bytes())
    main_text = " ".join(notice.xpath("string(//main)").split())
    assert "withdrawn on May 1, 2024" in main_text and "A headline in English" not in main_text


def test_a_build_names_what_it_updated(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    text = site / "releases/first-release/en.md"
    text.write_text(
        text.read_text(encoding="utf-8").replace("A second", "Another"), encoding="utf-8"
    )
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Updated: first-release (en)" in output and "Published" not in output
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Updated" not in output and "0 changed" in output


def test_a_build_names_each_stage_it_shows_going_by(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build showed "Rendering releases" twice: for the release pages, then for
    the lists, feeds and search index (h111)."""
    monkeypatch.setattr("pressgen.cli.PROGRESS_FROM", 1)
    site = make_site()
    code, output = run(runner, "build", "--site", str(site), "--out", str(tmp_path / "out"))
    assert code == 0 and "Rendering releases" not in output, output
    named = ("Typesetting", "Rendering", "Packing")
    shown = [line for line in output.splitlines() if line.startswith(named)]
    assert shown == [
        "Typesetting PDFs",
        "Rendering release pages",
        "Rendering lists, feeds and search",
        "Packing press kits",
    ], shown


def test_pages_made_again_for_the_site_are_no_update_of_their_releases(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """New site settings (an about page: a link in every page's footer) made every page
    again, and the build said "Updated:" of every release, as if each had been edited
    (h111); a release edited in the same build still is."""
    site = make_site(
        {"releases/second/release.yaml": release_yaml(), "releases/second/en.md": ENGLISH}
    )
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    config = site / "pressgen.toml"
    config.write_text(config.read_text("utf-8").replace("Example Newsroom", "Newsroom"), "utf-8")
    text = site / "releases/second/en.md"
    text.write_text(text.read_text("utf-8").replace("A second", "Another"), "utf-8")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Newsroom" in (out / "en/first-release/index.html").read_text("utf-8")
    assert "Updated: second (en)" in output and "first-release" not in output, output


def test_a_release_put_online_by_a_killed_build_is_news_at_the_next(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed after its pages were in place, before it recorded the build, said
    nothing; the next found the pages as it would write them, and said nothing either: the
    release went out and no build said "Published:" (h101)."""
    from pressgen.engine.cache import Cache

    site = make_site()
    out = tmp_path / "public"
    assert run(runner, "build", "--site", str(site), "--out", str(out))[0] == 0
    (site / "releases/second").mkdir()
    (site / "releases/second/release.yaml").write_text(release_yaml(), encoding="utf-8")
    (site / "releases/second/en.md").write_text(ENGLISH, encoding="utf-8")
    with monkeypatch.context() as patched:

        def killed(*_: object, **__: object) -> None:
            raise KeyboardInterrupt  # as kill -9 between the commit and the record

        patched.setattr(Cache, "save_state", killed)
        code, output = run(runner, "build", "--site", str(site), "--out", str(out))
        assert code != 0 and (out / "en/second/index.html").is_file()
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Published: second (en)" in output, output
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Published" not in output, output


def test_a_page_mended_or_a_notice_made_again_is_no_news(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A build that put back a hand-edited page said "Updated:" of its release, and one
    after a new site title said "Withdrawn:" of a release withdrawn long before (h98); and
    "Updated:" of every release (h111)."""
    withdrawn = release_yaml().replace("published", "withdrawn")
    site = make_site({"releases/gone/release.yaml": withdrawn, "releases/gone/en.md": ENGLISH})
    out = tmp_path / "public"
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and "Published: first-release (en)" in output and "Withdrawn" not in output
    page = out / "en/first-release/index.html"
    made = page.read_bytes()
    for full in ([], ["--full"]):  # --full renders all again, and knows the last build
        page.write_text("edited by hand")
        code, output = run(runner, "build", "--site", str(site), "--out", str(out), *full)
        assert code == 0 and page.read_bytes() == made
        assert "1 changed" in output and "Updated" not in output, output
    config = site / "pressgen.toml"
    config.write_text(config.read_text("utf-8").replace("Example Newsroom", "Newsroom"), "utf-8")
    code, output = run(runner, "build", "--site", str(site), "--out", str(out), "--full")
    assert code == 0 and "Newsroom" in (out / "en/gone/index.html").read_text("utf-8")
    assert "Updated" not in output and "Withdrawn" not in output, output
    shutil.rmtree(site / "releases/gone")  # withdrawn, then deleted: no longer anything
    code, output = run(runner, "build", "--site", str(site), "--out", str(out))
    assert code == 0 and not (out / "en/gone").exists()
    assert "No longer public" not in output, output


def test_a_build_names_ten_releases_and_counts_the_rest(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A first build of an archive, or a catalog fix, changes thousands of pages: the
    terminal names ten releases and says how many more."""
    files: dict[str, str | bytes] = {}
    for number in range(1, 13):
        files[f"releases/r{number:02}/release.yaml"] = release_yaml()
        files[f"releases/r{number:02}/en.md"] = ENGLISH
    site = make_site(files, with_default_release=False)
    code, output = run(runner, "build", "--site", str(site), "--out", str(tmp_path / "out"))
    (news,) = [line for line in output.splitlines() if line.startswith("Published: ")]
    assert code == 0 and news.count(" (en)") == 10 and news.endswith("; and 2 more releases")


@pytest.mark.parametrize("made", [False, True])
def test_an_out_that_is_a_link_leads_to_its_folder_made_if_missing(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, made: bool
) -> None:
    """`--out` a link to a folder not made yet: "is a file, expected a folder", and a build
    given the link while another made the folder stopped instead of waiting for it (h110)."""
    site = make_site()
    (tmp_path / "www").mkdir()
    target = tmp_path / "www" / "public"
    if made:
        target.mkdir()
    (tmp_path / "link").symlink_to(target)
    code, output = run(runner, "build", "--site", str(site), "--out", str(tmp_path / "link"))
    assert code == 0, output
    assert (target / "en/first-release/index.html").is_file() and (tmp_path / "link").is_symlink()
    (tmp_path / "new").symlink_to(tmp_path / "www" / "new")  # and a build that fails
    (site / "releases/first-release/release.yaml").write_text("date: [\n", "utf-8")
    code, output = run(runner, "build", "--site", str(site), "--out", str(tmp_path / "new"))
    assert code == 1 and not (tmp_path / "www" / "new").exists(), output
