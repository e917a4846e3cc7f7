"""Adopting the handbook: a new, empty project (`handbook new`) and imports of what an organisation already has.

Word regulations (`word.py` reads a .docx, `convert.py` turns it into a regulation source and
checks nothing was lost) and a roster workbook (`roster.py`). Every function here returns the
files to write, or the problems found; the command writes all of them or none (`files.py`).
"""
