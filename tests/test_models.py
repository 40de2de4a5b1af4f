"""The gazetteer's snapshot (``gazetteer.snapshot``/``restore``) and the per-process model
loading that keeps it between runs (``explorer.index.models``)."""

from __future__ import annotations

import json

import pytest

from explorer.extract import gazetteer
from explorer.index import models

_TABLES = ("cities", "countries", "subdivisions", "cities_in", "by_id", "admin1")


@pytest.fixture()
def unloaded(monkeypatch):  # type: ignore[no-untyped-def]
    """The tables as built, and a process where none are loaded (put back after the test)."""
    built = gazetteer._gazetteer()
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    return built


def test_a_snapshot_gives_back_the_very_tables_it_was_taken_of(unloaded) -> None:
    gazetteer._LOADED = unloaded
    blob = gazetteer.snapshot()
    gazetteer._LOADED = None
    assert gazetteer.restore(blob)
    restored = gazetteer._LOADED
    assert restored is not unloaded
    # Every table the gazetteer holds is in the snapshot (one added to it must be added here).
    assert set(vars(unloaded)) == set(_TABLES) == set(vars(restored))
    for name in _TABLES:
        assert getattr(restored, name) == getattr(unloaded, name), name
        assert list(getattr(restored, name)) == list(getattr(unloaded, name)), name  # order
    # One place is one object, whichever table it is reached through (as when built).
    kabul = restored.cities["kabul"]
    assert restored.by_id[kabul.gazetteer_id] is kabul
    assert gazetteer.lookup_place("Kandahar") == unloaded.cities["kandahar"]
    assert gazetteer.canonical_name("country:AF") == "Afghanistan"


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short
        lambda blob: b"\xff\xfe" + blob,  # not UTF-8
        lambda blob: b"[]",  # JSON, not a snapshot
        lambda blob: b'{"fingerprint": 1}',
        lambda blob: blob.replace(b'"fingerprint":"', b'"fingerprint":"0', 1),  # other inputs
        lambda blob: blob.replace(b'"places":[', b'"places":[[1],', 1),  # a bad row
    ],
)
def test_a_foreign_or_damaged_snapshot_is_refused_and_changes_nothing(unloaded, damage) -> None:
    gazetteer._LOADED = unloaded
    blob = gazetteer.snapshot()
    gazetteer._LOADED = None
    assert not gazetteer.restore(damage(blob))
    assert gazetteer._LOADED is None


def test_the_fingerprint_changes_with_what_the_tables_are_built_from(monkeypatch) -> None:
    before = gazetteer.fingerprint()
    assert before == gazetteer.fingerprint()
    monkeypatch.setattr(gazetteer, "_COUNTRY_ALIASES", {"atlantis": "AF"})
    assert gazetteer.fingerprint() != before


def test_load_writes_the_snapshot_once_and_reads_it_after(unloaded, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path))
    (tmp_path / "gazetteer-0ld.json").write_text("{}")  # another version's: dropped
    models.load.__wrapped__()
    path = models.snapshot_path()
    assert path.parent == tmp_path and path.is_file()
    assert not (tmp_path / "gazetteer-0ld.json").exists()
    assert json.loads(path.read_bytes())["fingerprint"] == gazetteer.fingerprint()

    # The next process reads it: no table is built.
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    monkeypatch.setattr(gazetteer._Gazetteer, "__init__", _must_not_build)
    models.load.__wrapped__()
    assert gazetteer._LOADED is not None
    assert gazetteer.lookup_place("Kabul") == unloaded.cities["kabul"]


def test_a_damaged_snapshot_file_is_built_again_and_replaced(
    unloaded, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path))
    path = models.snapshot_path()
    path.write_bytes(b'{"fingerprint": "' + gazetteer.fingerprint().encode() + b'", "cit')
    models.load.__wrapped__()
    assert gazetteer._LOADED is not None
    assert gazetteer.lookup_place("Herat") == unloaded.cities["herat"]
    assert json.loads(path.read_bytes())["fingerprint"] == gazetteer.fingerprint()  # rewritten


def test_a_cache_folder_that_cannot_be_written_is_no_error(unloaded, tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(blocked / "cache"))
    models.load.__wrapped__()
    assert gazetteer.lookup_place("Kabul") == unloaded.cities["kabul"]


def _must_not_build(self) -> None:  # type: ignore[no-untyped-def]
    raise AssertionError("the tables were built, not read from the snapshot")


def test_default_indexes_live_in_the_same_cache_folder(tmp_path, monkeypatch) -> None:
    from explorer.index import store

    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path))
    assert store.default_index_path(tmp_path / "news").parent == tmp_path
