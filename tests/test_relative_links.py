"""Links between output files (`paths.relative`) work from any page to any file, whatever
characters the file's path holds: a release id is plain, a photo or annex may be named
"Carte du camp é.png". Checked against the link a browser resolves."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, unquote, urljoin

from hypothesis import given
from hypothesis import strategies as st

from pressgen.paths import relative

NAMES = st.sampled_from(
    ["en", "fr", "r-001", "media", "index.html", "Carte é.png", "a b", "~x", "%"]
)
PATHS = st.lists(NAMES, min_size=1, max_size=4).map("/".join)


@given(PATHS, PATHS)
def test_a_link_leads_from_its_page_to_its_file(page: str, target: str) -> None:
    link = relative(page, target)
    resolved = urljoin("https://news.example.org/" + quote(page), link)
    assert unquote(resolved) == "https://news.example.org/" + posixpath.normpath(target)


def test_a_plain_path_is_written_as_it_is_and_another_quoted() -> None:
    assert relative("en/r-001/index.html", "media/r-001/map.png") == "../../media/r-001/map.png"
    assert relative("en/r-001/index.html", "en/r-001/Carte é.png") == "Carte%20%C3%A9.png"
