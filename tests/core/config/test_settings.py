"""Settings keep the default format and level as the engine's enums, written as the same JSON."""

from __future__ import annotations

import json
from pathlib import Path

from paraphe.core.config.settings import SETTINGS_FILE, Settings
from paraphe.core.etsi import BaselineLevel, SignatureFormat


def test_the_defaults_round_trip_as_enums_written_as_plain_strings(tmp_path: Path) -> None:
    Settings(default_format=SignatureFormat.PADES, default_level=BaselineLevel.B_T).save(tmp_path)

    written = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert (written["default_format"], written["default_level"]) == ("pades", "B-T")
    loaded = Settings.load(tmp_path)
    assert loaded.default_format is SignatureFormat.PADES
    assert loaded.default_level is BaselineLevel.B_T


def test_a_hand_edited_unknown_format_or_level_falls_back_to_the_first(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(
        json.dumps({"default_format": "asic", "default_level": 3, "language": "fr"}),
        encoding="utf-8",
    )

    loaded = Settings.load(tmp_path)

    assert loaded.default_format is SignatureFormat.XADES
    assert loaded.default_level is BaselineLevel.B_B
    assert loaded.language == "fr"


def test_timestamp_servers_are_a_list_and_an_older_single_server_is_read_into_it(
    tmp_path: Path,
) -> None:
    (tmp_path / SETTINGS_FILE).write_text(
        json.dumps({"timestamp_url": "https://tsa.example.org/"}), encoding="utf-8"
    )
    assert Settings.load(tmp_path).timestamp_urls == ["https://tsa.example.org/"]

    Settings(timestamp_urls=["https://a.example/", "http://b.example/"]).save(tmp_path)
    assert Settings.load(tmp_path).timestamp_urls == ["https://a.example/", "http://b.example/"]

    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"timestamp_urls": "x"}), encoding="utf-8")
    assert Settings.load(tmp_path).timestamp_urls == []
