"""The build engine: the pipeline (read -> assemble -> render -> write) and its memo.

`build` is the entry point; `inputs` digests what a build reads, `plan` declares every
output with the key of what it depends on, `execute` renders what changed, `output` owns the
output folder and `cache` the cache folder.
"""

from .build import BuildReport, build

__all__ = ["BuildReport", "build"]
