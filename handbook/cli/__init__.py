"""The `handbook` command, on top of the pipeline."""

from handbook.cli.main import main

__all__ = ["main"]
