"""The options of the `handbook` plugin in mkdocs.yml, typed and validated by MkDocs."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs is untyped here
    """`plugins: - handbook: {nav_marker: "@book"}`."""

    # The nav entry replaced by the book's six parts, generated from the sources.
    nav_marker = c.Type(str, default="@book")
    # The search box requests search/beacon.txt with each query and result opened, for the web
    # server's access log (`handbook search-report`); no cookie, no identifier. Off unless set.
    search_beacon = c.Type(bool, default=False)
