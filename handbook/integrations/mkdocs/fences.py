"""The Markdown fence that carries a Mermaid diagram (a pymdownx.superfences custom fence)."""

from __future__ import annotations

import html
from typing import Any


def fence(source: str, language: str, css_class: str, options: dict[str, Any], md: object, **kwargs: object) -> str:
    """Superfences formatter: a `pre.mermaid` that Material renders and search leaves out."""
    return f'<pre class="{css_class}" data-search-exclude><code>{html.escape(source)}</code></pre>'
