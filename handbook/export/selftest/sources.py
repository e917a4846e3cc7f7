"""What a self-test asks about and checks against: every sentence of every source, with where it comes from.

A question is made from one sentence (a `Passage`) of what the course covers, and every wrong option
is checked against the sentences of the whole handbook: regulations article by article, flows step
by step, terms, roles, units and activities. The people and bodies those sentences name are found
with one lexicon (`Actors`), so that a role is only ever offered among roles of its own kind and
group (an office among offices, a party body among party bodies).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from handbook.core.refs import Ref, parse_ref
from handbook.kinds.activity.schema import ActivityMeta
from handbook.kinds.course.schema import Course
from handbook.kinds.flow.schema import Flow, StepKind
from handbook.kinds.role.schema import Role
from handbook.kinds.unit.schema import Unit, UnitKind
from handbook.model.handbook import Handbook, Regulation
from handbook.search.documents import plain
from handbook.spec.common import Status
from handbook.spec.doc import Doc

# A sentence ends at 。！？ (a list item's ；ends a clause, not a sentence).
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_ARTICLE_LABEL = re.compile(r"^\s*第[零〇一二两三四五六七八九十百]+条\s*")
# A list mark: （一）, a number with 、 or with . and a space (1.5万元 is no item) or an escaped . (1\.由党小组推荐,
# as the Word import keeps a typed number), a bullet and a space (a paragraph opening in bold, **一、…。** …, is none).
_LIST_MARK = re.compile(r"^\s*(?:（[一二三四五六七八九十]+）|\d+、|\d+\.(?=\s)|\d+\\\.|[-*+](?=\s))\s*")
# Words that point outside the sentence: out of its place, it cannot be understood.
_POINTING = re.compile(r"这样的|上述|前款|前述|下列|如下|下述|以下情形|^(?:其|该|此|这|人选)")
_SPACES = re.compile(r"\s+")
# The bold heading a paragraph or an item opens with (**四、与信访工作的衔接。** 事项属于…; 1. **开展好搭档。** 支部书记
# 和区队长…): a heading, not a sentence. A whole sentence in bold (**各党支部必须在每月5日前上报。**) is a sentence.
_RUN_IN_HEADING = re.compile(r"^\*\*(?:[一二三四五六七八九十]+、[^*]*\*\*|[^*]{1,20}。\*\*(?=\s*\S))\s*")
# A bold label an item opens with (1. **动员部署（2月）：** 矿党委召开动员会…; **动员部署（2月）**：…): the item says
# all it means, the label saying when or what of; an item without one (1. 全年无责任事故…) lacks its subject out of
# its list.
_LABELLED = re.compile(r"^\*\*[^*]+(?:[：:]\*\*|\*\*[：:])")
# The spaces around a label's colon (动员部署（2月）： 矿党委…), which a stem would show.
_COLON_SPACE = re.compile(r"\s*([：:])\s*")
# A parenthesis that sends the reader to another document (（见《…》）, （详见…）, （按《…》执行）) states no
# rule of its own: it is left out of what a question shows, so no value inside it is ever asked.
_CROSS_REFERENCE = re.compile(r"（(?:详见|参见|另见|具体见|见)[^（）]*）|（(?:按照?|依照|参照)[^（）]*执行）")
# Articles that say why a regulation is made (为……，制定本意见; 现提出如下意见), who interprets it and when it
# takes effect test nothing: a true/false statement copied from them is answered by its tone alone.
_FORMAL = re.compile(
    r"制定本(?:规则|规定|办法|细则|制度|程序|规范|规划|方案|(?:实施|指导)?意见)|(?:提出|作|通知)如下|负责解释|起施行|起执行"
)
# An activity's section on its guiding idea and aims (## 指导思想和目标), up to the next heading of its level or
# above: like a unit's goals, read for the checks but never asked (机关是服务基层的窗口 is true by its tone).
_AIMS_SECTION = re.compile(r"^##[ \t][^\n]*指导思想[^\n]*\n(?:(?!#{1,2}[ \t])[^\n]*(?:\n|$))*", re.MULTILINE)
_ORGANISATIONS = {UnitKind.COMMITTEE, UnitKind.GENERAL_BRANCH, UnitKind.BRANCH, UnitKind.GROUP, UnitKind.EXTERNAL}
# The kinds of option a unit makes: organisations of every level stand against each other, meetings
# against meetings, departments against departments.
_KIND_OF_UNIT = {kind: "组织" for kind in _ORGANISATIONS} | {UnitKind.MEETING: "会议", UnitKind.DEPARTMENT: "部门"}


class Origin(StrEnum):
    """The kind of source a passage comes from."""

    ARTICLE = "article"
    STEP = "step"
    TERM = "term"
    DUTY = "duty"
    PROFILE = "profile"  # a role's or unit's summary
    GOAL = "goal"  # a unit's goal (满意率不低于90%): checked against, never asked
    ACTIVITY = "activity"


@dataclass(frozen=True)
class Passage:
    """One sentence of a source, with the reference a question cites and how the answer key names it."""

    ref: Ref  # the article, step, term, role, unit or activity
    cite: str  # e.g. 《发展党员工作规则》第七条
    text: str  # the sentence, plain text
    origin: Origin
    flows: tuple[str, ...] = ()  # the flows the sentence belongs to or is the basis of (distractor domains)
    index: int = 0  # the sentence's place in its source (one source holds many sentences)
    alone: bool = True  # whether it can be asked on its own (not a table row, list item or pointer)
    basis: tuple[str, ...] = ()  # a step's: the articles it rests on (reg:id#a7), which state its facts too

    @property
    def key(self) -> str:
        """A stable id of the sentence: the same sentence is never asked twice."""
        return f"{self.ref}/{self.index}"


def sentences(model: Handbook, markdown: str) -> Iterator[tuple[str, bool]]:
    """The sentences of a Markdown text as plain text, each with whether it stands on its own.

    Headings are left out, run-in ones too. Table rows and list items (（一）…, 1. …) are read for the checks but
    never asked: out of their table or list they lack their subject; not so an item that opens with a bold label
    (**动员部署（2月）：** 矿党委召开…) or heading. Nor are sentences that point elsewhere (这样的党员, 下列情形) or
    open a list (ending in ：).
    """
    for line in model.expand(markdown).splitlines():  # embeds first: a generated table is a table
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "```")):
            continue
        table = stripped.startswith(("|", "<"))
        listed = _LIST_MARK.sub("", stripped, count=1)
        item = listed != stripped and not (_LABELLED.match(listed) or _RUN_IN_HEADING.match(listed))
        stripped = _RUN_IN_HEADING.sub("", listed)
        if table:
            stripped = "；".join(cell.strip() for cell in stripped.strip("|").split("|") if cell.strip("-: "))
        text = _COLON_SPACE.sub(r"\1", _SPACES.sub(" ", without_references(plain(model, stripped))).strip())
        for sentence in _SENTENCE.findall(text):
            sentence = sentence.strip()
            if len(sentence) > 1:
                alone = not (table or item or sentence.endswith(("：", ":")) or _POINTING.search(sentence))
                yield sentence, alone and len(sentence) >= 10


def without_references(text: str) -> str:
    """A text without its cross-references to other documents (see `_CROSS_REFERENCE`)."""
    return _CROSS_REFERENCE.sub("", text)


def article_texts(doc: Regulation) -> Iterator[tuple[str, str]]:
    """(anchor, Markdown) of every article of a regulation, its label 第七条 removed."""
    numbers = sorted(doc.articles)
    for position, number in enumerate(numbers):
        article = doc.articles[number]
        end = doc.articles[numbers[position + 1]].offset if position + 1 < len(numbers) else len(doc.body)
        body = doc.body[article.offset : end].replace("**", "")
        yield article.anchor, _ARTICLE_LABEL.sub("", body.strip())


def _flows_citing(model: Handbook) -> dict[str, tuple[str, ...]]:
    """Article reference → the flows whose steps or basis cite it (or whose regulation lists them)."""
    found: dict[str, list[str]] = {}
    for flow in model.flows.values():
        cited = [*flow.meta.basis, *(text for step in flow.meta.steps for text in step.basis)]
        for text in cited:
            found.setdefault(str(parse_ref(text)), []).append(flow.meta.id)
    for reg in model.regulations.values():
        found.setdefault(f"reg:{reg.meta.id}", []).extend(reg.meta.flows)
    return {key: tuple(dict.fromkeys(value)) for key, value in found.items()}


def _regulation_passages(model: Handbook, doc: Regulation, citing: dict[str, tuple[str, ...]]) -> Iterator[Passage]:
    """The sentences of a regulation's articles (formal articles left out)."""
    whole = citing.get(f"reg:{doc.meta.id}", ())
    for anchor, markdown in article_texts(doc):
        if _FORMAL.search(markdown):
            continue
        ref = Ref("reg", doc.meta.id, anchor)
        flows = tuple(dict.fromkeys([*citing.get(str(ref), ()), *whole]))
        for index, (sentence, alone) in enumerate(sentences(model, markdown)):
            yield Passage(ref, model.title_of(ref), sentence, Origin.ARTICLE, flows, index, alone)


def step_text(model: Handbook, flow: Flow, step_id: str) -> str:
    """A step as one sentence: what is done, by whom, within what time."""
    step = next(s for s in flow.steps if s.id == step_id)
    text = f"“{without_references(step.label)}”这一环节"
    if step.role:
        text += f"由{model.actor_title(step.role)}负责"
    if step.time:
        text += f"，时限为“{step.time}”"
    return text + "。"


def _flow_passages(model: Handbook, flow: Flow) -> Iterator[Passage]:
    """One passage per step that does something (start and end markers included when they have a role).

    A sub-flow's step is checked against but never asked: its lane names who answers for a whole
    procedure of many hands, which is no fact a learner is taught (the sub-flow's own steps are).
    """
    for index, step in enumerate(flow.steps):
        if step.kind == StepKind.END:
            continue
        ref = Ref("flow", flow.id, step.id)
        cite = f"《{flow.title}》第{index + 1}步"  # numbered as the flow's step table numbers it
        basis = tuple(str(parse_ref(text)) for text in step.basis)
        alone = step.kind != StepKind.SUBFLOW
        text = step_text(model, flow, step.id)
        yield Passage(ref, cite, text, Origin.STEP, (flow.id,), index, alone, basis)


def _actor_passages(model: Handbook, kind: str, object_id: str, lanes: dict[str, tuple[str, ...]]) -> Iterator[Passage]:
    """A role's or unit's summary and duties, one sentence each, and a unit's goals.

    A goal is a target, not a rule a learner applies: no question asks it (it is never `alone`), but a
    wrong option it would make true (满意率低于90%的课程调整 beside 学员满意率不低于90%) is refused.
    """
    ref = Ref(kind, object_id)
    meta: Role | Unit = (model.roles if kind == "role" else model.units)[object_id].meta
    noun = "岗位" if kind == "role" else "组织"
    goals = meta.goals if isinstance(meta, Unit) else []
    texts = [(Origin.PROFILE, "简介", *found) for found in sentences(model, meta.summary or "")]
    texts += [(Origin.DUTY, "职责", *found) for duty in meta.duties for found in sentences(model, duty)]
    texts += [(Origin.GOAL, "目标", sentence, False) for goal in goals for sentence, _ in sentences(model, goal)]
    for index, (origin, part, sentence, alone) in enumerate(texts):
        yield Passage(ref, f"{noun}“{meta.title}”的{part}", sentence, origin, lanes.get(object_id, ()), index, alone)


def _term_passages(model: Handbook, term_id: str) -> Iterator[Passage]:
    """A glossary term's definition, sentence by sentence."""
    term = model.terms[term_id].meta
    for index, (sentence, alone) in enumerate(sentences(model, term.definition)):
        yield Passage(Ref("term", term_id), f"术语“{term.title}”", sentence, Origin.TERM, (), index, alone)


def _activity_passages(model: Handbook, doc: Doc[ActivityMeta]) -> Iterator[Passage]:
    """An activity's fields and body, sentence by sentence.

    Its schedule is read for the checks but never asked: it is a list of dates under a label
    (常年实行：定岗、明责、承诺每年1月及…), not a sentence a learner can read on its own. Nor is the
    section on its guiding idea and aims (`_AIMS_SECTION`); the `aim` field is asked: it says what the activity
    does (第一个接待的人员负责到底), not why.
    """
    meta = doc.meta
    aims = "".join(match.group() for match in _AIMS_SECTION.finditer(doc.body))
    rest = _AIMS_SECTION.sub("", doc.body)
    fields = [(meta.aim or "", True), (meta.schedule or "", False), (meta.evaluation or "", True)]
    fields += [(aims, False), (rest, True)]
    ref = Ref("act", meta.id)
    found = ((sentence, alone and asked) for text, asked in fields for sentence, alone in sentences(model, text))
    for index, (sentence, alone) in enumerate(found):
        yield Passage(ref, f"《{meta.title}》", sentence, Origin.ACTIVITY, tuple(meta.flows), index, alone)


def _lanes(model: Handbook) -> dict[str, tuple[str, ...]]:
    """Role or unit id → the flows it has a lane in."""
    found: dict[str, list[str]] = {}
    for flow in model.flows.values():
        for role in flow.meta.roles:
            found.setdefault(role, []).append(flow.meta.id)
    return {key: tuple(value) for key, value in found.items()}


def _passages_of(
    model: Handbook, ref: Ref, citing: dict[str, tuple[str, ...]], lanes: dict[str, tuple[str, ...]]
) -> list[Passage]:
    """The passages of one covered reference (an article reference: that article only)."""
    if ref.kind == "reg":
        found = list(_regulation_passages(model, model.regulations[ref.id], citing))
        return [p for p in found if ref.anchor is None or p.ref.anchor == ref.anchor]
    if ref.kind == "flow":
        return list(_flow_passages(model, model.flows[ref.id].meta))
    if ref.kind in ("role", "unit"):
        return list(_actor_passages(model, ref.kind, ref.id, lanes))
    if ref.kind == "term":
        return list(_term_passages(model, ref.id))
    if ref.kind == "act":
        return list(_activity_passages(model, model.activities[ref.id]))
    return []


def in_force(model: Handbook, ref: Ref) -> bool:
    """Whether a document may be taught: not repealed (objects without status always may)."""
    return model.status_of(ref.target) not in (Status.REPEALED, Status.TO_WRITE)


def all_passages(model: Handbook) -> list[Passage]:
    """Every sentence of the handbook, repealed documents included: what was once the rule confuses too."""
    citing, lanes = _flows_citing(model), _lanes(model)
    refs = [Ref(spec.prefix, object_id) for spec in model.kinds for object_id in model.registry(spec.prefix)]
    return [
        p
        for ref in refs
        if ref.kind in ("reg", "flow", "role", "unit", "term", "act")
        for p in _passages_of(model, ref, citing, lanes)
    ]


def course_refs(course: Course) -> list[Ref]:
    """Everything the course covers, once, in the order it names them."""
    texts = [*course.covers, *(text for session in course.sessions for text in session.covers)]
    return list(dict.fromkeys(parse_ref(text) for text in texts))


def course_passages(model: Handbook, course: Course) -> list[Passage]:
    """The sentences a course teaches: those of what it covers, and nothing else.

    Not the articles its flows' steps rest on: a step's article may belong to a regulation the
    course does not teach (a flow of 主题党日 resting on the 党支部工作规定), and a learner is only
    asked what the course's material says. The steps themselves state those facts.
    """
    citing, lanes = _flows_citing(model), _lanes(model)
    wanted = [ref for ref in course_refs(course) if in_force(model, ref)]
    found = [p for ref in wanted for p in _passages_of(model, ref, citing, lanes)]
    return list({p.key: p for p in found}.values())


@dataclass(frozen=True)
class Actor:
    """A role or unit as the sentences name it."""

    id: str
    title: str
    names: tuple[str, ...]  # every name it goes by, longest first
    kind: str  # 岗位 (a role), 组织 (an organisation of any level), 会议 or 部门
    family: tuple[str, ...]  # the ids it belongs to or that belong to it: never offered against it
    unit: str | None  # the unit a post belongs to, or a unit's parent
    # What a wrong option must share with the answer besides its kind, so that it is credible:
    # a post is an office (书记, 委员), a status (党内, 党外, or a stage of joining), or a staff post;
    # an organisation is a party body (党组织) or another unit (区队, 班组, 公安机关); a meeting is
    # the party's or another; a department the party's (组织部, 党校), a mass organisation's (工会,
    # 团委) or the administration's (安监处, 人力资源部).
    group: str = ""
    rank: int = 0  # an organisation's depth under the top of its tree (集团公司党委 0, 矿党委 1 …)
    # An office's unit, the one it heads or serves (班组 of 班组长, 区队 of 区队长), and that unit's rank (党委书记
    # 1, 党支部书记 3, 班组长 4); None for any other post and an office of no unit. A 班组长 is no credible
    # answer where a 党委书记 acts, nor the other way round.
    home: str | None = None
    level: int | None = None
    # Whether the post is everyone taking part rather than one who answers for it (职工群众, 党员, a stage
    # of joining): each does his own part himself, so who does it is no fact to ask.
    everyone: bool = False

    def kin(self, other: Actor) -> bool:
        """Whether one of the two is of the other's family: a post or body and a member or part of it."""
        return other.id in self.family or self.id in other.family


# Names the sources use besides titles and aliases (the texts say 党员大会 for 支部党员大会).
_SPOKEN = {
    "dangyuan-dahui": ("党员大会", "支部大会"),
    "zhibu-weiyuanhui": ("支委会", "党支部委员会"),
    "zuzhibu": ("矿党委组织部",),
    "dangwei": ("党委",),
    "dangxiao": ("党校",),
    "zhibu-shuji": ("支部书记",),
    "zhibu-fushuji": ("支部副书记",),
    "dangwei-hui": ("矿党委会",),
    "dang-zhibu": ("支部",),
}
# A short name is another body's after these characters (团支部, 总支部 are not the 党支部).
_NOT_AFTER = {"支部": "团总"}
# How a post's title ends tells an office (党支部书记, 区队长) from a status a person has (党员,
# 入党申请人, 职工群众); any other post is a staff post (安全员, 通讯员, 培训教师).
_OFFICES = ("书记", "委员", "组长", "主席", "长", "干事", "负责人", "领导", "主任")
# How the title of a committee's seat ends (党委书记, 党委副书记, 组织委员): each is one of its members.
_SEATS = ("书记", "委员")
_STATUSES = ("党员", "团员", "民兵", "人员", "群众", "人", "分子", "对象", "代表")


class Actors:
    """The lexicon of roles and units: find them in a sentence, tell their kind, keep families apart."""

    def __init__(self, model: Handbook) -> None:
        parents: dict[str, str | None] = {u.meta.id: u.meta.parent for u in model.units.values()}
        parents |= {r.meta.id: r.meta.unit for r in model.roles.values()}
        bodies = {u.meta.id: u.meta for u in model.units.values()}
        self.by_id: dict[str, Actor] = {}
        metas: list[Unit | Role] = [*(u.meta for u in model.units.values()), *(r.meta for r in model.roles.values())]
        # The glossary's names for a body or post of the same title (党总支: 总支) are its names too, those
        # ending as the title does: the others name what it has or does (入党申请人: 入党申请书).
        glossary = {
            t.meta.title: [a.strip("“”") for a in t.meta.aliases if a.strip("“”")[-1:] == t.meta.title[-1:]]
            for t in model.terms.values()
        }
        names = {
            meta.id: {
                meta.title,
                re.sub(r"（[^）]*）", "", meta.title),
                *meta.aliases,
                *_SPOKEN.get(meta.id, ()),
                *glossary.get(meta.title, ()),
            }
            for meta in metas
        }
        self._names = sorted(
            ((n, a) for a, found in names.items() for n in found if len(n) >= 2), key=lambda x: (-len(x[0]), x)
        )
        self._found: dict[str, tuple[tuple[int, int, str], ...]] = {}  # memo of `find`: sentences are read often
        chains = self._stages(model)
        stages = dict(chains)
        generics = self._generic(model)
        for generic, members in generics.items():
            for member in members:
                stages[member] = (*stages.get(member, ()), generic)
            stages[generic] = (*stages.get(generic, ()), *members)
        for committee, members in self._members(model, names).items():
            for member in members:
                stages[member] = (*stages.get(member, ()), committee)
            stages[committee] = (*stages.get(committee, ()), *members)
        for meta in metas:
            kind = "岗位" if meta.id in model.roles else _KIND_OF_UNIT[bodies[meta.id].kind]
            group = _group(meta, bodies, parents, meta.id in chains)
            office = kind == "岗位" and group == "职务"
            home = _home(meta.title, parents.get(meta.id), names, bodies) if office else None
            self.by_id[meta.id] = Actor(
                meta.id,
                meta.title,
                tuple(sorted((n for n in names[meta.id] if len(n) >= 2), key=lambda n: (-len(n), n))),
                kind,
                tuple(_family(meta.id, parents, bodies)) + stages.get(meta.id, ()),
                parents.get(meta.id),
                group,
                _rank(meta.id, parents),
                home,
                None if home is None else _rank(home, parents),
                kind == "岗位" and (group in ("身份:党外", "身份:阶段") or meta.id in generics),
            )

    def _generic(self, model: Handbook) -> dict[str, list[str]]:
        """Generic posts → the posts of their unit they include.

        A post whose name ends two or more other posts' names (党员: 预备党员, 岗位党员) is what every post
        of its unit also is: the 党支部书记 is a 党员 too, so the two never stand against each other.
        """
        roles = [doc.meta for doc in model.roles.values()]
        names = {role.id: re.sub(r"（[^）]*）", "", role.title) for role in roles}
        return {
            role.id: [other.id for other in roles if other.unit == role.unit and other.id != role.id]
            for role in roles
            if sum(names[other.id].endswith(names[role.id]) and other.id != role.id for other in roles) >= 2
        }

    def _members(self, model: Handbook, names: dict[str, set[str]]) -> dict[str, list[str]]:
        """A committee's members post → the offices of its unit that are members too.

        A post named as its unit's members (党委委员 of the 党委, 支部委员 of the 支部) is held by every officer
        of that committee: its 书记, 副书记 and each named 委员 (组织委员) are 委员 of it, so none of them stands
        against the other.
        """
        roles = [doc.meta for doc in model.roles.values()]
        titles = {role.id: re.sub(r"（[^）]*）", "", role.title) for role in roles}
        return {
            role.id: [o.id for o in roles if o.unit == role.unit and o.id != role.id and titles[o.id].endswith(_SEATS)]
            for role in roles
            if role.unit is not None and any(titles[role.id] == f"{n}委员" for n in names.get(role.unit, ()))
        }

    def _stages(self, model: Handbook) -> dict[str, tuple[str, ...]]:
        """Role → the roles it is a stage of, or that are stages of it (发展对象 is an 入党积极分子, who is an
        入党申请人): what one must do, the others still do, so they never stand against each other.

        Read from the definitions: a role's summary (or its glossary definition) that ends in another
        role's name says what it is a kind of.
        """
        terms = {doc.meta.title: doc.meta.definition for doc in model.terms.values()}
        genus: dict[str, str] = {}
        for doc in model.roles.values():
            for text in (doc.meta.summary or "", terms.get(doc.meta.title, "")):
                first = text.split("。")[0]
                found = self.find(first)
                if found and found[-1][1] == len(first) and found[-1][2] in model.roles and found[-1][2] != doc.meta.id:
                    genus[doc.meta.id] = found[-1][2]
        related: dict[str, set[str]] = {}
        for role in genus:
            chain, node = [role], role
            while node in genus and genus[node] not in chain:
                node = genus[node]
                chain.append(node)
            for a in chain:
                related.setdefault(a, set()).update(b for b in chain if b != a)
        return {role: tuple(sorted(found)) for role, found in related.items()}

    def find(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, actor id) of every actor named in `text`, in order; longer names win, never overlapping."""
        if text not in self._found:
            self._found[text] = self._find(text)
        return self._found[text]

    def _find(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """`find`, worked out: the names tried longest first, each occurrence taken unless a longer one holds it."""
        taken = [False] * len(text)
        found = []
        for name, actor in self._names:
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if start and text[start - 1] in _NOT_AFTER.get(name, ""):
                    start = text.find(name, end)
                    continue
                if not any(taken[start:end]):
                    found.append((start, end, actor))
                    taken[start:end] = [True] * (end - start)
                start = text.find(name, end)
        return tuple(sorted(found))

    def named(self, text: str, actor_id: str) -> bool:
        """Whether `text` names the actor (as a whole name, not inside a longer one)."""
        return any(found == actor_id for _, _, found in self.find(text))

    def kind(self, actor_id: str) -> str:
        """The kind of option an actor makes: a post, an organisation, a meeting or a department."""
        return self.by_id[actor_id].kind


def _party(unit: Unit) -> bool:
    """Whether a unit is a party body (党委, 党总支, 党支部, 纪委), not an administrative or outside one."""
    return unit.kind in _ORGANISATIONS and ("党" in unit.title or "纪委" in unit.title)


def _group(meta: Unit | Role, bodies: dict[str, Unit], parents: dict[str, str | None], stage: bool) -> str:
    """What a wrong option must share with an actor to be credible (see `Actor.group`)."""
    unit = bodies.get(meta.id)
    if unit is not None:
        names = " ".join([unit.title, *unit.aliases])
        if unit.kind in _ORGANISATIONS:
            return "党组织" if _party(unit) else "单位"
        if unit.kind == UnitKind.MEETING:  # 党委会, 支委会 against each other; 职代会, 矿领导班子 apart
            return "会议:党内" if any(word in names for word in ("党", "支部", "支委")) else "会议:其他"
        if any(word in names for word in ("党", "纪")):  # 组织部, 党校, 纪委: the party's own departments
            return "部门:党务"
        return "部门:群团" if any(word in names for word in ("工会", "团委", "共青团")) else "部门:行政"
    title = re.sub(r"（[^）]*）", "", meta.title)
    if title.endswith(_OFFICES):
        return "职务"
    if not title.endswith(_STATUSES):
        return "人员"
    if stage:  # 入党申请人, 入党积极分子, 发展对象: a stage of joining, never a party member's duty
        return "身份:阶段"
    home = bodies.get(parents.get(meta.id) or "")
    return "身份:党内" if "党" in title or (home is not None and _party(home)) else "身份:党外"


def _home(title: str, unit: str | None, names: dict[str, set[str]], bodies: dict[str, Unit]) -> str | None:
    """The unit a post heads or serves: the one its title opens with (班组 of 班组长, 区队 of 区队长, 党委 of
    党委书记), else the unit it belongs to."""
    opening = [(len(n), body) for body in bodies for n in names[body] if title.startswith(n) and n != title]
    return max(opening)[1] if opening else unit


def _rank(actor_id: str, parents: dict[str, str | None]) -> int:
    """How many levels an actor is below the top of its tree (集团公司党委 0, 矿党委 1, 党总支 2 …)."""
    depth, node = 0, parents.get(actor_id)
    while node is not None and depth < 20:
        depth, node = depth + 1, parents.get(node)
    return depth


def _family(actor_id: str, parents: dict[str, str | None], bodies: dict[str, Unit]) -> list[str]:
    """The organisation an actor acts for, or (for an organisation) the organs that act for it.

    A meeting, a department or a post acts in the name of the organisation it belongs to (the 党委会
    and the 党委组织部 for the 矿党委, the 支部委员会 and the 党支部书记 for the 党支部), so an organ is
    never a wrong answer against its organisation, nor the organisation against its organ. Organs of
    one organisation (支部委员会, 支部党员大会) and organisations of different levels (党支部, 党小组,
    党总支) are told apart.
    """

    def organisation(node: str | None) -> str | None:
        """The organisation a node acts for: itself if it is one, else its nearest parent that is."""
        while node is not None:
            unit = bodies.get(node)
            if unit is not None and unit.kind in _ORGANISATIONS:
                return node
            node = parents.get(node)
        return None

    home = organisation(actor_id)
    if home is None:
        return []
    if home != actor_id:
        return [home]
    # An organisation acts within its parent's remit (a 党小组 for its 党支部): the parent is no wrong option.
    parent = organisation(parents.get(actor_id))
    organs = [other for other in parents if other != actor_id and organisation(other) == home]
    return organs + ([parent] if parent else [])
