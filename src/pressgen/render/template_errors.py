"""Mistakes in a site's own Jinja templates, told as the site's problems: the template's
file and line, what is wrong. A mistake in pressgen's own templates stays a bug.

Jinja finds some mistakes when it compiles a template (syntax, an unknown filter) and the
templates it names can be looked up then: `template_problems` finds those before a build
writes anything. The others (an undefined name, a division by zero) only show when a page
is rendered, perhaps only for one language: `located` names them from the traceback, whose
frames Jinja sets to the template's file and line.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, meta
from jinja2.loaders import ChoiceLoader, FileSystemLoader

from ..folders import paths_below
from ..problems import NOT_UTF8, InputError, Problem, UserError, line_not_utf8

TEMPLATES = "templates"
JINJA_SUFFIXES = (".html", ".txt", ".xml")  # release.typ and assets/ are not Jinja's


class TemplateMistake(UserError):
    """A site's template failed to render; the message names its file and line, as its
    `problem` does (for a list of problems: `pressgen check`)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def site_templates(env: Environment) -> Path | None:
    """The site's templates folder, which Jinja searches before pressgen's own."""
    loader = env.loader
    if isinstance(loader, ChoiceLoader) and len(loader.loaders) > 1:
        first = loader.loaders[0]
        if isinstance(first, FileSystemLoader) and first.searchpath:
            return Path(first.searchpath[0])
    return None


def template_problems(env: Environment) -> list[Problem]:
    """Every site template that does not compile, or names a template that is nowhere."""
    folder = site_templates(env)
    if folder is None:
        return []
    problems = []
    for path in paths_below(folder):
        if path.suffix not in (*JINJA_SUFFIXES, ".typ") or not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if name.startswith("assets/"):
            continue
        try:
            source = path.read_text(encoding="utf-8")  # Typst's too (h96: exit 3 on one)
            if path.suffix in JINJA_SUFFIXES:
                env.get_template(name)  # compiled once: the pages take it from Jinja's cache
                problems += _missing(env, source, name)
        except TemplateSyntaxError as error:
            problems.append(Problem(f"{TEMPLATES}/{name}", error.lineno, None, error.message or ""))
        except UnicodeDecodeError as error:
            problems.append(Problem(f"{TEMPLATES}/{name}", line_not_utf8(error), None, NOT_UTF8))
    return problems


def refuse_template_mistakes(env: Environment) -> None:
    """Raise InputError listing `template_problems`, if there are any."""
    if mistakes := template_problems(env):
        raise InputError(mistakes)


def _missing(env: Environment, source: str, name: str) -> list[Problem]:
    """The templates that `name` extends, includes or imports and that exist nowhere."""
    assert env.loader is not None
    found = []
    for other in meta.find_referenced_templates(env.parse(source)):
        if other is None:
            continue  # a name computed at render time
        try:
            env.loader.get_source(env, other)
        except TemplateNotFound:
            line = next((n for n, text in enumerate(source.split("\n"), 1) if other in text), None)
            found.append(
                Problem(f"{TEMPLATES}/{name}", line, None, f"template '{other}' not found")
            )
    return found


def located(error: BaseException, env: Environment, doing: str) -> TemplateMistake | None:
    """`error` told as a mistake of the site's template it happened in, or None if it did
    not happen in one of the site's templates."""
    folder = site_templates(env)
    if folder is None:
        return None
    if isinstance(error, TemplateSyntaxError) and error.filename:
        place = _in_site(Path(error.filename), folder, error.lineno)
    else:
        place = _innermost_site_frame(error.__traceback__, folder)
    if place is None:
        return None
    if isinstance(error, TemplateNotFound):
        detail = f"template '{error.name}' not found"
    elif isinstance(error, TemplateSyntaxError) or type(error).__module__.startswith("jinja2"):
        detail = str(error.message if isinstance(error, TemplateSyntaxError) else error)
    else:
        detail = f"{type(error).__name__}: {error}"
    return TemplateMistake(Problem(*place, None, f"{detail} (rendering {doing})"))


def _innermost_site_frame(
    trace: TracebackType | None, folder: Path
) -> tuple[str, int | None] | None:
    place = None
    while trace is not None:
        code = trace.tb_frame.f_code
        found = _in_site(Path(code.co_filename), folder, trace.tb_lineno)
        place = found or place
        trace = trace.tb_next
    return place


def _in_site(path: Path, folder: Path, line: int | None) -> tuple[str, int | None] | None:
    """The place in the site's templates (file and line) of a frame or a syntax error."""
    if not path.is_relative_to(folder):
        return None
    return f"{TEMPLATES}/{path.relative_to(folder).as_posix()}", line or None
