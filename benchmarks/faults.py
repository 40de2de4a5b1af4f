"""Faults an index must survive, each tried many times, with a JSON summary.

    uv run python benchmarks/faults.py [--docs 400] [--kills 20] [--writers 10] [--corrupt 10]

On a corpus of distinct articles (the bundled ones recombined), against a reference build:

* ``kill9``: ``explorer index`` killed with SIGKILL at a random moment; no worker may outlive
  it, and the next run must end with the reference counts.
* ``writers``: two ``explorer index`` runs started together on a new index; both must exit 0
  and the index must equal the reference.
* ``rebuild_readers``: ``explorer docs`` run again and again while ``index --rebuild`` runs; no
  answer may be short (a half-built index).
* ``corrupt``: random bytes written inside a copy of the index; every command must answer as on
  the reference.
* ``disk_full``: a build into a 1 MB tmpfs (when this machine lets us mount one): it must fail
  with one line, and a complete index already there must stay intact.

A script, not a test: it takes minutes and starts many processes.
"""

from __future__ import annotations

import argparse
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


def counts(index: Path, corpus: Path) -> dict[str, int]:
    out = {}
    for cmd in COMMANDS:
        r = cli(cmd, "--json", index=index, corpus=corpus)
        out[cmd] = len(r.stdout.splitlines()) if r.returncode == 0 else -1
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
            r = cli("docs", "--json", index=index, corpus=corpus)
            reads += 1
            short += len(r.stdout.splitlines()) != want["docs"]
        proc.wait()
    return {"trials": trials, "reads_during_rebuild": reads, "short_answers": short}


def corrupt(corpus: Path, index: Path, work: Path, want: dict, trials: int) -> dict:
    wrong = 0
    for k in range(trials):
        copy = work / f"bad{k}.sqlite"
        shutil.copy(index, copy)
        data = bytearray(copy.read_bytes())
        rnd = random.Random(k)
        for _ in range(8):
            at = rnd.randrange(4096, len(data) - 4096)
            data[at : at + 512] = bytes(rnd.randrange(256) for _ in range(512))
        copy.write_bytes(bytes(data))
        wrong += counts(copy, corpus) != want
    return {"trials": trials, "wrong_answers": wrong}


def disk_full(corpus: Path, work: Path) -> dict:
    mount = work / "small"
    mount.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                       capture_output=True, text=True)  # fmt: skip
    if r.returncode != 0:
        return {"skipped": f"cannot mount a small tmpfs here: {r.stderr.strip()[:80]}"}
    try:
        index = mount / "i.sqlite"
        b = cli("index", index=index, corpus=corpus)
        lines = [x for x in b.stderr.splitlines() if x.strip()]
        return {
            "exit": b.returncode,
            "stderr_lines": len(lines),
            "last_line": lines[-1][:120] if lines else "",
        }
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=400)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--writers", type=int, default=10)
    p.add_argument("--rebuilds", type=int, default=3)
    p.add_argument("--corrupt", type=int, default=10)
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
        summary["disk_full"] = disk_full(corpus, work)
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
