"""A text box whose Enter gives the keyboard back at once, before anything else is typed.

Why: Textual routes each key as it arrives to the widget focused *then*, by queueing it there;
only a *priority* binding runs at once. Enter's ``Input.Submitted`` handler used to move the
focus, but by then the keys typed right after Enter ("f, oil, Enter, j, j" in one burst) had
already been queued to the box, which typed them ("oiljj").

So Enter here is a priority binding doing only what decides where the next keys go: the focus
moves to ``leave_to()`` at once (``Screen.set_focus`` is immediate). What reads the text (the
``Submitted`` message) is queued behind the characters still waiting in this box, so it sees
all of them. The list that gets the keys may hold them until its new rows arrive
(``VirtualList.hold``). ``after_typing`` offers the same order to other keys (Esc).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input

__all__ = ["SubmitInput"]


class SubmitInput(Input):
    """An Input that, on Enter, first gives the focus to ``leave_to()`` (None: it keeps it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Submit", show=False, priority=True, id="input.submit",
                tooltip="Apply what was typed and go back to the list"),
    ]  # fmt: skip

    def __init__(
        self, *args: Any, leave_to: Callable[[], Widget | None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.leave_to = leave_to

    async def action_submit(self) -> None:
        target = self.leave_to() if self.leave_to is not None else None
        if target is not None:
            self.screen.set_focus(target)
        self.after_typing(self._submit)

    async def _submit(self) -> None:
        await super().action_submit()

    def after_typing(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` once the keys already sent to this box are typed."""
        self.call_later(callback)
