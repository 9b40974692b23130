from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import WriteFile
from tests.utils.demo import demo_articles
from tests.utils.factories import assert_spans_exact, kinds, of_kind
from tests.utils.texts import BRIDGE, ORCHID, STRAY, bridge, story
from wiretrace import (
    Article,
    CompareConfig,
    Document,
    EmptyInputError,
    FindingKind,
    FindingsConfig,
    InputNotFoundError,
    Quote,
    compare,
)
from wiretrace.compare import aligned_passages
from wiretrace.config import IngestConfig

K = FindingKind
A = bridge()


def test_identical_texts() -> None:
    result = compare(A, A)

    assert result.related
    assert result.findings == ()
    assert result.verdict == "identical texts"
    assert len(result.alignments) == len(BRIDGE)
    assert result.direction.source is None
    assert result.a_coverage == result.b_coverage == 1.0
    assert_spans_exact(result)


def test_identical_apart_from_whitespace_and_boilerplate() -> None:
    b = "By Henrike Sol\n\n" + A.replace(". ", ".\n\n")

    result = compare(A, b)

    assert result.findings == ()
    assert result.verdict == "identical texts"


def test_unrelated_texts() -> None:
    result = compare(A, story(*ORCHID))

    assert not result.related
    assert result.alignments == ()
    assert result.findings == ()
    assert result.direction.source is None
    assert result.direction.confidence == 0.0
    assert "no shared text" in result.verdict
    assert result.a.sentences and result.b.sentences


def _as_input(kind: str, side: str, text: str, write_file: WriteFile) -> str | Path | Article:
    if kind == "str":
        return text
    if kind == "path":
        return write_file(f"{side}.txt", text)
    if kind == "json-path":
        return write_file(f"{side}.json", json.dumps({"text": text}))
    return Article(text=text, title="Bridge closed", outlet="Nordpress")


@pytest.mark.parametrize(
    "kind",
    [
        # the text itself
        "str",
        # a pathlib.Path to a .txt file
        "path",
        # a pathlib.Path to a .json file
        "json-path",
        # an Article object
        "article",
    ],
)
def test_accepts_str_path_and_article(write_file: WriteFile, kind: str) -> None:
    b = bridge({1: BRIDGE[1].replace("12 cracks", "21 cracks")})
    reference = compare(A, b)

    result = compare(_as_input(kind, "a", A, write_file), _as_input(kind, "b", b, write_file))

    assert result.a.text == A
    assert result.b.text == b
    assert result.findings == reference.findings
    assert result.alignments == reference.alignments
    if kind == "article":
        assert result.a.article.outlet == "Nordpress"
    if kind == "path":
        assert result.a.article.path is not None


def test_a_str_is_text_never_a_path(write_file: WriteFile) -> None:
    path = write_file("story.txt", A)

    result = compare(str(path), A)

    assert result.a.text == str(path)
    assert not result.related


@pytest.mark.parametrize(
    "value",
    [
        # an empty string
        "",
        # whitespace only
        " \n\t ",
        # an Article with no text
        Article(text="   "),
    ],
)
def test_empty_input(value: str | Article) -> None:
    with pytest.raises(EmptyInputError):
        compare(value, A)
    with pytest.raises(EmptyInputError):
        compare(A, value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        compare(tmp_path / "absent.txt", A)


def test_docstring_example() -> None:
    result = compare("Police said 12 people died.", "Police said 21 people died.")

    assert [f.kind.value for f in result.findings] == ["number_changed"]


# --------------------------------------------------------------------------- finding kinds

CASES = [
    # a figure changed: 12 -> 21
    pytest.param(
        bridge({1: BRIDGE[1].replace("12 cracks", "21 cracks")}),
        K.NUMBER_CHANGED,
        "12",
        "21",
        id="number",
    ),
    # a weekday changed
    pytest.param(
        bridge({0: BRIDGE[0].replace("Monday", "Wednesday")}),
        K.DATE_CHANGED,
        "Monday",
        "Wednesday",
        id="weekday",
    ),
    # a first name misspelled into another name
    pytest.param(
        A.replace("Marta Keller", "Marina Keller"),
        K.ENTITY_CHANGED,
        "Marta",
        "Marina",
        id="name-variant",
    ),
    # a different official named as the speaker: the quote is given to someone else (an
    # attribution change, not also a name change)
    pytest.param(
        A.replace("Jonas Pell", "Dieter Strand"),
        K.ATTRIBUTION_CHANGED,
        "Jonas Pell",
        "Dieter Strand",
        id="other-official",
    ),
    # the end of a quotation cut
    pytest.param(
        bridge({2: '"We cannot take any chances with public safety," Keller told reporters.'}),
        K.QUOTE_TRIMMED,
        "and the repairs will take time",
        "We cannot take any chances with public safety",
        id="quote-trimmed",
    ),
    # words inside a quotation changed
    pytest.param(
        bridge(
            {
                2: '"We cannot take any risks with public safety, and the repairs will take '
                'months," Keller told reporters.'
            }
        ),
        K.QUOTE_ALTERED,
        "chances",
        "risks",
        id="quote-altered",
    ),
    # reported speech turned into a direct quote
    pytest.param(
        bridge(
            {
                1: '"Engineers have found 12 cracks in two of the bridge\'s support piers," '
                "said Marta Keller."
            }
        ),
        K.QUOTE_FABRICATED,
        "said engineers had found",
        "Engineers have found",
        id="quote-fabricated",
    ),
    # "the agency quoted X as saying" became "X said"
    pytest.param(
        bridge({3: 'Jonas Pell said the closure was "regrettable but necessary".'}),
        K.ATTRIBUTION_DROPPED,
        "Nordpress agency quoted",
        "Jonas Pell",
        id="attribution-dropped",
    ),
    # "may" became "will"
    pytest.param(
        bridge({4: BRIDGE[4].replace("may cost", "will cost")}),
        K.HEDGE_CHANGED,
        "may",
        "will",
        id="hedge",
    ),
    # "did not approve" became "approved"
    pytest.param(
        bridge({5: "The council approved a request from local hauliers for a temporary detour."}),
        K.NEGATION_CHANGED,
        "not",
        "approved",
        id="negation",
    ),
    # a sentence of B with no counterpart in A
    pytest.param(
        story(*BRIDGE, STRAY),
        K.UNSUPPORTED_ADDITION,
        None,
        "herring festival",
        id="addition",
    ),
    # a sentence of A left out of B
    pytest.param(
        bridge(drop=(6,)),
        K.OMISSION,
        "built in 1962",
        None,
        id="omission",
    ),
]


@pytest.mark.parametrize(("b", "kind", "a_part", "b_part"), CASES)
def test_finding_kind_fires(
    b: str, kind: FindingKind, a_part: str | None, b_part: str | None
) -> None:
    result = compare(A, b)

    assert result.related
    assert_spans_exact(result)
    found = of_kind(result, kind)
    assert found, f"no {kind.value}; got {sorted(k.value for k in kinds(result))}"
    assert any(
        (a_part is None or (f.a_text is not None and a_part in f.a_text))
        and (b_part is None or (f.b_text is not None and b_part in f.b_text))
        for f in found
    ), [(f.a_text, f.b_text) for f in found]


@pytest.mark.parametrize(("b", "kind", "a_part", "b_part"), CASES)
def test_finding_kind_is_the_only_change(
    b: str, kind: FindingKind, a_part: str | None, b_part: str | None
) -> None:
    # each edit is a single change, so no unrelated kind should be reported
    extra = kinds(compare(A, b)) - {kind}
    if kind in {K.ENTITY_CHANGED, K.ATTRIBUTION_DROPPED}:
        # a different speaker is also a different attribution
        extra -= {K.ATTRIBUTION_CHANGED}
    assert extra == set()


def test_attribution_changed_when_a_quote_gets_another_speaker() -> None:
    b = bridge({2: BRIDGE[2].replace("Keller told reporters", "Mayor Ilse Varga told reporters")})

    result = compare(A, b)

    found = of_kind(result, K.ATTRIBUTION_CHANGED)
    assert found
    assert "Keller" in (found[0].a_text or "")
    assert "Ilse Varga" in (found[0].b_text or "")


#: A story with edits that change nothing of substance.
CALM = (
    "The town council of Brennick voted on March 3 to close the old Alder Street bridge.",
    "Council leader Marta Keller said engineers found cracks in nearly 300 places along "
    "two of the bridge's support piers.",
    '"We cannot take any chances with public safety," Keller told reporters.',
    "Keller's fiancee, the architect Ilse Varga, designed the replacement footbridge.",
    "The bridge, built in 1962, carries about 4,000 vehicles a day.",
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a hedge word swapped for a synonym
        ("nearly 300", "almost 300"),
        # straight quotes made typographic
        (
            '"We cannot take any chances with public safety,"',
            "“We cannot take any chances with public safety,”",
        ),
        # a straight apostrophe made typographic
        ("bridge's", "bridge’s"),
        # an accent added
        ("fiancee", "fiancée"),
        # day and month swapped in order
        ("March 3", "3 March"),
        # a comma dropped and spacing changed
        ("The bridge, built in 1962, carries", "The bridge,  built in 1962 carries"),
    ],
)
def test_harmless_edits_are_not_flagged(old: str, new: str) -> None:
    a = story(*CALM)
    assert old in a
    b = a.replace(old, new)

    result = compare(a, b)

    assert result.related
    assert result.findings == (), [(f.kind.value, f.a_text, f.b_text) for f in result.findings]


def test_a_dropped_clause_is_not_a_hedge_change() -> None:
    # B paraphrases the first clause and leaves out "the repair work is expected to last"
    first = "The town council of Brennick voted on Monday to close the old Alder Street bridge."
    last = "Council leader Marta Keller said the closure would hurt local hauliers."
    a = story(
        first,
        "Engineers found cracks in two support piers during a routine inspection last month, "
        "and the repair work is expected to last until the autumn.",
        last,
    )
    b = story(
        first,
        "During a routine check last month, inspectors discovered fissures in two of the "
        "piers that support the crossing.",
        last,
    )

    result = compare(a, b)

    assert result.related
    assert K.HEDGE_CHANGED not in kinds(result)


# --------------------------------------------------------------------------- the rest


def test_findings_are_sorted_by_position_in_b() -> None:
    b = bridge(
        {
            0: BRIDGE[0].replace("Monday", "Wednesday"),
            1: BRIDGE[1].replace("12 cracks", "21 cracks"),
            4: BRIDGE[4].replace("may cost", "will cost"),
        }
    )

    result = compare(A, b)

    starts = [f.b_span[0] for f in result.findings if f.b_span]
    assert starts == sorted(starts)
    assert {K.DATE_CHANGED, K.NUMBER_CHANGED, K.HEDGE_CHANGED} <= kinds(result)


def test_min_confidence_filters_findings() -> None:
    b = bridge({1: BRIDGE[1].replace("12 cracks", "21 cracks")})
    strict = CompareConfig(findings=FindingsConfig(min_confidence=1.0))

    assert compare(A, b).findings
    assert compare(A, b, config=strict).findings == ()


def test_custom_attributor_is_passed_through() -> None:
    calls: list[str] = []

    class Recording:
        def attribute(self, doc: Document, quotes: list[Quote]) -> list[Quote]:
            calls.append(doc.text)
            return quotes

    compare(A, A, attributor=Recording())

    assert calls == [A, A]


def test_deterministic() -> None:
    b = story(*BRIDGE[1:], STRAY).replace("12 cracks", "21 cracks")

    assert compare(A, b) == compare(A, b)


REWRITE = story(
    BRIDGE[0],
    BRIDGE[1],
    '"We cannot take any chances with public safety," Keller told reporters.',
    'Jonas Pell said the closure was "regrettable but necessary".',
    *BRIDGE[4:],
    STRAY,
)


def test_rewrite_points_back_to_its_source() -> None:
    # B trims a quote, drops the agency and adds a sentence: B copied A
    direction = compare(A, REWRITE).direction

    assert direction.source == "a"
    assert direction.reasons
    assert 0.0 < direction.confidence <= 1.0


def test_direction_does_not_depend_on_argument_order() -> None:
    # the same pair given the other way round: now B is the source
    direction = compare(REWRITE, A).direction

    assert direction.source == "b"
    assert 0.0 < direction.confidence <= 1.0


def test_boilerplate_does_not_become_findings() -> None:
    furnished = (
        "By Henrike Sol\n"
        f"{A}\n\n"
        "READ ALSO:\n"
        "Ferry timetable changes for the summer season\n"
        "New cycle lane opens along the harbour front\n"
    )

    result = compare(A, furnished)

    assert result.findings == ()
    assert [bp.reason.value for bp in result.b.boilerplate] == ["byline", "related_links"]


def test_direction_reasons_count_in_words() -> None:
    # "1 specific details" / "1 attribution(s)": one of a thing is singular
    reasons = [
        reason
        for pair in ((A, REWRITE), (REWRITE, A))
        for reason in compare(*pair).direction.reasons
    ]

    assert reasons
    assert not [r for r in reasons if "(s)" in r or re.search(r"\b1 specific details\b", r)]


def test_aligned_passages_agree_with_compare() -> None:
    articles = [*demo_articles(), A, story(*BRIDGE[:2], STRAY)]
    for query in articles[:4]:
        got = aligned_passages(query, articles)
        want = []
        for other in articles:
            result = compare(query, other)
            want.append((result.related, len(result.alignments) if result.related else 0))
        assert got == want
    # unrelated, related and identical pairs are all among them
    assert {related for related, _ in got} == {True, False}


def test_aligned_passages_windowed_pair_goes_through_compare() -> None:
    cfg = CompareConfig(ingest=IngestConfig(max_compare_chars=200))
    long_a, long_b = bridge(), story(*BRIDGE[:3], STRAY)
    result = compare(long_a, long_b, config=cfg)
    assert aligned_passages(long_a, [long_b], config=cfg) == [
        (result.related, len(result.alignments) if result.related else 0)
    ]
