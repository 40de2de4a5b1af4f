"""The app's safe text: see ``explorer.safe_text`` (shared with the command line)."""

from explorer.safe_text import clean, clean_line, literal

__all__ = ["clean", "clean_line", "literal"]
