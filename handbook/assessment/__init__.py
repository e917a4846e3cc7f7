"""The assessment system (考核评价), one bounded context: its source kinds, computation, seals, pages and sheets.

- kinds, one folder each (`schema`, `check`, `page`): the rules (`rules/`), the roster (`line/`,
  `branch/`), the results departments, line leaders and staff representatives record (`scores/`,
  `ranking/`, `staff/`), corrections (`correction/`) and the seals of closed periods (`seal/`);
  `registry.py` lists them for the handbook's registry;
- `results.py`: what the checks of recorded results share;
- `model.py`: the results computed from the records, as the rules say; `ledger.py`: fingerprints
  and the seal chain;
- `render.py`: what the published pages share (the results pages are `scores/page.py`, with the
  submission status; the 谈话 list is `staff/page.py`);
- `sheet.py`: the Excel forms (a department's score sheet, a line's ranking form, a quarter's staff
  evaluation form) and their import; `close.py`: closing a period and the 公示栏 sheet (`handbook assess`).
"""
