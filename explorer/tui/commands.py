"""Command palette provider: a fuzzy finder over the corpus's names (ctrl+p, then type)."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from explorer.safe_text import clean_line
from explorer.tui.filters import Filter
from explorer.tui.formatting import plural
from explorer.tui.messages import FilterAdded


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
        from explorer.tui.main_screen import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                screen.post_message(FilterAdded(flt))
