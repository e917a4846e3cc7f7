"""Stage 1: read every source file into located data; unreadable files become problems."""
