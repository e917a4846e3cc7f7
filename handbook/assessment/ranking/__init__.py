"""A line leader's monthly order of the units of the line (order only, no scores)."""
