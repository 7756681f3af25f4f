"""`python -m pressgen` and the `pressgen` command.

Loading pressgen's libraries takes a moment; a Ctrl-C in that moment stops the command as
one a second later would (exit status 130, in words), not with a Python traceback.
"""

import sys

STOPPED = "pressgen: stopped by Ctrl-C; run the command again to finish.\n"  # as cli._stopped


def run() -> None:
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write(STOPPED)
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
