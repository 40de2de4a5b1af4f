"""Score the timeline extractor on TempEval-3 training data (TimeBank + AQUAINT, TBAQ-cleaned).

Strips the TimeML tags from each ``.tml`` file's <TEXT> (keeping where each gold TIMEX3 lands in
the plain text), takes the document creation time as the article date, runs ``split_sentences``
and ``extract_times``, and prints, for gold TIMEX3 of type DATE and TIME:

* extent precision/recall/F1, relaxed (any overlap) and strict (same span);
* value precision/recall/F1 as TempEval scores it (correct values among predictions, among gold)
  and value accuracy among matched pairs;
* the same again without the gold expressions valued ``*_REF`` ("now", "currently",
  "recently"), the predictions over them and the predictions valued ``*_REF``, as issue 13
  asks: the timeline keeps only datable expressions;
* the median per-document extraction time.

Predictions typed DURATION or SET are not predictions of DATE/TIME and are not counted.
TimeML writes a decade either ``199`` (TimeBank) or ``199X`` (TIMEX3 1.2 guidelines) and a week
either ``2000-W7`` (TimeBank) or ``2000-W07`` (ISO 8601); each pair is the same value, so values
are compared after normalising to the second form.

Usage: uv run python benchmarks/tempeval.py [--limit N] [--data DIR] [--show misses,fp,wrong]
The data folder defaults to ../shared/data/timebank relative to the project root.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer.extract.dates import extract_times  # noqa: E402
from explorer.extract.sentences import split_sentences  # noqa: E402

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_tml(raw: str) -> tuple[str, str | None, list[tuple[int, int, str, str, str]]]:
    """Plain text of <TEXT>, the DCT value, and gold (start, end, type, value, text) TIMEX3s."""
    dct = None
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    if m:
        dct = m.group(1)[:10]
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    gold: list[tuple[int, int, str, str, str]] = []
    open_timex: list[tuple[int, dict[str, str]]] = []
    pos = 0
    for t in _TAG.finditer(body):
        chunk = html.unescape(body[pos : t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, name, attrs = t.group(1), t.group(2), t.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            text = "".join(out)[start:length]
            gold.append((start, length, a.get("type", ""), a.get("value", ""), text))
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def _norm(value: str | None) -> str:
    if value is None:
        return ""
    if re.fullmatch(r"\d{3}", value):
        return value + "X"
    # TimeBank writes ISO weeks unpadded ("2000-W7"); ISO 8601 pads them ("2000-W07").
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _score(docs: list, skip_ref: bool, label: str) -> dict[str, list[str]]:
    """Print extent and value scores over ``docs``; with ``skip_ref``, gold expressions valued
    PRESENT_REF, PAST_REF or FUTURE_REF ("now", "currently", "recently") are left out, and so
    are the predictions that overlap them or are valued so themselves: the timeline keeps only
    datable expressions (``explorer/index/times.py`` drops the ``*_REF`` ones), so a "now" the
    gold leaves untagged is no false event of the timeline's."""
    n_gold = n_pred = rel_match = strict_match = val_ok = 0
    examples: dict[str, list[str]] = {"misses": [], "fp": [], "wrong": []}
    for stem, text, dct, gold, preds in docs:
        if skip_ref:
            refs = [g for g in gold if g[3].endswith("_REF")]
            gold = [g for g in gold if not g[3].endswith("_REF")]
            preds = [
                p
                for p in preds
                if not (p.value or "").endswith("_REF")
                and not any(p.start < ge and gs < p.end for gs, ge, *_ in refs)
            ]
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        for gs, ge, _gt, gv, gtext in gold:
            hit = None
            for i, p in enumerate(preds):
                if i not in used and p.start < ge and gs < p.end:
                    hit = i
                    break
            if hit is None:
                ctx = text[max(0, gs - 40) : ge + 30].replace("\n", " ")
                examples["misses"].append(f"{stem} [{gtext}] {gv}  ...{ctx}...")
                continue
            used.add(hit)
            p = preds[hit]
            rel_match += 1
            strict_match += (p.start, p.end) == (gs, ge)
            if _norm(p.value) == _norm(gv):
                val_ok += 1
            else:
                ctx = text[max(0, gs - 50) : ge + 30].replace("\n", " ")
                examples["wrong"].append(
                    f"{stem} dct={dct} gold [{gtext}]={gv} pred [{p.expression}]={p.value}  ...{ctx}..."
                )
        for i, p in enumerate(preds):
            if i not in used:
                ctx = text[max(0, p.start - 40) : p.end + 30].replace("\n", " ")
                examples["fp"].append(f"{stem} [{p.expression}]={p.value}  ...{ctx}...")
    rp = rel_match / n_pred if n_pred else 0.0
    rr = rel_match / n_gold if n_gold else 0.0
    sp = strict_match / n_pred if n_pred else 0.0
    sr = strict_match / n_gold if n_gold else 0.0
    vp = val_ok / n_pred if n_pred else 0.0
    vr = val_ok / n_gold if n_gold else 0.0
    print(f"{label}: gold {n_gold}  predicted {n_pred}")
    print(f"  extent relaxed  P {100 * rp:5.1f}  R {100 * rr:5.1f}  F1 {100 * _f1(rp, rr):5.1f}")
    print(f"  extent strict   P {100 * sp:5.1f}  R {100 * sr:5.1f}  F1 {100 * _f1(sp, sr):5.1f}")
    print(
        f"  value           P {100 * vp:5.1f}  R {100 * vr:5.1f}  F1 {100 * _f1(vp, vr):5.1f}"
        f"  accuracy on matched {100 * val_ok / rel_match if rel_match else 0:5.1f}"
    )
    return examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "timebank")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N files")
    ap.add_argument("--show", default="", help="comma list of misses,fp,wrong to print examples")
    ap.add_argument("--max-show", type=int, default=60)
    args = ap.parse_args(argv)
    files = sorted(args.data.glob("*/*.tml")) or sorted(args.data.glob("*.tml"))
    if not files:
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 1
    if args.limit:
        files = files[: args.limit]
    show = set(filter(None, args.show.split(",")))
    times_ms: list[float] = []
    chars: list[int] = []
    docs: list[tuple[str, str, str | None, list, list]] = []
    for f in files:
        text, dct, gold = parse_tml(f.read_text(encoding="utf-8"))
        gold = [g for g in gold if g[2] in ("DATE", "TIME")]
        chars.append(len(text))
        t0 = time.perf_counter()
        sents = split_sentences(text)
        preds = extract_times(text, sents, dct)
        times_ms.append((time.perf_counter() - t0) * 1000)
        preds = [p for p in preds if p.type in ("DATE", "TIME")]
        docs.append((f.stem, text, dct, gold, preds))
    print(f"files {len(files)}")
    for label, skip_ref in (("all DATE/TIME", False), ("without *_REF (now, currently)", True)):
        examples = _score(docs, skip_ref, label)
        for kind in ("misses", "fp", "wrong"):
            if kind in show and not skip_ref:
                print(f"--- {kind} ({len(examples[kind])})")
                for line in examples[kind][: args.max_show]:
                    print(line)
    print(
        f"time per document (split_sentences + extract_times): median "
        f"{statistics.median(times_ms):.2f} ms, mean {statistics.mean(times_ms):.2f} ms, "
        f"max {max(times_ms):.2f} ms; text median {statistics.median(chars):.0f} chars, "
        f"mean {statistics.mean(chars):.0f} chars"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
