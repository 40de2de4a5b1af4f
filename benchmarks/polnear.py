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
  Source text ("Ben Wallace" vs "Wallace"), case-insensitively. This is the *strict* figure.
* PolNeAR has no coreference layer, so a Source that is a pronoun ("he", "who") can only match
  a prediction that points at that very pronoun, although naming the person it stands for is
  the better answer. The *main* figure also accepts, case-insensitively, the last word of the
  predicted canonical speaker when it appears in the pronoun's antecedent, read from the
  annotation itself and not from the extractor: for "he", "she", "him", "her", "his", "hers"
  the nearest preceding Source span of the same file (any attribution, not only direct
  quotes) that is not itself a pronoun, within 1,500 characters. For a relative pronoun
  ("who", "whom", "which", "that") the antecedent is the phrase right before it, so the
  predicted speaker must be a name (capitalised last word) whose mention lies in the same
  sentence, at most 100 characters before the pronoun, with no verb between the mention and
  the pronoun ("Tim Scott, the senator, who called …" — not "Obama told the lawmakers and
  millions at home who …").
* Nested sources: where the annotated Content itself holds the inner attribution (``“…,”
  Sanders said, according to CNN`` is annotated as Content ``“…,” Sanders said “…”`` with
  Source CNN), a predicted speaker mention inside that Content span names the inner source
  the annotators kept inside the content, and is accepted when it follows a closing mark
  inside the Content (at most 40 characters after it).

Both figures are printed; the strict one applies none of the last two rules.

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
from explorer.extract.cues import CUE_WORDS  # noqa: E402
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
    antecedent: str = ""  # for a personal pronoun Source: the words it stands for
    # for a relative pronoun Source: (window start, pronoun start)
    relative: tuple[int, int] | None = None
    doc: str = ""  # the document text, for the rules that read around the spans


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


_RELATIVE = frozenset(("who", "whom", "which", "that"))
_PERSONAL = frozenset(("he", "she", "him", "her", "his", "hers"))
_ANY_PRONOUN = (
    _RELATIVE
    | _PERSONAL
    | frozenset(("i", "we", "they", "them", "it", "its", "you", "me", "us", "their", "my", "our"))
)


def _antecedent(text: str, source: tuple[int, int], named: list[tuple[int, int, str]]) -> str:
    """What a pronoun Source stands for, from the text and the annotation only."""
    word = text[source[0] : source[1]].strip().lower()
    if word in _PERSONAL:
        before = [n for n in named if n[1] <= source[0] and source[0] - n[1] <= 1500]
        return before[-1][2] if before else ""
    return ""


def load_gold(ann: Path, text: str = "") -> list[Gold]:
    """Direct-quote Content spans and their Source spans from one brat file.

    With the document ``text``, a pronoun Source also gets its antecedent (see the module
    docstring)."""
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
    named = sorted(
        (sp[1][0][0], sp[1][-1][1], sp[2])
        for sp in spans.values()
        if sp[0] == "Source" and sp[2].strip().lower() not in _ANY_PRONOUN
    )
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
            if text:
                g.antecedent = _antecedent(text, src[1][0], named)
                g.doc = text
                start = src[1][0][0]
                if src[2].strip().lower() in _RELATIVE:
                    cut = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 101)
                    g.relative = (cut + 1, start)
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


def _names(q, words_of: str) -> bool:
    """The last word of the predicted canonical speaker is among the words of ``words_of``."""
    if not q.speaker:
        return False
    last = re.sub(r"[’']s$", "", q.speaker.split()[-1]).lower()
    words = {w.lower() for w in re.findall(r"[\w’'-]+", words_of)}
    words |= {re.sub(r"[’']s$", "", w) for w in words}
    return last in words


def _speaker_ok_strict(q, g: Gold) -> bool:
    if q.speaker_start is not None and _overlap(g.sources, q.speaker_start, q.speaker_end):
        return True
    return _names(q, g.source_text)


_VERB = re.compile(r"\b(?:is|was|are|were|has|had|have|do|does|did|will|would|can|could|\w+ed)\b")


def _relative_ok(q, g: Gold) -> bool:
    """The predicted name is the phrase right before a relative pronoun Source."""
    if g.relative is None or not q.speaker or q.speaker_start is None:
        return False
    if not q.speaker.split()[-1][:1].isupper():
        return False
    lo, pron = g.relative
    if not (lo <= q.speaker_start and q.speaker_end <= pron):
        return False
    between = g.doc[q.speaker_end : pron]
    return not _VERB.search(between) and not any(w in CUE_WORDS for w in between.split())


_CLOSER_BEFORE = re.compile(r"[”\"’']+[,.!?]?\s*[^“”\"]{0,40}$")


def _nested_ok(q, g: Gold) -> bool:
    """The speaker mention is the inner attribution the annotated Content itself holds: it
    lies inside the Content, right after a closing quotation mark (``“…,” Sanders said``)."""
    if q.speaker_start is None or not q.speaker or not g.doc:
        return False
    for a, b in g.spans:
        if a <= q.speaker_start and q.speaker_end <= b:
            before = g.doc[a : q.speaker_start]
            if _CLOSER_BEFORE.search(before):
                return True
    return False


def _speaker_ok(q, g: Gold) -> bool:
    if _speaker_ok_strict(q, g) or _relative_ok(q, g) or _nested_ok(q, g):
        return True
    return bool(g.antecedent and _names(q, g.antecedent))


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
    spk_ok = spk_n = spk_strict = 0
    ms_doc: list[float] = []
    ms_quotes: list[float] = []
    misses: list[str] = []
    false_pos: list[str] = []
    wrong_spk: list[str] = []
    for txt, ann in pairs:
        text = txt.read_text(encoding="utf-8")
        gold = load_gold(ann, text)
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
                    false_pos.append(f"{txt.name}: {q.display[:100]!r} [{q.speaker}]")
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
                spk_strict += any(_speaker_ok_strict(q, g) for q in match)
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
    strict = spk_strict / spk_n if spk_n else 0.0
    print(f"  (strict, without the antecedent and nested-source rules: {strict:.3f})")
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
