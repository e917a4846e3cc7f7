"""One Markdown truth: the scanner (handbook/core/markdown.py) finds code exactly where the site's Python-Markdown does.

Python-Markdown, with the extensions and settings MkDocs reads from mkdocs.yml, renders each
document; every reference marker `[[reg:mN]]` in it then stands inside a `<code>` or `<pre>` of
the page or outside, and the scanner must say the same of it: outside code a reference is linked
and validated, inside it is an example shown as written. Edge cases are pinned below (what both
say); hypothesis composes further documents from fragments (paragraphs with code spans, fences,
indented code, lists, block quotes, admonitions, details, tables, headings, raw HTML …).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from handbook.core.markdown import prose_lines
from handbook.core.markdown.raw_html import BLOCK_LEVEL
from handbook.core.markdown.source import TAB

_MARKER = "@"  # in a template, where the next reference marker goes
_NUMBERED = re.compile(r"\[\[reg:m(\d+)\]\]")


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    """Python-Markdown as the site's pages are converted: mkdocs.yml's extensions, with MkDocs' own built in."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _numbered(template: str) -> str:
    """The template with each marker replaced by a reference of its own: [[reg:m0]], [[reg:m1]] …"""
    parts = template.split(_MARKER)
    return "".join(part + (f"[[reg:m{n}]]" if n < len(parts) - 1 else "") for n, part in enumerate(parts))


class _Page(HTMLParser):
    """The text of a rendered page, and whether each of its characters is inside `<code>` or `<pre>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.code: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Entering code."""
        self.depth += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        """Leaving code."""
        self.depth -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        """Text, inside code or not."""
        self.text.append(data)
        self.code += [self.depth > 0] * len(data)


def rendered(md: markdown.Markdown, text: str) -> list[bool]:
    """For each reference of the text, whether Python-Markdown renders it inside code (gone from the page: not)."""
    return [found is not None and found for found in _on_page(md, text)]


def _on_page(md: markdown.Markdown, text: str) -> list[bool | None]:
    """For each reference of the text, whether the page shows it inside code; None if the page does not show it."""
    md.reset()
    page = _Page()
    page.feed(md.convert(text))
    page.close()
    shown = "".join(page.text)
    return [
        None if (at := shown.find(f"[[reg:m{n}]]")) < 0 else page.code[at] for n in range(len(_NUMBERED.findall(text)))
    ]


def scanned(text: str) -> list[bool]:
    """For each reference of the text, whether the scanner puts it inside code."""
    prose = {
        int(found[1])
        for line in prose_lines(text)
        for found in _NUMBERED.finditer(line.text)
        if not line.in_code(found.start())
    }
    return [int(found[1]) not in prose for found in _NUMBERED.finditer(text)]


def _code(expected: str) -> list[bool]:
    """`C` (in code) and `P` (prose) per marker, as booleans."""
    return [mark == "C" for mark in expected]


# (template, per marker: C inside code, P prose): what Python-Markdown does, and so the scanner.
EDGE_CASES = [
    # The three disagreements issue 32 reported.
    ("a `code @\nstill` b", "C"),  # a code span runs across the lines of its paragraph
    ("a \\`@ b` c", "P"),  # an escaped backtick opens nothing
    ("> ```\n> @\n> ```", "C"),  # a fence inside a block quote
    # Fences: closed only by the same fence; nested ones are content; unclosed, no fence.
    ("````\n```\n@\n```\n````", "C"),
    ("```\n````\n@\n```", "C"),
    ("```\n@\n````\n@\n```", "CC"),
    ("~~~\n@\n```\n@\n~~~", "CC"),
    ("```\n@", "P"),
    ("``` foo bar\n@\n```", "C"),  # no fence (unknown options), but one code span over three lines
    ("```text\n@\n```", "C"),
    ('```python title="规则.py"\n@\n```', "C"),
    ("- a\n\n  ```\n  @\n  ```", "C"),
    ("!!! note\n    ```\n    @\n    ```", "C"),
    ("??? note\n    ```\n    @\n    ```", "C"),
    ("    code\n```\n@\n```", "C"),  # the fence put back as text after indented code: a code span
    ("```\r\n@\r\n```", "C"),
    # Indented code: after a blank line, four spaces deeper than the list or admonition around it.
    ("para\n\n    @", "C"),
    ("para\n    @", "P"),
    ("- item\n\n    @", "P"),
    ("- item\n\n      @", "P"),  # six spaces: a list item's content is four deep, whatever its marker
    ("- item\n\n        @", "C"),
    ("1. item\n\n        @", "C"),
    ("\t@", "C"),
    ('!!! note "`@`"\n    `@`\n\n        @', "CCC"),
    # Code spans: runs of backticks of equal length; a backslash escapes one; not across a blank line.
    ("``a ` @``", "C"),
    ("`` @ `", "C"),  # no run of two closes it: the longest shorter run does
    ("\\\\`@`", "C"),  # an escaped backslash leaves the backtick unescaped
    ("`` ` @ `` `` ```@```", "CP"),  # after an opening nothing closes, Python-Markdown skips as far again
    ("a `b\n\n@ c` d", "P"),
    ("@`x`@", "PP"),  # a reference just before and just after a code span
    ("- `@`\n- a `b\n  @` c", "CC"),
    ("> a `b\nc @` d", "C"),  # the lazy line is the quote's paragraph
    ("| a | `b|@` |\n| - | - |\n| `@` | @ |", "CCP"),  # a pipe in code does not split the cell
    ("# `@`", "C"),
    ("## a `b\n@`", "P"),  # a heading is a line of its own
    ("a `b\n[r]: x.md\nc @` d", "P"),  # a link definition splits the paragraph
    # Raw HTML: no Markdown inside, unless md_in_html's markdown attribute asks for it.
    ("<div>\n`@`\n</div>", "P"),
    ('<div markdown="1">\n`@`\n</div>', "C"),
    ("<div>\n\n    @\n\n</div>", "P"),
    ("<!--\n`@\n-->", "P"),
]


@pytest.mark.parametrize(("template", "expected"), EDGE_CASES)
def test_edge_cases(site_markdown: markdown.Markdown, template: str, expected: str) -> None:
    """On each edge case the scanner and Python-Markdown agree on which references are in code."""
    text = _numbered(template)
    assert rendered(site_markdown, text) == _code(expected), "Python-Markdown changed: check the scanner"
    assert scanned(text) == _code(expected)


# Where they differ by design. Raw HTML `<pre>` and `<code>` are the author's markup, not
# Markdown's code: the check reads raw HTML against the site's policy, so the scanner leaves it
# to be read; a reference there is the author's to write as a link.
DIFFERENCES = [("<pre>@</pre>", "C", "P"), ("a <code>@</code> b", "C", "P")]


@pytest.mark.parametrize(("template", "markdown_says", "scanner_says"), DIFFERENCES)
def test_known_differences(
    site_markdown: markdown.Markdown, template: str, markdown_says: str, scanner_says: str
) -> None:
    """The differences kept on purpose are still the only ones, and still as described."""
    text = _numbered(template)
    assert rendered(site_markdown, text) == _code(markdown_says)
    assert scanned(text) == _code(scanner_says)


def test_the_scanner_knows_python_markdowns_settings(site_markdown: markdown.Markdown) -> None:
    """The block-level elements that start raw HTML and the tab length are Python-Markdown's own."""
    assert set(site_markdown.block_level_elements) == BLOCK_LEVEL
    assert site_markdown.tab_length == TAB


# Fragments of generated documents; `@` is a reference marker.
_INLINE = [
    "文字", "word", "@", "`@`", "``@``", "`` ` @ ``", "```@```", "````@```", "`a`@", "@`a`", "`", "``", "` `",
    "\\`@`", "\\\\`@`", "\\\\\\`@`", "`@\\`", "`@``", "**@**", "<span>@</span>", "<b>`</b>@`", "[@](x.md)",
    "~~@~~", "#", "!!! x", "> @", "- @", "1. @", "**第一条**", "{{rules:items x}}",
    "\n[r]: http://x.md\n", "\n*[ABC]: 全称 `x\n", "\n[r]:\n  x.md 'title `'\n",
]  # fmt: skip
_BREAKS = [" ", " ", "", "\n", "\n", "\u2028", "\n  ", "\n    ", "\t"]
_FENCE_INFO = ["", "", "text", "yaml", "mermaid", 'python title="x"', " foo bar", "{.text}", "@", "hl_lines"]
_HTML = [
    "<div>\n@ `x`\n</div>",
    '<div markdown="1">\n\n@ `@`\n\n</div>',
    "<div>\n\n    @\n\n</div>",
    '<div markdown="1">`@` x\n    `@`\n</div> `@`',
    '<p markdown="1">`@`\n@</p>',
    '<div markdown="span">`@`</div>',
    "<div>\n<div>\n</div>\n`@`\n</div>\n`@`",
    "<section>`@`</section>",
    "<div>\n```\n@\n```\n</div>",
    '<details markdown="1">\n<summary>@</summary>\n\n`@`\n</details>',
    '<div class="admonition note" markdown="1">\n`@`\n</div>',
    "<div>`@`",
    "<!-- @ `x` -->",
    "<!--\n`@\n-->",
    "<!-- @",
    "<hr> `@`",
    "<hr/>\n`@`",
]
_TABLES = [
    "| a | `@` |\n| --- | --- |\n| @ | `b|@` |",
    "a | `@`\n--- | ---\n`x|@` | @ | `@`",
    "| `@` |\n| --- |\n| `@` |",
    "a \\| `@` | b\n-|-\n`` ` | `` | @",
]


@st.composite
def _inline(draw: st.DrawFn) -> str:
    """A paragraph's text: inline fragments, some on lines of their own."""
    pieces = draw(st.lists(st.sampled_from(_INLINE), min_size=1, max_size=6))
    return "".join(piece + draw(st.sampled_from(_BREAKS)) for piece in pieces).strip()


def _indented(text: str, prefix: str) -> str:
    """Every non-empty line of a text with a prefix."""
    return "\n".join(prefix + line if line else "" for line in text.split("\n"))


@st.composite
def _block(draw: st.DrawFn, depth: int = 0) -> str:
    """One block: a paragraph, heading, fence, indented code, list, quote, admonition, raw HTML, table …"""
    kinds = ["paragraph", "heading", "setext", "rule", "fence", "indented", "html", "table"]
    kind = draw(st.sampled_from(kinds + (["list", "quote", "admonition"] if depth < 2 else [])))
    if kind == "paragraph":
        return draw(_inline())
    if kind == "heading":
        return "#" * draw(st.integers(1, 3)) + " " + draw(_inline()).replace("\n", " ")
    if kind == "setext":
        return draw(_inline()).replace("\n", " ") + "\n" + draw(st.sampled_from(["---", "===", "-", "= ="]))
    if kind == "rule":
        return draw(st.sampled_from(["---", "***", "- - -", "___"]))
    if kind == "fence":
        char = draw(st.sampled_from("`~"))
        length = draw(st.integers(3, 4))
        other = "~" if char == "`" else "`"
        body = draw(st.lists(st.sampled_from(["@", "`@`", char * 3, char * 5 + "x", other * 3, "", "  @"]), max_size=3))
        closing = draw(st.sampled_from([char * length] * 3 + [char * (length + 1), char * (length - 1), ""]))
        lead = draw(st.sampled_from(["", "", " ", "   "]))
        opening = char * length + draw(st.sampled_from(_FENCE_INFO))
        return "\n".join(lead + line if line else line for line in [opening, *body, closing]).rstrip("\n")
    if kind == "indented":
        lines = draw(st.lists(st.sampled_from(["@", "`@`", "code"]), min_size=1, max_size=3))
        return "\n".join(draw(st.sampled_from(["    ", "\t", "      "])) + line for line in lines)
    if kind == "html":
        return draw(st.sampled_from(_HTML))
    if kind == "table":
        return draw(st.sampled_from(_TABLES))
    if kind == "list":
        item = draw(st.sampled_from(["- ", "* ", "1. "])) + draw(_inline())
        for _ in range(draw(st.integers(0, 2))):
            indent = draw(st.sampled_from(["  ", "    ", "      ", "        "]))
            item += draw(st.sampled_from(["\n\n", "\n"])) + _indented(draw(_block(depth + 1)), indent)
        return item
    if kind == "quote":
        return "\n".join(
            draw(st.sampled_from(["> ", "> ", ">"])) + line for line in draw(_block(depth + 1)).split("\n")
        )
    heading = draw(st.sampled_from(["!!! note", '!!! note "标题 @"', "??? note", "???+ tip"]))
    content = draw(st.lists(_block(depth + 1), min_size=1, max_size=2))
    return heading + "\n" + "\n\n".join(_indented(part, "    ") for part in content)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A document of a few blocks, mostly apart, sometimes right after each other; now and then with CRLF."""
    text = "".join(
        block + draw(st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n"]))
        for block in draw(st.lists(_block(), min_size=1, max_size=5))
    )
    return _numbered(text.replace("\n", "\r\n") if draw(st.booleans()) and draw(st.booleans()) else text)


@settings(max_examples=500, deadline=None)
@given(documents())
def test_generated_documents(site_markdown: markdown.Markdown, text: str) -> None:
    """On documents composed of fragments the scanner and Python-Markdown agree on which references are in code.

    Wherever the page shows the reference: Python-Markdown can leave a comment's `<!--` open around code it made
    (in a block quote), and the browser then shows neither the code nor the reference, whichever way it is read.
    """
    on_page = _on_page(site_markdown, text)
    shown = [n for n, found in enumerate(on_page) if found is not None]
    assert [scanned(text)[n] for n in shown] == [on_page[n] for n in shown], text
