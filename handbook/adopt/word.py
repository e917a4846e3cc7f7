"""Reading a Word document (.docx) into blocks: paragraphs with the formatting that tells what they are, and tables.

Party offices type regulations two ways: with Word's heading styles, or in 正文 with the chapter
headings centred and bold and 第一条 typed in bold. Each paragraph keeps what tells them apart
(style and heading level, centring, bold, font size), and its number: the Nth paragraph of the
body, counting empty ones, which is how problems are reported (`FILE.docx: paragraph N: …`).

Text is read from the XML itself (every `w:t`, tab and line break of the body), so what the
conversion uses is exactly what the nothing-lost check compares with (`convert.py`). Word's
automatic list numbering is rendered from the numbering definitions (`numbering.py`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from handbook.adopt.numbering import Numbering
from handbook.core.archive import ArchiveError, Limits, check_archive, check_size

W_P, W_TBL, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
# Shapes are written twice, as the drawing and as a fallback for old readers: read the drawing only.
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
CENTRED = {WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.DISTRIBUTE}
MAX_PARAGRAPHS = 20_000  # a 60-page regulation has about 600
# A Word regulation is 20–200 KB, with pictures a few MB; these leave room for far more.
LIMITS = Limits(file_bytes=30 * 1024 * 1024, unpacked_bytes=150 * 1024 * 1024, members=2_000)


class WordError(Exception):
    """The file is not a Word document that can be read; the message says why, for a person."""


@dataclass(frozen=True)
class Para:
    """One paragraph of the document's body, with what its formatting says."""

    number: int  # the Nth paragraph of the body, counting empty ones (tables do not count)
    text: str  # as typed, Word's automatic number (if any) in front
    style: str = ""
    level: int | None = None  # 0 for the Title style, N for Heading N or outline level N; None for body text
    centred: bool = False
    bold: bool = False  # every character bold
    lead_bold: str = ""  # the bold text the paragraph begins with (第一条 typed in bold)
    size: float | None = None  # the largest font size, in points
    numbered: str = ""  # the number Word puts in front of it (its automatic numbering), if any


@dataclass(frozen=True)
class Table:
    """A table of the body: each merged cell's text once, in its first cell."""

    index: int  # the Nth table of the body
    after: int  # the number of the paragraph before it (0: at the very start)
    rows: list[list[str]] = field(default_factory=list)


Block = Para | Table


@dataclass(frozen=True)
class Piece:
    """A piece of the body's text and where it stands: what the nothing-lost check looks for."""

    where: str  # "paragraph 12", "table 1, row 3"
    number: int  # the paragraph it is, or stands after
    text: str


@dataclass
class WordDocument:
    """A document's body as blocks in reading order, and every piece of its text."""

    blocks: list[Block]
    pieces: list[Piece]


def read_word(path: Path) -> WordDocument:
    """Read a .docx within the size limits, or raise WordError saying what is wrong with the file."""
    try:
        check_archive(path, LIMITS, "a Word document (.docx)", "file")
    except ArchiveError as exc:
        raise WordError(str(exc)) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged or foreign file
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise WordError(f"not a readable Word document (.docx): {type(exc).__name__}: {first}") from None
    try:
        return _Reader(document).read()
    except WordError:
        raise
    except Exception as exc:  # a structure python-docx does not expect: one line, never a traceback
        raise WordError(f"the document cannot be read: {type(exc).__name__}: {exc}") from None


class _Reader:
    """Walks the body of one document in reading order."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = Numbering.of(document)
        self.blocks: list[Block] = []
        self.pieces: list[Piece] = []
        self.paragraphs = 0
        self.tables = 0

    def read(self) -> WordDocument:
        """Every paragraph and table of the body."""
        for element in _body_elements(self.document.element.body):
            if element.tag == W_P:
                self.paragraph(element)
            else:
                self.table(element)
        return WordDocument(self.blocks, self.pieces)

    def paragraph(self, element: Any) -> None:
        """One paragraph: its text and what its formatting says."""
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise WordError(f"more than {MAX_PARAGRAPHS} paragraphs; a regulation has a few hundred")
        paragraph = DocxParagraph(element, self.document.part)
        text = element_text(element)
        style = paragraph.style
        numbered = self.numbering.number(element, style)
        self.blocks.append(
            Para(
                number=self.paragraphs,
                text=numbered + text,
                style=style.name if style is not None else "",
                level=_level(element, style),
                centred=_centred(paragraph),
                bold=_bold(paragraph),
                lead_bold=_lead_bold(paragraph),
                size=_size(paragraph),
                numbered=numbered,
            )
        )
        self.pieces.append(Piece(f"paragraph {self.paragraphs}", self.paragraphs, text))

    def table(self, element: Any) -> None:
        """One table: each cell's paragraphs joined by line breaks; a merged cell once."""
        self.tables += 1
        rows = []
        for r, tr in enumerate(element.iterchildren(qn("w:tr")), start=1):
            row = []
            for tc in tr.iterchildren(qn("w:tc")):
                span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                merged_below = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                continues = merged_below is not None and merged_below.get(qn("w:val")) in (None, "continue")
                text = "" if continues else "\n".join(element_text(p) for p in tc.iter(W_P) if _outermost(p, tc))
                row += [text] + [""] * (int(span.get(qn("w:val"), "1")) - 1 if span is not None else 0)
                if text.strip():
                    self.pieces.append(Piece(f"table {self.tables}, row {r}", self.paragraphs, text))
            rows.append(row)
        self.blocks.append(Table(self.tables, self.paragraphs, rows))


def _body_elements(body: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in reading order, those inside content controls included."""
    for child in body.iterchildren():
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)


def _outermost(paragraph: Any, cell: Any) -> bool:
    """Whether a paragraph inside a cell is not within another paragraph (a shape's text is in that one's)."""
    parent = paragraph.getparent()
    while parent is not None and parent is not cell:
        if parent.tag == W_P:
            return False
        parent = parent.getparent()
    return True


def element_text(element: Any) -> str:
    """The text of a paragraph or cell: every w:t, tabs and line breaks, shapes once (not their fallback)."""
    return "".join(_texts(element))


def _texts(element: Any) -> Iterator[str]:
    """The pieces of text under an element, in order, skipping the fallback copies of shapes."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == FALLBACK:
            continue
        if tag == W_T:
            yield child.text or ""
        elif tag == W_TAB:
            yield "\t"
        elif tag in (W_BR, W_CR):
            yield "\n"
        elif tag == W_P:  # a paragraph of a shape inside this paragraph: on a line of its own
            yield "\n"
            yield from _texts(child)
        else:
            yield from _texts(child)


def _styles(style: Any) -> Iterator[Any]:
    """A style and the styles it is based on."""
    seen = 0
    while style is not None and seen < 20:  # a loop of based-on styles is not followed for ever
        yield style
        style, seen = style.base_style, seen + 1


def _level(element: Any, style: Any) -> int | None:
    """The heading level: 0 for the title style, N for a heading style or an outline level; None for body text."""
    for candidate in _styles(style):
        name = (candidate.name or "").lower().replace("标题", "heading ").replace("  ", " ").strip()
        if name in ("title", "heading"):
            return 0
        if name.startswith("heading ") and name[8:].strip().isdigit():
            return int(name[8:].strip())
    for ppr in [element.pPr, *(s.element.pPr for s in _styles(style))]:
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if outline is not None and outline.get(qn("w:val"), "9").isdigit() and int(outline.get(qn("w:val"))) < 9:
            return int(outline.get(qn("w:val"))) + 1
    return None


def _centred(paragraph: DocxParagraph) -> bool:
    """Whether the paragraph is centred, by its own setting or its style's."""
    if paragraph.paragraph_format.alignment is not None:
        return paragraph.paragraph_format.alignment in CENTRED
    for style in _styles(paragraph.style):
        if style.paragraph_format.alignment is not None:
            return style.paragraph_format.alignment in CENTRED
    return False


def _run_bold(run: Any, paragraph: DocxParagraph) -> bool:
    """Whether a run is bold: its own setting, its character style's, else its paragraph style's."""
    if run.bold is not None:
        return bool(run.bold)
    for style in _styles(run.style) if run.style is not None else ():
        if style.font.bold is not None:
            return bool(style.font.bold)
    for style in _styles(paragraph.style):
        if style.font.bold is not None:
            return bool(style.font.bold)
    return False


def _bold(paragraph: DocxParagraph) -> bool:
    """Whether every character of the paragraph is bold (and it has some)."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(_run_bold(run, paragraph) for run in runs)


def _lead_bold(paragraph: DocxParagraph) -> str:
    """The bold text the paragraph begins with."""
    lead = ""
    for run in paragraph.runs:
        if not run.text.strip():
            lead += run.text
            continue
        if not _run_bold(run, paragraph):
            break
        lead += run.text
    return lead.strip()


def _size(paragraph: DocxParagraph) -> float | None:
    """The largest font size of the paragraph, in points (its runs', else its style's)."""
    sizes: list[float] = [run.font.size.pt for run in paragraph.runs if run.text.strip() and run.font.size is not None]
    if sizes:
        return max(sizes)
    for style in _styles(paragraph.style):
        if style.font.size is not None:
            return float(style.font.size.pt)
    return None


def converted(path: Path, scratch: Path) -> Path:
    """A .doc or .wps converted to .docx by LibreOffice (`soffice --headless`) into `scratch`, or WordError."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise WordError(
            f"{path.suffix} is read through LibreOffice, which is not installed "
            "(sudo apt-get install -y libreoffice-writer), or save the file as .docx in Word or WPS"
        )
    try:
        check_size(path, LIMITS.file_bytes, "file")  # a .doc or .wps is given to LibreOffice whole
    except ArchiveError as exc:
        raise WordError(str(exc)) from None
    out = Path(tempfile.mkdtemp(prefix="docx-", dir=scratch))
    # A profile of its own: LibreOffice refuses to start beside a running instance's profile.
    command = [office, f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "docx"]
    try:
        done = subprocess.run(
            [*command, "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180, check=False
        )
    except subprocess.TimeoutExpired:
        raise WordError("LibreOffice did not convert it within 3 minutes") from None
    result = out / f"{path.stem}.docx"
    if not result.is_file():
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise WordError(f"LibreOffice could not convert it to .docx{': ' + reason[-1] if reason else ''}")
    return result
