"""A web developer's mistakes in a site's own Jinja templates: each is the site's problem,
told with the template's file and line (exit 1), never "a bug in pressgen" (exit 3); and a
template that cannot compile stops a build before it writes anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.resources import PACKAGE_TEMPLATES

from .conftest import SiteWriter
from .trees import tree

PAGE = (PACKAGE_TEMPLATES / "page.html").read_text(encoding="utf-8")
HEADLINE = "<h1>{{ title }}</h1>"
LINE = PAGE.split("\n").index(HEADLINE) + 1


@pytest.mark.parametrize(
    ("mistake", "expected", "found_by_check"),
    [
        ("<h1>{{ title }</h1>", f"templates/page.html:{LINE}: unexpected '}}'", True),
        (
            "<h1>{{ title|shout }}</h1>",
            f"templates/page.html:{LINE}: No filter named 'shout'",
            True,
        ),
        (
            '<h1>{{ title }}</h1>{% include "missing.html" %}',
            f"templates/page.html:{LINE}: template 'missing.html' not found",
            True,
        ),
        # found by check too: it renders the site's release templates once (check said OK)
        ("<h1>{{ headline }}</h1>", f"templates/page.html:{LINE}: 'headline' is undefined", True),
        ("<h1>{{ 1 // 0 }}</h1>", f"templates/page.html:{LINE}: ZeroDivisionError", True),
    ],
)
def test_a_mistake_in_a_sites_template_names_its_file_and_line(
    runner: CliRunner,
    make_site: SiteWriter,
    tmp_path: Path,
    mistake: str,
    expected: str,
    found_by_check: bool,
) -> None:
    site = make_site({"templates/page.html": PAGE})
    out = tmp_path / "public"
    assert runner.invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    before = tree(out)
    (site / "templates/page.html").write_text(PAGE.replace(HEADLINE, mistake), encoding="utf-8")
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert (expected in checked.output) is found_by_check, checked.output
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out), "--jobs", "1"])
    assert built.exit_code == 1, built.output
    assert expected in built.output
    assert "bug in pressgen" not in built.output
    if found_by_check:  # found before anything is written
        assert tree(out) == before


def test_a_mistake_in_pressgens_own_template_is_still_a_bug(
    runner: CliRunner, make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a site's own templates are the site's to mend."""
    from pressgen.render import units

    def broken(*_: object, **__: object) -> object:
        raise ZeroDivisionError("in pressgen's code")

    monkeypatch.setattr(units, "release_page", broken)
    site = make_site()
    built = runner.invoke(main, ["build", "--site", str(site), "--jobs", "1"])
    assert built.exit_code == 3, built.output
