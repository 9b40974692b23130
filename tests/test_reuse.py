"""find_reuse on plain, hard-wrapped documents: planted verbatim and edited copies, a summary,
and unrelated documents. The texts here are fictional; other PAN tests import them."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import WriteFile
from wiretrace import CompareConfig
from wiretrace.config import PassageConfig
from wiretrace.errors import EmptyInputError
from wiretrace.model import Article, Passage
from wiretrace.reuse import find_reuse, plain_text_config

Span = tuple[int, int]

#: A 25-sentence report in four paragraphs: the source document.
LIGHTHOUSE: tuple[tuple[str, ...], ...] = (
    (  # sentences 0-6
        "The Kestrel Point lighthouse, which has stood above the harbour of Harrowmere since "
        "1871, will be restored over the next two summers.",
        "The county heritage board approved the plan last week after a long debate about the "
        "cost of the work.",
        "Engineers from the firm of Dallow and Finch surveyed the tower in the spring and found "
        "that salt water had eaten into the iron gallery.",
        "Several of the copper storm panes around the lantern room were also cracked or missing.",
        "The keeper's cottage at the foot of the tower has been empty since the light was "
        "automated in 1989.",
        "Its roof collapsed during the winter gales three years ago, and ivy now covers most of "
        "the walls.",
        "Local historians say the cottage is the last of its kind on this stretch of the coast.",
    ),
    (  # sentences 7-13
        "The restoration will be led by Imogen Tarrant, a conservation architect who grew up in "
        "the village of Selby Cross.",
        "Tarrant said the first task would be to strip the tower back to its original granite "
        "blocks.",
        "Masons will then replace the crumbling mortar with a lime mix similar to the one used "
        "by the Victorian builders.",
        "The iron gallery will be taken down in sections and carried by barge to a foundry in "
        "Pellworth for repair.",
        "New storm panes will be cut by hand from glass made to the original thickness.",
        "The great lens, a first-order Fresnel lens weighing almost four tonnes, will stay in "
        "place throughout the work.",
        "A specialist team will clean each of its prisms with soft brushes and distilled water.",
    ),
    (  # sentences 14-19
        "The board has set aside 1.8 million pounds for the project, most of it from a national "
        "fund for coastal buildings.",
        "A further 200,000 pounds must be raised by the town itself through donations and events.",
        "The harbour trust has already organised a sponsored swim across the bay and a winter "
        "lantern parade.",
        "Shopkeepers on Quay Street have placed collection tins beside their tills.",
        "Some residents have questioned whether the money would be better spent on the flood "
        "defences along the estuary.",
        "The council replied that the two schemes are paid for from separate budgets and do not "
        "compete.",
    ),
    (  # sentences 20-24
        "When the work is finished, the keeper's cottage will open as a small museum of coastal "
        "life.",
        "Visitors will be able to climb the one hundred and twelve steps to the lantern room on "
        "guided tours.",
        "The museum will display the keeper's logbooks, which record every shipwreck seen from "
        "the point since 1871.",
        "Tarrant hopes that schools from across the county will use the lighthouse for lessons "
        "about the sea.",
        "The light itself will keep shining every night while the scaffolding is up, as ships "
        "still rely on it.",
    ),
)
SENTENCES: tuple[str, ...] = tuple(s for paragraph in LIGHTHOUSE for s in paragraph)

#: A story with nothing in common with LIGHTHOUSE, in three paragraphs.
HONEY: tuple[tuple[str, ...], ...] = (
    (
        "The Wendlebury Beekeepers' Association held its annual honey show in the parish hall "
        "on Saturday.",
        "More than forty members entered jars of clear and set honey, beeswax candles and "
        "sections of comb.",
        "The judges, who travelled from three neighbouring counties, tasted every entry with a "
        "fresh wooden spoon.",
        "First prize for dark honey went to Rupert Oakes, whose hives stand at the edge of an "
        "old cherry orchard.",
        "He said the long dry summer had given his bees an unusually rich heather crop.",
        "The association also reported that two new apiaries had been set up on allotments "
        "near the railway.",
    ),
    (
        "Membership of the association has doubled in five years, according to its secretary, "
        "Lena Hobbs.",
        "Hobbs said many of the new members were young families who had moved into the "
        "district recently.",
        "Beginners are offered a course of six evening classes and a season of mentoring by an "
        "experienced keeper.",
        "The association lends out protective suits, smokers and hive tools to anyone who "
        "cannot yet afford their own.",
        "Varroa mites remain the greatest threat to local colonies, and members treat their "
        "hives twice a year.",
        "A swarm collection service runs from May to July, and volunteers answer calls within "
        "the hour.",
    ),
    (
        "Next year the honey show will move to the larger hall at Wendlebury Grange.",
        "The committee hopes to add classes for mead, photography and children's drawings of bees.",
        "Entry forms will be available from the village post office in the new year.",
        "The association meets on the first Tuesday of every month and welcomes visitors.",
    ),
)

#: Sentences 8-12, copied as they are.
VERBATIM = SENTENCES[8:13]
#: Sentences 20-23 with a few words swapped or deleted.
EDITED = (
    "When the work is done, the keeper's cottage will reopen as a small museum of coastal life.",
    "Visitors will be able to climb the one hundred and twelve steps up to the lantern room "
    "on tours.",
    "The museum will show the keeper's logbooks, which record each shipwreck seen from the "
    "point since 1871.",
    "Tarrant hopes schools from across the region will use the lighthouse for lessons about "
    "the sea.",
)
#: Two sentences summarising sentences 7-16 (one paragraph of SUMMARY_SOURCE).
SUMMARY = (
    "Architect Imogen Tarrant will strip the lighthouse tower to its granite and send the "
    "iron gallery by barge to Pellworth.",
    "The board has set aside 1.8 million pounds, and the town must raise 200,000 pounds more.",
)


def wrap(paragraphs: Sequence[Sequence[str]], width: int = 72) -> str:
    """Hard-wrap each paragraph at ``width`` columns; paragraphs apart by a blank line."""
    return "\n\n".join(textwrap.fill(" ".join(p), width) for p in paragraphs) + "\n"


def locate(text: str, first: str, last: str | None = None) -> Span:
    """The span of ``text`` from sentence ``first`` to the end of ``last`` (any wrapping)."""

    def find(sentence: str) -> re.Match[str]:
        match = re.search(r"\s+".join(map(re.escape, sentence.split())), text)
        assert match, sentence
        return match

    return find(first).start(), find(last or first).end()


def overlaps(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def covered(region: Span, span: Span) -> float:
    """The share of ``region`` inside ``span``."""
    return max(0, min(region[1], span[1]) - max(region[0], span[0])) / (region[1] - region[0])


#: The source, wrapped at 72 columns.
SOURCE = wrap(LIGHTHOUSE)
#: The copy: the verbatim and the edited sentences between paragraphs of HONEY, wrapped at a
#: different width, so that no line break falls where it does in the source.
COPY = wrap([HONEY[0], VERBATIM, HONEY[1], EDITED, HONEY[2]], width=66)
#: Only HONEY: nothing taken from the source.
UNRELATED = wrap(HONEY)
#: The planted regions: (span in COPY, span in SOURCE).
PLANTED: dict[str, tuple[Span, Span]] = {
    "verbatim": (
        locate(COPY, VERBATIM[0], VERBATIM[-1]),
        locate(SOURCE, SENTENCES[8], SENTENCES[12]),
    ),
    "edited": (locate(COPY, EDITED[0], EDITED[-1]), locate(SOURCE, SENTENCES[20], SENTENCES[23])),
}
#: A source whose second paragraph is sentences 7-16, and a copy that summarises it.
SUMMARY_SOURCE = wrap([SENTENCES[:7], SENTENCES[7:17], SENTENCES[17:]])
SUMMARY_COPY = wrap([HONEY[0], SUMMARY, HONEY[1]])


def assert_passages_sane(passages: tuple[Passage, ...], a_text: str, b_text: str) -> None:
    """Spans in bounds and not blank, passages in order of B and disjoint in B."""
    for p in passages:
        assert 0 <= p.a_span[0] < p.a_span[1] <= len(a_text)
        assert 0 <= p.b_span[0] < p.b_span[1] <= len(b_text)
        assert a_text[p.a_span[0] : p.a_span[1]].strip()
        assert b_text[p.b_span[0] : p.b_span[1]].strip()
        assert p.a_sentences[0] <= p.a_sentences[1]
        assert p.b_sentences[0] <= p.b_sentences[1]
        assert 0.0 <= p.similarity <= 1.0
        assert p.seeds >= 1
    spans = [p.b_span for p in passages]
    assert spans == sorted(spans)
    assert all(x[1] <= y[0] for x, y in pairwise(spans))


@pytest.fixture(scope="module")
def passages() -> tuple[Passage, ...]:
    return find_reuse(SOURCE, COPY, config=plain_text_config())


@pytest.mark.parametrize(
    "name",
    [
        # five source sentences copied word for word
        "verbatim",
        # four source sentences with words swapped or deleted
        "edited",
    ],
)
def test_planted_copy_is_found(passages: tuple[Passage, ...], name: str) -> None:
    in_copy, in_source = PLANTED[name]

    hits = [p for p in passages if overlaps(p.b_span, in_copy)]

    assert len(hits) == 1, passages
    (hit,) = hits
    assert overlaps(hit.a_span, in_source), (hit, in_source)
    assert covered(in_copy, hit.b_span) > 0.8
    assert covered(in_source, hit.a_span) > 0.8


def test_only_the_planted_copies_are_found(passages: tuple[Passage, ...]) -> None:
    assert_passages_sane(passages, SOURCE, COPY)
    for p in passages:
        assert any(overlaps(p.b_span, b) and overlaps(p.a_span, a) for b, a in PLANTED.values())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the copy's own text against the source
        (SOURCE, UNRELATED),
        # and the other way round
        (UNRELATED, SOURCE),
    ],
)
def test_unrelated_documents_give_no_passage(a: str, b: str) -> None:
    assert find_reuse(a, b, config=plain_text_config()) == ()


def test_summary_is_found() -> None:
    summary = locate(SUMMARY_COPY, SUMMARY[0], SUMMARY[-1])
    paragraph = locate(SUMMARY_SOURCE, SENTENCES[7], SENTENCES[16])

    passages = find_reuse(SUMMARY_SOURCE, SUMMARY_COPY, config=plain_text_config())

    assert_passages_sane(passages, SUMMARY_SOURCE, SUMMARY_COPY)
    hits = [p for p in passages if overlaps(p.b_span, summary)]
    assert hits, passages
    assert all(overlaps(p.a_span, paragraph) for p in hits)
    # Summary-shaped: much more of the source than of the copy.
    longest = max(hits, key=lambda p: p.a_span[1] - p.a_span[0])
    assert longest.a_span[1] - longest.a_span[0] >= 2 * (summary[1] - summary[0])


def test_identical_documents_are_one_passage() -> None:
    (passage,) = find_reuse(SOURCE, SOURCE, config=plain_text_config())

    assert passage.a_span == passage.b_span
    assert covered((0, len(SOURCE.rstrip())), passage.b_span) == 1.0


def test_paths_and_articles_give_the_same_passages(
    write_file: WriteFile, passages: tuple[Passage, ...]
) -> None:
    source: Path = write_file("source.txt", SOURCE)
    copy: Path = write_file("copy.txt", COPY)
    cfg = plain_text_config()

    assert find_reuse(source, copy, config=cfg) == passages
    assert find_reuse(Article(text=SOURCE), Article(text=COPY), config=cfg) == passages


def test_passage_settings_are_used() -> None:
    # No passage is 5,000 characters long on both sides.
    cfg = plain_text_config(CompareConfig(passages=PassageConfig(min_chars=5000)))

    assert find_reuse(SOURCE, COPY, config=cfg) == ()


def test_plain_text_config_keeps_the_given_settings() -> None:
    base = CompareConfig(passages=PassageConfig(min_chars=99))
    before = replace(base)

    cfg = plain_text_config(base)

    assert cfg.passages == base.passages
    assert cfg.align == base.align
    assert base == before  # not changed in place


def test_empty_input_is_an_error() -> None:
    with pytest.raises(EmptyInputError):
        find_reuse("  \n", COPY, config=plain_text_config())


def test_too_many_unit_pairs_is_a_clear_error() -> None:
    from dataclasses import replace as _replace

    from wiretrace import InputTooLargeError

    cfg = _replace(plain_text_config(), passages=PassageConfig(max_unit_pairs=10))
    text = "The tide rose. The pier closed. Boats stayed in. The storm passed. " * 4
    with pytest.raises(InputTooLargeError, match="max_unit_pairs"):
        find_reuse(text, text, config=cfg)
