"""Train the shipped name tagger on CoNLL-2003 ``eng.train``; report on ``eng.testa``.

Reproduces ``explorer/extract/names/names.crfsuite`` exactly from the data and this script
(CRFsuite's L-BFGS is deterministic): the features are ``explorer.extract.names.tagger``'s,
so what is trained is what runs, and the rules' reading of each token (``rule_candidates``
on the text rebuilt from the tokens) is given to it as evidence, as at run time. Settings were chosen on ``eng.testa`` (``--c1``/``--c2``
sweep); the test split is never read.

Usage::

    uv run python benchmarks/train_tagger.py                 # train, write the model, score
    uv run python benchmarks/train_tagger.py --out /tmp/m.crfsuite --c1 0.05 --c2 0.01
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite  # noqa: E402
from conll import DATA, format_scores, read_docs, score, tagger_inputs  # noqa: E402

from explorer.extract.names import tagger  # noqa: E402

MODEL = Path(tagger.__file__).with_name(tagger.MODEL_FILE)


def train(path: Path, out: Path, c1: float, c2: float, iterations: int, min_freq: int) -> None:
    """Fit a CRF by L-BFGS with elastic-net regularisation (c1 keeps the model small)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for doc in read_docs(path):
        words, rules = tagger_inputs(doc)
        dfeat = tagger.doc_features(words)
        for (w, labels), r in zip(doc, rules, strict=True):
            trainer.append(tagger.word_features(w, dfeat, r), labels)
            n += len(w)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    print(f"training on {n:,} tokens (c1={c1}, c2={c2}, {iterations} iterations)", flush=True)
    t0 = time.perf_counter()
    trainer.train(str(out))
    print(
        f"trained in {time.perf_counter() - t0:.0f} s -> {out} ({out.stat().st_size / 1e6:.1f} MB)",
        flush=True,
    )


def evaluate(path: Path, model: Path) -> dict[str, tuple]:
    """Tag ``path`` with ``model`` and score it against its gold labels."""
    t = pycrfsuite.Tagger()
    t.open(str(model))
    gold, pred = [], []
    for doc in read_docs(path):
        words, rules = tagger_inputs(doc)
        dfeat = tagger.doc_features(words)
        for (w, labels), r in zip(doc, rules, strict=True):
            gold.append(labels)
            pred.append(t.tag(tagger.word_features(w, dfeat, r)))
    return score(gold, pred)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-freq", type=int, default=1)
    args = ap.parse_args()
    train(DATA / "eng.train", args.out, args.c1, args.c2, args.iterations, args.min_freq)
    print("eng.testa:")
    print(format_scores(evaluate(DATA / "eng.testa", args.out)))


if __name__ == "__main__":
    main()
