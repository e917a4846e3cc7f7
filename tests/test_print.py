"""The whole handbook as one PDF, laid out by Chromium: order, contents, bookmarks, fonts, vector diagrams."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from conftest import CASES, ROOT, TODAY, make_case
from playwright.sync_api import Browser
from pypdf import PdfReader

from handbook.core.project import Project
from handbook.export.print.assemble import PrintBook, binder_entries, book_entries
from handbook.export.print.pdf import Cover, Printed, print_book
from handbook.export.selftest.handout import handout
from handbook.export.selftest.questions import self_test
from handbook.pipeline import load_model
from handbook.render.book import book_nav

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def printed(built_site: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> tuple[PrintBook, Printed]:
    """The sample handbook printed once for this module."""
    model = load_model(Project(ROOT, TODAY))
    book = PrintBook(model.book.title, book_entries(model, book_nav(model)))
    cover = Cover(model.book.title, "", "测试单位", "测试版", dt.date(2026, 11, 30))
    output = tmp_path_factory.mktemp("print") / "handbook.pdf"
    return book, print_book(book, built_site, cover, output, progress=lambda message: None, browser=browser)


def text(pdf: Path, first: int, last: int | None = None) -> str:
    """The text of a page range, as pdftotext reads it."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last or first), str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return out.stdout


def test_every_document_starts_where_the_contents_say_in_catalogue_order(printed: tuple[PrintBook, Printed]) -> None:
    """Each document's title is on the page the contents give, and the pages follow the catalogue."""
    book, result = printed
    starts = [result.starts[entry.anchor] for entry in book.documents]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)  # every document begins on a page of its own
    wrong = [
        entry.title
        for entry in book.documents
        if entry.title.replace(" ", "") not in text(result.path, result.starts[entry.anchor]).replace(" ", "")
    ]
    assert wrong == []


def test_the_contents_print_the_start_pages(printed: tuple[PrintBook, Printed]) -> None:
    """The numbers printed in the contents are exactly the start pages, entry by entry."""
    book, result = printed
    last_contents_page = min(result.starts[entry.anchor] for entry in book.entries) - 1
    contents = text(result.path, 2, last_contents_page)
    printed_numbers = [int(m[1]) for m in re.finditer(r"\s(\d+)\s*$", contents, re.MULTILINE)]
    assert printed_numbers == [result.starts[entry.anchor] for entry in book.entries]


def test_bookmarks_are_the_parts_chapters_and_documents(printed: tuple[PrintBook, Printed]) -> None:
    """The PDF outline holds every part, chapter and document title, in order."""
    book, result = printed
    reader = PdfReader(result.path)

    def titles(outline: list[object]) -> list[str]:
        """The outline's titles, depth first."""
        found: list[str] = []
        for item in outline:
            found += titles(item) if isinstance(item, list) else [str(getattr(item, "title", ""))]
        return found

    outline = [title.replace(" ", "") for title in titles(reader.outline)]
    position = 0
    for entry in book.entries:
        wanted = entry.title.replace(" ", "")
        assert wanted in outline[position:], f"{entry.title} missing from the bookmarks (or out of order)"
        position = outline.index(wanted, position) + 1


def test_fonts_are_embedded_and_none_is_type_3(printed: tuple[PrintBook, Printed]) -> None:
    """Print shops and archives reject Type 3 fonts; every font is embedded."""
    out = subprocess.run(["pdffonts", str(printed[1].path)], capture_output=True, check=True, text=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts
    assert [line for line in fonts if "Type 3" in line] == []
    assert all(" yes " in line for line in fonts)


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
def binder(printed: tuple[PrintBook, Printed], built_site: Path, browser: Browser) -> tuple[PrintBook, Printed]:
    """The sample's 支部书记工作手册, with the full handbook's page numbers for what it leaves out."""
    model = load_model(Project(ROOT, TODAY))
    book = PrintBook("支部书记工作手册", binder_entries(model, model.registry("binder")["zhibu-shuji"].meta))
    full_book, full = printed
    pages = {url: full.starts[anchor] for url, anchor in full_book.anchor_of_url().items()}
    outside = {url: f"（见全书第{page}页）" for url, page in pages.items()}
    cover = Cover(model.book.title, "支部书记工作手册", "测试单位", "测试版", dt.date(2026, 11, 30))
    output = full.path.parent / "binders" / "zhibu-shuji.pdf"
    return book, print_book(book, built_site, cover, output, outside, progress=lambda message: None, browser=browser)


def test_a_binder_holds_its_sections_and_names_the_full_handbook_pages_of_the_rest(
    binder: tuple[PrintBook, Printed], printed: tuple[PrintBook, Printed]
) -> None:
    """Its own cover and contents; each included document starts where its contents say; outside links cite pages."""
    book, result = binder
    assert "支部书记工作手册" in text(result.path, 1)
    assert [e.title for e in book.entries if e.level == 1] == ["职责", "支部工作流程", "制度", "常用术语"]
    for entry in book.documents:
        assert entry.title.replace(" ", "") in text(result.path, result.starts[entry.anchor]).replace(" ", "")
    _, full = printed
    cited = {int(n) for n in re.findall(r"（见全书第(\d+)页）", text(result.path, 1, result.pages))}
    assert cited and cited <= set(full.starts.values())
    out = subprocess.run(["pdffonts", str(result.path)], capture_output=True, check=True, text=True).stdout
    assert "Type 3" not in out


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


def test_a_course_handout_has_its_material_then_the_test_then_the_answers_apart(
    built_site: Path, tmp_path: Path, browser: Browser
) -> None:
    """The handout of 发展对象培训班: plan, covered pages, self-test, and the answer key on pages of its own."""
    model = load_model(Project(ROOT, TODAY))
    test = self_test(model, model.registry("course")["fazhan-duixiang-peixun"].meta)
    book = handout(model, test)
    cover = Cover(model.book.title, test.course.title, "测试单位", "测试版", dt.date(2026, 11, 30))
    result = print_book(
        book, built_site, cover, tmp_path / "handout.pdf", progress=lambda message: None, browser=browser
    )
    assert result.starts["plan"] < result.starts["s1"] < result.starts["test"] < result.starts["answers"]
    questions = text(result.path, result.starts["test"], result.starts["answers"] - 1)
    answers = text(result.path, result.starts["answers"], result.pages)
    assert "答案与解析" not in questions and test.questions[0].stem[:12] in questions.replace(" ", "")
    assert re.sub(r"\s", "", answers).count("（出处：") == len(test.questions)
