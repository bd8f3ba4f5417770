"""A search query is capped (issue 14: 32,767 characters, the text box's maximum, took 1.5 s and
a million 44 s): only the first MAX_QUERY characters are searched, so a pasted page cannot freeze
the window and still finds what its start names."""

from counter_app.domain.search import MAX_QUERY
from tests.domain.test_search import index


def test_a_huge_query_searches_its_start():
    ix = index()
    start = "个体工商户" + " " * (MAX_QUERY - 5)
    assert len(start) == MAX_QUERY
    huge = start + " 食品经营" * 20_000      # beyond the cap: not searched
    assert [h.code for h in ix.search(huge)] == [h.code for h in ix.search("个体工商户")] != []


def test_the_cap_is_longer_than_any_real_query():
    ix = index()
    assert MAX_QUERY >= 100
    long_but_real = "城乡居民基本养老保险参保登记 " * 6
    assert len(long_but_real) < MAX_QUERY
    assert ix.search(long_but_real)[0].name == "城乡居民基本养老保险参保登记"
