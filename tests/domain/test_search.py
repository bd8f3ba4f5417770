import pytest

from counter_app.domain.pinyin_keys import item_keys
from counter_app.domain.search import SearchEntry, SearchIndex, normalize

ITEMS = [
    ("000131128000", "个体工商户设立登记", ("个体户开业",)),
    ("000131128001", "个体工商户注销登记", ()),
    ("000131130000", "食品经营许可证核发", ("食品许可",)),
    ("000171002000", "住房公积金提取（租房）", ("公积金提取",)),
    ("000131100000", "公司设立登记", ("开公司",)),
    ("000112004000", "城乡居民基本养老保险参保登记", ("居民养老保险",)),
]


def index(usage=None):
    return SearchIndex([SearchEntry(c, n, "D", a, tuple(tuple(k) for k in item_keys(n, a))) for c, n, a in ITEMS],
                       usage)


def first(q, ix=None):
    return (ix or index()).search(q)[0].name


def test_each_way_of_typing_finds_the_item():
    assert first("个体户开业") == "个体工商户设立登记"       # alias
    assert first("gtgshsl") == "个体工商户设立登记"         # initials
    assert first("zhufanggongjijin") == "住房公积金提取（租房）"  # full pinyin
    assert first("000131130000") == "食品经营许可证核发"     # code
    assert first("0001311300") == "食品经营许可证核发"       # partial code
    assert first("养老") == "城乡居民基本养老保险参保登记"    # partial name
    assert first("ＳＰＪＹ") == "食品经营许可证核发"          # full-width capitals


def test_exact_beats_prefix_beats_substring():
    assert first("开公司") == "公司设立登记"
    names = [h.name for h in index().search("设立")]
    assert names[0] == "公司设立登记"                        # shorter, same kind of match


def test_all_tokens_must_match():
    assert [h.name for h in index().search("个体 注销")] == ["个体工商户注销登记"]
    assert index().search("个体 公积金") == []


def test_initials_out_of_order_still_found_ranked_low():
    hits = index().search("gtsl")
    assert hits[0].name == "个体工商户设立登记"


def test_often_used_items_rank_up():
    plain = [h.code for h in index().search("gtgsh")]
    used = [h.code for h in index({"000131128001": 50}).search("gtgsh")]
    assert plain[0] == "000131128000" and used[0] == "000131128001"


def test_empty_and_nonsense():
    assert index().search("   ") == []
    assert index().search("qqqqzzz") == []


def test_usage_boosts_the_item_not_a_bundle_with_the_same_code():
    entries = [SearchEntry(c, n, "D", a, tuple(tuple(k) for k in item_keys(n, a))) for c, n, a in ITEMS]
    entries.append(SearchEntry("000131128001", "个体工商户注销一件事", "", (),
                               tuple(tuple(k) for k in item_keys("个体工商户注销一件事", ())), kind="bundle"))
    hits = SearchIndex(entries, {"000131128001": 50}).search("gtgsh")
    assert (hits[0].name, hits[0].kind) == ("个体工商户注销登记", "item")


def _sample_index(usage=None):
    from counter_app.domain.catalog_format import parse_catalog_text
    from counter_app.paths import resource

    cat = parse_catalog_text(resource("catalog/sample_catalog.json").read_text(encoding="utf-8"))
    entries = [SearchEntry(i.code, i.name, i.department, i.aliases,
                           tuple(tuple(k) for k in item_keys(i.name, i.aliases))) for i in cat.items]
    entries += [SearchEntry(b.code, b.name, "", (), tuple(tuple(k) for k in item_keys(b.name, ())), kind="bundle")
                for b in cat.bundles]
    return SearchIndex(entries, usage)


@pytest.mark.parametrize("dense", [False, True])
def test_a_name_holding_the_query_twice_ranks_as_a_prefix_match(monkeypatch, dense):
    from counter_app.domain import search_fields

    monkeypatch.setattr(search_fields, "DENSE_HITS", 0.0 if dense else 1e9)
    ix = SearchIndex([SearchEntry("A1", "补登记", "D"), SearchEntry("A2", "登记表登记", "D")])
    assert [h.name for h in ix.search("登记")] == ["登记表登记", "补登记"]


def test_chinese_characters_in_order_find_the_items_between():
    names = [h.name for h in _sample_index().search("不动产登记", 10)]
    assert names[0] == "不动产登记资料查询"              # the direct match stays first
    assert {"不动产变更登记", "不动产注销登记", "不动产转移登记（赠与）", "不动产转移登记（存量房买卖）"} <= set(names)
    assert all(n.startswith("不动产") for n in names)


def test_in_order_matches_rank_below_direct_ones_even_when_used_often():
    far = "城镇职工基本养老保险关系转移接续申请受理及办理不动产登记"   # a direct match, far into the name
    ix = SearchIndex([SearchEntry("A1", far, "D"), SearchEntry("A2", "不动产转移登记", "D")], {"A2": 10_000})
    hits = ix.search("不动产登记")
    assert [h.name for h in hits] == [far, "不动产转移登记"]
    assert hits[0].score > hits[1].score


def _reference(ix, query, limit, kinds=("item", "bundle")):
    """Every match scored and sorted: what the quick paths must agree with."""
    found = None
    for token in normalize(query).split():
        hits = ix._direct(token)
        found = hits.scores if found is None else {n: s + hits.scores[n] for n, s in found.items()
                                                   if n in hits.scores}
    final = {n: s + ix._boost.get(n, 0.0) for n, s in found.items() if ix.entries[n].kind in kinds}
    return [ix.entries[n].code for n in sorted(final, key=final.get, reverse=True)[:limit]]


def test_first_keystrokes_rank_exactly_as_scoring_every_match():
    plain = _sample_index()
    codes = [e.code for e in plain.entries]
    ix = _sample_index({c: 1 + n % 9 for n, c in enumerate(codes[::7])})
    queries = set()
    for e in ix.entries:
        for full, initials in e.keys:
            queries.update((initials[:1], initials[:2], full[:2]))
        queries.add(e.code[:1])
    queries.update(f"{a} {b}" for a in "sgzj" for b in "dbxz")
    checked = 0
    for q in sorted(queries):
        for limit in (3, 20):
            want = _reference(ix, q, limit)
            if len(want) < limit:
                continue                                   # few matches: the in-order fallback joins in
            assert [h.code for h in ix.search(q, limit)] == want, q
            items_only = [h.code for h in ix.search(q, limit, kinds=("item",))]
            assert items_only == _reference(ix, q, limit, ("item",)), q
            checked += 1
    assert checked > 100


def test_a_short_later_word_narrows_instead_of_emptying_the_list():
    """While the clerk types a second word ("gtgsh zx"), what the first word found narrows;
    the list never empties on the way and never offers an item the words do not fit."""
    ix = index()
    assert [h.name for h in ix.search("gtgsh zx")] == ["个体工商户注销登记"]
    assert [h.name for h in ix.search("个体 zx")] == ["个体工商户注销登记"]
    assert ix.search("gtgsh qq") == []
