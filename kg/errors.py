"""The exceptions govkg raises, in one place.

Every error a user can cause derives from :class:`KgError`; the CLI turns
each into a one-line message and an exit code (see :data:`EXIT_CODES`).
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "InputError",
    "ValidationError",
    "QueryError",
    "StoreError",
    "EXIT_OK",
    "EXIT_INVALID",
    "EXIT_BAD_INPUT",
]

EXIT_OK = 0
EXIT_INVALID = 1  # the graph failed SHACL validation
EXIT_BAD_INPUT = 2  # bad input file, bad usage or a malformed query


class KgError(Exception):
    """Base of every error govkg raises on purpose."""

    exit_code = EXIT_BAD_INPUT


class InputError(KgError):
    """An input file is missing, unreadable, binary, empty, too large or undecodable.

    ``path`` names the file so that the message can say which one failed.
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ValidationError(KgError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = EXIT_INVALID


class QueryError(KgError):
    """A SPARQL query is malformed, unknown, or given bad parameters."""


class StoreError(KgError):
    """A persistent store cannot be opened or written."""
