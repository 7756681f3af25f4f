"""`pressgen serve`: the author's live preview, rebuilt on every save, problems shown in the page.

By default the preview is the author's: drafts, and releases under embargo or scheduled for
later, are shown under their banners (`build(..., preview=True)`), since what an author is
writing is almost never public yet; `--public` shows exactly what `pressgen build` would
publish. The site is built into a temporary folder (never the public output) and served from
there by the standard library's HTTP server; a background thread watches the site folder
with watchfiles (an optional dependency: `pip install 'pressgen[serve]'`) and rebuilds after
each save, and at the instant a release becomes public. Open pages reload themselves after a
rebuild (`livereload`). A build that fails leaves the last good site in the folder and an
error page beside it, which the server shows in place of every page until the next good
build.
"""

from __future__ import annotations

import io
import ipaddress
import posixpath
import socket
import sys
import threading
from datetime import UTC, datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import click

from .cli import cores, reports_problems
from .livereload import RELOAD_SCRIPT, SCRIPT_PATH, VERSION_PATH, Generation, inject
from .params import Instant, site_option
from .problems import InputError
from .read.config import CONFIG_FILE, read_config
from .scratch import scratch_folder
from .serve_pages import error_page_path, not_found_page
from .serve_watch import Watch, build_or_error_page, watch_and_rebuild
from .watching import stopped_as_by_ctrl_c, watchfiles_module

__all__ = ["Watch", "build_or_error_page", "serve", "serve_folder", "watch_and_rebuild"]


def _is_page(request_path: str) -> bool:
    """Whether a request asks for a page (not a stylesheet, feed or image)."""
    path = urlsplit(request_path).path
    return posixpath.splitext(path)[1] in ("", ".html")


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the last good build, each page with the reload script; while the site has
    problems, their list in place of pages."""

    def __init__(
        self, *args: Any, error_page: Path, generation: Generation, author: bool, **kwargs: Any
    ) -> None:
        self.error_page = error_page  # before super(): the base class answers in __init__
        self.generation = generation
        self.author = author  # the author's preview, not `--public`: warnings may be shown
        super().__init__(*args, **kwargs)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = urlsplit(self.path).path
        if path == VERSION_PATH:
            return self._send(str(self.generation.value).encode(), "text/plain")
        if path == SCRIPT_PATH:
            return self._send(RELOAD_SCRIPT, "text/javascript")
        if not _is_page(self.path):
            return super().send_head()
        generation = self.generation.value  # before reading: a later rebuild reloads the page
        try:
            problems = self.error_page.read_bytes()
        except FileNotFoundError:  # the last build succeeded
            pass
        else:
            return self._send(inject(problems, generation), "text/html", HTTPStatus(500))
        page = self._page_file(path)
        if page is not None:
            return self._send(inject(page, generation), "text/html")
        if not path.endswith("/") and Path(self.translate_path(path)).is_dir():
            return super().send_head()  # a folder without its slash: sent to it
        # Nothing, or a folder with no page yet (a release being built): never a listing of
        # files, and a page that reloads itself once the build has it.
        self.log_error("code %d, message %s", HTTPStatus.NOT_FOUND, "File not found")
        missing = not_found_page(path, Path(self.directory) if self.author else None).encode()
        return self._send(inject(missing, generation), "text/html", HTTPStatus.NOT_FOUND)

    def _page_file(self, path: str) -> bytes | None:
        local = Path(self.translate_path(path))
        if path.endswith("/"):
            local = local / "index.html"
        try:
            return local.read_bytes() if local.suffix == ".html" else None
        except OSError:
            return None

    def _send(
        self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK
    ) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        # Files change on every save, and a page's bytes depend on the generation it was
        # sent at: a browser must never reuse one (a cached page would reload forever).
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Say nothing per request: the console shows one line per rebuild."""

    def log_error(self, format: str, *args: Any) -> None:
        """A refused request in words, its address first ("not found: /en/x/ ...")."""
        code = args[0] if args else None
        if code == HTTPStatus.NOT_FOUND:
            sys.stderr.write(f"not found: {self.path} (no such page in this build)\n")
        else:
            sys.stderr.write(f"{self.path}: {format % args}\n")


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server: quiet when a browser leaves before its answer is sent."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # a page left mid-answer
            return
        super().handle_error(request, client_address)


def serve_folder(
    out_dir: Path,
    host: str,
    port: int,
    generation: Generation | None = None,
    author: bool = True,
) -> ThreadingHTTPServer:
    """A server bound to `host:port` (port 0: any free one) for the build in `out_dir`;
    `author`: the author's preview, whose page of an address not found may quote a draft's
    problems (`--public`'s, which anyone on the network may open, never does).

    The caller runs `serve_forever()`, in a thread or not, and `shutdown()` stops it.
    """
    handler = partial(
        PreviewHandler,
        directory=str(out_dir),
        error_page=error_page_path(out_dir),
        generation=generation or Generation(),
        author=author,
    )
    try:
        return PreviewServer((host, port), handler)
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({error.strerror}), try another --port"
        ) from error


def _serve_until_interrupted(server: ThreadingHTTPServer) -> None:
    """Answer requests until Ctrl-C (or a signal that stops as it does)."""
    server.serve_forever()


def addresses(host: str, port: int) -> str:
    """Where to open the preview: listening on every address (0.0.0.0), "0.0.0.0" is no
    address a browser can open; this computer's own and its address on the network are."""
    if host != "0.0.0.0":
        return f"http://{host}:{port}/"
    try:  # the address the machine would send from: no packet leaves (UDP, not sent)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            lan = probe.getsockname()[0]
    except OSError:
        lan = socket.gethostname()
    return f"http://127.0.0.1:{port}/, from another device http://{lan}:{port}/"


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@site_option(must_exist=True)
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
    help="Judge embargoes and dates at this instant (default: the real time).",
)
@click.option(
    "--public",
    is_flag=True,
    help="Show only what `pressgen build` would publish now (or at --now): no drafts, "
    "nothing under embargo or scheduled for later.",
)
@click.option("--no-watch", is_flag=True, help="Serve one build; do not rebuild on save.")
@reports_problems
def serve(
    site: Path, port: int, host: str, now: datetime | None, public: bool, no_watch: bool
) -> None:
    """Preview the site in a browser while you write, rebuilt on every save.

    Drafts and releases under embargo or scheduled for later are shown under their banners
    (add --public to see only what is public). Open pages reload by themselves after each
    rebuild; problems in the files are shown in the page instead of the site. The preview is
    built in a temporary folder, never in the site's public output.
    """
    if not (site / CONFIG_FILE).is_file():  # no site here: nothing to serve or to watch
        raise InputError(read_config(site)[1])
    if not no_watch:
        watchfiles_module("pressgen serve")  # fail now, not in the background thread
    if not public and not _is_loopback(host):
        click.echo(
            f"warning: drafts and embargoed releases are visible to anyone who can reach "
            f"{host}:{port}; add --public to show only what is public",
            err=True,
        )
    # a `kill` or a closed terminal cleans up as Ctrl-C does; after a `kill -9`, the next
    # build does (`scratch.sweep`)
    with stopped_as_by_ctrl_c(), scratch_folder("serve") as root:
        try:
            watch = Watch(now, not public, Generation())
            _serve_into(root / "site", site, host, port, watch, no_watch)
        except KeyboardInterrupt:
            click.echo("Stopped.")


def _serve_into(out: Path, site: Path, host: str, port: int, watch: Watch, no_watch: bool) -> None:
    """Build into `out`, serve it, and rebuild on every save until stopped; then stop the
    watcher after the build under way, if any."""
    server = serve_folder(out, host, port, watch.generation, author=watch.preview)
    stop = threading.Event()
    watcher: threading.Thread | None = None
    try:
        # The first build, a whole archive, runs on every core: its workers are forked, and
        # no other thread runs yet. A rebuild after a save, with the server's and the
        # watcher's threads running, must not fork, and renders little: one process.
        now = watch.now or datetime.now(UTC)
        first = build_or_error_page(site, out, now, preview=watch.preview, jobs=cores())
        click.echo(first.line)
        watch.generation.bump()
        if not no_watch:
            watcher = threading.Thread(
                target=watch_and_rebuild,
                args=(site, out, watch, stop, click.echo, first.upcoming),
                name="pressgen-watch",
            )
            watcher.start()
        what = "drafts and embargoed releases included" if watch.preview else "the public site"
        click.echo(f"Serving {addresses(host, server.server_address[1])} ({what}; Ctrl-C to stop)")
        _serve_until_interrupted(server)
    finally:
        stop.set()
        server.server_close()
        if watcher is not None:
            watcher.join()
