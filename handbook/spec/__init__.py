"""The kind machinery, below the model: what every kind of source object is described with.

`kind` (KindSpec, Source, Registry), `common` (what every source schema shares), `doc` (a validated
object and a reference between two) and `search` (what the search index knows of one object). The
kinds (handbook/kinds/) and every stage from loading to the site build on these; this package imports
nothing of theirs, not even for type annotations, so the import graph has no circle through it.
"""
