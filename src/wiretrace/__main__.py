"""Entry point for ``python -m wiretrace``."""

from wiretrace.cli.app import main

main()
