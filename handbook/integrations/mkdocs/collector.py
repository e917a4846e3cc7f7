"""Python's cycle collector held off while `handbook serve` builds, and run when nobody waits.

The serve process keeps about a million objects (at 10× the sample) from build to build, and a
rebuild allocates enough new ones to set off a full collection of all of them in the middle of
the build: 0.4–0.8 s of each rebuild at 10× (measured with `gc.callbacks`), on the path to the
browser. Objects without cycles are freed as ever; those in cycles wait for the end of the build,
which collects them once the browsers have reloaded.
"""

from __future__ import annotations

import gc


class CollectorPause:
    """Pauses the cycle collector between `pause` and `resume`, if it was running."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        """Hold off collections (a collector someone else disabled stays as it is)."""
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def resume(self) -> None:
        """Collect what the build left, and let the collector run again."""
        if self.paused:
            self.paused = False
            gc.collect()
            gc.enable()
