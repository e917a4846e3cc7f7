"""`handbook import word`: Word regulations, typed with heading styles, by hand or numbered by Word, become sources.

The held-back set (tests/data/heldout_regulations.yaml, saved as .docx by tests/data/word_fixtures.py)
must come back article by article and chapter by chapter with the same text, nothing lost; numbering
problems and guesses are reported by paragraph, and a failed import writes nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from data import word_fixtures
from docx.enum.text import WD_ALIGN_PARAGRAPH

from handbook.adopt.convert import Options, compact, convert, escape, undo_markdown
from handbook.adopt.word import Para, Piece, WordDocument, read_word
from handbook.cli.main import main
from handbook.core.located import parse_markdown
from handbook.kinds.regulation.articles import find_articles

OPTIONS = Options(issuer="中共东湖医院委员会")
REGULATIONS = word_fixtures.regulations()


def _articles(text: str) -> dict[str, str]:
    """Each article of a written source with its text as a reader gets it (up to the next article or heading)."""
    source, _ = parse_markdown(text, "x.md")
    lines = source.body.split("\n")
    found: dict[str, str] = {}
    current = ""
    for line in lines:
        if re.match(r"^\*\*第[零〇一二两三四五六七八九十百]+条\*\*", line):
            current = line[2 : line.index("**", 2)]
            found[current] = ""
        elif line.startswith("#"):
            current = ""
        if current:
            found[current] += compact(undo_markdown(line))
    return found


def _chapters(text: str) -> list[str]:
    """The chapter and section headings of a written source, whitespace aside."""
    return [compact(line.lstrip("#")) for line in text.split("\n") if re.match(r"^#{2,3} 第.+[章节]", line)]


@pytest.mark.parametrize("style", word_fixtures.STYLES)
@pytest.mark.parametrize("regulation", REGULATIONS, ids=[r["id"] for r in REGULATIONS])
def test_the_held_back_set_comes_back_article_by_article(
    tmp_path: Path, regulation: dict[str, Any], style: str
) -> None:
    """Every chapter, section and article of each held-back regulation, with the same text; nothing lost."""
    path = word_fixtures.save(regulation, tmp_path / f"{regulation['id']}.docx", style)
    draft = convert(read_word(path), path.name, path.stem, OPTIONS)
    assert not draft.failed, [str(p) for p in draft.problems]
    assert draft.lost == 0
    expected = {
        label: word_fixtures.article_text(label, paragraphs)
        for label, paragraphs in word_fixtures.articles_of(regulation)
    }
    written = _articles(draft.text)
    assert list(written) == list(expected)
    for label, text in expected.items():
        # The article runs to the next article or heading: what follows the last one (signature, list of
        # attachments) is the document's too, after the article's own text.
        assert written[label].startswith(text), label
    headings = [
        compact(f"{label}{title}")
        for chapter, title, sections in word_fixtures.chapters_of(regulation)
        for label, title in [(chapter, title), *((s, t) for s, t, _ in sections if s)]
    ]
    assert _chapters(draft.text) == headings
    assert draft.title == regulation["title"]
    source, _ = parse_markdown(draft.text, draft.path)
    assert len(find_articles(source.body, source.body_line)) == len(expected)  # the engine sees the same articles


def test_front_matter_holds_title_number_dates_and_attachments(tmp_path: Path) -> None:
    """发文字号 and masthead in the notes, the effective date from 自…起施行, tables and 附件 kept."""
    regulation = next(r for r in REGULATIONS if r["id"] == "dangfei-guanli-guiding")
    path = word_fixtures.save(regulation, tmp_path / "dangfei.docx", "manual")
    draft = convert(read_word(path), path.name, path.stem, OPTIONS)
    head = draft.text.split("---")[1]
    assert "effective: 2025-07-01" in head
    assert "东医党发〔2025〕15号" in head and "文头：中共东湖医院委员会文件" in head
    assert (draft.tables, draft.attachments) == (2, 2)
    assert "## 附件1" in draft.text and "| 序号 | 姓名 | 交纳月份 |" in draft.text
    assert "| 3000元以下（含3000元） | 0\\.5% |" in draft.text  # inside the article, escaped once
    assert [p for p in draft.problems if p.warning] == []  # 附件：1. opens a list: 2. is no gap


def _document(tmp_path: Path, lines: list[str], centred: tuple[int, ...] = ()) -> Path:
    """A .docx of body paragraphs typed by hand; the paragraphs numbered in `centred` centred and bold."""
    document = docx.Document()
    for number, text in enumerate(lines, start=1):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if number in centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
    path = tmp_path / "制度.docx"
    document.save(str(path))
    return path


def test_numbering_problems_are_reported_by_paragraph(tmp_path: Path) -> None:
    """A gap, a duplicate and an article out of order: each at its Word paragraph, all at once."""
    lines = ["考勤管理办法", "第一章　总则", "第一条　为了……", "第二条　本办法……", "第三章　附则"]
    lines += ["第四条　这一条跳过了第三条。", "第四条　这一条重复了。", "第三条　这一条倒序了。"]
    path = _document(tmp_path, lines, centred=(1, 2, 5))
    draft = convert(read_word(path), path.name, path.stem, OPTIONS)
    assert [str(p) for p in draft.problems if not p.warning] == [
        "制度.docx: paragraph 5: 第三章 follows 第一章: 第二章 is missing",
        "制度.docx: paragraph 6: 第四条 follows 第二条: 第三条 is missing",
        "制度.docx: paragraph 7: 第四条 appears twice (first at paragraph 6)",
        "制度.docx: paragraph 8: 第三条 comes after 第四条: number the articles in order",
    ]


def test_guesses_are_warnings_with_their_paragraph(tmp_path: Path) -> None:
    """No title set apart: the first paragraph is taken, and said; an id made up from a Chinese file name, and said."""
    path = _document(tmp_path, ["关于印发考勤办法的说明", "第一条　为了……", "第二条　本办法自印发之日起施行。"])
    draft = convert(read_word(path), path.name, path.stem, OPTIONS)
    assert not draft.failed
    warnings = [str(p) for p in draft.problems if p.warning]
    assert warnings[0].startswith("制度.docx: paragraph 1: warning: no title set apart")
    assert any("made up" in w and "--id" in w for w in warnings)


def test_an_attachments_articles_are_not_the_regulations(tmp_path: Path) -> None:
    """After 附件1, a 第一条 is the attachment's text, written so that the engine does not number it."""
    lines = [
        "值班规定",
        "第一条　值班……",
        "第二条　本规定自2025年1月1日起施行。",
        "附件1",
        "值班细则",
        "第一条　细则的第一条。",
    ]
    path = _document(tmp_path, lines, centred=(1, 5))
    draft = convert(read_word(path), path.name, path.stem, OPTIONS)
    assert not draft.failed and draft.articles == 2 and draft.lost == 0
    source, _ = parse_markdown(draft.text, "x.md")
    assert [a.label for a in find_articles(source.body, source.body_line)] == ["第一条", "第二条"]
    assert "&#31532;一条　细则的第一条。" in draft.text


def test_text_that_looks_like_markdown_stays_text() -> None:
    """Asterisks, hashes, angle brackets, a leading 1. and a pipe: escaped so the page shows them, and read back."""
    for text in [
        "1. 第一项",
        "# 不是标题",
        "a*b*c <b>粗</b> & [[reg:x]] {{rules:x}}",
        "- 不是列表",
        "!!! note 不是提示",
    ]:
        assert compact(undo_markdown(escape(text))) == compact(text)
    assert escape("1. 第一项").startswith("1\\.")
    assert "&lt;b&gt;" in escape("<b>粗</b>")


def test_text_the_source_lacks_is_reported_lost() -> None:
    """A piece of the document that the conversion did not write (here: one it was never given) fails the import."""
    para = Para(1, "第一条　写出的条文。")
    document = WordDocument([para], [Piece("paragraph 1", 1, para.text), Piece("paragraph 2", 2, "文本框里的字")])
    draft = convert(document, "x.docx", "x", OPTIONS)
    assert draft.failed and draft.lost == len("文本框里的字")
    assert "x.docx: paragraph 2: text not in the written source: «文本框里的字»" in [str(p) for p in draft.problems]


def test_a_table_is_kept_with_merged_cells_once(tmp_path: Path) -> None:
    """A table inside an article becomes a Markdown table; a merged cell's text is written once."""
    document = docx.Document()
    document.add_paragraph("第一条　标准如下：")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "标准|表"
    table.cell(1, 0).text, table.cell(1, 1).text = "甲", "乙"
    table.cell(2, 0).text, table.cell(2, 1).text = "丙", "丁"
    path = tmp_path / "t.docx"
    document.save(str(path))
    draft = convert(read_word(path), path.name, path.stem, OPTIONS)
    assert "| 标准\\|表 |   |\n| --- | --- |\n| 甲 | 乙 |\n| 丙 | 丁 |" in draft.text
    assert draft.lost == 0 and draft.text.count("标准\\|表") == 1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project made by `handbook new`."""
    assert main(["new", str(tmp_path / "p"), "--name", "东湖医院"]) == 0
    return tmp_path / "p"


def _fixtures(tmp_path: Path, style: str = "manual") -> list[Path]:
    """The held-back set saved as Word files."""
    return word_fixtures.save_all(tmp_path / style, style)


def test_the_command_writes_every_regulation(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Three files, three sources; each passes the project's check."""
    files = [str(p) for p in _fixtures(tmp_path)]
    assert main(["--root", str(project), "import", "word", *files]) == 0
    out = capsys.readouterr().out
    assert "regulations/sanhui-yike-banfa.md: 《党支部“三会一课”实施办法》 5 chapters, 0 sections, 13 articles" in out
    assert sorted(p.name for p in (project / "regulations").glob("*.md")) == [
        "dangfei-guanli-guiding.md",
        "fazhan-dangyuan-xize.md",
        "sanhui-yike-banfa.md",
    ]
    assert main(["--root", str(project), "check"]) == 0


def test_one_bad_file_writes_nothing(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A numbering error in one of three files: every problem reported, exit 1, none of the three written."""
    bad = _document(tmp_path, ["办法", "第一条　……", "第三条　……"], centred=(1,))
    files = [str(p) for p in _fixtures(tmp_path)] + [str(bad)]
    assert main(["--root", str(project), "import", "word", *files]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: paragraph 3: 第三条 follows 第一条: 第二条 is missing" in err
    assert list((project / "regulations").glob("*.md")) == []


def test_an_existing_regulation_is_never_overwritten(project: Path, tmp_path: Path) -> None:
    """The same file twice: the second import fails and leaves the first source as it was."""
    path = _fixtures(tmp_path)[0]
    assert main(["--root", str(project), "import", "word", str(path)]) == 0
    written = (project / "regulations" / f"{path.stem}.md").read_bytes()
    assert main(["--root", str(project), "import", "word", str(path)]) == 1
    assert (project / "regulations" / f"{path.stem}.md").read_bytes() == written
    assert main(["--root", str(project), "import", "word", str(path), "--id", "copy", "--place", "p6.c1.s1"]) == 0
    assert "place: p6.c1.s1" in (project / "regulations" / "copy.md").read_text(encoding="utf-8")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip archive of the given members."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("notes.txt", "not a Word document: give .docx, .doc or .wps (not '.txt')"),
        ("missing.docx", "no such file"),
        ("text.docx", "not a Word document (.docx), or the file is damaged"),
        ("bomb.docx", "word/document.xml unpacks 1028 times its size: not read"),
        ("empty.docx", "not a readable Word document (.docx)"),
    ],
)
def test_hostile_or_broken_files_are_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str
) -> None:
    """A file that is not Word, is missing, damaged, a zip bomb or a zip without a document: one line, exit 1."""
    path = tmp_path / name
    if name in ("notes.txt", "text.docx"):
        path.write_text("不是 Word 文件", encoding="utf-8")
    elif name == "bomb.docx":
        _zip(path, {"word/document.xml": b"<a>" + b" " * 50_000_000 + b"</a>"})
    elif name == "empty.docx":
        _zip(path, {"hello.txt": b"hello"})
    assert main(["--root", str(project), "import", "word", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: {expected}" in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 2  # the problem and the count


def test_a_huge_file_is_refused_before_reading(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file over the size limit is not opened."""
    path = tmp_path / "huge.docx"
    with path.open("wb") as out:
        out.truncate(31 * 1024 * 1024)
    assert main(["--root", str(project), "import", "word", str(path)]) == 1
    assert "31 MB; a file of more than 30 MB is not read" in capsys.readouterr().err


def test_doc_without_libreoffice_says_so(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .doc or .wps where LibreOffice is not installed: one clear line."""
    monkeypatch.setattr("shutil.which", lambda name: None)
    path = tmp_path / "旧制度.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["--root", str(project), "import", "word", str(path)]) == 1
    err = capsys.readouterr().err
    assert "is read through LibreOffice, which is not installed" in err and "Traceback" not in err


def test_workbooks_are_the_same_bytes_with_lxml_installed() -> None:
    """python-docx brings lxml, which openpyxl would write with: the engine keeps openpyxl's own writer."""
    script = (
        "import sys, hashlib\n"
        "if sys.argv[1] == 'without': sys.modules['lxml'] = None\n"
        "import handbook\n"
        "from handbook.render.tables import Table, workbook\n"
        "print(hashlib.sha256(workbook([Table('名册', ['党支部', '得分'], [['内科党支部', 98.5]])])).hexdigest())\n"
    )
    digests = {
        subprocess.run([sys.executable, "-c", script, way], capture_output=True, text=True, check=True).stdout
        for way in ("with", "without")
    }
    assert len(digests) == 1
