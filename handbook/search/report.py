"""What readers looked for, read back from the web server's access log: the input for new everyday names.

With the plugin's `search_beacon: true`, the search box (docs/assets/search.js) requests the empty
file `search/beacon.txt` of the site: `?q=…&n=…` for a query whose results stood still (`n` pages
found), with `&p=…` when it replaced an earlier query of which nothing was opened (a refinement),
and `?q=…&open=…&rank=…` (with `&p=…`, the query it refined) for a result opened. Nothing else is
sent: no cookie, no identifier. Any log that writes the request line in quotes can be read:
nginx's own formats (docs/guide/deployment.md suggests one without addresses), Apache's, Python's
http.server.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from handbook.core.refs import parse_ref
from handbook.search.ranking import BEACON, FOLDER
from handbook.spec.search import SearchDoc

REQUEST = re.compile(r'"GET (?P<target>\S+) HTTP/[0-9.]+"')


@dataclass
class Asked:
    """What became of one query, over every time it was asked."""

    query: str
    searches: int = 0  # times its results stood still on a reader's screen
    empty: int = 0  # of them, with no result at all
    refined: int = 0  # times a reader replaced it by another query without opening anything
    opened: int = 0  # results opened from it
    after: Counter[str] = field(default_factory=Counter)  # pages opened after refining it, by URL

    @property
    def left(self) -> int:
        """Times nothing came of it: neither opened nor refined (the reader gave up or read the list)."""
        return max(0, self.searches - self.opened - self.refined)

    def best_after(self) -> tuple[str, int] | None:
        """The page most often opened after a refinement of it (the first in the log on a tie), with its count."""
        return self.after.most_common(1)[0] if self.after else None


def beacon_requests(lines: Iterable[str]) -> list[dict[str, str]]:
    """The parameters of every beacon request in a log, in its order (first value of each)."""
    found = []
    for line in lines:
        match = REQUEST.search(line)
        if match is None:
            continue
        target = urlsplit(match["target"])
        if target.path.endswith(f"{FOLDER}/{BEACON}"):
            found.append({name: values[0] for name, values in parse_qs(target.query).items()})
    return found


def asked(lines: Iterable[str]) -> dict[str, Asked]:
    """Every query of a log with what became of it, in the order first met."""
    queries: dict[str, Asked] = {}

    def entry(text: str) -> Asked:
        """The record of a query, made when first met."""
        return queries.setdefault(text, Asked(text))

    for params in beacon_requests(lines):
        query, previous = params.get("q", ""), params.get("p", "")
        if not query:
            continue
        if "open" in params:
            entry(query).opened += 1
            if previous:
                entry(previous).after[params["open"]] += 1
            continue
        found = entry(query)
        found.searches += 1
        found.empty += params.get("n") == "0"
        if previous:
            entry(previous).refined += 1
    return queries


@dataclass(frozen=True)
class Section:
    """One list of the report: its title, what its count counts, and the queries in it with their counts."""

    name: str
    title: str
    rows: list[tuple[Asked, int]]


def sections(queries: dict[str, Asked]) -> list[Section]:
    """The queries that found nothing, that were refined at once, and that opened nothing; most frequent first."""
    lists: list[tuple[str, str, Callable[[Asked], int]]] = [
        ("empty", "没有结果的查询", lambda a: a.empty),
        ("refined", "随即改查的查询", lambda a: a.refined),
        ("left", "没有打开任何结果的查询", lambda a: a.left),
    ]
    return [
        Section(name, title, sorted(((a, count(a)) for a in queries.values() if count(a)), key=lambda r: -r[1]))
        for name, title, count in lists
    ]


def titles(docs: list[SearchDoc]) -> dict[str, str]:
    """What the report calls each address a result can open: its page's title, and a step's title after it."""
    pages = {doc.key: doc.title for doc in docs}
    named = {}
    for doc in docs:
        page = pages.get(str(parse_ref(doc.key).target), doc.title)
        named[doc.url] = page if page == doc.title else f"{page}：{doc.title}"
    return named


def text_report(queries: dict[str, Asked], titles: dict[str, str]) -> list[str]:
    """The report as lines: per section each query, how often, and the page most often opened after refining it."""
    opened = sum(a.opened for a in queries.values())
    searches = sum(a.searches for a in queries.values())
    lines = [f"{searches} 次搜索（{len(queries)} 个不同的查询），打开结果 {opened} 次。"]
    for section in sections(queries):
        lines += ["", f"{section.title}（{len(section.rows)}）："]
        for found, count in section.rows:
            best = found.best_after()
            after = f"　改查后最常打开：{titles.get(best[0], best[0])}（/{best[0]}，{best[1]} 次）" if best else ""
            lines.append(f"  {count:>4} 次  {found.query}{after}")
        if not section.rows:
            lines.append("  （无）")
    return lines


def json_report(queries: dict[str, Asked]) -> dict[str, object]:
    """The report as plain data for scripts: per section, each query with its counts."""
    result: dict[str, object] = {
        "searches": sum(a.searches for a in queries.values()),
        "opened": sum(a.opened for a in queries.values()),
    }
    for section in sections(queries):
        result[section.name] = [
            {
                "query": found.query,
                "count": count,
                "searches": found.searches,
                "opened_after_refining": [{"url": url, "count": n} for url, n in found.after.most_common()],
            }
            for found, count in section.rows
        ]
    return result
