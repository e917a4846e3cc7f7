"""Handbook generator for the party organisation of a state-owned enterprise."""

__version__ = "0.1.0"
