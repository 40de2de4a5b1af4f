"""Shards built apart and merged answer exactly like an index built in one go; and the query
plans chosen for scale (timeline walks, quote search's first page) answer exactly like one
plain statement over every row."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from explorer import open_corpus
from explorer.corpus import Corpus
from explorer.index import shards
from explorer.index.query import Query, first_day, last_day
from explorer.ingest import scan

ARTICLES = {
    "2021/kabul.txt": (
        "---\ntitle: Taliban enter Kabul\ndate: 2021-08-15\nsource: Wire\n---\n"
        "KABUL, Aug 15 - Taliban fighters entered Kabul on Sunday, officials said.\n\n"
        '"We are relieved that the transfer was peaceful," said Zabihullah Mujahid, a Taliban '
        "spokesman. Mujahid said talks would start on Monday.\n\n"
        "President Ashraf Ghani left Afghanistan on Aug. 15, 2021, for Tajikistan.\n"
    ),
    "2021/ghani.md": (
        "---\ntitle: Ghani speaks from the UAE\ndate: 2021-08-18\n---\n"
        "# Ghani speaks from the UAE\n\n"
        "ABU DHABI - Ashraf Ghani said on Wednesday he had left Kabul to avoid bloodshed. "
        '"I had no choice," Ghani told reporters in the United Arab Emirates.\n\n'
        "He said he would return to Afghanistan in September.\n"
    ),
    "2020/storm.txt": (
        "Storm hits coast\n\nPORTSMOUTH, March 3, 2020 - Officials said on Monday that the "
        'storm had passed. "We are relieved," said Mayor Jane Holt. "The worst is over."\n'
    ),
    "feeds/wire.jsonl": (
        '{"title": "Budget vote delayed", "date": "2021-02-01", "text": "Senator Maria Lopez '
        'said on Friday the vote would wait until March 2021. \\"It is not ready,\\" Lopez said."}\n'
        "not json at all\n"
        '{"title": "Budget passes", "date": "2021-03-04", "text": "The budget passed on '
        'Thursday, March 4, 2021, said Maria Lopez in Washington."}\n'
    ),
    "empty.txt": "",
    "notes/draft.txt": "Kabul airport\n\nCrowds gathered at Kabul airport on Monday, Aug. 16.\n",
}


def write_corpus(folder: Path) -> Path:
    for rel, text in ARTICLES.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "news")


def _two_shards(root: Path, tmp_path: Path) -> list[Path]:
    entries, _ = scan(root)
    half = len(entries) // 2
    paths = []
    for k, group in enumerate((entries[:half], entries[half:])):
        assert group
        path = tmp_path / f"shard{k}.sqlite"
        shards.build_shard(root, path, [e.rel for e in group])
        paths.append(path)
    return paths


def _answers(corpus: Corpus) -> dict:
    """Everything a user can ask, with corpus-internal ids (row ids, entity ids) left out."""

    def plain(items, drop=()):
        out = []
        for item in items:
            d = dataclasses.asdict(item)
            for key in drop:
                d.pop(key, None)
            if "aliases" in d:
                d["aliases"] = sorted(d["aliases"])
            out.append(d)
        return out

    docs = corpus.documents(sort="title")
    return {
        "stats": dataclasses.asdict(corpus.stats()),
        "docs": plain(docs),
        "timeline": plain(corpus.timeline()),
        "timeline_range": plain(corpus.timeline(since="2021-08", until="2021-08-31")),
        "quotes": plain(corpus.quotes(), drop=("speaker_id",)),
        "quote_search": plain(corpus.quotes("relieved"), drop=("speaker_id",)),
        "entities": sorted(
            (e["kind"], e["name"], e["mentions"], e["docs"], tuple(e["aliases"]))
            for e in plain(corpus.entities(), drop=("id", "score"))
        ),
        "doc_search": [d.id for d in corpus.documents(query="Kabul")],
        "spans": {d.id: [dataclasses.astuple(s) for s in corpus.spans(d.id)] for d in docs},
        "texts": {d.id: corpus.text(d.id) for d in docs},
    }


def _table_dump(index: Path) -> dict:
    """Every stored fact keyed by document id, so row ids do not matter."""
    conn = sqlite3.connect(index)
    try:
        out = {
            "files": sorted(conn.execute("SELECT path, size, digest, status, message FROM files")),
            "doc_entities": sorted(
                conn.execute(
                    "SELECT d.id, e.local, e.name, e.kind, e.aliases, e.gazetteer_id, e.mentions"
                    " FROM doc_entities e JOIN documents d ON d.rowid = e.doc"
                )
            ),
            "mentions": sorted(
                conn.execute(
                    "SELECT d.id, m.start, m.end, m.local FROM mentions m"
                    " JOIN documents d ON d.rowid = m.doc"
                )
            ),
            "times": sorted(
                conn.execute(
                    "SELECT d.id, t.start, t.end, t.expression, t.type, t.value, t.first_day,"
                    " t.sent_start, t.sent_end FROM times t JOIN documents d ON d.rowid = t.doc"
                )
            ),
            "quotes": sorted(
                conn.execute(
                    "SELECT d.id, q.start, q.end, q.text, coalesce(q.speaker, ''), q.cue,"
                    " q.fingerprint FROM quotes q JOIN documents d ON d.rowid = q.doc"
                )
            ),
            "unresolved": conn.execute(
                "SELECT count(*) FROM doc_entities WHERE entity IS NULL"
            ).fetchone()[0],
        }
    finally:
        conn.close()
    return out


def test_two_merged_shards_answer_like_a_direct_build(corpus_dir: Path, tmp_path: Path) -> None:
    with open_corpus(corpus_dir, tmp_path / "direct.sqlite") as direct:
        expected = _answers(direct)
    parts = _two_shards(corpus_dir, tmp_path)
    report = shards.merge(tmp_path / "merged.sqlite", parts)
    assert report.shards == 2
    assert report.files == len(scan(corpus_dir)[0])
    with Corpus.open(corpus_dir, tmp_path / "merged.sqlite", update=False) as merged:
        got = _answers(merged)
    assert got == expected
    assert _table_dump(tmp_path / "merged.sqlite") == _table_dump(tmp_path / "direct.sqlite")
    # The corpus is non-trivial: the comparison above compared something.
    assert expected["stats"]["documents"] == 6
    assert expected["doc_search"]
    assert expected["texts"]


def test_resolving_between_shards_gives_the_same_index(corpus_dir: Path, tmp_path: Path) -> None:
    """The Dask driver resolves the names of the shards merged so far while the last ones are
    built (``Merger.resolve``); the index is the one resolving once at the end gives."""
    first, second = _two_shards(corpus_dir, tmp_path)
    shards.merge(tmp_path / "once.sqlite", [first, second])
    merger = shards.Merger(tmp_path / "twice.sqlite")
    try:
        merger.add(first)
        merger.resolve()
        merger.add(second)
        merger.finish()
    finally:
        merger.close()
    with (
        Corpus.open(corpus_dir, tmp_path / "once.sqlite", update=False) as once,
        Corpus.open(corpus_dir, tmp_path / "twice.sqlite", update=False) as twice,
    ):
        assert _answers(twice) == _answers(once)
    assert _table_dump(tmp_path / "twice.sqlite") == _table_dump(tmp_path / "once.sqlite")


def test_merged_index_is_current_for_the_incremental_builder(
    corpus_dir: Path, tmp_path: Path
) -> None:
    shards.merge(tmp_path / "merged.sqlite", _two_shards(corpus_dir, tmp_path))
    with open_corpus(corpus_dir, tmp_path / "merged.sqlite") as corpus:
        assert corpus.report.extracted_files == 0
        assert corpus.report.removed == 0
        # ...and it keeps working incrementally after the merge.
    (corpus_dir / "2020/storm.txt").write_text(
        "Flood hits coast\n\nOfficials said on Tuesday that the flood had passed.\n",
        encoding="utf-8",
    )
    with open_corpus(corpus_dir, tmp_path / "merged.sqlite") as corpus:
        assert corpus.report.changed == 1
        assert [d.id for d in corpus.documents(query="flood")] == ["2020/storm.txt"]
        assert corpus.documents(query="storm") == []


def test_skipped_files_and_bad_records_survive_the_merge(corpus_dir: Path, tmp_path: Path) -> None:
    shards.merge(tmp_path / "merged.sqlite", _two_shards(corpus_dir, tmp_path))
    conn = sqlite3.connect(tmp_path / "merged.sqlite")
    status = dict(conn.execute("SELECT path, status FROM files"))
    ids = {r[0] for r in conn.execute("SELECT id FROM documents")}
    conn.close()
    assert status["empty.txt"] == "skipped"
    assert status["feeds/wire.jsonl"] == "ok"
    assert {"feeds/wire.jsonl#1", "feeds/wire.jsonl#3"} <= ids
    assert "feeds/wire.jsonl#2" not in ids


def test_merging_a_newer_shard_replaces_the_files_it_holds(
    corpus_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "merged.sqlite"
    shards.merge(target, _two_shards(corpus_dir, tmp_path))
    (corpus_dir / "notes/draft.txt").write_text(
        "Kabul airport\n\nThousands queued at the airport gates on Tuesday.\n", encoding="utf-8"
    )
    newer = tmp_path / "newer.sqlite"
    shards.build_shard(corpus_dir, newer, ["notes/draft.txt"])
    report = shards.merge(target, [newer])
    assert report.replaced_files == 1
    with Corpus.open(corpus_dir, target, update=False) as corpus:
        assert corpus.stats().documents == 6
        assert "Thousands queued" in corpus.text("notes/draft.txt")
        assert [d.id for d in corpus.documents(query="queued")] == ["notes/draft.txt"]
        assert corpus.documents(query="Crowds") == []
    with open_corpus(corpus_dir, target) as corpus:
        assert corpus.report.extracted_files == 0


def test_build_sharded_matches_a_direct_build(corpus_dir: Path, tmp_path: Path) -> None:
    with open_corpus(corpus_dir, tmp_path / "direct.sqlite") as direct:
        expected = _answers(direct)
    shards.build_sharded(corpus_dir, tmp_path / "sharded.sqlite", shards=3, workers=2)
    with Corpus.open(corpus_dir, tmp_path / "sharded.sqlite", update=False) as merged:
        assert _answers(merged) == expected
    assert not list(tmp_path.glob("sharded.sqlite.shard*"))


def test_partition_is_stable_and_complete(corpus_dir: Path) -> None:
    rels = [e.rel for e in scan(corpus_dir)[0]]
    groups = shards.partition(rels, 3)
    assert sorted(r for g in groups for r in g) == sorted(rels)
    # A file's shard does not depend on which other files exist.
    alone = {r: next(k for k, g in enumerate(shards.partition([r], 3)) if g) for r in rels}
    for k, group in enumerate(groups):
        assert all(alone[r] == k for r in group)
    with pytest.raises(ValueError):
        shards.partition(rels, 0)


def test_merge_refuses_what_is_not_a_shard(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ValueError):
        shards.merge(tmp_path / "target.sqlite", [other])
    with pytest.raises(FileNotFoundError):
        shards.merge(tmp_path / "target.sqlite", [tmp_path / "missing.sqlite"])


# --- The query plans chosen for scale answer exactly what one scan of every event answers ---

MORE = {
    "2021/decade.txt": (
        "---\ntitle: Old wars\ndate: 2021-08-20\n---\nIn the 1990s Kabul was shelled, officials "
        "said. The 20th century ended in war for Afghanistan. In 2021 the Taliban returned.\n"
    ),
    "2021/week.txt": (
        "---\ntitle: A week in Kabul\ndate: 2021-08-25\n---\nLast week Ashraf Ghani left Kabul. "
        "In July 2021 the army lost Kandahar. The summer of 2021 was hot in Kabul, said "
        "Zabihullah Mujahid.\n"
    ),
}


def _reference(corpus: Corpus, since, until, doc, ids, limit) -> list[tuple[str, int]]:
    """The timeline as one SQL statement over every event (the pre-scale query)."""
    where, params = ["t.type IN ('DATE', 'TIME')"], []
    if since:
        where.append("t.last_day >= ?")
        params.append(first_day(since))
    if until:
        where.append("t.first_day <= ?")
        params.append(last_day(until))
    if doc is not None:
        where.append("d.id = ?")
        params.append(doc)
    for entity in ids:
        where.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN doc_entities de ON de.doc = m.doc"
            " AND de.local = m.local WHERE m.doc = t.doc AND m.start >= t.sent_start"
            " AND m.end <= t.sent_end AND de.entity = ?)"
        )
        params.append(entity)
    sql = (
        "SELECT d.id, t.start FROM times t JOIN documents d ON d.rowid = t.doc WHERE "
        + " AND ".join(where)
        + " ORDER BY t.first_day IS NULL, t.first_day, t.last_day, d.date, d.id, t.start"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [tuple(r) for r in corpus.reader.db.execute(sql, params).fetchall()]


@pytest.mark.parametrize("plan", ["documents", "walk"])
def test_timeline_plans_answer_like_a_scan(tmp_path: Path, plan: str, monkeypatch) -> None:
    folder = write_corpus(tmp_path / "news")
    for rel, text in MORE.items():
        (folder / rel).write_text(text, encoding="utf-8")
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        reader = corpus.reader
        monkeypatch.setattr(reader, "_few_docs", lambda *args: plan == "documents")
        entities = [e.id for e in corpus.entities()][:6]
        assert entities, "the corpus names people and places"
        spans = reader.db.execute(
            "SELECT count(*) FROM times WHERE first_day < last_day"
        ).fetchone()[0]
        assert spans, "the corpus has events lasting more than a day"
        ranges = [
            (None, None),
            ("2021", None),
            ("2021-08-16", "2021-08-20"),
            ("2021-07", None),
            (None, "2021-03"),
            ("1995", "1996"),
            ("2030", None),
            ("2021-08", "2021-08"),
            ("2021-07-31", None),  # the last day of a month-long event
            ("2021-12-31", "2022"),  # the last day of a year-long one
        ]
        # One entity, and pairs: every entity of a pair must be named in the sentence.
        filters = [(), *((e,) for e in entities), *zip(entities, entities[1:], strict=False)]
        checked = 0
        for since, until in ranges:
            for ids in filters:
                for limit in (None, 1, 3, 100):
                    q = Query(
                        entities=ids,
                        since=first_day(since) if since else None,
                        until=last_day(until) if until else None,
                        limit=limit,
                    )
                    got = [(e.doc, e.expr_start) for e in reader.timeline(q)]
                    want = _reference(corpus, since, until, None, ids, limit)
                    assert got == want, (since, until, ids, limit)
                    checked += bool(want)
        assert checked > 20


def test_quote_search_first_page_is_the_head_of_the_full_ranking(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news")
    for rel, text in MORE.items():
        (folder / rel).write_text(text, encoding="utf-8")
    # Copies of one quote tie on rank: the page must break ties by date like the full list.
    for k in range(4):
        (folder / f"copies/c{k}.txt").parent.mkdir(exist_ok=True)
        (folder / f"copies/c{k}.txt").write_text(
            f"---\ntitle: Copy {k}\ndate: 2021-08-{20 - k:02d}\n---\n"
            '"We are relieved," said Mayor Jane Holt on Monday.\n',
            encoding="utf-8",
        )
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        compared = 0
        for words in ("relieved", "we are", "choice", "ready", "worst over", "nothing"):
            everything = corpus.quotes(words)
            for limit in (1, 2, 3, 5, 50):
                page = corpus.quotes(words, limit=limit)
                assert page == everything[:limit], (words, limit)
                compared += len(page)
        assert compared > 20


def test_events_and_quotes_told_in_two_shards_are_grouped_after_the_merge(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    story = (
        "Storm hits coast\n\nThe storm destroyed the old harbour wall in Portsmouth on Monday,"
        ' March 2, 2020, officials said. "The worst is over," said Mayor Jane Holt.\n'
    )
    retold = (
        "Harbour wall gone\n\nOn Monday, March 2, 2020, the storm destroyed the old harbour wall"
        ' of Portsmouth, officials said. "The worst is over," Mayor Jane Holt said.\n'
    )
    (folder / "a.txt").write_text(story, encoding="utf-8")
    (folder / "b.txt").write_text(retold, encoding="utf-8")
    for k, rel in enumerate(("a.txt", "b.txt")):
        shards.build_shard(folder, tmp_path / f"s{k}.sqlite", [rel])
    shards.merge(tmp_path / "merged.sqlite", [tmp_path / "s0.sqlite", tmp_path / "s1.sqlite"])
    with open_corpus(folder, tmp_path / "direct.sqlite") as direct:
        expected = _answers(direct)
    with Corpus.open(folder, tmp_path / "merged.sqlite", update=False) as merged:
        assert _answers(merged) == expected
        wall = [e for e in merged.timeline() if "harbour wall" in e.text]
        assert wall and all(e.corroborating_docs == 2 for e in wall)
        assert all(q.docs == 2 for q in merged.quotes())
