"""`pressgen serve`: the author's live preview, rebuilt on every save, problems shown in the page.

The site is built into a temporary folder (never the public output) and served from there by the
standard library's HTTP server; a background thread watches the site folder with watchfiles (an
optional dependency: `pip install 'pressgen[serve]'`) and rebuilds after each save. A build that
fails leaves the last good site in the folder and an error page beside it, which the server
shows in place of every page until the next good build.
"""

from __future__ import annotations

import html
import io
import os
import posixpath
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import click

from .engine import build
from .engine.cache import CACHE_DIR
from .params import ISSUES_URL, Instant
from .problems import InputError
from .resources import MAIL_DIR, MAIL_PREVIEW_DIR

# Folders that change while the site is built or used, never by the author's edits: watching
# them would rebuild forever. Output folders count only at the top of the site (a release may
# well be called `public`); tool folders count anywhere.
OUTPUT_FOLDERS = frozenset({"public", "preview", MAIL_PREVIEW_DIR})
TOOL_FOLDERS = frozenset({".git", "__pycache__", CACHE_DIR, MAIL_DIR})
STAGING_SUFFIXES = (".pressgen-new", ".pressgen-old", ".pressgen-journal", ".pressgen-spare")


def error_page_path(out_dir: Path) -> Path:
    """Where the error page goes: beside the output, which a build replaces as a whole."""
    return out_dir.with_name(f"{out_dir.name}.problems.html")


# The error page is for the author at their desk, not for the site's readers: a tiny f-string
# page (pressgen's Jinja environment and catalogs are the site's), its few words in English.
def error_page(heading: str, lines: Sequence[str]) -> str:
    """The HTML page listing what keeps the site from being built, every line escaped."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pressgen: {html.escape(heading)}</title>
<style>body {{ font-family: sans-serif; margin: 2em; }} li {{ margin: 0.5em 0; }}</style>
</head>
<body>
<h1>{html.escape(heading)}</h1>
<ul>
{items}
</ul>
<p>The site was not rebuilt. Fix the files, save, then reload this page.</p>
</body>
</html>
"""


def write_error_page(path: Path, heading: str, lines: Sequence[str]) -> None:
    """Replace the error page in one step, so that the server never sends half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_text(error_page(heading, lines), encoding="utf-8")
    os.replace(temporary, path)


def build_or_error_page(site_dir: Path, out_dir: Path, now: datetime) -> str:
    """Build the site into `out_dir`, or write the page saying why not; return the console line.

    Never raises for a bad build: the preview outlives typos and pressgen's own bugs alike.
    """
    page = error_page_path(out_dir)
    started = time.perf_counter()
    try:
        build(site_dir, out_dir, now)
    except InputError as error:
        count = len(error.problems)
        summary = f"{count} problem{'s' if count != 1 else ''}"
        write_error_page(page, summary, [str(problem) for problem in error.problems])
        more = f" (and {count - 1} more, listed in the page)" if count > 1 else ""
        return f"{summary}: {error.problems[0]}{more}" if count else summary
    except Exception as error:
        line = (
            f"internal error ({type(error).__name__}: {error}). This is a bug in pressgen, "
            f"not in your files: please report it at {ISSUES_URL}"
        )
        write_error_page(page, "Internal error", [line])
        return line
    page.unlink(missing_ok=True)
    return f"Rebuilt in {time.perf_counter() - started:.2f} s"


def _is_page(request_path: str) -> bool:
    """Whether a request asks for a page (not a stylesheet, feed or image)."""
    path = urlsplit(request_path).path
    return posixpath.splitext(path)[1] in ("", ".html")


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the last good build; while the site has problems, their list in place of pages."""

    def __init__(self, *args: Any, error_page: Path, **kwargs: Any) -> None:
        self.error_page = error_page  # before super(): the base class answers in __init__
        super().__init__(*args, **kwargs)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if _is_page(self.path):
            try:
                return self._send_problems(self.error_page.read_bytes())
            except FileNotFoundError:  # the last build succeeded
                pass
        return super().send_head()

    def _send_problems(self, body: bytes) -> io.BytesIO:
        self.send_response(HTTPStatus.INTERNAL_SERVER_ERROR)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # files change on every save: always ask
        super().end_headers()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Say nothing per request: the console shows one line per rebuild."""


def serve_folder(out_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    """A server bound to `host:port` (port 0: any free one) for the build in `out_dir`.

    The caller runs `serve_forever()`, in a thread or not, and `shutdown()` stops it.
    """
    handler = partial(PreviewHandler, directory=str(out_dir), error_page=error_page_path(out_dir))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({error.strerror}), try another --port"
        ) from error


def is_ignored(path: Path, site_dir: Path, out_dir: Path) -> bool:
    """Whether a changed path is output or tooling rather than the author's input.

    `site_dir` and `out_dir` are resolved paths, as watchfiles reports them.
    """
    if path == out_dir or out_dir in path.parents:
        return True
    try:
        parts = path.relative_to(site_dir).parts
    except ValueError:
        return False
    if parts and parts[0] in OUTPUT_FOLDERS:
        return True
    return any(part in TOOL_FOLDERS or part.endswith(STAGING_SUFFIXES) for part in parts)


def _watchfiles() -> ModuleType:
    """watchfiles, imported only when watching: `pressgen build` does not need it."""
    try:
        import watchfiles
    except ImportError as error:
        raise click.ClickException(
            "pressgen serve needs watchfiles: pip install 'pressgen[serve]'"
        ) from error
    return watchfiles


def watch_and_rebuild(
    site_dir: Path,
    out_dir: Path,
    now: datetime | None,
    stop: threading.Event,
    report: Callable[[str], None] = click.echo,
) -> None:
    """Rebuild after each batch of saves, reporting one line per build, until `stop` is set.

    Without `now`, each build is judged at the real time, so an embargo that passes while the
    preview runs is lifted at the next save, as `pressgen build` would lift it.
    """
    watchfiles = _watchfiles()
    site, out = site_dir.resolve(), out_dir.resolve()
    default_filter = watchfiles.DefaultFilter()  # editors' swap and backup files, .git, ...

    def is_input(change: Any, path: str) -> bool:
        return bool(default_filter(change, path)) and not is_ignored(Path(path), site, out)

    for _changes in watchfiles.watch(site, watch_filter=is_input, stop_event=stop):
        report(build_or_error_page(site_dir, out_dir, now or datetime.now(UTC)))


def _serve_until_interrupted(
    server: ThreadingHTTPServer, watcher: threading.Thread | None, stop: threading.Event
) -> None:
    """Answer requests until Ctrl-C, then stop the watcher after the build under way, if any."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        stop.set()
        server.server_close()
        if watcher is not None:
            watcher.join()


@click.command()
@click.option(
    "--site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    is_eager=True,  # read before --now, whose local times are in the site's zone
    help="The site folder (where pressgen.toml is).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; the default lets only this computer in.",
)
@click.option(
    "--now",
    type=Instant(),
    default=None,
    help="Show the site as it will be public at this instant (default: the real time).",
)
@click.option("--no-watch", is_flag=True, help="Serve one build; do not rebuild on save.")
def serve(site: Path, port: int, host: str, now: datetime | None, no_watch: bool) -> None:
    """Preview the public site in a browser, rebuilt on every save.

    Problems in the files are shown in the page instead of the site: fix, save, reload. The
    preview is built in a temporary folder, never in the site's public output.
    """
    if not no_watch:
        _watchfiles()  # fail now, not in the background thread
    root = Path(tempfile.mkdtemp(prefix="pressgen-serve-"))
    out = root / "site"
    try:
        server = serve_folder(out, host, port)
        click.echo(build_or_error_page(site, out, now or datetime.now(UTC)))
        stop = threading.Event()
        watcher = None
        if not no_watch:
            watcher = threading.Thread(
                target=watch_and_rebuild, args=(site, out, now, stop), name="pressgen-watch"
            )
            watcher.start()
        click.echo(f"Serving http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
        _serve_until_interrupted(server, watcher, stop)
    finally:
        shutil.rmtree(root, ignore_errors=True)
