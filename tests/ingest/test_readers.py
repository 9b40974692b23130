from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import WriteFile
from tests.utils.texts import ARTICLE_PAGE, PNG_BYTES, bridge
from wiretrace import (
    BinaryInputError,
    EmptyInputError,
    IngestConfig,
    InputError,
    InputFormatError,
    InputNotFoundError,
    InputTooLargeError,
    WiretraceError,
    read_article,
)
from wiretrace.ingest import decode_bytes, parse_published

# --------------------------------------------------------------------------- plain text


def test_txt_text_is_kept_exactly(write_file: WriteFile) -> None:
    text = "Brennick closes bridge\r\n\r\n" + bridge() + "\n"
    path = write_file("alder-bridge.txt", text)

    article = read_article(path)

    assert article.text == text
    assert article.id == "alder-bridge"
    assert article.path == str(path)
    assert article.title is None
    assert article.published is None


def test_utf8_bom_is_dropped(write_file: WriteFile) -> None:
    path = write_file("bom.txt", "\ufeff" + bridge())

    assert read_article(path).text == bridge()


@pytest.mark.parametrize(
    "suffix",
    [
        # the usual plain-text suffix
        ".txt",
        # markdown is read as text
        ".md",
        # no suffix at all is taken as text
        "",
    ],
)
def test_text_suffixes(write_file: WriteFile, suffix: str) -> None:
    path = write_file(f"story{suffix}", bridge())

    assert read_article(path).text == bridge()


def test_accepts_str_path(write_file: WriteFile) -> None:
    path = write_file("story.txt", bridge())

    assert read_article(str(path)).text == bridge()


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # French paragraph in Windows-1252 (a legacy newsroom export)
        pytest.param(
            "Le café de la gare a rouvert ses portes à Genève après des années de "
            "travaux. Les habitués étaient ravis.",
            "cp1252",
            id="french-cp1252",
        ),
        # English sentence with accented names, latin-1
        pytest.param(
            "The mayor of Sélestat, René Müller, opened the new café on Monday.",
            "latin-1",
            id="names-latin1",
        ),
        # cp1252-only characters: curly quotes, an en dash, an apostrophe
        pytest.param(
            "The council’s plan was approved on Monday – a “historic” day, officials said.",
            "cp1252",
            id="typography-cp1252",
        ),
        # a short headline-length text with accents, cp1252
        pytest.param("Café à Genève reopens.", "cp1252", id="short-cp1252"),
    ],
)
def test_legacy_encodings_decode_correctly(write_file: WriteFile, text: str, encoding: str) -> None:
    path = write_file("legacy.txt", text, encoding=encoding)

    assert read_article(path).text == text


@pytest.mark.parametrize(
    "encoding",
    [
        # what Windows Notepad writes as "Unicode": little-endian with a BOM
        "utf-16",
        # big-endian with an explicit BOM
        "utf-16-be-bom",
    ],
)
def test_utf16_with_bom_decodes(write_file: WriteFile, encoding: str) -> None:
    text = "The café in Brennick reopened on Monday after two years of renovation work."
    data = (
        b"\xfe\xff" + text.encode("utf-16-be")
        if encoding == "utf-16-be-bom"
        else text.encode("utf-16")
    )
    path = write_file("unicode.txt", data)

    assert read_article(path).text == text


def test_decode_bytes_prefers_utf8() -> None:
    assert decode_bytes("Zoë Åkerlund’s café".encode()) == "Zoë Åkerlund’s café"


# --------------------------------------------------------------------------- JSON


def test_json_keeps_metadata(write_file: WriteFile) -> None:
    payload = {
        "id": "nordpress-0412",
        "title": "Brennick closes Alder Street bridge",
        "url": "https://nordpress.example/brennick-bridge",
        "outlet": "Nordpress",
        "published": "2026-03-02T08:30:00+01:00",
        "text": bridge(),
    }
    path = write_file("wire.json", json.dumps(payload))

    article = read_article(path)

    assert article.text == bridge()
    assert article.id == "nordpress-0412"
    assert article.title == "Brennick closes Alder Street bridge"
    assert article.url == "https://nordpress.example/brennick-bridge"
    assert article.outlet == "Nordpress"
    assert article.published == datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    assert article.path == str(path)


def test_json_without_id_uses_file_stem(write_file: WriteFile) -> None:
    path = write_file("rewrite-7.json", json.dumps({"text": bridge()}))

    article = read_article(path)

    assert article.id == "rewrite-7"
    assert article.title is None
    assert article.published is None


def test_json_numeric_id_becomes_string(write_file: WriteFile) -> None:
    path = write_file("n.json", json.dumps({"text": bridge(), "id": 412}))

    assert read_article(path).id == "412"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # UTC with a Z suffix
        ("2026-03-02T08:30:00Z", datetime(2026, 3, 2, 8, 30, tzinfo=UTC)),
        # an explicit offset is kept
        (
            "2026-03-02T08:30:00+02:00",
            datetime(2026, 3, 2, 8, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        # a naive datetime is taken as UTC
        ("2026-03-02T08:30:00", datetime(2026, 3, 2, 8, 30, tzinfo=UTC)),
        # a bare date is midnight UTC
        ("2026-03-02", datetime(2026, 3, 2, tzinfo=UTC)),
        # surrounding whitespace is ignored
        ("  2026-03-02T08:30:00Z\n", datetime(2026, 3, 2, 8, 30, tzinfo=UTC)),
        # missing: no date
        (None, None),
        # empty string: no date
        ("", None),
    ],
)
def test_parse_published(value: str | None, expected: datetime | None) -> None:
    parsed = parse_published(value)

    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is not None


# --------------------------------------------------------------------------- HTML


def test_html_main_text_without_navigation_or_footer(write_file: WriteFile) -> None:
    path = write_file("alder-bridge.html", ARTICLE_PAGE)

    article = read_article(path)

    assert "engineers found cracks in two of its support piers" in article.text
    assert "public safety had to come first" in article.text
    assert "carries about 4,000 vehicles a day" in article.text
    for furniture in ("Sport", "Weather", "Privacy policy", "All rights reserved"):
        assert furniture not in article.text
    assert "<p>" not in article.text


def test_html_metadata(write_file: WriteFile) -> None:
    path = write_file("alder-bridge.html", ARTICLE_PAGE)

    article = read_article(path)

    assert article.title == "Brennick closes Alder Street bridge to heavy traffic"
    assert article.outlet == "Brennick Daily"
    assert article.url == "https://brennick-daily.example/news/alder-bridge"
    assert article.published is not None
    assert article.published.tzinfo is not None
    assert article.published.date() == date(2026, 3, 2)
    assert article.id == "alder-bridge"


def test_html_is_sniffed_under_an_unknown_suffix(write_file: WriteFile) -> None:
    path = write_file("alder-bridge.php", ARTICLE_PAGE)

    article = read_article(path)

    assert "public safety had to come first" in article.text
    assert "<html" not in article.text


def test_broken_html_still_gives_text(write_file: WriteFile) -> None:
    # unclosed <p>, <div> and <article> tags, no </body></html>
    page = (
        "<html><head><title>Bridge closed</title></head><body><article>"
        "<p>The town council of Brennick voted on Monday to close the old Alder Street "
        "bridge to heavy traffic after engineers found cracks in two support piers."
        "<p>Council leader Marta Keller said the closure would hurt local hauliers, but "
        "that public safety had to come first.<div>"
    )
    path = write_file("broken.html", page)

    try:
        article = read_article(path)
    except EmptyInputError as exc:
        assert str(path) in str(exc)
    else:
        assert "Council leader Marta Keller" in article.text
        assert "<p>" not in article.text


def test_html_with_only_navigation_is_empty_input(write_file: WriteFile) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Brennick Daily</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<footer><a href='/privacy'>Privacy policy</a></footer></body></html>"
    )
    path = write_file("menu.html", page)

    with pytest.raises(EmptyInputError, match="no main text"):
        read_article(path)


def test_html_without_text_is_empty_input(write_file: WriteFile) -> None:
    path = write_file("blank.html", "<!DOCTYPE html><html><head></head><body></body></html>")

    with pytest.raises(EmptyInputError, match="no main text"):
        read_article(path)


# --------------------------------------------------------------------------- bad input

BAD_FILES = [
    # nothing at all
    pytest.param("empty.txt", b"", EmptyInputError, "empty or whitespace", id="empty"),
    # spaces, tabs and newlines only
    pytest.param("blank.txt", b" \n\t  \r\n", EmptyInputError, "whitespace", id="whitespace"),
    # a PNG renamed to .txt
    pytest.param("photo.txt", PNG_BYTES, BinaryInputError, "binary", id="png-as-txt"),
    # a PNG under its own suffix
    pytest.param("photo.png", PNG_BYTES, BinaryInputError, "binary", id="png"),
    # a truncated JSON object
    pytest.param(
        "cut.json", b'{"text": "The council met.",', InputFormatError, "invalid JSON", id="json"
    ),
    # JSON with metadata but no "text"
    pytest.param("notext.json", b'{"title": "Bridge"}', InputFormatError, '"text"', id="no-text"),
    # "text" that is not a string
    pytest.param("num.json", b'{"text": 42}', InputFormatError, '"text"', id="text-not-str"),
    # a JSON list instead of one object
    pytest.param("list.json", b'["The council met."]', InputFormatError, "one object", id="list"),
    # "text" holding only whitespace
    pytest.param("ws.json", b'{"text": "  \\n "}', EmptyInputError, '"text"', id="json-blank"),
    # a date in words
    pytest.param(
        "date.json",
        b'{"text": "The council met.", "published": "last Tuesday"}',
        InputFormatError,
        "ISO 8601",
        id="published-words",
    ),
    # a date as a number
    pytest.param(
        "num-date.json",
        b'{"text": "The council met.", "published": 20260302}',
        InputFormatError,
        "ISO 8601",
        id="published-number",
    ),
    # a title that is a list
    pytest.param(
        "title.json",
        b'{"text": "The council met.", "title": ["a", "b"]}',
        InputFormatError,
        '"title"',
        id="title-list",
    ),
    # a Word document suffix
    pytest.param(
        "story.docx", b"The council met.", InputFormatError, "unknown file type", id="docx"
    ),
]


@pytest.mark.parametrize(("name", "content", "error", "message"), BAD_FILES)
def test_bad_files_raise_the_right_error(
    write_file: WriteFile, name: str, content: bytes, error: type[InputError], message: str
) -> None:
    path = write_file(name, content)

    with pytest.raises(error, match=message) as info:
        read_article(path)

    assert isinstance(info.value, InputError)
    assert isinstance(info.value, WiretraceError)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"

    with pytest.raises(InputNotFoundError, match="does not exist") as info:
        read_article(path)

    assert str(path) in str(info.value)
    assert "give the path" in str(info.value)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="is a directory"):
        read_article(tmp_path)


def test_file_over_the_size_limit(write_file: WriteFile) -> None:
    path = write_file("long.txt", bridge())
    size = path.stat().st_size

    with pytest.raises(InputTooLargeError, match="max_bytes") as info:
        read_article(path, IngestConfig(max_bytes=size - 1))

    assert f"{size:,} bytes" in str(info.value)
    assert read_article(path, IngestConfig(max_bytes=size)).text == bridge()


def test_wrapped_json_error_keeps_its_cause(write_file: WriteFile) -> None:
    path = write_file("cut.json", b'{"text": ')

    with pytest.raises(InputFormatError) as info:
        read_article(path)

    assert isinstance(info.value.__cause__, json.JSONDecodeError)
