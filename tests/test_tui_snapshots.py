"""SVG snapshots of every screen state, at 80×24 and 120×40.

Both sets run the real index: the sample corpus (tests/tui_corpus.py) and the bundled corpus.
They change whenever an extractor does: regenerate them with
    uv run pytest tests/test_tui_snapshots.py --snapshot-update
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_corpus import open_sample, opener

from explorer.tui.app import ExplorerApp

REPO = Path(__file__).resolve().parent.parent
SIZES = [(80, 24), (120, 40)]


def fake_app() -> ExplorerApp:
    """The app on the sample corpus (named "fake" as in the first snapshots)."""
    return ExplorerApp("fake", opener(open_sample()))


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    """A run_before that waits for the data, presses ``pressed`` and waits again."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fake_app(), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_suggestions(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fake_app(), terminal_size=size, run_before=keys("slash", *"kandahr"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_filter_applied(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        fake_app(), terminal_size=size, run_before=keys("slash", *"kandahr", "enter", "2")
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fake_app(), terminal_size=size, run_before=keys("3", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(fake_app(), terminal_size=size, run_before=keys("f1"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_matches(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    """A filter no quote matches: the quotes pane says so in words."""
    assert snap_compare(
        fake_app(), terminal_size=size, run_before=keys("slash", *"withdrawal", "enter", "3")
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_date_range_box(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    """`d` on the timeline: the box for a range in words."""
    assert snap_compare(fake_app(), terminal_size=size, run_before=keys("2", "d", *"aug 2021"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_map(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    """`m`: the map in place of the preview, the world, the places of the sample."""
    assert snap_compare(fake_app(), terminal_size=size, run_before=keys("m"))


# -- the bundled corpus (regenerate when the extractors change) ---------------------------------


def real_app(tmp_path: Path) -> ExplorerApp:
    from explorer.api import open_corpus

    try:
        open_corpus(REPO / "corpus", tmp_path / "index.db").close()
    except NotImplementedError:
        pytest.skip("explorer.corpus.Corpus is not implemented yet")
    index = tmp_path / "index.db"
    return ExplorerApp(
        "corpus",
        lambda progress, warn: open_corpus(REPO / "corpus", index, progress=progress, warn=warn),
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_real_corpus_main_screen(snap_compare, size, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(real_app(tmp_path), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_real_corpus_quotes_focused(snap_compare, size, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The quotes pane focused: speaker and the words on two lines below 90 cells."""
    assert snap_compare(real_app(tmp_path), terminal_size=size, run_before=keys("3", "j"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_real_corpus_kandahar_quote_in_reader(snap_compare, size, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        real_app(tmp_path),
        terminal_size=size,
        run_before=keys("slash", *"kandahr", "enter", "3", "enter"),
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_real_corpus_map_of_kandahar(snap_compare, size, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The seeds filtered to Kandahar: the map zooms to Afghanistan."""
    assert snap_compare(
        real_app(tmp_path),
        terminal_size=size,
        run_before=keys("slash", *"kandahar", "enter", "m"),
    )
