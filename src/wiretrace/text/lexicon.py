"""Word lists: stopwords, news paraphrase synonyms, hedges, negations, titles, calendar words.

The synonym groups hold verbs and nouns that news rewrites swap for one another
("freed"/"released", "talks"/"negotiations"); each group maps Snowball stems to one
canonical stem so that alignment sees them as the same term.
"""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say saying told tell tells added adding according
    mr mrs ms dr also us its it's one would could may might must shall can't won't don't
    there's that's he's she's they're we're i'm let's upon via per among amid whether
    """.split()
)

# Groups of interchangeable news words, as Snowball stems. The first stem is canonical.
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("releas", "free", "freed", "freedom", "liber"),
    ("thank", "gratitud", "grate", "appreci"),
    ("negoti", "talk"),
    ("kill", "slain", "dead"),
    ("injur", "wound", "hurt"),
    ("attack", "assault", "strike", "raid"),
    ("presid", "leader", "head"),
    ("govern", "administr", "author"),
    ("minist", "secretari"),
    ("firm", "compani", "corpor"),
    ("agreement", "deal", "accord", "pact"),
    ("meet", "met", "talk"),
    ("start", "begin", "began", "begun", "launch"),
    ("end", "finish", "conclud"),
    ("announc", "declar", "unveil"),
    ("expect", "anticip"),
    ("increas", "rise", "rose", "risen", "grow", "grew", "grown", "climb"),
    ("decreas", "fall", "fell", "fallen", "drop", "declin"),
    ("help", "assist", "aid"),
    ("secur", "obtain", "win", "won"),
    ("arrest", "detain"),
    ("prison", "jail"),
    ("seiz", "abduct", "kidnap", "captur"),
    ("captiv", "detent"),
    ("hostag", "captiv"),
    ("car", "vehicl"),
    ("build", "construct"),
    ("buy", "bought", "purchas", "acquir"),
    ("sell", "sold"),
    ("big", "larg", "major"),
    ("small", "minor"),
    ("warn", "caution", "alert"),
    ("keep", "kept", "maintain", "retain"),
    ("highest", "top"),
    ("criticis", "criticiz", "condemn"),
    ("investig", "probe", "inquiri"),
    ("lawmak", "legisl"),
    ("citizen", "nation"),
    ("tie", "relat", "relationship"),
    ("blaze", "fire"),
    ("storm", "hurrican", "cyclon", "typhoon"),
    ("flood", "inund"),
    ("evacu", "flee", "fled"),
    ("resid", "inhabit"),
    ("offici", "spokesperson", "spokesman", "spokeswoman"),
)

SYNONYMS: dict[str, str] = {}
for _group in _SYNONYM_GROUPS:
    for _stem in _group:
        SYNONYMS.setdefault(_stem, _group[0])

# Number hedges, grouped by what they claim about the value.
APPROXIMATE = frozenset(
    "nearly almost about around roughly some approximately approx circa estimated close".split()
)
#: Verbs that pass a figure are bounds too, and one bound: "exceeded 38 degrees" = "topped
#: 38 degrees".
LOWER_BOUND = frozenset(
    """more over above least upward upwards exceeding exceeded exceeds topped topping tops
    surpassed surpassing surpasses""".split()
)
# "up" alone is a rise ("up 11 percent"); "up to" is a multi-word bound in mentions.py
UPPER_BOUND = frozenset("under less fewer below most maximum within".split())
#: "just" and "only" before a figure stress how small it is ("in just 72 hours", "only
#: three goals"): emphasis, not a claim of precision, so they are not here.
EXACT = frozenset("exactly precisely".split())

# Modal and epistemic hedges: an uncertain claim stated as certain (or the reverse).
UNCERTAIN = frozenset(
    """
    may might could possibly possible probable likely unlikely probably perhaps maybe
    reportedly allegedly
    apparently expected appears appear appeared seems seem seemed suspected
    potentially alleged purported presumably believe believes believed think thinks
    consider considers considering
    """.split()
)
# Hedges carried by a phrase (folded words in order): an intention, an inference or the
# earliest of possible dates, not a fact ("planned to seek approval" -> "will seek
# approval", "as early as next month" -> "next month", "agreed in principle",
# "bore the hallmarks of" -> "was carried out by"). The phrase, not its words alone: "the
# plans" and "the principle" hedge nothing.
UNCERTAIN_PHRASES: tuple[tuple[str, ...], ...] = (
    ("plans", "to"), ("planned", "to"), ("planning", "to"), ("plan", "to"),
    ("intends", "to"), ("intended", "to"), ("intend", "to"),
    ("aims", "to"), ("aimed", "to"), ("hopes", "to"), ("hoped", "to"),
    ("in", "principle"), ("hallmarks", "of"), ("hallmark", "of"),
    ("consistent", "with"), ("as", "early", "as"),
)  # fmt: skip
# Modals that neither hedge nor assert: "could" against "cannot" is not a hedge change.
# "would" is not neutral: "was likely to approve" -> "would approve" drops the hedge.
NEUTRAL_MODALS = frozenset("can cannot can't must should".split())
CERTAIN = frozenset("will would definitely certainly clearly confirmed undoubtedly surely".split())

#: Phrasal verbs that deny or refuse without a word of negation ("fell short" = "did
#: not go far enough", "stay out of" = "not intervene", "voted down" = "rejected", "stay
#: away" = "not attend"): the
#: forms of the verb, and the particle that makes it negative.
NEGATIVE_PHRASES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset("fell falls fall falling".split()), "short"),
    (frozenset("stay stays stayed staying".split()), "out"),
    (frozenset("stay stays stayed staying keep keeps kept keeping".split()), "away"),
    (frozenset("rule rules ruled ruling".split()), "out"),
    (frozenset("hold holds held holding".split()), "off"),
    (
        frozenset(
            """vote votes voted voting turn turns turned turning shoot shoots shot shooting
            strike strikes struck striking""".split()
        ),
        "down",
    ),
)
NEGATIONS = frozenset("not no never none nobody nothing neither nor without n't cannot".split())
# Verbs that carry a negation of their own ("denied" = "said it did not"), as stems.
NEGATIVE_VERBS = frozenset(
    "deni reject refus fail declin veto dismiss skip miss abstain boycott lack".split()
)
# What makes a sentence a caveat, a denial or a qualifier besides negations and hedges
# (Snowball stems): a contrast ("but", "though") and words of caution ("speculative",
# "not yet confirmed", "cautioned"). A condensed copy that drops such a sentence changes
# what the story claims; one that drops plain detail does not.
CAVEATS = frozenset(
    """
    but though although howev yet despit whether specul prematur unconfirm unverifi
    uncertain unclear warn cautious care tentat preliminari disput
    """.split()
)
# Opposite states and outcomes (Snowball stems, after the synonym groups: "rose" is
# "increas"): one replaced by the other flips what a statement says, like a negation.
ANTONYMS = frozenset(
    frozenset(pair)
    for pair in (
        ("open", "close"), ("reopen", "close"), ("continu", "suspend"), ("continu", "halt"),
        ("continu", "stop"), ("resum", "suspend"), ("resum", "halt"), ("increas", "decreas"),
        ("convict", "acquit"), ("guilti", "innoc"), ("allow", "ban"), ("secur", "lose"),
        ("secur", "lost"), ("below", "abov"),
    )
)  # fmt: skip
# Collective, unnamed sources: one swapped for another is not a change of attribution.
GENERIC_SOURCES = frozenset(
    """
    official officials authorities authority government police spokesman spokeswoman
    spokesperson sources source diplomats diplomat analysts experts witnesses residents
    ministry office investigators prosecutors statement agency agencies media reports
    """.split()
)

# Head nouns of organisations' names: two names with different heads are two bodies even
# when they share a place ("the Cresswick Dementia Foundation", "the University of
# Cresswick"). Common English organisation words, listed by hand.
ORGANISATION_HEADS = frozenset(
    """
    foundation university institute institution ministry bank agency association council
    commission office board authority service society union federation group company
    department court police party centre center fund trust hospital college school
    organisation organization network alliance committee corporation observatory
    laboratory museum academy league exchange regulator tribunal parliament assembly
    """.split()
)

# Words that precede a name as a role rather than being part of it.
TITLES = frozenset(
    """
    president vice prime minister secretary mayor governor senator sen rep representative
    chancellor king queen prince princess pope general gen colonel col captain capt
    lieutenant lt sergeant sgt judge justice chief director chairman chairwoman chair ceo
    spokesman spokeswoman spokesperson ambassador commissioner inspector officer detective
    professor prof doctor dr mr mrs ms miss sir lord lady dame saint st leader head deputy
    minister foreign interior defence defense finance health state kremlin white house
    former late acting interim premier sheikh emir sultan archbishop bishop rev reverend
    father sister brother coach manager founder analyst economist lawyer attorney prosecutor
    councillor councilor councilman councilwoman alderman
    """.split()
)

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
RELATIVE_DAYS = frozenset("yesterday today tomorrow tonight".split())

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "dozens": 24, "hundreds": 200, "thousands": 2000,
}  # fmt: skip
#: Ordinal words and the rank they give ("first" is left out: mostly an adverb or "at
#: first", rarely a rank that a rewrite changes).
ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
#: Unit stems (Snowball, as ``wiretrace.text.tokens.stem`` gives them) -> (what they
#: measure, one name per unit): "6.2 million euros" and "6.2 million dollars" are not the
#: same figure, "12 kilometres" and "12 kilometers" are.
UNITS = {
    "euro": ("money", "euro"), "dollar": ("money", "dollar"), "pound": ("money", "pound"),
    "crown": ("money", "crown"), "kronor": ("money", "crown"), "krona": ("money", "crown"),
    "kroner": ("money", "crown"), "franc": ("money", "franc"), "yen": ("money", "yen"),
    "yuan": ("money", "yuan"), "rupe": ("money", "rupee"), "peso": ("money", "peso"),
    "kilometr": ("length", "km"), "kilomet": ("length", "km"), "km": ("length", "km"),
    "mile": ("length", "mile"), "metr": ("length", "m"), "meter": ("length", "m"),
    "feet": ("length", "foot"), "foot": ("length", "foot"),
    "tonn": ("mass", "tonne"), "ton": ("mass", "tonne"), "kilogram": ("mass", "kg"),
    "kilo": ("mass", "kg"), "kg": ("mass", "kg"),
    "hectar": ("area", "hectare"), "acr": ("area", "acre"),
    "millimetr": ("length", "mm"), "mm": ("length", "mm"), "centimetr": ("length", "cm"),
    "cm": ("length", "cm"), "gigawatt": ("power", "GW"), "gw": ("power", "GW"),
    "megawatt": ("power", "MW"), "mw": ("power", "MW"), "kilowatt": ("power", "kW"),
    "kw": ("power", "kW"),
    "hour": ("time", "hour"), "day": ("time", "day"), "week": ("time", "week"),
    "month": ("time", "month"), "year": ("time", "year"),
}  # fmt: skip
#: Canonical units that are multiples of one another (metric prefixes): the factor to the
#: dimension's base unit, so that "1.4 gigawatts" = "1,400 megawatts" and "4.7 km" =
#: "4,700 metres".
UNIT_SCALES = {"km": 1e3, "m": 1.0, "cm": 1e-2, "mm": 1e-3, "tonne": 1e3, "kg": 1.0,
               "GW": 1e9, "MW": 1e6, "kW": 1e3}  # fmt: skip
#: Units that convert into one another only approximately once rounded (imperial
#: lengths against metres, spans of time in hours): "41 km" is "25 miles", "72 hours" is
#: "three days", "30 months" is "two and a half years". Read by the compare's figure
#: check alone, not by ``canonical_unit``: story features keep "3 days" and "72 hours"
#: apart.
CONVERSIONS = {"km": 1e3, "m": 1.0, "cm": 1e-2, "mm": 1e-3, "mile": 1609.344,
               "foot": 0.3048, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.5,
               "year": 8766.0}  # fmt: skip
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
               "m": 1e6, "k": 1e3}  # fmt: skip


def canonical_unit(unit: str, value: float) -> tuple[str, float]:
    """A figure's unit stem and value in one form for every way of writing the unit:
    "12 km", "12 kilometres" and "12 kilometers" give the same key, and metric multiples
    go to their dimension's base unit ("4.7 km" = "4,700 metres"), per ``UNITS`` and
    ``UNIT_SCALES``; a unit they do not list is returned as given.

    Args:
        unit: A unit stem (``wiretrace.text.tokens.stem`` of the word after the figure).
        value: The figure, its scale word applied.
    """
    known = UNITS.get(unit)
    if known is None:
        return unit, value
    dimension, canonical = known
    scale = UNIT_SCALES.get(canonical)
    return (canonical, value) if scale is None else (dimension, value * scale)
