"""Small real corpora for the app's tests: hand-written articles, indexed by the real explorer.

The app reads through ``explorer.tui.state.FactSource``; its tests give it the real reader over
these articles (no stand-in that could drift from the index), and ``Recorder`` when a test
needs to see or delay what the app asks.

Articles are written as ``.json`` records (title, date, text), so the text the extractors see is
the article itself: doc ids are the file names (``a1.json``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.api import Query, open_corpus
from explorer.corpus import Corpus

A1, A2, A3 = "a1.json", "a2.json", "a3.json"

ARTICLES = [
    ("a1", "Taliban seize Kandahar", "2021-08-13",
     "Taliban seize Kandahar\n\nThe Taliban seized Kandahar on Thursday, officials said. "
     "“We will not abandon Kandahar,” Ben Wallace said. Kabul was calm on Friday.\n\n"
     "In August 2021 the withdrawal sped up. Fighting in the 1980s shaped the region."),
    ("a2", "Wallace criticises deal", "2021-08-14",
     "Ben Wallace called the deal ‘rotten’ on Saturday. “The deal was a mistake,” said Ben Wallace. "
     "Donald Trump did not respond. Kabul airport was crowded on Saturday."),
    ("a3", "Undated note on Helmand", None,
     "Lashkar Gah, the capital of Helmand, fell. “It is over,” said Mohammad Khan. "
     "Kandahar remained tense."),
]  # fmt: skip

# What the real extractors find in ARTICLES (checked by test_sample_corpus_is_what_tests_assume).
DOCS = 3
EVENTS = 6  # Thursday, Friday, August 2021, the 1980s; two Saturdays
QUOTES = 4  # three said, and the fragment ‘rotten’
NAMES = 8
TIMELINE_DATES = ["198X", "2021-08", "2021-08-12", "2021-08-13", "2021-08-14"]

Article = tuple[str, str, str | None, str]
_built: dict[tuple[Article, ...], Path] = {}
_lock = threading.Lock()


def write_articles(folder: Path, articles: list[Article]) -> Path:
    """Each article as ``<name>.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, title, date, text in articles:
        record: dict[str, Any] = {"title": title, "text": text}
        if date:
            record["date"] = date
        (folder / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    return folder


def open_sample(articles: list[Article] | None = None) -> Corpus:
    """A corpus of ``articles`` (ARTICLES by default), indexed once per test session.

    Every call returns a new ``Corpus`` over a fresh copy of the index, so a test can never see
    another test's changes.
    """
    key = tuple(articles if articles is not None else ARTICLES)
    with _lock:
        if key not in _built:
            base = Path(tempfile.mkdtemp(prefix="explorer-tui-"))
            folder = write_articles(base / "news", list(key))
            open_corpus(folder, base / "index.sqlite").close()
            _built[key] = base
        base = _built[key]
        copy = Path(tempfile.mkdtemp(prefix="explorer-tui-run-"))
        shutil.copy(base / "index.sqlite", copy / "index.sqlite")
    return Corpus.open(base / "news", copy / "index.sqlite", update=False)


def empty_corpus() -> Corpus:
    """An index of no documents (a folder whose only file is not an article)."""
    base = Path(tempfile.mkdtemp(prefix="explorer-tui-empty-"))
    (base / "news").mkdir()
    (base / "news" / "notes.bin").write_bytes(b"\x00\x01")
    return Corpus.open(base / "news", base / "index.sqlite")


def opener(corpus: Corpus) -> Callable[..., Corpus]:
    """The app's ``Opener`` for an already opened corpus."""

    def open_it(progress, warn, *, update=True):  # type: ignore[no-untyped-def]
        return corpus

    return open_it


class Recorder:
    """Wraps a reader: records each question (``name:text:order:limit``) and can hold one back.

    ``hold(name, test)``: calls of ``name`` whose Query passes ``test`` wait for the returned
    event (a slow index, seen from the app).
    """

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.calls: list[str] = []
        self._holds: list[tuple[str, Callable[[Query], bool], threading.Event]] = []
        self._fail: dict[str, Exception] = {}

    def hold(self, name: str, test: Callable[[Query], bool] = lambda q: True) -> threading.Event:
        gate = threading.Event()
        self._holds.append((name, test, gate))
        return gate

    def fail(self, name: str, error: Exception) -> None:
        self._fail[name] = error

    def _ask(self, name: str, *args: Any, **kwargs: Any) -> Any:
        q = args[0] if args and isinstance(args[0], Query) else None
        if q is not None:
            self.calls.append(f"{name}:{q.text}:{q.order}:{q.limit}")
        for held, test, gate in self._holds:
            if held == name and (q is None or test(q)):
                gate.wait(5)
        if name in self._fail:
            raise self._fail[name]
        return getattr(self.reader, name)(*args, **kwargs)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._ask(name, *args, **kwargs)


def recorded(corpus: Corpus) -> Recorder:
    """Put a ``Recorder`` between ``corpus`` and the app; returns it."""
    recorder = Recorder(corpus.reader)
    corpus.reader = recorder  # type: ignore[assignment]
    return recorder
