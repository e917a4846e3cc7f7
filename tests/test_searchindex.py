"""The search index and its ranking on their own (tiny documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.core.problems import ProjectError
from handbook.core.segment import Segmenter
from handbook.search.ranking import (
    FORMAT,
    PIECE,
    QUERY_CHARS,
    QUERY_TERMS,
    Ranker,
    TermCache,
    front_coded,
    inline_script,
    layout,
    pages_of,
    segment,
    site_files,
    vocabulary,
)
from handbook.spec.search import SearchDoc

DOCS = [
    SearchDoc("flow:huanjie", "flow", "支部换届选举流程", "flows/huanjie/", "换届 选举 支部委员会"),
    SearchDoc("flow:huanjie#tixing", "step", "换届提醒", "flows/huanjie/#step-tixing", "支部换届 任期届满"),
    SearchDoc("reg:huanjie", "regulation", "换届选举程序", "regulations/huanjie/", "第一条 总则 第二条 支部 换届 程序"),
    SearchDoc("term:neiwang", "term", "内网", "glossary/#term-neiwang", "企业内部网络", aliases=("局域网",)),
    SearchDoc("reg:old", "regulation", "旧换届办法", "regulations/old/", "换届 旧办法", status="废止"),
]
WORDS = ["内网", "换届", "三会一课"]


class Model:
    """What `site_files` reads of a handbook: its documents, its segmenter and its (here no) everyday sayings."""

    def __init__(self, docs: list[SearchDoc]) -> None:
        self.docs = docs
        self.segmenter = Segmenter(WORDS)
        self.sayings: dict[str, object] = {}


@pytest.fixture
def ranker(monkeypatch: pytest.MonkeyPatch) -> Ranker:
    """A ranker over the index of DOCS, built in memory."""
    return Ranker.from_files(files(monkeypatch, DOCS))


def files(
    monkeypatch: pytest.MonkeyPatch, docs: list[SearchDoc], cache: TermCache | None = None, beacon: bool = False
) -> dict[str, bytes]:
    """The index files of `docs` (the model's documents replaced by them)."""
    from handbook.kinds.registry import KINDS
    from handbook.search import ranking

    monkeypatch.setattr(ranking, "documents", lambda model: model.docs)
    model = Model(docs)
    model.kinds = KINDS  # type: ignore[attr-defined]
    return site_files(model, cache, beacon=beacon)  # type: ignore[arg-type]


def test_a_page_is_listed_once_by_its_best_document(ranker: Ranker) -> None:
    """A flow and its steps are one page; a repealed document only when asked for."""
    urls = [hit.url.split("#")[0] for hit in ranker.search("支部换届")]
    assert sorted(urls) == ["flows/huanjie/", "regulations/huanjie/"]
    assert "reg:old" in [hit.key for hit in ranker.search("支部换届", repealed=True)]


def test_user_words_stay_whole_and_aliases_find_their_term(ranker: Ranker) -> None:
    """内网 is one word in the index and in the query, and an alias finds its term."""
    assert [hit.key for hit in ranker.search("内网")] == ["term:neiwang"]
    assert [hit.key for hit in ranker.search("局域网")] == ["term:neiwang"]


def test_question_words_are_dropped_and_a_partly_typed_word_is_completed(ranker: Ranker) -> None:
    """怎么 carries no topic; 委 at the end of 支部委 is completed to 委员 and 委员会."""
    assert "怎么" not in ranker.query_terms("换届怎么选")
    assert "委员会" in ranker.query_terms("支部委")
    assert ranker.query_terms("支部委 ") == ["支部"]  # a space ends the word: nothing is completed


def test_a_page_holding_more_of_the_question_ranks_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coordination: the page holding 学时 as well outranks the one with 支部书记 in its title only; a page holding
    三会一课 whole holds all that its parts 三会 and 一课 stand for, against a page with both parts many times."""
    docs = [
        SearchDoc("role:shuji", "role", "支部书记", "roles/shuji/", "支部书记 主持 支部工作 支部书记 职责"),
        SearchDoc("reg:peixun", "regulation", "培训规定", "regulations/peixun/", "支部书记 一年 培训 不少于 56 学时"),
        SearchDoc("flow:sanhui", "flow", "三会一课流程", "flows/sanhui/", "三会一课 计划"),
        SearchDoc(
            "unit:tuan", "unit", "团委", "organisation/tuan/", "三会 两制 一课 三会 一课 三会 一课 团内 组织生活"
        ),
    ]
    ranker = Ranker.from_files(files(monkeypatch, docs))
    assert ranker.search("支部书记一年学多少学时")[0].key == "reg:peixun"
    assert ("三会", 0, False) in ranker.query("三会一课") and ("三会一课", 0, True) in ranker.query("三会一课")
    assert ranker.search("三会一课")[0].key == "flow:sanhui"


def test_a_word_split_by_a_particle_is_looked_up_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """入了党 looks up 入党; 了解 is a word with 了 in it and stays; a particle between two words is left alone."""
    docs = [
        SearchDoc("flow:rudang", "flow", "入党流程", "flows/rudang/", "入党 申请 了解 情况"),
        SearchDoc("reg:jiu", "regulation", "饮酒规定", "regulations/jiu/", "喝酒 入井"),
    ]
    ranker = Ranker.from_files(files(monkeypatch, docs))
    assert ranker.join("入了党多久") == "入党多久" and ranker.join("喝过酒") == "喝酒"
    assert ranker.join("了解") == "了解" and ranker.join("申请了入党") == "申请了入党"
    assert ranker.search("喝了酒能入井吗")[0].key == "reg:jiu"


def test_a_homophone_typo_in_a_long_word_is_mended(monkeypatch: pytest.MonkeyPatch) -> None:
    """三会一科 (科 for 课, both ke) finds 三会一课; a character inside a known word is not changed (安监 of
    安监员 stays, though 安检员 sounds alike); nor is a word of two characters (党非 is no typo of 党费
    the index may guess); when two words fit, the stretch stays as typed."""
    docs = [
        SearchDoc("flow:sanhui", "flow", "三会一课流程", "flows/sanhui/", "三会一课 计划"),
        SearchDoc("role:anjian", "role", "安检员", "roles/anjian/", "安检员 安监 井口"),
        SearchDoc("reg:dangfei", "regulation", "党费规定", "regulations/dangfei/", "党费 交纳"),
        SearchDoc("reg:two", "regulation", "两种会议", "regulations/two/", "党小组会 党小组长"),
        SearchDoc("reg:kuaiji", "regulation", "财务", "regulations/kuaiji/", "会计师 会计室"),
    ]
    ranker = Ranker.from_files(files(monkeypatch, docs))
    assert ranker.mend("三会一科") == "三会一课"
    assert ranker.search("三会一科计划")[0].key == "flow:sanhui"
    assert ranker.mended("三会一科计划") == "三会一课计划" and ranker.mended("三会一课计划") == ""
    assert ranker.mend("安监员") == "安监员"
    assert ranker.mend("党非") == "党非"
    assert ranker.mend("党小组张") == "党小组长"  # 张 and 长 (zhang)
    assert ranker.mend("会计事") == "会计事"  # 会计师 or 会计室 (shi): the reader is not second-guessed


def test_a_hit_names_its_kind_matched_step_or_article_and_marks_the_query(ranker: Ranker) -> None:
    """A step is shown under its flow's title; a regulation by the article the snippet is in."""
    by_key = {hit.key: hit for hit in ranker.search("任期届满")}
    step = by_key["flow:huanjie#tixing"]
    assert (step.type, step.title, step.match) == ("step", "支部换届选举流程", "换届提醒")
    regulation = ranker.search("程序", kind="regulation")[0]
    assert (regulation.match, "【程序】" in regulation.snippet) == ("第二条", True)


def test_the_cut_terms_are_cached_by_document(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A second build with one document changed cuts only that one; the files are the same as without a cache."""
    cache = TermCache(tmp_path / "terms.json")
    first = files(monkeypatch, DOCS, cache)
    cache.save()
    changed = [*DOCS[:-1], SearchDoc("reg:old", "regulation", "旧办法", "regulations/old/", "新内容")]
    again = TermCache(tmp_path / "terms.json")
    assert files(monkeypatch, changed, again) == files(monkeypatch, changed)
    assert len(again.entries) == len(DOCS) + 1 and len(again.cut) == 1
    assert first != files(monkeypatch, changed)


def test_a_changed_word_list_cuts_again_only_the_documents_containing_a_changed_word(tmp_path: Path) -> None:
    """Cached terms serve the other documents: jieba's total is kept, so they would be cut the same."""
    cache = TermCache(tmp_path / "terms.json")
    for doc in DOCS:
        cache.terms(doc, Segmenter(["换届"]))
    cache.save()
    again = TermCache(tmp_path / "terms.json")
    terms = {doc.key: again.terms(doc, Segmenter(["换届", "内部网络"])) for doc in DOCS}
    assert len(again.cut) == 1 and ["内部网络", 1] in [list(t) for t in terms["term:neiwang"]["body"]]


def test_a_word_list_changed_twice_in_one_process_cuts_again(tmp_path: Path) -> None:
    """A server's cache: a document cut after one change of the words is cut again after the next one."""
    cache = TermCache(None)
    neiwang = next(doc for doc in DOCS if doc.key == "term:neiwang")
    cache.terms(neiwang, Segmenter(["换届"]))
    cache.terms(neiwang, Segmenter(["换届", "内部"]))
    terms = cache.terms(neiwang, Segmenter(["换届", "内部", "内部网络"]))
    assert ("内部网络", 1) in [tuple(t) for t in terms["body"]]


def test_segmentation_prefers_known_words_then_fewer_words() -> None:
    """Known words cover the run; a Latin word or number is one piece; on a tie the longer words come first."""
    words = {"三会一课", "三会", "一课", "党费", "u盘", "团", "团支部", "支部委员", "委员"}
    assert segment("三会一课党费", words.__contains__) == [(0, 4), (4, 6)]
    assert segment("u盘2010", words.__contains__) == [(0, 2), (2, 6)]
    assert segment("团支部委员", words.__contains__) == [(0, 3), (3, 5)]


def test_the_offline_script_holds_every_file(ranker: Ranker, monkeypatch: pytest.MonkeyPatch) -> None:
    """search/index.js assigns every file of the index, by its path under search/."""
    built = files(monkeypatch, DOCS)
    script = inline_script(built).decode()
    assert script.startswith("window.__hbSearchFiles={") and script.endswith("};\n")
    inlined = json.loads(script.removeprefix("window.__hbSearchFiles=").removesuffix(";\n"))
    assert inlined["manifest.json"] == json.loads(built["search/manifest.json"])
    assert len(inlined) == len(built)


def test_a_long_query_is_read_up_to_a_bound(ranker: Ranker) -> None:
    """Only the first QUERY_CHARS characters are read and QUERY_TERMS terms looked up, whatever is pasted."""
    pasted = "支部换届" * 2000
    assert ranker.query_terms(pasted) == ranker.query_terms(pasted[:QUERY_CHARS])
    words = " ".join(f"换届{i}" for i in range(1000))
    assert len(ranker.query_terms(words)) <= QUERY_TERMS
    assert ranker.search(pasted)


def test_the_vocabulary_is_front_coded_and_read_back() -> None:
    """Each word keeps only what it does not share (up to 9 characters) with the one before it in its shard."""
    shards = [
        ["u盘", "中国共产党", "中国共产党章程修正案", "中国共产党章程修正案草案"],
        [],
        ["𠀀字", "𠀀字典", "2019", "2019年"],
    ]
    coded = front_coded(shards)
    assert coded[:2] == ["0u盘 0中国共产党 5章程修正案 9案草案", ""]
    words, shard_of = vocabulary(coded)
    assert words == [word for words in shards for word in words]
    assert [shard_of[word] for word in words] == [0, 0, 0, 0, 2, 2, 2, 2]


def test_the_layout_gives_every_document_its_type_and_page() -> None:
    """Runs of pages alike: a flow's steps are its page's later documents; single pages of a kind run together."""
    codes = ["B", "B", "C", "S", "S", "C", "C", "S", "D", "D"]
    pages = ["r1", "r2", "f1", "f1", "f1", "f2", "f3", "f3", "a1", "a2"]
    runs = layout(codes, pages)
    assert runs == [["B", "B", [1, 2]], ["C", "S", [3, 1, 1, 1, 2, 1]], ["D", "D", [1, 2]]]
    assert pages_of(runs) == (codes, [0, 1, 2, 5, 6, 8, 9])


def test_a_hit_fetches_only_the_body_piece_of_its_snippet(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word deep in a long body: its hit reads that piece only, marks the word and names the article before it."""
    body = "第一条 总则。" + "甲" * 1990 + "第十条 考核分数公示五日。" + "乙" * 3000
    built = files(monkeypatch, [*DOCS, SearchDoc("reg:long", "regulation", "长规定", "regulations/long/", body)])
    read: list[str] = []
    ranker = Ranker(lambda path: read.append(path) or json.loads(built[f"search/{path}"]))
    [hit] = ranker.search("公示", kind="regulation")
    assert [path for path in read if path.startswith("docs/")] == [f"docs/5.{body.index('公示') // PIECE}.json"]
    assert (hit.match, "【公示】" in hit.snippet) == ("第十条", True)
    assert max(len(content) for path, content in built.items() if path.startswith("search/docs/")) < 2_000


def test_a_hit_found_by_an_everyday_name_or_question_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Aliases and questions are searched; a hit whose title lacks the query's words shows the question or name."""
    doc = SearchDoc(
        "flow:dangfei",
        "flow",
        "党费收缴流程",
        "flows/dangfei/",
        "按月收缴",
        aliases=("交党费",),
        questions=("每月交多少钱",),
    )
    ranker = Ranker.from_files(files(monkeypatch, [*DOCS, doc]))
    assert [(hit.key, hit.match) for hit in ranker.search("交多少钱")] == [("flow:dangfei", "每月交多少钱")]
    assert ranker.search("党费")[0].match == ""  # the title says it already


def test_the_beacon_file_is_written_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off by default: no file, and the manifest names none, so the box sends nothing."""
    plain, logging = files(monkeypatch, DOCS), files(monkeypatch, DOCS, beacon=True)
    assert json.loads(plain["search/manifest.json"])["beacon"] is None and "search/beacon.txt" not in plain
    assert json.loads(logging["search/manifest.json"])["beacon"] == "beacon.txt" and logging["search/beacon.txt"] == b""


def test_an_index_of_another_format_is_refused_with_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A site built by an older version (no sounds.json) gets `build again`, not a traceback."""
    for path, content in files(monkeypatch, DOCS).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    folder = tmp_path / "search"
    assert Ranker.from_folder(folder).search("支部换届")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps({**manifest, "format": FORMAT - 1}), encoding="utf-8")
    (folder / "sounds.json").unlink()
    with pytest.raises(ProjectError, match=f"format {FORMAT - 1}, this handbook reads {FORMAT}: build again"):
        Ranker.from_folder(folder)
