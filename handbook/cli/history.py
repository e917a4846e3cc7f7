"""`handbook diff`: two versions of a regulation (article by article) or a flow (step by step) from git."""

from __future__ import annotations

import argparse

from handbook.core.located import parse_markdown
from handbook.core.problems import ProjectError, choices
from handbook.core.project import Project
from handbook.load.history import revision_of, text_at
from handbook.model.changes import flow_changes, regulation_changes, report
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model


def cmd_diff(project: Project, args: argparse.Namespace) -> int:
    """Compare two versions of a regulation (article by article) or a flow (step by step) from git."""
    model = load_model(project)
    kind, _, name = args.document.rpartition(":")
    kinds = [kind] if kind else ["reg", "flow"]
    found = [(k, model.registry(k)[name]) for k in kinds if k in ("reg", "flow") and name in model.registry(k)]
    if not found:
        known = choices([*model.regulations, *model.flows])
        raise ProjectError(f"no regulation or flow '{args.document}'; known: {known}")
    kind, doc = found[0]
    texts, labels = [], []
    for given in (args.since, args.to):
        if given is None:  # the version in the working tree
            texts.append((project.root / doc.path).read_text(encoding="utf-8"))
            labels.append("当前")
            continue
        commit = revision_of(project.root, doc.path, given) or _versioned(project, model, doc.path, given)
        text = text_at(project.root, doc.path, commit) if commit else None
        if text is None:
            message = "give a date YYYY-MM-DD, a git revision or a version the document's `version` field had"
            raise ProjectError(f"{doc.path}: no version '{given}' ({message})")
        texts.append(text)
        labels.append(f"{given}（{commit[:7] if commit else ''}）")
    compare = regulation_changes if kind == "reg" else flow_changes
    print(report(doc.meta.title, (labels[0], labels[1]), compare(texts[0], texts[1])), end="")
    return 0


def _versioned(project: Project, model: Handbook, path: str, version: str) -> str | None:
    """The latest commit at which a regulation's `version` field read `version` (None if it never did)."""
    for revision in model.history.get(path, []):
        text = text_at(project.root, path, revision.commit)
        data = parse_markdown(text, path)[0].meta.data if text else None
        if isinstance(data, dict) and str(data.get("version", "")) == version:
            return revision.commit
    return None
