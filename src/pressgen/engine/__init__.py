"""The build engine: the pipeline (read -> assemble -> render -> write) and its memo.

`build` is the entry point; `inputs` digests what a build reads, `keys` makes the keys that
`render.outputs` declares for every output, `releases` and `memo` keep what was read and
rendered and did not change, `execute`
renders the rest, `places` says where an output may go, `output` owns the output folder
(`files` writes each of its files) and `cache` the cache folder.
"""

from .build import BuildReport, build

__all__ = ["BuildReport", "build"]
