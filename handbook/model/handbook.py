"""The one validated, resolved in-memory model of a handbook."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from handbook.assessment.model import Assessment
from handbook.core.cache import OutputCache
from handbook.core.located import SourceFile
from handbook.core.problems import Problem
from handbook.core.refs import Ref, find_embeds
from handbook.core.revisions import Revision
from handbook.core.segment import Segmenter
from handbook.kinds.activity.schema import ActivityMeta
from handbook.kinds.flow.schema import Flow, Step
from handbook.kinds.regulation.articles import Article
from handbook.kinds.regulation.schema import RegulationMeta
from handbook.kinds.role.schema import Role
from handbook.kinds.saying.schema import Saying
from handbook.kinds.term.schema import Term
from handbook.kinds.unit.schema import Unit
from handbook.model.book import Book, Place
from handbook.model.changes import Change, last_revision
from handbook.model.words import user_dictionary
from handbook.spec.common import Status
from handbook.spec.doc import Doc, RefUse
from handbook.spec.kind import Registry

T = TypeVar("T")


@dataclass
class Regulation(Doc[RegulationMeta]):
    """A regulation and its articles, keyed by number."""

    articles: dict[int, Article] = field(default_factory=dict)


@dataclass
class Handbook:
    """Everything the sources say, validated and cross-linked."""

    book: Book
    places: dict[str, Place]
    kinds: Registry
    today: dt.date  # what reviews and calendars are computed against
    objects: dict[str, dict[str, Doc[Any]]] = field(default_factory=dict)  # by kind prefix, then id
    uses: list[RefUse] = field(default_factory=list)
    history: dict[str, list[Revision]] = field(default_factory=dict)  # by source path, newest first (git)
    previous: dict[str, SourceFile] = field(default_factory=dict)  # by source path: it before the last revision
    warnings: list[Problem] = field(default_factory=list)  # valid sources, but work is due (overdue reviews)
    outputs: OutputCache | None = None  # drawings and workbooks made by earlier builds (none: make all afresh)
    sources: str = ""  # the digest of every source text and git record the model was built from, and its date
    # The anchors of each object by (kind, id): pages cite articles and steps tens of thousands of times.
    _anchors: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    # What each document's last revision changed, by source path: both the check and the comparison pages ask.
    _changes: dict[str, list[Change] | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def registry(self, kind: str) -> dict[str, Doc[Any]]:
        """The objects of one kind, by id."""
        return self.objects.setdefault(kind, {})

    # Typed views of the kinds the renderers cross-link; the generic code uses `registry`.
    @property
    def regulations(self) -> dict[str, Regulation]:
        """Regulations by id."""
        return cast(dict[str, Regulation], self.registry("reg"))

    @property
    def activities(self) -> dict[str, Doc[ActivityMeta]]:
        """Special activities by id."""
        return self.registry("act")

    @property
    def flows(self) -> dict[str, Doc[Flow]]:
        """Flows by id."""
        return self.registry("flow")

    @property
    def units(self) -> dict[str, Doc[Unit]]:
        """Units by id."""
        return self.registry("unit")

    @property
    def roles(self) -> dict[str, Doc[Role]]:
        """Roles and posts by id."""
        return self.registry("role")

    @property
    def terms(self) -> dict[str, Doc[Term]]:
        """Glossary terms by id."""
        return self.registry("term")

    @property
    def sayings(self) -> dict[str, Doc[Saying]]:
        """Everyday sayings (everyday.yaml) by id."""
        return self.registry("saying")

    @cached_property
    def assessment(self) -> Assessment:
        """The assessment results computed from the recorded scores, computed once per model."""
        return Assessment(self)

    @cached_property
    def segmenter(self) -> Segmenter:
        """Chinese segmentation with this handbook's words, private to this model."""
        return Segmenter(user_dictionary(self))

    def expand(self, markdown: str) -> str:
        """Replace every `{{kind:name arg}}` with what its kind generates (validated earlier)."""
        out, last = [], 0
        for embed in find_embeds(markdown):
            start, end = embed.span
            out += [markdown[last:start], self.kinds[embed.kind].embeds[embed.name].render(self, embed.arg)]
            last = end
        out.append(markdown[last:])
        return "".join(out)

    def last_changes(self, kind: str, doc: Doc[Any]) -> list[Change] | None:
        """What the last revision of a regulation or flow changed (None without one), compared once per model."""
        if doc.path not in self._changes:
            self._changes[doc.path] = last_revision(self.previous.get(doc.path), kind, doc)
        return self._changes[doc.path]

    def anchors_of(self, kind: str, object_id: str) -> dict[str, str]:
        """The anchors of an object (articles, steps) with their labels; none if its kind has no anchors."""
        anchors = self.kinds[kind].anchors
        if anchors is None:
            return {}
        if (kind, object_id) not in self._anchors:
            self._anchors[kind, object_id] = anchors(self.registry(kind)[object_id])
        return self._anchors[kind, object_id]

    def anchor_label(self, ref: Ref) -> str:
        """The label of the article or step a reference points at (empty without anchor)."""
        if not ref.anchor or self.kinds[ref.kind].anchors is None:
            return ""
        return self.anchors_of(ref.kind, ref.id)[ref.anchor]

    def title_of(self, ref: Ref) -> str:
        """The display title of a resolved reference (with article or step, if any)."""
        spec = self.kinds[ref.kind]
        title = self.registry(ref.kind)[ref.id].meta.title
        if ref.anchor:
            return spec.cite_anchor.format(title=title, label=self.anchor_label(ref))
        return spec.cite.format(title=title)

    def status_of(self, ref: Ref) -> Status | None:
        """The status of the referenced object, where its kind has one."""
        return getattr(self.registry(ref.kind)[ref.id].meta, "status", None)

    def page_of(self, ref: Ref) -> str:
        """The src_uri of the page that shows the referenced object."""
        return self.kinds.page_of(ref)

    def backlinks(self) -> dict[Ref, list[RefUse]]:
        """For every referenced object, the references that point at it."""
        result: dict[Ref, list[RefUse]] = defaultdict(list)
        for use in dict.fromkeys(self.uses):  # each use once, in order
            if use.source.target != use.target.target:
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

    @cached_property
    def owned_by(self) -> dict[str, list[Ref]]:
        """The placed documents (regulations, flows, activities) under the unit owning them, kind by kind."""
        result: dict[str, list[Ref]] = defaultdict(list)
        for spec in self.kinds:
            if spec.placed:
                for doc in self.registry(spec.prefix).values():
                    result[doc.meta.owner].append(Ref(spec.prefix, doc.meta.id))
        return dict(result)

    def unit_of_kind(self, kind: str) -> str | None:
        """The unit standing for every organisation of a kind (党支部: the duties every branch carries out), if any."""
        return next((unit for unit, doc in sorted(self.units.items()) if doc.meta.kind == kind), None)

    def actor_title(self, actor_id: str) -> str:
        """The title of a flow lane, which is a role or a unit."""
        doc = self.roles.get(actor_id) or self.units[actor_id]
        return doc.meta.title

    def in_place(self, place_id: str) -> list[Ref]:
        """References to every placed document in a part, chapter or section, in book order."""
        found = [
            (doc.meta.page or 10**6, doc.meta.title, Ref(spec.prefix, doc.meta.id))
            for spec in self.kinds
            if spec.placed
            for doc in self.registry(spec.prefix).values()
            if doc.meta.place == place_id
        ]
        return [ref for *_, ref in sorted(found, key=lambda item: item[:2])]
