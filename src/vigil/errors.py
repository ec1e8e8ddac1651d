"""Every error Vigil reports to a user has a code and names what it is about.

Codes are stable (documentation and scripts may refer to them); the message is one line.
"""

from __future__ import annotations


class VigilError(Exception):
    """Base of every error Vigil raises on purpose. ``str(err)`` is the one-line message."""

    code = "E000"

    def __init__(self, message: str, *, subject: str | None = None) -> None:
        self.message = message
        self.subject = subject
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.subject}: " if self.subject else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(VigilError):
    """An input (file, stream, argument) cannot be read as a report. ``subject`` is the file."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class TooLarge(InputError):
    code = "E102"


class UnsupportedFormat(InputError):
    code = "E103"


class UnreadableInput(InputError):
    """Damaged, encrypted, image-only or binary content where text was expected."""

    code = "E104"


class NotFound(VigilError):
    code = "E200"


class ConfigError(VigilError):
    code = "E300"


class StorageError(VigilError):
    code = "E400"


class Conflict(VigilError):
    """Someone else changed the thing first (another reviewer, a new extraction run);
    nothing was saved. The web answers 409."""

    code = "E700"
