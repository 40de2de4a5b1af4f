"""Undated documents dated from the passages they share with dated ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer import open_corpus
from explorer.extract.passages import band_keys, similarity

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

DATED = (
    "Port closes after storm\n\nMarch 4, 2020\n\n"
    "The port of Rotterdam closed on Tuesday after the worst flooding in forty years, the harbour"
    " authority said in a statement issued late in the evening.\n"
    "Ships were diverted to Antwerp and Hamburg while engineers inspected the damaged quays.\n"
)
RETOLD = (
    "Flooding in the Netherlands\n\n"
    "The port of Rotterdam closed on Tuesday after the worst flooding in forty years, the harbour"
    " authority said in a statement.\n"
    "Local farmers counted their losses.\n"
)
PHRASE_ONLY = (
    "Farm news\n\nThe harbour authority said in a statement that it had no comment on prices"
    " of tulips this season, which rose sharply.\n"
)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_keys_and_similarity() -> None:
    a = "The port of Rotterdam closed on Tuesday after the worst flooding in forty years."
    b = "The port of Rotterdam closed on Tuesday after the worst flood in forty years."
    assert band_keys(a) and set(band_keys(a)) & set(band_keys(b))
    assert similarity(a, b) > 0.5 and similarity(a, "Tulip prices rose sharply this season.") == 0
    assert band_keys("Too short to key.") == ()


def test_a_retold_passage_dates_the_undated_document(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "dated.txt", DATED)
    write(folder, "retold.txt", RETOLD)
    write(folder, "phrase.txt", PHRASE_ONLY)
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        doc = corpus.document("retold.txt")
        assert (doc.date, doc.date_source) == ("2020-03-04", "inferred")
        assert 0 < (doc.date_confidence or 0) <= 1
        (ev,) = doc.date_evidence
        mine, theirs = corpus.text("retold.txt"), corpus.text("dated.txt")
        assert ev["doc"] == "dated.txt"
        assert mine[ev["passage_start"] : ev["passage_end"]].startswith("The port of Rotterdam")
        assert theirs[ev["start"] : ev["end"]].startswith("The port of Rotterdam")
        # Its "on Tuesday" now resolves against the inferred date, as in the dated report.
        assert [e.date for e in corpus.timeline(doc="retold.txt")] == ["2020-03-03"]
        # One shared phrase is not a shared passage.
        assert corpus.document("phrase.txt").date_source == "none"
    # The dated report goes: the evidence goes with it.
    (folder / "dated.txt").unlink()
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        doc = corpus.document("retold.txt")
        assert (doc.date, doc.date_source, doc.date_evidence) == (None, "none", ())
        assert [e.date for e in corpus.timeline(doc="retold.txt")] == [None]  # unplaced


def test_relative_dates_must_agree(tmp_path: Path) -> None:
    # The same sentence, but the retelling says "Friday" where the report said "Tuesday":
    # read against the report's date the two name different days, so no date is inferred.
    folder = tmp_path / "news"
    write(folder, "dated.txt", DATED)
    write(folder, "other.txt", RETOLD.replace("on Tuesday", "on Friday"))
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        assert corpus.document("other.txt").date_source == "none"


def test_seed_undated_article_is_dated_from_the_report_it_retells(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(CORPUS, folder)
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        doc = next(d for d in corpus.documents() if d.id.startswith("001_"))
        assert doc.date_source == "inferred" and doc.date in ("2021-08-12", "2021-08-13")
        assert doc.date_evidence and all(e["doc"].startswith("000_") for e in doc.date_evidence)
