"""Shared test set-up: nothing a test keeps (saved searches, bookmarks) reaches the user's
own data folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
