"""A linear walk over HTML that keeps the position of every text node.

Built on the standard library's ``html.parser`` (a tokenizer, not a tree builder: no
recursion, so 100,000 nested ``<div>`` cost a list of 100,000 entries and nothing more).
Each visible text node keeps its range in the decoded HTML string; the reader turns those
into byte ranges of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

from vigil.datafiles import read_mapping

_SPACE = re.compile(r"\s+")
_TAG_NAME = re.compile(r"</?[A-Za-z][^\s/>]{0,63}")
_TAG_START = re.compile(r"<(?=/?[A-Za-z])")  # a "<" that _TAG_NAME would match
_TEXT_RUN = re.compile(r">\s*[^<\s]")  # the end of a tag and the text that follows it


@dataclass(frozen=True, slots=True)
class Rules:
    invisible: frozenset[str]
    furniture: frozenset[str]
    furniture_class: re.Pattern[str]
    blocks: frozenset[str]
    void: frozenset[str]
    max_depth_for_trafilatura: int
    max_nodes_for_trafilatura: int
    max_chars_for_trafilatura: int
    max_tag_chars: int
    max_text_runs: int
    published_meta: tuple[str, ...]
    title_meta: tuple[str, ...]


@cache
def rules() -> Rules:
    raw = read_mapping("vigil", "sources", "html_rules", what="reader data file")
    return Rules(
        invisible=frozenset(raw["invisible"]),
        furniture=frozenset(raw["furniture"]),
        furniture_class=re.compile(f"(?:{raw['furniture_class']})", re.IGNORECASE),
        blocks=frozenset(raw["blocks"]),
        void=frozenset(raw["void"]),
        max_depth_for_trafilatura=int(raw["max_depth_for_trafilatura"]),
        max_nodes_for_trafilatura=int(raw["max_nodes_for_trafilatura"]),
        max_chars_for_trafilatura=int(raw["max_chars_for_trafilatura"]),
        max_tag_chars=int(raw["max_tag_chars"]),
        max_text_runs=int(raw["max_text_runs"]),
        published_meta=tuple(str(k).lower() for k in raw["published_meta"]),
        title_meta=tuple(str(k).lower() for k in raw["title_meta"]),
    )


@dataclass(slots=True)
class TextNode:
    """Visible text: ``text`` (entities decoded) read from ``html[start:end]``."""

    text: str
    start: int
    end: int
    block: int  # index of the block (paragraph) the node belongs to
    furniture: bool  # inside nav/header/footer/... or a furniture class
    raw_equal: bool  # html[start:end] == text (no entities): sub-ranges map exactly
    space_before: bool  # whitespace (or a tag holding only whitespace) precedes it


@dataclass(slots=True)
class Page:
    nodes: list[TextNode] = field(default_factory=list)
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # name/property -> content
    lang: str | None = None
    canonical: str | None = None
    times: list[str] = field(default_factory=list)  # <time datetime> values
    max_depth: int = 0


class _Walker(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules()
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.page = Page()
        # Open elements: (tag, invisible, furniture). Counts let an end tag with no open
        # element be ignored in O(1) instead of searching the whole stack.
        self.stack: list[tuple[str, bool, bool]] = []
        self.open_count: dict[str, int] = {}
        self.invisible = 0
        self.furniture = 0
        self.block = 0
        self.in_title = False
        self.title_parts: list[str] = []
        # A text run being gathered: its pieces and where it starts.
        self.pending: tuple[list[str], int] | None = None
        self.gap = False

    # Positions ---------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _flush(self) -> None:
        if self.pending is None:
            return
        pieces, start = self.pending
        self.pending = None
        end = self._offset()
        self._emit("".join(pieces), start, end)

    def _emit(self, text: str, start: int, end: int) -> None:
        if self.in_title:
            self.title_parts.append(text)
            return
        if self.invisible:
            return
        if not text.strip():
            self.gap = True  # whitespace between inline elements still separates words
            return
        space_before = self.gap or text[:1].isspace()
        self.gap = False
        self.page.nodes.append(
            TextNode(
                text=text,
                start=start,
                end=end,
                block=self.block,
                furniture=self.furniture > 0,
                raw_equal=self.html[start:end] == text,
                space_before=space_before,
            )
        )

    # Events ------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self._start(tag, attrs, void=tag in self.rules.void)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self._start(tag, attrs, void=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, void: bool) -> None:
        r = self.rules
        values = {k: (v or "") for k, v in attrs}
        self._metadata(tag, values)
        if tag in r.blocks:
            self.block += 1
        if void:
            return
        invisible = tag in r.invisible
        classes = values.get("class", "") + " " + values.get("id", "")
        furniture = tag in r.furniture or bool(
            classes.strip() and r.furniture_class.search(classes)
        )
        if "hidden" in values or "display:none" in values.get("style", "").replace(" ", ""):
            invisible = True
        self.stack.append((tag, invisible, furniture))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.invisible += invisible
        self.furniture += furniture
        self.page.max_depth = max(self.page.max_depth, len(self.stack))
        if tag == "title" and self.page.title is None and not self.title_parts:
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in self.rules.blocks:
            self.block += 1
        if not self.open_count.get(tag):
            return
        while self.stack:
            name, invisible, furniture = self.stack.pop()
            self.open_count[name] -= 1
            self.invisible -= invisible
            self.furniture -= furniture
            if name == "title" and self.in_title:
                self.in_title = False
                title = _SPACE.sub(" ", "".join(self.title_parts)).strip()
                self.page.title = title or None
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.pending is None:
            self.pending = ([data], self._offset())
        else:
            # html.parser may hand one text run over in pieces; keep them together (in a
            # list: adding to a string was quadratic on a long run of pieces).
            self.pending[0].append(data)

    def handle_comment(self, data: str) -> None:
        self._flush()

    def handle_decl(self, decl: str) -> None:
        self._flush()

    def handle_pi(self, data: str) -> None:
        self._flush()

    def unknown_decl(self, data: str) -> None:
        self._flush()

    def _metadata(self, tag: str, values: dict[str, str]) -> None:
        page = self.page
        if tag == "html" and values.get("lang") and page.lang is None:
            page.lang = values["lang"]
        elif tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and "content" in values:
                page.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            page.canonical = page.canonical or values.get("href") or None
        elif tag == "time" and values.get("datetime"):
            page.times.append(values["datetime"])

    def finish(self) -> Page:
        self.close()
        if self.pending is not None:
            pieces, start = self.pending
            self.pending = None
            self._emit("".join(pieces), start, len(self.html))
        if self.in_title:
            title = _SPACE.sub(" ", "".join(self.title_parts)).strip()
            self.page.title = title or None
        return self.page


def defuse(html: str) -> tuple[str, int]:
    """``html`` with overlong tags cut down, and how many were: same length, same offsets.

    A tag longer than ``max_tag_chars`` keeps its name and ends there, its attributes
    become spaces after it (whitespace runs inside a tag cost html.parser's regular
    expressions memory per character);
    a ``<`` that no ``>`` follows becomes a space (the rest reads as text), however near
    the end it is: html.parser rescans the rest of the page for each one, so a tail of
    ``max_tag_chars`` characters of "<p <p <p" cost it seconds. Only ASCII is
    replaced by ASCII, so every character keeps its length in the original encoding.
    One pass: the position of the next ``>`` is found once and reused, and once there is
    none the rest is done by one regular expression.
    """
    limit = rules().max_tag_chars
    pieces: list[str] = []
    done = 0  # html[:done] is in pieces
    cut = 0
    gt = -1  # position of the next ">" at or after the current "<" (len(html): none)
    i = html.find("<")
    while i >= 0:
        name = _TAG_NAME.match(html, i)
        if name is None:
            i = html.find("<", i + 1)
            continue
        if gt < i:
            gt = html.find(">", i)
            if gt < 0:
                gt = len(html)
        if gt - i <= limit and gt < len(html):
            i = html.find("<", i + 1)
            continue
        pieces.append(html[done:i])
        if gt == len(html):
            # No ">" from here on: every tag from here is never closed, all "<" are text.
            tail, n = _TAG_START.subn(" ", html[i:])
            pieces.append(tail)
            cut += n
            done = len(html)
            break
        cut += 1
        pieces.append(name.group() + ">")
        pieces.append(" " * (gt - name.end()))
        done = gt + 1
        i = html.find("<", gt)
    if not cut:
        return html, 0
    pieces.append(html[done:])
    return "".join(pieces), cut


def cap_text_runs(html: str) -> tuple[str, int]:
    """``html`` up to its ``max_text_runs``-th run of text, and how many runs were left out.

    A run is text between two tags (script and style text counted too: this is a count
    of the markup, before any parsing). html.parser and our walk cost tens of
    microseconds a tag: 50,000 links took 3 to 7 CPU seconds to read (issue 14). The
    page is cut just before the first run over the limit, so offsets stay the
    original's. Runs of tags without text (100,000 nested ``<div>``) are not cut: the
    text after them is read.
    """
    limit = rules().max_text_runs
    cut_at = -1
    count = 0
    for count, m in enumerate(_TEXT_RUN.finditer(html), 1):
        if count == limit + 1:
            cut_at = m.start() + 1
    if cut_at < 0:
        return html, 0
    return html[:cut_at], count - limit


def walk(html: str) -> Page:
    """Every visible text node of ``html`` with its position, and the page's metadata."""
    walker = _Walker(html)
    walker.feed(html)
    return walker.finish()
