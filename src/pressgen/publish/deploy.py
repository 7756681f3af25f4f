"""Run the deploy command: without a shell, in the site folder, the output folder named in
the environment, within its time limit.

The command gets `PRESSGEN_OUTPUT` (the output folder, absolute) and `PRESSGEN_SITE` (the
site folder) in its environment, and no input: run with no terminal in a session of its own,
an `ssh` that would ask for a password fails at once instead of waiting for nobody. A
command still running at the time limit, or when pressgen is stopped, is stopped with every
process it started (its whole process group).
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from ..problems import UserError

GRACE = 5.0  # seconds between asking a stopped command to end and ending it
SHOWN_LINES = 40  # of the command's error output, in the failure message


class DeployFailed(UserError):
    """The deploy command failed; the message holds its error output."""


def run_deploy(words: Sequence[str], site_dir: Path, out_dir: Path, timeout: float) -> float:
    """Run the deploy command; return how many seconds it took, or raise DeployFailed."""
    environment = {
        **os.environ,
        "PRESSGEN_OUTPUT": str(out_dir.absolute()),
        "PRESSGEN_SITE": str(site_dir.absolute()),
    }
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            list(words),
            cwd=site_dir,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:  # not found, not executable
        raise DeployFailed(
            f"deploy: cannot run {words[0]!r} ({error.strerror}): check [publish] deploy in "
            "pressgen.toml (the program must be installed and on the PATH of this service)"
        ) from None
    try:
        output, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        output, errors = process.communicate()
        raise DeployFailed(
            _failure(words, f"did not finish within {timeout:g} s and was stopped", output, errors)
        ) from None
    finally:  # interrupted (Ctrl-C, the service stopped): the copy stops too
        if process.poll() is None:
            _stop(process)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise DeployFailed(_failure(words, _ended(process.returncode, seconds), output, errors))
    return seconds


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the command and whatever it started (rsync's ssh, a script's children)."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            return
        try:
            process.wait(GRACE)
            return
        except subprocess.TimeoutExpired:
            continue


def _ended(status: int, seconds: float) -> str:
    if status < 0:
        return f"was killed by signal {-status} after {seconds:.1f} s"
    return f"exited with status {status} after {seconds:.1f} s"


def _failure(words: Sequence[str], what: str, output: bytes, errors: bytes) -> str:
    """The one message a press officer or an operator reads: which command, what happened,
    what happens next, then the end of what the command said."""
    said = (errors or output).decode("utf-8", "replace").rstrip().splitlines()
    if len(said) > SHOWN_LINES:
        said = [f"... ({len(said) - SHOWN_LINES} lines before)", *said[-SHOWN_LINES:]]
    head = (
        f"deploy failed: `{shlex.join(words)}` {what}. The site is built but not copied; "
        "the next `pressgen publish` tries again."
    )
    if not said:
        return head + " The command printed nothing."
    return "\n".join([head + " It said:", *(f"    {line}" for line in said)])
