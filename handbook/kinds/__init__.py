"""Source kinds: one folder each (schema, checks, page, search documents) and one entry in `registry`."""
