"""The fuzz corpus generator: hostile variants of fictional seed files of every input kind.

``cases(n, seed)`` yields ``n`` cases, deterministic for a seed. Each case is one file
(name, bytes) made from a clean seed of one kind (.txt .html .json .jsonl .parquet .warc
.warc.gz .arc .arc.gz .rss .atom) by one or two mutations:

- ``truncate``: cut at a random byte (compressed streams cut off, headers cut short);
- ``flip``: 1 to 32 random bytes replaced or bit-flipped;
- ``encoding``: the text re-encoded (UTF-16/32 with and without BOM, Windows-1252,
  Shift JIS, Latin-1, invalid UTF-8 sequences, mojibake);
- ``nesting``: deep nesting (JSON arrays/objects, HTML divs, XML elements) up to 100,000;
- ``huge``: a huge field (a long word, a long line, many short sentences, a huge id);
- ``control``: control bytes and invisible characters (NUL, ESC, U+2028, BOM, ZWJ);
- ``scripts``: right-to-left text with bidi overrides, CJK, emoji sequences, combining
  marks.

Every text is fictional (tests/utils/texts.py, tests/utils/archives.py). Used by
tests/fuzz/test_fuzz_slice.py (500 cases in CI) and tests/fuzz/run_fuzz.py (10,000).
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tests.utils.archives import STORIES, arc_bytes, page, rss_bytes, warc_bytes
from tests.utils.texts import BRIDGE, ORCHID

KINDS = (
    "txt",
    "html",
    "json",
    "jsonl",
    "parquet",
    "warc",
    "warc.gz",
    "arc",
    "arc.gz",
    "rss",
    "atom",
)
MUTATIONS = ("truncate", "flip", "encoding", "nesting", "huge", "control", "scripts")

SCRIPTS = (
    "\u202eتقرير الميناء\u202c يقول إن 40 قاربا عادت",  # Arabic with a right-to-left override
    "\u05d4\u05e0\u05de\u05dc \u05e0\u05e4\u05ea\u05d7 \u05de\u05d7\u05d3\u05e9 \u200f12",  # Hebrew
    "港口周二重新开放，约有40艘渔船返回。",  # Chinese
    "港は火曜日に再開し、約40隻の漁船が戻った。",  # Japanese
    "항구는 화요일에 다시 문을 열었다.",  # Korean
    "👩‍👩‍👧‍👦🏳️‍🌈 1️⃣ 🇳🇴 the quay 🎉",  # emoji: ZWJ sequences, flags, keycaps
    "Z̸͇̹a̷l̶g̵o̴ t̷e̶x̵t̴ a̸b̷o̶u̵t̴ the quay",  # combining marks
    "\u2066isolate\u2069 \u202dLTR override\u202c mixed ٣٤٠ digits",
)
CONTROLS = (
    "\x00",
    "\x1b[31m",
    "\x07",
    "\x7f",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200d",
    "\x0c",
    "\r",
)
ENCODINGS = ("utf-16", "utf-16-le", "utf-32", "cp1252", "shift_jis", "latin-1", "utf-8-sig")


@dataclass(frozen=True, slots=True)
class FuzzCase:
    """One fuzz input: a file name (its suffix decides the reader), its bytes, and how it
    was made."""

    name: str
    data: bytes
    kind: str
    mutations: tuple[str, ...]


def _text(rng: random.Random) -> str:
    sentences = list(BRIDGE + ORCHID)
    rng.shuffle(sentences)
    return " ".join(sentences[: rng.randint(2, 8)])


def _mutate_text(text: str, mutation: str, rng: random.Random) -> str:
    """A text-level mutation (before the text is put into its container)."""
    if mutation == "huge":
        choice = rng.randrange(4)
        if choice == 0:
            return text + " " + "x" * rng.randint(10_000, 400_000)  # one enormous word
        if choice == 1:
            return " ".join([text] * rng.randint(20, 150))  # many sentences
        if choice == 2:
            return "a b. " * rng.randint(1_000, 20_000)  # many tiny sentences
        return text.replace(" ", "\u00a0") * rng.randint(10, 100)  # one long line
    if mutation == "control":
        chars = list(text)
        for _ in range(rng.randint(1, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROLS))
        return "".join(chars)
    if mutation == "scripts":
        parts = [text, *rng.sample(SCRIPTS, rng.randint(1, 4))]
        rng.shuffle(parts)
        return " ".join(parts)
    return text


def _mutate_bytes(data: bytes, mutation: str, rng: random.Random) -> bytes:
    """A byte-level mutation of the finished file."""
    if not data:
        return data
    if mutation == "truncate":
        return data[: rng.randrange(len(data))]
    if mutation == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 32)):
            k = rng.randrange(len(out))
            out[k] = rng.randrange(256) if rng.random() < 0.5 else out[k] ^ (1 << rng.randrange(8))
        return bytes(out)
    return data


def _encode(text: str, rng: random.Random) -> bytes:
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, errors="replace")
    if rng.random() < 0.3:  # invalid UTF-8 sequences in the middle
        k = rng.randrange(len(data) + 1)
        data = (
            data[:k]
            + rng.choice([b"\xc3\x28", b"\xe2\x82", b"\xff\xfe", b"\xed\xa0\x80"])
            + data[k:]
        )
    return data


def _deep(kind: str, rng: random.Random) -> str:
    depth = rng.choice([50, 101, 1_000, 10_000, 100_000])
    if kind in ("json", "jsonl"):
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        return opener * depth + "1" + closer * depth
    if kind in ("rss", "atom"):
        return "<d>" * depth + "quay" + "</d>" * depth
    return "<div>" * depth + "The quay reopened on Tuesday." + "</div>" * depth


def _seed_file(kind: str, text: str, rng: random.Random, mutation: str) -> bytes:
    """The clean file of one kind holding ``text``."""
    title = rng.choice(["Quay reopens", "Ferry timetable", "Orchid flowers"])
    stories = tuple((uri, t, text if k == 0 else body) for k, (uri, t, body) in enumerate(STORIES))
    if kind == "txt":
        return _encode(text, rng) if mutation == "encoding" else text.encode()
    if kind == "html":
        html = page(title, _deep(kind, rng) if mutation == "nesting" else text)
        return _encode(html, rng) if mutation == "encoding" else html.encode()
    if kind == "json":
        if mutation == "nesting":
            return ('{"text": "' + text[:200] + '", "extra": ' + _deep(kind, rng) + "}").encode()
        published = rng.choice(["2026-03-04T09:15:00Z", "yesterday", "", "9999-99-99"])
        obj = {"id": f"f{rng.randrange(10**6)}", "text": text, "title": title}
        obj["published"] = published
        if mutation == "huge":
            obj["id"] = "i" * rng.randint(1_000, 100_000)
        raw = json.dumps(obj, ensure_ascii=rng.random() < 0.5)
        return _encode(raw, rng) if mutation == "encoding" else raw.encode()
    if kind == "jsonl":
        lines = [
            json.dumps({"id": f"l{k}", "text": text if k == 1 else body, "url": uri})
            for k, (uri, _, body) in enumerate(STORIES)
        ]
        if mutation == "nesting":
            lines.insert(1, _deep(kind, rng))
        raw = "\n".join(lines) + "\n"
        return _encode(raw, rng) if mutation == "encoding" else raw.encode()
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        out = io.BytesIO()
        table = pa.table(
            {"id": ["p1", "p2"], "text": [text, STORIES[1][2]], "title": [title, None]}
        )
        pq.write_table(table, out)
        return out.getvalue()
    if kind in ("warc", "warc.gz"):
        compress = "none" if kind == "warc" else rng.choice(["member", "stream"])
        return warc_bytes(stories, compress=compress)
    if kind in ("arc", "arc.gz"):
        data = arc_bytes(stories)
        return gzip.compress(data) if kind == "arc.gz" else data
    if kind in ("rss", "atom"):
        if kind == "atom":
            body = _deep(kind, rng) if mutation == "nesting" else _xml_escape(text)
            raw = (
                '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Coast FM</title><entry><title>{title}</title><id>urn:x:1</id>"
                f'<updated>2026-03-04T09:15:00Z</updated><content type="html">{body}</content>'
                "</entry></feed>"
            )
            return raw.encode()
        items = tuple((u, t, _xml_escape(b)) for u, t, b in stories)
        raw_bytes = rss_bytes(items)
        if mutation == "nesting":
            raw_bytes = raw_bytes.replace(b"<channel>", b"<channel>" + _deep(kind, rng).encode())
        return raw_bytes
    raise ValueError(f"unknown kind {kind!r}")


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TEXT_MUTATIONS: dict[str, Callable[[str, str, random.Random], str]] = {}


def make_case(number: int, seed: int = 0) -> FuzzCase:
    """Case ``number`` of the corpus for ``seed`` (the same pair gives the same bytes)."""
    rng = random.Random(f"{seed}:{number}")
    kind = KINDS[number % len(KINDS)]
    picked = [rng.choice(MUTATIONS)]
    if rng.random() < 0.25:
        picked.append(rng.choice(("truncate", "flip")))
    text = _text(rng)
    for mutation in picked:
        text = _mutate_text(text, mutation, rng)
    data = _seed_file(kind, text, rng, picked[0])
    for mutation in picked:
        data = _mutate_bytes(data, mutation, rng)
    return FuzzCase(f"case{number:05d}.{kind}", data, kind, tuple(picked))


def cases(count: int, seed: int = 0, start: int = 0) -> Iterator[FuzzCase]:
    """``count`` cases from number ``start`` on, deterministic for ``seed``."""
    for number in range(start, start + count):
        yield make_case(number, seed)


def compare_pair(number: int, seed: int = 0) -> tuple[str, str]:
    """Two texts for ``compare``: a clean fictional text and a hostile variant of it."""
    rng = random.Random(f"pair:{seed}:{number}")
    text = _text(rng)
    mutation = rng.choice(("huge", "control", "scripts", "encoding", "flip", "truncate"))
    if mutation in ("huge", "control", "scripts"):
        other = _mutate_text(text, mutation, rng)
        if mutation == "huge":
            other = other[:300_000]
    else:
        raw = _mutate_bytes(text.encode(), "flip" if mutation == "encoding" else mutation, rng)
        other = raw.decode("utf-8", errors="replace")
    return (text, other) if rng.random() < 0.5 else (other, text)
