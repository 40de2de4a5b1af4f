"""Corpus-wide entity merging: the in-memory rules and the incremental SQLite resolve()."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from explorer.extract.names import extract_entities
from explorer.extract.sentences import split_sentences
from explorer.index import schema
from explorer.index.entities import Item, alias_norm, best_name, cluster, entity_keys, resolve
from explorer.records import ORG, PERSON, PLACE

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
KABUL = "geonames:1138958"
GHAZNI = "geonames:1141269"
HERAT = "geonames:1140026"


def same(items) -> bool:
    labels = cluster(items)
    return len(set(labels)) == 1


# --------------------------------------------------------------------------- merges


def test_gazetteer_id_merges_whatever_the_spelling():
    assert same(
        [
            ("Mazar-i-Sharif", PLACE, "geonames:1133616"),
            ("Mazar-e Sharif", PLACE, "geonames:1133616"),
        ]
    )


def test_unknown_typo_joins_a_frequent_gazetteer_place():
    # Kabil not in the gazetteer here (no id): one edit from the frequent Kabul.
    assert same(
        [Item("Kabul", PLACE, KABUL, ["Kabul"], 30), Item("Kabil", PLACE, None, ["Kabil"], 1)]
    )
    assert same(
        [Item("Ghazni", PLACE, GHAZNI, ["Ghazni"], 8), Item("Ghanzi", PLACE, None, ["Ghanzi"], 1)]
    )


def test_typo_seen_before_the_place_still_joins_it():
    # Gazetteer-backed names are taken first, so input order does not matter.
    assert same(
        [Item("Kabil", PLACE, None, ["Kabil"], 1), Item("Kabul", PLACE, KABUL, ["Kabul"], 9)]
    )


def test_transliterations_merge():
    assert same([("Feroz Koh", PLACE, None), ("Firus Koh", PLACE, None)])
    assert same([("Puli-e Alim", PLACE, None), ("Pul-e-Alam", PLACE, None)])
    assert same([("Qala-e Naw", PLACE, None), ("Qala-e-Naw", PLACE, None)])
    assert same([("Mazar-i-Sharif", PLACE, None), ("Mazar-e Sharif", PLACE, "geonames:1133616")])


def test_same_full_name_merges_and_shorter_full_alias_links():
    assert same([("Ben Wallace", PERSON, None), ("Ben Wallace", PERSON, None)])
    # One document knew him as both; another only as "Ismail Khan".
    assert same(
        [
            Item(
                "Mohammad Ismail Khan",
                PERSON,
                None,
                ["Ismail Khan", "Mohammad Ismail Khan", "Khan"],
            ),
            Item("Ismail Khan", PERSON, None, ["Ismail Khan", "Khan"]),
        ]
    )


def test_organisation_spellings_merge():
    assert same([("U.S. Defense Department", ORG, None), ("US Defense Department", ORG, None)])
    assert same([("The Cavell Group", ORG, None), ("Cavell Group", ORG, None)])


# --------------------------------------------------------------------------- non-merges


@pytest.mark.parametrize(
    "a,b",
    [
        (("Ghazni", PLACE, GHAZNI), ("Ghani", PERSON, None)),
        (("Ismail Khan", PERSON, None), ("Juma Khan", PERSON, None)),
        (("Herat", PLACE, HERAT), ("Helmand", PLACE, "subdivision:AF-HEL")),
        (("Kabul", PLACE, KABUL), ("Kunduz", PLACE, "geonames:1135689")),
        (("Iran", PLACE, "country:IR"), ("Iraq", PLACE, "country:IQ")),
        (("Herat", PLACE, HERAT), ("Herat province", PLACE, "subdivision:AF-HER")),
        (("Kandahar", PLACE, "geonames:1138336"), ("Kandahar", PERSON, None)),
        (("Taliban", ORG, None), ("Taliban", PLACE, None)),
    ],
)
def test_distinct_entities_stay_apart(a, b):
    assert not same([a, b])


def test_bare_surname_never_merges_across_documents():
    items = [
        Item("Ismail Khan", PERSON, None, ["Ismail Khan", "Khan"]),
        Item("Juma Khan", PERSON, None, ["Juma Khan", "Khan"]),
        Item("Khan", PERSON, None, ["Khan"]),
    ]
    labels = cluster(items)
    assert len(set(labels)) == 3


def test_typo_of_a_person_name_is_not_a_place_merge():
    # "Ghanzi" as a person: one edit from Ghani and from Ghazni; kinds keep it from Ghazni,
    # and a bare word never merges with a person on one edit.
    labels = cluster(
        [
            Item("Ghazni", PLACE, GHAZNI, ["Ghazni"], 9),
            Item("Ashraf Ghani", PERSON, None, ["Ashraf Ghani", "Ghani"], 5),
            Item("Ghanzi", PERSON, None, ["Ghanzi"], 1),
        ]
    )
    assert len(set(labels)) == 3


def test_a_slip_in_a_famous_surname_joins_the_full_name():
    # "Paul Vocker" once, "Paul Volcker" in many stories: the same man, misspelt.
    labels = cluster(
        [
            Item("Paul Vocker", PERSON, None, ["Paul Vocker"], 1),
            Item("Paul Volcker", PERSON, None, ["Paul Volcker", "Volcker"], 12),
        ]
    )
    assert labels[0] == labels[1]


@pytest.mark.parametrize(
    "a, b",
    [
        # Real people one letter apart: short surnames, other given names, or as often named.
        (("John Smyth", 1), ("John Smith", 40)),
        (("Mark Kelley", 1), ("Mark Kelly", 40)),
        (("Peter Volcker", 1), ("Paul Volcker", 40)),
        (("Paul Vocker", 3), ("Paul Volcker", 5)),
    ],
)
def test_people_one_letter_apart_stay_apart_without_the_guards(a, b):
    items = [Item(n, PERSON, None, [n], m) for n, m in (a, b)]
    assert len(set(cluster(items))) == 2


def test_organisations_merge_without_their_legal_form_not_on_a_shortened_name():
    labels = cluster(
        [
            Item("Boeing Co", ORG, None, ["Boeing Co"]),
            Item("Boeing", ORG, None, ["Boeing"]),
            # In its own story "Congress" is the firm; the legislature elsewhere is not it.
            Item("Congress Video Group Inc", ORG, None, ["Congress Video Group Inc", "Congress"]),
            Item("Congress", ORG, None, ["Congress"]),
            # An acronym still links its body across documents.
            Item("International Monetary Fund", ORG, None, ["International Monetary Fund", "IMF"]),
            Item("IMF", ORG, None, ["IMF"]),
        ]
    )
    assert labels[0] == labels[1]
    assert labels[2] != labels[3]
    assert labels[4] == labels[5]


def test_one_edit_needs_a_known_and_frequent_place():
    # Two unknown places one edit apart are not assumed to be the same place.
    assert not same(
        [Item("Bamak", PLACE, None, ["Bamak"], 3), Item("Bamuk", PLACE, None, ["Bamuk"], 1)]
    )
    # A rare gazetteer place does not swallow a more frequent unknown spelling.
    assert not same(
        [Item("Kabul", PLACE, KABUL, ["Kabul"], 1), Item("Kabil", PLACE, None, ["Kabil"], 5)]
    )
    # Short names are too close to everything.
    assert not same(
        [Item("Bost", PLACE, "geonames:1", ["Bost"], 9), Item("Bust", PLACE, None, ["Bust"], 1)]
    )


def test_keys_and_names():
    keys = entity_keys("Ben Wallace", PERSON, None, ["Ben Wallace", "Mr Wallace", "Wallace"])
    # The full name, and the slip keys of its surname under the given name: never a key of
    # the bare surname, which names many people.
    assert keys[0] == f"n:{PERSON}:benwallace"
    assert set(keys[1:]) == {"pd:ben|wallace"} | {
        f"pd:ben|{'wallace'[:i] + 'wallace'[i + 1 :]}" for i in range(7)
    }
    assert "g:" + KABUL in entity_keys("Kabul", PLACE, KABUL)
    assert alias_norm("Mazār-e Sharīf") == "mazar e sharif"
    assert (
        best_name(PERSON, [("Khan", 9), ("Ismail Khan", 3), ("Mohammad Ismail Khan", 1)])
        == "Ismail Khan"
    )
    assert best_name(PLACE, [("KABUL", 5), ("Kabul", 3), ("Kabil", 1)]) == "Kabul"
    # A person's full name without the title the articles mostly give him; a surname keeps it.
    slepian = [("Dr. Barnett Slepian", 5), ("Barnett Slepian", 2), ("Dr. Slepian", 9)]
    assert best_name(PERSON, slepian) == "Barnett Slepian"
    assert best_name(PERSON, [("Mrs. Clinton", 5), ("Mrs Clinton", 2)]) == "Mrs. Clinton"
    assert (
        best_name(ORG, [("The New York Times", 5), ("New York Times", 2)]) == "The New York Times"
    )


def test_cluster_is_deterministic():
    items = [
        ("Kabul", PLACE, KABUL),
        ("Kabil", PLACE, None),
        ("Ben Wallace", PERSON, None),
        ("Feroz Koh", PLACE, None),
        ("Firus Koh", PLACE, None),
    ]
    assert cluster(items) == cluster(list(items))


# --------------------------------------------------------------------------- SQLite


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    return conn


def _insert(conn, doc: int, ents: list[tuple[str, str, str | None, list[str], int]]):
    conn.executemany(
        "INSERT INTO doc_entities(doc, local, name, kind, aliases, lat, lon, gazetteer_id,"
        " mentions) VALUES (?,?,?,?,?,?,?,?,?)",
        [(doc, i, n, k, json.dumps(a), None, None, g, c) for i, (n, k, g, a, c) in enumerate(ents)],
    )


def _entities(conn) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in conn.execute("SELECT name, kind, mentions, docs, gazetteer_id FROM entities")
    }


def test_resolve_assigns_counts_and_aliases():
    conn = _db()
    _insert(
        conn,
        1,
        [
            ("Kabul", PLACE, KABUL, ["Kabul", "Kabil"], 5),
            ("Ben Wallace", PERSON, None, ["Ben Wallace", "Mr Wallace"], 3),
        ],
    )
    _insert(
        conn,
        2,
        [("Kabul", PLACE, KABUL, ["Kabul", "KABUL"], 2), ("Kabil", PLACE, None, ["Kabil"], 1)],
    )
    resolve(conn)
    ents = _entities(conn)
    assert ents["Kabul"] == (PLACE, 8, 2, KABUL)
    assert ents["Ben Wallace"] == (PERSON, 3, 1, None)
    assert conn.execute("SELECT COUNT(*) FROM doc_entities WHERE entity IS NULL").fetchone()[0] == 0
    aliases = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT a.alias, a.norm FROM aliases a JOIN entities e ON e.id = a.entity WHERE e.name='Kabul'"
        )
    }
    assert aliases == {"Kabul": "kabul", "Kabil": "kabil", "KABUL": "kabul"}


def test_resolve_is_incremental_and_deletes_orphans():
    conn = _db()
    _insert(
        conn,
        1,
        [("Kabul", PLACE, KABUL, ["Kabul"], 5), ("Juma Khan", PERSON, None, ["Juma Khan"], 2)],
    )
    resolve(conn)
    kabul_id = conn.execute("SELECT id FROM entities WHERE name='Kabul'").fetchone()[0]
    _insert(conn, 2, [("Kabul", PLACE, KABUL, ["Kabul", "Kabil"], 1)])
    resolve(conn)
    assert conn.execute("SELECT id FROM entities WHERE name='Kabul'").fetchone()[0] == kabul_id
    assert _entities(conn)["Kabul"][1:3] == (6, 2)
    # Document 1 goes away: Juma Khan is no longer referenced, Kabul loses its counts.
    conn.execute("DELETE FROM doc_entities WHERE doc = 1")
    resolve(conn)
    ents = _entities(conn)
    assert "Juma Khan" not in ents
    assert ents["Kabul"][1:3] == (1, 1)
    assert conn.execute("SELECT COUNT(*) FROM aliases WHERE alias='Juma Khan'").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM nodes_dirty").fetchone()[0] == 0
    # The aliases of what is left come from the rows that remain.
    assert {r[0] for r in conn.execute("SELECT alias FROM aliases")} == {"Kabul", "Kabil"}


def test_resolve_name_follows_the_most_frequent_full_form():
    conn = _db()
    _insert(conn, 1, [("Ismail Khan", PERSON, None, ["Ismail Khan", "Khan"], 3)])
    _insert(
        conn,
        2,
        [("Mohammad Ismail Khan", PERSON, None, ["Mohammad Ismail Khan", "Ismail Khan"], 1)],
    )
    _insert(conn, 3, [("Ismail Khan", PERSON, None, ["Ismail Khan"], 2)])
    resolve(conn)
    assert set(_entities(conn)) == {"Ismail Khan"}
    assert _entities(conn)["Ismail Khan"][2] == 3


def test_resolve_is_deterministic():
    def build():
        conn = _db()
        _insert(
            conn,
            1,
            [("Feroz Koh", PLACE, None, ["Feroz Koh"], 1), ("Kabil", PLACE, None, ["Kabil"], 1)],
        )
        _insert(
            conn,
            2,
            [("Firus Koh", PLACE, None, ["Firus Koh"], 2), ("Kabul", PLACE, KABUL, ["Kabul"], 4)],
        )
        resolve(conn)
        return sorted(conn.execute("SELECT doc, local, entity FROM doc_entities"))

    assert build() == build()


def _random_docs(seed: int, n: int) -> dict[int, list[tuple]]:
    """Documents naming places (known, unknown, slips, transliterations) and people."""
    rng = random.Random(seed)
    places = [
        ("Kabul", KABUL), ("Kabil", None), ("Kabol", None), ("Ghazni", GHAZNI),
        ("Ghanzi", None), ("Herat", HERAT), ("Heart", None), ("Feroz Koh", None),
        ("Firus Koh", None), ("Puli-e Alim", None), ("Pul-e-Alam", None), ("Bamak", None),
        ("Bamuk", None),
    ]  # fmt: skip
    people = [
        ["Ismail Khan", "Khan"], ["Mohammad Ismail Khan", "Ismail Khan"], ["Khan"],
        ["Juma Khan", "Khan"], ["Ben Wallace", "Wallace"], ["Benjamin Wallace", "Ben Wallace"],
        ["Wallace"], ["Ashraf Ghani", "Ghani"], ["Ghanzi"],
    ]  # fmt: skip
    docs = {}
    for d in range(n):
        ents = []
        for name, gid in rng.sample(places, rng.randint(1, 4)):
            ents.append((name, PLACE, gid, [name], rng.randint(1, 6)))
        for forms in rng.sample(people, rng.randint(0, 3)):
            ents.append((forms[0], PERSON, None, forms, rng.randint(1, 4)))
        docs[d] = ents
    return docs


def _dump(conn) -> tuple:
    return (
        sorted(conn.execute("SELECT * FROM entities")),
        sorted(conn.execute("SELECT * FROM aliases")),
        sorted(conn.execute("SELECT doc, local, entity FROM doc_entities")),
    )


@pytest.mark.parametrize("seed", range(6))
def test_incremental_updates_equal_a_clean_build(seed: int):
    # The entities of an index are a function of its documents: added in any order, in any
    # batches, with documents removed and added back, the tables are those of one clean build.
    docs = _random_docs(seed, 40)
    clean = _db()
    for d, ents in docs.items():
        _insert(clean, d, ents)
    resolve(clean)
    rng = random.Random(seed + 100)
    order = list(docs)
    rng.shuffle(order)
    inc = _db()
    removed = set(rng.sample(order, 8))
    for i in range(0, len(order), 7):
        for d in order[i : i + 7]:
            _insert(inc, d, docs[d])
        resolve(inc)
        gone = [d for d in order[: i + 7] if d in removed]
        for d in gone[:2]:
            inc.execute("DELETE FROM doc_entities WHERE doc = ?", (d,))
            removed.discard(d)
        resolve(inc)
        for d in gone[:1]:  # one comes back, as a file restored
            _insert(inc, d, docs[d])
        resolve(inc)
    for d in removed:
        if inc.execute("SELECT 1 FROM doc_entities WHERE doc = ?", (d,)).fetchone() is None:
            _insert(inc, d, docs[d])
    resolve(inc)
    present = {r[0] for r in inc.execute("SELECT DISTINCT doc FROM doc_entities")}
    expected = _db()
    for d in sorted(present):
        _insert(expected, d, docs[d])
    resolve(expected)
    assert _dump(inc) == _dump(expected)
    if present == set(docs):
        assert _dump(inc) == _dump(clean)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no bundled corpus")
def test_seed_corpus_merges_and_non_merges():
    conn = _db()
    for d, p in enumerate(sorted(CORPUS.glob("*.txt"))):
        text = p.read_text(encoding="utf-8")
        ents, ments = extract_entities(text, split_sentences(text))
        counts = [0] * len(ents)
        for m in ments:
            counts[m.entity] += 1
        _insert(
            conn,
            d,
            [(e.name, e.kind, e.gazetteer_id, e.aliases, counts[i]) for i, e in enumerate(ents)],
        )
    resolve(conn)

    def entity_of(alias: str, kind: str) -> set[int]:
        return {
            r[0]
            for r in conn.execute(
                "SELECT a.entity FROM aliases a JOIN entities e ON e.id = a.entity"
                " WHERE a.alias = ? AND e.kind = ?",
                (alias, kind),
            )
        }

    assert entity_of("Kabil", PLACE) == entity_of("Kabul", PLACE)
    assert entity_of("Ghanzi", PLACE) == entity_of("Ghazni", PLACE)
    assert entity_of("Feroz Koh", PLACE) == entity_of("Firus Koh", PLACE)
    assert entity_of("Puli-e Alim", PLACE) == entity_of("Pul-e-Alam", PLACE)
    assert entity_of("Qala-e Naw", PLACE) == entity_of("Qala-e-Naw", PLACE)
    assert entity_of("Ismail Khan", PERSON) == entity_of("Mohammad Ismail Khan", PERSON)
    assert entity_of("Ghazni", PLACE).isdisjoint(entity_of("Ashraf Ghani", PERSON))
    assert entity_of("Ismail Khan", PERSON).isdisjoint(entity_of("Juma Khan", PERSON))
    assert entity_of("Herat", PLACE).isdisjoint(entity_of("Helmand", PLACE))
    assert entity_of("Kabul", PLACE).isdisjoint(entity_of("Kunduz", PLACE))
    herat_docs = conn.execute(
        "SELECT docs FROM entities WHERE gazetteer_id = ?", (HERAT,)
    ).fetchone()[0]
    assert herat_docs == 2
