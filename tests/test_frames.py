"""A page written around its new HTML only when the template would draw the same frame around it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from handbook.integrations.mkdocs.frames import Frame, WatchedContent, watch

# Material's content partial in short: one question (an <h1>?), one insertion.
MATERIAL = '<main>{% if "\\u003ch1" not in page.content %}<h1>{{ title }}</h1>{% endif %}{{ page.content }}</main>'


@pass_context
def _page_title(context: Context, html: str) -> str:
    """A filter that asks for the context first (Jinja's pass_context): the page's title beside the HTML."""
    return f"{context['title']}:{html}"


def _environment() -> Environment:
    """A theme's environment as `handbook serve` draws with it: a plugin's filter, a global, then `watch`."""
    env = Environment()
    env.filters["titled"] = _page_title
    env.filters["shout"] = lambda html: html.upper()
    env.globals["first"] = lambda html, n=10: html[:n]
    watch(env)
    return env


def _draw(template: str, html: str, path: Path) -> Frame | None:
    """Render the template around the HTML into the file, and take its frame."""
    watched = WatchedContent(html)
    output = _environment().from_string(template).render(page={"content": watched}, title="标题")
    path.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs writes a page
    return Frame.of("key", output, watched)


def _full(template: str, html: str) -> str:
    """What the template draws around the HTML."""
    return Environment().from_string(template).render(page={"content": html}, title="标题")


def test_new_html_in_the_frame_is_what_the_template_draws(tmp_path: Path) -> None:
    """Same answers to the template's questions: the file around the new HTML equals a fresh rendering."""
    page = tmp_path / "index.html"
    frame = _draw(MATERIAL, '<p>旧的<abbr title="旧释义">三会一课</abbr></p>', page)
    assert frame is not None and frame.questions == [("__contains__", ("<h1",), (), False)]
    new = '<p>新的<abbr title="新的释义，长一些">三会一课</abbr></p>'
    assert frame.around(str(page), new) == _full(MATERIAL, new)


def test_a_different_answer_or_another_reading_needs_the_template(tmp_path: Path) -> None:
    """A new answer (the HTML now has an <h1>), a second insertion, a filter reading it: no frame to reuse."""
    page = tmp_path / "index.html"
    frame = _draw(MATERIAL, "<p>正文</p>", page)
    assert frame is not None and frame.around(str(page), '<h1 id="t">标题</h1><p>正文</p>') is None
    assert _draw("{{ page.content }}<!-- {{ page.content }} -->", "<p>正文</p>", page) is None
    assert _draw("{{ page.content | e }}", "<p>正文</p>", page) is None  # escaping asks for __html__: opaque
    assert _draw("{{ page.content | replace('<table>', '<div>') }}", "<p>正文</p>", page) is None  # a filter's copy
    assert _draw("{{ page.content }}", "", page) is None  # an empty HTML cannot be found in the output


def test_a_filter_test_or_call_given_the_html_needs_the_template(tmp_path: Path) -> None:
    """Whatever the template hands the HTML to (a filter, a test, a function) may change it: no frame."""
    page = tmp_path / "index.html"
    for template in [
        "{{ page.content | shout }}",  # a plugin's filter, which converts and changes a copy
        "{{ page.content | titled }}",  # a filter given the context first
        "{{ page.content | trim }}{{ page.content }}",  # the HTML inserted once, but read by a filter too
        "{% if page.content is string %}{{ page.content }}{% endif %}",  # a test
        "{{ first(page.content) }}|{{ page.content }}",  # a function the template calls
        "{{ first(n=3, html=page.content) }}|{{ page.content }}",  # …by keyword
        "{{ [page.content] | join }}",  # inside a list
    ]:
        assert _draw(template, "<p>正文</p>", page) is None, template
    # The same environment without the HTML in those places: the frame is taken, and it is exact.
    template = "{{ title | shout }}{{ first('abcdef', 3) }}{% if title is string %}T{% endif %}{{ page.content }}"
    frame = _draw(template, "<p>正文</p>", page)
    assert frame is not None
    assert frame.around(str(page), "<p>新正文</p>") == _environment().from_string(template).render(
        page={"content": "<p>新正文</p>"}, title="标题"
    )


def test_watching_changes_no_output() -> None:
    """A watched environment draws what the plain one draws: the filters and calls answer as before."""
    template = "{{ title | titled }}{{ title | shout | replace('标', 'B') }}{{ first(title, 1) }}{{ page.content }}"
    plain = Environment()
    plain.filters["titled"], plain.filters["shout"] = _page_title, lambda html: html.upper()
    plain.globals["first"] = lambda html, n=10: html[:n]
    context = {"page": {"content": "<p>正文</p>"}, "title": "标题"}
    assert _environment().from_string(template).render(context) == plain.from_string(template).render(context)


def test_a_file_changed_since_is_drawn_again(tmp_path: Path) -> None:
    """The frame holds offsets into the file written; another file there is not cut up."""
    page = tmp_path / "index.html"
    frame = _draw(MATERIAL, "<p>正文</p>", page)
    assert frame is not None
    page.write_text("<main>别的内容</main>", encoding="utf-8")
    assert frame.around(str(page), "<p>新正文</p>") is None
    page.unlink()
    assert frame.around(str(page), "<p>新正文</p>") is None


@given(st.text(min_size=1), st.text(min_size=1))
def test_any_questions_answered_alike_give_the_template_output(old: str, new: str) -> None:
    """For any two HTMLs and a template asking several questions, the frame is used only when exact."""
    template = (
        "{% if page.content.startswith('<') %}A{% endif %}{{ page.content.count('a') > 3 }}"
        "<div>{{ page.content }}</div>{% if '\\u003ch1' in page.content %}H{% endif %}"
    )
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "index.html"
        frame = _draw(template, old, page)
        if frame is None:
            assert page.read_text(encoding="utf-8").count(old) != 1  # the HTML is not found exactly once
            return
        result = frame.around(str(page), new)
    assert result is None or result == _full(template, new)
