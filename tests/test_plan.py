"""The plan's guards for whoever adds an output kind: a path declared twice, a template
missing from the keys. Either would give stale or missing files without a word."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import DictLoader, Environment

from pressgen.engine.keys import Keys, Templates
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


def test_any_template_a_kind_names_is_in_its_key() -> None:
    """A new templated kind once had to be listed in engine/keys.py, or a site's edit of its
    template changed no key and the old files stayed: a template is now digested when a
    kind names it, with those it extends. An edit changes its kind's key, and only its."""

    def keys(base: str) -> Any:
        sources = {"base.html": base, "release.ics": "{% extends 'base.html' %}", "page.html": "p"}
        env = Environment(loader=DictLoader(sources))
        templates = Templates(env, "every")
        return SimpleNamespace(template=templates.digest, base="b", catalogs={"en": "c"})

    before, edited = keys("x"), keys("y")
    assert Keys.kind(before, "release.ics", "en") != Keys.kind(edited, "release.ics", "en")
    assert Keys.kind(before, "page.html", "en") == Keys.kind(edited, "page.html", "en")
    assert Keys.kind(before, "ninjs", "en") == Keys.kind(edited, "ninjs", "en")  # it has none
    assert Keys.kind(before, "page.html", "en") != Keys.kind(before, "ninjs", "en")
