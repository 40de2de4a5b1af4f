"""Direct-quote extraction and speaker attribution measured against PolNeAR.

PolNeAR (Newell et al., LREC 2018) annotates every attribution in 924 US political news
articles as brat stand-off: ``Source``, ``Cue`` and ``Content`` spans linked by ``E`` relations.
A Content span that contains a quotation mark is a direct quote (whole or partial); those are
the gold quotes here. Where an article has one ``.ann`` per annotator, the alphabetically first
annotator's file is used, consistently.

Scores (overlap-based, as in GenderGapTracker's evaluation):

* a predicted quote matches a gold direct quote when their character spans overlap;
* precision counts the predicted quotes the tool asserts: every non-fragment quote plus the
  fragments it attributes to a speaker (an unattributed fragment is a scare quote, flagged as
  such, and not claimed as a quotation); figures over all predictions are printed too;
* speaker accuracy, over matched gold quotes that have a Source: the predicted speaker mention
  overlaps the Source span, or the last word of the predicted canonical speaker appears in the
  Source text ("Ben Wallace" vs "Wallace"), case-insensitively.

Runs the real pipeline (``explorer.extract.extract_document``), so it improves when the names
extractor lands. Usage::

    uv run python benchmarks/polnear.py --split dev
    uv run python benchmarks/polnear.py --split train --limit 200 --errors 30

The test split is never read.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "polnear"
if not DATA.exists():
    DATA = Path("/work/shared/data/polnear")
sys.path.insert(0, str(ROOT))

from explorer.extract import extract_document  # noqa: E402
from explorer.extract.quotes import extract_quotes  # noqa: E402
from explorer.extract.sentences import split_sentences  # noqa: E402

# A quotation mark: any double mark, an opening single, or a straight ' that opens or closes a
# quote (not an apostrophe between letters).
_QUOTE_MARK = re.compile(r"[“”\"«»‘]|(?<![\w])'(?=\w)|(?<=[\w.,!?])'(?!\w)|''")


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    text: str
    sources: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def load_gold(ann: Path) -> list[Gold]:
    """Direct-quote Content spans and their Source spans from one brat file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, _spans(offsets), parts[2])
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            rel = {}
            for arg in parts[1].split():
                role, _, tid = arg.partition(":")
                rel[role] = tid
            relations.append(rel)
    gold: list[Gold] = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None or not _QUOTE_MARK.search(content[2]):
            continue
        g = Gold(content[1], content[2])
        src = spans.get(rel.get("Source", ""))
        if src is not None:
            g.sources = src[1]
            g.source_text = src[2]
        gold.append(g)
    return gold


def articles(split: str) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs, one annotator per article (alphabetically first)."""
    if split not in ("train", "dev"):
        raise SystemExit("only the train and dev splits may be used")
    base = DATA / split
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    out = []
    for stem, ann in sorted(anns.items()):
        txt = base / "text" / f"{stem}.txt"
        if txt.exists():
            out.append((txt, ann))
    return out


def _overlap(a: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(x < e and s < y for x, y in a)


def _speaker_ok(q, g: Gold) -> bool:
    if q.speaker_start is not None and _overlap(g.sources, q.speaker_start, q.speaker_end):
        return True
    if q.speaker:
        last = re.sub(r"[’']s$", "", q.speaker.split()[-1]).lower()
        words = {w.lower() for w in re.findall(r"[\w’'-]+", g.source_text)}
        words |= {re.sub(r"[’']s$", "", w) for w in words}
        return last in words
    return False


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["train", "dev"], default="dev")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    args = ap.parse_args(argv)
    if not DATA.exists():
        raise SystemExit(f"PolNeAR not found at {DATA}")
    pairs = articles(args.split)
    if args.limit:
        pairs = pairs[: args.limit]
    tp_pred = n_pred = tp_pred_all = n_pred_all = 0
    found = n_gold = 0
    spk_ok = spk_n = 0
    ms_doc: list[float] = []
    ms_quotes: list[float] = []
    misses: list[str] = []
    false_pos: list[str] = []
    wrong_spk: list[str] = []
    for txt, ann in pairs:
        text = txt.read_text(encoding="utf-8")
        gold = load_gold(ann)
        t0 = time.perf_counter()
        facts = extract_document(text)
        ms_doc.append((time.perf_counter() - t0) * 1000)
        sents = split_sentences(text)
        t0 = time.perf_counter()
        extract_quotes(text, sents, facts.entities, facts.mentions)
        ms_quotes.append((time.perf_counter() - t0) * 1000)
        quotes = facts.quotes
        asserted = [q for q in quotes if not q.fragment or q.speaker]
        for q in quotes:
            hit = any(_overlap(g.spans, q.start, q.end) for g in gold)
            n_pred_all += 1
            tp_pred_all += hit
            if q in asserted:
                n_pred += 1
                tp_pred += hit
                if not hit and len(false_pos) < args.errors:
                    false_pos.append(f"{txt.name}: {q.text[:100]!r} [{q.speaker}]")
        for g in gold:
            n_gold += 1
            match = [q for q in asserted if _overlap(g.spans, q.start, q.end)]
            if not match:
                if len(misses) < args.errors:
                    misses.append(f"{txt.name}: {g.text[:120]!r}")
                continue
            found += 1
            if g.sources:
                spk_n += 1
                best = max(
                    match, key=lambda q: min(q.end, g.spans[-1][1]) - max(q.start, g.spans[0][0])
                )
                if any(_speaker_ok(q, g) for q in match):
                    spk_ok += 1
                elif len(wrong_spk) < args.errors:
                    wrong_spk.append(
                        f"{txt.name}: gold={g.source_text!r} got={best.speaker!r} "
                        f"({best.speaker_mention!r}) :: {best.text[:70]!r}"
                    )
    p = tp_pred / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    p_all = tp_pred_all / n_pred_all if n_pred_all else 0.0
    print(f"PolNeAR {args.split}: {len(pairs)} articles, {n_gold} gold direct quotes")
    print(f"direct quotes   precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print(f"  (all predictions incl. unattributed scare quotes: precision {p_all:.3f})")
    acc = spk_ok / spk_n if spk_n else 0.0
    print(f"speaker accuracy {acc:.3f}  ({spk_ok}/{spk_n} matched gold quotes with a source)")
    print(
        f"median ms/doc: full pipeline {statistics.median(ms_doc):.2f}, "
        f"extract_quotes {statistics.median(ms_quotes):.2f}"
    )
    for title, rows in (
        ("MISSED", misses),
        ("FALSE POSITIVES", false_pos),
        ("WRONG SPEAKER", wrong_spk),
    ):
        if rows:
            print(f"\n{title}")
            for row in rows:
                print("  " + row)


if __name__ == "__main__":
    main()
