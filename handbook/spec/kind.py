"""What a source kind is, said once: `KindSpec`, and the `Registry` every stage reads.

A kind is one folder under `handbook/kinds/` and one entry in `handbook/kinds/registry.py`.
A kind's functions take the validated model, which is built above this package: a spec names
its type as the parameter `M` (the registry's entries are `KindSpec[Handbook]`), so nothing
here imports the model.
The stages below the registry (load, validate, render, search, verify) never import it: the
pipeline hands them the registry, and they ask it instead of switching on a kind's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from handbook.core.located import Loc, SourceFile
from handbook.core.problems import Problem
from handbook.core.refs import Ref
from handbook.spec.common import Placed
from handbook.spec.doc import Doc, RefUse
from handbook.spec.search import SearchDoc

# The model a kind's functions read (handbook.model.Handbook). Contravariant: a function that takes
# any object (no_documents) serves a kind of any model.
M = TypeVar("M", contravariant=True)


def page_url(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a Markdown page (directory URLs): flows/x.md → flows/x/."""
    stem = src_uri.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


@dataclass(frozen=True)
class Source:
    """Where the objects of a kind are written: a glob of files, one object each, or one file holding a list."""

    pattern: str  # relative to the project root: "flows/*.yaml", "organisation/roles.yaml"
    container: type[BaseModel] | None = None  # a one-file list: the file's model, whose one field is the list

    @property
    def markdown(self) -> bool:
        """Markdown with YAML front matter (the body is the document's text), else plain YAML."""
        return self.pattern.endswith(".md")

    @property
    def list_key(self) -> str | None:
        """The top-level key holding the list of objects, for a one-file list."""
        return next(iter(self.container.model_fields)) if self.container else None

    @property
    def watched(self) -> str:
        """The folder or file whose change must trigger a rebuild (a pattern's folder: assessment for rules*.yaml)."""
        folder, _, name = self.pattern.rpartition("/")
        return self.pattern.split("/*", 1)[0] if "*" not in name or "/*" in self.pattern else folder


@dataclass(frozen=True)
class FieldRef:
    """A reference written in a YAML field: who makes it, its text and where it stands."""

    source: Ref
    text: str
    loc: Loc
    report: bool = True  # False where another check already reports an unknown target


def no_references(doc: Doc[Any]) -> Iterable[FieldRef]:
    """A kind whose fields reference nothing."""
    return ()


def no_documents(model: object, doc: Doc[Any]) -> list[SearchDoc]:
    """A kind whose objects are found through the pages of others (rules, recorded results)."""
    return []


@dataclass(frozen=True)
class Embed(Generic[M]):
    """A piece of Markdown generated from a kind's sources, written `{{kind:name arg}}` in a page."""

    render: Callable[[M, str | None], str]
    args: Callable[[M], list[str]] | None = None  # the valid arguments; None: it takes none


@dataclass(frozen=True)
class KindSpec(Generic[M]):
    """Everything the pipeline needs to know about one kind of source object."""

    prefix: str  # in references: `reg` of reg:dangfei-guiding
    name: str  # in English: search type, schema file name, messages
    title: str  # in Chinese: indexes, search results, coverage
    source: Source
    schema: type[BaseModel]  # one object
    # The hooks below take the kind's own Doc type; the registry holds many kinds, hence Any.
    search: Callable[[M, Any], list[SearchDoc]]
    page: str  # src_uri of the object's page; `{id}` unless the kind shares one page (the glossary); "": none
    object_anchor: str | None = None  # on a shared page: the object's anchor, e.g. term-{id}
    anchors: Callable[[Any], dict[str, str]] | None = None  # anchor → label (articles, steps)
    anchor_name: str = ""  # what an anchor is, for messages: article, step
    anchor_prefix: str = ""  # HTML id of an anchor on the page: step-vote
    cite: str = "{title}"  # how a reference to the object reads
    cite_anchor: str = "{title}：{label}"  # how a reference to an anchor reads
    # Builds the model object (default: a Doc) and checks its body; called with meta None when the
    # object failed its schema, so that the body's own problems are reported all the same.
    make: Callable[[Any, SourceFile, Loc], tuple[Doc[Any] | None, list[Problem]]] | None = None
    references: Callable[[Any], Iterable[FieldRef]] = no_references
    check: Callable[[M], list[Problem]] | None = None  # checks across the kind's objects
    render: Callable[[M, Any, list[RefUse]], str] | None = None  # the object's page
    index_pages: Callable[[M], list[tuple[str, str]]] | None = None  # (src_uri, Markdown)
    # The index pages the navigation lists (src_uris of `index_pages`), under the group `nav_group`. Every
    # other generated page is linked from these and left out of the navigation: mkdocs.yml names none.
    listed: tuple[str, ...] = ()
    nav_group: str = "索引与附录"
    # Recorded data (results, the ledger): shown through other kinds' pages, never referenced by [[…]].
    record: bool = False
    # What may become of a file once committed to git (`handbook check` compares with the history):
    # "once": never changed or deleted (entered once); "append": its list only grows (the ledger).
    committed: Literal["", "once", "append"] = ""
    assets: Callable[[M], list[tuple[str, bytes]]] | None = None  # (src_uri, data): downloads
    embeds: Mapping[str, Embed[M]] = field(default_factory=dict, compare=False)  # by name: {{prefix:name arg}} in pages

    @property
    def own_page(self) -> bool:
        """Whether each object has a page of its own."""
        return "{id}" in self.page

    @property
    def placed(self) -> bool:
        """Whether its objects have a place in the book, an owner and a status (documents)."""
        return issubclass(self.schema, Placed)

    @property
    def has_status(self) -> bool:
        """Whether its objects have a status (试行, 施行, 已修改, 废止, 待补充)."""
        return "status" in self.schema.model_fields

    @property
    def file_schema(self) -> type[BaseModel]:
        """The model of one whole source file (what editors validate against)."""
        return self.source.container or self.schema


class Registry:
    """The kinds of a handbook, in the order their pages and indexes are listed.

    Each spec is checked against the model's type where it is written (kinds/registry.py); read
    from here, its functions take the model as `Any`.
    """

    def __init__(self, specs: Iterable[KindSpec[Any]]) -> None:
        self.specs = {spec.prefix: spec for spec in specs}

    def __iter__(self) -> Iterator[KindSpec[Any]]:
        return iter(self.specs.values())

    def __contains__(self, prefix: object) -> bool:
        return prefix in self.specs

    def __getitem__(self, prefix: str) -> KindSpec[Any]:
        return self.specs[prefix]

    @property
    def prefixes(self) -> list[str]:
        """The reference prefixes, in registry order."""
        return list(self.specs)

    def paged(self) -> list[KindSpec[Any]]:
        """The kinds whose objects each have a page."""
        return [spec for spec in self if spec.own_page]

    def page_of(self, ref: Ref) -> str:
        """The src_uri of the page that shows the referenced object."""
        return self.specs[ref.kind].page.format(id=ref.id)

    def url_of(self, ref: Ref) -> str:
        """The site-relative URL of a reference, with its anchor."""
        anchor = self.anchor_of(ref)
        return page_url(self.page_of(ref)) + (f"#{anchor}" if anchor else "")

    def anchor_of(self, ref: Ref) -> str | None:
        """The HTML anchor of the referenced object (or of its article or step) on its page."""
        spec = self.specs[ref.kind]
        if ref.anchor:
            return spec.anchor_prefix + ref.anchor
        return spec.object_anchor.format(id=ref.id) if spec.object_anchor else None
