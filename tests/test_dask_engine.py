"""The Dask engine (`explorer index --engine dask`) builds exactly what the local engine
builds: documents, timeline, quotes, entities and their merges, on a LocalCluster of two worker
processes over a few hundred generated articles (people, places and bodies recurring across
them, so entities merge across shards)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from test_shards import ARTICLES, _answers, _table_dump, write_corpus

from explorer import open_corpus
from explorer.corpus import Corpus

pytest.importorskip("distributed")

from explorer.index import dask_engine  # noqa: E402 - after the skip: Dask is optional

PEOPLE = ["Ashraf Ghani", "Zabihullah Mujahid", "Ben Wallace", "Maria Lopez", "Jane Holt",
          "Hamid Karzai", "Antony Blinken", "Mohammad Khan"]  # fmt: skip
PLACES = ["Kabul", "Kandahar", "Herat", "Washington", "London", "Doha", "Islamabad",
          "Paris, Texas", "Mazar-i-Sharif", "Tajikistan"]  # fmt: skip
BODIES = ["the Taliban", "NATO", "the United Nations", "Reuters", "the World Bank"]
MONTHS = ["January", "March", "May", "July", "August", "October"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated(folder: Path, count: int, seed: int = 7) -> Path:
    """``count`` short articles in three formats, written from the lists above."""
    rng = random.Random(seed)
    write_corpus(folder)  # the hand-written articles too: skipped files, a bad JSONL record
    for i in range(count):
        who, other = rng.sample(PEOPLE, 2)
        where, there = rng.sample(PLACES, 2)
        body = rng.choice(BODIES)
        day, month = rng.choice(DAYS), rng.choice(MONTHS)
        year = rng.choice([2019, 2020, 2021])
        title = f"{who} visits {where.split(',')[0]} ({i})"
        text = (
            f"{where.upper().split(',')[0]}, {month} {rng.randint(1, 28)} - {who} arrived in "
            f'{where} on {day}, officials said. "We will talk to {body} about aid," {who} '
            f"said. {other} met officials of {body} in {there} in {month} {year}.\n\n"
            f'"This is article {i} and it is not over," said {other}.'
        )
        kind = i % 3
        if kind == 0:
            page = f"---\ntitle: {title}\ndate: {year}-{i % 12 + 1:02d}-{i % 27 + 1:02d}\n---\n{text}\n"
            (folder / f"gen/{i:04d}.md").parent.mkdir(parents=True, exist_ok=True)
            (folder / f"gen/{i:04d}.md").write_text(page, encoding="utf-8")
        elif kind == 1:
            record = {"title": title, "date": f"{year}-0{i % 9 + 1}-1{i % 9}", "text": text}
            (folder / f"gen/{i:04d}.json").write_text(json.dumps(record), encoding="utf-8")
        else:
            (folder / f"gen/{i:04d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("dask")
    folder = generated(base / "news", 300)
    with open_corpus(folder, base / "local.sqlite"):
        pass
    report = dask_engine.build(folder, base / "dask.sqlite", workers=2)
    assert report.shards > 1  # built apart, merged: the comparison below means something
    return folder, base / "local.sqlite", base / "dask.sqlite"


def test_the_dask_engine_builds_what_the_local_engine_builds(built) -> None:  # type: ignore[no-untyped-def]
    folder, local, dask = built
    with (
        Corpus.open(folder, local, update=False) as a,
        Corpus.open(folder, dask, update=False) as b,
    ):
        expected, got = _answers(a), _answers(b)
        assert got == expected
        # Entities merged across shards: one Ben Wallace, named in many documents.
        wallace = [e for e in b.entities(kind="person") if e.name == "Ben Wallace"]
        assert len(wallace) == 1 and wallace[0].docs > 20
    assert _table_dump(dask) == _table_dump(local)
    assert expected["stats"]["documents"] > 300 - 1 + len(ARTICLES) - 2


def test_an_index_built_by_dask_is_current_for_the_local_engine(built) -> None:  # type: ignore[no-untyped-def]
    folder, _, dask = built
    with open_corpus(folder, dask) as corpus:
        assert corpus.report.extracted_files == 0 and corpus.report.removed == 0


def test_the_command_line_runs_the_dask_engine(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news")
    index = tmp_path / "index.sqlite"
    run = [
        sys.executable,
        "-m",
        "explorer",
        "index",
        "--corpus",
        str(folder),
        "--index",
        str(index),
    ]
    done = subprocess.run([*run, "--engine", "dask", "--workers", "1"], capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "6 documents" in done.stdout
    bad = subprocess.run([*run, "--workers", "2"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--engine dask" in bad.stderr
