"""`pressgen publish`, one run: build at the real time, deploy when the output changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgen.cli import main
from pressgen.engine import build
from pressgen.publish.folder import NotDeployable, fingerprint, held_still

from .conftest import ENGLISH, MINIMAL_CONFIG, NOW, RELEASE_YAML, SiteWriter
from .publishing import Deploys

PAGE = "en/first-release/index.html"
LATER = RELEASE_YAML.replace("date: 2024-05-01T10:00:00+02:00", "date: 2999-01-01T10:00:00Z")


def _publish(site: Path, out: Path, *options: str) -> Result:
    arguments = ["publish", "--site", str(site), "--out", str(out), *options]
    return CliRunner().invoke(main, arguments)


def test_a_changed_output_is_deployed_with_the_output_in_the_environment(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site = make_site(
        {"releases/later/release.yaml": LATER, "releases/later/en.md": ENGLISH},
        config=deploys.config(),
    )
    out = tmp_path / "public"
    result = _publish(site, out)
    assert result.exit_code == 0, result.output
    [run] = deploys.runs()
    assert run["output"] == str(out.absolute())
    assert run["site"] == str(site.absolute())
    assert run["cwd"] == str(site.resolve())
    assert run["argv"] == [str(out.absolute())]  # {output} in the command
    assert PAGE in run["files"] and ".pressgen-output" in run["files"]
    assert not any("later" in name for name in run["files"])  # dated 2999: not public
    assert "published: first-release (en)\n" in result.output
    assert "deployed in " in result.output


def test_nothing_changed_nothing_deployed(make_site: SiteWriter, tmp_path: Path) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    assert _publish(site, out).exit_code == 0
    again = _publish(site, out)
    assert again.exit_code == 0
    assert len(deploys.runs()) == 1
    assert "nothing changed since it was last deployed" in again.output
    assert "deploying" not in again.output
    quiet = _publish(site, out, "--quiet")
    assert (quiet.exit_code, quiet.output) == (0, "")
    english = site / "releases" / "first-release" / "en.md"
    english.write_text(ENGLISH.replace("First paragraph", "A new first paragraph"), "utf-8")
    edited = _publish(site, out, "--quiet")
    assert edited.exit_code == 0
    assert len(deploys.runs()) == 2
    assert "deploying: " in edited.output and "published" not in edited.output
    # the log names the release whose edit went out (it said only "built", h114)
    assert "updated: first-release (en)\n" in edited.output, edited.output


def test_a_damaged_deploy_record_deploys_again(make_site: SiteWriter, tmp_path: Path) -> None:
    """A `deployed.json` holding brackets nested 100,000 deep made `publish` stop with an
    internal error (exit 3): a record it cannot read is none, and the output is deployed."""
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    assert _publish(site, out).exit_code == 0
    record = site / ".pressgen-publish" / "deployed.json"
    record.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    again = _publish(site, out)
    assert again.exit_code == 0, again.output
    assert len(deploys.runs()) == 2 and "deployed in " in again.output
    assert str(out.absolute()) in json.loads(record.read_text(encoding="utf-8"))


def test_an_output_built_by_hand_since_the_last_deploy_is_deployed(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A press officer who runs `pressgen build` after an edit, then `publish`, finds the
    edit built already (publish's own build changes nothing): the folder's fingerprint, not
    the build's count of changes, says it differs from what went out."""
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    assert _publish(site, out).exit_code == 0
    english = site / "releases" / "first-release" / "en.md"
    english.write_text(ENGLISH.replace("First paragraph", "A new first paragraph"), "utf-8")
    built = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0, built.output
    again = _publish(site, out)
    assert again.exit_code == 0, again.output
    assert len(deploys.runs()) == 2 and "deploying: " in again.output
    assert "A new first paragraph" in (out / PAGE).read_text(encoding="utf-8")


def test_a_failed_deploy_exits_1_with_its_error_and_the_next_run_deploys(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    deploys.fail_with("rsync: connection unexpectedly closed\nPermission denied (publickey).\n")
    failed = _publish(site, out)
    assert failed.exit_code == 1
    assert "exited with status 23" in failed.stderr
    assert "    Permission denied (publickey)." in failed.stderr
    assert "the next `pressgen publish` tries again" in failed.stderr
    assert deploys.runs() == []
    deploys.fail_with(None)
    retried = _publish(site, out)  # the build changes nothing, the deploy is still owed
    assert retried.exit_code == 0, retried.output
    assert " 0 changed) into " in retried.output
    assert len(deploys.runs()) == 1
    assert "published: first-release (en)" in retried.output


def test_without_a_deploy_command_publish_builds_and_says_so(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site, out = make_site(), tmp_path / "public"
    result = _publish(site, out)
    assert result.exit_code == 0
    assert "built only: pressgen.toml has no deploy command ([publish] deploy)" in result.output
    # public in the folder, not published anywhere (h100: it said "published:")
    assert f"public in {out} (not copied anywhere): first-release (en)\n" in result.output
    assert (out / PAGE).is_file()
    assert "nothing changed since it was last built" in _publish(site, out).output


def test_a_new_deploy_command_deploys_once(make_site: SiteWriter, tmp_path: Path) -> None:
    site, out = make_site(), tmp_path / "public"
    assert _publish(site, out).exit_code == 0
    deploys = Deploys(tmp_path / "deploy")
    (site / "pressgen.toml").write_text(deploys.config(), encoding="utf-8")
    first = _publish(site, out)
    assert first.exit_code == 0 and len(deploys.runs()) == 1
    # the new server had nothing: all is published to it, nothing left it (h100)
    assert "published: first-release (en)\n" in first.output
    assert "no longer public" not in first.output
    assert _publish(site, out).exit_code == 0
    assert len(deploys.runs()) == 1
    # a release taken down as the command changes again: still said to have left (h103)
    yaml = site / "releases/first-release/release.yaml"
    yaml.write_text(yaml.read_text().replace("status: published", "status: draft"))
    (site / "pressgen.toml").write_text(deploys.config().replace("{output}", "{output}/"))
    moved = _publish(site, out)
    assert moved.exit_code == 0 and len(deploys.runs()) == 2
    assert "no longer public: first-release (en)\n" in moved.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('deploy = "rsync -a public/ web@host:/srv/ && echo done"', "'&&' needs a shell"),
        ('deploy = "rsync -a $PRESSGEN_OUTPUT/ web@host:/srv/"', "variables are not expanded"),
        ('deploy = "rsync \'public/"', "cannot be split into words (No closing quotation)"),
        ('deploy = "rsync"\ntimeout = 0', "timeout: expected the most seconds"),
        ('deplyo = "rsync"', "unknown field 'deplyo', did you mean 'deploy'?"),
    ],
)
def test_check_reports_deploy_settings_with_their_line(
    make_site: SiteWriter, runner: CliRunner, extra: str, message: str
) -> None:
    site = make_site(config=f"{MINIMAL_CONFIG}\n[publish]\n{extra}\n")
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    line = MINIMAL_CONFIG.count("\n") + 3 + extra.count("\n")
    assert f"pressgen.toml:{line}: publish." in result.output
    assert message in result.output


def test_a_shell_may_be_asked_for(make_site: SiteWriter, tmp_path: Path) -> None:
    config = f"{MINIMAL_CONFIG}\n[publish]\ndeploy = \"sh -c 'echo $PRESSGEN_OUTPUT > copied'\"\n"
    site, out = make_site(config=config), tmp_path / "public"
    assert _publish(site, out).exit_code == 0
    assert (site / "copied").read_text().strip() == str(out.absolute())


def test_a_missing_program_or_a_hung_deploy_fails(make_site: SiteWriter, tmp_path: Path) -> None:
    missing = f'{MINIMAL_CONFIG}\n[publish]\ndeploy = "no-such-deploy-program public/"\n'
    site, out = make_site(config=missing), tmp_path / "public"
    result = _publish(site, out)
    assert result.exit_code == 1
    assert (
        "deploy: cannot run 'no-such-deploy-program' (No such file or directory)" in result.stderr
    )
    hung = f'{MINIMAL_CONFIG}\n[publish]\ndeploy = "sleep 30"\ntimeout = 0.5\n'
    (site / "pressgen.toml").write_text(hung, encoding="utf-8")
    result = _publish(site, out)
    assert result.exit_code == 1
    assert "`sleep 30` did not finish within 0.5 s and was stopped" in result.stderr


def test_a_preview_folder_is_never_published(make_site: SiteWriter, tmp_path: Path) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, preview = make_site(config=deploys.config()), tmp_path / "preview"
    build(site, preview, NOW, preview=True)
    result = _publish(site, preview)
    assert result.exit_code == 1
    assert "holds an embargoed preview" in result.output
    assert deploys.runs() == []


@pytest.mark.parametrize(
    ("marker", "what"),
    [
        (".pressgen-what-if", "holds a what-if build"),
        ("en/.pressgen-preview", "holds an embargoed preview"),
    ],
)
def test_a_folder_holding_a_preview_or_what_if_marker_is_not_deployable(
    make_site: SiteWriter, tmp_path: Path, marker: str, what: str
) -> None:
    out = tmp_path / "public"
    build(make_site(), out, NOW)
    fingerprint(out)  # a public output: deployable
    (out / marker).write_text("", encoding="utf-8")
    with pytest.raises(NotDeployable, match=what):
        fingerprint(out)


def test_a_folder_without_the_public_marker_is_not_deployable(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>hand made</p>", encoding="utf-8")
    with (
        pytest.raises(NotDeployable, match="is not a pressgen public output"),
        held_still(tmp_path / "site", print),
    ):
        pass
    with pytest.raises(NotDeployable, match="is not a folder"), held_still(tmp_path / "x", print):
        pass


def test_the_fingerprint_moves_with_the_output_only(make_site: SiteWriter, tmp_path: Path) -> None:
    site, out = make_site(), tmp_path / "public"
    build(site, out, NOW)
    first = fingerprint(out)
    build(site, out, NOW)
    assert fingerprint(out) == first
    english = site / "releases" / "first-release" / "en.md"
    english.write_text(ENGLISH.replace("A second paragraph", "Another paragraph"), "utf-8")
    build(site, out, NOW)
    assert fingerprint(out) != first


def test_the_record_ignores_itself_in_git(make_site: SiteWriter, tmp_path: Path) -> None:
    site = make_site()
    assert _publish(site, tmp_path / "public").exit_code == 0
    assert (site / ".pressgen-publish" / ".gitignore").read_text().splitlines()[-1] == "*"
    record = json.loads((site / ".pressgen-publish" / "deployed.json").read_text())
    assert record[str((tmp_path / "public").absolute())]["public"] == {"first-release": ["en"]}
