"""The command line contract: JSON lines on stdout, one-line errors, exit codes 0/1/2/130."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import cli
from explorer.extract import pipeline

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "corpus"

DOC_FIELDS = {"id", "path", "title", "date", "date_source", "source", "words"}
EVENT_FIELDS = {
    "doc",
    "date",
    "precision",
    "expression",
    "expr_start",
    "expr_end",
    "text",
    "start",
    "end",
    "people",
    "places",
}
QUOTE_FIELDS = {
    "doc",
    "text",
    "start",
    "end",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue",
    "fragment",
}
ENTITY_FIELDS = {"id", "name", "kind", "aliases", "mentions", "docs"}
MENTION_FIELDS = {"doc", "start", "end", "text", "kind", "entity_id"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; argparse's own exits count like returned codes."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("idx") / "bundled.sqlite"


def test_docs_json_on_the_bundled_corpus(capsys, bundled_index: Path) -> None:
    code, out, err = run(
        capsys, "docs", "--json", "--corpus", str(BUNDLED), "--index", str(bundled_index)
    )
    assert code == 0, err
    docs = {d["id"]: d for d in json_lines(out)}
    assert set(docs) == {
        "000_5a29adba1a6ea471.txt",
        "001_9b32ee09cb55cf80.txt",
        "004_06bf22cdd8765a03.txt",
    }
    for d in docs.values():
        assert set(d) >= DOC_FIELDS
    assert docs["000_5a29adba1a6ea471.txt"]["date"] == "2021-08-13"
    assert docs["004_06bf22cdd8765a03.txt"]["date"] == "2021-07-18"
    # Undated, it retells passages of 000: dated from them, with the evidence.
    undated = docs["001_9b32ee09cb55cf80.txt"]
    assert (undated["date"], undated["date_source"]) == ("2021-08-13", "inferred")
    assert undated["date_evidence"][0]["doc"] == "000_5a29adba1a6ea471.txt"


@pytest.mark.parametrize(
    ("command", "fields"),
    [
        (["timeline"], EVENT_FIELDS),
        (["quotes"], QUOTE_FIELDS),
        (["entities"], ENTITY_FIELDS),
        (["find", "kabul"], ENTITY_FIELDS | {"score"}),
        (["mentions"], MENTION_FIELDS),
    ],
)
def test_every_command_prints_json_lines_with_the_contract_fields(
    capsys, bundled_index: Path, command: list[str], fields: set[str]
) -> None:
    code, out, err = run(
        capsys, *command, "--json", "--corpus", str(BUNDLED), "--index", str(bundled_index)
    )
    assert code == 0, err
    for record in json_lines(out):
        assert fields <= set(record)


def test_show_prints_the_text_offsets_index_into(capsys, bundled_index: Path) -> None:
    code, out, _ = run(
        capsys, "quotes", "--json", "--corpus", str(BUNDLED), "--index", str(bundled_index)
    )
    quotes = json_lines(out)
    for doc in {q["doc"] for q in quotes}:
        code, text, _ = run(
            capsys, "show", doc, "--corpus", str(BUNDLED), "--index", str(bundled_index)
        )
        assert code == 0
        for q in (q for q in quotes if q["doc"] == doc):
            assert q["text"].split()[0].strip("‘’“”\"'") in text[q["start"] : q["end"]]


def test_mentions_are_every_name_with_offsets_into_show(capsys, bundled_index: Path) -> None:
    """The mentions contract: exactly {doc, start, end, text, kind, entity_id}; ``text`` is the
    slice of ``explorer show DOC`` its offsets name; the entity ids are ``entities``' ids."""
    where = ("--corpus", str(BUNDLED), "--index", str(bundled_index))
    doc = "000_5a29adba1a6ea471.txt"
    code, out, err = run(capsys, "mentions", "--doc", doc, "--json", *where)
    assert code == 0, err
    mentions = json_lines(out)
    assert mentions and all(set(m) == MENTION_FIELDS and m["doc"] == doc for m in mentions)
    _, text, _ = run(capsys, "show", doc, *where)
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert [m["start"] for m in mentions] == sorted(m["start"] for m in mentions)
    _, out, _ = run(capsys, "entities", "--json", "--all", *where)
    ids = {e["id"]: e["kind"] for e in json_lines(out)}
    assert all(ids[m["entity_id"]] == m["kind"] for m in mentions)
    _, out, _ = run(capsys, "mentions", "--kind", "org", "--json", *where)
    orgs = json_lines(out)
    assert orgs and {m["kind"] for m in orgs} == {"org"}
    assert {m["doc"] for m in orgs} > {doc}  # every document, not just one
    _, out, _ = run(capsys, "mentions", "--entity", "kandahar", "--json", *where)
    assert {m["text"].casefold() for m in json_lines(out)} == {"kandahar"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["docs", "--corpus", "/no/such/folder"], "not found"),
        (["docs", "--corpus", str(BUNDLED / "004_06bf22cdd8765a03.txt")], "folder"),
        (["show", "nope.txt"], "unknown document"),
        (["mentions", "--doc", "nope.txt"], "unknown document"),
        (["mentions", "--kind", "planet"], "invalid choice"),
        (["timeline", "--since", "13/08/2021"], "--since"),
        (["timeline", "--until", "2021-02-30"], "--until"),
        (["find", "x", "--limit", "0"], "at least 1"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(
    capsys, bundled_index: Path, argv: list[str], message: str
) -> None:
    if "--corpus" not in argv:
        argv = [*argv, "--corpus", str(BUNDLED), "--index", str(bundled_index)]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_empty_corpus_is_a_usage_error(capsys, tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    code, out, err = run(
        capsys, "docs", "--corpus", str(tmp_path / "c"), "--index", str(tmp_path / "i")
    )
    assert code == 2
    assert "no documents" in err


def test_ctrl_c_during_indexing_exits_130_and_keeps_the_index(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials met in Paris on March 3, 2020.\n")
    index = tmp_path / "i.sqlite"
    assert run(capsys, "index", "--corpus", str(folder), "--index", str(index))[0] == 0
    (folder / "b.txt").write_text("A second report from Berlin.\n")

    def interrupted(text, meta=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "extract_document", interrupted)
    code, out, err = run(capsys, "index", "--corpus", str(folder), "--index", str(index))
    assert code == 130
    monkeypatch.undo()
    code, out, _ = run(capsys, "docs", "--json", "--corpus", str(folder), "--index", str(index))
    assert code == 0
    assert {d["id"] for d in json_lines(out)} == {"a.txt", "b.txt"}


def test_document_text_is_never_read_as_markup(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "m.txt").write_text("[bold red]Alarm[/bold red] and [link=http://x]click[/link]\n")
    code, out, _ = run(capsys, "docs", "--corpus", str(folder), "--index", str(tmp_path / "i"))
    assert code == 0
    assert "[bold red]Alarm[/bold red]" in out.replace("\n", "")


def test_the_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "explorer.cli", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0
    for command in ("index", "docs", "show", "timeline", "quotes", "entities", "find"):
        assert command in done.stdout


# -- bad input: one line, exit 2, never a traceback (issue 12) -----------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline", "--until", "9999"],  # the last day of year 9999 is a date
        ["timeline", "--since", "9999-12", "--until", "9999-12"],
    ],
)
def test_far_dates_answer(capsys, tmp_path: Path, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(
        capsys, *argv, "--corpus", str(BUNDLED), "--index", str(tmp_path / "i.db")
    )
    assert code == 0, err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["timeline", "--limit", "99999999999999999999"], "1,000,000,000"),
        (["timeline", "--since", "2021-13-01"], "not a calendar date"),
        (["timeline", "--doc", "nosuch"], "unknown document id"),
        (["quotes", "--doc", "nosuch"], "unknown document id"),
    ],
)
def test_option_errors_are_one_line_and_exit_2(capsys, tmp_path: Path, argv, words) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, *argv, "--corpus", str(BUNDLED), "--index", str(tmp_path / "i"))
    assert code == 2, err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("option", ["--corpus", "--index"])
def test_an_empty_path_is_a_usage_error(capsys, tmp_path: Path, option: str) -> None:  # type: ignore[no-untyped-def]
    """`--corpus ''` used to index the current folder."""
    paths = {"--corpus": str(BUNDLED), "--index": str(tmp_path / "i.db"), option: ""}
    code, _out, err = run(capsys, "docs", *[x for kv in paths.items() for x in kv])
    assert code == 2 and "empty path" in err


def test_a_relative_index_path_is_accepted(capsys, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys, "docs", "--json", "--corpus", str(BUNDLED), "--index", "rel.sqlite"
    )
    assert code == 0, err
    assert len(json_lines(out)) == 3 and (tmp_path / "rel.sqlite").is_file()


def test_a_damaged_index_is_rebuilt_and_answers_right(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Bytes overwritten inside the index: every command answers as on a sound index (the
    damage is found when a query fails, and the index rebuilt after one line)."""
    import random
    import shutil

    clean = tmp_path / "clean.sqlite"
    assert run(capsys, "index", "--corpus", str(BUNDLED), "--index", str(clean))[0] == 0
    want = {
        cmd: len(
            run(capsys, cmd, "--json", "--corpus", str(BUNDLED), "--index", str(clean))[
                1
            ].splitlines()
        )
        for cmd in ("docs", "timeline", "quotes", "entities")
    }
    notices = 0
    for seed in range(6):
        damaged = tmp_path / f"d{seed}.sqlite"
        shutil.copy(clean, damaged)
        data = bytearray(damaged.read_bytes())
        rnd = random.Random(seed)
        for _ in range(8):
            at = rnd.randrange(4096, len(data) - 4096)
            data[at : at + 512] = bytes(rnd.randrange(256) for _ in range(512))
        damaged.write_bytes(bytes(data))
        for cmd, n in want.items():
            code, out, err = run(
                capsys, cmd, "--json", "--corpus", str(BUNDLED), "--index", str(damaged)
            )
            assert code == 0 and len(out.splitlines()) == n, (seed, cmd, err)
            notices += "rebuilding" in err
    assert notices >= 3  # most of these trials hit a page a query reads


# -- pages and tables: a first page by default, one line per row whatever the width


@pytest.fixture(scope="module")
def sixty(tmp_path_factory) -> tuple[str, ...]:
    """Sixty short articles, one with a long id and a long title, indexed once."""
    root = tmp_path_factory.mktemp("sixty")
    folder = root / "news"
    folder.mkdir()
    for i in range(59):
        (folder / f"s{i:02d}.txt").write_text(f"Story {i}\n\nMayor Ann Lee spoke on day {i}.\n")
    deep = folder / ("a-very-long-folder-name-" * 3) / ("and-a-long-file-name-" * 3 + ".txt")
    deep.parent.mkdir()
    deep.write_text("Flood " + "defences " * 40 + "\n\nThe river rose in Carlisle.\n")
    where = ("--corpus", str(folder), "--index", str(root / "i.sqlite"))
    assert cli.main(["index", *where]) == 0
    return where


def test_queries_print_a_first_page_and_say_there_is_more(capsys, sixty) -> None:
    code, out, err = run(capsys, "docs", "--json", *sixty)
    assert code == 0 and len(json_lines(out)) == cli.PAGE
    assert f"{cli.PAGE} shown; more match — use --limit N or --all" in err
    code, out, err = run(capsys, "docs", "--json", "--limit", "55", *sixty)
    assert len(json_lines(out)) == 55 and "more match" in err
    code, out, err = run(capsys, "docs", "--json", "--all", *sixty)
    assert len(json_lines(out)) == 60 and "more match" not in err
    code, out, err = run(capsys, "docs", "--json", "--limit", "60", *sixty)
    assert len(json_lines(out)) == 60 and "more match" not in err  # exactly all: no "more"
    code, out, err = run(capsys, "docs", "--limit", "5", "--all", *sixty)
    assert code == 2 and "not allowed with" in err


@pytest.mark.parametrize(
    "argv",
    [("docs",), ("timeline",), ("quotes",), ("entities",), ("mentions",), ("find", "lee")],
)
def test_a_piped_table_is_one_line_per_row_and_cuts_nothing(capsys, sixty, argv) -> None:
    code, out, err = run(capsys, *argv, "--limit", "8", *sixty)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("─")  # header, rule, then one line per row
    code, js, _ = run(capsys, *argv, "--limit", "8", "--json", *sixty)
    records = json_lines(js)
    assert len(lines) == 2 + len(records)
    for line, record in zip(lines[2:], records, strict=True):
        for key in ("id", "doc", "title", "name"):
            if isinstance(record.get(key), str):
                assert record[key] in line  # whole, never folded onto a second line


def test_the_long_id_and_title_are_whole_in_a_pipe(capsys, sixty) -> None:
    _, out, _ = run(capsys, "docs", "--all", *sixty)
    _, js, _ = run(capsys, "docs", "--all", "--json", *sixty)
    doc = next(d for d in json_lines(js) if "a-very-long" in d["id"])
    row = next(line for line in out.splitlines() if "a-very-long" in line)
    assert len(row) > 200 and row.split()[1] == doc["id"] and row.endswith(doc["title"])
