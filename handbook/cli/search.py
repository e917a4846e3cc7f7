"""`handbook search` (the site's ranking, from a terminal) and `handbook search-report` (what readers looked for)."""

from __future__ import annotations

import argparse
import json

from handbook.core.project import Project
from handbook.kinds.registry import KINDS
from handbook.pipeline import load_model, search_files
from handbook.search.documents import documents, types
from handbook.search.ranking import Ranker
from handbook.search.report import asked, json_report, text_report, titles

TYPE_NAMES = types(KINDS)


def cmd_search(project: Project, args: argparse.Namespace) -> int:
    """Search the handbook from a terminal; `--json` output is stable for scripts."""
    if args.index:
        ranker = Ranker.from_folder(args.index)
    else:
        ranker = Ranker.from_files(search_files(project, load_model(project)))
    hits = ranker.search(args.query, limit=args.limit, kind=args.type, repealed=args.include_repealed)
    mended = ranker.mended(args.query)  # a word joined or a typo mended: the reader is told what was looked up
    if args.json:
        payload = {
            "query": args.query,
            "mended": mended or None,
            "type": args.type,
            "results": [
                {
                    "rank": rank,
                    "key": h.key,
                    "type": h.type,
                    "title": h.title,
                    "match": h.match,
                    "url": h.url,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "repealed": h.repealed,
                }
                for rank, h in enumerate(hits, start=1)
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if mended:
        print(f"按“{mended}”查找")
    if not hits:
        print(f"没有找到与“{args.query}”相关的内容")
    for rank, hit in enumerate(hits, start=1):
        mark = "（已废止）" if hit.repealed else ""
        match = f" · {hit.match}" if hit.match else ""
        print(f"{rank:2}. [{TYPE_NAMES[hit.type]}] {hit.title}{match}{mark}  /{hit.url}")
        print(f"    {hit.snippet}")
    return 0


def cmd_search_report(project: Project, args: argparse.Namespace) -> int:
    """What readers looked for, from the web server's log of the search box's beacon: the input for new aliases."""
    with open(args.log, encoding="utf-8", errors="replace") as log:
        queries = asked(log)
    if args.json:
        print(json.dumps(json_report(queries), ensure_ascii=False, indent=2))
    else:
        print(*text_report(queries, titles(documents(load_model(project)))), sep="\n")
    return 0
