"""A deploy command for the publish tests: a script that writes down how it was run and
what the output folder held, one JSON line per run, and fails when told to."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .conftest import MINIMAL_CONFIG

DEPLOY_SCRIPT = """\
import json, os, sys, time
record, flag = sys.argv[1], sys.argv[2]
if os.path.exists(flag + ".sleep"):  # a slow copy, once
    seconds = float(open(flag + ".sleep").read())
    os.unlink(flag + ".sleep")
    time.sleep(seconds)
if os.path.exists(flag):
    sys.stderr.write(open(flag).read())
    sys.exit(23)
out = os.environ["PRESSGEN_OUTPUT"]
files = sorted(
    os.path.relpath(os.path.join(folder, name), out)
    for folder, _, names in os.walk(out)
    for name in names
)
entry = {
    "time": time.time(),
    "cwd": os.getcwd(),
    "output": out,
    "site": os.environ["PRESSGEN_SITE"],
    "argv": sys.argv[3:],
    "files": files,
}
with open(record, "a") as handle:
    handle.write(json.dumps(entry) + "\\n")
"""


class Deploys:
    """The recording deploy command of one test: its settings, its runs, its failures."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.script = root / "deploy.py"
        self.script.write_text(DEPLOY_SCRIPT, encoding="utf-8")
        self.record = root / "deploys.jsonl"
        self.flag = root / "fail-with"

    def words(self) -> list[str]:
        return [sys.executable, str(self.script), str(self.record), str(self.flag), "{output}"]

    def command(self, out: Path) -> list[str]:
        """The words as they run for the output folder `out`."""
        return [word.replace("{output}", str(out)) for word in self.words()]

    def config(self, extra: str = "") -> str:
        """The test site's settings with this command as `[publish] deploy`."""
        return f"{MINIMAL_CONFIG}\n[publish]\ndeploy = {json.dumps(self.words())}\n{extra}"

    def runs(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def take(self, seconds: float) -> None:
        """Make the next run take `seconds` (the one after is quick again)."""
        self.flag.with_name(self.flag.name + ".sleep").write_text(str(seconds), encoding="utf-8")

    def fail_with(self, message: str | None) -> None:
        """Make the next runs print `message` on standard error and exit 23 (None: succeed)."""
        if message is None:
            self.flag.unlink(missing_ok=True)
        else:
            self.flag.write_text(message, encoding="utf-8")
