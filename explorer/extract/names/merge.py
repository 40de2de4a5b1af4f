"""In-document merging: the candidates of one document become its entities.

``_Merger`` clusters the forms of one entity (Wallace, Mr Wallace -> Ben Wallace; a one-letter
slip of a place named in the same article) in numbered stages; ``_emit`` writes the entities
and mentions."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.extract import gazetteer as gz
from explorer.extract.names.classify import _COMPANY_SUFFIXES, _MONTH_DAY
from explorer.extract.names.tokens import (
    _ACRONYM_AFTER,
    _COMMA_REGION,
    _LOCATIVE_BEFORE,
    _MAJOR_CITY,
    _Cand,
    _Cluster,
    _full_name_ends,
)
from explorer.extract.names_lexicon import (
    ORG_HEADS,
    ORG_SUFFIXES,
    STOPWORDS,
    SURNAME_STOPWORDS,
    given_name,
)
from explorer.extract.spelling import compact, content_tokens, damerau1, fold, skeleton
from explorer.model import DocEntity, Mention
from explorer.records import ORG, PERSON, PLACE


def same_place_spelling(a: str, b: str, typo: bool = True) -> bool:
    """True when two place names read as one place spelled two ways.

    ``typo`` lets a one-edit slip count too: safe between two places of one article, not
    between unrelated documents (two villages can be one letter apart).

    Why these guards: transliterations differ in vowels and sibilants ('Feroz Koh' / 'Firus
    Koh', 'Puli-e Alim' / 'Pul-e-Alam'), typos by one edit ('Kabil', 'Ghanzi'), but distinct
    places can sit one edit apart too when short, so a skeleton match must also start with the
    same letter, have as many words and be long enough to mean something.
    """
    ca, cb = compact(a), compact(b)
    if ca == cb:
        return True
    if typo and len(ca) >= 5 and len(cb) >= 5 and damerau1(ca, cb):
        return True
    if ca[:1] != cb[:1] or len(content_tokens(a)) != len(content_tokens(b)):
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa != sb or len(sa) < 3 or min(len(ca), len(cb)) < 6:
        return False
    from rapidfuzz.fuzz import ratio

    return ratio(ca, cb) >= 60


def _merge(text: str, cands: list[_Cand]) -> tuple[list[DocEntity], list[Mention]]:
    """Candidates into the document's entities: overlaps settled, kinds corrected by the
    article's own evidence, the forms of one entity clustered (see ``_Merger``)."""
    kept = _non_overlapping(cands)
    _promote_cued_surnames(kept)
    _people_over_towns(text, kept)
    _places_on_the_map(text, kept)
    merger = _Merger(text, kept)
    merger.by_own_key()
    merger.shorter_names()
    merger.place_variants()
    merger.single_words()
    merger.bracket_acronyms()
    return _emit(merger.clusters)


def _non_overlapping(cands: list[_Cand]) -> list[_Cand]:
    """Overlapping candidates: the earlier, longer one wins."""
    cands.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Cand] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
    return kept


def _promote_cued_surnames(kept: list[_Cand]) -> None:
    """ "Dilson Funaro" with no given name known is a person when the article also calls him
    "Funaro said" or "Minister Funaro": the full form of a surname used with a cue."""
    cued = {fold(c.name) for c in kept if c.kind == PERSON and " " not in fold(c.name)}
    for c in kept:
        if c.kind is None and " " in fold(c.name) and fold(c.name).split()[-1] in cued:
            c.kind, c.strength = PERSON, 2


def _people_over_towns(text: str, kept: list[_Cand]) -> None:
    """A bare town name that is also a word of a person of this article is that person
    ("Clinton" after "Hillary Clinton", not Clinton, Iowa): where it was read a town from the
    gazetteer alone (strength 2), or, for the surname of a person named with a given name, also
    where the tagger agreed it is some name ("under Warren's grilling" in a story of Elizabeth
    Warren is not Warren, Michigan), unless the text places it ("in Warren", "Warren, Mich.")."""
    person_words = _full_name_ends(kept)
    surnames = set()  # of people named with a given name (_has_given_name)
    for c in kept:
        toks = fold(c.name).split()
        if c.kind == PERSON and len(toks) >= 2 and _has_given_name(toks):
            surnames.add(toks[-1])
    for c in kept:
        if c.kind != PLACE or fold(c.name) not in person_words:
            continue
        town = (
            fold(c.name) in surnames
            and c.place is not None
            and c.place.type == "city"
            and not _LOCATIVE_BEFORE.search(text, max(0, c.start - 12), c.start)
            and not _COMMA_REGION.match(text, c.end)
        )
        if c.strength == 2 or town:
            c.kind, c.place = None, None


def _has_given_name(toks: list[str]) -> bool:
    """A person's folded words hold a given name before the surname: a person read as one, not
    a firm or a team the tagger took for a person ("Hoechst Celanese", "Denver Broncos"), whose
    last word is then no one's surname."""
    return any(given_name(t) for t in toks[:-1])


def _places_on_the_map(text: str, kept: list[_Cand]) -> None:
    """Every place the gazetteer knows gets its entry, and a town the text places itself is
    that town: "Paris, Texas" and "Hyderabad, Pakistan" are not the most populous Paris and
    Hyderabad. The article's other bare mentions of the same name are the same town ("... in
    Paris, Texas. Paris has 25,000 people")."""
    moved: dict[tuple[str, str], gz.Place] = {}
    for c in kept:
        if c.kind == PLACE and c.place is None:
            # A place read from its context ("Lashkar Gah, the capital of Helmand") is still
            # the gazetteer's, where the gazetteer has it: it gets its coordinates.
            c.place = gz.lookup_place(c.name)
        if c.kind != PLACE or c.place is None or c.place.type != "city":
            continue
        m = _COMMA_REGION.match(text, c.end)
        # After a town and a comma comes its state or country, never another town.
        region = gz.lookup_place(m.group(1), prefer_subdivision=True) if m else None
        if region is None or region.type == "city":
            continue
        named = next((r for r in kept if m is not None and r.start == m.start(1)), None)
        if named is not None and named.kind == PLACE and named.place is not None:
            moved[(fold(named.name), named.place.gazetteer_id)] = region
            named.place = region  # "London, Ontario": the province, not a Californian city
        if _within(c.place, region):
            continue
        town = gz.lookup_city_in(c.name, region)
        if town is not None:
            moved[(fold(c.name), c.place.gazetteer_id)] = town
            c.place = town
    if moved:
        for c in kept:
            if c.kind == PLACE and c.place is not None:
                c.place = moved.get((fold(c.name), c.place.gazetteer_id), c.place)


def _within(town: gz.Place, region: gz.Place) -> bool:
    """The gazetteer's town already lies in the region the text names (as far as we know)."""
    if town.country != region.country:
        return False
    return (
        region.type == "country"
        or region.country != "US"
        or (gz.lookup_city_in(town.name, region) == town)
    )


class _Merger:
    """Clusters the kept candidates of one document, stage by stage."""

    def __init__(self, text: str, kept: list[_Cand]) -> None:
        self.text = text
        self.kept = kept
        self.clusters: list[_Cluster] = []
        self.by_key: dict[tuple[str, str], int] = {}
        self.assigned: list[int | None] = [None] * len(kept)
        self.persons_multi: list[int] = []

    def add(self, ci: int, idx: int) -> None:
        c = self.kept[idx]
        cl = self.clusters[ci]
        cl.forms.append((c.start, c.end, self.text[c.start : c.end], c.name))
        cl.keys.add(fold(c.name))
        if c.place is not None and cl.place is None:
            cl.place, cl.gid = c.place, c.place.gazetteer_id
        self.assigned[idx] = ci

    def _cluster_for(self, k: tuple[str, str], kind: str, reuse_empty: bool) -> int:
        ci = self.by_key.get(k)
        if ci is None or (not reuse_empty and not self.clusters[ci].forms):
            ci = len(self.clusters)
            self.clusters.append(_Cluster(kind))
            self.by_key[k] = ci
        return ci

    def by_own_key(self) -> None:
        """1. Multi-word persons, places and organisations by their own key (gazetteer id
        first)."""
        for idx, c in enumerate(self.kept):
            if c.kind is None:
                continue
            if c.kind == PERSON and len(fold(c.name).split()) == 1:
                continue
            if c.kind == PLACE and c.place is not None:
                k = (PLACE, c.place.gazetteer_id)
            else:
                k = (c.kind, _merge_key(c.name))
            self.add(self._cluster_for(k, c.kind, reuse_empty=True), idx)
            if c.kind == PERSON:
                self.persons_multi.append(idx)

    def shorter_names(self) -> None:
        """2. Shorter full names inside longer ones: "Ismail Khan" -> "Mohammad Ismail Khan"."""
        clusters, assigned = self.clusters, self.assigned
        person_ci = sorted(
            {assigned[i] for i in self.persons_multi}, key=lambda ci: -_ntok(clusters[ci])
        )
        for ci in reversed(person_ci):
            toks = fold(clusters[ci].forms[0][3]).split()
            hosts = [
                cj
                for cj in person_ci
                if cj != ci
                and _ntok(clusters[cj]) > len(toks)
                and any(fold(f[3]).split()[-len(toks) :] == toks for f in clusters[cj].forms)
            ]
            if len(hosts) == 1 and clusters[ci].forms:
                _absorb(clusters, hosts[0], ci, assigned)

    def place_variants(self) -> None:
        """3. Places spelled like another place of the same article: a transliteration without
        a gazetteer entry ("Feroz Koh" / "FIRUS KOH"), or a slip that happens to be the name of
        some small town far away ("Ghanzi", a town in Botswana, in an article about Ghazni)."""
        clusters = self.clusters
        place_ci = [i for i, cl in enumerate(clusters) if cl.kind == PLACE and cl.forms]
        person_tokens = {t for cl in clusters if cl.kind == PERSON for t in _tokens_of(cl)}
        for ci in place_ci:
            cl = clusters[ci]
            if not cl.forms or not _may_be_variant(cl):
                continue
            for cj in place_ci:
                other = clusters[cj]
                if cj == ci or not other.forms or not _outranks(other, cl, cj < ci):
                    continue
                a, b = cl.forms[0][3], other.forms[0][3]
                if same_place_spelling(a, b) and not any(
                    damerau1(compact(a), t) for t in person_tokens
                ):
                    _absorb(clusters, cj, ci, self.assigned)
                    break

    def single_words(self) -> None:
        """4. Single words: the nearest full name ending in them, a known alias, a one-letter
        slip."""
        known = _known_names(self.clusters)
        for idx, c in enumerate(self.kept):
            if self.assigned[idx] is not None:
                continue
            ci = _attach_single(self.text, c, self.clusters, known)
            if ci is None and c.kind is not None:
                ci = self._cluster_for((c.kind, _merge_key(c.name)), c.kind, reuse_empty=False)
            if ci is not None:
                self.add(ci, idx)

    def bracket_acronyms(self) -> None:
        """5. "Afghan National Army (ANA)": the acronym in brackets names the same
        organisation, there and wherever else the article uses it ("ANA soldiers")."""
        hosts: dict[str, int] = {}
        for ci, cl in enumerate(self.clusters):
            if cl.kind != ORG or not cl.forms:
                continue
            for _s, e, _t, _n in list(cl.forms):
                m = _ACRONYM_AFTER.match(self.text, e)
                if m:
                    cl.forms.append((m.start(1), m.end(1), m.group(1), m.group(1)))
                    hosts.setdefault(m.group(1), ci)
        for ci, cl in enumerate(self.clusters):
            if cl.kind not in (ORG, None) or not cl.forms:
                continue
            surfaces = {t for _s, _e, t, _n in cl.forms}
            host = hosts.get(next(iter(surfaces))) if len(surfaces) == 1 else None
            if host is not None and host != ci:
                _absorb(self.clusters, host, ci, self.assigned)


def _may_be_variant(cl: _Cluster) -> bool:
    """A place that could be a misspelling: unknown, or a small town read off a typo."""
    if cl.place is None:
        return True
    return cl.place.type == "subdivision" or (
        cl.place.type == "city" and cl.place.population < _MAJOR_CITY
    )


def _outranks(host: _Cluster, guest: _Cluster, earlier: bool) -> bool:
    if guest.place is None:
        return host.place is not None or len(host.forms) > len(guest.forms) or earlier
    if host.place is None or host.place.gazetteer_id == guest.place.gazetteer_id:
        return False
    if guest.place.type == "subdivision":
        # A province far away ("Ghanzi", a district of Botswana) read off a slip of a big town
        # of the article; never a province of the same country.
        return (
            host.place.country != guest.place.country
            and (host.place.type == "country" or host.place.population >= _MAJOR_CITY)
            and len(host.forms) >= len(guest.forms)
        )
    return host.place.population >= 5 * max(1, guest.place.population) and len(host.forms) >= len(
        guest.forms
    )


def _merge_key(name: str) -> str:
    k = fold(name)
    if k.startswith("the "):
        k = k[4:]
    return k.replace(" ", "")


def _ntok(cl: _Cluster) -> int:
    return max(len(fold(f[3]).split()) for f in cl.forms) if cl.forms else 0


def _absorb(clusters: list[_Cluster], host: int, guest: int, assigned: list[int | None]) -> None:
    h, g = clusters[host], clusters[guest]
    h.forms.extend(g.forms)
    h.keys |= g.keys
    if h.place is None and g.place is not None:
        h.place, h.gid = g.place, g.gid
    g.forms = []
    for i, a in enumerate(assigned):
        if a == guest:
            assigned[i] = host


@dataclass(slots=True)
class _Known:
    """What the article has named so far, indexed for the lone-word rules (built once)."""

    # (offset, cluster) of every multi-word person form, by its first and by its last word
    by_word: dict[str, list[tuple[int, int]]]
    place_forms: dict[str, set[int]]  # compact spelling -> place clusters
    person_words: set[str]
    # "penril" -> the cluster of "Penril Corp", and whether its name ends as a company's
    org_first: dict[str, tuple[int, bool]]
    surnames: set[str]  # last words of multi-word person forms with a given name ("trump")


def _known_names(clusters: list[_Cluster]) -> _Known:
    by_word: dict[str, list[tuple[int, int]]] = {}
    place_forms: dict[str, set[int]] = {}
    person_words: set[str] = set()
    org_first: dict[str, tuple[int, bool]] = {}
    surnames: set[str] = set()
    for ci, cl in enumerate(clusters):
        if not cl.forms:
            continue
        if cl.kind == PERSON:
            for s, _e, _t, name in cl.forms:
                toks = fold(name).split()
                person_words.update(toks)
                if len(toks) >= 2:
                    if _has_given_name(toks):
                        surnames.add(toks[-1])
                    for w in {toks[0], toks[-1]}:
                        by_word.setdefault(w, []).append((s, ci))
        elif cl.kind == PLACE:
            for f in cl.forms:
                place_forms.setdefault(compact(f[3]), set()).add(ci)
        elif cl.kind == ORG:
            for f in cl.forms:
                toks = fold(f[3]).split()
                # "Kaiser said" after "Kaiser Aluminum Corp", "Orbit said" after "Orbit
                # Petroleum Inc"; a first word that is a given name or an everyday word
                # ("National", "White") names too many things to count.
                if (
                    len(toks) >= 2
                    and (toks[-1] in _COMPANY_SUFFIXES or toks[-1] in ORG_SUFFIXES)
                    and toks[0] not in STOPWORDS
                    and toks[0] not in ORG_HEADS
                    and not given_name(toks[0])
                ):
                    org_first.setdefault(toks[0], (ci, toks[-1] in _COMPANY_SUFFIXES))
    return _Known(by_word, place_forms, person_words, org_first, surnames)


def _attach_single(text: str, c: _Cand, clusters: list[_Cluster], known: _Known) -> int | None:
    """Which entity a lone capitalised word (or "Mr X") refers to, if the article says."""
    key = fold(c.name)
    if _MONTH_DAY.match(text, c.end):
        return None  # "May 5", "Jan 12": a date, not Theresa May
    if not key or (key in STOPWORDS and not (key in SURNAME_STOPWORDS and key in known.by_word)):
        return None
    # A company named by its first word: "Penril said" after "Penril Corp", "Jacobs shares"
    # after "Jacobs Engineering Group Inc" even beside its chairman Joseph Jacobs. A body that
    # is not a company, named after a person the article names in full, is not its surname
    # alone: beside "Donald Trump" and the "Trump Foundation", "Trump said" is the man (the
    # nearest full name, below).
    org = known.org_first.get(key)
    if (
        org is not None
        and (org[1] or key not in known.surnames)
        and (c.kind is None or (c.kind == PERSON and c.start == c.end - len(c.name)))
    ):
        return org[0]
    # The nearest full name before it whose last (or first) word it is; after it otherwise.
    if c.kind in (None, PERSON):
        best: tuple[int, int] | None = None
        for s, ci in known.by_word.get(key, ()):
            dist = c.start - s if s < c.start else 10**9 + s - c.start
            if best is None or dist < best[0]:
                best = (dist, ci)
        if best is not None:
            return best[1]
    exact = [ci for ci, cl in enumerate(clusters) if cl.forms and key in cl.keys]
    if exact and (c.kind is None or clusters[exact[0]].kind == c.kind):
        return exact[0]
    if c.kind not in (None, PLACE):
        return None
    # A one-edit slip of a place of this article ("Ghanzi" beside "Ghazni"), unless it is as
    # close to a person's name ("Ghani"): then nothing tells them apart and it is dropped.
    ck = compact(c.name)
    if len(ck) < 5:
        return None
    near_place = {
        ci
        for form, cis in known.place_forms.items()
        if abs(len(form) - len(ck)) <= 1 and damerau1(ck, form)
        for ci in cis
        if clusters[ci].forms
    }
    if len(near_place) != 1:
        return None
    if any(abs(len(w) - len(ck)) <= 1 and damerau1(ck, w) for w in known.person_words):
        return None
    return near_place.pop()


def _tokens_of(cl: _Cluster) -> set[str]:
    return {t for f in cl.forms for t in fold(f[3]).split()}


def _emit(clusters: list[_Cluster]) -> tuple[list[DocEntity], list[Mention]]:
    live = [cl for cl in clusters if cl.forms]
    live.sort(key=lambda cl: min(f[0] for f in cl.forms))
    entities: list[DocEntity] = []
    mentions: list[Mention] = []
    seen_starts: set[int] = set()
    for i, cl in enumerate(live):
        aliases: list[str] = []
        for _s, _e, surface, name in sorted(cl.forms):
            for form in (surface, name):
                if form not in aliases:
                    aliases.append(form)
        ent = DocEntity(
            name=_best_name(cl),
            kind=cl.kind,
            aliases=aliases,
            lat=cl.place.lat if cl.place else None,
            lon=cl.place.lon if cl.place else None,
            gazetteer_id=cl.gid,
        )
        entities.append(ent)
        for s, e, surface, _name in cl.forms:
            if s in seen_starts:
                continue
            seen_starts.add(s)
            mentions.append(Mention(s, e, surface, cl.kind, i))
    mentions.sort(key=lambda m: m.start)
    return entities, mentions


def _best_name(cl: _Cluster) -> str:
    """Fullest form for people and bodies; for places the spelling the article uses most."""
    names = [f[3] for f in cl.forms]
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    if cl.kind == PLACE:
        if cl.place is not None and cl.place.type == "country":
            return cl.place.name
        return max(counts, key=lambda n: (not n.isupper(), counts[n], len(n), n))
    return max(counts, key=lambda n: (len(n.split()), not n.isupper(), counts[n], len(n), n))
