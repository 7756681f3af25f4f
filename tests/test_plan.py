"""The plan's guards for whoever adds an output kind: a path declared twice, a template the
keys do not know. Either would give stale or missing files without a word."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from pressgen.engine.keys import Keys
from pressgen.render import outputs
from pressgen.render.outputs import Unit


def _declares(name: str, path: str) -> Any:
    return lambda edition, keys, found: iter([Unit(name, {path: name}, lambda *a: {})])


def test_a_path_two_kinds_declare_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new kind whose path was robots.txt's: one file silently replaced the other."""
    kinds = (_declares("robots", "robots.txt"), _declares("releases list", "robots.txt"))
    monkeypatch.setattr(outputs, "KINDS", kinds)
    monkeypatch.setattr(outputs, "archive", lambda edition: None)
    with pytest.raises(RuntimeError, match=r"robots\.txt: declared by robots and releases list"):
        outputs.plan(SimpleNamespace(), SimpleNamespace())  # type: ignore[arg-type]


def test_a_template_the_keys_do_not_know_is_refused() -> None:
    """A new templated kind missing from PAGE_TEMPLATES: a site's edit of its template
    changed no key, and the old files stayed. A known template's edit changes its kind's
    key, and only its kind's."""
    keys = SimpleNamespace(templates={"page.html": "t"}, base="b", catalogs={"en": "c"})
    edited = SimpleNamespace(templates={"page.html": "t2"}, base="b", catalogs={"en": "c"})
    page = Keys.kind(keys, "page.html", "en")  # type: ignore[arg-type]
    ninjs = Keys.kind(keys, "ninjs", "en")  # type: ignore[arg-type]  # a kind without one
    assert page != ninjs
    assert Keys.kind(edited, "page.html", "en") != page  # type: ignore[arg-type]
    assert Keys.kind(edited, "ninjs", "en") == ninjs  # type: ignore[arg-type]
    with pytest.raises(LookupError, match=r"release\.ics: a template the build.s keys"):
        Keys.kind(keys, "release.ics", "en")  # type: ignore[arg-type]
