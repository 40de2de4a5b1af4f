"""Command palette providers: a fuzzy finder over the corpus's names, and corrections of the
names on the filter chips (ctrl+p, then type)."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from textual.command import Hit, Hits, Provider

from explorer.safe_text import clean_line
from explorer.tui.filters import Filter
from explorer.tui.formatting import plural
from explorer.tui.messages import CorrectionRequested, FilterAdded


def main_screen(app: Any) -> Any:
    """The app's screen of the panes (``ExplorerApp.main_screen``), or None; asked through the
    app so that the providers need not import the screen that the app builds them for."""
    find = getattr(app, "main_screen", None)
    return find() if find is not None else None


class EntityCommands(Provider):
    """ "Filter by Kandahar (place)" for the names matching what is typed in the palette."""

    async def search(self, query: str) -> Hits:
        facts = getattr(self.app, "facts", None)
        if facts is None or len(query.strip()) < 2:
            return
        try:
            # In a thread (the source pools its calls): keep the palette responsive.
            entities = await asyncio.to_thread(facts.find, query.strip(), limit=8)
        except Exception:
            return
        matcher = self.matcher(query)
        for entity in entities:
            name = clean_line(entity.name)
            label = f"Filter by {name} ({entity.kind})"
            flt = Filter("entity", entity.id, name, entity.kind)
            yield Hit(
                max(matcher.match(label), 0.5),
                matcher.highlight(label),
                partial(self._apply, flt),
                help=f"{plural(entity.mentions, 'mention')} in {plural(entity.docs, 'document')}",
            )

    def _apply(self, flt: Filter) -> None:
        screen = main_screen(self.app)
        if screen is not None:
            screen.post_message(FilterAdded(flt))


_KIND_WORDS = {"person": "a person", "place": "a place", "org": "an organisation"}


class CorrectionCommands(Provider):
    """Corrections of the entities on the filter chips, the same as ``explorer entities``:
    "Make Kabul an organisation", "Split Ismail Khan from Juma Khan", and, from what is typed,
    "rename NEW NAME" -> "Rename Juma Khan to NEW NAME", "merge vocker" -> "Merge Paul Vocker
    into Paul Volcker". Kept beside the index, like the command line's."""

    def _chips(self) -> list[Filter]:
        screen = main_screen(self.app)
        if screen is None or screen.corpus is None:
            return []
        return [f for f in screen.filters if f.kind == "entity"]

    async def discover(self) -> Hits:
        for hit in await self._hits(""):
            yield hit

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for hit in await self._hits(query):
            score = matcher.match(hit.text or "")
            verb = query.strip().split(maxsplit=1)[0].lower() if query.strip() else ""
            if score > 0 or verb in ("rename", "merge"):
                yield Hit(max(score, 0.5), matcher.highlight(hit.text or ""), hit.command,
                          help=hit.help)  # fmt: skip

    async def _hits(self, query: str) -> list[Hit]:
        facts = getattr(self.app, "facts", None)
        if facts is None:
            return []
        verb, _, rest = query.strip().partition(" ")
        rest = " ".join(rest.split())
        out: list[Hit] = []
        for chip in self._chips():
            try:
                entity = await asyncio.to_thread(facts.entity, chip.value)
            except Exception:
                continue
            name = clean_line(entity.name)
            for kind, words in _KIND_WORDS.items():
                if kind != entity.kind:
                    out.append(self._hit(f"Make {name} {words}", "kind", entity.id, kind))
            for alias in entity.aliases:
                if alias.casefold() != entity.name.casefold():  # not "KANDAHAR" of Kandahar
                    text = f"Split {clean_line(alias)} from {name}"
                    out.append(self._hit(text, "split", entity.id, alias))
            if verb.lower() == "rename" and rest:
                out.append(
                    self._hit(f"Rename {name} to {clean_line(rest)}", "rename", entity.id, rest)
                )
            if verb.lower() == "merge" and len(rest) >= 2:
                others = await asyncio.to_thread(facts.find, rest, limit=6)
                for other in others:
                    if other.id != entity.id:
                        text = f"Merge {clean_line(other.name)} ({other.kind}) into {name}"
                        out.append(self._hit(text, "merge", entity.id, str(other.id)))
        return out

    def _hit(self, text: str, op: str, entity: int, value: str) -> Hit:
        return Hit(
            1.0,
            text,
            partial(self._apply, CorrectionRequested(op, entity, value, text)),
            text=text,
            help="A correction of the names, kept beside the index (explorer entities)",
        )

    def _apply(self, message: CorrectionRequested) -> None:
        screen = main_screen(self.app)
        if screen is not None:
            screen.post_message(message)
