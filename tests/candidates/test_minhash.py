"""Shingles, MinHash signatures and the LSH index: determinism and tolerance tests."""

from __future__ import annotations

import random

import numpy as np
import pytest

from wiretrace import ConfigError
from wiretrace.candidates import MinhashLSHIndex, MinhashSignature, containment, shingles
from wiretrace.config import CandidatesConfig

WORDS = (
    "harbour council storm bridge ferry river quay mayor budget vote road school flood "
    "police report week night north south coast town market rail strike union fishing"
).split()


def text(seed: int, n: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 99)) for _ in range(n))


def test_shingles_are_stable_and_folded() -> None:
    a = shingles("The Council met on Monday, said Mayor Keller.")
    b = shingles("the council met on monday said mayor keller")
    assert np.array_equal(a, b)
    assert len(shingles("too short")) == 1
    assert len(shingles("")) == 0


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        # half the words replaced: Jaccard of 5-word shingles is far below 0.5
        (0.5, None),
        # a copy with its tail cut: containment of the copy in the source is 1
        (1.0, 1.0),
    ],
)
def test_containment(keep: float, expected: float | None) -> None:
    source = text(1)
    words = source.split()
    copy = " ".join(words[: int(len(words) * 0.6)]) if keep == 1.0 else text(2)
    value = containment(shingles(copy), shingles(source))
    if expected is None:
        assert value < 0.05
    else:
        assert value == pytest.approx(expected)


def test_signature_estimates_jaccard_within_tolerance() -> None:
    sig = MinhashSignature(CandidatesConfig(num_hashes=256, num_bands=32))
    source = text(3).split()
    copy = source[:200] + text(4, 100).split()  # shares the first 200 of 300 words
    a, b = shingles(" ".join(source)), shingles(" ".join(copy))
    true = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    estimate = MinhashSignature.jaccard(sig.signature(a), sig.signature(b))
    assert true - 0.1 < estimate < true + 0.1


def test_signatures_are_deterministic_for_a_seed() -> None:
    s = shingles(text(5))
    one = MinhashSignature(CandidatesConfig(seed=7)).signature(s)
    two = MinhashSignature(CandidatesConfig(seed=7)).signature(s)
    other = MinhashSignature(CandidatesConfig(seed=8)).signature(s)
    assert np.array_equal(one, two) and not np.array_equal(one, other)


def test_lsh_finds_near_copies_and_not_strangers() -> None:
    cfg = CandidatesConfig()
    sig = MinhashSignature(cfg)
    index = MinhashLSHIndex(cfg)
    for k in range(50):
        index.insert(f"doc{k}", sig.signature(shingles(text(100 + k))))
    near = text(107).split()
    near[10:15] = ["changed", "words", "in", "the", "middle"]
    found = index.query(sig.signature(shingles(" ".join(near))))
    assert "doc7" in found
    assert len(found) <= 2
    assert len(index) == 50


def test_config_rules() -> None:
    with pytest.raises(ConfigError, match="multiple of"):
        CandidatesConfig(num_hashes=100, num_bands=32)
    assert CandidatesConfig().hashes_per_band == 4
    assert str(CandidatesConfig()) != str(CandidatesConfig(seed=2))
