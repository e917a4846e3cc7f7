"""Adapters to the tools around the pipeline; all MkDocs coupling is in `integrations.mkdocs`."""
