"""A person's corrections of the names: merge, split, rename, kind; kept beside the index,
applied again after every update and rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from explorer import cli
from explorer.corpus import Corpus
from explorer.errors import UsageError
from explorer.index.corrections import corrections_path

STORIES = {
    "a.txt": (
        "Paul Volcker said on Monday that rates would stay. Juma Khan, the deputy "
        "commissioner, said the crossing at Chaman was open. Ismail Khan left Herat.\n"
    ),
    "b.txt": (
        "Paul Vocker told reporters the dollar was too strong. Washington said sanctions "
        "would stay. Talks were held in Washington.\n"
    ),
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    root.mkdir()
    for name, text in STORIES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def names(corpus: Corpus, kind: str | None = None) -> dict[str, object]:
    return {e.name: e for e in corpus.entities(kind=kind)}


def test_merge_split_rename_kind_and_what_the_answers_say(folder: Path, tmp_path: Path) -> None:
    index = tmp_path / "i.sqlite"
    with Corpus.open(folder, index) as corpus:
        people = names(corpus, "person")
        assert {"Paul Volcker", "Paul Vocker"} <= set(people)
        (merged,) = corpus.merge_entities("Paul Volcker", "Paul Vocker")
        assert merged.name == "Paul Volcker" and merged.docs == 2
        assert "Paul Vocker" in merged.aliases and "Paul Vocker" not in names(corpus)
        assert {m.doc for m in corpus.mentions(merged.id)} == {"a.txt", "b.txt"}

        (renamed,) = corpus.rename_entity(merged.id, "Paul A. Volcker")
        assert renamed.name == "Paul A. Volcker" and corpus.find("Paul A. Volcker")

        (changed,) = corpus.set_entity_kind("Chaman", "org")
        assert changed.kind == "org" and changed.lat is None
        assert {m.kind for m in corpus.mentions(changed.id)} == {"org"}
    assert corrections_path(index).exists()


def test_split_gives_the_documents_named_so_their_own_entity(folder: Path, tmp_path: Path):
    index = tmp_path / "i.sqlite"
    with Corpus.open(folder, index) as corpus:
        corpus.merge_entities("Juma Khan", "Ismail Khan")
        whole = names(corpus, "person")["Juma Khan"]
        assert "Ismail Khan" in whole.aliases
        kept, apart = corpus.split_entity("Juma Khan", "Ismail Khan")
        assert (kept.name, apart.name) == ("Juma Khan", "Ismail Khan")
        assert "Ismail Khan" not in kept.aliases and kept.docs == 1 and apart.docs == 1
        with pytest.raises(UsageError, match="never goes by"):
            corpus.split_entity("Juma Khan", "Volcker")


def test_corrections_survive_a_rebuild_and_new_files(folder: Path, tmp_path: Path) -> None:
    index = tmp_path / "i.sqlite"
    with Corpus.open(folder, index) as corpus:
        corpus.merge_entities("Paul Volcker", "Paul Vocker")
        corpus.rename_entity("Juma Khan", "Juma Khan Achakzai")
        before = [e.to_dict() for e in corpus.entities()]
    with Corpus.open(folder, index, rebuild=True) as corpus:
        assert [e.to_dict() for e in corpus.entities()] == before
    (folder / "c.txt").write_text("Paul Vocker warned of inflation on Friday.\n")
    with Corpus.open(folder, index) as corpus:
        volcker = names(corpus, "person")["Paul Volcker"]
        assert volcker.docs == 3 and "Paul Vocker" not in names(corpus)
        assert "Juma Khan Achakzai" in names(corpus)
    # A clean build of the same folder with the same corrections gives the same answers.
    other = tmp_path / "j.sqlite"
    shutil.copy(corrections_path(index), corrections_path(other))
    with Corpus.open(folder, index) as a, Corpus.open(folder, other) as b:
        assert [e.to_dict() for e in a.entities()] == [e.to_dict() for e in b.entities()]


def test_a_broken_corrections_line_is_skipped_with_a_warning_and_kept(folder, tmp_path):
    index = tmp_path / "i.sqlite"
    with Corpus.open(folder, index) as corpus:
        corpus.merge_entities("Paul Volcker", "Paul Vocker")
    path = corrections_path(index)
    path.write_text(path.read_text() + "{not json\n" + json.dumps({"op": "explode"}) + "\n")
    warnings: list[str] = []
    with Corpus.open(folder, index, rebuild=True, warn=warnings.append) as corpus:
        assert "Paul Vocker" not in names(corpus)
    assert len(warnings) == 2 and all("not a correction" in w for w in warnings)
    assert "{not json" in path.read_text()


def test_names_are_never_guessed(folder: Path, tmp_path: Path) -> None:
    with Corpus.open(folder, tmp_path / "i.sqlite") as corpus:
        with pytest.raises(UsageError, match="no entity is named"):
            corpus.merge_entities("Paul Volker", "Paul Vocker")  # a typo is not a name
        with pytest.raises(UsageError, match="2 entities are named 'Washington'"):
            corpus.set_entity_kind("Washington", "place")
        with pytest.raises(UsageError, match="already one entity"):
            corpus.merge_entities("Paul Volcker", "Paul Volcker")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line(capsys, folder: Path, tmp_path: Path) -> None:
    where = ("--corpus", str(folder), "--index", str(tmp_path / "i.sqlite"))
    code, out, err = run(
        capsys, "entities", "merge", "Paul Volcker", "Paul Vocker", "--json", *where
    )
    assert code == 0, err
    (merged,) = [json.loads(line) for line in out.splitlines()]
    assert merged["name"] == "Paul Volcker" and merged["docs"] == 2
    code, out, _ = run(capsys, "entities", "kind", str(merged["id"]), "org", *where)
    assert code == 0 and "org" in out
    for argv, words in [
        (("entities", "merge", "Paul Volcker"), "expected `explorer entities merge A B`"),
        (("entities", "kind", "Chaman", "planet"), "kind: expected"),
        (("entities", "explode", "a", "b"), "expected merge, split, rename or kind"),
        (("entities", "rename", "Nobody Here", "X"), "no entity is named"),
    ]:
        code, _, err = run(capsys, *argv, *where)
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1
