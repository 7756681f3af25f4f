"""The first real release: its French plain text reproduces the release as published."""

from __future__ import annotations

import re
from pathlib import Path

SEED_TXT = "fr/oim-blt-api-pnr/oim-blt-api-pnr.fr.txt"


def words_in_order(needle: list[str], haystack: list[str]) -> tuple[bool, int]:
    """Whether `needle` is a subsequence of `haystack`, and how many words matched."""
    position = 0
    for matched, word in enumerate(needle):
        try:
            position = haystack.index(word, position) + 1
        except ValueError:
            return False, matched
    return True, len(needle)


def test_french_text_carries_every_seed_word_in_order(project_output: Path, seed_text: str) -> None:
    """All 968 words of the release as published (h132: their count was a test of its own,
    which no change to pressgen could fail)."""
    text = (project_output / SEED_TXT).read_text(encoding="utf-8")
    ok, matched = words_in_order(seed_text.split(), text.split())
    assert ok, f"only the first {matched} seed words appear in order"
    assert matched == 968


def test_french_text_reproduces_the_seed_paragraph_for_paragraph(
    project_output: Path, seed_text: str
) -> None:
    """Every seed paragraph is one paragraph of the output, with the same words."""
    output = [p.split() for p in (project_output / SEED_TXT).read_text("utf-8").split("\n\n")]
    for paragraph in seed_text.split("\n\n"):
        words = paragraph.split()
        if words[:2] == ["Communiqué", "Global"]:
            assert output[0][:2] == words, "the type and region head the text"
            continue
        assert any(words_in_order(words, p)[0] and len(p) - len(words) <= 3 for p in output), (
            f"no output paragraph matches: {paragraph[:60]}"
        )


def test_french_text_has_no_markup(project_output: Path) -> None:
    text = (project_output / SEED_TXT).read_text(encoding="utf-8").replace("\n***\n", "\n")
    assert not re.search(r"<[a-z/][^>]*>|&[a-z]+;|\*\*|\]\(|^#", text, re.MULTILINE)


def test_french_text_keeps_french_typography(project_output: Path) -> None:
    text = (project_output / SEED_TXT).read_text(encoding="utf-8")
    assert "«\u202fLe mémorandum" in text
    assert "veuillez contacter\u202f:" in text
    assert "50\u00a0États" in text
