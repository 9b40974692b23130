from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteFile
from wiretrace import (
    AlignConfig,
    CleanConfig,
    CompareConfig,
    ConfigError,
    FindingsConfig,
    IngestConfig,
    SegmentConfig,
    WiretraceError,
)

CONFIG_CLASSES = [
    # sentence alignment
    AlignConfig,
    # boilerplate removal
    CleanConfig,
    # the composed settings of compare()
    CompareConfig,
    # discrepancy detection
    FindingsConfig,
    # file reading
    IngestConfig,
    # sentence segmentation
    SegmentConfig,
]


@pytest.mark.parametrize("cls", CONFIG_CLASSES)
def test_defaults_are_valid_frozen_and_comparable(cls: type[Any]) -> None:
    config = cls()

    assert config == cls()
    assert repr(config).startswith(f"{cls.__name__}(")
    field = dataclasses.fields(config)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(config, field, getattr(config, field))


def test_compare_config_composes_the_stage_configs() -> None:
    config = CompareConfig()

    assert config.ingest == IngestConfig()
    assert config.clean == CleanConfig()
    assert config.segment == SegmentConfig()
    assert config.align == AlignConfig()
    assert config.findings == FindingsConfig()


def test_fingerprint_is_stable_json_and_changes_with_any_setting() -> None:
    default = str(CompareConfig())

    assert default == str(CompareConfig())
    assert json.loads(default)["align"]["min_similarity"] == AlignConfig().min_similarity
    changed = CompareConfig(align=AlignConfig(min_similarity=0.5))
    assert str(changed) != default
    assert changed != CompareConfig()


@pytest.mark.parametrize(
    ("make", "name"),
    [
        # a similarity above 1
        (lambda: AlignConfig(min_similarity=1.5), "min_similarity"),
        # a negative similarity
        (lambda: AlignConfig(merge_min_similarity=-0.1), "merge_min_similarity"),
        # not a number at all
        (lambda: AlignConfig(near_verbatim_ratio=float("nan")), "near_verbatim_ratio"),
        # coverage share out of range
        (lambda: AlignConfig(related_min_coverage=2.0), "related_min_coverage"),
        # zero shared terms
        (lambda: AlignConfig(min_shared_terms=0), "min_shared_terms"),
        # zero pairs
        (lambda: AlignConfig(dense_pair_limit=0), "dense_pair_limit"),
        # a zero size limit
        (lambda: IngestConfig(max_bytes=0), "max_bytes"),
        # a negative headline length
        (lambda: CleanConfig(max_headline_chars=-5), "max_headline_chars"),
        # zero headlines make every ending a list
        (lambda: CleanConfig(min_trailing_headlines=0), "min_trailing_headlines"),
        # zero quote length
        (lambda: SegmentConfig(max_quote_chars=0), "max_quote_chars"),
        # an unknown newline mode
        (lambda: SegmentConfig(newline_boundary="maybe"), "newline_boundary"),
        # a confidence above 1
        (lambda: FindingsConfig(min_confidence=1.01), "min_confidence"),
        # a support share below 0
        (lambda: FindingsConfig(clause_max_support=-1.0), "clause_max_support"),
        # zero terms per clause
        (lambda: FindingsConfig(clause_min_terms=0), "clause_min_terms"),
    ],
)
def test_invalid_values_raise_config_error(make: Any, name: str) -> None:
    with pytest.raises(ConfigError, match=name) as info:
        make()

    assert isinstance(info.value, WiretraceError)
    # the message names the owner, the setting and the rule
    assert "Config." in str(info.value)
    assert any(word in str(info.value) for word in ("must", "between", "one of"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # TOML tables
        ("wiretrace.toml", "[align]\nmin_similarity = 0.3\n\n[ingest]\nmax_bytes = 1000\n"),
        # the same settings in JSON
        ("wiretrace.json", '{"align": {"min_similarity": 0.3}, "ingest": {"max_bytes": 1000}}'),
    ],
)
def test_from_file_overrides_only_named_settings(
    write_file: WriteFile, name: str, content: str
) -> None:
    config = CompareConfig.from_file(write_file(name, content))

    assert config.align == AlignConfig(min_similarity=0.3)
    assert config.ingest == IngestConfig(max_bytes=1000)
    assert config.clean == CleanConfig()
    assert config.findings == FindingsConfig()


def test_from_file_accepts_str_path(write_file: WriteFile) -> None:
    path = write_file("c.toml", "[segment]\nnewline_boundary = 'never'\n")

    assert CompareConfig.from_file(str(path)).segment.newline_boundary == "never"


def test_empty_file_gives_defaults(write_file: WriteFile) -> None:
    assert CompareConfig.from_file(write_file("empty.toml", "")) == CompareConfig()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # a setting that does not exist; the message lists the known ones
        ("typo.toml", "[align]\nmin_similarty = 0.3\n", "unknown setting.*min_similarity"),
        # a section that does not exist
        ("section.toml", "[output]\ncolour = true\n", "unknown setting CompareConfig.output"),
        # broken TOML
        ("broken.toml", "[align\nmin_similarity = 0.3\n", "not valid TOML"),
        # broken JSON
        ("broken.json", '{"align": ', "not valid TOML/JSON"),
        # a value outside its range
        ("range.toml", "[align]\nmin_similarity = 2\n", "between 0.0 and 1.0"),
        # a section that is not a table
        ("scalar.toml", "align = 1\n", "must be a table"),
        # a JSON list instead of an object
        ("list.json", "[1, 2]", "must be a table"),
        # bytes that are not UTF-8
        ("binary.toml", "\udcff\udcfe", "not valid TOML"),
    ],
)
def test_bad_config_files(write_file: WriteFile, name: str, content: str, message: str) -> None:
    path = write_file(name, content.encode("utf-8", "surrogateescape"))

    with pytest.raises(ConfigError, match=message):
        CompareConfig.from_file(path)


@pytest.mark.parametrize(
    "content",
    [
        # a string where a number belongs
        pytest.param('[align]\nmin_similarity = "high"\n', id="str-for-float"),
        # a string where an integer belongs
        pytest.param('[align]\nmin_shared_terms = "2"\n', id="str-for-int"),
        # a fraction where an integer belongs
        pytest.param("[clean]\nmax_headline_chars = 1.5\n", id="float-for-int"),
    ],
)
def test_wrongly_typed_values_raise_config_error(write_file: WriteFile, content: str) -> None:
    with pytest.raises(ConfigError):
        CompareConfig.from_file(write_file("typed.toml", content))


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        CompareConfig.from_file(tmp_path / "absent.toml")
