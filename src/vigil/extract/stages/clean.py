"""cleaning.v1: blank page noise and control characters, split sentences, check language.

Noise is replaced by spaces of the same length so that every later offset is an offset
into the text the caller gave.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from vigil.extract.context import Context
from vigil.extract.data import load
from vigil.extract.dates import short_months
from vigil.extract.languages import DEFAULT, entry_for
from vigil.extract.registry import stage

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b]")
_WORD = re.compile(r"[^\W\d_]+")
# Markdown emphasis around words ("**sentenced to 5 years**", "__Ivan__", "*in absentia*"):
# the marks are blanked and the words read (a line starting "**" is no list bullet).
_EMPHASIS = re.compile(
    # the words hold no mark of their own, so a failed match stops at the next mark
    r"(?P<m>\*\*|__)(?=[^\s*_])(?P<t>[^*_\n]{0,2000}?)(?<=[^\s*_])(?P=m)"
    r"|(?<![\w*])(?P<s>\*)(?=[^\s*])(?P<u>[^*\n]{0,2000}?)(?<=[^\s*])\*(?![\w*])"
)
# A run of one punctuation mark ("((((", "-----"): the model's tokenizer splits such a run
# one character at a time, each split copying the rest (1 M "(" took minutes, issue 14).
# The first three are kept, the rest blanked.
_RUN = re.compile(r"([^\w\s])\1{15,}")
# A sentence ends at . ! ? (and closing quotes/brackets) before a space and a capital,
# digit, quote or dash, or at a line break.
_SENT_END = re.compile(
    r"(?<=[.!?])(?P<close>[\"'”’»)\]]*)[ \t]+(?=[\"“‘«(\[]?[A-Z0-9\u0400-\u04ff])|\n+"
)


@cache
def _abbreviation() -> re.Pattern[str]:
    """Words after which a full stop does not end a sentence: abbreviations (noise.yaml),
    short month names (dates.yaml), single capitals."""
    months = [m.capitalize() for m in short_months()]
    words = [*load("noise")["abbreviations"], *months]
    alternatives = "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{alternatives})|\b[A-Z])\.$")


@cache
def _noise() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("noise")
    lines = re.compile(r"(?:" + "|".join(data["lines"]) + r")", re.IGNORECASE)
    return lines, re.compile(data["header"], re.MULTILINE)


def clean_text(text: str) -> str:
    """``text`` with noise lines and control characters blanked (same length)."""
    noise, header = _noise()
    out = _CONTROL.sub(" ", text)
    out = _RUN.sub(lambda m: m.group()[:3] + " " * (len(m.group()) - 3), out)
    if "*" in out or "__" in out:
        out = _EMPHASIS.sub(_unmarked, out)
    # A raw file's metadata header (only at the very top).
    head_end = 0
    for m in header.finditer(out):
        if out[head_end : m.start()].strip():
            break
        head_end = m.end()
    if head_end:
        out = " " * head_end + out[head_end:]
    lines = out.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip(" \t-*•|>")
        if stripped and len(stripped) < 160 and noise.fullmatch(stripped):
            lines[i] = " " * len(line)
    return _unwrapped(lines)


# A hard-wrapped text (wire copy, mailing lists, plain-text e-mail) breaks its sentences
# at a fixed width: a long line running on into a line that starts in lower case.
_WRAPPED_MIN = 3
_RUNS_ON = re.compile(r"[^.!?:;]\s*$")


def _unwrapped(lines: list[str]) -> str:
    """The lines joined back into text, each line break inside a paragraph of a
    hard-wrapped text read as a space (the same length)."""
    if len(lines) < 4:
        return "\n".join(lines)
    runs_on = sum(
        1
        for a, b in itertools.pairwise(lines)
        if len(a.strip()) >= 40 and b[:1].islower() and _RUNS_ON.search(a)
    )
    if runs_on < _WRAPPED_MIN:
        return "\n".join(lines)
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = widths[int(len(widths) * 0.9)]
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 < len(lines):
            wrapped = lines[i + 1].strip() and len(line.rstrip()) >= width * 0.7
            out.append(" " if wrapped else "\n")
    return "".join(out)


def _unmarked(m: re.Match[str]) -> str:
    mark = m.group("m") or m.group("s")
    words = m.group("t") if m.group("m") else m.group("u")
    return " " * len(mark) + words + " " * len(mark)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (trimmed of surrounding whitespace)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        inline = m.group().startswith((" ", "\t")) or m.group()[0] in "\"'”’»)]"
        if inline and _abbreviation().search(text[max(start, m.start() - 12) : m.start()]):
            continue
        _add(text, start, m.start() + len(m.group("close") or ""), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def looks_english(text: str) -> bool | None:
    """True/False when the text is long enough to tell, else None."""
    data = load("language")
    words = _WORD.findall(text[:20000].lower())
    if len(words) < int(data["min_words"]):
        return None
    common = set(data["english_words"])
    share = sum(1 for w in words if w in common) / len(words)
    return share >= float(data["min_share"])


@stage("cleaning.v1", order=10, needs_doc=False)
def clean(ctx: Context) -> None:
    ctx.clean = clean_text(ctx.text)
    ctx.sentences = split_sentences(ctx.clean)
    if not ctx.sentences:
        ctx.warnings.append("the report holds no sentences to extract from")
    ent, warning = entry_for(ctx.language, ctx.clean)
    ctx.reading = ent.code
    if ent.code != DEFAULT and not ctx.language:
        ctx.language = ent.code
    if warning:
        ctx.warnings.append(warning)
    elif ent.code == DEFAULT and looks_english(ctx.clean) is False:
        ctx.warnings.append(
            "the report does not look like English; extraction is English-only for now"
        )
