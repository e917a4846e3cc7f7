"""Word files of regulations, typed the ways party offices type them, for the Word import's tests.

The texts are in heldout_regulations.yaml beside this file. Each regulation is saved:
- `headings`: Word's styles (Title, Heading 1 for 第一章, Heading 2 for 第一节), 第一条 typed;
- `manual`: 正文 only: the title and chapters centred and bold by hand, 第一条 typed in bold;
- `numbered`: heading styles whose 第一章 and 第一条 come from Word's automatic numbering (not the text).

`python tests/data/word_fixtures.py OUT` writes every regulation in every style into OUT.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from handbook.core.numerals import chinese

HERE = Path(__file__).resolve().parent
STYLES = ("headings", "manual", "numbered")
SPACE = "\u3000"  # the full-width space party offices put after 第一条
CHAPTERS, ARTICLES = "901", "902"  # the numIds of the automatic numbering (style `numbered`)


def regulations() -> list[dict[str, Any]]:
    """The held-back regulations, as written in the YAML file."""
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load((HERE / "heldout_regulations.yaml").read_text("utf-8"))
    return data["regulations"]


def chapters_of(regulation: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str, list[Any]]]]]:
    """(label, title, sections) per chapter; a chapter without sections has one unnamed section ('', '', articles)."""
    found = []
    for c, chapter in enumerate(regulation["chapters"], start=1):
        sections = [
            (f"第{chinese(s)}节", section["title"], section["articles"])
            for s, section in enumerate(chapter.get("sections", []), start=1)
        ] or [("", "", chapter["articles"])]
        found.append((f"第{chinese(c)}章", chapter["title"], sections))
    return found


def articles_of(regulation: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """(第N条, paragraphs) of every article, numbered across chapters as regulations are."""
    found = []
    for _, _, sections in chapters_of(regulation):
        for _, _, articles in sections:
            for paragraphs in articles:
                found.append((f"第{chinese(len(found) + 1)}条", list(paragraphs)))
    return found


def article_text(label: str, paragraphs: list[Any]) -> str:
    """An article's whole text as a reader gets it, whitespace aside: label, paragraphs, table cells."""
    texts = [label]
    for paragraph in paragraphs:
        if isinstance(paragraph, dict):
            texts += [cell for row in paragraph["table"] for cell in row]
        else:
            texts.append(paragraph)
    return "".join("".join(text.split()) for text in texts)


def _numbering(document: Any) -> None:
    """Two lists: 第%1章 for chapters, 第%1条 for articles, in Chinese numerals, a space after the number."""
    numbering = document.part.numbering_part.element
    for num_id, text in ((CHAPTERS, "第%1章"), (ARTICLES, "第%1条")):
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/><w:lvlText w:val="{text}"/></w:lvl>'
            "</w:abstractNum>"
        )
        numbering.insert(0, abstract)
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
        )


def _numbered(paragraph: Any, num_id: str) -> None:
    """Number a paragraph automatically by one of the two lists."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _set_apart(document: Any, text: str, style: str, size: float = 16, level: int = 1) -> Any:
    """A title or heading: a style (headings), or centred and bold by hand (manual)."""
    if style == "manual":
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        return paragraph
    return document.add_heading(text, level=level)


def _centred(document: Any, text: str) -> None:
    """A centred line in body text (the 发文字号, the date it was adopted)."""
    document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document: Any, rows: list[list[str]]) -> None:
    """A table with grid lines."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def save(regulation: dict[str, Any], path: Path, style: str) -> Path:
    """Write one regulation as a .docx typed in `style` (headings, manual or numbered)."""
    document = docx.Document()
    if style == "numbered":
        _numbering(document)
    if "masthead" in regulation:
        _set_apart(document, regulation["masthead"], "manual", size=26)
    if "number" in regulation:
        _centred(document, regulation["number"])
    _set_apart(document, regulation["title"], style, size=22, level=0)
    if "issued" in regulation:
        _centred(document, regulation["issued"])
    articles = iter(articles_of(regulation))
    for label, title, sections in chapters_of(regulation):
        if style == "numbered":
            _numbered(_set_apart(document, title, style), CHAPTERS)
        else:
            _set_apart(document, f"{label}{SPACE}{title}", style)
        for section_label, section_title, section_articles in sections:
            if section_label:
                _set_apart(document, f"{section_label}{SPACE}{section_title}", style, size=16, level=2)
            for _ in section_articles:
                article_label, paragraphs = next(articles)
                _article(document, article_label, paragraphs, style)
    for line in regulation.get("attachment_list", []):
        document.add_paragraph(line)
    for line in regulation.get("signature", []):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for attachment in regulation.get("attachments", []):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph().add_run(attachment["label"]).bold = True
        _set_apart(document, attachment["title"], "manual", size=18)
        if "table" in attachment:
            _table(document, attachment["table"])
        for text in attachment.get("paragraphs", []):
            document.add_paragraph(text)
    document.save(str(path))
    return path


def _article(document: Any, label: str, paragraphs: list[Any], style: str) -> None:
    """An article: 第N条 and its first paragraph, then its 款, 项 and tables."""
    first, *rest = paragraphs
    paragraph = document.add_paragraph()
    if style == "numbered":
        _numbered(paragraph, ARTICLES)
        paragraph.add_run(first)
    elif style == "manual":
        paragraph.add_run(label).bold = True
        paragraph.add_run(SPACE + first)
    else:
        paragraph.add_run(f"{label}{SPACE}{first}")
    for text in rest:
        if isinstance(text, dict):
            _table(document, text["table"])
        else:
            document.add_paragraph(text).paragraph_format.first_line_indent = Pt(24)


def save_all(folder: Path, style: str) -> list[Path]:
    """Every held-back regulation in one style, named by its id."""
    folder.mkdir(parents=True, exist_ok=True)
    return [save(regulation, folder / f"{regulation['id']}.docx", style) for regulation in regulations()]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/word-fixtures")
    for kind in STYLES:
        for written in save_all(out / kind, kind):
            print(written)
