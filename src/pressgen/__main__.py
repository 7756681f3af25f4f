"""`python -m pressgen`: the same as the `pressgen` command."""

from .cli import main

main()
