"""The one validated, resolved in-memory model of a handbook."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from handbook.articles import Article
from handbook.refs import Ref
from handbook.schema import ActivityMeta, Book, Flow, RegulationMeta, Role, Status, Step, Term, Unit
from handbook.yamlsrc import Located

T = TypeVar("T")


@dataclass
class Doc(Generic[T]):
    """A validated source object with where it came from (and its Markdown body, if any)."""

    meta: T
    source: Located
    loc: tuple[str | int, ...] = ()
    body: str = ""
    body_line: int = 1

    @property
    def path(self) -> str:
        """The source file, relative to the project root."""
        return self.source.path

    @property
    def line(self) -> int:
        """The line where the object starts."""
        return self.source.line_of(self.loc)


@dataclass
class Regulation(Doc[RegulationMeta]):
    """A regulation and its articles, keyed by number."""

    articles: dict[int, Article] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """A part, chapter or section of the book, with its full label."""

    id: str
    title: str
    label: str  # e.g. 第六篇 第一章 第一节
    depth: int  # 1 part, 2 chapter, 3 section
    parent: str | None
    order: int
    shows: str | None = None


@dataclass(frozen=True)
class RefUse:
    """A reference from one object to another, kept for backlinks and checks."""

    source: Ref
    target: Ref
    path: str
    line: int


@dataclass
class Handbook:
    """Everything the sources say, validated and cross-linked."""

    book: Book
    places: dict[str, Place]
    regulations: dict[str, Regulation] = field(default_factory=dict)
    activities: dict[str, Doc[ActivityMeta]] = field(default_factory=dict)
    flows: dict[str, Doc[Flow]] = field(default_factory=dict)
    units: dict[str, Doc[Unit]] = field(default_factory=dict)
    roles: dict[str, Doc[Role]] = field(default_factory=dict)
    terms: dict[str, Doc[Term]] = field(default_factory=dict)
    uses: list[RefUse] = field(default_factory=list)

    def registry(self, kind: str) -> dict[str, Doc]:  # type: ignore[type-arg]
        """The objects of one reference kind (reg, flow, act, unit, role, term)."""
        return {
            "reg": self.regulations,
            "flow": self.flows,
            "act": self.activities,
            "unit": self.units,
            "role": self.roles,
            "term": self.terms,
        }[kind]

    def anchor_label(self, ref: Ref) -> str:
        """The label of the article or step a reference points at (empty without anchor)."""
        if not ref.anchor:
            return ""
        doc = self.registry(ref.kind)[ref.id]
        if ref.kind == "reg":
            return doc.articles[int(ref.anchor[1:])].label
        return next(s.label for s in doc.meta.steps if s.id == ref.anchor)

    def title_of(self, ref: Ref) -> str:
        """The display title of a resolved reference (with article or step, if any)."""
        title = self.registry(ref.kind)[ref.id].meta.title
        if ref.kind == "reg":
            return f"《{title}》{self.anchor_label(ref)}"
        if ref.anchor:
            return f"{title}：{self.anchor_label(ref)}"
        return title

    def status_of(self, ref: Ref) -> Status | None:
        """The status of the referenced object, where its kind has one."""
        meta = self.registry(ref.kind)[ref.id].meta
        return getattr(meta, "status", None)

    def backlinks(self) -> dict[Ref, list[RefUse]]:
        """For every referenced object, the references that point at it."""
        result: dict[Ref, list[RefUse]] = defaultdict(list)
        for use in self.uses:
            if use.source.target != use.target.target and use not in result[use.target.target]:
                result[use.target.target].append(use)
        return result

    @cached_property
    def steps_by_actor(self) -> dict[str, list[tuple[Doc[Flow], int, Step]]]:
        """Every step (with its flow and 1-based number) under the role or unit owning it, in book order."""
        result: dict[str, list[tuple[Doc[Flow], int, Step]]] = defaultdict(list)
        for doc in sorted(self.flows.values(), key=lambda d: (self.places[d.meta.place].order, d.meta.page or 0)):
            for number, step in enumerate(doc.meta.steps, start=1):
                if step.role:
                    result[step.role].append((doc, number, step))
        return result

    def actor_title(self, actor_id: str) -> str:
        """The title of a flow lane, which is a role or a unit."""
        doc = self.roles.get(actor_id) or self.units[actor_id]
        return doc.meta.title

    def in_place(self, place_id: str) -> list[Ref]:
        """References to every placed document in a part, chapter or section, in book order."""
        found = [
            (doc.meta.page or 10**6, doc.meta.title, Ref(kind, doc.meta.id))
            for kind, registry in (("reg", self.regulations), ("act", self.activities), ("flow", self.flows))
            for doc in registry.values()
            if doc.meta.place == place_id
        ]
        return [ref for *_, ref in sorted(found, key=lambda item: item[:2])]
