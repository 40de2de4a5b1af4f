"""What a person keeps per corpus: saved searches and bookmarks, in one small JSON file.

The file lives in the user data folder (``platformdirs``; ``EXPLORER_DATA_DIR`` overrides it),
named after the corpus like its index, so it survives rebuilds of the index and can be read,
edited or backed up by hand. A bookmark stores the passage's text as well as its offsets: after
the document changes, it is found again by its text (the occurrence nearest to where it was)
or said to be gone, never silently pointing at other words.

A file that does not parse is never overwritten: the command stops with one line naming it.
Writes go to a temporary file renamed over the old one, under a lock, so two commands adding at
once both keep what they added.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.errors import ExplorerError, UsageError
from explorer.index.query_language import parse
from explorer.index.store import corpus_key
from explorer.records import Bookmark, SavedSearch

if TYPE_CHECKING:
    from explorer.corpus import Corpus

__all__ = ["Kept", "data_folder", "parse_passage"]

_PASSAGE = re.compile(r"(?P<doc>.+):(?P<start>\d+)-(?P<end>\d+)")
_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,80}")


def data_folder() -> Path:
    """Where the kept files of every corpus live."""
    env = os.environ.get("EXPLORER_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("explorer", appauthor=False))


def parse_passage(text: str) -> tuple[str, int, int]:
    """``DOC:START-END`` (as ``explorer bookmarks`` prints it) as (doc, start, end)."""
    m = _PASSAGE.fullmatch(text.strip())
    if not m:
        raise UsageError(
            f"expected a passage as DOC:START-END (e.g. 000_kandahar.txt:120-180), got {text!r}"
        )
    start, end = int(m["start"]), int(m["end"])
    if start >= end:
        raise UsageError(f"{text!r}: the passage must end after it starts")
    return m["doc"], start, end


class Kept:
    """The saved searches and bookmarks of one corpus."""

    def __init__(self, corpus_root: Path, folder: Path | None = None) -> None:
        self.root = Path(corpus_root).resolve()
        self.path = (folder or data_folder()) / f"{corpus_key(self.root)}.json"

    # -- the file -----------------------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"corpus": str(self.root), "saved": [], "bookmarks": []}
        except OSError as exc:
            raise ExplorerError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            for key in ("saved", "bookmarks"):
                if not isinstance(data.setdefault(key, []), list):
                    raise ValueError(f"{key!r} is not a list")
        except ValueError as exc:
            raise ExplorerError(
                f"cannot read {self.path} ({exc}); fix it by hand or move it away —"
                " it is left as it is"
            ) from None
        return data

    @contextlib.contextmanager
    def _changing(self) -> Iterator[dict[str, Any]]:
        """The file's contents to change in place, written back atomically under a lock."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = open(self.path.with_suffix(".lock"), "a+b")  # noqa: SIM115
        except OSError as exc:
            raise ExplorerError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self._read()
            yield data
            tmp = self.path.with_suffix(".json.tmp")
            try:
                tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
                os.replace(tmp, self.path)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise ExplorerError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    # -- saved searches -----------------------------------------------------------------------

    def searches(self) -> list[SavedSearch]:
        """Saved searches, in the order they were saved."""
        return [
            SavedSearch(str(s.get("name", "")), str(s.get("query", "")))
            for s in self._read()["saved"]
            if isinstance(s, dict)
        ]

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Keep ``query`` under ``name`` (replacing one of that name); a query that does not
        parse is refused with the parser's line, so a saved search always runs."""
        name = " ".join(name.split())
        if not _NAME.fullmatch(name):
            raise UsageError("a saved search needs a name of 1 to 80 printable characters")
        if parse(query) is None:
            raise UsageError("a saved search needs a query; see `explorer help query`")
        with self._changing() as data:
            data["saved"] = [s for s in data["saved"] if s.get("name") != name]
            data["saved"].append({"name": name, "query": query})
        return SavedSearch(name, query)

    def search(self, name: str) -> str:
        """The query saved under ``name``."""
        for s in self.searches():
            if s.name == name:
                return s.query
        known = ", ".join(repr(s.name) for s in self.searches()) or "none yet"
        raise UsageError(f"no saved search named {name!r} (saved: {known})")

    def remove_search(self, name: str) -> SavedSearch:
        query = self.search(name)
        with self._changing() as data:
            data["saved"] = [s for s in data["saved"] if s.get("name") != name]
        return SavedSearch(name, query)

    # -- bookmarks ----------------------------------------------------------------------------

    def add_bookmark(
        self, corpus: Corpus, doc: str, start: int, end: int, note: str | None = None
    ) -> Bookmark:
        """Pin ``doc``'s text from ``start`` to ``end`` (offsets as every record gives them)."""
        text = corpus.text(doc)  # an unknown document is the user's mistake (UsageError)
        if not 0 <= start < end <= len(text):
            raise UsageError(
                f"{doc}:{start}-{end} is outside the document (its text has {len(text):,}"
                " characters)"
            )
        entry = {"doc": doc, "start": start, "end": end, "text": text[start:end], "note": note}
        with self._changing() as data:
            data["bookmarks"] = [b for b in data["bookmarks"] if not _same(b, entry)]
            data["bookmarks"].append(entry)
        return self._resolve(corpus, entry, {})[0]

    def bookmarks(self, corpus: Corpus) -> list[Bookmark]:
        """Every bookmark with its citation, each found again in its document as it is now;
        offsets found moved are written back, so the next listing is quick and agrees."""
        entries = [b for b in self._read()["bookmarks"] if _valid(b)]
        texts: dict[str, str | None] = {}
        resolved = [self._resolve(corpus, b, texts) for b in entries]
        if any(moved for _, moved in resolved):
            with self._changing() as data:
                for b in data["bookmarks"]:
                    for bookmark, moved in resolved:
                        if moved and _valid(b) and _same(b, moved):
                            b["start"], b["end"] = bookmark.start, bookmark.end
        return [bookmark for bookmark, _ in resolved]

    def remove_bookmark(self, corpus: Corpus, which: str) -> Bookmark:
        """Remove a bookmark named by its number in the listing (1 is the first) or by
        ``DOC:START-END``."""
        listed = self.bookmarks(corpus)
        if which.strip().isdigit():
            n = int(which)
            if not 1 <= n <= len(listed):
                raise UsageError(f"no bookmark number {n}: there are {len(listed)}")
            gone = listed[n - 1]
        else:
            doc, start, end = parse_passage(which)
            found = [b for b in listed if (b.doc, b.start, b.end) == (doc, start, end)]
            if not found:
                raise UsageError(f"no bookmark at {which} (list them with `explorer bookmarks`)")
            gone = found[0]
        with self._changing() as data:
            data["bookmarks"] = [
                b
                for b in data["bookmarks"]
                if not (
                    _valid(b)
                    and b["doc"] == gone.doc
                    and b["text"] == gone.text
                    and b["start"] == gone.start
                )
            ]
        return gone

    def _resolve(
        self, corpus: Corpus, entry: dict[str, Any], texts: dict[str, str | None]
    ) -> tuple[Bookmark, dict[str, Any] | None]:
        """The bookmark as the corpus holds it now, and the entry when its offsets moved."""
        doc, start, end, pinned = entry["doc"], entry["start"], entry["end"], entry["text"]
        if doc not in texts:
            try:
                texts[doc] = corpus.text(doc)
            except UsageError:
                texts[doc] = None
        text = texts[doc]
        status, moved = "ok", None
        if text is None:
            status = "gone"
        elif text[start:end] != pinned:
            found = _nearest(text, pinned, start)
            if found is None:
                status = "gone"
            else:
                status, moved = "moved", entry
                start, end = found, found + len(pinned)
        meta = None if text is None else corpus.document(doc)
        return (
            Bookmark(
                doc=doc,
                start=start,
                end=end,
                text=pinned,
                note=entry.get("note"),
                doc_title=meta.title if meta else None,
                doc_date=meta.date if meta else None,
                source=meta.source if meta else None,
                url=meta.url if meta else None,
                status=status,
            ),
            moved,
        )


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("doc"), str)
        and isinstance(entry.get("start"), int)
        and isinstance(entry.get("end"), int)
        and isinstance(entry.get("text"), str)
    )


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a.get("doc"), a.get("start"), a.get("end")) == (b["doc"], b["start"], b["end"])


def _nearest(text: str, passage: str, near: int) -> int | None:
    """Where ``passage`` occurs in ``text`` closest to ``near``, or None."""
    best = None
    i = text.find(passage)
    while i >= 0:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = text.find(passage, i + 1)
    return best
