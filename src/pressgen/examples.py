"""The example text `pressgen new` writes into a new release, in the writer's language.

It comes from pressgen's own catalogs, so translators write it as they write the pages'
words; `check` and `build` warn when a release to publish still holds it, in its own
language or in English (a file begun in another language, or before the catalog had it).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from .model import N_

EMAIL = "press@example.org"
ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        "title": N_("Headline of the release"),
        "dateline": N_("City"),
        "summary": N_("One sentence that says what happened."),
        "body": N_("First paragraph: who, what, when, where."),
        "second": N_("Second paragraph."),
        "name": N_("Press officer"),
    }
)


@cache  # pressgen's own catalogs never change while it runs
def example_texts(lang: str) -> Mapping[str, str]:
    """The examples in `lang`, each as pressgen's catalogs give its pages' words (fr-CA
    takes fr's), in English where they lack it."""
    from .i18n import over_package  # Babel, only when asked

    catalog = over_package(lang, {})

    def translated(text: str) -> str:
        message = catalog.get(text)
        if message is None or not isinstance(message.string, str):
            return text
        return message.string or text

    return MappingProxyType({name: translated(text) for name, text in ENGLISH.items()})
