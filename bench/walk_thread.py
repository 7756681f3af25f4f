"""Whether walking the output folder in a thread could overlap a build's Python work:
``python bench/walk_thread.py OUT``.

Walks OUT (`os.scandir`, one `stat` per file, as `engine/output.py` does) alone, then in a
thread while this thread computes for half a second, and prints how many files the thread
had walked by the end of that half second. Each system call of the walk gives Python's
lock away, and the thread then waits for the computing thread to hand it back (every
5 ms, Python's switch interval), so the overlap is small. Standard library only.
"""

from __future__ import annotations

import os
import sys
import threading
import time


def walk(top: str, sizes: list[int]) -> None:
    folders = [top]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    sizes.append(entry.stat(follow_symlinks=False).st_size)


def compute(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        sum(range(200))


def main(top: str) -> None:
    sizes: list[int] = []
    started = time.perf_counter()
    walk(top, sizes)
    print(f"alone: {len(sizes)} files in {time.perf_counter() - started:.2f} s")
    sizes = []
    thread = threading.Thread(target=walk, args=(top, sizes))
    started = time.perf_counter()
    thread.start()
    compute(0.5)
    walked = len(sizes)
    thread.join()
    print(
        f"in a thread beside 0.5 s of computing: {walked} files by then, "
        f"all in {time.perf_counter() - started:.2f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1])
