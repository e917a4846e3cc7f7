"""Print: the handbook (or a binder) as one A4 PDF, laid out by Debian's Chromium from the built site."""
