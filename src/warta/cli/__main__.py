"""``python -m warta.cli``: the command line."""

from warta.cli import main

main()
