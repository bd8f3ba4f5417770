from counter_app.domain.pinyin_keys import item_keys
from counter_app.domain.search import SearchEntry, SearchIndex

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
