"""Unit tests of the small building blocks: located YAML, front matter, articles, references."""

from __future__ import annotations

import posixpath
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook.core.located import format_loc, parse_markdown, parse_yaml, read_text
from handbook.core.numerals import chinese, parse_chinese
from handbook.core.periods import Month, Quarter, parse_period
from handbook.core.refs import Ref, RefSyntaxError, find_markdown_refs, parse_ref
from handbook.integrations.mkdocs.fences import _add_tooltips
from handbook.kinds.flow.mermaid import label, node_id
from handbook.kinds.regulation.articles import anchor_articles, find_articles
from handbook.render.links import relative


def test_yaml_lines_are_recorded_per_key() -> None:
    """Every key and list item knows its 1-based line."""
    located, problems = parse_yaml("a: 1\nsteps:\n  - id: x\n    role: y\n", "f.yaml")
    assert problems == []
    assert located.line_of(("steps", 0, "role")) == 4
    assert located.line_of(("steps", 0, "missing")) == 3  # falls back to the nearest known key
    assert located.line_of(("nothing",)) == 1


def test_yaml_duplicate_key_is_a_problem() -> None:
    """PyYAML silently keeps the last duplicate; we report it."""
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(p) for p in problems] == ["f.yaml:3 (a): duplicate key 'a'"]


def test_yaml_is_loaded_safely() -> None:
    """Python object tags are refused, never executed."""
    _, problems = parse_yaml("a: !!python/object/apply:os.system ['true']\n", "f.yaml")
    assert len(problems) == 1 and "invalid YAML" in problems[0].message


def test_front_matter_lines_count_from_the_file_start() -> None:
    """Front matter keys report their line in the whole file, the body its first line."""
    source, problems = parse_markdown("---\nid: x\ntitle: 标题\n---\n正文\n", "r.md")
    assert problems == []
    assert source.meta.line_of(("title",)) == 3
    assert source.body_line == 5 and source.body == "正文\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [("正文\n", "missing front matter"), ("---\nid: x\n", "front matter is not closed")],
)
def test_front_matter_problems(text: str, message: str) -> None:
    """A Markdown source without proper front matter is a located problem."""
    _, problems = parse_markdown(text, "r.md")
    assert problems and message in problems[0].message and problems[0].line == 1


@pytest.mark.parametrize(
    ("numeral", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105)]
)
def test_chinese_numbers(numeral: str, value: int) -> None:
    """Article numbers up to the hundreds, read and written."""
    assert parse_chinese(numeral) == value
    assert chinese(value) == numeral


def test_chinese_numerals_round_trip() -> None:
    """Every number a chapter, section or article can have is written and read back the same."""
    assert all(parse_chinese(chinese(n)) == n for n in range(1000))
    assert [chinese(n) for n in (19, 20, 21, 110, 999)] == ["十九", "二十", "二十一", "一百一十", "九百九十九"]


def test_yaml_dates_stay_text_and_aliases_are_refused() -> None:
    """An impossible date is the schema's to report; an alias (which can expand without limit) is refused."""
    located, problems = parse_yaml("effective: 2025-13-40\n", "r.yaml")
    assert problems == [] and located.data == {"effective": "2025-13-40"}
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    _, problems = parse_yaml(laughs, "lol.yaml")
    assert [str(p) for p in problems] == [
        "lol.yaml:2 (b[0]): YAML aliases (*name) are not supported: write the value out where it is needed"
    ]


def test_byte_order_mark_and_bad_bytes(tmp_path: Path) -> None:
    """A BOM is accepted; undecodable bytes are reported at their own line."""
    (tmp_path / "bom.md").write_bytes("\ufeff---\nid: x\n---\n".encode())
    assert read_text(tmp_path / "bom.md", "bom.md") == ("---\nid: x\n---\n", [])
    (tmp_path / "bad.md").write_bytes(b"---\nid: x\ntitle: \xff\n")
    _, problems = read_text(tmp_path / "bad.md", "bad.md")
    assert [p.line for p in problems] == [3]


def test_articles_found_and_anchored_outside_code() -> None:
    """Article lines get anchors a<n>; text in code fences is left alone."""
    body = "**第一条** 甲。\n\n```\n第二条 示例\n```\n\n第十二条 乙。\n"
    assert [(a.number, a.line) for a in find_articles(body, 10)] == [(1, 10), (12, 16)]
    anchored = anchor_articles(body)
    assert '**<span class="hb-article" id="a1"></span>第一条**' in anchored
    assert '<span class="hb-article" id="a12"></span>第十二条' in anchored
    assert "第二条 示例" in anchored and 'id="a2"' not in anchored


def test_parse_ref() -> None:
    """kind:id#anchor, with readable errors."""
    assert parse_ref("reg:dangfei-guiding#a5") == Ref("reg", "dangfei-guiding", "a5")
    assert str(parse_ref("flow:x")) == "flow:x"
    assert parse_ref("law:x") == Ref("law", "x")  # syntax only: which kinds exist is the registry's
    with pytest.raises(RefSyntaxError, match="malformed reference"):
        parse_ref("reg:Bad Id")


def test_markdown_refs_skip_code() -> None:
    """References in inline code and fences are examples, not references."""
    text = "见 [[reg:a#a1|第一条]]。\n`[[reg:b]]`\n```\n[[reg:c]]\n```\n[[flow:d]]\n"
    found = [(r.ref_text, r.label, r.line) for r in find_markdown_refs(text)]
    assert found == [("reg:a#a1", "第一条", 1), ("flow:d", None, 6)]


def test_mermaid_label_escaping() -> None:
    """Characters that would end or break a quoted Mermaid label become entity codes."""
    assert label('a"b#c;d<e>&`') == "a#quot;b#35;c#59;d#lt;e#gt;#amp;#96;"
    assert node_id("check-a") == "s_check_a"


def test_format_loc() -> None:
    """Key paths print as in the messages."""
    assert format_loc(("steps", 3, "role")) == "steps[3].role"
    assert format_loc(()) == ""


def test_one_scanner_decides_what_is_code() -> None:
    """References, articles and quality checks agree: a ~~~ inside ``` does not close it; indented code is code."""
    body = (
        "第一条 甲 [[reg:a]]。\n"
        "```\n~~~\n第二条 [[reg:b]]\n```\n"
        "\n    第三条 [[reg:c]] (indented code)\n\n"
        "- 列表项\n\n    第四条 [[reg:d]] (a list item's own paragraph)\n"
        "\n!!! note\n\n    第五条 [[reg:e]] (an admonition's body)\n"
        "\n第六条 `[[reg:f]]` [[reg:g]]\n"
    )
    assert [r.ref_text for r in find_markdown_refs(body)] == ["reg:a", "reg:d", "reg:e", "reg:g"]
    assert [a.number for a in find_articles(body, 1)] == [1, 4, 5, 6]


def test_fences_close_only_on_their_own_marker() -> None:
    """A longer opening fence needs a closing fence at least as long."""
    body = "````\n```\n[[reg:a]]\n````\n[[reg:b]]\n"
    assert [r.ref_text for r in find_markdown_refs(body)] == ["reg:b"]


_SEGMENT = st.sampled_from(["a", "b", "flows", "x-1", "index.md", "p.md"])
_URI = st.lists(_SEGMENT, min_size=0, max_size=3).map(lambda parts: "/".join([*parts, "page.md"]))


@given(_URI, _URI)
def test_relative_links_are_what_posixpath_gives(target: str, source: str) -> None:
    """Our quick relative link equals posixpath.relpath from the source page's folder."""
    assert relative(target, source) == posixpath.relpath(target, posixpath.dirname(source) or ".")


def test_periods_read_and_order() -> None:
    """Months and quarters parse, print, order and know their quarter and last month; bad text is refused."""
    assert str(Month.parse("2026-10")) == "2026-10" and Month.parse("2026-10").label == "2026年10月"
    assert Month(2026, 12).next() == Month(2027, 1) and Month(2026, 3).quarter == Quarter(2026, 1)
    assert Quarter.parse("2026-q3").label == "2026年第三季度" and Quarter(2026, 3).last_month == Month(2026, 9)
    for bad in ("2026-13", "2026-1", "26-10", "2026-q5"):
        with pytest.raises(ValueError, match="write it as"):
            parse_period(bad)


def test_tooltips_in_generated_html_are_those_of_the_abbr_extension() -> None:
    """Terms in the text of an hb-html block are wrapped as in prose; references and drawings stay whole."""
    glossary = {"amp": "A", "三会一课": '定义"x'}
    html = "<td>a &amp; amp，三会一课</td><svg><text>三会一课</text></svg>"
    expected = (
        '<td>a &amp; <abbr title="A">amp</abbr>，<abbr title="定义&quot;x">三会一课</abbr></td>'
        "<svg><text>三会一课</text></svg>"
    )
    assert _add_tooltips(html, glossary) == expected
    prose = markdown.markdown(
        "a amp，三会一课", extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}}
    )
    assert prose == '<p>a <abbr title="A">amp</abbr>，<abbr title="定义&quot;x">三会一课</abbr></p>'
