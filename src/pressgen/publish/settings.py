"""`[publish]` in pressgen.toml: the command that copies the public output to the web.

`read.config` reads the table with the rest of the settings (so `pressgen check` and every
build report its problems) into `SiteConfig.publish`, which the digest of the settings that
every rendered file's key holds leaves out: a new deploy command renders nothing again.

The command runs without a shell: a string is split into words as a shell would split them
(shlex), and each word is passed as it is. What only a shell understands (`&&`, `|`, `>`,
`$VARIABLE`, `~`) is refused with the way out, rather than passed on as a strange argument.
Only the standard library and the model are imported: `pressgen build` loads this module.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..model import DEFAULT_TIMEOUT, OUTPUT_WORD, PublishSettings
from ..problems import unknown_key_message

PUBLISH_KEYS = ("deploy", "timeout")
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh"})
SHELL_ONLY = frozenset({"&&", "||", "|", ";", "&", ">", ">>", "<", "2>", "2>&1"})

AddProblem = Callable[[str, str], None]


def read_publish_settings(table: Any, add: AddProblem) -> PublishSettings | None:
    """The validated `[publish]` table, or None after reporting each problem through `add`."""
    if not isinstance(table, Mapping):
        add("publish", 'expected a [publish] section with deploy = "..."')
        return None
    count = 0

    def problem(key: str, message: str) -> None:
        nonlocal count
        count += 1
        add(key, message)

    for key in table:
        if key not in PUBLISH_KEYS:
            problem(key, unknown_key_message(key, PUBLISH_KEYS))
    deploy = _deploy(table.get("deploy"), problem)
    timeout = table.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        problem("timeout", "expected the most seconds a deploy may take, e.g. 900")
    if count:
        return None
    return PublishSettings(deploy=deploy, timeout=float(timeout))


def _deploy(value: Any, problem: AddProblem) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, list) and value and all(isinstance(w, str) and w for w in value):
        words = tuple(value)
    elif isinstance(value, str):
        try:
            words = tuple(shlex.split(value))
        except ValueError as error:  # "No closing quotation"
            problem("deploy", f"cannot be split into words ({error}): close the quote")
            return None
    else:
        words = ()
    if not words:
        problem("deploy", 'expected a command, e.g. "rsync -a --delete public/ web@host:/srv/www/"')
        return None
    if Path(words[0]).name not in SHELLS:
        _no_shell(words, problem)
    return words


def _no_shell(words: tuple[str, ...], problem: AddProblem) -> None:
    """Refuse what a shell would have understood: no shell runs the command."""
    run_in_shell = "; write the commands in a script and give its path, or use sh -c '...'"
    for word in words:
        if word in SHELL_ONLY:
            problem("deploy", f"'{word}' needs a shell, which pressgen does not run{run_in_shell}")
            return
        if "$" in word:
            problem(
                "deploy",
                f"'{word}': no shell runs the command, so variables are not expanded; write "
                f"{OUTPUT_WORD} for the output folder, or use sh -c '...'",
            )
            return
        if word.startswith("~"):
            problem("deploy", f"'{word}': ~ is not expanded (no shell), write the full path")
            return
