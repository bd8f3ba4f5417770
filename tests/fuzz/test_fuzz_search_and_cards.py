"""Fuzzing what a clerk types and what a reader hands over (issue 14).

Search strings: empty, whitespace, 10,000 characters, control characters, emoji, SQL-looking,
full-width, lone surrogates (from undecodable argv bytes). Property: a list of hits from the
catalog, or the "type something" message for an empty query; never an exception, never a change
to the station. Card input as the CLI reads it (hex text, any bytes): a card or a message.
CI: FUZZ_EXAMPLES (default 60) per test; the hardening run used FUZZ_EXAMPLES=1500.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.errors import UserError
from counter_app.i18n import Translator

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
ZH = Translator("zh_CN")

PIECES = st.one_of(
    st.text(max_size=30), st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=10),
    st.text(st.characters(categories=["Cc"]), max_size=5), st.text(st.characters(min_codepoint=0x1F300,
                                                                                   max_codepoint=0x1FAFF), max_size=5),
    st.sampled_from(["'; DROP TABLE service_item; --", "\" OR 1=1 --", "%", "_", "\\", "*", "?", "[", "(", "%%' --",
                     "gtgsh", "ＳＰＪＹ", "\ud800", "\udcff", "\u200b", "\ufeff", " ", "\t\n", "个体户 zx"]),
    st.builds(lambda s, n: (s * n)[:10_000], st.text(min_size=1, max_size=3), st.just(10_000)),
)
QUERIES = st.lists(PIECES, max_size=5).map("".join)


@pytest.fixture(scope="module")
def view_and_store(tmp_path_factory):
    from counter_app.services.catalog_io import import_catalog
    from counter_app.services.catalog_view import CatalogView
    from counter_app.store.database import Store
    from tests.conftest import MINI_CATALOG

    store = Store(tmp_path_factory.mktemp("search") / "station")
    import_catalog(store=store, path=MINI_CATALOG)
    yield CatalogView.load(store), store
    store.close()


@settings(max_examples=EXAMPLES * 4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(QUERIES, st.integers(1, 50), st.booleans())
def test_any_search_string_gives_hits_or_a_message(view_and_store, query, limit, items_only):
    view, store = view_and_store
    before = store.path.read_bytes()
    try:
        hits = view.search(query, limit, items_only=items_only)
    except UserError as exc:
        assert exc.key == "search.empty_query" and not query.strip()
        assert ZH.error(exc) != exc.key
    else:
        assert len(hits) <= limit
        assert all(view.item(h.code) is not None or view.bundle(h.code) is not None for h in hits)
    assert store.path.read_bytes() == before


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "surrogateescape")),
                 st.binary(min_size=256, max_size=256).map(bytes.hex),
                 st.binary(min_size=256, max_size=256).map(lambda b: b.hex(" ").upper())))
def test_any_card_text_gives_a_card_or_a_message(text):
    from counter_app.cards.decode import decode_hex

    try:
        decode_hex(text)
    except UserError as exc:
        assert exc.key.startswith("cards.") and ZH.error(exc) != exc.key
