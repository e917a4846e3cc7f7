"""Handbook generator for the party organisation of a state-owned enterprise."""

import os

__version__ = "0.1.0"

# openpyxl writes its XML with lxml whenever lxml is installed (python-docx, for `handbook import word`,
# brings it), and the bytes of every generated workbook then differ. Set before any module imports
# openpyxl: workbooks stay the same bytes whatever else is installed (reproducible builds, sealed results).
os.environ["OPENPYXL_LXML"] = "False"
