"""Pages for regulations: one per regulation, and the index table."""

from __future__ import annotations

from handbook.assessment.render import provenance
from handbook.core.refs import Ref
from handbook.kinds.regulation.articles import anchor_articles
from handbook.model.handbook import Handbook, Regulation
from handbook.render.common import backlinks, facts, page_meta, revisions, unit_link
from handbook.render.compare import changes_page
from handbook.render.lifecycle import lifecycle_notices, review_date
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain, table
from handbook.spec.common import Status
from handbook.spec.doc import RefUse

# How a body embeds the assessment rules' settings ({{rules:grades}}, kinds/rules/page.py).
RULES_EMBED = "{{rules:"


def regulation_page(model: Handbook, doc: Regulation, uses: list[RefUse]) -> str:
    """The page of one regulation: facts, status notice, articles with anchors, backlinks."""
    meta = doc.meta
    ref = Ref("reg", meta.id)
    linker = Linker(model, model.page_of(ref))
    place = model.places[meta.place]
    out = [front_matter(page_meta(meta.title)), f"# {plain(meta.title)}\n\n"]
    out.append(lifecycle_notices(model, ref, linker, uses))
    out.append(
        facts(
            [
                ("发文单位", plain(meta.issuer)),
                ("状态", meta.status.value),
                ("施行日期", meta.effective.isoformat() if meta.effective else ""),
                ("版本", plain(meta.version)),
                ("归口部门", unit_link(linker, meta.owner)),
                ("复审日期", review_date(meta)),
                (
                    "在书中的位置",
                    f"{plain(place.label)} {plain(place.title)}" + (f"（原书第{meta.page}页）" if meta.page else ""),
                ),
                ("相关流程", "、".join(linker.link(Ref("flow", f)) for f in meta.flows)),
                ("相关制度", "、".join(linker.link_ref(r) for r in meta.related)),
                ("依据", "；".join(plain(b) for b in meta.basis)),
            ]
        )
    )
    if meta.notes:
        out.append(f'\n!!! note "说明"\n    {plain(meta.notes)}\n')
    if RULES_EMBED in doc.body:  # the body prints settings of the assessment rules: say where they come from
        out.append("\n" + provenance(model))
    if doc.body.strip():
        out.append("\n" + linker.resolve(anchor_articles(doc.body)).strip() + "\n")
    out.append(backlinks(model, ref, linker, uses))
    out.append(revisions(model, meta.revisions, doc.path, linker, changes_page("reg", doc.meta.id)))
    return "".join(out)


def regulation_index(model: Handbook) -> str:
    """The table of all regulations with status, date and owner, in book order."""
    linker = Linker(model, "regulations/index.md")
    rows = []
    for doc in sorted(model.regulations.values(), key=lambda d: (model.places[d.meta.place].order, d.meta.page or 0)):
        meta = doc.meta
        place = model.places[meta.place]
        replaced = f"，由{linker.link(Ref('reg', meta.superseded_by))}代替" if meta.superseded_by else ""
        title = linker.link(Ref("reg", meta.id))
        rows.append(
            [
                f"~~{title}~~" if meta.status == Status.REPEALED else title,
                plain(place.title),
                f"**{meta.status.value}**{replaced}" if meta.status == Status.REPEALED else meta.status.value,
                meta.effective.isoformat() if meta.effective else "—",
                unit_link(linker, meta.owner) or "—",
            ]
        )
    header = front_matter({"title": "制度索引"}) + "# 制度索引\n\n"
    intro = f"共 {len(rows)} 项制度。状态：试行、施行、已修改、废止（划线，仅供查阅）、待补充（正文尚待编写）。\n\n"
    return header + intro + table(["制度", "所属部分", "状态", "施行日期", "归口部门"], rows)


def regulation_index_pages(model: Handbook) -> list[tuple[str, str]]:
    """The index of all regulations."""
    return [("regulations/index.md", regulation_index(model))]
