"""No source text can run script in a reader's browser or make it fetch from another host.

The corpus (tests/data/payloads.yaml, the usual filter-evasion forms) is placed into every text
field of every kind of a small project that has every kind, and into the Markdown bodies:

- `handbook check` reports each payload it refuses by file and line (key): every one in a
  Markdown body, and the outside addresses in text fields; nothing else is an error, so a text
  field takes any text;
- everything it lets through is built and every page opened in Chromium: no dialog, no script
  run, no request to another host, no event handler or outside URL left in any element; the
  search box shows the payloads' documents as text;
- the sanitizer alone (the build's second line of defence) removes every payload's script.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, ROOT, TODAY
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page
from pydantic import BaseModel

from handbook.cli import main
from handbook.core.html import sanitize, site_url
from handbook.core.located import format_loc
from handbook.core.problems import SourceProblems
from handbook.core.project import Project
from handbook.core.sheets import FORMULA_START
from handbook.export.print.assemble import assemble, handbook_book
from handbook.export.print.chromium import serve
from handbook.export.print.pdf import binder_print
from handbook.kinds.registry import KINDS
from handbook.pipeline import load_model
from handbook.spec.kind import KindSpec

CORPUS: dict[str, list[str]] = yaml.safe_load((Path(__file__).parent / "data" / "payloads.yaml").read_text("utf-8"))
MARKUP = CORPUS["html"]  # what a Markdown body is tried with
PAYLOADS = MARKUP + CORPUS["spreadsheet"]  # what every text field is tried with
GOLDEN_PROJECT = Path(__file__).parent / "golden" / "pages" / "project"
# Elements and attributes that run script, load from elsewhere or submit anywhere.
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "math", "frame"}
URL_NAMES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}

Loc = tuple[str | int, ...]


def test_the_corpus_has_the_usual_forms() -> None:
    """At least 50 payloads, among them each family the issue names."""
    text = "\n".join(PAYLOADS)
    assert len(MARKUP) >= 50
    for form in ("<svg/onload", "\n", "&#x61;", "srcdoc", "<math", "style=", "formaction", "data:", "\\\\evil"):
        assert form in text, form


# ---- where the texts are ---------------------------------------------------------------------


def _is_text(annotation: Any, metadata: list[Any]) -> bool:
    """Whether a field's type is free text: a str without a pattern (ids and references have one)."""
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _is_text(inner, [*metadata, *extra])
    return annotation is str and not any(getattr(m, "pattern", None) for m in metadata)


def _text_leaves(annotation: Any, metadata: list[Any], data: object, loc: Loc) -> Iterator[Loc]:
    """The locations of every free-text value in `data`, read as the type `annotation` describes it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        yield from _text_leaves(inner, [*metadata, *extra], data, loc)
    elif origin in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            if option is not type(None) and _fits(option, data):
                yield from _text_leaves(option, metadata, data, loc)
                return
    elif origin is list and isinstance(data, list):
        (item,) = typing.get_args(annotation)
        for index, value in enumerate(data):
            yield from _text_leaves(item, [], value, (*loc, index))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(data, dict):
        for name, field in annotation.model_fields.items():
            key = field.alias or name
            if key in data:
                yield from _text_leaves(field.annotation, list(field.metadata), data[key], (*loc, key))
    elif isinstance(data, str) and _is_text(annotation, metadata):
        yield loc


def _fits(option: Any, data: object) -> bool:
    """Whether a value has the shape of one type of a union."""
    origin = typing.get_origin(option) or option
    if origin is typing.Annotated:
        return _fits(typing.get_args(option)[0], data)
    if origin is list:
        return isinstance(data, list)
    if isinstance(origin, type) and issubclass(origin, BaseModel):
        return isinstance(data, dict)
    return isinstance(data, str)


def _set(data: Any, loc: Loc, value: str) -> None:
    """Put a value at a location of nested dicts and lists."""
    for key in loc[:-1]:
        data = data[key]
    data[loc[-1]] = value


def _objects(spec: KindSpec[Any], data: Any) -> Iterator[tuple[Any, Loc]]:
    """The objects a source file holds, with where each sits: the file itself, or its container's list."""
    name = spec.source.list_key
    if name is None:
        yield data, ()
        return
    for index, item in enumerate(data.get(name) or []):
        yield item, (name, index)


class Corpus:
    """A project with every kind, with the payloads written into its text fields, one after another."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.placed: list[tuple[str, str, str]] = []  # (path, key, payload) of each text field
        self.next = 0

    def payload(self, path: str = "") -> str:
        """The next payload, round and round the corpus; every other one a formula in what is published as tables."""
        self.next += 1
        if path.startswith("assessment/") and self.next % 2:
            return CORPUS["spreadsheet"][self.next // 2 % len(CORPUS["spreadsheet"])]
        return PAYLOADS[self.next % len(PAYLOADS)]

    def fill(self) -> None:
        """Write a payload into every free-text value of every source of every kind."""
        for spec in KINDS:
            for path in sorted(self.root.glob(spec.source.pattern)):
                relative = path.relative_to(self.root).as_posix()
                text = path.read_text(encoding="utf-8")
                if spec.source.markdown:
                    _, meta, body = text.split("---\n", 2)
                    data = yaml.safe_load(meta)
                    self._fill(spec, data, relative)
                    path.write_text(f"---\n{_dump(data)}---\n{body}", encoding="utf-8")
                else:
                    data = yaml.safe_load(text)
                    self._fill(spec, data, relative)
                    path.write_text(_dump(data), encoding="utf-8")

    def _fill(self, spec: KindSpec[Any], data: Any, path: str) -> None:
        """Replace the text values of one file's objects."""
        for item, at in _objects(spec, data):
            for loc in list(_text_leaves(spec.schema, [], item, ())):
                payload = self.payload(path)
                _set(item, loc, payload)
                self.placed.append((path, format_loc((*at, *loc)), payload))

    def defuse(self, refused: set[tuple[str, str]]) -> None:
        """Replace the payloads the check refused by plain text, so that what remains builds."""
        for spec in KINDS:
            for path in sorted(self.root.glob(spec.source.pattern)):
                relative = path.relative_to(self.root).as_posix()
                text = path.read_text(encoding="utf-8")
                head, body = (
                    (text.split("---\n", 2)[1], text.split("---\n", 2)[2]) if spec.source.markdown else (text, "")
                )
                data = yaml.safe_load(head)
                for item, at in _objects(spec, data):
                    for loc in list(_text_leaves(spec.schema, [], item, ())):
                        if (relative, format_loc((*at, *loc))) in refused:
                            _set(item, loc, "已删去的外部网址（测试用的替换文本）")
                dumped = _dump(data)
                path.write_text(f"---\n{dumped}---\n{body}" if spec.source.markdown else dumped, encoding="utf-8")


def _dump(data: Any) -> str:
    """YAML as a person would write it (Chinese as is, keys in their order)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The golden project with a binder, a course and the sample's site settings, payloads in every text field."""
    root = tmp_path_factory.mktemp("payloads") / "project"
    shutil.copytree(GOLDEN_PROJECT, root)
    shutil.copytree(CASES / "payloads", root, dirs_exist_ok=True)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")  # the search box and the site's scripts
    corpus = Corpus(root)
    corpus.fill()
    (root / "assessment" / "ledger.yaml").unlink()  # the records changed: sealed again once what is refused is gone
    return corpus


def _problems(root: Path) -> list[Any]:
    """Every problem `handbook check` finds (errors and warnings)."""
    try:
        return load_model(Project(root, TODAY)).warnings
    except SourceProblems as exc:
        return exc.problems


def test_every_kind_has_text_fields_with_payloads(corpus: Corpus) -> None:
    """The corpus reaches every kind that has text, and every payload lands in some field."""
    kinds = {path.split("/")[0] for path, _, _ in corpus.placed}
    assert {"regulations", "flows", "activities", "organisation", "glossary.yaml", "binders", "courses"} <= kinds
    assert {"assessment"} <= kinds
    assert len(corpus.placed) >= 2 * len(PAYLOADS)


# ---- handbook check --------------------------------------------------------------------------


def test_check_refuses_every_payload_in_a_markdown_body(tmp_path: Path) -> None:
    """Each payload as its own paragraph of a regulation's body and of a hand-written page: each line reported."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN_PROJECT, root)
    lines: dict[str, list[range]] = {}
    for name in ("regulations/rule.md", "docs/index.md"):
        path = root / name
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
        first = text.count("\n") + 2
        for payload in MARKUP:
            lines.setdefault(name, []).append(range(first, first + payload.count("\n") + 1))
            text += "\n" + payload + "\n"
            first += payload.count("\n") + 2
        path.write_text(text, encoding="utf-8")
    problems = [p for p in _problems(root) if not p.warning]
    for name, expected in lines.items():
        reported = {p.line for p in problems if p.path == name}
        missed = [MARKUP[i] for i, span in enumerate(expected) if not reported & set(span)]
        assert not missed, f"{name}: not reported: {missed}"


def test_check_reports_outside_addresses_in_text_fields_and_nothing_else(corpus: Corpus) -> None:
    """A text field takes any text; only an outside address is an error, reported at its file and key."""
    problems = _problems(corpus.root)
    placed = {(path, key) for path, key, _ in corpus.placed}
    errors = [p for p in problems if not p.warning]
    assert errors, "the corpus holds outside addresses"
    unexpected = [str(p) for p in errors if (p.path, p.key) not in placed or "outside host" not in p.message]
    assert not unexpected
    outside = {(path, key) for path, key, payload in corpus.placed if re.search(r"//evil\.example", payload)}
    assert outside == {(p.path, p.key) for p in errors}
    shown_as_typed = [p for p in problems if p.warning and "shown as typed" in p.message]
    assert len(shown_as_typed) > len(PAYLOADS)


# ---- the built site in Chromium --------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_site(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with the refused payloads replaced, built by `handbook build`."""
    refused = {(p.path, p.key) for p in _problems(corpus.root) if not p.warning}
    corpus.defuse(refused)
    by = corpus.payload()  # the closer's name, shown with the seal
    assert main(["--root", str(corpus.root), "assess", "close", "2026-01", f"--by={by}", "--date", "2026-02-08"]) == 0
    site = tmp_path_factory.mktemp("payload-site") / "site"
    command = [sys.executable, "-m", "handbook.cli", "--root", str(corpus.root), "build", "--site-dir", str(site)]
    build = subprocess.run(command, capture_output=True, text=True, check=True)
    # A text read as Markdown would have made links MkDocs warns about: every text is escaped.
    assert not [line for line in build.stderr.splitlines() if "link" in line and "WARNING" in line], build.stderr
    return site


def _dom_findings(page: Page, origin: str) -> list[str]:
    """Elements that could run script or fetch from elsewhere, as the browser built the document."""
    found: list[str] = page.evaluate(
        """([origin, urlNames, activeTags]) => {
          const out = [];
          for (const el of document.querySelectorAll('*')) {
            const tag = el.localName;
            const theme = el.closest('head, .md-header, .md-search');  // the theme's own search and header forms
            if (activeTags.includes(tag) && !theme) out.push('<' + tag + '>');
            if (tag === 'script' && el.closest('article')) out.push('script in the article');
            for (const attr of el.attributes) {
              const name = attr.name.toLowerCase();
              if (name.startsWith('on')) out.push(tag + ' ' + name);
              if (urlNames.includes(name) && attr.value) {
                let url;
                try { url = new URL(attr.value, document.baseURI); } catch (e) { continue; }
                if (url.origin !== origin) out.push(tag + ' ' + name + '=' + attr.value);
              }
            }
          }
          return out;
        }""",
        [origin, sorted(URL_NAMES), sorted(ACTIVE_TAGS - {"script", "link", "meta", "style"})],
    )
    return found


@pytest.mark.browser
def test_nothing_let_through_runs_or_leaves_the_site(corpus_site: Path, browser: Browser) -> None:
    """Every page of the built corpus: no dialog, no script of a payload, no outside request, nothing active."""
    pages = sorted(corpus_site.rglob("*.html"))
    assert len(pages) > 30
    with serve(corpus_site) as url:
        origin = url.rstrip("/")
        context = browser.new_context()
        dialogs: list[str] = []
        outside: list[str] = []
        context.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        findings: dict[str, list[str]] = {}
        for path in pages:
            relative = path.relative_to(corpus_site).as_posix()
            page.goto(url + relative, wait_until="load")
            if found := _dom_findings(page, origin):
                findings[relative] = found
        # The search box: the payloads' documents listed, their texts shown as text.
        page.goto(url + "index.html", wait_until="load")
        page.locator("input.md-search__input").click()
        page.keyboard.type("alert")
        page.keyboard.press("End")
        page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
        results = page.locator(".md-search-result__item").count()
        findings.update({"search": found} if (found := _dom_findings(page, origin)) else {})
        context.close()
    assert not dialogs and not outside and not findings, (dialogs, outside, findings)
    assert results > 0


class _Texts(HTMLParser):
    """The text of the window title, of the page's first heading, and of the navigation's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.texts: dict[str, str] = {"title": "", "h1": "", "nav": ""}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter an element whose text is wanted."""
        classes = dict(attrs).get("class") or ""
        if tag in ("title", "h1") or (tag == "a" and "md-nav__link" in classes):
            self.open.append("nav" if tag == "a" else tag)

    def handle_endtag(self, tag: str) -> None:
        """Leave it."""
        if self.open and tag in ("title", "h1", "a"):
            self.open.pop()

    def handle_data(self, data: str) -> None:
        """Collect the text of the elements open."""
        for name in set(self.open):
            self.texts[name] += data


def test_the_built_pages_show_the_payloads_as_text(corpus: Corpus, corpus_site: Path) -> None:
    """Every object's title is shown exactly as typed: its page's heading, the window title and the navigation."""
    titles = {
        (path, key): payload for path, key, payload in corpus.placed if key == "title" and "evil.example" not in payload
    }
    pages = {
        "regulations/rule.md": "regulations/rule",
        "flows/simple.yaml": "flows/simple",
        "activities/study.md": "activities/study",
        "organisation/units/zuzhi-bu.yaml": "organisation/zuzhi-bu",
    }
    checked = 0
    for source, folder in pages.items():
        payload = titles.get((source, "title"))
        if payload is None:
            continue
        parser = _Texts()
        parser.feed((corpus_site / folder / "index.html").read_text(encoding="utf-8"))
        heading = " ".join(payload.split())
        assert " ".join(parser.texts["h1"].split()).removesuffix("¶") == heading
        assert heading in " ".join(parser.texts["title"].split())
        assert heading in " ".join(parser.texts["nav"].split())
        checked += 1
    assert checked >= 3


# ---- the sanitizer alone ---------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every element and attribute of a fragment, as parsed."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Remember an element."""
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitizer_leaves_nothing_active(payload: str) -> None:
    """Whatever a payload is, after the sanitizer no element runs script, loads from elsewhere or submits."""
    parser = _Elements()
    parser.feed(sanitize(f"<p>{payload}</p>"))
    for tag, attrs in parser.found:
        assert tag not in ACTIVE_TAGS
        assert not [name for name in attrs if name.startswith("on")]
        for name in URL_NAMES & set(attrs):
            assert site_url(attrs[name] or ""), (name, attrs[name])


def test_the_search_index_holds_texts_not_markup(corpus_site: Path) -> None:
    """The search documents are plain text; the box escapes them (checked in Chromium above)."""
    chunks = list((corpus_site / "search" / "docs").glob("*.json"))
    assert chunks
    rows = [row for chunk in chunks for row in json.loads(chunk.read_text(encoding="utf-8"))]
    assert any("<script>" in " ".join(map(str, row)) for row in rows)  # the text as typed, shown escaped


def test_downloads_hold_no_formula(corpus_site: Path) -> None:
    """Every published workbook and CSV: no cell is a formula; a text that looks like one is kept as text."""
    workbooks = sorted(corpus_site.rglob("*.xlsx"))
    tables = sorted(corpus_site.rglob("*.csv"))
    assert workbooks and tables
    texts = []
    for path in workbooks:
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                assert not [c.coordinate for c in row if c.data_type == "f"], path
                texts += [c.value for c in row if isinstance(c.value, str)]
    assert any(text.startswith(FORMULA_START) for text in texts)  # a payload, as text
    for path in tables:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            assert not [field for field in row if field.startswith(FORMULA_START)], path


def test_the_print_document_holds_nothing_active(corpus: Corpus, corpus_site: Path) -> None:
    """What `handbook pdf` lays out (contents, parts, pages, a binder): the sanitized site, its titles escaped."""
    model = load_model(Project(corpus.root, TODAY))
    books = [handbook_book(model, corpus_site)]
    books += [binder_print(model, b.meta, TODAY)[0] for b in model.registry("binder").values()]
    for book in books:
        assembled = assemble(book, corpus_site)
        parser = _Elements()
        parser.feed(assembled.contents + assembled.body)
        assert len(parser.found) > 100
        for tag, attrs in parser.found:
            assert tag not in ACTIVE_TAGS, tag
            assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
            for name in URL_NAMES & set(attrs):
                assert site_url(attrs[name] or "") or (attrs[name] or "").startswith("#"), (tag, attrs)
