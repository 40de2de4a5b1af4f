"""Scale Reuters-21578 to any number of news-like articles, deterministically.

Why recombine rather than repeat: an index of 1M copies of 21k articles would have 21k distinct
texts, a tiny vocabulary of names and FTS posting lists of absurd length, so every figure
measured on it would be wrong. Here each article is a new combination of real Reuters
paragraphs (so sentences, quotes, dates and numbers are real newswire text and the length
distribution is Reuters'), with the people in them recast from the pool of real names found in
Reuters, sometimes spelled differently (transliterations, dropped initials, accents), under a
real headline and a dateline from a real Reuters city, on a date spread over 1985-1989.

Document ``i`` depends only on ``(seed, i)``: a corpus of 1M is the 200k corpus plus 800k more
files, and ``--start`` adds files to an existing corpus (the incremental benchmark).

Usage::

    uv run python benchmarks/generate.py --count 200000 --out /tmp/explorer-bench/gen-200k
    uv run python benchmarks/generate.py --count 1000 --start 200000 --out /tmp/explorer-bench/gen-200k
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuters_corpus import DEFAULT_SRC, article_path, iter_articles, render  # noqa: E402

DEFAULT_SEED = 1987
FIRST_DAY = date(1985, 1, 1)
DAYS = (date(1989, 12, 31) - FIRST_DAY).days + 1
VARIANT_RATE = 0.2  # share of recast names written in a variant spelling


def _words(text: str) -> list[str]:
    return text.split()


_MONTH_ABBR = _words("Jan Feb March April May June July Aug Sept Oct Nov Dec")

_CAP = r"[A-Z][a-z]+"
_NAME = rf"{_CAP}(?: [A-Z]\.)? (?:Mc|Mac|O'|De|Van )?{_CAP}(?:-{_CAP})?"
# A person is what Reuters quotes: "X said", "said X", "X, a/the <role>".
_PERSON_CONTEXT = re.compile(
    rf"(?P<a>{_NAME}),? (?:said|told|added|says|noted|stated)\b"
    rf"|\bsaid (?P<b>{_NAME})\b"
    rf"|(?P<c>{_NAME}), (?:a |an |the )?(?:senior |chief |vice |deputy )?"
    r"(?:analyst|spokesman|spokeswoman|chairman|president|economist|director|minister|"
    r"secretary|governor|official|executive|manager|trader|dealer|senator|partner)\b"
)
_NAME_ANYWHERE = re.compile(rf"\b{_NAME}\b")
_NOT_FIRST = frozenset(
    _words(
        """
    The A An In On At But And If He She It They We This That These Those Analysts Officials Mr
    Mrs Ms Dr President Chairman Secretary Minister Treasury Senator Governor Spokesman
    Sources Industry Company New North South West East Bank First Federal Reuters Reuter Under
    For From With When While After Before Its Their His Her Oil Wall Street Japanese American
    British French German Soviet Chinese Prime Vice Deputy Chief Trade Finance Economic
    Foreign National General United Royal Saudi Latin Middle Western Eastern Northern Southern
    Last Next Such Some Most Many Other Both Each Also Yesterday Today Dealers Traders
    Economists Japan Britain France Germany Canada Mexico Brazil China Texas California
    Washington London Tokyo Congress House Senate Commerce Agriculture Energy Justice State
    Board Commission Council Department Exchange Stock Securities Market Markets Fund Group
    Corp Inc Co Ltd Analyst Earlier Free Range Air Holdings Banca Credit Commerciale Sealed
    Cane Weather Exploration Mathematical Technology Aluminium Southwestern Northwestern
    Pacific Atlantic Continental Union Central Great Standard Public Private Home Life Savings
    Data Power Energy Gas
    """
    )
)
_NOT_LAST = frozenset(
    _words(
        """
    Corp Co Inc Ltd Group Bank Securities International Industries Holdings Partners
    Association Exchange Board Council Commission Department Ministry Fund Trust Capital
    Brothers Company Systems Motors Oil Airlines Steel Chemical Financial Investment Street
    Reserve Treasury Committee Agency Office House Court Party Union Government Report Times
    Journal Week Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Said Says Plc
    Services Society Federation Growers Applications Enterprise Service Combines Rover
    Institute Corporation Insurance Research Products Resources Communications Electronics
    Foods
    """
    )
)
# Transliteration and typing variants seen across news sources for the same person.
_SUBSTITUTIONS = (
    ("ov", "off"),
    ("ev", "yev"),
    ("sky", "ski"),
    ("ski", "sky"),
    ("ph", "f"),
    ("ck", "k"),
    ("ei", "ey"),
    ("ie", "y"),
    ("ou", "u"),
    ("Mc", "Mac"),
    ("Mac", "Mc"),
    ("th", "t"),
    ("c", "k"),
    ("ll", "l"),
    ("tt", "t"),
    ("e", "é"),
    ("o", "ö"),
    ("a", "á"),
    ("u", "ü"),
)


@dataclass(slots=True)
class Paragraph:
    """A real Reuters paragraph and where people are named in it."""

    text: str
    # (start, end, source name, is_surname_only), sorted by start, non-overlapping
    names: tuple[tuple[int, int, str, bool], ...]


@dataclass(slots=True)
class Pool:
    """Everything generated articles are recombined from."""

    # (headline, first paragraph, paragraph count, topic group) of each real article: the
    # article drawn as a lead sets the length, so lengths follow Reuters' distribution.
    leads: list[tuple[str, Paragraph, int, int]]
    groups: list[list[Paragraph]]  # later paragraphs, by the first topic of their article
    people: list[str]
    variants: dict[str, list[str]]
    cities: list[str]


def _is_person(name: str) -> bool:
    parts = name.replace(".", "").split()
    return parts[0] not in _NOT_FIRST and parts[-1] not in _NOT_LAST and len(parts[-1]) > 2


def spelling_variants(name: str) -> list[str]:
    """Other ways sources write the same name: dropped initial, transliteration, accents."""
    parts = name.split()
    out: list[str] = []
    if len(parts) == 3 and parts[1].endswith("."):
        out.append(f"{parts[0]} {parts[2]}")
    surname = parts[-1]
    for old, new in _SUBSTITUTIONS:
        i = surname.find(old, 1)
        if i > 0:
            out.append(" ".join(parts[:-1] + [surname[:i] + new + surname[i + len(old) :]]))
            if len(out) >= 3:
                break
    if len(surname) > 4 and not any(c * 2 in surname for c in "lnrst"):
        j = len(surname) // 2
        if surname[j] in "lnrst":
            out.append(" ".join(parts[:-1] + [surname[:j] + surname[j] + surname[j:]]))
    return [v for v in dict.fromkeys(out) if v != name]


def build_pool(src: Path = DEFAULT_SRC) -> Pool:
    """Read Reuters once and index the paragraphs, people and cities to recombine."""
    articles = [a for a in iter_articles(src) if a.kind == "NORM" and a.body]
    people: dict[str, int] = {}
    for art in articles:
        for m in _PERSON_CONTEXT.finditer(art.body):
            name = m.group("a") or m.group("b") or m.group("c")
            start = m.start("a") if m.group("a") else m.start("b") if m.group("b") else m.start("c")
            before = art.body[max(0, start - 30) : start].split()
            if before and before[-1][:1].isupper() and not before[-1].endswith("."):
                continue  # the tail of a longer proper name ("Banca Commerciale Italiana")
            if name and _is_person(name):
                people[name] = people.get(name, 0) + 1
    known = set(people)
    leads: list[tuple[str, Paragraph, int, int]] = []
    group_of: dict[str, int] = {}
    groups: list[list[Paragraph]] = []
    cities: set[str] = set()
    for art in articles:
        city = art.dateline.split(",")[0].strip()
        if city and city.isupper() and len(city) < 30:
            cities.add(city)
        in_article = {m.group(0) for m in _NAME_ANYWHERE.finditer(art.body)} & known
        own_surnames = {n.split()[-1]: n for n in in_article}
        surname_rx = (
            re.compile(r"\b(" + "|".join(map(re.escape, sorted(own_surnames))) + r")\b")
            if own_surnames
            else None
        )
        paras = art.body.split("\n\n")
        topic = art.topics[0] if art.topics else ""
        if topic not in group_of:
            group_of[topic] = len(groups)
            groups.append([])
        group = group_of[topic]
        for k, text in enumerate(paras):
            spans: list[tuple[int, int, str, bool]] = []
            taken: list[tuple[int, int]] = []
            for m in _NAME_ANYWHERE.finditer(text):
                if m.group(0) in known:
                    spans.append((m.start(), m.end(), m.group(0), False))
                    taken.append((m.start(), m.end()))
            if surname_rx is not None:
                for m in surname_rx.finditer(text):
                    if not any(s <= m.start() < e for s, e in taken):
                        spans.append((m.start(), m.end(), own_surnames[m.group(0)], True))
            spans.sort()
            para = Paragraph(text, tuple(spans))
            if k == 0:
                leads.append((art.title, para, len(paras), group))
            else:
                groups[group].append(para)
    ordered = sorted(known)
    return Pool(
        leads=leads,
        groups=groups,
        people=ordered,
        variants={n: spelling_variants(n) for n in ordered},
        cities=sorted(cities),
    )


def _recast(para: Paragraph, cast: dict[str, str], pool: Pool, rng: random.Random) -> str:
    if not para.names:
        return para.text
    out: list[str] = []
    pos = 0
    for start, end, name, surname_only in para.names:
        if start < pos:
            continue
        new = cast.get(name)
        if new is None:
            new = rng.choice(pool.people)
            variants = pool.variants.get(new)
            if variants and rng.random() < VARIANT_RATE:
                new = rng.choice(variants)
            cast[name] = new
        out.append(para.text[pos:start])
        out.append(new.split()[-1] if surname_only else new)
        pos = end
    out.append(para.text[pos:])
    return "".join(out)


def generate_article(pool: Pool, i: int, seed: int = DEFAULT_SEED) -> str:
    """The text of generated article ``i``: depends on nothing but ``(seed, i)`` and the pool."""
    rng = random.Random(seed * 10_000_019 + i)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    title, lead, n_paras, group = pool.leads[rng.randrange(len(pool.leads))]
    # Later paragraphs come from articles on the same topic, so a story reads as one subject.
    donors = pool.groups[group] or pool.groups[0]
    cast: dict[str, str] = {}
    paras = [_recast(lead, cast, pool, rng)]
    for _ in range(n_paras - 1):
        paras.append(_recast(donors[rng.randrange(len(donors))], cast, pool, rng))
    city = rng.choice(pool.cities)
    dateline = f"{city}, {_MONTH_ABBR[day.month - 1]} {day.day} -"
    return render(title, day.isoformat(), "\n\n".join(paras), dateline)


def write(pool: Pool, out: Path, start: int, count: int, seed: int = DEFAULT_SEED) -> int:
    """Write articles ``start .. start+count-1``; returns bytes written."""
    total = 0
    last_dir: Path | None = None
    for i in range(start, start + count):
        path = article_path(out, i, prefix="gen")
        if path.parent != last_dir:
            path.parent.mkdir(parents=True, exist_ok=True)
            last_dir = path.parent
        data = generate_article(pool, i, seed).encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def _cols(db: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA {schema}.table_info({table})")]


def replicate(
    src_corpus: Path, src_index: Path, copies: int, out_corpus: Path, out_index: Path
) -> dict:
    """A ``copies``-times larger corpus and its up-to-date index, without re-extracting.

    Why: extracting 1M articles takes most of an hour on two cores, longer than a shared
    session allows, while query latency, start-up and memory depend on the index's rows, not
    on how they were produced. Copy ``k`` of every file is a hard link under ``c{k}/`` (same
    bytes, size and mtime, so the index is current for the builder), and its rows are the
    source index's rows with row ids offset and paths prefixed. Entities keep their ids with
    counts multiplied, which is what resolving the copies would give. FTS5 is rebuilt.
    """
    from explorer.index import store

    t0 = time.perf_counter()
    out_corpus.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        dest = out_corpus / f"c{k}"
        if not dest.exists():
            subprocess.run(["cp", "-al", str(src_corpus), str(dest)], check=True)
    t_links = time.perf_counter() - t0
    store.remove(out_index)
    db = store.open_index(out_index)
    db.execute("ATTACH DATABASE ? AS src", (f"{src_index.resolve().as_uri()}?mode=ro",))
    span = {
        t: db.execute(f"SELECT coalesce(max(rowid), 0) FROM src.{t}").fetchone()[0]
        for t in ("documents", "times", "quotes")
    }
    text_cols = {
        "files": {"path"},
        "documents": {"id", "file"},
    }
    with db:
        for k in range(copies):
            for table in ("files", "documents", "doc_entities", "mentions", "times", "quotes"):
                cols = [c for c in _cols(db, "main", table) if c in _cols(db, "src", table)]
                if table in span and "rowid" not in cols:
                    cols.insert(0, "rowid")
                names = list(cols)
                exprs = []
                for c in cols:
                    if c == "rowid":
                        exprs.append(f"rowid + {k * span[table]}")
                    elif c in text_cols.get(table, ()):
                        exprs.append(f"'c{k}/' || \"{c}\"")
                    elif c == "doc":
                        exprs.append(f"doc + {k * span['documents']}")
                    else:
                        exprs.append(f'"{c}"')
                db.execute(
                    f"INSERT INTO main.{table}({', '.join(names)})"
                    f" SELECT {', '.join(exprs)} FROM src.{table}"
                )
        for table in ("entities", "aliases", "entity_keys"):
            cols = [c for c in _cols(db, "main", table) if c in _cols(db, "src", table)]
            exprs = [f"{c} * {copies}" if c in ("mentions", "docs", "n") else c for c in cols]
            db.execute(
                f"INSERT INTO main.{table}({', '.join(cols)}) SELECT {', '.join(exprs)}"
                f" FROM src.{table}"
            )
        db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    db.execute("DETACH DATABASE src")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (docs,) = db.execute("SELECT count(*) FROM documents").fetchone()
    db.close()
    return {
        "copies": copies,
        "documents": docs,
        "links_s": round(t_links, 1),
        "seconds": round(time.perf_counter() - t0, 1),
        "index_mb": round(out_index.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Generate a news-like corpus from Reuters-21578.")
    p.add_argument(
        "--replicate-index",
        type=Path,
        metavar="INDEX",
        help="instead: copy --src-corpus and its INDEX --copies times into --out",
    )
    p.add_argument("--src-corpus", type=Path, help="corpus folder of --replicate-index")
    p.add_argument("--copies", type=int, default=5)
    p.add_argument("--out-index", type=Path, help="index of the replicated corpus")
    p.add_argument("--count", type=int, help="how many articles to write")
    p.add_argument("--start", type=int, default=0, help="number of the first article")
    p.add_argument("--out", type=Path, required=True, help="corpus folder (outside the repo)")
    p.add_argument("--src", type=Path, default=DEFAULT_SRC)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = p.parse_args(argv)
    if args.out.resolve().is_relative_to(Path(__file__).resolve().parents[1]):
        p.error("write generated corpora outside the repository")
    if args.replicate_index:
        if not (args.src_corpus and args.out_index):
            p.error("--replicate-index needs --src-corpus and --out-index")
        info = replicate(
            args.src_corpus, args.replicate_index, args.copies, args.out, args.out_index
        )
        print(json.dumps(info), file=sys.stderr)
        return 0
    if args.count is None:
        p.error("--count is required")
    t0 = time.perf_counter()
    pool = build_pool(args.src)
    t1 = time.perf_counter()
    print(
        f"pool: {len(pool.leads)} leads, {sum(map(len, pool.groups))} paragraphs, "
        f"{len(pool.people)} people, {len(pool.cities)} cities ({t1 - t0:.1f}s)",
        file=sys.stderr,
    )
    size = write(pool, args.out, args.start, args.count, args.seed)
    t2 = time.perf_counter()
    print(
        f"wrote {args.count} articles ({size / 1e6:.1f} MB, {size / max(1, args.count):.0f} B avg)"
        f" to {args.out} in {t2 - t1:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
