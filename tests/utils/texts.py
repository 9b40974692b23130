"""Fictional article texts for the tests; every place, person and outlet is made up."""

from __future__ import annotations

#: A short wire story: one sentence per entry, each a plain news sentence.
BRIDGE = (
    "The town council of Brennick voted on Monday to close the old Alder Street bridge "
    "to heavy traffic.",
    "Council leader Marta Keller said engineers had found 12 cracks in two of the "
    "bridge's support piers.",
    '"We cannot take any chances with public safety, and the repairs will take time," '
    "Keller told reporters.",
    'The Nordpress agency quoted Jonas Pell as saying the closure was "regrettable but necessary".',
    "Repairs may cost nearly 300,000 euros, according to the council's own estimate.",
    "The council did not approve a request from local hauliers for a temporary detour.",
    "The bridge, built in 1962, carries about 4,000 vehicles a day.",
)

#: A story with nothing in common with BRIDGE.
ORCHID = (
    "A rare ghost orchid has flowered for the first time in forty years at the botanical "
    "garden in Velmora.",
    "Gardeners said the plant needed a cold winter followed by an unusually wet spring.",
    "Visitors queued for hours on Sunday to see the pale yellow blooms in the glasshouse.",
    "The garden plans to collect seeds and share them with three other collections.",
)

#: A third story, used where a pair needs an unrelated stray sentence.
STRAY = (
    "Brennick is best known for its annual herring festival, which draws thousands of "
    "visitors each summer."
)


def story(*sentences: str, sep: str = " ") -> str:
    """Join sentences into an article text."""
    return sep.join(sentences)


def bridge(replace: dict[int, str] | None = None, *, drop: tuple[int, ...] = ()) -> str:
    """The BRIDGE story with some sentences replaced or dropped."""
    out = []
    for i, sentence in enumerate(BRIDGE):
        if i in drop:
            continue
        out.append((replace or {}).get(i, sentence))
    return story(*out)


#: Sentences for generated texts (property tests): two fictional stories, several
#: sentences each, so that random picks give related and unrelated pairs.
POOL = (
    "The harbour authority of Lindqvist reopened the northern pier on Wednesday.",
    "Storm damage had kept the pier closed to ferries for almost three weeks.",
    "Harbour master Oskar Brandt said 14 workers repaired the damaged railings.",
    '"The pier is safe again, and the ferries can run on time," Brandt told reporters.',
    "The regional ferry company said it would add two extra crossings on Friday.",
    "Local shop owners said the closure had cost them about 20,000 euros in lost trade.",
    "The authority did not say how much the repairs had cost in total.",
    "A second storm is expected to reach the coast early next week.",
    "The Velmora city library will stay open until midnight during the exam season.",
    "Librarian Ada Mertens said students had asked for longer hours for years.",
    "The library will hire six temporary staff to cover the evening shifts.",
    '"Quiet rooms fill up by nine in the morning," Mertens said.',
    "The city council approved the extra spending of 45,000 euros on Tuesday.",
    "Students will need their university card to enter after ten at night.",
    "Cafe Rosalind next to the library will also extend its opening hours.",
    "The trial will run for eight weeks before the council reviews it.",
)

#: A small, realistic article page: navigation, an <article> and a footer.
ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Brennick closes Alder Street bridge | Brennick Daily</title>
<meta property="og:site_name" content="Brennick Daily">
<meta property="og:title" content="Brennick closes Alder Street bridge to heavy traffic">
<meta name="author" content="Henrike Sol">
<meta property="article:published_time" content="2026-03-02T08:30:00+01:00">
<link rel="canonical" href="https://brennick-daily.example/news/alder-bridge">
</head>
<body>
<header>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
</ul></nav>
</header>
<main>
<article>
<h1>Brennick closes Alder Street bridge to heavy traffic</h1>
<p>The town council of Brennick voted on Monday to close the old Alder Street bridge to
heavy traffic after engineers found cracks in two of its support piers.</p>
<p>Council leader Marta Keller said the closure would hurt local hauliers, but that
public safety had to come first.</p>
<p>The bridge, built in 1962, carries about 4,000 vehicles a day and links the harbour
district with the industrial estate on the northern bank.</p>
</article>
</main>
<footer>
<p>Copyright 2026 Brennick Daily. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a>
</footer>
</body>
</html>
"""

#: The first bytes of a PNG file followed by NULs: binary data, not text.
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10" + bytes(64)
