"""Validate raw sources against the schema and each other, producing one Handbook model."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from handbook.articles import Article, find_articles
from handbook.errors import Problem, SourceProblems, choices
from handbook.flowgraph import check_flow
from handbook.load import RawSources
from handbook.model import Doc, Handbook, Place, RefUse, Regulation
from handbook.quality import lines, missing_images, repealed_references, strings, text_problems
from handbook.refs import KINDS, Ref, RefSyntaxError, find_markdown_refs, parse_ref
from handbook.render.links import page_of
from handbook.schema import ActivityMeta, Book, Flow, Glossary, RegulationMeta, RoleList, Unit
from handbook.yamlsrc import Loc, Located, MarkdownSource

M = TypeVar("M", bound=BaseModel)


def _message(error: dict[str, Any], loc: Loc) -> str:
    """Turn one pydantic error into a maintainer's sentence."""
    kind = error["type"]
    key = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing required key '{key}'"
    if kind == "extra_forbidden":
        return f"unknown key '{key}'"
    if kind == "string_pattern_mismatch" and str(loc[-1]) in ("id", "owner", "role", "parent", "unit", "next", "flow"):
        return f"'{error['input']}' is not a valid id: use lower-case ASCII letters, digits and '-'"
    return f"{error['msg']} (got {error['input']!r})" if not isinstance(error["input"], dict) else error["msg"]


def _located_loc(data: object, error_loc: tuple[Any, ...], missing: bool) -> Loc:
    """Keep the parts of a pydantic location that index into the data (drop union type tags)."""
    kept: list[str | int] = []
    current = data
    for position, part in enumerate(error_loc):
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_list or (isinstance(current, dict) and part in current):
            current = current[part]
        elif missing and position == len(error_loc) - 1:
            pass  # the missing key itself: not in the data, but what the message is about
        else:
            continue  # a tag such as 'str' or 'list[constrained-str]' naming a union member
        kept.append(part)
    return tuple(kept)


class Validator:
    """Runs every check over the raw sources; problems are collected, never raised one by one."""

    def __init__(self, raw: RawSources) -> None:
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)
        self.uses: list[RefUse] = []
        # Objects that failed the schema, by (kind, id): references to them are not reported
        # again, since the object's own problem is the one to fix.
        self.broken: set[tuple[str, str]] = set()

    # --- schema ----------------------------------------------------------------------

    def schema(self, model: type[M], located: Located, loc: Loc = (), kind: str = "") -> M | None:
        """Validate the data at `loc` of a located file against `model` (`kind`: its reference kind)."""
        data = located.data
        for part in loc:
            data = data[part]
        if not isinstance(data, dict):
            self.problems.append(located.problem(loc, f"expected a mapping of keys, got {type(data).__name__}"))
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            if kind and isinstance(data.get("id"), str):
                self.broken.add((kind, data["id"]))
            for error in exc.errors():
                where = (*loc, *_located_loc(data, error["loc"], error["type"] == "missing"))
                message = _message(error, where)
                if error["type"] == "extra_forbidden":
                    owner = _owner_model(model, where[len(loc) :])
                    message += f"; known: {choices(owner.model_fields, limit=40)}"
                self.problems.append(located.problem(where, message))
            return None

    def unique(self, kind: str, docs: list[Doc]) -> dict[str, Doc]:  # type: ignore[type-arg]
        """Index docs by id, reporting every duplicate with the first definition."""
        seen: dict[str, Doc] = {}  # type: ignore[type-arg]
        for doc in docs:
            first = seen.get(doc.meta.id)
            if first is not None:
                self.problems.append(
                    doc.source.problem(
                        (*doc.loc, "id"),
                        f"duplicate {kind} id '{doc.meta.id}' (first defined at {first.path}:{first.line})",
                    )
                )
            else:
                seen[doc.meta.id] = doc
        return seen

    # --- the whole run -------------------------------------------------------------

    def run(self) -> Handbook:
        """Validate everything; raise SourceProblems listing all problems, or return the model."""
        book = self.schema(Book, self.raw.book) if self.raw.book and self.raw.book.data is not None else None
        places = _places(book) if book else {}
        model = Handbook(book=book or Book(title="?", parts=[]), places=places)

        model.regulations = self.unique("regulation", list(self._regulations()))
        model.activities = self.unique("activity", list(self._activities()))
        model.flows = self.unique("flow", [d for s in self.raw.flows if (d := self._doc(Flow, s, "flow"))])
        model.units = self.unique("unit", [d for s in self.raw.units if (d := self._doc(Unit, s, "unit"))])
        model.roles = self.unique("role", self._list(RoleList, "roles", self.raw.roles, "role"))
        model.terms = self.unique("term", self._list(Glossary, "terms", self.raw.glossary, "term"))

        if book:
            self._check_places(model)
        self._check_organisation(model)
        self._check_terms(model)
        for flow in model.flows.values():
            self.problems += check_flow(flow, model)
        self._check_references(model)
        model.uses = self.uses
        self._check_quality(model)
        if self.problems:
            raise SourceProblems(self.problems)
        return model

    def _check_quality(self, model: Handbook) -> None:
        """No repealed basis, no script in sources, no outside links, no missing images."""
        self.problems += repealed_references(model)
        raw = self.raw
        for located in [raw.book, raw.roles, raw.glossary, *raw.flows, *raw.units]:
            if located is not None and located.data is not None:
                self.problems += text_problems(located.path, strings(located))
        docs = raw.docs_dir or Path("docs")
        for kind, sources in (("reg", raw.regulations), ("act", raw.activities)):
            for source in sources:
                path = source.meta.path
                self.problems += text_problems(path, strings(source.meta))
                self.problems += text_problems(path, lines(source.body, source.body_line))
                object_id = source.meta.data.get("id") if isinstance(source.meta.data, dict) else None
                if isinstance(object_id, str):
                    page = page_of(Ref(kind, object_id))
                    self.problems += missing_images(path, page, lines(source.body, source.body_line), docs)
        for path, text in raw.pages:
            self.problems += text_problems(path, lines(text, 1))
            self.problems += missing_images(path, path.removeprefix("docs/"), lines(text, 1), docs)

    def _doc(self, model: type[M], located: Located, kind: str) -> Doc[M] | None:
        """Validate a one-object YAML file."""
        meta = self.schema(model, located, kind=kind)
        return Doc(meta, located) if meta else None

    def _list(self, model: type[BaseModel], key: str, located: Located | None, kind: str) -> list[Doc]:  # type: ignore[type-arg]
        """Validate a file holding a list of objects under `key`, object by object."""
        if located is None or located.data is None:
            return []
        if not isinstance(located.data, dict) or not isinstance(located.data.get(key), list):
            self.problems.append(located.problem((), f"expected a top-level key '{key}' holding a list"))
            return []
        item_model = model.model_fields[key].annotation.__args__[0]  # type: ignore[union-attr]
        docs = []
        for index in range(len(located.data[key])):
            meta = self.schema(item_model, located, (key, index), kind)
            if meta:
                docs.append(Doc(meta, located, (key, index)))
        return docs

    def _regulations(self) -> Iterable[Regulation]:
        """Validate regulation front matter and number their articles."""
        for source in self.raw.regulations:
            articles = self._articles(source)
            meta = self.schema(RegulationMeta, source.meta, kind="reg")
            if meta:
                yield Regulation(meta, source.meta, (), source.body, source.body_line, articles)

    def _articles(self, source: MarkdownSource) -> dict[int, Article]:
        """Number the articles of a regulation body, reporting a number used twice."""
        articles: dict[int, Article] = {}
        for article in find_articles(source.body, source.body_line):
            first = articles.setdefault(article.number, article)
            if first is not article:
                message = f"{article.label} appears twice (first at line {first.line})"
                self.problems.append(Problem(source.meta.path, article.line, message))
        return articles

    def _activities(self) -> Iterable[Doc[ActivityMeta]]:
        """Validate activity front matter."""
        for source in self.raw.activities:
            meta = self.schema(ActivityMeta, source.meta, kind="act")
            if meta:
                yield Doc(meta, source.meta, (), source.body, source.body_line)

    # --- cross-checks -----------------------------------------------------------------

    def _check_places(self, model: Handbook) -> None:
        """Every placed document names an existing part, chapter or section."""
        for registry in (model.regulations, model.activities, model.flows):
            for doc in registry.values():
                if doc.meta.place not in model.places:
                    self.problems.append(
                        doc.source.problem(
                            (*doc.loc, "place"),
                            f"unknown place '{doc.meta.place}'; known: {choices(model.places, 8)} (see book.yaml)",
                        )
                    )

    def _check_organisation(self, model: Handbook) -> None:
        """Owners, parents and post units name existing units."""
        units = model.units
        checks: list[tuple[Doc, str, str | None]] = []  # type: ignore[type-arg]
        for registry in (model.regulations, model.activities, model.flows):
            checks += [(doc, "owner", doc.meta.owner) for doc in registry.values()]
        checks += [(doc, "parent", doc.meta.parent) for doc in units.values()]
        checks += [(doc, "unit", doc.meta.unit) for doc in model.roles.values()]
        for doc, key, unit_id in checks:
            if unit_id is not None and unit_id not in units:
                self.problems.append(
                    doc.source.problem((*doc.loc, key), f"unknown unit '{unit_id}'; known: {choices(units)}")
                )
        for role_id in model.roles.keys() & units.keys():
            role = model.roles[role_id]
            self.problems.append(
                role.source.problem(
                    (*role.loc, "id"), f"'{role_id}' is both a role and a unit; flow lanes need one meaning"
                )
            )

    def _check_terms(self, model: Handbook) -> None:
        """A term or alias names one term only, so search and tooltips stay unambiguous."""
        owner: dict[str, str] = {}
        for doc in model.terms.values():
            for index, word in enumerate([doc.meta.title, *doc.meta.aliases]):
                key: Loc = (*doc.loc, "title") if index == 0 else (*doc.loc, "aliases", index - 1)
                if word in owner and owner[word] != doc.meta.id:
                    self.problems.append(
                        doc.source.problem(key, f"'{word}' is already a term or alias of '{owner[word]}'")
                    )
                owner.setdefault(word, doc.meta.id)

    def _resolve(self, model: Handbook, text: str) -> tuple[Ref | None, str | None]:
        """Parse and resolve a reference; return it or the reason it fails."""
        try:
            ref = parse_ref(text)
        except RefSyntaxError as exc:
            return None, str(exc)
        registry = model.registry(ref.kind)
        if (ref.kind, ref.id) in self.broken:
            return None, None  # the target's own schema problem is already reported
        if ref.id not in registry:
            return None, f"unresolved reference '{text}': no {KINDS[ref.kind]} '{ref.id}'; known: {choices(registry)}"
        if ref.anchor is None:
            return ref, None
        doc = registry[ref.id]
        if ref.kind == "reg":
            valid = [a.anchor for a in doc.articles.values()]
            what = "article"
        elif ref.kind == "flow":
            valid = sorted({s.id for s in doc.meta.steps})
            what = "step"
        else:
            return None, f"'{text}': a {KINDS[ref.kind]} has no anchors"
        if ref.anchor not in valid:
            return (
                None,
                f"unresolved reference '{text}': no {what} '{ref.anchor}' in '{ref.id}'; known: {choices(valid)}",
            )
        return ref, None

    def _use(self, model: Handbook, source: Ref, text: str, located: Located, loc: Loc) -> None:
        """Resolve a reference written in a YAML field and record its use."""
        ref, error = self._resolve(model, text)
        if error:
            self.problems.append(located.problem(loc, error))
        elif ref:
            self.uses.append(RefUse(source, ref, located.path, located.line_of(loc)))

    def _use_markdown(self, model: Handbook, source: Ref | None, body: str, path: str, first_line: int) -> None:
        """Resolve every `[[...]]` reference in a Markdown body."""
        for found in find_markdown_refs(body):
            line = first_line + found.line - 1
            ref, error = self._resolve(model, found.ref_text)
            if error:
                self.problems.append(Problem(path, line, error))
            elif ref and source:
                self.uses.append(RefUse(source, ref, path, line))

    def _check_references(self, model: Handbook) -> None:
        """Resolve every reference in every source and hand-written page."""
        documents: list[tuple[str, Doc]] = [  # type: ignore[type-arg]
            *(("reg", d) for d in model.regulations.values()),
            *(("act", d) for d in model.activities.values()),
        ]
        for kind, doc in documents:  # regulations and activities share related/flows/body
            me = Ref(kind, doc.meta.id)
            for i, text in enumerate(doc.meta.related):
                self._use(model, me, text, doc.source, ("related", i))
            for i, flow_id in enumerate(doc.meta.flows):
                self._use(model, me, f"flow:{flow_id}", doc.source, ("flows", i))
            self._use_markdown(model, me, doc.body, doc.path, doc.body_line)
        for doc in model.flows.values():
            me = Ref("flow", doc.meta.id)
            for i, text in enumerate(doc.meta.basis):
                self._use(model, me, text, doc.source, ("basis", i))
            for s, step in enumerate(doc.meta.steps):
                for i, text in enumerate(step.basis):
                    self._use(model, Ref("flow", doc.meta.id, step.id), text, doc.source, ("steps", s, "basis", i))
                if step.flow in model.flows:  # an unknown sub-flow is reported by check_flow
                    line = doc.source.line_of(("steps", s, "flow"))
                    self.uses.append(RefUse(me, Ref("flow", step.flow), doc.path, line))
        for doc in model.terms.values():
            for i, text in enumerate(doc.meta.see):
                self._use(model, Ref("term", doc.meta.id), text, doc.source, (*doc.loc, "see", i))
        for path, text in self.raw.pages:
            self._use_markdown(model, None, text, path, 1)


def _owner_model(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The nested model class that owns the last key of `loc` (for listing known keys)."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            break
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
    return current


def _places(book: Book) -> dict[str, Place]:
    """Flatten the book's parts, chapters and sections into places with full labels."""
    places: dict[str, Place] = {}
    order = 0
    for part in book.parts:
        places[part.id] = Place(part.id, part.title, part.label, 1, None, order := order + 1, part.shows)
        for c, chapter in enumerate(part.chapters, start=1):
            chapter_label = f"第{_cn(c)}章"
            places[chapter.id] = Place(
                chapter.id, chapter.title, chapter_label, 2, part.id, order := order + 1, chapter.shows
            )
            for s, section in enumerate(chapter.sections, start=1):
                places[section.id] = Place(
                    section.id, section.title, f"第{_cn(s)}节", 3, chapter.id, order := order + 1, section.shows
                )
    return places


def _cn(number: int) -> str:
    """Write 1–19 as a Chinese numeral (chapters and sections never go higher)."""
    if number <= 10:
        return "零一二三四五六七八九十"[number]
    return "十" + "一二三四五六七八九"[number - 11]


def build_model(raw: RawSources) -> Handbook:
    """Validate `raw` into a Handbook, or raise SourceProblems with every problem found."""
    return Validator(raw).run()
