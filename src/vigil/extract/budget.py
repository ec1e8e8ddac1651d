"""How much one report may cost: its characters, and the seconds its extraction may take.

A report past ``MAX_CHARS`` is read in part; the model reads the text in chunks of about
``CHUNK_CHARS`` (cut at sentence ends, else at a space) so that a time budget can stop it
between two chunks; stages run only while the budget lasts. Whatever is cut is said in a
warning stored with the report, and the record holds what was found until then.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

# Longest text extraction reads; longer reports are read in part, with a warning.
MAX_CHARS = 200_000
# Longest piece of text given to the model at once. Reports up to this size go to the
# model whole, as they always did; longer ones are cut where a sentence ends.
CHUNK_CHARS = 20_000
# Share of the budget the model may use, so that the stages after it have time left.
MODEL_SHARE = 0.6


class Deadline:
    """A budget of seconds, counted from ``start``; ``None``: never spent.

    One process reading its reports itself counts the CPU seconds it spends
    (``time.process_time``): a report is cut for what it costs, not because the machine is
    busy with other work (on a machine with a load of 15 a 1-page report took 24 s of wall
    time for 5 s of work). When other processes read for it (``n_process`` > 1), wall time
    (``time.monotonic``) is all this process can see of their work."""

    __slots__ = ("at", "clock", "seconds")

    def __init__(self, seconds: float | None, *, wall: bool = False) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.clock = time.monotonic if wall else time.process_time
        self.at: float | None = None

    def start(self) -> None:
        self.at = None if self.seconds is None else self.clock() + self.seconds

    def postpone(self, seconds: float) -> None:
        """Give back ``seconds`` (e.g. spent loading a model once, not on this report)."""
        if self.at is not None:
            self.at += seconds

    def passed(self, share: float = 1.0) -> bool:
        """Whether ``share`` of the budget (counted from ``start``) is spent."""
        if self.at is None or self.seconds is None:
            return False
        return self.clock() > self.at - self.seconds * (1.0 - share)


def cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: after the last space within
    it (a whole word), or at ``limit`` in a text with no space."""
    if len(text) <= limit:
        return len(text)
    space = text.rfind(" ", limit // 2, limit)
    newline = text.rfind("\n", limit // 2, limit)
    at = max(space, newline)
    return at + 1 if at > 0 else limit


def chunks(text: str, sentences: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Consecutive ranges covering ``text``, each about ``size`` characters, ending where
    a sentence ends when one does within the range (one range for a short text)."""
    if len(text) <= size:
        return [(0, len(text))]
    ranges: list[tuple[int, int]] = []
    start = 0
    k = 0
    while start < len(text):
        if len(text) - start <= size:
            ranges.append((start, len(text)))
            break
        limit = start + size
        end = start
        while k < len(sentences) and sentences[k][1] <= limit:
            end = max(end, sentences[k][1])
            k += 1
        if end <= start + size // 4:
            end = start + cut_point(text[start:limit], size)
        ranges.append((start, end))
        start = end
    return ranges
