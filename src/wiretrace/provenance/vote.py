"""Which of two copies of one text is the source when no publication times order them: a
scored vote of textual cues, undecided when the evidence is weak.

Each cue adds a signed weight (positive: the first text is the source):

- **wire credit** (``WIRE_CREDIT_WEIGHT``): a wire's own credit dateline, "PLACE (Agency)
  —", is on the text a wire service sent; rewrites drop it or put the credit in the
  place's stead. Only the side that has it while the other has none counts.
- **credit to the other** (``CREDIT_WEIGHT``): a copy credits its source where a wire
  has its dateline, "(Agency) –" opening a line, or names the other's outlet ("Japan
  News", "The Hindu") while the other does not name its own. Only the side that credits
  while the other does not counts.
- **carried by the others** (``CARRIED_WEIGHT``, ``CARRIED_MARGIN``): the story's other
  articles copy the source, so they carry more of it (the sum, over the articles whose
  sentences align in order with it, of the share of its text they cover). The pair's own
  alignment is left out, so a story of two has no such cue.
- **figures** (``FIGURES_WEIGHT``): a copy keeps a part of its source's figures; the text
  holding more figures that the other lacks is the source. Half a vote: an update or a
  write-through adds later figures as often as a condensed copy drops them.
- **update note** (``UPDATE_NOTE_WEIGHT``): "This story has been updated with new
  developments.", "Editor's note: ...": a page that says it was revised is the later
  version, and copies of a wire carry the note their page added (a page's own time
  stamp, "updated at 19:20", is no such note: copies drop it).
  Only the side that has one while the other has none counts.
- **rising toll** (``TOLL_WEIGHT``): in sentences the two texts share, a count of the
  dead, injured, missing, displaced or arrested that is higher on one side: such tolls
  only rise as a story is updated, so the text with the higher one is the later version
  (a write-through that keeps its source's sentences and raises the toll). The cue
  counts the matched sentences whose toll rose against those where it fell.
- **compare's direction** (``COMPARE_WEIGHT``, from ``WEAK_TEXT_DIRECTION``): trimmed
  quotes, dropped attribution, specific details (``provenance.direction``).
- **spinner's words** (``RARITY_WEIGHT``, ``RARITY_MARGIN``): in a spun copy (most of
  both texts aligned in order), a synonym spinner swaps common words for rarer ones, so
  the words that differ between matched sentences are rarer (``text.rarity``) on the copy.

The sum decides when it reaches ``DECISION_MARGIN``; below it the direction is unknown and
the edge says so. Weights and margins were chosen on the odd half of the real-news dev
set, measured one by one and together (eval/README.md), and checked on its even half and
on ``synthetic.harder``; re-run ``make eval-news`` and ``make eval-gate`` after changing
one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from wiretrace.model import Document
from wiretrace.provenance.alignment import StoryAligner
from wiretrace.provenance.direction import wire_credits as wire_credits
from wiretrace.text.rarity import language_idf

#: A copy's credit in the dateline's stead: a line that opens with "(Agency) –" or
#: "(Agency):", no place before it.
_CREDIT_IN_PLACE = re.compile(r"(?m)^[ \t]*\([A-Z][\w .&'’-]{1,30}\)[ \t]*[:—–-]")
#: Runs of adjacent words that open with a capital ("The Japan News", "Reuters").
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]*(?:[ \t]+[A-Z][A-Za-z]*)*")
#: A note that the page was revised: "This story has been updated ...", "This article was
#: corrected", "Editor's note:" (the editors' notes of ``clean.boilerplate``, found inside
#: a line too: scraped pages run lines together). Not a page's own time stamp, "(updated
#: at 19:20 JST)": that is the source's, and copies drop it.
_UPDATE_NOTE = re.compile(
    r"\bthis\s+(?:story|article|report)\s+(?:has\s+been|was)\s+(?:updated|corrected)\b"
    r"|\beditor(?:'|’)?s['’]?\s+note\b",
    re.IGNORECASE,
)
#: A toll: a count, up to three words, then what it counts ("126 people were killed",
#: "188 others were injured"), or a death toll's verb then the count ("the death toll
#: rose to 72").
_TOLL = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z]+\s+){0,3}?"
    r"(?P<what>killed|dead|died|deaths|fatalities|injured|wounded|hurt|injuries|missing"
    r"|displaced|evacuated|homeless|arrested|detained)\b"
    r"|\bdeath\s+toll\s+(?:[a-z]+\s+){0,4}?(?P<n2>\d{1,3}(?:,\d{3})+|\d+)\b",
    re.IGNORECASE,
)
#: What a toll counts, by the word after its figure.
_TOLL_KIND = {
    "killed": "dead", "dead": "dead", "died": "dead", "deaths": "dead", "fatalities": "dead",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured",
    "missing": "missing", "displaced": "displaced", "evacuated": "displaced",
    "homeless": "displaced", "arrested": "arrested", "detained": "arrested",
}  # fmt: skip
#: Figures: digit runs with their inner separators ("7.4", "1,200", "2025").
_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?")

WIRE_CREDIT_WEIGHT = 2.0
CREDIT_WEIGHT = 2.0
#: An outlet's name counts as a credit only when it is this rare in the language
#: (``language_idf``, 9 - zipf: "people" 2.8, "times" 3.4, "reuters" 5.1, "yomiuri" 6.9).
CREDIT_NAME_RARITY = 5.0
CARRIED_WEIGHT = 1.5
#: Carried shares closer than this (in texts' worth) are not a cue.
CARRIED_MARGIN = 0.1
FIGURES_WEIGHT = 0.5
UPDATE_NOTE_WEIGHT = 2.0
TOLL_WEIGHT = 2.0
COMPARE_WEIGHT = 1.0
#: ``compare``'s direction counts from this confidence (weaker verdicts split evenly).
WEAK_TEXT_DIRECTION = 0.45
RARITY_WEIGHT = 1.0
#: Mean rarities (log10 units, ``language_idf``) closer than this are not a cue.
RARITY_MARGIN = 0.2
#: Both texts must have this share of their characters aligned in order for the
#: spinner's cue (a spun copy keeps every sentence).
SPUN_SHARE = 0.5
#: A sum of weights at least this far from zero decides the direction.
DECISION_MARGIN = 1.0


@dataclass(frozen=True, slots=True)
class Vote:
    """The cues' verdict on "the first text is the source".

    Attributes:
        score: Sum of the signed weights (positive: the first text is the source).
        reasons: One line per cue that voted, strongest first, naming the side it favours
            as "first"/"second" (the caller names the articles).
    """

    score: float
    reasons: tuple[str, ...]

    @property
    def decided(self) -> bool:
        """Whether the evidence reaches ``DECISION_MARGIN``."""
        return abs(self.score) >= DECISION_MARGIN


def outlet_key(outlet: str | None) -> str | None:
    """The name an outlet is credited by, lowercased and run together: the registrable
    label of a domain ("japannews.yomiuri.co.jp" -> "yomiuri", "thehindu.com" ->
    "thehindu") or the words of a name ("The Hindu" -> "thehindu"); None when shorter
    than 4 letters or a common word (people.cn, news.az: "People" opens sentences of
    its own)."""
    if not outlet:
        return None
    text = outlet.strip().lower()
    if "." in text and " " not in text:
        labels = [p for p in text.split(".")[:-1] if len(p) > 3 and p != "www"]
        text = labels[-1] if labels else ""
    key = "".join(c for c in text if c.isalpha())
    if len(key) < 4 or language_idf(key) < CREDIT_NAME_RARITY:
        return None
    return key


def credits(doc: Document, other: Document) -> bool:
    """Whether ``doc`` credits a source: "(Agency) –" opening a line, or the name of
    ``other``'s outlet written with capitals (one to three words run together: "The
    Hindu" for thehindu.com)."""
    if _CREDIT_IN_PLACE.search(doc.article.text):
        return True
    key = outlet_key(other.article.outlet)
    if key is None or key == outlet_key(doc.article.outlet):
        return False
    return _names(doc.article.text, key)


def _names(text: str, key: str) -> bool:
    """Whether ``text`` writes the outlet key ``key`` as one to three capitalised words
    run together."""
    return key in _written_names(text)


def _written_names(text: str) -> set[str]:
    """Every run of one to three adjacent capitalised words of ``text``, lowercased and
    joined without spaces: the keys ``credits`` finds written in it."""
    out: set[str] = set()
    for run in _CAPITALISED.finditer(text):
        words = run.group().lower().split()
        for n in range(len(words)):
            joined = ""
            for word in words[n : n + 3]:
                joined += word
                out.add(joined)
    return out


def update_note(doc: Document) -> bool:
    """Whether the text says its page was revised ("This story has been updated", an
    editor's note), anywhere in it."""
    return _UPDATE_NOTE.search(doc.text) is not None


def tolls(text: str) -> dict[str, int]:
    """The highest count of each kind of toll a sentence gives ("126 people were killed"
    -> {"dead": 126}); kinds per ``_TOLL_KIND``."""
    out: dict[str, int] = {}
    for m in _TOLL.finditer(text):
        if m.group("n2"):
            kind, raw = "dead", m.group("n2")
        else:
            kind, raw = _TOLL_KIND[m.group("what").lower()], m.group("n")
        value = int(raw.replace(",", ""))
        out[kind] = max(out.get(kind, 0), value)
    return out


def toll_shift(aligner: StoryAligner, first: int, second: int) -> int:
    """Matched sentences whose toll is higher on ``second`` minus those where it is
    higher on ``first`` (each kind of toll a sentence pair shares counts once).

    Args:
        aligner: The story's sentence vectors; ``first`` and ``second`` index its docs.
    """
    return _memo(aligner).toll_shift(first, second)


def _toll_shift(
    matches: list[tuple[int, int]],
    first_tolls: list[dict[str, int]],
    second_tolls: list[dict[str, int]],
) -> int:
    shift = 0
    for row, col in matches:
        a, b = first_tolls[col], second_tolls[row]
        for kind in a.keys() & b.keys():
            if a[kind] != b[kind]:
                shift += 1 if b[kind] > a[kind] else -1
    return shift


def _sentence(doc: Document, index: int) -> str:
    sentence = doc.sentences[index]
    return doc.text[sentence.start : sentence.end]


def figures(doc: Document) -> set[str]:
    """The figures (digit runs) of the document's sentences, boilerplate left out."""
    out: set[str] = set()
    for s in doc.sentences:
        out.update(_FIGURE.findall(doc.text[s.start : s.end]))
    return out


def swapped_rarity(aligner: StoryAligner, first: int, second: int) -> float | None:
    """Mean rarity of the words only ``second`` has in its matched sentences minus that of
    the words only ``first`` has (positive: ``second`` uses the rarer words). None with
    fewer than three such words on a side.

    Args:
        aligner: The story's sentence vectors; ``first`` and ``second`` index its docs.
    """
    return _memo(aligner).swapped_rarity(first, second)


def _swapped_rarity(
    matches: list[tuple[int, int]], first_words: list[set[str]], second_words: list[set[str]]
) -> float | None:
    only_first: list[float] = []
    only_second: list[float] = []
    for row, col in matches:
        a, b = first_words[col], second_words[row]
        only_first += [language_idf(w) for w in a - b if w.isalpha()]
        only_second += [language_idf(w) for w in b - a if w.isalpha()]
    if len(only_first) < 3 or len(only_second) < 3:
        return None
    return sum(only_second) / len(only_second) - sum(only_first) / len(only_first)


class _StoryCues:
    """The per-document inputs of the cues for one story's documents, each computed on
    first use and kept: ``vote`` runs on many pairs of the same documents (a story of 50
    undated copies asks ~1,000 votes), and each cue but the carried share reads each
    document, sentence or pair alone. The cues are the same as computed afresh.

    Args:
        aligner: The story's aligner (its documents and sentence cosines).
    """

    def __init__(self, aligner: StoryAligner) -> None:
        self.aligner = aligner
        self.docs = aligner.docs
        self._wire: dict[int, int] = {}
        self._in_place: dict[int, bool] = {}
        self._outlet: dict[int, str | None] = {}
        self._written: dict[int, set[str]] = {}
        self._noted: dict[int, bool] = {}
        self._figures: dict[int, set[str]] = {}
        self._tolls: dict[int, list[dict[str, int]]] = {}
        self._words: dict[int, list[set[str]]] = {}
        self._matches: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._shifts: dict[tuple[int, int], int] = {}
        self._rarity: dict[tuple[int, int], float | None] = {}

    def wire_credits(self, k: int) -> int:
        """``wire_credits(docs[k])``."""
        if k not in self._wire:
            self._wire[k] = wire_credits(self.docs[k])
        return self._wire[k]

    def credits(self, k: int, other: int) -> bool:
        """``credits(docs[k], docs[other])``."""
        if k not in self._in_place:
            self._in_place[k] = _CREDIT_IN_PLACE.search(self.docs[k].article.text) is not None
        if self._in_place[k]:
            return True
        key = self._outlet_key(other)
        if key is None or key == self._outlet_key(k):
            return False
        if k not in self._written:
            self._written[k] = _written_names(self.docs[k].article.text)
        return key in self._written[k]

    def _outlet_key(self, k: int) -> str | None:
        if k not in self._outlet:
            self._outlet[k] = outlet_key(self.docs[k].article.outlet)
        return self._outlet[k]

    def update_note(self, k: int) -> bool:
        """``update_note(docs[k])``."""
        if k not in self._noted:
            self._noted[k] = update_note(self.docs[k])
        return self._noted[k]

    def figures(self, k: int) -> set[str]:
        """``figures(docs[k])`` (not to be changed by the caller)."""
        if k not in self._figures:
            self._figures[k] = figures(self.docs[k])
        return self._figures[k]

    def matches(self, source: int, copy: int) -> list[tuple[int, int]]:
        """``aligner.matches(source, copy)``."""
        if (source, copy) not in self._matches:
            self._matches[(source, copy)] = self.aligner.matches(source, copy)
        return self._matches[(source, copy)]

    def toll_shift(self, first: int, second: int) -> int:
        """``toll_shift(aligner, first, second)``."""
        key = (first, second)
        if key not in self._shifts:
            self._shifts[key] = _toll_shift(
                self.matches(first, second),
                self._sentence_tolls(first),
                self._sentence_tolls(second),
            )
        return self._shifts[key]

    def swapped_rarity(self, first: int, second: int) -> float | None:
        """``swapped_rarity(aligner, first, second)`` (a pair's vote is asked up to four
        times: with no compare cue, with one either way, and with compare's)."""
        key = (first, second)
        if key not in self._rarity:
            self._rarity[key] = _swapped_rarity(
                self.matches(first, second),
                self._sentence_words(first),
                self._sentence_words(second),
            )
        return self._rarity[key]

    def _sentence_tolls(self, k: int) -> list[dict[str, int]]:
        if k not in self._tolls:
            doc = self.docs[k]
            self._tolls[k] = [tolls(_sentence(doc, n)) for n in range(len(doc.sentences))]
        return self._tolls[k]

    def _sentence_words(self, k: int) -> list[set[str]]:
        # ``_words`` of each sentence, from the tokens the aligner holds
        if k not in self._words:
            self._words[k] = [{t.norm for t in toks} for toks in self.aligner.tokens[k]]
        return self._words[k]


#: The kept cue inputs of each live aligner (dropped with it).
_MEMOS: WeakKeyDictionary[StoryAligner, _StoryCues] = WeakKeyDictionary()


def _memo(aligner: StoryAligner) -> _StoryCues:
    memo = _MEMOS.get(aligner)
    if memo is None:
        memo = _MEMOS[aligner] = _StoryCues(aligner)
    return memo


def vote(
    aligner: StoryAligner,
    first: int,
    second: int,
    *,
    carried: tuple[float, float],
    compared: tuple[str | None, float],
) -> Vote:
    """Weigh the textual cues for "``first`` is the source of ``second``".

    Args:
        aligner: The story's aligner; ``first`` and ``second`` index its docs.
        carried: How much of each text the story's *other* articles carry (texts' worth:
            a sum of covered shares), the pair's own alignment left out.
        compared: ``compare``'s direction, ("a" for ``first``, "b" or None; confidence
            0..1); it counts from ``WEAK_TEXT_DIRECTION``.

    Returns:
        The ``Vote``; its ``decided`` says whether the direction is known.
    """
    memo = _memo(aligner)
    cues: list[tuple[float, str]] = []
    credit_a, credit_b = memo.wire_credits(first), memo.wire_credits(second)
    if bool(credit_a) != bool(credit_b):
        side = "first" if credit_a else "second"
        cues.append(
            (
                WIRE_CREDIT_WEIGHT if credit_a else -WIRE_CREDIT_WEIGHT,
                f"the {side} text keeps the wire's credit dateline, which rewrites drop",
            )
        )
    credited_a = memo.credits(first, second)
    credited_b = memo.credits(second, first)
    if credited_a != credited_b:
        side = "first" if credited_a else "second"
        cues.append(
            (
                -CREDIT_WEIGHT if credited_a else CREDIT_WEIGHT,
                f"the {side} text credits a source (the other's outlet by name, or the "
                "agency where the dateline was), as copies do",
            )
        )
    noted_a, noted_b = memo.update_note(first), memo.update_note(second)
    if noted_a != noted_b:
        side = "first" if noted_a else "second"
        cues.append(
            (
                -UPDATE_NOTE_WEIGHT if noted_a else UPDATE_NOTE_WEIGHT,
                f"the {side} text says its page was revised (an update or editor's note): "
                "the later version",
            )
        )
    if abs(carried[0] - carried[1]) >= CARRIED_MARGIN:
        sign = 1.0 if carried[0] > carried[1] else -1.0
        side = "first" if sign > 0 else "second"
        cues.append(
            (
                sign * CARRIED_WEIGHT,
                f"the story's other articles carry more of the {side} text "
                f"({max(carried):.2f} against {min(carried):.2f})",
            )
        )
    figs_a, figs_b = memo.figures(first), memo.figures(second)
    extra_a, extra_b = len(figs_a - figs_b), len(figs_b - figs_a)
    if extra_a != extra_b:
        side = "first" if extra_a > extra_b else "second"
        cues.append(
            (
                FIGURES_WEIGHT if extra_a > extra_b else -FIGURES_WEIGHT,
                f"the {side} text has more figures the other lacks "
                f"({max(extra_a, extra_b)} against {min(extra_a, extra_b)}); copies keep a part",
            )
        )
    rose = memo.toll_shift(first, second)
    if rose:
        side = "second" if rose > 0 else "first"
        cues.append(
            (
                TOLL_WEIGHT if rose > 0 else -TOLL_WEIGHT,
                f"the {side} text gives a higher toll in sentences both share "
                f"({abs(rose)} more rising than falling): tolls rise as a story is updated",
            )
        )
    source, confidence = compared
    if source is not None and confidence >= WEAK_TEXT_DIRECTION:
        side = "first" if source == "a" else "second"
        cues.append(
            (
                COMPARE_WEIGHT if source == "a" else -COMPARE_WEIGHT,
                f"compare's signals point at the {side} text (confidence {confidence:.2f})",
            )
        )
    ab, ba = aligner.pair(first, second), aligner.pair(second, first)
    shares = (ab.copy_coverage, ab.source_coverage, ba.copy_coverage, ba.source_coverage)
    if min(shares) >= SPUN_SHARE:
        shift = memo.swapped_rarity(first, second)
        if shift is not None and abs(shift) >= RARITY_MARGIN:
            side = "second" if shift > 0 else "first"
            cues.append(
                (
                    RARITY_WEIGHT if shift > 0 else -RARITY_WEIGHT,
                    f"the {side} text swaps words for rarer ones (by {abs(shift):.2f} log10 "
                    "units), as a synonym spinner does",
                )
            )
    cues.sort(key=lambda c: -abs(c[0]))
    return Vote(round(sum(w for w, _ in cues), 3), tuple(r for _, r in cues))
