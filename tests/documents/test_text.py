"""Wrapping: no line wider than its box, nothing lost, Chinese line-breaking rules kept."""

from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from counter_app.documents.paper import ensure_font, text_width
from counter_app.documents.text import NO_LINE_END, NO_LINE_START, nobreak, tokens, wrap

ensure_font()

CHARS = st.sampled_from(list("办件受理回执材料身份证明（）《》，。、；：ABCxyz0123456789-/ ") + ["申请书", "330402001-W01"])


@settings(max_examples=150, deadline=None)
@given(st.lists(CHARS, max_size=60).map("".join), st.floats(min_value=30, max_value=400))
def test_lines_fit_and_no_text_is_lost(text, width):
    lines = wrap(text, 9, width)
    for line in lines:
        assert text_width(line, 9) <= width + 1e-6 or len(line) == 1
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)


@settings(max_examples=150, deadline=None)
@given(st.lists(CHARS, min_size=1, max_size=60).map("".join), st.floats(min_value=60, max_value=300))
@example("办（（330402001-W01", 75.0)      # once left "办（（" at a line end
def test_closing_punctuation_never_starts_and_opening_never_ends_a_line(text, width):
    lines = [ln for ln in wrap(text, 9, width) if ln.strip()]
    for prev, line in zip(lines, lines[1:]):
        # allowed only where moving a run down would overflow the next line (fitting comes first)
        stuck = len(tokens(prev)) <= 1 or text_width(tokens(prev)[-1] + tokens(line)[0], 9) > width
        assert line[0] not in NO_LINE_START or stuck
        assert prev[-1] not in NO_LINE_END or stuck


def test_consecutive_opening_punctuation_moves_down_with_its_word():
    lines = wrap("办（（330402001-W01", 9, 75)
    assert all(ln[-1] not in NO_LINE_END for ln in lines[:-1]), lines
    assert "".join(lines) == "办（（330402001-W01"
    wide = wrap("受理回执材料（《申请书》）。", 9, 60)
    assert all(ln[-1] not in NO_LINE_END and ln[0] not in NO_LINE_START for ln in wide), wide


def test_case_numbers_and_links_stay_whole_when_they_fit():
    lines = wrap("办件编号：330402001-W01-20261127-0007", 9, 160)
    assert "330402001-W01-20261127-0007" in lines[-1]


def test_nobreak_keeps_a_run_together():
    text = "经营场所使用证明（房屋产权证明或租赁协议）" + nobreak("〔已收原件1份〕")
    lines = wrap(text, 8, 130)
    assert any("〔已收原件1份〕" in ln for ln in lines)
    assert "\u2060" not in "".join(lines)


def test_explicit_line_breaks_and_first_line_indent():
    assert wrap("第一行\n第二行", 9, 300) == ["第一行", "第二行"]
    one = wrap("一" * 40, 10, 200)
    indented = wrap("一" * 40, 10, 200, first_indent=20)
    assert len(indented[0]) == len(one[0]) - 2
