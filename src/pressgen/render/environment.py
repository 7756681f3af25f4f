"""The Jinja environment: built once per build, the language passed in each render's context."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..i18n import Language
from ..problems import NOT_UTF8, InputError, Problem, line_not_utf8
from ..resources import PACKAGE_TEMPLATES


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory while the process lives: a build run again
    in one process (`serve`, `publish --watch`, the tests) compiles only the templates whose
    source changed (Jinja compares each one's checksum before it takes its code). Never
    kept on disk, where compiled code read back could crash a build or run anything."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# Every environment is made alike (`make_environment`), so that they may share one cache.
_COMPILED = CompiledTemplates()


def make_environment(site_templates: Path | None) -> Environment:
    """Site templates first, then the package's; autoescaped HTML/XML, strict variables."""
    search = [FileSystemLoader(site_templates)] if site_templates else []
    search.append(FileSystemLoader(PACKAGE_TEMPLATES))
    env = Environment(
        loader=ChoiceLoader(search),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["tel"] = tel_uri
    env.filters["email"] = email_shown
    return env


def tel_uri(phone: str) -> str:
    """A phone number as written ("+41 (0)22 717 9111") as the `tel:` link that dials it:
    without spaces, and without the trunk prefix "(0)" that is not dialled from abroad.
    Digits of any script ("+٤١ ٢٢ ...") are dialled as the link's ASCII digits."""
    number = "".join(
        str(int(char)) if char.isdecimal() else char for char in "".join(phone.split())
    )
    if number.startswith("+"):
        number = number.replace("(0)", "")
    return "tel:" + number


def email_shown(address: str) -> Markup:
    """An e-mail address as a page shows it: a line may break after its `@` and before a
    dot, never at a hyphen, which a reader would take for one added at the line's end (the
    address copies as written: the marks are markup, not text)."""
    shown = []
    for part in re.split(r"([@.])", address):
        if part == "@":
            shown.append(Markup("@<wbr>"))
        elif part == ".":
            shown.append(Markup("<wbr>."))
        elif "-" in part:
            shown.append(Markup('<span class="unbroken">%s</span>') % part)
        else:
            shown.append(escape(part))
    return Markup("").join(shown)


def template_source(env: Environment, name: str) -> str:
    """A template's text as found (the site's over the package's), for files that are not
    Jinja templates: the stylesheet, the Typst layout."""
    assert env.loader is not None  # make_environment always gives one
    try:
        return env.loader.get_source(env, name)[0]
    except UnicodeDecodeError as error:
        raise InputError(
            [Problem(f"templates/{name}", line_not_utf8(error), None, NOT_UTF8)]
        ) from None


def is_sites_own(env: Environment, name: str) -> bool:
    """Whether the site replaces the package's template `name` with one of its own."""
    assert env.loader is not None
    found = env.loader.get_source(env, name)[1]
    return found is not None and not Path(found).is_relative_to(PACKAGE_TEMPLATES)


def gettext_functions(language: Language) -> dict[str, Callable[..., Any]]:
    """`_`, `gettext`, `ngettext`, `pgettext` and `npgettext` for one language, in
    jinja2.ext.i18n's new style (its own would show a site template's words in English)."""

    @pass_context
    def gettext(context: Context, message: str, /, **variables: Any) -> str:
        return gettext_in(context, language.gettext(message), variables)

    @pass_context
    def ngettext(
        context: Context, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        # Counts are written with the locale's digits and grouping ("1 234", "1,234").
        shown = {k: language.number(v) if _is_count(v) else v for k, v in variables.items()}
        text = language.ngettext(singular, plural, num)
        return gettext_in(context, text, {"num": language.number(num), **shown})

    @pass_context
    def pgettext(context: Context, msgctxt: str, message: str, /, **variables: Any) -> str:
        return gettext_in(context, language.pgettext(msgctxt, message), variables)

    @pass_context
    def npgettext(
        context: Context, msgctxt: str, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        found = language.translations.npgettext(msgctxt, singular, plural, num)
        counts = {k: language.number(v) if _is_count(v) else v for k, v in variables.items()}
        shown = {"num": language.number(num), **counts}  # `num=` as Jinja's own takes it
        return gettext_in(context, language.typography(str(found)), shown)

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


def gettext_in(context: Context, text: str, variables: dict[str, Any]) -> str:
    """A translation as a template shows it: safe markup where it escapes, filled in."""
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables else text


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
