"""People found by the names extractor, measured against Reuters-21578's document labels.

Reuters-21578 gives each story a document-level ``<PEOPLE>`` label list ("reagan",
"james-baker") but no spans, so this measures what it can:

* recall: over stories that have a body and at least one PEOPLE label, the share of labels
  whose surname (last hyphen part of the label) is a word of the name or of an alias of some
  *person* entity the extractor found in the body, case- and accent-insensitively. A label the
  story names only in its headline, or only by an unlabelled form, counts as missed;
* person entities per story (a story about two ministers yielding 15 "people" is a warning);
* a precision proxy: the share of person entities for which the text itself gives evidence a
  reader would accept without knowing the name: the first word is a given name of the
  gender-guesser dictionary, or some mention of it is preceded by a title, honorific or
  person cue ("Treasury Secretary", "Mr", "spokesman") or followed by a speech verb ("said").
  It is a proxy, not precision: "Morgan Stanley" has a given name and is still a bank, and a
  real surname-only person without a cue ("Volcker's policy") counts as unsupported;
* the median and 95th percentile milliseconds of ``extract_entities`` per story, and the
  one-off load time of the gazetteer and the given-name list.

Usage::

    uv run python benchmarks/names.py               # every story with PEOPLE labels
    uv run python benchmarks/names.py --limit 300 --show 20
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuters_corpus import DEFAULT_SRC, iter_articles  # noqa: E402

from explorer.extract import gazetteer as gz  # noqa: E402
from explorer.extract.names import extract_entities  # noqa: E402
from explorer.extract.names_lexicon import (  # noqa: E402
    HONORIFICS,
    PERSON_CUES,
    SPEECH_VERBS,
    TITLES,
)
from explorer.extract.sentences import split_sentences  # noqa: E402
from explorer.extract.spelling import fold  # noqa: E402
from explorer.records import PERSON  # noqa: E402

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \u00a0]+$")
_WORD_AFTER = re.compile(r"\s*,?\s*([a-z]+)")


def _given_names():
    """The raw gender-guesser given-name list (not the extractor's own test, so that figures
    taken before and after a change of the extractor use the same yardstick)."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line[:1] not in "#=":
                parts = line.split()
                if len(parts) > 1:
                    names.add(parts[1].replace("+", "-").lower())
    return lambda w: w.lower() in names


def _evidence(text: str, ments, is_given) -> bool:
    first = ments[0].text.split()[0].rstrip(".")
    if first.lower() in HONORIFICS or is_given(first):
        return True
    for m in ments:
        b = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
        if b and b.group(1).lower() in TITLES | PERSON_CUES | HONORIFICS:
            return True
        a = _WORD_AFTER.match(text, m.end)
        if a and a.group(1) in SPEECH_VERBS:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--limit", type=int, default=0, help="stories with PEOPLE labels (0: all)")
    ap.add_argument("--show", type=int, default=0, help="print N missed labels and N unsupported")
    args = ap.parse_args(argv)
    if not args.src.is_dir():
        print(f"no Reuters data at {args.src}", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    gz.load()
    gaz_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:  # the extractor's own given-name list (absent before issue 5's second pass)
        from explorer.extract.names_lexicon import given_name

        given_name("John")
    except ImportError:
        pass
    given_s = time.perf_counter() - t0
    is_given = _given_names()

    docs = labels = found = persons = supported = 0
    ms: list[float] = []
    missed: list[str] = []
    unsupported: list[str] = []
    for art in iter_articles(args.src):
        if not art.people or not art.body.strip():
            continue
        docs += 1
        text = art.body
        sents = split_sentences(text)
        t = time.perf_counter()
        ents, ments = extract_entities(text, sents)
        ms.append((time.perf_counter() - t) * 1000)
        words: set[str] = set()
        by_ent: dict[int, list] = {}
        for m in ments:
            by_ent.setdefault(m.entity, []).append(m)
        for i, e in enumerate(ents):
            if e.kind != PERSON:
                continue
            persons += 1
            for a in [e.name, *e.aliases]:
                words.update(fold(a).split())
            if _evidence(text, by_ent.get(i) or [], is_given):
                supported += 1
            elif len(unsupported) < args.show:
                unsupported.append(f"{art.newid}: {e.name}")
        for label in art.people:
            labels += 1
            surname = fold(label.split("-")[-1])
            if surname in words:
                found += 1
            elif len(missed) < args.show:
                names = sorted({e.name for e in ents if e.kind == PERSON})
                missed.append(f"{art.newid}: {label}  (persons: {names})")
        if args.limit and docs >= args.limit:
            break

    print(f"stories with PEOPLE labels and a body: {docs}")
    print(
        f"label recall (surname among person names/aliases): {found}/{labels} = "
        f"{found / max(1, labels):.1%}"
    )
    print(f"person entities per story: {persons / max(1, docs):.2f}")
    print(
        f"precision proxy (given name, title/cue or speech verb): {supported}/{persons} = "
        f"{supported / max(1, persons):.1%}"
    )
    if ms:
        ms.sort()
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"extract_entities ms/story: median {statistics.median(ms):.2f}, p95 {p95:.2f}")
    print(f"one-off load: gazetteer {gaz_s:.2f} s, extractor's given names {given_s:.2f} s")
    for line in missed:
        print("MISSED", line)
    for line in unsupported:
        print("UNSUPPORTED", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
