"""Faults an index must survive, each tried many times, with a JSON summary.

    uv run python benchmarks/faults.py [--docs 400] [--kills 20] [--writers 10] [--corrupt 10]
        [--incremental 5]

On a corpus of distinct articles (the bundled ones recombined), against a reference build:

* ``kill9``: ``explorer index`` killed with SIGKILL at a random moment; no worker may outlive
  it, and the next run must end with the reference counts.
* ``writers``: two ``explorer index`` runs started together on a new index; both must exit 0
  and the index must equal the reference.
* ``rebuild_readers``: ``explorer docs`` run again and again while ``index --rebuild`` runs; no
  answer may be short (a half-built index).
* ``corrupt``: random bytes written inside a copy of the index; every command must give the
  reference's counts (damage to the structure is detected and the index rebuilt); bytes that
  land inside a stored text are counted apart, as SQLite cannot see them.
* ``incremental``: the folder brought to its final state in random steps (files added in
  shuffled batches, some removed and restored), the index updated after each; every answer,
  entity ids included, must equal the reference build's.
* ``disk_full``: a build into a 1 MB tmpfs (when this machine lets us mount one): it must fail
  with one line; then an index that fits, the disk filled, and an update adding documents:
  it must say why in one line, and the index must still answer exactly as before.

"Equal" is byte for byte: each command's JSON lines, sorted, hashed.

A script, not a test: it takes minutes and starts many processes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "explorer.cli"]
COMMANDS = ("docs", "timeline", "quotes", "entities")


def make_corpus(folder: Path, n: int) -> None:
    """``n`` distinct articles: paragraphs of the bundled ones, recombined and numbered."""
    paragraphs = []
    for f in sorted((REPO / "corpus").glob("*.txt")):
        paragraphs += [p for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    rnd = random.Random(7)
    folder.mkdir(parents=True)
    for i in range(n):
        body = "\n\n".join(rnd.sample(paragraphs, min(6, len(paragraphs))))
        (folder / f"a{i:05d}.txt").write_text(f"Report {i}\n\n{body}\n", encoding="utf-8")


def cli(*args: str, index: Path, corpus: Path, **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [*CLI, *args, "--corpus", str(corpus), "--index", str(index)],
        capture_output=True, text=True, **kw,
    )  # fmt: skip


def counts(index: Path, corpus: Path) -> dict[str, str]:
    """Each command's answer: how many JSON lines, and a hash of them sorted."""
    out = {}
    for cmd in COMMANDS:
        r = cli(cmd, "--json", "--all", index=index, corpus=corpus)  # whole answers, not a page
        if r.returncode != 0:
            out[cmd] = "failed"
            continue
        lines = sorted(r.stdout.splitlines())
        digest = hashlib.blake2b("\n".join(lines).encode(), digest_size=6).hexdigest()
        out[cmd] = f"{len(lines)}:{digest}"
    return out


def children(pid: int) -> list[int]:
    r = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(x) for x in r.stdout.split()]


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def kill9(corpus: Path, work: Path, want: dict, trials: int) -> dict:
    orphans = wrong = 0
    for k in range(trials):
        index = work / f"kill{k}.sqlite"
        proc = subprocess.Popen(
            [*CLI, "index", "--corpus", str(corpus), "--index", str(index)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(random.Random(k).uniform(0.5, 3.0))
        kids = children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        time.sleep(1.5)
        orphans += sum(alive(c) for c in kids)
        for c in kids:  # leave the machine clean whatever happened
            if alive(c):
                os.kill(c, signal.SIGKILL)
        wrong += counts(index, corpus) != want
    return {"trials": trials, "orphan_workers": orphans, "wrong_after_rerun": wrong}


def writers(corpus: Path, work: Path, want: dict, trials: int) -> dict:
    failed = wrong = 0
    for k in range(trials):
        index = work / f"two{k}.sqlite"
        procs = [
            subprocess.Popen(
                [*CLI, "index", "--corpus", str(corpus), "--index", str(index)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            for _ in range(2)
        ]
        failed += sum(p.wait() != 0 for p in procs)
        wrong += counts(index, corpus) != want
    return {"trials": trials, "nonzero_exits": failed, "wrong_results": wrong}


def rebuild_readers(corpus: Path, index: Path, want: dict, trials: int) -> dict:
    short = reads = 0
    for _ in range(trials):
        proc = subprocess.Popen(
            [*CLI, "index", "--rebuild", "--corpus", str(corpus), "--index", str(index)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        while proc.poll() is None:
            r = cli("docs", "--json", "--all", index=index, corpus=corpus)
            reads += 1
            short += f"{len(r.stdout.splitlines())}:" != want["docs"].split(":")[0] + ":"
        proc.wait()
    return {"trials": trials, "reads_during_rebuild": reads, "short_answers": short}


def corrupt(corpus: Path, index: Path, work: Path, want: dict, trials: int) -> dict:
    wrong = altered = 0
    for k in range(trials):
        copy = work / f"bad{k}.sqlite"
        shutil.copy(index, copy)
        data = bytearray(copy.read_bytes())
        rnd = random.Random(k)
        for _ in range(8):
            at = rnd.randrange(4096, len(data) - 4096)
            data[at : at + 512] = bytes(rnd.randrange(256) for _ in range(512))
        copy.write_bytes(bytes(data))
        got = counts(copy, corpus)
        wrong += {c: v.split(":")[0] for c, v in got.items()} != {
            c: v.split(":")[0] for c, v in want.items()
        }
        altered += got != want
    # Bytes landing inside a row's text (not the b-tree structure) are invisible to SQLite,
    # which keeps no page checksums: such a trial gives the right counts, altered text.
    return {"trials": trials, "wrong_counts": wrong, "altered_content": altered}


def incremental(corpus: Path, work: Path, want: dict, trials: int) -> dict:
    wrong = 0
    files = sorted(corpus.iterdir())
    for k in range(trials):
        rnd = random.Random(100 + k)
        folder, index = work / f"inc{k}", work / f"inc{k}.sqlite"
        folder.mkdir()
        order = files[:]
        rnd.shuffle(order)
        step = max(1, len(order) // 4)
        for i in range(0, len(order), step):
            for f in order[i : i + step]:
                shutil.copy2(f, folder / f.name)
            cli("index", index=index, corpus=folder)
            gone = rnd.sample(order[: i + step], min(5, i + step))
            for f in gone:
                (folder / f.name).unlink()
            cli("index", index=index, corpus=folder)
            for f in gone:
                shutil.copy2(f, folder / f.name)
        cli("index", index=index, corpus=folder)
        got = counts(index, folder)
        wrong += got != want
    return {"trials": trials, "different_from_reference": wrong}


def _mount_small(mount: Path) -> str | None:
    mount.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                       capture_output=True, text=True)  # fmt: skip
    return None if r.returncode == 0 else r.stderr.strip()[:80]


def disk_full(corpus: Path, work: Path) -> dict:
    mount = work / "small"
    why = _mount_small(mount)
    if why is not None:
        return {"skipped": f"cannot mount a small tmpfs here: {why}"}
    out: dict = {}
    try:
        index = mount / "i.sqlite"
        b = cli("index", index=index, corpus=corpus)
        lines = [x for x in b.stderr.splitlines() if x.strip()]
        out["new_index"] = {
            "exit": b.returncode,
            "stderr_lines": len(lines),
            "last_line": lines[-1][:120] if lines else "",
        }
        # An index that fits, then a full disk during an update that adds documents.
        for f in mount.iterdir():
            f.unlink()
        part = work / "part"
        part.mkdir()
        files = sorted(corpus.iterdir())
        for f in files[:15]:
            shutil.copy2(f, part / f.name)
        cli("index", index=index, corpus=part)
        before = counts(index, part)
        filler = mount / "filler"
        with open(filler, "wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        for f in files[15:]:
            shutil.copy2(f, part / f.name)
        u = cli("index", index=index, corpus=part)
        lines = [x for x in u.stderr.splitlines() if x.strip()]
        filler.unlink()
        # Only what the index held before may be answered: the new files are not indexed.
        for f in files[15:]:
            (part / f.name).unlink()
        out["update"] = {
            "exit": u.returncode,
            "stderr_lines": len(lines),
            "last_line": lines[-1][:120] if lines else "",
            "index_intact": counts(index, part) == before,
        }
        return out
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=400)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--writers", type=int, default=10)
    p.add_argument("--rebuilds", type=int, default=3)
    p.add_argument("--corrupt", type=int, default=10)
    p.add_argument("--incremental", type=int, default=5)
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="explorer-faults-") as tmp:
        work = Path(tmp)
        corpus = work / "news"
        make_corpus(corpus, a.docs)
        reference = work / "reference.sqlite"
        cli("index", index=reference, corpus=corpus)
        want = counts(reference, corpus)
        summary = {"docs": a.docs, "reference": want}
        summary["kill9"] = kill9(corpus, work, want, a.kills)
        summary["writers"] = writers(corpus, work, want, a.writers)
        summary["rebuild_readers"] = rebuild_readers(corpus, reference, want, a.rebuilds)
        summary["corrupt"] = corrupt(corpus, reference, work, want, a.corrupt)
        summary["incremental"] = incremental(corpus, work, want, a.incremental)
        summary["disk_full"] = disk_full(corpus, work)
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
