"""Windows for very long pairs: runs of A's sentences and the stretch of B they meet."""

from __future__ import annotations

import itertools

from tests.cli.test_readable import HARBOUR
from tests.utils.factories import make_document
from tests.utils.texts import BRIDGE, ORCHID, POOL
from wiretrace.align.windows import pair_windows, sentence_windows

#: A long fictional text: every sentence once (no sentence repeats, so 4-grams anchor).
LONG = (*BRIDGE, *POOL, *HARBOUR)


def test_sentence_windows_cover_every_sentence_in_bounded_runs() -> None:
    doc = make_document(" ".join(LONG))
    windows = sentence_windows(doc, 400)
    assert windows[0][0] == 0 and windows[-1][1] == len(doc.sentences)
    assert all(hi == lo for (_, hi), (lo, _) in itertools.pairwise(windows))
    for lo, hi in windows:
        size = sum(s.end - s.start for s in doc.sentences[lo:hi])
        assert size <= 400 or hi - lo == 1  # a longer sentence is a window of its own


def test_windows_follow_moved_text_to_where_b_has_it() -> None:
    # B tells the second half first: A's last windows must meet B's first sentences
    half = len(LONG) // 2
    a = make_document(" ".join(LONG))
    b = make_document(" ".join(LONG[half:] + LONG[:half]))
    windows = pair_windows(a, b, 500)
    assert len(windows) > 4
    moved = len(b.sentences) - half  # where A's first sentence sits in B
    assert len(a.sentences) == len(LONG)
    for w in windows:
        if w.a_lo < half < w.a_hi:
            continue  # the window straddles the seam: B has its two parts apart
        wanted = {i + moved if i < half else i - half for i in range(w.a_lo, w.a_hi)}
        assert wanted <= set(range(w.b_lo, w.b_hi)), w
        b_size = sum(s.end - s.start for s in b.sentences[w.b_lo : w.b_hi])
        assert b_size <= 3 * 500 + max(s.end - s.start for s in b.sentences)


def test_without_shared_wording_a_window_meets_the_same_relative_stretch() -> None:
    a = make_document(" ".join(LONG))
    b = make_document(" ".join(ORCHID * 3))  # nothing in common: no anchors
    windows = pair_windows(a, b, 500)
    assert [w.b_lo for w in windows] == sorted(w.b_lo for w in windows)
    assert all(0 <= w.b_lo < w.b_hi <= len(b.sentences) for w in windows)
    assert pair_windows(a, make_document(" ".join(ORCHID)), 500) == pair_windows(
        a, make_document(" ".join(ORCHID)), 500
    )  # deterministic
