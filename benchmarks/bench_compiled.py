"""What compiling the extractors with mypyc buys: the same documents through a pure copy of the
package and through a copy whose hottest modules are compiled, in the same run.

    uv run --with mypy --with setuptools python benchmarks/bench_compiled.py \\
        --corpus /tmp/explorer-bench/long --sample 300

Why: one core extracts ~0.4 MB/s of long articles, and issue 19 asks for 1 MB/s on two cores,
about 2× faster extraction. The profile has no hot spot (no function over 13% of the time),
so the question is whether compiling the Python, rather than tuning it, gets there. mypy (with
mypyc) and a C compiler are needed only here: ``uv run --with`` brings mypy for the run
without making it a dependency.

Both copies go to a scratch folder (``--keep`` leaves it). The modules named by ``--modules``
(by default the four the names extractor spends its time in, the largest share of extraction)
are compiled in one of them. Each round runs one child process per copy, alternating (the
machine is noisy); each child times ``extract_document`` and each pipeline component over the
sample, after five documents to load the lexicons and the tagger. Prints the median ms/doc of
each copy and their ratio as one JSON object, also written to
``benchmarks/results/compiled-LABEL.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "explorer"
RESULTS = HERE / "results"

NAMES_MODULES = [
    "explorer/extract/names/tokens.py",
    "explorer/extract/names/tagger.py",
    "explorer/extract/names/combine.py",
    "explorer/extract/names/classify.py",
]


def _copy(dest: Path) -> Path:
    """A copy of the package under ``dest`` (without compiled bytecode)."""
    shutil.copytree(PACKAGE, dest / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def compile_copy(dest: Path, modules: list[str]) -> None:
    """Compile ``modules`` (paths relative to the copy's root) with mypyc, in place."""
    run = subprocess.run(
        [sys.executable, "-m", "mypyc", "--ignore-missing-imports", "--follow-imports=silent"]
        + modules,
        cwd=dest,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        tail = (run.stdout + run.stderr).strip().splitlines()[-5:]
        raise SystemExit("mypyc failed:\n" + "\n".join(tail))


def _child(folder: str, sample: str) -> int:
    """Time extraction over the first ``sample`` documents of ``folder``; print JSON."""
    import explorer
    from explorer.extract import pipeline
    from explorer.extract.doc import Doc
    from explorer.ingest import read_file, scan

    entries, _ = scan(Path(folder))
    docs = []
    for e in entries[: int(sample)]:
        raws, _ = read_file(e)
        docs += raws
    for d in docs[:5]:  # lexicons, gazetteer and tagger load once per process
        pipeline.extract_document(d.text, d.meta)
    parts = dict.fromkeys([name for name, _ in pipeline.PIPELINE], 0.0)
    t0 = time.perf_counter()
    for d in docs:
        doc = Doc.make(d.text, d.meta)
        for name, component in pipeline.PIPELINE:
            t = time.perf_counter()
            component(doc)
            parts[name] += time.perf_counter() - t
    whole = time.perf_counter() - t0
    n = max(1, len(docs))
    compiled = sorted(
        str(p.relative_to(Path(explorer.__file__).parent))
        for p in Path(explorer.__file__).parent.rglob("*.so")
    )
    out = {
        "docs": len(docs),
        "mb": round(sum(len(d.text.encode("utf-8")) for d in docs) / 1e6, 3),
        "ms_per_doc": round(whole * 1000 / n, 3),
        "parts_ms": {k: round(v * 1000 / n, 3) for k, v in parts.items()},
        "compiled": compiled,
    }
    print(json.dumps(out))
    return 0


def _run_child(root: Path, folder: Path, sample: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(root)  # ahead of the installed (editable) package
    run = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(sample)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        # Compiled code can fail where Python does not (a value of another type than its
        # annotation says, and mypyc checks it): say which copy, and how.
        tail = run.stderr.strip().splitlines()[-3:] or [f"exit status {run.returncode}"]
        raise SystemExit(f"bench_compiled: the {root.name} copy failed: " + " / ".join(tail))
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, required=True, help="folder of articles")
    p.add_argument("--sample", type=int, default=300, help="documents timed (first in order)")
    p.add_argument("--rounds", type=int, default=3, help="child runs per copy, alternating")
    p.add_argument("--modules", nargs="+", default=NAMES_MODULES, help="modules to compile")
    p.add_argument("--label", default="long", help="results/compiled-LABEL.json")
    p.add_argument("--keep", action="store_true", help="leave the scratch folder")
    args = p.parse_args(argv)
    try:
        import mypyc  # noqa: F401
    except ImportError:
        print("bench_compiled: needs mypy: uv run --with mypy --with setuptools python ...")
        return 2
    if shutil.which(os.environ.get("CC", "cc")) is None:
        print("bench_compiled: needs a C compiler (cc) for mypyc")
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="explorer-compiled-"))
    try:
        pure = _copy(scratch / "pure")
        compiled = _copy(scratch / "compiled")
        t = time.perf_counter()
        compile_copy(compiled, args.modules)
        compile_s = time.perf_counter() - t
        runs: dict[str, list[dict]] = {"pure": [], "compiled": []}
        for _ in range(args.rounds):
            for name, root in (("pure", pure), ("compiled", compiled)):
                runs[name].append(_run_child(root, args.corpus, args.sample))
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)

    def median(name: str, key: str | None = None) -> float:
        values = [r["parts_ms"][key] if key else r["ms_per_doc"] for r in runs[name]]
        return round(statistics.median(values), 3)

    first = runs["pure"][0]
    out: dict = {
        "label": args.label,
        "docs": first["docs"],
        "text_mb": first["mb"],
        "compiled_modules": runs["compiled"][0]["compiled"],
        "compile_s": round(compile_s, 1),
        "rounds": args.rounds,
    }
    for name in ("pure", "compiled"):
        out[name] = {
            "ms_per_doc": median(name),
            "mb_per_s_per_core": round(first["mb"] / (median(name) * first["docs"] / 1000), 3),
            "parts_ms": {k: median(name, k) for k in first["parts_ms"]},
        }
    out["speedup_whole"] = round(out["pure"]["ms_per_doc"] / out["compiled"]["ms_per_doc"], 2)
    out["speedup_parts"] = {
        k: round(out["pure"]["parts_ms"][k] / out["compiled"]["parts_ms"][k], 2)
        for k in first["parts_ms"]
        if out["compiled"]["parts_ms"][k] > 0.05
    }
    print(json.dumps(out))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"compiled-{args.label}.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[2], sys.argv[3]))
    sys.exit(main())
