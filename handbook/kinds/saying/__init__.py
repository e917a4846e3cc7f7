"""Everyday sayings (日常说法): how people say what the handbook writes; they only widen search."""
