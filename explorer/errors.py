"""Errors a user can cause, as opposed to bugs: the CLI prints them as one line, never a traceback."""


class UsageError(Exception):
    """A bad argument or input the user can fix (exit code 2)."""


class ExplorerError(Exception):
    """The operation failed for a reason outside the user's arguments (exit code 1)."""
