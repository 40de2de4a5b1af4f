"""CoNLL-2003 reading and scoring, shared by the tagger's training script and its benchmark.

The data stays in ``../shared/data/conll2003`` (never copied here). Only ``eng.train`` (to
train) and ``eng.testa`` (to tune and report) are read; the test split is reserved.

Scoring is conlleval's: a predicted name counts when its type and both ends match a gold one;
precision, recall and F1 per type and over all four types (PER, LOC, ORG, MISC).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from explorer.model import Sentence as TextSentence

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "conll2003"
TYPES = ("PER", "LOC", "ORG", "MISC")

Sentence = tuple[list[str], list[str]]  # tokens, BIO labels


def read_docs(path: Path) -> Iterator[list[Sentence]]:
    """Documents of a CoNLL file, each a list of sentences with BIO labels (from IOB1)."""
    doc: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush_sentence() -> None:
        if words:
            doc.append((list(words), to_bio(tags)))
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                flush_sentence()
                continue
            if parts[0] == "-DOCSTART-":
                flush_sentence()
                if doc:
                    yield doc
                doc = []
                continue
            words.append(parts[0])
            tags.append(parts[-1])
    flush_sentence()
    if doc:
        yield doc


# First words of CoNLL's sports stories ("SOCCER - JAPAN GET LUCKY WIN"): results tables
# and teams named after their towns, a kind of text a news reader's folder holds little of.
_SPORTS = frozenset(
    [
        "SOCCER",
        "CRICKET",
        "BASEBALL",
        "TENNIS",
        "BOXING",
        "GOLF",
        "RUGBY",
        "BASKETBALL",
        "SQUASH",
        "ATHLETICS",
        "CYCLING",
        "NFL",
        "NHL",
        "NBA",
        "MOTOR",
        "MOTORCYCLING",
        "HORSE",
        "SWIMMING",
        "SKIING",
        "HOCKEY",
        "ICE",
        "BADMINTON",
        "ROWING",
        "SAILING",
        "FORMULA",
        "VOLLEYBALL",
        "HANDBALL",
        "EQUESTRIAN",
        "TRIATHLON",
        "WRESTLING",
        "JUDO",
        "FENCING",
        "ALPINE",
        "NORDIC",
        "CHESS",
        "SPORT",
        "SPORTS",
    ]
)


def is_sports(doc: list[Sentence]) -> bool:
    """A sports story: its first word (before any hyphen) is a sport, as CoNLL writes them."""
    first = doc[0][0][0].split("-")[0].upper() if doc and doc[0][0] else ""
    return first in _SPORTS


def rebuilt(doc: list[Sentence]) -> tuple[str, list[TextSentence], list[list[tuple[int, int]]]]:
    """The document as text, one line a sentence, with each token's offsets."""
    parts: list[str] = []
    sents: list[TextSentence] = []
    offs: list[list[tuple[int, int]]] = []
    pos = 0
    for words, _ in doc:
        o = []
        start = pos
        for w in words:
            o.append((pos, pos + len(w)))
            parts.append(w + " ")
            pos += len(w) + 1
        parts[-1] = parts[-1][:-1] + "\n"
        sents.append(TextSentence(start, pos - 1, "sentence", len(sents)))
        offs.append(o)
    return "".join(parts), sents, offs


def tagger_inputs(doc: list[Sentence]) -> tuple[list[list[str]], list[list[str]]]:
    """A document's sentences of tokens and the rules' reading of each token (the tagger's
    ``rules`` evidence), computed on the text rebuilt from the tokens as at run time."""
    from explorer.extract.names import rule_candidates
    from explorer.extract.names.combine import rule_labels

    text, sents, offs = rebuilt(doc)
    cands, headlines = rule_candidates(text, sents)
    cands.sort(key=lambda c: c.start)
    return [w for w, _ in doc], [rule_labels(o, cands, headlines) for o in offs]


def to_bio(tags: Sequence[str]) -> list[str]:
    """IOB1 (a B- only between two names of one type) to BIO (B- opens every name)."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t == "O":
            out.append("O")
        else:
            kind = t[2:]
            opens = t.startswith("B-") or prev == "O" or prev[2:] != kind
            out.append(("B-" if opens else "I-") + kind)
        prev = t
    return out


def spans(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of every name in a BIO sequence (a stray I- opens a name)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, t in enumerate(list(labels) + ["O"]):
        if t == "O" or t.startswith("B-") or t[2:] != kind:
            if start >= 0:
                out.add((start, i, kind))
            start, kind = (i, t[2:]) if t != "O" else (-1, "")
    return out


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, tuple]:
    """{type or "ALL": (precision, recall, f1, gold count)} over sentences of labels."""
    tp: Counter[str] = Counter()
    ng: Counter[str] = Counter()
    np_: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = spans(g), spans(p)
        for s in gs:
            ng[s[2]] += 1
        for s in ps:
            np_[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    out: dict[str, tuple] = {}
    for kind in (*TYPES, "ALL"):
        t = sum(tp.values()) if kind == "ALL" else tp[kind]
        g = sum(ng.values()) if kind == "ALL" else ng[kind]
        p = sum(np_.values()) if kind == "ALL" else np_[kind]
        prec = t / p if p else 0.0
        rec = t / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[kind] = (prec, rec, f1, g)
    return out


def format_scores(scores: dict[str, tuple]) -> str:
    lines = [f"{'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for kind, (p, r, f, g) in scores.items():
        lines.append(f"{kind:5} {p:6.3f} {r:6.3f} {f:6.3f} {g:6d}")
    return "\n".join(lines)
