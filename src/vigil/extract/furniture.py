"""Page furniture: headlines, menu items and list labels are lines of a page, not sentences
of the report, so no person, act or charge is read from them.

A line is furniture when it is short and ends without a sentence's punctuation. The text's
last line is the exception: stored pages and excerpts are often cut mid-sentence ("Arizona
reporter Camryn Sanchez was served a restraining ord"), and a sentence cut short is still a
sentence. Only a few words there ("Share this", "Read more") stay furniture.
"""

from __future__ import annotations

import re

_ENDS_SENTENCE = re.compile(r"[.!?”\"’)]$")
_VISIBLE = re.compile(r"\S")
# A cut last line with at least this many words reads as a sentence cut short.
CUT_SENTENCE_WORDS = 5


def line_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the line(s) holding text[start:end]."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, hi if hi >= 0 else len(text)


def is_short_line(text: str, lo: int, hi: int, max_words: int) -> bool:
    """text[lo:hi] (a whole line) is furniture: at most ``max_words`` words and no sentence
    end, unless it is the text's last line cut short."""
    line = text[lo:hi].strip()
    words = len(line.split())
    if words > max_words or _ENDS_SENTENCE.search(line):
        return False
    last = _VISIBLE.search(text, hi) is None  # found at once unless the text ends here
    return not (last and words >= CUT_SENTENCE_WORDS)
