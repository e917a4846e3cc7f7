"""The options of the `handbook` plugin in mkdocs.yml, typed and validated by MkDocs."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from handbook.integrations.mkdocs.build import Options

DEFAULTS = Options()


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs is untyped here
    """`plugins: - handbook: {nav_marker: "@book"}`."""

    # What each option means: `Options`, which a hooks file passes instead.
    nav_marker = c.Type(str, default=DEFAULTS.nav_marker)
    search_beacon = c.Type(bool, default=DEFAULTS.search_beacon)
