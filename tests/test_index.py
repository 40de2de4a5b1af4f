"""The index behaves as a cache a user can trust: incremental, consistent, self-repairing."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer import open_corpus
from explorer.errors import ExplorerError, UsageError
from explorer.extract import pipeline
from explorer.index import schema, writer

ARTICLE = """Storm hits coast

PORTSMOUTH, March 3, 2020 - Officials said on Monday that the storm had passed.
"We are relieved," said Mayor Jane Holt. "The worst is over."
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    write(folder, "b.txt", ARTICLE.replace("Holt", "Hart").replace("storm", "flood"))
    write(
        folder, "sub/c.md", "---\ntitle: Budget vote\ndate: 2021-02-01\n---\nThe vote was close.\n"
    )
    return folder


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every document the builder extracts (the builder runs in-process for few files)."""
    seen: list[str] = []
    real = pipeline.extract_document

    def counting(text, meta=None):
        seen.append(text[:40])
        return real(text, meta)

    monkeypatch.setattr(pipeline, "extract_document", counting)
    return seen


def test_first_open_indexes_every_document(corpus_dir: Path, tmp_path: Path, calls) -> None:
    with open_corpus(corpus_dir, tmp_path / "i.sqlite") as corpus:
        ids = [d.id for d in corpus.documents(sort="title")]
        assert sorted(ids) == ["a.txt", "b.txt", "sub/c.md"]
        assert corpus.report.added == 3
    assert len(calls) == 3


def test_unchanged_corpus_reopens_without_extracting(
    corpus_dir: Path, tmp_path: Path, calls
) -> None:
    open_corpus(corpus_dir, tmp_path / "i.sqlite").close()
    calls.clear()
    with open_corpus(corpus_dir, tmp_path / "i.sqlite") as corpus:
        assert calls == []
        assert corpus.report.unchanged == 3
        assert corpus.stats().documents == 3


def test_only_the_changed_file_is_reextracted(corpus_dir: Path, tmp_path: Path, calls) -> None:
    open_corpus(corpus_dir, tmp_path / "i.sqlite").close()
    calls.clear()
    write(corpus_dir, "b.txt", "A different article about elections in Kenya.\n")
    with open_corpus(corpus_dir, tmp_path / "i.sqlite") as corpus:
        assert calls == ["A different article about elections in K"]
        assert corpus.report.changed == 1
        assert "Kenya" in corpus.text("b.txt")


def test_touched_but_identical_file_is_not_reextracted(
    corpus_dir: Path, tmp_path: Path, calls
) -> None:
    open_corpus(corpus_dir, tmp_path / "i.sqlite").close()
    calls.clear()
    path = corpus_dir / "a.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    with open_corpus(corpus_dir, tmp_path / "i.sqlite") as corpus:
        assert calls == []
        assert corpus.report.unchanged == 3


def test_removed_files_leave_the_index(corpus_dir: Path, tmp_path: Path) -> None:
    open_corpus(corpus_dir, tmp_path / "i.sqlite").close()
    shutil.rmtree(corpus_dir / "sub")
    with open_corpus(corpus_dir, tmp_path / "i.sqlite") as corpus:
        assert corpus.report.removed == 1
        assert sorted(d.id for d in corpus.documents()) == ["a.txt", "b.txt"]
        with pytest.raises(UsageError):
            corpus.text("sub/c.md")
        # Nothing of the removed document is left behind, in any table.
        db = sqlite3.connect(tmp_path / "i.sqlite")
        assert db.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'vote'"
        ).fetchone() == (0,)


def test_killed_run_leaves_a_usable_index_and_resumes(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "i.sqlite"
    open_corpus(corpus_dir, index).close()
    for n in range(6):
        write(
            corpus_dir, f"new/{n}.txt", f"Report number {n} from Nairobi on March {n + 1}, 2020.\n"
        )
    monkeypatch.setattr(writer, "BATCH_FILES", 2)
    real = pipeline.extract_document
    seen: list[int] = []

    def dying(text, meta=None):
        seen.append(1)
        if len(seen) == 4:
            raise KeyboardInterrupt
        return real(text, meta)

    monkeypatch.setattr(pipeline, "extract_document", dying)
    with pytest.raises(KeyboardInterrupt):
        open_corpus(corpus_dir, index)
    # The previous documents and the first full batch are there; nothing half-written.
    with open_corpus(corpus_dir, index, update=False) as corpus:
        ids = {d.id for d in corpus.documents()}
        assert {"a.txt", "b.txt", "sub/c.md"} <= ids
        assert len(ids) == 5
        db = sqlite3.connect(index)
        files = {r[0] for r in db.execute("SELECT path FROM files")}
        assert files == {"a.txt", "b.txt", "sub/c.md", "new/0.txt", "new/1.txt"}
    monkeypatch.setattr(pipeline, "extract_document", real)
    with open_corpus(corpus_dir, index) as corpus:
        assert corpus.report.added == 4
        assert corpus.stats().documents == 9


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[:3000]),
        lambda p: _set_version(p, schema.SCHEMA_VERSION + 7),
    ],
    ids=["truncated", "old-schema"],
)
def test_bad_index_is_rebuilt_with_a_notice(corpus_dir: Path, tmp_path: Path, damage) -> None:
    index = tmp_path / "i.sqlite"
    open_corpus(corpus_dir, index).close()
    damage(index)
    notices: list[str] = []
    with open_corpus(corpus_dir, index, warn=notices.append) as corpus:
        assert corpus.stats().documents == 3
    assert any("rebuilding" in n for n in notices)


def _other_programs_database(path: Path) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ann', '555')")
    db.close()


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_bytes(b"my notes, not a database at all\n" * 100),
        _other_programs_database,
    ],
    ids=["text-file", "other-sqlite"],
)
@pytest.mark.parametrize("rebuild", [False, True])
def test_a_file_that_is_not_an_index_is_never_touched(
    corpus_dir: Path, tmp_path: Path, make, rebuild: bool
) -> None:
    """--index at someone else's file: one line, exit 2, the file byte-identical."""
    from explorer import cli

    index = tmp_path / "precious.db"
    make(index)
    before = index.read_bytes()
    with pytest.raises(UsageError, match="not an explorer index"):
        open_corpus(corpus_dir, index)
    args = ["index", "--corpus", str(corpus_dir), "--index", str(index)]
    assert cli.main([*args, "--rebuild"] if rebuild else args) == 2
    assert index.read_bytes() == before


def test_an_index_is_stamped_with_its_application_id(corpus_dir: Path, tmp_path: Path) -> None:
    index = tmp_path / "i.sqlite"
    open_corpus(corpus_dir, index).close()
    header = index.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == schema.APPLICATION_ID


def _set_version(path: Path, version: int) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    db.close()


def test_missing_folder_and_file_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        open_corpus(tmp_path / "nope", tmp_path / "i.sqlite")
    file = write(tmp_path, "x.txt", "hello")
    with pytest.raises(UsageError, match="folder"):
        open_corpus(file, tmp_path / "i.sqlite")


def test_bad_files_are_skipped_with_a_warning_and_the_rest_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write(folder, "good.txt", ARTICLE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 20)
    warnings: list[str] = []
    with open_corpus(folder, tmp_path / "i.sqlite", warn=warnings.append) as corpus:
        assert [d.id for d in corpus.documents()] == ["good.txt"]
    assert len([w for w in warnings if "empty.txt" in w]) == 1
    assert len([w for w in warnings if "blob.txt" in w]) == 1


WRAPPED = (
    "KABUL, Aug 13 - Mayor Rahim Khan said on Friday the\n"
    "city was calm. \u201cWe are ready,\u201d he said, \u201cand we\n"
    "will not stop.\u201d Aid reached Kandahar on August\n"
    "12, officials said, and Ben Wallace told reporters:\n"
    "\u201cThe deal was a mistake.\u201d\n"
)
PARAGRAPHS = (
    "Tobias Ellwood said on Twitter: \u2018What would Churchill say?\n"
    "\u2018The largest alliance ever \u2013 defeated by an insurgency.\n"
    "\u2018We can and must do better.\u2019\nThe next paragraph is plain.\n"
)


def test_offsets_index_into_the_text_show_prints(corpus_dir: Path, tmp_path: Path) -> None:
    # Hard-wrapped wire copy and quotes in several parts are where text and offsets used to
    # part: every record's text must still be the slice of `show` its offsets name.
    write(corpus_dir, "wrapped.txt", WRAPPED)
    write(corpus_dir, "paragraphs.txt", PARAGRAPHS)
    with open_corpus(corpus_dir, tmp_path / "i.sqlite") as corpus:
        multi = 0
        for doc in corpus.documents():
            text = corpus.text(doc.id)
            for event in corpus.timeline(doc=doc.id):
                assert text[event.start : event.end] == event.text
                assert event.start <= event.expr_start < event.expr_end <= event.end
            for quote in corpus.quotes(doc=doc.id):
                assert quote.start < quote.end <= len(text)
                assert text[quote.start : quote.end] == quote.text
                if quote.speaker_start is not None:
                    mention = text[quote.speaker_start : quote.speaker_end]
                    assert mention == quote.speaker_mention
                assert all(text[s:e] in quote.display for s, e in quote.parts)
                assert quote.parts[0][0] == quote.start and quote.parts[-1][1] == quote.end
                if len(quote.parts) > 1:
                    multi += 1
                else:
                    assert quote.display == quote.text
            for span in corpus.spans(doc.id):
                assert 0 <= span.start < span.end <= len(text)
        assert multi >= 1
        (over_paragraphs,) = corpus.quotes(doc="paragraphs.txt")
        assert len(over_paragraphs.parts) == 3 and "\u2018" in over_paragraphs.text
        assert over_paragraphs.display.startswith("What would Churchill say?\nThe largest")
        for entity in corpus.entities():
            for m in corpus.mentions(entity.id):
                assert corpus.text(m.doc)[m.start : m.end] == m.text


def test_one_writer_at_a_time_the_second_waits(corpus_dir: Path, tmp_path: Path) -> None:
    """Two updates of one index used to interleave (UNIQUE failures, wrong counts)."""
    import threading

    from explorer.index import store

    index = tmp_path / "i.sqlite"
    notices: list[str] = []
    done = threading.Event()

    def second() -> None:
        writer.update_index(corpus_dir, index, warn=notices.append)
        done.set()

    with store.writing(index):
        t = threading.Thread(target=second)
        t.start()
        t.join(1.0)
        assert not done.is_set()  # it waits while the first writer holds the index
        assert any("waiting" in n for n in notices)
    t.join(30)
    assert done.is_set()
    with open_corpus(corpus_dir, index, update=False) as corpus:
        assert corpus.stats().documents == 3


def test_readers_see_the_old_index_during_a_rebuild(
    corpus_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """--rebuild builds beside the old index and swaps it in: never a half-built index."""
    import threading

    index = tmp_path / "i.sqlite"
    open_corpus(corpus_dir, index).close()
    started, release = threading.Event(), threading.Event()
    real = pipeline.extract_document

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_document", slow)
    monkeypatch.setattr(writer, "POOL_THRESHOLD", 10**9)  # extract in this process
    reports = []
    t = threading.Thread(
        target=lambda: reports.append(writer.update_index(corpus_dir, index, rebuild=True))
    )
    t.start()
    assert started.wait(10)
    with open_corpus(corpus_dir, index, update=False) as corpus:
        assert corpus.stats().documents == 3  # the old index, whole
    release.set()
    t.join(30)
    assert reports and reports[0].added == 3
    with open_corpus(corpus_dir, index, update=False) as corpus:
        assert corpus.stats().documents == 3  # the new one
    assert not (tmp_path / "i.sqlite.new").exists()


def test_an_index_that_cannot_be_written_still_answers(
    corpus_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A read-only index or folder, a full disk: the queries answer from the index as it is."""
    index = tmp_path / "i.sqlite"
    open_corpus(corpus_dir, index).close()

    def read_only(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(index) + ".lock")

    monkeypatch.setattr(writer.store, "writing", read_only)
    notices: list[str] = []
    with open_corpus(corpus_dir, index, warn=notices.append) as corpus:
        assert corpus.stats().documents == 3
    assert any("cannot update index" in n and "Permission denied" in n for n in notices)
    with pytest.raises(ExplorerError, match="cannot update index"):  # nothing to answer from
        open_corpus(corpus_dir, tmp_path / "other.sqlite")


def test_a_full_disk_is_not_mistaken_for_damage(corpus_dir: Path, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """ "Disk full" during an update leaves the index byte for byte as it was, with no rebuild
    attempted (a rebuild needs more room, and the index is not damaged)."""
    index = tmp_path / "i.sqlite"
    open_corpus(corpus_dir, index).close()
    before = index.read_bytes()
    write(corpus_dir, "d.txt", ARTICLE.replace("Holt", "Hale"))

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(writer, "update", full)
    notices: list[str] = []
    with open_corpus(corpus_dir, index, warn=notices.append) as corpus:
        assert corpus.stats().documents == 3  # the index as it was
    assert len(notices) == 1 and "disk is full" in notices[0]
    assert "rebuilding" not in notices[0]
    assert index.read_bytes() == before
    assert not (tmp_path / "i.sqlite.new").exists()
    with pytest.raises(ExplorerError, match="cannot update index .*disk is full"):
        open_corpus(corpus_dir, index, stale_ok=False)  # what `explorer index` asks


def test_find_sees_every_update_through_the_saved_lookup(corpus_dir: Path, tmp_path: Path) -> None:
    """The writer keeps the name lookup in the index; an update that adds, changes or removes
    names must never leave a command finding yesterday's names."""
    index = tmp_path / "i.sqlite"
    with open_corpus(corpus_dir, index) as corpus:
        assert corpus.find("jane holt")
    saved = sqlite3.connect(index).execute("SELECT count(*) FROM lookup_cache").fetchone()[0]
    assert saved == 1
    write(corpus_dir, "d.txt", "Governor Amadou Diallo opened the bridge on Monday.\n")
    (corpus_dir / "a.txt").unlink()
    (corpus_dir / "b.txt").unlink()
    with open_corpus(corpus_dir, index) as corpus:
        assert [e.name for e in corpus.find("amadou diallo")][:1] == ["Amadou Diallo"]
        assert not any("Holt" in e.name for e in corpus.find("jane holt"))


def test_events_reported_by_several_documents_are_counted_once_each(tmp_path: Path) -> None:
    """corroborating_docs: documents telling the day's event in similar words, itself included;
    a few words inside a long sentence ("Pay May 15") are no report of it."""
    folder = tmp_path / "news"
    day = "The central bank raised its key rate to 9 pct on March 3, 1987, dealers said."
    write(folder, "a.txt", f"---\ndate: 1987-03-04\n---\n{day}\n")
    write(
        folder,
        "b.txt",
        "---\ndate: 1987-03-04\n---\nDealers said the central bank raised its key rate to 9 pct"
        " on March 3, 1987.\n",
    )
    write(
        folder,
        "c.txt",
        "---\ndate: 1987-03-04\n---\nFarmers in the north planted early barley on March 3, 1987,"
        " after a mild winter.\n\nPay March 3, 1987.\n",
    )
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        got = {(e.doc, e.text[:20]): e.corroborating_docs for e in corpus.timeline()}
    assert got[("a.txt", day[:20])] == 2
    assert got[("b.txt", "Dealers said the cen")] == 2
    assert all(n == 1 for (doc, _), n in got.items() if doc == "c.txt"), got


def test_a_first_page_of_quotes_walked_by_date_is_the_start_of_the_whole_answer(
    tmp_path: Path,
) -> None:
    """Quotes about a frequent name, asked for a few, are read walking the documents by date
    (``Reader._walking``); every first page must be the start of the sorted answer,
    undated documents last, and a date range must hold."""
    from explorer.api import Query
    from explorer.index import reader as reader_module

    folder = tmp_path / "news"
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus", folder)
    (folder / "undated.txt").write_text(
        "Taliban hold Kandahar\n\n“We will not leave Kandahar,” a Taliban commander said. "
        "“The Taliban have won,” Ben Wallace said of the fall of Kandahar.\n",
        encoding="utf-8",
    )
    # The same day as a seed article: the document id breaks the tie.
    (folder / "0000-same-day.md").write_text(
        "---\ntitle: Kandahar falls\ndate: 2021-08-13\n---\n“Kandahar is ours,” a Taliban "
        "spokesman said.\n",
        encoding="utf-8",
    )
    # One day, one title, two documents: only the id orders them.
    (folder / "0001-same-day.md").write_text(
        "---\ntitle: Kandahar falls\ndate: 2021-08-13\n---\n“Kandahar has fallen,” a Taliban "
        "commander said.\n",
        encoding="utf-8",
    )
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        reader = corpus.reader
        kandahar = corpus.find("Kandahar")[0].id
        taliban = corpus.find("Taliban")[0].id
        for entities in ((kandahar,), (taliban,), (kandahar, taliban)):
            whole = reader.quotes(Query(entities=entities))
            assert any(q.doc == "undated.txt" for q in whole)
            assert reader._walking(
                Query(entities=entities, limit=5), reader_module.WALK_SCAN_QUOTES
            )
            for limit in range(1, len(whole) + 2):
                first = reader.quotes(Query(entities=entities, limit=limit))
                assert first == whole[:limit], (entities, limit)
            ranged = reader.quotes(Query(entities=entities, since="2021-08-13", limit=3))
            assert ranged == reader.quotes(Query(entities=entities, since="2021-08-13"))[:3]
            for order in ("date", "-date"):
                docs = reader.documents(Query(entities=entities, order=order))
                assert any(d.date is None for d in docs)
                walk = Query(entities=entities, order=order, limit=2)
                assert reader._walking(walk, reader_module.WALK_SCAN_DOCUMENTS)
                for limit in range(1, len(docs) + 2):
                    first = reader.documents(Query(entities=entities, order=order, limit=limit))
                    assert first == docs[:limit], (entities, order, limit)
        scan = reader_module.WALK_SCAN_QUOTES
        assert not reader._walking(Query(entities=(kandahar,), limit=None), scan)
        assert not reader._walking(Query(entities=(kandahar,), limit=10**9), scan)
        assert not reader._walking(Query(entities=(kandahar,), text="fell", limit=5), scan)


def test_an_interrupted_question_is_not_taken_for_damage(corpus_dir: Path, tmp_path: Path) -> None:
    """A statement the app stopped (``Reader.interrupt``) raises in its thread; ``Corpus._ask``
    passes it on as it is, with no integrity check and no rebuild."""
    import threading
    import time

    from explorer.index.reader import interrupted

    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"
    notices: list[str] = []
    with open_corpus(corpus_dir, tmp_path / "i.sqlite", warn=notices.append) as corpus:
        caught: list[BaseException] = []
        thread: list[int] = []

        def ask() -> None:
            thread.append(threading.get_ident())
            try:
                corpus._ask(lambda: corpus.reader._rows(endless))
            except sqlite3.OperationalError as exc:
                caught.append(exc)

        t = threading.Thread(target=ask)
        t.start()
        while not thread:
            time.sleep(0.01)
        time.sleep(0.2)
        corpus.reader.interrupt(thread[0])
        t.join(5)
        assert not t.is_alive() and caught and interrupted(caught[0])
        assert corpus._repairs == 0 and not notices
        assert corpus.stats().documents == 3


def test_a_document_crosses_from_its_worker_as_rows_of_plain_values(corpus_dir: Path) -> None:
    """The writer's one process only inserts: the rows are made where the document was
    extracted (``prepare_document``), and hold nothing but plain values (cheap to send)."""
    from explorer.ingest.discovery import scan

    entry = next(e for e in scan(corpus_dir)[0] if e.rel == "a.txt")
    work = writer.extract_file(entry)
    (rows,) = work.docs
    plain = (str, int, float, bool, type(None))

    def flat(value: object) -> list[object]:
        if isinstance(value, list | tuple):
            return [x for v in value for x in flat(v)]
        return [value]

    for name in ("document", "entities", "mentions", "segments", "passages", "times", "quotes"):
        values = flat(getattr(rows, name))
        assert all(isinstance(v, plain) for v in values), name
        assert values or name in ("segments", "passages"), name
    assert rows.text == ARTICLE and rows.document[1] == "a.txt"
    ((start, end, text, _display, _parts, speaker, *_),) = rows.quotes
    assert text == ARTICLE[start:end] and text.startswith("We are relieved") and "Holt" in speaker
    assert any(row[1] == "Jane Holt" for row in rows.entities)
