"""Typst in a process of its own, spoken to over a pipe.

Typst runs threads (Rust's thread pool). A process that has started them must never fork:
its copy would wait forever on threads that exist only in the parent, and the build forks
its workers. So no build process loads Typst: each starts a Typst process of its own (a
fresh interpreter, never a fork) on its first PDF, which ends when its pipe closes, that
is when the process that started it ends, however it ends. It runs in a session of its
own, so that a terminal's signals (Ctrl-C, a closed terminal) go to the build alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..problems import UserError
from .pdffonts import FONT_FILES, FontFile, PdfError, covered


class TypstProcess:
    """Typesets PDFs in its Typst process, started on the first one."""

    def __init__(self, fonts: Iterable[FontFile] = FONT_FILES) -> None:
        self.fonts = tuple(fonts)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def coverage(self) -> frozenset[int]:
        return covered()

    def typeset(
        self, template: str, root: Path, inputs: Mapping[str, str], created: datetime
    ) -> bytes:
        """A PDF from `template`, reading files under `root` (see `pdffonts.Typesetter`)."""
        request = {
            "template": template,
            "root": str(root),
            "inputs": dict(inputs),
            "created": created.isoformat(),
        }
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
        process.stdin.flush()
        line = process.stdout.readline()
        if not line:
            self._process = None
            raise PdfError(f"the Typst process stopped (exit status {process.wait()})")
        answer = json.loads(line)
        data = process.stdout.read(answer.get("length", 0))
        if "user_error" in answer:
            raise UserError(answer["user_error"])
        if "error" in answer:
            raise PdfError(answer["error"], answer.get("error_line"))
        if "failure" in answer:
            raise RuntimeError(f"the Typst process failed: {answer['failure']}")
        return data

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            fonts = json.dumps([[f.package, f.path, f.fingerprint] for f in self.fonts])
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__, fonts],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                close_fds=True,
                # Apart from the terminal: a Ctrl-C is the build's to answer, and one that
                # came while this interpreter loads would print its traceback
                start_new_session=True,
            )
        return self._process


@lru_cache(maxsize=4)
def _for_process(pid: int) -> TypstProcess:
    return TypstProcess()


def shared_typesetter() -> TypstProcess:
    """This process's Typst process (a forked worker gets its own, never its parent's)."""
    return _for_process(os.getpid())


def serve(fonts: list[FontFile], requests: IO[bytes], answers: IO[bytes]) -> None:
    """The Typst process: one PDF per request line, until the pipe closes."""
    from .pdffonts import Typesetter

    try:
        typesetter: Any = Typesetter(fonts)
    except UserError as error:  # a font missing or not the pinned one: said at each request
        typesetter = error
    for line in requests:
        request = json.loads(line)
        answer: dict[str, Any] = {}
        data = b""
        try:
            if isinstance(typesetter, UserError):
                raise typesetter
            created = datetime.fromisoformat(request["created"])
            data = typesetter.typeset(
                request["template"], Path(request["root"]), request["inputs"], created
            )
        except UserError as error:
            answer["user_error"] = str(error)
        except PdfError as error:
            answer["error"], answer["error_line"] = str(error), error.template_line
        except Exception as error:  # told to the build, which reports it: never a traceback
            answer["failure"] = f"{type(error).__name__}: {error}"  # on a terminal it shares
        answer["length"] = len(data)
        answers.write(json.dumps(answer).encode("utf-8") + b"\n" + data)
        answers.flush()


if __name__ == "__main__":
    # Ctrl-C sent to this process alone (its own session keeps the terminal's away): the
    # build answers it, then closes the pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        serve(
            [FontFile(*font) for font in json.loads(sys.argv[1])],
            sys.stdin.buffer,
            sys.stdout.buffer,
        )
    except BrokenPipeError:  # the build is gone (killed): nobody reads the answer
        os._exit(0)
