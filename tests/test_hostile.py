"""A folder made by a stranger: escape codes in titles, bodies and file names; links out of it.

Nothing from a document or a file name may reach the terminal raw (tables, `show`, warnings,
errors), JSON escapes it (check the raw bytes), and no link may make the index read outside
the corpus.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from explorer import cli
from explorer.api import open_corpus

# OSC 52 (write the clipboard), OSC 2 (window title), OSC 8 (hidden link), CSI (clear screen),
# a C1 CSI, a bidi override and a zero-width space.
NASTY = (
    "\x1b]52;c;ZXZpbA==\x07 \x1b]2;owned\x07 \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
    " \x1b[2J \x9b31m \u202eevil\u202c \u200b"
)
RAW = [b"\x1b", "\x9b".encode(), "\u202e".encode(), "\u200b".encode(), b"\x07"]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    record = {
        "title": f"Kabul falls {NASTY}",
        "date": "2021-08-15",
        "text": f"Ben Wallace said on Sunday: “We will not abandon Kabul {NASTY}.” Kabul fell.",
    }
    (folder / "story.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "named \x1b[2J\u202e.txt").write_text(
        "Taliban enter Kandahar\n\nThe Taliban entered Kandahar on Friday, officials said.\n",
        encoding="utf-8",
    )
    (folder / "binary \x1b]2;x\x07.txt").write_bytes(b"\x00\x01\x02" * 100)  # skipped: warned
    return folder, tmp_path / "index.sqlite"


def run(capsysbinary, *args: str) -> tuple[int, bytes, bytes]:  # type: ignore[no-untyped-def]
    code = cli.main(list(args))
    out, err = capsysbinary.readouterr()
    return code, out, err


@pytest.mark.parametrize("as_json", [False, True])
def test_nothing_raw_reaches_the_terminal(hostile, capsysbinary, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    folder, index = hostile
    common = ["--corpus", str(folder), "--index", str(index)] + (["--json"] if as_json else [])
    code, out, err = run(capsysbinary, "index", *common)
    assert code == 0
    assert b"skipped" in err and b"binary" in err  # the bad file's name is in the warning
    outputs = [out, err]
    for command in (["docs"], ["timeline"], ["quotes"], ["entities"], ["show", "story.json"]):
        code, out, err = run(capsysbinary, *command, *common)
        assert code == 0, (command, err)
        outputs += [out, err]
        if as_json:
            for line in out.decode("utf-8").splitlines():
                json.loads(line)  # still valid JSON, the controls escaped
    code, out, err = run(capsysbinary, "show", "no \x1b[2J such", *common)  # an error line
    assert code == 2
    outputs += [out, err]
    for blob in outputs:
        for raw in RAW:
            assert raw not in blob, (raw, blob[:300])


def test_json_keeps_the_text_and_escapes_the_controls(hostile, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    folder, index = hostile
    common = ["--corpus", str(folder), "--index", str(index), "--json"]
    code, out, _ = run(capsysbinary, "show", "story.json", *common)
    assert code == 0
    assert b"\\u001b]52;" in out and b"\\u009b" in out and b"\\u202e" in out
    shown = json.loads(out)
    with open_corpus(folder, index, update=False) as corpus:
        assert shown["text"] == corpus.text("story.json")  # nothing lost, only escaped


def test_show_keeps_every_offset(hostile, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    """The shown text is the indexed text with controls replaced one for one."""
    folder, index = hostile
    common = ["--corpus", str(folder), "--index", str(index)]
    code, out, _ = run(capsysbinary, "show", "story.json", *common)
    assert code == 0
    shown = out.decode("utf-8")
    with open_corpus(folder, index, update=False) as corpus:
        text = corpus.text("story.json")
        assert len(shown.rstrip("\n")) == len(text.rstrip("\n"))
        for q in corpus.quotes():
            if q.doc == "story.json" and "\n" not in q.text:
                assert shown[q.start : q.end].startswith("We will not abandon Kabul")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_links_out_of_the_corpus_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("The password is hunter2, Ben Wallace said.\n")
    folder = tmp_path / "news"
    (folder / "inner").mkdir(parents=True)
    (folder / "inner" / "a.txt").write_text("Kabul fell on Sunday, officials said.\n")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "leak").symlink_to(outside, target_is_directory=True)
    (folder / "again.txt").symlink_to(folder / "inner" / "a.txt")  # inside: followed
    notices: list[str] = []
    with open_corpus(folder, tmp_path / "i.sqlite", warn=notices.append) as corpus:
        ids = {d.id for d in corpus.documents()}
        assert ids == {"inner/a.txt", "again.txt"}
        assert not any("hunter2" in corpus.text(i) for i in ids)
    outside_lines = [n for n in notices if "outside the corpus" in n]
    assert len(outside_lines) == 2 and any("passwd.txt" in n for n in outside_lines)


def test_an_oversized_file_is_named_in_a_warning(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from explorer.ingest import discovery

    monkeypatch.setattr(discovery, "MAX_FILE_BYTES", 200)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "small.txt").write_text("Kabul fell on Sunday, officials said.\n")
    (folder / "huge.txt").write_text("Kabul fell. " * 100)
    notices: list[str] = []
    with open_corpus(folder, tmp_path / "i.sqlite", warn=notices.append) as corpus:
        assert [d.id for d in corpus.documents()] == ["small.txt"]
    assert any("huge.txt" in n and "too large" in n and "MB limit" in n for n in notices)


def test_a_record_with_a_5000_digit_number_does_not_sink_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [
        json.dumps({"title": "A", "text": "Kabul fell on Sunday, officials said."}),
        '{"title": "B", "text": "Kandahar fell.", "n": ' + "9" * 5000 + "}",
        json.dumps({"title": "C", "text": "Herat fell on Friday."}),
    ]
    (folder / "recs.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "one.json").write_text(
        '{"title": "D", "text": "Ghazni fell.", "n": ' + "7" * 5000 + "}"
    )
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        ids = {d.id for d in corpus.documents()}
    assert ids == {"recs.jsonl#1", "recs.jsonl#2", "recs.jsonl#3", "one.json"}


def test_two_files_never_share_an_id(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    for rel in ("a/b.txt", "a_b.txt", "x/same.txt", "y/same.txt", "n\\xff.txt"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(f"{rel} fell, officials said.\n")
    # A name that is not UTF-8, whose escaped form is the literal name above.
    with open(os.path.join(os.fsencode(folder), b"n\xff.txt"), "wb") as f:
        f.write(b"Bad bytes in the name.\n")
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        ids = [d.id for d in corpus.documents()]
    assert len(ids) == len(set(ids)) == 6
