"""A Word regulation turned into a regulation source (regulations/<id>.md), and checked to have lost nothing.

What is recognised, from the text first and the formatting second (a party office's document is
numbered in its text even where it is typed without styles):

- before the first chapter or article: the masthead (…文件), the 发文字号 (X党发〔2024〕3号), a line
  with a date (（2024年3月1日党委会审议通过）), and the title: the last run of centred, bold,
  large or title-styled paragraphs; what else stands there (a 印发 notice) stays in the text;
- 第一章 and 第一节 as headings (`## 第一章 总则`, `### 第一节 …`), 第一条 as an article
  (`**第一条** …`), 款 as paragraphs, 项 （一） and 目 1. as paragraphs of their own;
- tables as Markdown tables, and 附件: from a paragraph that is only 附件 or 附件1, everything is
  the attachment's, so a 第一条 inside it is not taken as an article of the regulation;
- the effective date from 自2024年3月1日起施行 (or 自印发之日起施行 and the date of issue).

Numbering problems of chapters, sections and articles (a gap, a duplicate, out of order) fail the
import; anything guessed, and 项 or 目 out of sequence, is a warning. Then the written source is
read back (front matter parsed, Markdown undone) and every piece of the document's text, whitespace
aside, must be found in it, in order: what is not is reported, and fails the import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import yaml

from handbook.adopt.word import Para, Piece, Table, WordDocument
from handbook.core.located import parse_markdown
from handbook.core.numerals import chinese, parse_chinese
from handbook.core.problems import Problem
from handbook.kinds.regulation.articles import find_articles

NUMERALS = "零〇一二两三四五六七八九十百"
NUM = f"[{NUMERALS}]+"
CHAPTER = re.compile(rf"^第({NUM})章(.*)$")
SECTION = re.compile(rf"^第({NUM})节(.*)$")
ARTICLE = re.compile(rf"^第({NUM})条(.*)$")
ITEM = re.compile(rf"^[（(]({NUM})[）)]")
SUBITEM = re.compile(r"^(\d{1,3})[.．、](?!\d)")
LIST_OPENED = re.compile(r"^[^。；]{1,12}[:：]1[.．、](?!\d)")  # 附件：1.…: the first of a list typed after a colon
_ORDINAL = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
# 附件, 附件1, 附件一：, or 附件2：党费使用审批表 (numbered, with its title); not the list 附件：1.……
ATTACHMENT = re.compile(rf"^附件{_ORDINAL}?[:：]?$|^附件{_ORDINAL}[:：]?[^。；;]{{1,40}}$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,15}[〔\[［【(（]\d{4}[〕\]］】)）]第?\d{1,4}号")
_DIGIT = r"\d|[〇○零一二三四五六七八九十]"
DATE = re.compile(rf"((?:{_DIGIT}){{4}})年((?:{_DIGIT}){{1,3}})月((?:{_DIGIT}){{1,3}})日")
EFFECTIVE = re.compile(rf"自{DATE.pattern}起(?:施行|执行|实施|生效)")
FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|下发|颁布)之日起(?:施行|执行|实施|生效)")
ISSUED = re.compile(r"(?:通过|印发|发布|公布|修订|审议|下发|颁布)")
SIGNATURE = re.compile(r"(?:委员会|党委|党组|党总支|党支部|纪委|办公室)$")
MASTHEAD = re.compile(r"^(.{2,30}?)文件$")
SENTENCE = re.compile(r"[。；;]")
# Python-Markdown's escapable characters, as typed text: a backslash before each keeps it text.
ESCAPED = set("\\`*_{}[]()#+-.!")
TITLE_SIZE = 15.0  # points: 小二 (18 pt) and 二号 (22 pt) titles, above 三号 (16 pt) body text … 15 takes 小三 too
MAX_HEADING = 40  # characters: a chapter heading longer than this, in plain text with a full stop, is a sentence


class WordProblem(Problem):
    """A problem of a Word document, said where Word shows it: `FILE.docx: paragraph N: message`."""

    def __str__(self) -> str:
        where = f"{self.path}: {self.key}: " if self.key else f"{self.path}: "
        return where + ("warning: " if self.warning else "") + self.message


def problem(path: str, number: int, message: str, where: str = "", warning: bool = False) -> WordProblem:
    """A problem at paragraph `number` (or at `where`: a table's row), 0: of the whole file."""
    key = where or (f"paragraph {number}" if number else "")
    return WordProblem(path, number, message, key, warning)


@dataclass(frozen=True)
class Options:
    """What the command line says about the regulations to import, and the project's defaults."""

    folder: str = "regulations"
    place: str = "p6"
    owner: str = "dangwei"
    issuer: str = ""  # the project's organisation: the issuer when the document names none


@dataclass
class Draft:
    """One imported regulation: its source, or the problems that keep it from being written."""

    display: str  # the Word file as given
    id: str = ""
    path: str = ""  # relative to the project root
    text: str = ""
    title: str = ""
    problems: list[WordProblem] = field(default_factory=list)
    chapters: int = 0
    sections: int = 0
    articles: int = 0
    tables: int = 0
    attachments: int = 0
    characters: int = 0  # of the document's body, whitespace aside
    lost: int = 0  # of those, not found in the written source

    @property
    def failed(self) -> bool:
        """Whether a problem (not a warning) keeps it from being written."""
        return any(not p.warning for p in self.problems)


@dataclass(frozen=True)
class Line:
    """One line of a paragraph (a line break in Word starts a new one) with the paragraph's formatting."""

    para: Para
    text: str  # stripped

    @property
    def compact(self) -> str:
        """The text without any whitespace: 第 一 章 reads as 第一章."""
        return compact(self.text)


def compact(text: str) -> str:
    """Text without whitespace (full-width spaces included): what the nothing-lost check compares."""
    return "".join(ch for ch in text if not ch.isspace())


def _lines(blocks: list[Para | Table]) -> Iterator[Line | Table]:
    """Every non-empty line of every paragraph, and the tables, in reading order."""
    for block in blocks:
        if isinstance(block, Table):
            yield block
            continue
        for text in block.text.split("\n"):
            if text.strip():
                yield Line(block, text.strip())


def _structural(line: Line) -> bool:
    """Whether a line opens the regulation proper: a chapter, section or article."""
    text = line.compact
    return bool(CHAPTER.match(text) or SECTION.match(text) or ARTICLE.match(text))


def _set_apart(line: Line) -> bool:
    """Whether a line is formatted as a title: centred, bold, large or in a title or heading style."""
    para = line.para
    large = para.size is not None and para.size >= TITLE_SIZE
    return (para.level is not None and para.level <= 1) or para.centred or para.bold or large


def _date(match: re.Match[str]) -> dt.date | None:
    """A date written 2024年3月1日 or 二〇二四年三月一日; None if it is no day of the calendar."""
    parts = []
    for text in match.groups()[:3]:
        if text.isdigit():
            parts.append(int(text))
        elif len(text) == 4 or ("十" not in text and len(text) > 1):  # a year, or digits spelled one by one
            digits = text.replace("○", "〇").replace("零", "〇")
            parts.append(int("".join(str("〇一二三四五六七八九".index(c)) for c in digits)))
        else:
            parts.append(parse_chinese(text))
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def make_id(stem: str, title: str) -> tuple[str, bool]:
    """An id from the file's name when it is ASCII (dangfei-guiding.docx), else made up from the title (guessed)."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if slug and stem.isascii() and slug[0].isalnum() and len(slug) <= 64:
        return slug, False
    return f"zhidu-{hashlib.sha1(title.encode('utf-8')).hexdigest()[:6]}", True


class _Converter:
    """Turns the blocks of one document into a regulation source, collecting problems as it goes."""

    def __init__(self, document: WordDocument, display: str, stem: str, options: Options, wanted_id: str | None):
        self.document = document
        self.display = display
        self.stem = stem
        self.options = options
        self.wanted_id = wanted_id
        self.draft = Draft(display)
        self.body: list[str] = []  # Markdown blocks, joined by blank lines
        self.meta: dict[str, object] = {}
        self.notes: list[str] = []
        self.issued: tuple[dt.date, int] | None = None  # the date of issue and its paragraph
        self.effective: tuple[dt.date, int, bool] | None = None  # the date it takes effect, paragraph, guessed
        self.issuer: tuple[str, int, bool] | None = None

    def warn(self, number: int, message: str) -> None:
        """Report something guessed: the import goes on."""
        self.draft.problems.append(problem(self.display, number, message, warning=True))

    def fail(self, number: int, message: str) -> None:
        """Report something that keeps the regulation from being written."""
        self.draft.problems.append(problem(self.display, number, message))

    def convert(self) -> Draft:
        """The whole document: header, body, front matter, then the checks of what was written."""
        items = list(_lines(self.document.blocks))
        if not any(isinstance(item, Line) for item in items):
            self.fail(0, "the document has no text")
            return self.draft
        start = next((i for i, item in enumerate(items) if isinstance(item, Line) and _structural(item)), None)
        if start is None:
            self.warn(0, "no chapter or article (第一章, 第一条) found: the text is imported as it is")
            start = self._title_end(items)
        self._header(items[:start])
        self._body(items[start:])
        self._front_matter()
        self._write()
        self._check_written()
        return self.draft

    def _title_end(self, items: list[Line | Table]) -> int:
        """Without articles: the header ends after the title (the first run of set-apart lines)."""
        lines = [i for i, item in enumerate(items) if isinstance(item, Line)]
        first = next((i for i in lines if _set_apart(items[i])), lines[0])  # type: ignore[arg-type]
        end = first + 1
        while end < len(items) and isinstance(items[end], Line) and _set_apart(items[end]):  # type: ignore[arg-type]
            end += 1
        return end

    def _header(self, items: list[Line | Table]) -> None:
        """Masthead, 发文字号, date lines and title before the first chapter or article; the rest stays text."""
        kinds: list[str] = []
        for item in items:
            if isinstance(item, Table):
                kinds.append("text")
                continue
            text = item.compact
            masthead = MASTHEAD.match(text)
            number = DOC_NUMBER.search(text)
            date = DATE.search(text)
            if masthead and _set_apart(item) and not SENTENCE.search(text):
                kinds.append("masthead")
                self.issuer = (masthead[1], item.para.number, False)
            elif number and len(text) <= len(number[0]) + 8:
                kinds.append("number")
            elif date and len(text) <= 60 and (ISSUED.search(text) or len(text) <= len(date[0]) + 2):
                kinds.append("date")
                when = _date(date)
                if when is None:
                    self.warn(item.para.number, f"'{date[0]}' is no day of the calendar")
                elif self.issued is None:
                    self.issued = (when, item.para.number)
            elif _set_apart(item) and len(text) <= 80 and not text.endswith(("：", ":", "。")):
                kinds.append("title")
            else:
                kinds.append("text")
        titles = [i for i, kind in enumerate(kinds) if kind == "title"]
        if titles:
            last = titles[-1]
            first = last
            while first - 1 >= 0 and kinds[first - 1] == "title":
                first -= 1
            chosen = range(first, last + 1)
            self.draft.title = "".join(items[i].text for i in chosen)  # type: ignore[union-attr]
        else:
            chosen = range(0)
            lines = [i for i, item in enumerate(items) if isinstance(item, Line)]
            if lines:
                chosen = range(lines[0], lines[0] + 1)
                first_line = items[lines[0]]
                assert isinstance(first_line, Line)
                self.draft.title = first_line.text
                message = "no title set apart (centred, bold, large or a title style): the first paragraph is the title"
                self.warn(first_line.para.number, message)
            else:
                self.draft.title = self.stem
                self.warn(0, f"no title before the first article: the file's name '{self.stem}' is the title")
        for i, (item, kind) in enumerate(zip(items, kinds, strict=True)):
            if i in chosen:
                continue
            if kind in ("masthead", "number", "date"):
                assert isinstance(item, Line)
                label = {"masthead": "文头：", "number": "发文字号：", "date": ""}[kind]
                self.notes.append(label + item.text)
            else:
                self._text(item, attachment=False)

    def _body(self, items: list[Line | Table]) -> None:
        """Chapters, sections, articles, 款, 项, tables and attachments, in order."""
        chapters: list[tuple[int, str, int]] = []
        sections: list[list[tuple[int, str, int]]] = [[]]  # by chapter: they count from 第一节 in each
        articles: list[tuple[int, str, int]] = []
        item_number = subitem_number = 0
        attachment = False
        pending_article = ""  # an article number alone in its paragraph: its text is the next paragraph's
        after_last_article: list[Line] = []
        for item in items:
            if isinstance(item, Table):
                self._flush(pending_article)
                pending_article = ""
                self._table(item)
                continue
            text, number = item.compact, item.para.number
            if ATTACHMENT.match(text) and articles:
                attachment = True
                self._flush(pending_article)
                pending_article = ""
                self.draft.attachments += 1
                self.body.append(f"## {escape(item.text)}")
                continue
            if attachment:
                self._text(item, attachment=True)
                continue
            chapter, section, article = CHAPTER.match(text), SECTION.match(text), ARTICLE.match(text)
            heading = chapter or section
            if heading and not self._reads_as_heading(item):
                self.warn(number, f"begins with {text[: heading.end(1) + 1]} but reads as a sentence: kept as text")
                heading = None
            if pending_article and not (heading or article):
                self.body.append(f"**{pending_article}** {escape(item.text, start=False)}")
                pending_article = ""
                after_last_article = []
                continue
            self._flush(pending_article)
            pending_article = ""
            if heading and chapter:
                chapters.append((parse_chinese(chapter[1]), f"第{chapter[1]}章", number))
                sections.append([])
                self.body.append(f"## 第{chapter[1]}章 {escape(_after_label(item.text, '章'), start=False)}".rstrip())
                item_number = subitem_number = 0
            elif heading and section:
                sections[-1].append((parse_chinese(section[1]), f"第{section[1]}节", number))
                self.draft.sections += 1
                self.body.append(f"### 第{section[1]}节 {escape(_after_label(item.text, '节'), start=False)}".rstrip())
                item_number = subitem_number = 0
            elif article:
                articles.append((parse_chinese(article[1]), f"第{article[1]}条", number))
                rest = _after_label(item.text, "条")
                if rest:
                    self.body.append(f"**第{article[1]}条** {escape(rest, start=False)}")
                else:
                    pending_article = f"第{article[1]}条"
                item_number = subitem_number = 0
                after_last_article = []
                self._effective(item)
            else:
                found = ITEM.match(text)
                sub = SUBITEM.match(text)
                if found:
                    item_number = self._in_sequence(item_number, parse_chinese(found[1]), number, "（{}）", chinese)
                    subitem_number = 0
                elif sub:
                    subitem_number = self._in_sequence(subitem_number, int(sub[1]), number, "{}.", str)
                elif LIST_OPENED.match(text):
                    subitem_number = 1
                self._effective(item)
                level = item.para.level or 0
                if level in (1, 2) and not found and not sub and len(text) <= MAX_HEADING:
                    self.warn(number, f"a heading (Heading {level}) without 第…章 or 第…节: kept as a heading")
                    self.body.append(f"{'#' * (level + 1)} {escape(item.text, start=False)}")
                else:
                    self._text(item, attachment=False)
                after_last_article.append(item)
        self._flush(pending_article)
        self._signature(after_last_article)
        for sequence, unit in ((chapters, "章"), *((group, "节") for group in sections), (articles, "条")):
            for number, message in numbering_problems(sequence, unit):
                self.fail(number, message)
        self.draft.chapters = len(chapters)
        self.draft.articles = len(articles)

    def _reads_as_heading(self, line: Line) -> bool:
        """A 第一章 line is a heading when set apart or in a heading style, or short and without a full stop."""
        if line.para.level is not None or line.para.centred or line.para.bold:
            return True
        return len(line.compact) <= MAX_HEADING and not SENTENCE.search(line.compact)

    def _in_sequence(self, previous: int, number: int, paragraph: int, label: str, show: Callable[[int], str]) -> int:
        """Warn when a 项 or 目 is neither the first nor the one after the previous; return its number."""
        if number != 1 and number != previous + 1:
            expected = label.format(show(previous + 1)) if previous else label.format(show(1))
            self.warn(paragraph, f"{label.format(show(number))} where {expected} was expected")
        return number

    def _flush(self, pending: str) -> None:
        """An article number whose text never came: written alone."""
        if pending:
            self.body.append(f"**{pending}**")

    def _text(self, item: Line | Table, attachment: bool) -> None:
        """A paragraph (a line of one) or a table, as it is; in an attachment, 第一条 is not an article."""
        if isinstance(item, Table):
            self._table(item)
            return
        text = escape(item.text, attachment=attachment)
        bold = item.para.bold or (item.para.centred and len(item.compact) <= MAX_HEADING)
        self.body.append(f"**{text}**" if bold and attachment and not text.startswith("*") else text)

    def _table(self, table: Table) -> None:
        """A table as a Markdown table: its first row the header, a merged cell's text in its first cell."""
        self.draft.tables += 1
        width = max((len(row) for row in table.rows), default=0)
        if width == 0:
            return
        rows = [row + [""] * (width - len(row)) for row in table.rows]
        lines = ["| " + " | ".join(cell_text(cell) for cell in rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(cell_text(cell) for cell in row) + " |" for row in rows[1:]]
        self.body.append("\n".join(lines))

    def _effective(self, line: Line) -> None:
        """The date the regulation takes effect, from 自2024年3月1日起施行 or 自印发之日起施行."""
        if self.effective is not None:
            return
        found = EFFECTIVE.search(line.compact)
        if found:
            when = _date(DATE.search(found[0]))  # type: ignore[arg-type]
            if when is None:
                self.warn(line.para.number, f"'{found[0]}': no day of the calendar, so no effective date")
            else:
                self.effective = (when, line.para.number, False)
        elif FROM_ISSUE.search(line.compact):
            self.effective = (dt.date.min, line.para.number, True)  # the date of issue, once known

    def _signature(self, tail: list[Line]) -> None:
        """After the last article: the issuing body's name and the date, where the document is signed."""
        for line in tail[-4:]:
            text = line.compact
            date = DATE.fullmatch(text)
            if date and self.issued is None and (when := _date(date)) is not None:
                self.issued = (when, line.para.number)
            elif SIGNATURE.search(text) and len(text) <= 30 and not SENTENCE.search(text) and self.issuer is None:
                self.issuer = (line.text, line.para.number, True)

    def _front_matter(self) -> None:
        """The front matter: id, title, place, issuer, status, effective date, owner and notes."""
        draft = self.draft
        guessed_id = False
        if self.wanted_id:
            draft.id = self.wanted_id
        else:
            draft.id, guessed_id = make_id(self.stem, draft.title)
        if guessed_id:
            self.warn(0, f"id '{draft.id}' made up (the file's name is not in ASCII): give --id to choose it")
        issuer = self.options.issuer
        if self.issuer is not None:
            issuer = self.issuer[0]
            if self.issuer[2]:
                self.warn(self.issuer[1], f"issuer '{issuer}' taken from the signature")
        if not issuer:
            self.fail(0, "the document names no issuer and the project none (book.yaml organisation): give --issuer")
        self.meta = {
            "id": draft.id,
            "title": draft.title,
            "place": self.options.place,
            "issuer": issuer,
            "status": "试行" if "试行" in draft.title else "施行",
        }
        if self.effective is not None:
            when, number, from_issue = self.effective
            if from_issue and self.issued is not None:
                when = self.issued[0]
                self.warn(number, f"effective date {when} is the date of issue (paragraph {self.issued[1]})")
            if when != dt.date.min:
                self.meta["effective"] = when
        self.meta["owner"] = self.options.owner
        if self.notes:
            self.meta["notes"] = "；".join(self.notes)

    def _write(self) -> None:
        """The source: front matter, then the body's blocks separated by blank lines."""
        draft = self.draft
        front = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False, width=10_000)
        draft.path = f"{self.options.folder.strip('/')}/{draft.id}.md"
        draft.text = f"---\n{front}---\n\n" + "\n\n".join(self.body) + "\n"

    def _check_written(self) -> None:
        """Read the written source back: every piece of the document's text is in it, and so are its articles."""
        draft = self.draft
        front, body = written_text(draft.text)
        cursor = 0
        for piece in self.document.pieces:
            wanted = compact(piece.text)
            draft.characters += len(wanted)
            if not wanted:
                continue
            at = body.find(wanted, cursor)
            if at >= 0:
                cursor = at + len(wanted)
            elif wanted not in front:
                draft.lost += len(wanted) - _found_prefix(wanted, body, cursor)
                self._lost(piece, wanted)
        parsed, _ = parse_markdown(draft.text, draft.path)
        found = find_articles(parsed.body, parsed.body_line)
        if len(found) != draft.articles:
            self.fail(0, f"{draft.articles} articles recognised, but the source written has {len(found)}")

    def _lost(self, piece: Piece, wanted: str) -> None:
        """Report text of the document that the written source does not have."""
        shown = wanted if len(wanted) <= 24 else wanted[:24] + "…"
        self.draft.problems.append(
            problem(self.display, piece.number, f"text not in the written source: «{shown}»", where=piece.where)
        )


def _found_prefix(wanted: str, body: str, cursor: int) -> int:
    """How many leading characters of a lost piece are still found in order (the rest counts as lost)."""
    low, high = 0, len(wanted)
    while low < high:
        middle = (low + high + 1) // 2
        if body.find(wanted[:middle], cursor) >= 0:
            low = middle
        else:
            high = middle - 1
    return low


def _after_label(text: str, unit: str) -> str:
    """The text after 第X章 (节, 条), spaces within the label allowed: 第 一 章  总则 → 总则."""
    match = re.match(rf"^\s*第[\s{NUMERALS}]+{unit}", text)
    return text[match.end() :].strip() if match else text


def numbering_problems(found: list[tuple[int, str, int]], unit: str) -> list[tuple[int, str]]:
    """Gaps, duplicates and numbers out of order in a sequence (number, label, paragraph) that starts at one."""
    name = {"章": "chapters", "节": "sections", "条": "articles"}[unit]
    problems = []
    seen: dict[int, int] = {}
    previous = 0
    for number, label, paragraph in found:
        if number in seen:
            message = f"{label} appears twice (first at paragraph {seen[number]})"
        elif number > previous + 1:
            gap = range(previous + 1, number)
            missing = "、".join(f"第{chinese(n)}{unit}" for n in gap[:3]) + ("…" if len(gap) > 3 else "")
            after = f"follows 第{chinese(previous)}{unit}" if previous else f"is the first of the {name}"
            message = f"{label} {after}: {missing} {'is' if len(gap) == 1 else 'are'} missing"
        elif number <= previous:
            message = f"{label} comes after 第{chinese(previous)}{unit}: number the {name} in order"
        else:
            message = ""
        seen.setdefault(number, paragraph)
        if message:
            problems.append((paragraph, message))
        previous = max(previous, number)
    return problems


def escape(text: str, start: bool = True, attachment: bool = False) -> str:
    """Text as Markdown that shows exactly it: HTML's characters as entities, Markdown's behind a backslash.

    At the start of a paragraph, `1.` is not a list and `#` not a heading; in an attachment, a
    paragraph beginning 第一条 is not an article of the regulation (its 第 written as an entity).
    """
    out = []
    for ch in text:
        if ch in "&<>":
            out.append(html.escape(ch))
        elif ch in ESCAPED or ch == "|":
            # `.`, `-`, `+`, `(`, `)` and `!` only mean something at a paragraph's start or in links.
            out.append("\\" + ch if ch not in ".-+()!|" else ch)
        else:
            out.append(ch)
    result = "".join(out)
    if start:
        result = re.sub(r"^(\d+)([.)])", r"\1\\\2", result)
        result = re.sub(r"^([-+])(\s)", r"\\\1\2", result)
        result = re.sub(r"^!", r"\\!", result)
    if attachment and ARTICLE.match(compact(text)):
        result = re.sub(r"^(\s*)第", r"\1&#31532;", result)
    return result


def cell_text(text: str) -> str:
    """A table cell: escaped, `|` too, its lines joined by <br>."""
    lines = [escape(line.strip()).replace("|", "\\|") for line in text.split("\n")]
    return "<br>".join(line for line in lines if line) or " "


def undo_markdown(text: str) -> str:
    """What a reader sees of Markdown written by `escape` and this converter: escapes, markup and entities undone."""
    out = []
    for line in text.split("\n"):
        if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+\s*", line):
            continue  # a table's separator row
        line = re.sub(r"^#{1,6}\s", "", line)
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == "\\" and i + 1 < len(line) and (line[i + 1] in ESCAPED or line[i + 1] in ".-+()!|"):
                out.append(line[i + 1])
                i += 2
                continue
            if ch in "*|":
                i += 1
                continue
            if line.startswith("<br>", i):
                i += 4
                continue
            if ch == "&":
                end = line.find(";", i)
                if end > i:
                    out.append(html.unescape(line[i : end + 1]))
                    i = end + 1
                    continue
            out.append(ch)
            i += 1
        out.append("\n")
    return "".join(out)


def written_text(source: str) -> tuple[str, str]:
    """The text of a written source as a reader gets it, whitespace removed: front matter values, and body."""
    _, _, rest = source.partition("---\n")
    front, _, body = rest.partition("\n---\n")
    data = yaml.safe_load(front) or {}
    values = "".join(str(v) for v in data.values() if isinstance(v, str)) if isinstance(data, dict) else ""
    return compact(values), compact(undo_markdown(body))


def convert(document: WordDocument, display: str, stem: str, options: Options, wanted_id: str | None = None) -> Draft:
    """Turn a read Word document into a regulation source, with every problem and guess found."""
    return _Converter(document, display, stem, options, wanted_id).convert()
