"""The only code that knows MkDocs: the events' answers and `handbook serve`'s builds (one adapter to move).

Under ProperDocs, MkDocs' maintained fork, `mkdocs.*` imports are pointed at it before any module
here imports them (engine.py).
"""

from handbook.integrations.mkdocs.engine import activate

activate()
