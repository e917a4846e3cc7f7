"""The whole handbook as one PDF, laid out by Chromium: order, contents, bookmarks, fonts, vector diagrams."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import CASES, ROOT, TODAY, make_case, shared_folder
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser
from pypdf import PageObject, PdfReader

from handbook.core.cache import OutputCache
from handbook.core.project import Project
from handbook.export.print.assemble import Entry, PrintBook, handbook_book
from handbook.export.print.fonts import bold_font
from handbook.export.print.pagination import PageStore
from handbook.export.print.pdf import Cover, Printed, binder_print, print_book
from handbook.export.selftest.handout import handout
from handbook.export.selftest.questions import self_test
from handbook.pipeline import load_model

pytestmark = [pytest.mark.build, pytest.mark.browser]
A4_HEIGHT = 297 * 72 / 25.4  # points
ZOOM = 3  # pdftohtml's largest: its pixels are thirds of a point
# A size poppler gives, rounded to a third of a point, under which the true one may be under 7 pt (6.95, as the
# test reads it): 21 pixels may be 6.84 pt.
NEAR_7_POINTS = 7.2


@pytest.fixture(scope="module")
def printed(built_site: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> tuple[PrintBook, Printed]:
    """The sample handbook printed once for the test run (the workers share it: printing takes about 25 s)."""
    model = load_model(Project(ROOT, TODAY))
    book = handbook_book(model, built_site)
    with shared_folder(tmp_path_factory, "print") as folder:
        output, record = folder / "handbook.pdf", folder / "printed.json"
        if not record.is_file():
            cover = Cover(model.book.title, "", "测试单位", "测试版", dt.date(2026, 11, 30))
            done = print_book(book, built_site, cover, output, progress=lambda message: None, browser=browser)
            record.write_text(json.dumps({"pages": done.pages, "starts": done.starts}), encoding="utf-8")
        kept = json.loads(record.read_text(encoding="utf-8"))
    return book, Printed(output, kept["pages"], kept["starts"])


def text(pdf: Path, first: int, last: int | None = None) -> str:
    """The text of a page range, as pdftotext reads it."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last or first), str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return out.stdout


def flat(words: str) -> str:
    """Text as compared: no spaces, and no curly quotes (their punctuation font sits on its own baseline)."""
    return re.sub(r"[\s“”]", "", words)


def test_every_document_starts_where_the_contents_say_in_catalogue_order(printed: tuple[PrintBook, Printed]) -> None:
    """Each document's title is on the page the contents give, and the pages follow the catalogue."""
    book, result = printed
    starts = [result.starts[entry.anchor] for entry in book.documents]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)  # every document begins on a page of its own
    wrong = [
        entry.title
        for entry in book.documents
        if flat(entry.title) not in flat(text(result.path, result.starts[entry.anchor]))
    ]
    assert wrong == []


def contents_numbers(book: PrintBook, result: Printed) -> list[int]:
    """The page numbers the contents print, in order."""
    last_contents_page = min(result.starts[entry.anchor] for entry in book.entries) - 1
    contents = text(result.path, 2, last_contents_page)
    return [int(m[1]) for m in re.finditer(r"\s(\d+)\s*$", contents, re.MULTILINE)]


def test_the_contents_print_the_start_pages(printed: tuple[PrintBook, Printed]) -> None:
    """The numbers printed in the contents are exactly the start pages, entry by entry."""
    book, result = printed
    assert contents_numbers(book, result) == [result.starts[entry.anchor] for entry in book.entries]


def test_bookmarks_are_the_parts_chapters_and_documents(printed: tuple[PrintBook, Printed]) -> None:
    """The PDF outline is the contents: the cover, 目录, then every part, chapter and document, in order."""
    book, result = printed

    def titles(outline: list[object]) -> list[str]:
        """The outline's titles, depth first."""
        found: list[str] = []
        for item in outline:
            found += titles(item) if isinstance(item, list) else [str(getattr(item, "title", ""))]
        return found

    outline = [flat(title) for title in titles(PdfReader(result.path).outline)]
    assert outline == [flat(title) for title in [book.title, "目录", *(entry.title for entry in book.entries)]]


def test_fonts_are_embedded_and_none_is_type_3(printed: tuple[PrintBook, Printed]) -> None:
    """Print shops and archives reject Type 3 fonts; every font is embedded."""
    out = subprocess.run(["pdffonts", str(printed[1].path)], capture_output=True, check=True, text=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts
    assert [line for line in fonts if "Type 3" in line] == []
    assert all(" yes " in line for line in fonts)
    assert [line for line in fonts if "NotoSansCJKsc-Bold" in line and "CID TrueType" in line]  # real bold


def test_the_pdf_is_tagged_for_screen_readers(printed: tuple[PrintBook, Printed]) -> None:
    """What PDF/UA asks that can be read from the file (veraPDF is not available here): marked content, the
    document's language and title shown as its title, a structure of headings, paragraphs, lists and
    tables, every figure with alternative text, and every font mapped back to Unicode."""
    book, result = printed
    reader = PdfReader(result.path)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) and catalog["/Lang"] == "zh-CN"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == book.title
    kinds: dict[str, int] = {}
    figures: list[object] = []
    waiting = [catalog["/StructTreeRoot"]]
    while waiting:
        node = waiting.pop().get_object()
        if not isinstance(node, dict):
            continue
        kind = str(node.get("/S", ""))
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "/Figure":
            figures.append(node.get("/Alt"))
        children = node.get("/K")
        waiting += children if isinstance(children, list) else [children] if children is not None else []
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link", "/Figure"} <= set(kinds)
    assert figures and all(figures)  # every diagram slice says which flow it shows
    fonts = subprocess.run(["pdffonts", str(result.path)], capture_output=True, check=True, text=True).stdout
    assert all(line.split()[-3] == "yes" for line in fonts.splitlines()[2:])  # the "uni" column: ToUnicode


def test_the_bold_face_is_truetype_made_once_per_set_of_characters(tmp_path: Path) -> None:
    """The bold font holds the characters asked for, in TrueType outlines; asked again, it comes from the cache."""
    first = bold_font("党支部书记“三会一课”", tmp_path)
    font = TTFont(first)
    assert "glyf" in font and "CFF " not in font
    assert {ord(c) for c in "党支部书记三会一课“”A1"} <= set(font.getBestCmap())
    made = first.stat().st_mtime_ns
    assert bold_font("记书部支党“三会一课”", tmp_path) == first and first.stat().st_mtime_ns == made
    assert bold_font("党支部书记", tmp_path) != first


def test_diagrams_stay_vector_graphics(printed: tuple[PrintBook, Printed]) -> None:
    """No raster image anywhere, though the diagram pages are there."""
    book, result = printed
    out = subprocess.run(["pdfimages", "-list", str(result.path)], capture_output=True, check=True, text=True).stdout
    assert out.splitlines()[2:] == []
    flow = next(entry for entry in book.documents if entry.src_uri == "flows/sanhui-yike.md")
    assert "党支部书记" in text(result.path, result.starts[flow.anchor] + 1)  # the lane heads of the diagram


def test_references_are_links_inside_the_pdf(printed: tuple[PrintBook, Printed]) -> None:
    """Cross-references became internal links (named destinations), not links to the web site."""
    reader = PdfReader(printed[1].path)
    internal, external = 0, 0
    for page in reader.pages[:200]:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                external += 1
            elif annotation.get_object().get("/Dest") or action.get("/D"):
                internal += 1
    assert internal > 100
    assert external == 0


@pytest.fixture(scope="module")
def binder(
    printed: tuple[PrintBook, Printed], built_site: Path, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> tuple[PrintBook, Printed]:
    """The sample's 支部书记工作手册, with the full handbook's page numbers for what it leaves out."""
    model = load_model(Project(ROOT, TODAY))
    book, cover = binder_print(model, model.registry("binder")["zhibu-shuji"].meta, dt.date(2026, 11, 30))
    full_book, full = printed
    pages = {url: full.starts[anchor] for url, anchor in full_book.anchor_of_url().items()}
    outside = {url: f"（见全书第{page}页）" for url, page in pages.items()}
    output = tmp_path_factory.mktemp("binders") / "zhibu-shuji.pdf"
    return book, print_book(book, built_site, cover, output, outside, progress=lambda message: None, browser=browser)


def test_a_binder_holds_its_sections_and_names_the_full_handbook_pages_of_the_rest(
    binder: tuple[PrintBook, Printed], printed: tuple[PrintBook, Printed]
) -> None:
    """Its own cover and contents; each included document starts where its contents say; outside links cite pages."""
    book, result = binder
    assert "支部书记工作手册" in text(result.path, 1)
    assert [e.title for e in book.entries if e.level == 1] == ["修订情况", "职责", "支部工作流程", "制度", "常用术语"]
    for entry in book.documents:
        assert flat(entry.title) in flat(text(result.path, result.starts[entry.anchor]))
    _, full = printed
    cited = {int(n) for n in re.findall(r"（见全书第(\d+)页）", text(result.path, 1, result.pages))}
    assert cited and cited <= set(full.starts.values())
    out = subprocess.run(["pdffonts", str(result.path)], capture_output=True, check=True, text=True).stdout
    assert "Type 3" not in out


def test_a_binder_can_be_refilled_page_by_page(binder: tuple[PrintBook, Printed]) -> None:
    """Each document starts on a right-hand (odd) page and numbers its own pages: code, revision date, 第 N 页 共 M 页.

    A revised document is then swapped without touching its neighbours: its old pages come out whole.
    """
    book, result = binder
    heads = {unit.anchor for unit in book.units().values()}  # documents, and runs of terms sharing pages
    documents = [entry for entry in book.documents if entry.anchor in heads]
    assert documents and all(result.starts[entry.anchor] % 2 == 1 for entry in documents)
    starts = [*sorted(result.starts[entry.anchor] for entry in book.entries), result.pages + 1]
    for entry in documents:
        first = result.starts[entry.anchor]
        last = next(start for start in starts if start > first) - 1  # up to whatever comes next
        footers = [flat(text(result.path, page)) for page in range(first, last + 1)]
        counted = [footer for footer in footers if re.search(r"第\d+页共\d+页", footer)]
        total = len(counted)
        assert total >= 1 and book.code_of(entry.anchor) in footers[0]
        assert all(f"第{n}页共{total}页" in footer for n, footer in enumerate(counted, 1)), entry.title
        assert len(footers) - total <= 1  # at most the blank left-hand page that puts the next one on the right


def test_print_hides_what_only_makes_sense_on_screen_and_keeps_list_numbers(
    printed: tuple[PrintBook, Printed],
) -> None:
    """No 'click', 'tick in this browser' or comparison links on paper; numbered lists keep their numbers."""
    book, result = printed
    everything = text(result.path, 1, result.pages)
    for screen_only in ("点击环节", "勾选结果只保存在本机浏览器", "最近一次修订逐条对比", "Mermaid 源码"):
        assert screen_only not in everything
    activity = next(entry for entry in book.documents if entry.src_uri == "activities/sihao-huodong.md")
    pages = text(result.path, result.starts[activity.anchor], result.starts[activity.anchor] + 3)
    assert re.search(r"^\s*1\.\s*开展好搭档", pages, re.MULTILINE)
    assert re.search(r"^\s*2\.\s*争当好助手", pages, re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """A run of text on a page as printed: its height on the page, its size, its font."""

    y: float  # points from the bottom of the page
    size: float  # points
    font: str
    text: str

    @property
    def heading(self) -> bool:
        """Set as a heading is: bold, larger than the text (h1–h3)."""
        return "Bold" in self.font and self.size >= 11


def runs_of(page: PageObject) -> list[Run]:
    """The visible text runs of a page, placed through the text and current matrices."""
    found: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, object] | None, size: float) -> None:
        """Record one run."""
        if text.strip():
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            found.append(Run(y, size * scale, str((font or {}).get("/BaseFont", "")), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def poppler_runs(pdf: Path) -> list[list[Run]]:
    """Every page's text runs as poppler's pdftohtml places them, in a second: sizes in whole pixels at ZOOM (a
    third of a point), heights of the run's middle. pypdf reads the 841 pages exactly in about 25 s."""
    command = ["pdftohtml", "-xml", "-i", "-q", "-zoom", str(ZOOM), "-fontfullname", "-stdout", str(pdf)]
    root = ElementTree.fromstring(subprocess.run(command, capture_output=True, check=True, timeout=120).stdout)
    fonts: dict[str, tuple[float, str]] = {}
    pages = []
    for page in root.iter("page"):
        fonts |= {
            spec.get("id", ""): (int(spec.get("size", 0)) / ZOOM, spec.get("family", ""))
            for spec in page.iter("fontspec")
        }
        height = int(page.get("height", 0)) / ZOOM
        runs = []
        for run in page.iter("text"):
            text = "".join(run.itertext()).strip()
            if text:
                size, font = fonts[run.get("font", "")]
                middle = (int(run.get("top", 0)) + int(run.get("height", 0)) / 2) / ZOOM
                runs.append(Run(height - middle, size, font, text))
        pages.append(runs)
    return pages


@pytest.fixture(scope="module")
def page_runs(printed: tuple[PrintBook, Printed]) -> list[list[Run]]:
    """Every page's text runs, read once for the tests of sizes and of page ends: as poppler reads them, and read
    exactly (pypdf, `runs_of`) on each page where poppler's rounding leaves a size under 7 pt possible."""
    found = poppler_runs(printed[1].path)
    reader = PdfReader(printed[1].path)
    for number, runs in enumerate(found):
        if runs and min(run.size for run in runs) < NEAR_7_POINTS:
            found[number] = runs_of(reader.pages[number])
    return found


def test_no_text_is_smaller_than_7_points(page_runs: list[list[Run]]) -> None:
    """The widest flows are turned or split, never shrunk: nothing anywhere under 7 pt, diagrams included."""
    small = {n: min(run.size for run in runs) for n, runs in enumerate(page_runs, 1) if runs}
    assert {n: size for n, size in small.items() if size < 6.95} == {}


def test_no_page_ends_with_a_heading(page_runs: list[list[Run]]) -> None:
    """A heading keeps to what follows it: no page's last line of text is a heading, title pages aside."""
    margin = 20 * 72 / 25.4  # the page's bottom margin, where the footer is
    ending = []
    for number, runs in enumerate(page_runs, 1):
        body = [run for run in runs if margin < run.y < A4_HEIGHT - margin]
        if not body or all(run.heading for run in body):  # empty, or a part's title page
            continue
        lowest = min(run.y for run in body)
        last = [run for run in body if abs(run.y - lowest) < 2]
        if all(run.heading for run in last):
            ending.append((number, last[0].text))
    assert ending == []


def test_a_bad_binder_prints_nothing_and_names_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown documents in a binder: path:line (key) for each, exit 1, and no PDF at all."""
    from handbook.cli import main

    project = make_case(tmp_path, CASES / "invalid" / "binder")
    assert main(["--root", str(project), "pdf", "--binder", "bad", "--output", "out/handbook.pdf"]) == 1
    err = capsys.readouterr().err
    assert err == (CASES / "invalid" / "binder" / "expected.txt").read_text(encoding="utf-8")
    assert not (project / "out").exists()


def test_a_course_handout_has_its_material_then_the_test_without_answers(
    built_site: Path, tmp_path: Path, browser: Browser
) -> None:
    """The handout of 发展对象培训班: plan, covered pages, then the students' test; its answers are printed apart."""
    model = load_model(Project(ROOT, TODAY))
    test = self_test(model, model.registry("course")["fazhan-duixiang-peixun"].meta)
    book = handout(model, test)
    cover = Cover(model.book.title, test.course.title, "测试单位", "测试版", dt.date(2026, 11, 30))
    result = print_book(
        book, built_site, cover, tmp_path / "handout.pdf", progress=lambda message: None, browser=browser
    )
    assert result.starts["plan"] < result.starts["s1"] < result.starts["test"]
    questions = flat(text(result.path, result.starts["test"], result.pages))
    assert "答案：" not in questions and "解析：" not in questions
    assert "答案与解析另行印发" in questions


def test_kept_pages_number_the_contents_before_the_only_pass_and_a_wrong_one_is_corrected(
    built_site: Path, tmp_path: Path, browser: Browser
) -> None:
    """Printed again, a book prints once (its runs' pages kept); a new document is measured on its own first;
    kept pages that are wrong cost a pass, never a wrong number."""
    model = load_model(Project(ROOT, TODAY))
    full = handbook_book(model, built_site)
    cover = Cover(model.book.title, "", "测试单位", "测试版", dt.date(2026, 11, 30))
    kept = tmp_path / "kept"

    def printing(book: PrintBook, name: str) -> tuple[Printed, str, int]:
        """Print a book: what it printed, its progress messages, and its passes; the contents checked."""
        said: list[str] = []
        store = PageStore(OutputCache(kept))
        output = tmp_path / name
        printed = print_book(book, built_site, cover, output, progress=said.append, browser=browser, kept=store)
        assert contents_numbers(book, printed) == [printed.starts[entry.anchor] for entry in book.entries]
        return printed, "\n".join(said), sum(line.startswith("pass ") for line in said)

    book = PrintBook(full.title, full.entries[:12])
    first, said, passes = printing(book, "first.pdf")
    assert re.search(r"measured the (\d+) of \1 runs not kept", said) and passes == 1
    again, said, passes = printing(book, "again.pdf")
    assert "runs are kept from an earlier print" in said and passes == 1
    assert again.starts == first.starts and again.pages == first.pages
    paragraphs = "<p>本页是测试新加的一份文件。</p>" * 80
    # a document added to the last part: its own run, and the contents, are all that is new
    extra = Entry("补充说明", 3, "extra", book.entries[-1].part, html=f"<h1>补充说明</h1>{paragraphs}")
    grown = PrintBook(full.title, [*book.entries, extra])
    longer, said, passes = printing(grown, "longer.pdf")
    assert re.search(r"measured the 1 of \d+ runs not kept", said) and passes == 1
    assert {anchor: longer.starts[anchor] for anchor in first.starts} == first.starts and longer.pages > first.pages
    for path in (path for path in kept.rglob("*") if path.is_file()):  # as if every run had grown since
        record = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**record, "pages": record["pages"] + 1}), encoding="utf-8")
    corrected, said, passes = printing(book, "corrected.pdf")
    assert passes == 2 and corrected.starts == first.starts and corrected.pages == first.pages
