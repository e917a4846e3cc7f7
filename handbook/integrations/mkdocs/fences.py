"""The Markdown fence that carries a hand-written Mermaid diagram (a pymdownx.superfences custom fence).

docs/assets/handbook.js draws it with the site's own copy of mermaid.js, loaded by that page only.
"""

from __future__ import annotations

import html
from typing import Any


def fence(source: str, language: str, css_class: str, options: dict[str, Any], md: object, **kwargs: object) -> str:
    """Superfences formatter: a `pre` of the configured class (hb-mermaid)."""
    return f'<pre class="{css_class}"><code>{html.escape(source)}</code></pre>'
