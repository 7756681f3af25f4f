"""A web developer's mistakes in a site's own Jinja templates: each is the site's problem,
told with the template's file and line (exit 1), never "a bug in pressgen" (exit 3); and a
template that cannot compile stops a build before it writes anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.resources import PACKAGE_TEMPLATES

from .conftest import ENGLISH, RELEASE_YAML, SiteWriter
from .trees import tree

PAGE = (PACKAGE_TEMPLATES / "page.html").read_text(encoding="utf-8")
HEADLINE = next(line for line in PAGE.split("\n") if line.startswith("<h1>"))  # replaced
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


@pytest.mark.parametrize("name", ["index.html", "search.html", "root.html", "404.html"])
def test_check_renders_every_page_template_once(
    runner: CliRunner, make_site: SiteWriter, name: str
) -> None:
    """`check` rendered only the release's templates: a mistake that shows when a list or a
    site page renders passed it, and stopped the build."""
    source = (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8")
    line = source.split("\n").index("{% block main %}") + 2
    broken = source.replace("{% block main %}", "{% block main %}\n{{ 1 // 0 }}", 1)
    site = make_site({f"templates/{name}": broken})
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 1, checked.output
    assert f"templates/{name}:{line}: ZeroDivisionError" in checked.output, checked.output


@pytest.mark.parametrize(
    ("name", "branch", "doing"),
    [
        ("index.html", "{% if up %}", "list en/years/2024/index.html"),  # year, region, topic
        ("index.html", "{% if pagination.prev %}", "list en/page/2/index.html"),
        ("index.html", "{% if link.href is none %}", "list en"),  # 1 2 3 … 5
        ("index.html", "{% if withdrawn_only %}", "list en"),  # every release withdrawn
        # a region's list whose every release was withdrawn (h144)
        ("index.html", "{% if up is not none %}", "list en/regions/global/index.html"),
        ("withdrawn.html", "{% block main %}", "withdrawn en second-release"),
        ("404.html", "{% block main %}", "root and 404"),
    ],
)
def test_check_renders_each_branch_of_the_list_and_notice_templates(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, name: str, branch: str, doing: str
) -> None:
    """`check` rendered the index with one release: a mistake on a year, region or topic
    page, on a second page, in the gap of a long list of pages, in a withdrawn release's
    notice, or where every release is withdrawn, passed it and stopped the build (told, for
    the page not found, as "root")."""
    source = (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8")
    line = source.split("\n").index(branch) + 2
    second = {
        "releases/second-release/release.yaml": RELEASE_YAML.replace("05-01", "05-02"),
        "releases/second-release/en.md": ENGLISH.replace("A headline", "Another headline"),
    }
    broken = source.replace(branch, f"{branch}\n{{{{ 1 // 0 }}}}", 1)
    site = make_site({f"templates/{name}": broken, **second})
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 1, checked.output
    assert f"templates/{name}:{line}: ZeroDivisionError" in checked.output, checked.output
    if name == "404.html":
        built = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "o")])
        assert f"(rendering {doing})" in built.output, built.output
    else:
        assert f"(rendering {doing}" in checked.output, checked.output


def test_check_renders_the_gap_in_page_numbers_of_a_site_of_one_release(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Three copies of the first release made four pages in a site of one release: no gap
    (…), and a mistake there passed check (h107)."""
    source = (PACKAGE_TEMPLATES / "index.html").read_text(encoding="utf-8")
    broken = source.replace("{% if link.href is none %}", "{% if link.href is none %}{{ 1 // 0 }}")
    checked = runner.invoke(
        main, ["check", "--site", str(make_site({"templates/index.html": broken}))]
    )
    assert checked.exit_code == 1 and "ZeroDivisionError" in checked.output, checked.output


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


def test_a_site_template_may_say_a_message_in_its_context(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`pgettext` and `npgettext` in a site's template showed English on every page: the
    i18n extension's own functions stood in for the page language's."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    french = header + (
        'msgctxt "footer"\nmsgid "Legal notice"\nmsgstr "Mentions légales"\n\n'
        'msgctxt "footer"\nmsgid "%(num)s office"\nmsgid_plural "%(num)s offices"\n'
        'msgstr[0] "%(num)s bureau"\nmsgstr[1] "%(num)s de bureaux"\nmsgstr[2] "%(num)s bureaux"\n'
    )
    said = (
        '{{ pgettext("footer", "Legal notice") }} '
        '{{ npgettext("footer", "%(num)s office", "%(num)s offices", 3) }}'
    )
    page = PAGE.replace(HEADLINE, HEADLINE + f"<p>{said}</p>")
    site = make_site(
        {
            "templates/page.html": page,
            "locales/fr/LC_MESSAGES/messages.po": french,
            "releases/first-release/fr.md": "---\ntitle: Un titre\ndateline: Genève\n---\nTexte.\n",
        }
    )
    out = tmp_path / "public"
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert "Mentions légales 3 bureaux" in (out / "fr/first-release/index.html").read_text()


def test_check_names_a_template_mistake_beside_the_warnings(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """With a warning to show (a copied release here), check stopped before rendering the
    site's templates: their mistake showed only once every warning was gone (h140)."""
    copy = {"releases/copy/release.yaml": RELEASE_YAML, "releases/copy/en.md": ENGLISH}
    broken = PAGE.replace(HEADLINE, HEADLINE + "\n{{ 1 // 0 }}", 1)
    site = make_site({"templates/page.html": broken, **copy})
    lines = runner.invoke(main, ["check", "--site", str(site)]).output.splitlines()
    assert any(line.startswith("warning: releases/") and "has en.md as" in line for line in lines)
    assert any(
        line.startswith("templates/page.html:") and "ZeroDivisionError" in line for line in lines
    ), lines
