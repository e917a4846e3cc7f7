"""The one place that reads the clock: the date a run of the handbook is for.

Only entry points call `run_date` (the `handbook` command, and the MkDocs plugin when MkDocs is
run directly); everything below them receives the date as a value (`Project.today`), so a
result never depends on the day it was computed unless the caller asked for that day.
`tests/test_clock.py` checks that no other module reads the clock.
"""

from __future__ import annotations

import datetime as dt
import os

from handbook.core.problems import ProjectError

# Set by the `handbook` command for the MkDocs process it starts, and by tests: the date to compute for.
TODAY_VARIABLE = "HANDBOOK_TODAY"


def run_date() -> dt.date:
    """The date of this run: $HANDBOOK_TODAY (YYYY-MM-DD) if set, else the system's today."""
    text = os.environ.get(TODAY_VARIABLE, "")
    try:
        return dt.date.fromisoformat(text) if text else dt.date.today()
    except ValueError:
        raise ProjectError(f"{TODAY_VARIABLE}: expected a date as YYYY-MM-DD, got '{text}'") from None
