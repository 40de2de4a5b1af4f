"""The command line as a script or a person meets it: wall time of whole commands, warm.

Each command runs as a real process (``python -m explorer.cli``, what the ``explorer`` script
does) over an index already up to date, so the time is what every later command costs: start,
imports, the freshness check of the folder, the query and the output. Beside them, in the same
run, the floors: a bare interpreter and ``explorer --help`` (argument parsing only), so that a
noisy machine shows up as noisy floors, not as a slow explorer.

Usage::

    uv run python benchmarks/bench_cli.py --corpus /tmp/explorer-bench/reuters \\
        --index /tmp/explorer-bench/reuters.sqlite [--runs 7]

Prints one JSON object: the median and max seconds of each command over ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {
    "python": [sys.executable, "-c", "pass"],
    "help": [sys.executable, "-m", "explorer.cli", "--help"],
    "find": ["find", "oil"],
    "docs_json_20": ["docs", "--json", "--limit", "20"],
    "docs_table_page": ["docs"],
    "docs_table_all": ["docs", "--all"],
    "docs_json_all": ["docs", "--json", "--all"],
    "quotes_page": ["quotes"],
    "timeline_page": ["timeline"],
    "entities_page": ["entities"],
}


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
    return took


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    where = ["--corpus", str(args.corpus), "--index", str(args.index)]
    base = [sys.executable, "-m", "explorer.cli"]
    _time([*base, "index", *where])  # bring the index up to date: every run below is warm
    plans = {
        name: cmd if cmd[0] == sys.executable else [*base, *cmd, *where]
        for name, cmd in COMMANDS.items()
    }
    times: dict[str, list[float]] = {name: [] for name in plans}
    for _ in range(args.runs):  # interleaved, so that a slow moment hits every command alike
        for name, cmd in plans.items():
            times[name].append(_time(cmd))
    result = {
        "corpus": str(args.corpus),
        "runs": args.runs,
        **{
            name: {"median_s": round(statistics.median(t), 3), "max_s": round(max(t), 3)}
            for name, t in times.items()
        },
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
