"""Shared test set-up: nothing a test keeps (saved searches, bookmarks, the gazetteer's
snapshot) reaches the user's own data or cache folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def _private_cache_folder(tmp_path_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # One folder for the whole session: the snapshot written by the first build is read by the
    # next ones, as on a user's machine.
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
