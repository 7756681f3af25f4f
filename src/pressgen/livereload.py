"""Pages that reload themselves after a rebuild: in `pressgen serve` only, never in output.

The server counts its rebuilds (a `Generation`). Each HTML page it sends carries one script
tag, added to the response and never to the file on disk, naming the generation the page
was read at; the script asks the server for the current generation every second and
reloads the page when it moved. The script is a file of the server's own
(`/__pressgen/reload.js`), not inline code, so a site whose templates set a
Content-Security-Policy of `script-src 'self'` still reloads.
"""

from __future__ import annotations

import threading

PREFIX = "/__pressgen/"
VERSION_PATH = PREFIX + "version"
SCRIPT_PATH = PREFIX + "reload.js"

# Polls rather than holding a connection open (Server-Sent Events): the standard library's
# server gives every open connection a thread, and a poll survives the server restarting.
RELOAD_SCRIPT = b"""\
(function () {
  "use strict";
  var seen = document.currentScript.getAttribute("data-generation");
  function check() {
    fetch("/__pressgen/version", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (generation) {
        if (generation.trim() !== seen) { location.reload(); } else { later(); }
      }, later);
  }
  function later() { window.setTimeout(check, 1000); }
  later();
})();
"""


class Generation:
    """How many times the served site changed; read by the server's threads, moved by the
    rebuilding one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = 0

    @property
    def value(self) -> int:
        with self._lock:
            return self._value

    def bump(self) -> int:
        with self._lock:
            self._value += 1
            return self._value


def script_tag(generation: int) -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-generation="{generation}"></script>\n'.encode()


def inject(page: bytes, generation: int) -> bytes:
    """`page` with the reload script before its last `</body>` (at its end if it has none)."""
    at = page.lower().rfind(b"</body>")
    tag = script_tag(generation)
    return page + tag if at < 0 else page[:at] + tag + page[at:]
