"""Typo-tolerant lookup of entity names, fast enough to run on every keystroke.

Scoring every alias with rapidfuzz takes about a second at a million names, so ``search``
works in two steps: a trigram index proposes a few hundred aliases that share letter triples
with the query, and only those are scored. Names are normalised once when the index is built
(``aliases.norm``), never per query.

The scorer is chosen for what people type, and against the traps of general-purpose scorers
(WRatio and partial_ratio give 90-100 to a one- or two-letter name inside a longer query):

* a whole-name match scores 100; a name the user is still typing (prefix, or prefix of one of
  its words) scores 85-99 by how much of it is typed;
* a typo (kandahr, kalilzad, ismael khan) is an edit-distance ratio over the name without
  spaces or hyphens, so "lashkargah" and "pul e alam" find "Lashkar Gah" and "Pul-e-Alam";
  it is also tried against runs of the name's words ("ismail khan" inside "Mohammad Ismail
  Khan");
* initials ("z khalilzad", "zk") match names whose words start with those letters.

Ties go to the entity mentioned most often in the corpus.
"""

from __future__ import annotations

import sqlite3
import struct
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from heapq import nlargest
from operator import itemgetter

from rapidfuzz import process
from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import ratio

from explorer.extract.spelling import fold
from explorer.index.schema import NAME_LOOKUP
from explorer.records import ENTITY_KINDS

__all__ = ["NameIndex"]

# First bytes of a saved NameIndex: the format and the byte order of its arrays.
_MAGIC = b"NIX1" + sys.byteorder[0].encode()

_KINDS = ENTITY_KINDS
_KIND_CODE = {k: i for i, k in enumerate(_KINDS)}
# Trigram postings read per query, rarest trigrams first: common trigrams ("^ma", "an^") say
# little about a name and cost the most. Always at least _MIN_GRAMS trigrams, so that a typo
# that breaks the three rarest ones still leaves others to find the name by.
_POSTING_BUDGET = 30_000
_MIN_GRAMS = 4
_CANDIDATES = 400  # aliases proposed by the trigram index
_RESCORED = 60  # of those, rescored in full after a quick C-level ratio pass


def _grams(folded: str) -> set[str]:
    """Trigrams of a folded name, with '^' marking the start of each word."""
    s = "^" + folded.replace(" ", "^")
    return {s[i : i + 3] for i in range(len(s) - 2)}


class NameIndex:
    """Aliases with their entity, kind and popularity, plus a trigram index over them."""

    __slots__ = ("_names", "_entity", "_kind", "_weight", "_postings", "_initials")

    def __init__(self) -> None:
        self._names: list[str] = []  # folded alias, one space between words
        self._entity = array("q")  # entity ids: 52-bit content hashes
        self._kind = bytearray()
        self._weight = array("I")  # entity mention count, for ties
        self._postings: dict[str, array] = {}
        self._initials: dict[str, array] = {}

    # ------------------------------------------------------------------ building

    @classmethod
    def from_names(
        cls,
        items: Iterable[tuple[int, str, str]],
        popularity: dict[int, int] | None = None,
        normalised: bool = False,
    ) -> NameIndex:
        """Build from (entity id, alias, kind); ``popularity`` maps entity id -> mentions.

        ``normalised`` says the aliases are already ``fold``-ed (as ``aliases.norm`` is).
        """
        idx = cls()
        popularity = popularity or {}
        seen: set[tuple[int, str]] = set()
        # Arrays from the start: a list of a million Python ints would cost ten times more.
        postings: dict[str, array] = {}
        initials: dict[str, array] = {}
        for entity, alias, kind in items:
            folded = alias if normalised else fold(alias)
            if not folded or (entity, folded) in seen:
                continue
            seen.add((entity, folded))
            i = len(idx._names)
            idx._names.append(folded)
            idx._entity.append(entity)
            idx._kind.append(_KIND_CODE.get(kind, 255))
            idx._weight.append(min(popularity.get(entity, 0), 0xFFFFFFFF))
            for g in _grams(folded):
                lst = postings.get(g)
                if lst is None:
                    postings[g] = array("I", (i,))
                else:
                    lst.append(i)
            words = folded.split()
            if len(words) >= 2:
                key = "".join(w[0] for w in words)
                lst = initials.get(key)
                if lst is None:
                    initials[key] = array("I", (i,))
                else:
                    lst.append(i)
        idx._postings = postings
        idx._initials = initials
        return idx

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> NameIndex:
        """Build from the index's ``aliases`` and ``entities`` tables."""
        popularity = dict(conn.execute("SELECT id, mentions FROM entities"))
        rows = conn.execute(
            "SELECT a.entity, a.norm, e.kind FROM aliases a JOIN entities e ON e.id = a.entity"
            " ORDER BY a.entity, a.norm"
        )
        return cls.from_names(rows, popularity, normalised=True)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> NameIndex:
        """The index's saved NameIndex when it has a current one, else one built from its tables.

        Building costs half a second at 20k documents and several at 200k, on every command and
        every app start; reading the saved bytes costs a tenth of that. The writer saves it after
        each update that changed names, and triggers drop it whenever ``aliases`` or
        ``entities`` change, so a saved one is never stale.
        """
        try:
            row = conn.execute(
                "SELECT data FROM lookup_cache WHERE name = ?", (NAME_LOOKUP,)
            ).fetchone()
        except sqlite3.OperationalError:
            row = None  # an index written before the cache existed: build
        if row is not None:
            try:
                return cls.from_bytes(row[0])
            except (ValueError, IndexError, struct.error, UnicodeDecodeError):
                pass  # damaged or from another machine's byte order: build
        return cls.build(conn)

    def save(self, conn: sqlite3.Connection) -> None:
        """Keep this index in the ``lookup_cache`` table (inside the caller's transaction)."""
        conn.execute(
            "INSERT OR REPLACE INTO lookup_cache(name, data) VALUES (?, ?)",
            (NAME_LOOKUP, self.to_bytes()),
        )

    def to_bytes(self) -> bytes:
        """The index as bytes: the names and the arrays as they are, lengths first; the
        postings by key, so the same names give the same bytes (their order as built follows
        sets of trigrams, whose order changes with each process's string hashing)."""
        parts: list[bytes] = []

        def strings(values: list[str]) -> None:
            parts.append("".join(values).encode("utf-8"))
            parts.append(array("I", map(len, values)).tobytes())

        def postings(table: dict[str, array]) -> None:
            keys = sorted(table)
            strings(keys)
            parts.append(array("I", (len(table[k]) for k in keys)).tobytes())
            flat = array("I")
            for k in keys:
                flat.extend(table[k])
            parts.append(flat.tobytes())

        strings(self._names)
        parts += [self._entity.tobytes(), bytes(self._kind), self._weight.tobytes()]
        postings(self._postings)
        postings(self._initials)
        head = struct.pack(f"<{len(parts)}Q", *map(len, parts))
        return _MAGIC + struct.pack("<I", len(parts)) + head + b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> NameIndex:
        """The inverse of ``to_bytes``; ValueError when the bytes are not one of ours."""
        if data[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a saved name index of this byte order")
        at = len(_MAGIC)
        (count,) = struct.unpack_from("<I", data, at)
        if count != 13:
            raise ValueError("not a saved name index of this format")
        at += 4
        sizes = struct.unpack_from(f"<{count}Q", data, at)
        at += 8 * count
        parts: list[memoryview] = []
        view = memoryview(data)
        for size in sizes:
            parts.append(view[at : at + size])
            at += size
        if at != len(data):
            raise ValueError("a saved name index of the wrong length")
        it = iter(parts)

        def ints(code: str) -> array:
            a = array(code)
            a.frombytes(next(it))
            return a

        def strings() -> list[str]:
            text = bytes(next(it)).decode("utf-8")
            out, pos = [], 0
            for n in ints("I"):
                out.append(text[pos : pos + n])
                pos += n
            if pos != len(text):
                raise ValueError("a saved name index with names of the wrong length")
            return out

        def postings() -> dict[str, array]:
            keys, counts, flat = strings(), ints("I"), ints("I")
            if flat and max(flat) >= len(idx._names):
                raise ValueError("a saved name index pointing past its names")
            table, pos = {}, 0
            for k, n in zip(keys, counts, strict=True):
                table[k] = flat[pos : pos + n]
                pos += n
            return table

        idx = cls()
        idx._names = strings()
        idx._entity = ints("q")
        idx._kind = bytearray(next(it))
        idx._weight = ints("I")
        idx._postings = postings()
        idx._initials = postings()
        n = len(idx._names)
        if not (len(idx._entity) == len(idx._kind) == len(idx._weight) == n):
            raise ValueError("a saved name index whose arrays disagree")
        return idx

    def __len__(self) -> int:
        return len(self._names)

    # ------------------------------------------------------------------ searching

    def search(
        self, query: str, kind: str | None = None, limit: int = 10
    ) -> list[tuple[int, float]]:
        """Entities best matching ``query``, best first, as (entity id, score 0..100)."""
        q = fold(query)
        if not q or limit <= 0:
            return []
        want = _KIND_CODE.get(kind, -1) if kind else None
        names, entity, kinds = self._names, self._entity, self._kind
        cands = [i for i in self._candidates(q) if want is None or kinds[i] == want]
        qc = q.replace(" ", "")
        qwords = q.split()
        # A quick ratio over every candidate (in C), then the full scorer on the best of them
        # and on every name with a word starting like the query (the user may still be typing).
        compacts = [names[i].replace(" ", "") for i in cands]
        chosen = {k for _, _, k in process.extract(qc, compacts, scorer=ratio, limit=_RESCORED)}
        head = qc[:4]
        if len(qc) <= 8:
            typing = [
                k
                for k, i in enumerate(cands)
                if k not in chosen and any(w.startswith(head) for w in names[i].split())
            ]
            chosen.update(typing[:_RESCORED])
        best: dict[int, float] = {}
        for k in chosen:
            i = cands[k]
            s = _score(q, qc, qwords, names[i])
            e = entity[i]
            if s > best.get(e, -1.0):
                best[e] = s
        weight = {entity[i]: self._weight[i] for i in cands}
        ranked = sorted(best.items(), key=lambda es: (-round(es[1], 1), -weight[es[0]], es[0]))
        return [(e, round(s, 1)) for e, s in ranked[:limit] if s >= 50.0]

    def _candidates(self, q: str) -> list[int]:
        out: set[int] = set()
        qc = q.replace(" ", "")
        if 2 <= len(qc) <= 5 and " " not in q:
            hit = self._initials.get(qc)
            if hit is not None:
                out.update(hit[:_CANDIDATES])
        grams = _grams(q) | _grams(qc)
        lists = sorted((self._postings[g] for g in grams if g in self._postings), key=len)
        if not lists:
            return list(out)
        counts: Counter[int] = Counter()
        read = 0
        for n, p in enumerate(lists):
            if n >= _MIN_GRAMS and read + len(p) > _POSTING_BUDGET:
                break
            counts.update(p)
            read += len(p)
        if len(counts) > _CANDIDATES:
            top = nlargest(_CANDIDATES, counts.items(), key=itemgetter(1))
            out.update(i for i, _ in top)
        else:
            out.update(counts)
        return list(out)


def _score(q: str, qc: str, qwords: list[str], name: str) -> float:
    """How well the typed query ``q`` names ``name`` (both folded), 0..100."""
    nc = name.replace(" ", "")
    if nc == qc:
        return 100.0
    lq, ln = len(qc), len(nc)
    spaced = len(qwords) > 1
    best = ratio(qc, nc)
    if lq >= 2 and nc.startswith(qc):
        # Typing the name; word breaks typed where the name has none weigh a little less.
        exact_breaks = not spaced or name.startswith(q)
        best = max(best, (90.0 if exact_breaks else 88.0) + 9.0 * lq / ln)
    words = name.split()
    n = len(words)
    if lq >= 3:
        for k in range(1, n):
            rest = " ".join(words[k:]) if spaced else words[k]
            if rest.startswith(q if spaced else qc):
                best = max(best, 85.0 + 9.0 * len(q) / len(rest))
    if lq >= 4 and ln > lq:
        # Still typing, with a slip: "kahli" for "khali...".
        best = max(best, 0.9 * ratio(qc, nc[:lq]))
    if n >= 2:
        # The query names a run of the words: "ismael khan" in "mohammad ismail khan".
        # Compared with the spaces the user typed, if any: "maria m" is not "Mariam".
        for a in range(n):
            for b in range(a + 1, n + 1):
                if (a, b) == (0, n):
                    continue
                run = " ".join(words[a:b]) if spaced else "".join(words[a:b])
                if abs(len(run) - len(q)) <= max(2, lq // 3):
                    # A run that ends the name (a surname) is what people type most.
                    target = q if spaced else qc
                    best = max(best, (0.975 if b == n else 0.97) * ratio(target, run))
        if len(qwords) == n and any(len(w) == 1 for w in qwords):
            # Initials: "z khalilzad".
            ok = all(
                (len(qw) == 1 and w[0] == qw) or Indel.normalized_similarity(qw, w) >= 0.8
                for qw, w in zip(qwords, words, strict=True)
            )
            if ok:
                best = max(best, 92.0)
        if " " not in q and 2 <= lq <= 5 and "".join(w[0] for w in words) == qc:
            best = max(best, 88.0)
    return best
