"""Days named in a text, resolved against the publication time."""

from __future__ import annotations

from datetime import date, datetime

from wiretrace.discrepancy.mentions import numbers_and_dates
from wiretrace.stories.when import resolve_days
from wiretrace.text.rarity import RARITY_CEILING, language_idf
from wiretrace.text.tokens import tokenize


def _days(text: str, published: datetime | None) -> list[date]:
    _, dates = numbers_and_dates(tokenize(text))
    return resolve_days(text, dates, published)


def test_weekdays_and_relative_days_need_a_publication_time() -> None:
    text = "The ferry ran aground on Monday near Ostrand. Officials spoke yesterday."
    # published on Wednesday 2026-03-04: Monday is the 2nd, yesterday the 3rd
    assert _days(text, datetime(2026, 3, 4, 9, 0)) == [date(2026, 3, 2), date(2026, 3, 3)]
    assert _days(text, None) == []


def test_month_days_take_their_year_from_the_text_or_the_publication() -> None:
    text = "The quake of May 5, 2023 was smaller than the one on January 1."
    assert _days(text, None) == [date(2023, 5, 5)]  # "January 1" has no year
    assert _days(text, datetime(2024, 1, 3)) == [date(2023, 5, 5), date(2024, 1, 1)]
    # a January article about "December 28" means the year before
    assert _days("It began on December 28.", datetime(2024, 1, 2)) == [date(2023, 12, 28)]


def test_a_weekday_beside_a_month_day_is_read_once() -> None:
    text = "Radios exploded on Wednesday, September 18, in the south."
    assert _days(text, datetime(2024, 9, 19)) == [date(2024, 9, 18)]


def test_language_rarity_orders_words_by_how_much_they_say() -> None:
    assert language_idf("the") < language_idf("earthquake") < language_idf("hualien")
    assert language_idf("qzxvlorp") == RARITY_CEILING


def test_the_fast_date_reading_agrees_with_the_tokeniser_on_plain_dates() -> None:
    from wiretrace.stories.when import date_mentions

    text = "Radios exploded on Wednesday, September 18, 2024; by 5 May and yesterday."
    fast = [(m.field, m.value) for m in date_mentions(text)]
    assert fast == [
        ("weekday", (2,)),
        ("monthday", (9, 18)),
        ("year", (2024,)),
        ("monthday", (5, 5)),
        ("relday", "yesterday"),
    ]
    published = datetime(2024, 9, 19)
    assert resolve_days(text, date_mentions(text), published)[:1] == [date(2024, 9, 18)]


def test_figures_keep_their_units_and_scale() -> None:
    from wiretrace.stories.features import _figures

    text = "A 7.4-magnitude quake; 593 billion dollars lost; 40% down; 2,800 injured in 2024."
    assert _figures(text) == [
        (7.4, "magnitud", "7.4-magnitude"),
        (593e9, "dollar", "593 billion dollars"),
        (40.0, "percent", "40%"),
        (2800.0, "injur", "2,800 injured"),
    ]


def test_figures_written_with_other_units_share_a_key() -> None:
    from wiretrace.stories.features import _figures

    keys = {(v, u) for v, u, _ in _figures("12 km, 12 kilometres, 12 kilometers, 12,000 metres")}
    assert keys == {(12000.0, "length")}
    assert [(v, u) for v, u, _ in _figures("prices rose 12 per cent")] == [(12.0, "percent")]
    assert _figures("prices rose 12 per cent")[0][2] == "12 per cent"
