"""Who a speaker's words stand for: names made canonical, pronouns and roles resolved.

``Resolver`` follows one document: the people in subject position, the last person named,
the roles the article equates with a person ("Ben Wallace, the Defence Secretary").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from explorer.extract import lexicon
from explorer.extract.cues import CUE_RE
from explorer.extract.quotes.speaker import (
    _CALENDAR,
    _DETERMINERS,
    _FEMALE_TITLES,
    _FINITE,
    _FUNCTION_WORDS,
    _GENDERED,
    _NAME_RUN,
    _NOT_NAME,
    _PERSONAL_TITLES,
    _PRONOUNS,
    _ROLE_NOUNS,
    _SEGMENT_SPLIT,
    _TITLES,
    Speaker,
    _clean_segment,
    _not_name_start,
    _sentence_subject,
    _strip_descriptors,
    name_in,
)
from explorer.extract.sentences import ABBREVIATIONS
from explorer.model import DocEntity, Mention, Sentence
from explorer.records import ORG, PERSON


class Resolver:
    """Per-document memory: full names by surname, role equations, recent people."""

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        entities: list[DocEntity],
        mentions: list[Mention],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.quoted_starts = [q[0] for q in quoted]
        self.quoted = quoted
        self.entities: list[DocEntity] = entities
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.full: dict[str, list[tuple[int, str]]] = {}  # surname -> [(pos, full name)]
        self.roles: dict[str, tuple[int, str]] = {}  # role key -> (pos, name)
        # (pos, name, female): people a later "he"/"she" may point to; built on first use,
        # since most quotes never need it and scanning every sentence is the costly part.
        self.people: list[tuple[int, str, bool | None]] = []
        self.people_pos: list[int] = []
        self._sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        # (pos, end, role, female): speakers the article describes without naming ("a U.S.
        # Embassy official"), for a "he" or "she" that goes on quoting them.
        self.role_speakers: list[tuple[int, int, str, bool | None]] = []
        self.role_pos: list[int] = []
        self._people_ready = False
        self._scan_names()
        # Apposition both ways: "Ben Wallace, the Defence Secretary," / "the envoy, Zalmay K,"
        for m in _APPOSITION.finditer(text):
            self._add_role(m.group("role"), m.start(), m.group("name"))
        for m in _APPOSITION_REV.finditer(text):
            self._add_role(m.group("role"), m.start(), m.group("name"))
        # "Taliban spokesman Suhail Shaheen", "White House press secretary Jen Psaki".
        for m in _ROLE_BEFORE.finditer(text):
            if m.group("noun").lower() in _ROLE_NOUNS:
                self._add_role(m.group("role"), m.start(), m.group("name"))
        for m in self.mentions:
            if m.kind == PERSON and 0 <= m.entity < len(entities):
                # Full names only: objects ("blasted Donald Trump") are poor antecedents for a
                # later "he", so the people list keeps to subjects and titled names.
                self._add_full(m.start, entities[m.entity].name)

    def _ensure_people(self) -> None:
        if self._people_ready:
            return
        self._people_ready = True
        for s in self._sentences:
            self._scan_subject(s.start, min(s.end, s.start + 160))
        self.people.sort(key=lambda p: p[0])
        self.people_pos = [p[0] for p in self.people]

    def _add_full(self, pos: int, name: str) -> None:
        words = name.split()
        if len(words) >= 2:
            self.full.setdefault(words[-1].lower(), []).append((pos, name))

    def _scan_names(self) -> None:
        """Full names (for short-name resolution), titled roles and titled people."""
        text = self.text
        for m in _NAME_RUN.finditer(text):
            run = m.group()
            if " " not in run and run.lower() not in _TITLES:
                continue  # a lone capitalised word: neither a full name nor a title
            words = run.split()
            for k in range(len(words) - 2, -1, -1):
                w = words[k]
                if (
                    w.endswith(".")
                    and len(w) > 3
                    and "." not in w[:-1]
                    and w[:-1].lower() not in ABBREVIATIONS
                    and w.lower() not in _TITLES
                ):
                    words = words[k + 1 :]  # "on Monday. Trump said": a sentence ends there
                    break
            while words and (
                words[0].lower() in _NOT_NAME
                or CUE_RE.fullmatch(words[0])
                or (words[0].lower() in _CALENDAR and _not_name_start(" ".join(words)))
            ):
                words = words[1:]
            titled = [w for w in words if w.lower() in _TITLES]
            core = _strip_descriptors(words)
            if len(core) >= 2 and not any(w.lower() in _TITLES for w in core):
                name = " ".join(core).rstrip(".,")
                name = re.sub(r"[’']s$", "", name)
                self._add_full(m.start(), name)
                if titled:
                    # "Defence Secretary Ben Wallace": the capitalised role names this person.
                    role = " ".join(words[: len(words) - len(core)])
                    self._add_role(role, m.start(), name)
            personal = [w.lower() for w in words if w.lower() in _PERSONAL_TITLES]
            if (
                personal
                and core
                and not any(w.lower() in _TITLES for w in core)
                and not self._inside_quote(m.start())
            ):
                # "Mr. John Roe" anywhere is a person a later "he" may point to.
                female = (personal[-1] in _FEMALE_TITLES) if personal[-1] in _GENDERED else None
                name = re.sub(r"[’']s$", "", " ".join(core).rstrip(".,"))
                self.people.append((m.start(), name, female))

    def _scan_subject(self, start: int, end: int) -> None:
        """The subject of a sentence: the name a later "he" or "she" most likely points to."""
        text = self.text
        head = text[start:end]
        seg_end = _SEGMENT_SPLIT.search(head)
        first = _clean_segment(head, 0, seg_end.start() if seg_end else len(head))
        if first[0] == first[1] and seg_end:
            nxt = _SEGMENT_SPLIT.search(head, seg_end.end())
            first = _clean_segment(head, seg_end.end(), nxt.start() if nxt else len(head))
        if first[0] < first[1] and not self._inside_quote(start + first[0]):
            sp = name_in(text, start + first[0], start + first[1])
            after = text[sp.end : sp.end + 30].split()[:2] if sp is not None else []
            lead = text[start + first[0] : sp.start].split() if sp is not None else []
            if (
                sp is not None
                and len(lead) <= 4
                and not any(
                    w.lower() in _PRONOUNS or w.lower() in _FINITE or w.endswith(("ed", "ing"))
                    for w in lead
                )
                and not any(w.lower() in _NOT_NAME for w in sp.name.split())
                # "Jan de Vries" and "Theresa May" are people, "Wed. Nov" is not
                and not _not_name_start(sp.name)
                and (
                    len(sp.name.split()) >= 2
                    or sp.female is not None
                    or sp.name.lower() in self.full
                    or any(CUE_RE.fullmatch(w.strip(",.")) for w in after)
                )
            ):
                self.people.append((sp.start, sp.name, sp.female))

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _add_role(self, role: str, pos: int, name: str) -> None:
        key = _role_key(role)
        if key:
            self.roles[key] = (pos, _strip_name(name))

    def canonical(self, sp: Speaker) -> str:
        """Entity name from the names extractor, else the fullest earlier form of the name."""
        ent = self._mention_entity(sp.start, sp.end, sp.kind)
        if ent is not None:
            return ent
        if sp.kind == "name":
            words = sp.name.split()
            if len(words) >= 1:
                cands = self.full.get(words[-1].lower(), [])
                best = None
                for pos, full in cands:
                    if len(full.split()) <= len(words) or not full.endswith(words[-1]):
                        continue
                    if len(words) > 1 and not (
                        full.endswith(sp.name) if words[0].islower() else full.startswith(words[0])
                    ):
                        continue
                    if pos <= sp.start:
                        best = full
                    elif best is None:
                        best = full
                        break
                if best:
                    return best
            return sp.name
        if sp.kind == "role":
            key = _role_key(sp.name)
            # "a Taliban spokesman" is someone the article has not named unless it named the
            # holder before ("A Taliban spokesman, Suhail Shaheen, said ... a Taliban
            # spokesman added"); "the Taliban spokesman" is the one it names anywhere.
            indefinite = sp.name.split(maxsplit=1)[0].lower() in ("a", "an")
            if (
                key in self.roles
                and key.split()[-1] in _ROLE_NOUNS
                and not (indefinite and self.roles[key][0] > sp.start)
            ):
                return self.roles[key][1]
            held = None if indefinite else self._only_holder(key)
            if held is not None:
                return held
            if _capitalised_role(sp.name):
                person = self.recent_person(sp.start, None) or self.next_person(sp.end)
                if person:
                    return person
        return sp.name

    def _only_holder(self, key: str) -> str | None:
        """ "the spokesman" when the article names one person only in a role ending so
        ("Taliban spokesman Suhail Shaheen"): that person."""
        if " " in key or key not in _ROLE_NOUNS:
            return None
        people = {name for k, (_pos, name) in self.roles.items() if k.endswith(" " + key)}
        return people.pop() if len(people) == 1 else None

    def _mention_entity(self, start: int, end: int, kind: str = "name") -> str | None:
        """The names extractor's entity for a speaker span it covers.

        A person mention inside a name ("Mr Wallace") canonicalises it; a role or pronoun takes
        an entity only when one mention covers it whole, so "the US embassy in Kabul" does not
        become "Kabul" and "a Taliban spokesman" does not become "Taliban".
        """
        i = bisect_right(self.mention_starts, end) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.end > start and m.start < end and 0 <= m.entity < len(self.entities):
                covers = m.start <= start and m.end >= end
                if covers or (kind == "name" and m.kind == PERSON):
                    return self.entities[m.entity].name
            if m.end <= start - 200:
                break
            i -= 1
        return None

    def recent_person(self, pos: int, female: bool | None) -> str | None:
        self._ensure_people()
        i = bisect_right(self.people_pos, pos) - 1
        while i >= 0:
            p = self.people[i]
            if p[0] < pos and (female is None or p[2] is None or p[2] == female):
                return self.canonical(Speaker(p[1], p[1], p[0], p[0] + len(p[1]), "name"))
            i -= 1
        return None

    def next_person(self, pos: int) -> str | None:
        self._ensure_people()
        i = bisect_right(self.people_pos, pos)
        if i < len(self.people) and self.people[i][0] - pos < 1500:
            p = self.people[i]
            return self.canonical(Speaker(p[1], p[1], p[0], p[0] + len(p[1]), "name"))
        return None

    def recent_group(self, pos: int) -> str | None:
        """ "They" points to the last plural subject: "A group of fighters … They shouted"."""
        text = self.text
        k = bisect_right(self.sentence_starts, pos) - 1
        for si in range(k - 1, max(k - 3, -1), -1):
            s = self._sentences[si]
            sp = _sentence_subject(text, s.start, min(s.end, s.start + 160))
            if sp is None or sp.kind != "role":
                continue
            words = sp.name.split()
            for i, w in enumerate(words[1:6], start=1):
                low = w.lower()
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if (
                    low.endswith("s")
                    and not low.endswith(("ss", "us", "is", "’s", "'s"))
                    and (not nxt or (nxt.islower() and nxt not in _FUNCTION_WORDS | _DETERMINERS))
                ):
                    # "A group of fighters drove …" — not "the movement conducts a …", a verb
                    return " ".join(words[: i + 1])
            if len(words) == 1 and words[0].lower().endswith("s"):
                return sp.name
        return None

    def clause_subject(self, pos: int, female: bool) -> str | None:
        """A "he"/"she" inside a sentence whose subject is a named person is that person:
        "Trump, alleging that President Obama wanted more, said he would deport them"."""
        k = bisect_right(self.sentence_starts, pos) - 1
        if k < 0:
            return None
        s_start = self._sentences[k].start
        if not self.text[s_start:pos].strip():
            return None  # the pronoun opens its sentence: an earlier sentence holds the name
        sp = _sentence_subject(self.text, s_start, pos)
        if sp is None or sp.kind != "name" or sp.end > pos or not self.known_person(sp):
            return None
        if self._inside_quote(sp.start) or any(c in self.text[s_start:pos] for c in '“”"«»'):
            return None  # a quote in the sentence: its words are not the narration's subject
        if sp.female is not None and sp.female != female:
            return None
        name = self.canonical(sp)
        for _, person, fem in self.people:
            if person == name and fem is not None and fem != female:
                return None  # "Mrs. Clinton … he": the known gender disagrees
        return name

    def known_person(self, sp: Speaker) -> bool:
        """A lone capitalised word is a person only when the document says so elsewhere: a
        full name ending in it, a title, or a person mention from the names extractor ("Good
        information can still drive out bad" is not a sentence about Mr. Good)."""
        if sp.kind != "name" or len(sp.name.split()) >= 2 or sp.female is not None:
            return True
        if sp.name.lower() in self.full:
            return True
        i = bisect_right(self.mention_starts, sp.end) - 1
        while i >= 0 and self.mentions[i].end > sp.start - 200:
            m = self.mentions[i]
            if m.kind == PERSON and m.start < sp.end and m.end > sp.start:
                return True
            i -= 1
        return False

    def recent_body(self, pos: int) -> str | None:
        """ "It" as a speaker points to the last organisation named in the previous 400
        characters ("Sandy Hook Promise … what it calls"), from the names extractor's mentions;
        with none, the pronoun stays unresolved rather than guessed."""
        i = bisect_right(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= pos - 400:
            m = self.mentions[i]
            if m.kind == ORG and m.end <= pos and 0 <= m.entity < len(self.entities):
                return self.entities[m.entity].name
            i -= 1
        return None

    def note_role_speaker(self, sp: Speaker, name: str) -> None:
        """A quote's speaker the article describes and never names: a later "he" may be them.

        Only one it introduces ("a spokesman", "an analyst", "one dealer"): "the two-term
        president", "the businessman" point back to someone named, whom the usual rules find."""
        words = name.lower().split()
        if words[0] not in _INTRODUCING or _PRONOUNS.intersection(words[1:]):
            return  # "a document he drew up": no one described, but a thing
        i = bisect_right(self.role_pos, sp.start)
        female = sp.female if sp.female is not None else _role_female(name)
        self.role_speakers.insert(i, (sp.start, sp.end, name, female))
        self.role_pos.insert(i, sp.start)

    def recent_role_speaker(self, pos: int, female: bool) -> str | None:
        """The described speaker of a quote just before a "he"/"she" (``_ROLE_REACH``
        characters), with no person named between them: "``It was a bomb,'' said a U.S. Embassy
        official in Nairobi. ``You can see a crater,'' he said." is the official again, not the
        last person the article named."""
        i = bisect_right(self.role_pos, pos) - 1
        if i < 0:
            return None
        start, end, name, fem = self.role_speakers[i]
        if pos - end > _ROLE_REACH or (fem is not None and fem != female):
            return None
        # Nobody named in the described speaker's sentence or since: "Janos Martonyi, who
        # remembers 1956 as a 13-year-old, said ..." leaves "he" to the usual rules.
        k = bisect_right(self.sentence_starts, start) - 1
        since = self._sentences[k].start if k >= 0 else start
        j = bisect_right(self.mention_starts, since - 1)
        while j < len(self.mentions) and self.mentions[j].start < pos:
            if self.mentions[j].kind == PERSON:
                return None
            j += 1
        return name

    def note_speaker(self, pos: int, name: str, female: bool | None) -> None:
        if not self._people_ready:
            self.people.append((pos, name, female))  # sorted when the list is first needed
            return
        i = bisect_right(self.people_pos, pos)
        self.people.insert(i, (pos, name, female))
        self.people_pos.insert(i, pos)


_FEMALE_NOUNS = lexicon.words("quotes/female_nouns")
_MALE_NOUNS = lexicon.words("quotes/male_nouns")


def _role_female(role: str) -> bool | None:
    """What a role says of the speaker's sex: "a spokeswoman" True, "the boy's father" False
    (the last gendered noun: whose father), "an official" None."""
    for word in reversed(role.lower().replace("’s", " ").replace("'s", " ").split()):
        if word in _FEMALE_NOUNS:
            return True
        if word in _MALE_NOUNS:
            return False
    return None


_INTRODUCING = frozenset({"a", "an", "one", "another"})
_ROLE_REACH = 400  # characters from a described speaker to the "he" that goes on quoting them
_NAME_SIMPLE = r"[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]*|al-[A-Z][\w-]+)){1,3}"
_ROLE_NP = r"(?:the|a|an)\s+[\w’'. -]{3,60}?"
_APPOSITION = re.compile(
    rf"(?P<name>{_NAME_SIMPLE}),\s+(?P<role>{_ROLE_NP})(?=,|\.|\s+(?:said|says|told))"
)
_APPOSITION_REV = re.compile(
    rf"(?P<role>(?:[Tt]he|[Aa]n?)\s+[\w’'. -]{{3,60}}?),\s+(?P<name>{_NAME_SIMPLE}),"
)


_ROLE_BEFORE = re.compile(
    rf"(?<![\w’'])(?P<role>(?:[A-Z][\w’'.-]+\s+){{1,3}}(?:[a-z]+\s+)?(?P<noun>[a-z]+))"
    rf"\s+(?P<name>{_NAME_SIMPLE})"
)


def _strip_name(name: str) -> str:
    return " ".join(_strip_descriptors(name.split()))


def _role_key(role: str) -> str:
    words = [w.lower().strip(".,") for w in role.split()]
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    words = [re.sub(r"[’']s$", "", w) for w in words]
    return " ".join(words[-2:]) if words else ""


def _capitalised_role(role: str) -> bool:
    """ "The Defence Secretary": a definite, capitalised office held by one person."""
    words = role.split()
    return (
        len(words) >= 2
        and words[0].lower() == "the"
        and all(w[:1].isupper() for w in words[1:])
        and any(w.lower() in _TITLES for w in words[1:])
    )


# ---------------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------------
