"""Validate raw sources against their kinds' schemas and each other, producing one Handbook model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from handbook.core.located import Loc, Located
from handbook.core.problems import Problem, SourceProblems, choices, errors
from handbook.core.refs import MarkdownEmbed, Ref, RefSyntaxError, find_embeds, find_markdown_refs, parse_ref
from handbook.load.sources import RawSources
from handbook.model.book import Book, book_places
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc, RefUse
from handbook.spec.kind import KindSpec, Registry
from handbook.validate.committed import committed_problems
from handbook.validate.lifecycle import lifecycle_problems
from handbook.validate.quality import quality_problems, repealed_references
from handbook.validate.schema import data_at, validate_object
from handbook.validate.words import alias_problems


class Validator:
    """Runs every check over the raw sources; problems are collected, never raised one by one."""

    def __init__(self, raw: RawSources, kinds: Registry, today: dt.date) -> None:
        self.raw = raw
        self.kinds = kinds
        self.today = today
        self.problems: list[Problem] = list(raw.problems)
        self.uses: list[RefUse] = []
        # Objects that failed the schema, by (kind, id): references to them are not reported
        # again, since the object's own problem is the one to fix.
        self.broken: set[tuple[str, str]] = set()

    def run(self, blocking: Callable[[Problem], bool] | None = None) -> Handbook:
        """Validate everything; raise SourceProblems listing all problems, or return the model (with its warnings).

        With `blocking`, only errors it picks raise; the model then carries the others among its
        warnings (a command about one part of the handbook is not stopped by a problem elsewhere).
        """
        book = None
        if self.raw.book is not None and self.raw.book.data is not None:
            book = self._object(Book, self.raw.book, (), "")
        places = book_places(book) if book else {}
        model = Handbook(book=book or Book(title="?", parts=[]), places=places, kinds=self.kinds, today=self.today)
        model.history, model.previous = self.raw.history, self.raw.previous
        model.sources = f"{self.raw.digest()} {self.today}"
        for spec in self.kinds:
            model.objects[spec.prefix] = self._unique(spec, self._docs(spec))
        for spec in self.kinds:
            if spec.placed and book:
                self._check_placed(model, spec)
            if spec.placed:
                self.problems += lifecycle_problems(model, spec, self.broken)
            if spec.check:
                self.problems += spec.check(model)
        self._check_references(model)
        model.uses = self.uses
        self.problems += repealed_references(model)
        self.problems += quality_problems(self.raw, model)
        self.problems += alias_problems(model)
        self.problems += committed_problems(self.raw, self.kinds)
        if [p for p in errors(self.problems) if blocking is None or blocking(p)]:
            raise SourceProblems(self.problems)
        model.warnings = sorted(set(self.problems))
        return model

    # --- objects ---------------------------------------------------------------------

    def _object(self, schema: Any, located: Located, loc: Loc, kind: str) -> Any:
        """Validate one object, recording its problems; remember it as broken if it has an id."""
        meta, problems = validate_object(schema, located, loc)
        if problems:
            self.problems += problems
            data = data_at(located, loc)
            if kind and isinstance(data, dict) and isinstance(data.get("id"), str):
                self.broken.add((kind, data["id"]))
        return meta

    def _docs(self, spec: KindSpec[Any]) -> list[Doc[Any]]:
        """Every valid object of a kind, in file order."""
        docs: list[Doc[Any]] = []
        for file in self.raw.files.get(spec.prefix, []):
            for loc in self._object_locs(spec, file.meta):
                meta = self._object(spec.schema, file.meta, loc, spec.prefix)
                if spec.make is not None:
                    doc, problems = spec.make(meta, file, loc)  # checks the body even when the meta failed
                    self.problems += problems
                else:
                    doc = Doc(meta, file.meta, loc, file.body, file.body_line) if meta is not None else None
                if doc is not None:
                    docs.append(doc)
        return docs

    def _object_locs(self, spec: KindSpec[Any], located: Located) -> list[Loc]:
        """Where the objects of a file stand: the whole file, or each item of its list."""
        key = spec.source.list_key
        if key is None:
            return [()]
        if not isinstance(located.data, dict) or not isinstance(located.data.get(key), list):
            self.problems.append(located.problem((), f"expected a top-level key '{key}' holding a list"))
            return []
        return [(key, index) for index in range(len(located.data[key]))]

    def _check_file_name(self, spec: KindSpec[Any], doc: Doc[Any]) -> None:
        """A file holding one object is named after its id, so the id is found from the file and back."""
        name = PurePosixPath(doc.path)
        if spec.source.list_key is None and name.stem != doc.meta.id:
            message = f"the file name must be the id: rename {doc.path} to {name.with_stem(doc.meta.id)}"
            self.problems.append(doc.source.problem((*doc.loc, "id"), message))

    def _unique(self, spec: KindSpec[Any], docs: list[Doc[Any]]) -> dict[str, Doc[Any]]:
        """Index docs by id, reporting every duplicate with the first definition."""
        seen: dict[str, Doc[Any]] = {}
        for doc in docs:
            self._check_file_name(spec, doc)
            first = seen.get(doc.meta.id)
            if first is not None:
                message = f"duplicate {spec.name} id '{doc.meta.id}' (first defined at {first.path}:{first.line})"
                self.problems.append(doc.source.problem((*doc.loc, "id"), message))
            else:
                seen[doc.meta.id] = doc
        return seen

    def _check_placed(self, model: Handbook, spec: KindSpec[Any]) -> None:
        """Every document names an existing place in the book and an existing owning unit."""
        units = model.units
        for doc in model.registry(spec.prefix).values():
            if doc.meta.place not in model.places:
                message = f"unknown place '{doc.meta.place}'; known: {choices(model.places, 8)} (see book.yaml)"
                self.problems.append(doc.source.problem((*doc.loc, "place"), message))
            if doc.meta.owner not in units:
                message = f"unknown unit '{doc.meta.owner}'; known: {choices(units)}"
                self.problems.append(doc.source.problem((*doc.loc, "owner"), message))

    # --- references -------------------------------------------------------------------

    def _resolve(self, model: Handbook, text: str) -> tuple[Ref | None, str | None]:
        """Parse and resolve a reference; return it or the reason it fails."""
        try:
            ref = parse_ref(text)
        except RefSyntaxError as exc:
            return None, str(exc)
        if ref.kind not in self.kinds:
            return None, f"unknown reference kind '{ref.kind}' in '{text}'; known: {', '.join(self.kinds.prefixes)}"
        spec = self.kinds[ref.kind]
        if spec.record and not spec.page:
            return None, f"'{text}': a {spec.name} is shown on no page; it only helps search find the pages"
        if spec.record:
            return None, f"'{text}': a {spec.name} is recorded data, not a page to link; link the page showing it"
        registry = model.registry(ref.kind)
        if (ref.kind, ref.id) in self.broken or (ref.id not in registry and ref.kind in self.raw.unreadable):
            return None, None  # the target's own problem (schema, or a file that could not be read) is reported
        if ref.id not in registry:
            return None, f"unresolved reference '{text}': no {spec.name} '{ref.id}'; known: {choices(registry)}"
        if ref.anchor is None:
            return ref, None
        if spec.anchors is None:
            return None, f"'{text}': a {spec.name} has no anchors"
        valid = model.anchors_of(ref.kind, ref.id)
        if ref.anchor not in valid:
            return (
                None,
                f"unresolved reference '{text}': no {spec.anchor_name} '{ref.anchor}' in '{ref.id}'; "
                f"known: {choices(valid)}",
            )
        return ref, None

    def _embed_problem(self, model: Handbook, embed: MarkdownEmbed) -> str | None:
        """Why a `{{kind:name arg}}` cannot be generated, or None."""
        if embed.kind not in self.kinds or not self.kinds[embed.kind].embeds:
            known = [spec.prefix for spec in self.kinds if spec.embeds]
            return f"unknown embed '{embed}': no kind '{embed.kind}' with embeds; known: {choices(known)}"
        spec = self.kinds[embed.kind]
        embeds = spec.embeds
        if not model.registry(embed.kind):
            return f"'{embed}' is generated from the {spec.name} ({spec.source.pattern}), which this handbook lacks"
        if embed.name not in embeds:
            return f"unknown embed '{embed}'; {embed.kind} embeds: {choices(embeds)}"
        args = embeds[embed.name].args
        valid = args(model) if args else []
        if args is None and embed.arg is not None:
            return f"'{embed}' takes no argument"
        if args is not None and embed.arg not in valid:
            return f"'{embed}' needs one of: {choices(valid)}"
        return None

    def _use_markdown(self, model: Handbook, source: Ref | None, body: str, path: str, first_line: int) -> None:
        """Resolve every `[[...]]` reference and check every `{{...}}` embed in a Markdown body."""
        for embed in find_embeds(body):
            error = self._embed_problem(model, embed)
            if error:
                self.problems.append(Problem(path, first_line + embed.line - 1, error))
        for found in find_markdown_refs(body):
            line = first_line + found.line - 1
            ref, error = self._resolve(model, found.ref_text)
            if error:
                self.problems.append(Problem(path, line, error))
            elif ref and source:
                self.uses.append(RefUse(source, ref, path, line))

    def _check_references(self, model: Handbook) -> None:
        """Resolve every reference in every source's fields and body, and in hand-written pages."""
        for spec in self.kinds:
            for doc in model.registry(spec.prefix).values():
                for field in spec.references(doc):
                    ref, error = self._resolve(model, field.text)
                    if error and field.report:
                        self.problems.append(doc.source.problem(field.loc, error))
                    elif ref:
                        self.uses.append(RefUse(field.source, ref, doc.path, doc.source.line_of(field.loc)))
                if spec.source.markdown:
                    self._use_markdown(model, Ref(spec.prefix, doc.meta.id), doc.body, doc.path, doc.body_line)
        for path, text in self.raw.pages:
            self._use_markdown(model, None, text, path, 1)


def build_model(
    raw: RawSources, kinds: Registry, today: dt.date, blocking: Callable[[Problem], bool] | None = None
) -> Handbook:
    """Validate `raw` into a Handbook for `today`, or raise SourceProblems (only for `blocking` errors, if given)."""
    return Validator(raw, kinds, today).run(blocking)
