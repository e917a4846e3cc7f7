"""Pages for the special activities of 第五篇."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.activity.schema import ActivityMeta
from handbook.model.handbook import Handbook
from handbook.render.common import backlinks, facts, page_meta, revisions, unit_link
from handbook.render.lifecycle import lifecycle_notices, review_date
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain
from handbook.spec.doc import Doc, RefUse


def activity_page(model: Handbook, doc: Doc[ActivityMeta], uses: list[RefUse]) -> str:
    """The page of one activity: aim, participants, schedule, evaluation, then its text."""
    meta = doc.meta
    ref = Ref("act", meta.id)
    linker = Linker(model, model.page_of(ref))
    out = [front_matter(page_meta(meta.title)), f"# {plain(meta.title)}\n\n"]
    out.append(lifecycle_notices(model, ref, linker, uses))
    out.append(
        facts(
            [
                ("活动目的", plain(meta.aim or "")),
                ("参加对象", "、".join(plain(p) for p in meta.participants)),
                ("时间安排", plain(meta.schedule or "")),
                ("考评方式", plain(meta.evaluation or "")),
                ("组织部门", unit_link(linker, meta.owner)),
                ("复审日期", review_date(meta)),
                ("相关流程", "、".join(linker.link(Ref("flow", f)) for f in meta.flows)),
                ("相关内容", "、".join(linker.link_ref(r) for r in meta.related)),
            ]
        )
    )
    if doc.body.strip():
        out.append("\n" + linker.resolve(doc.body).strip() + "\n")
    out.append(backlinks(model, ref, linker, uses))
    out.append(revisions(model, meta.revisions, doc.path, linker, ""))
    return "".join(out)
