"""Links between pages of one model, written relative to the page being rendered."""

from __future__ import annotations

from handbook.core.refs import Ref, find_markdown_refs, parse_ref
from handbook.model.handbook import Handbook
from handbook.render.markdown import plain


def place_page(place_id: str) -> str:
    """The src_uri of the landing page of a part, chapter or section."""
    return f"book/{place_id}/index.md"


def relative(target: str, source: str) -> str:
    """The link from page `source` to page `target` (both src_uris), as MkDocs expects.

    What posixpath.relpath gives for these normalised relative paths, without its calls to the
    file system's working directory (a large handbook writes hundreds of thousands of links).
    """
    folder, parts = source.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(folder), len(parts) - 1) and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:])


class Linker:
    """Writes Markdown links between pages of one model, relative to the page being written."""

    def __init__(self, model: Handbook, page: str) -> None:
        self.model = model
        self.page = page

    def url(self, ref: Ref) -> str:
        """The relative URL of a reference (with anchor)."""
        anchor = self.model.kinds.anchor_of(ref)
        target = self.model.page_of(ref)
        path = "" if target == self.page else relative(target, self.page)
        return path + (f"#{anchor}" if anchor else "")

    def to(self, target: str) -> str:
        """The relative URL of another page given by src_uri."""
        return relative(target, self.page)

    def link(self, ref: Ref, label: str | None = None) -> str:
        """A Markdown link to a reference, labelled with its title unless told otherwise."""
        return f"[{plain(label or self.model.title_of(ref))}]({self.url(ref)})"

    def link_ref(self, text: str, label: str | None = None) -> str:
        """A Markdown link to a reference given as text (validated earlier)."""
        return self.link(parse_ref(text), label)

    def resolve(self, markdown: str) -> str:
        """Generate every `{{kind:name arg}}` and link every `[[kind:id#anchor|text]]` (code untouched)."""
        markdown = self.model.expand(markdown)
        out, last = [], 0
        for item in find_markdown_refs(markdown):
            start, end = item.span
            out.append(markdown[last:start])
            out.append(self.link(parse_ref(item.ref_text), item.label))
            last = end
        out.append(markdown[last:])
        return "".join(out)
