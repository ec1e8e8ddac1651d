"""HTML reader: the main text of a page, each paragraph mapped to bytes of the original.

trafilatura decides WHAT the main text is; our own walk (:mod:`htmlwalk`) knows WHERE every
text node is. Each trafilatura paragraph is found among the walk's nodes (comparing text
with all whitespace removed) and its pieces map to the nodes' byte ranges. Paragraphs that
cannot be found are left out, so the text only ever holds visible text of the page, never
markup. When trafilatura finds nothing (or the page is nested too deep for it), the walk's
own text without navigation, menus, footers and the like is used.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from vigil.errors import EmptyInput, UnreadableInput
from vigil.sources.decoding import Decoded, charset_of, decode
from vigil.sources.document import SourceDocument, join_mapped
from vigil.sources.htmlwalk import Page, TextNode, cap_text_runs, defuse, rules, walk
from vigil.sources.language import detect_language
from vigil.sources.registry import register
from vigil.sources.sniff import is_html

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_ISO_PREFIX = re.compile(
    r"\d{4}-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?"
)
# schema.org metadata in JSON-LD (<script type="application/ld+json">).
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_LANG = re.compile(r"([A-Za-z]{2,3})(?:[-_].*)?")
PARAGRAPH_SEP = "\n\n"
CELL_SEP = " | "  # between the cells of a table row
_TABLE_RULE = re.compile(r"\|?(\s*:?-+:?\s*\|)+\s*")


@dataclass(slots=True)
class _Para:
    text: str
    # (text_start, text_end, byte_start, byte_end), text positions relative to ``text``
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)


def meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _node_bytes(
    html: str, nodes: list[TextNode], encode: Callable[[str], bytes], base: int
) -> list[tuple[int, int]]:
    """Byte range of every node, computed in one pass over the decoded HTML."""
    out: list[tuple[int, int]] = []
    char, byte = 0, base
    for node in nodes:
        byte += len(encode(html[char : node.start]))
        start = byte
        byte += len(encode(html[node.start : node.end]))
        out.append((start, byte))
        char = node.end
    return out


class _Aligner:
    """Finds paragraphs of extracted text among the page's text nodes."""

    def __init__(
        self,
        html: str,
        nodes: list[TextNode],
        spans: list[tuple[int, int]],
        encode: Callable[[str], bytes],
    ) -> None:
        self.html = html
        self.nodes = nodes
        self.spans = spans
        self.encode = encode
        squeezed = ["".join(n.text.split()) for n in nodes]
        self.starts: list[int] = []
        pos = 0
        for sq in squeezed:
            self.starts.append(pos)
            pos += len(sq)
        self.flat = "".join(squeezed)
        self.cursor = 0

    def find(self, line: str) -> _Para | None:
        text = line.strip()
        if text.startswith("|") and text.endswith("|"):
            return self._row(text)
        sq = "".join(text.split())
        if not sq:
            return None
        at = self.flat.find(sq, self.cursor)
        if at < 0:
            at = self.flat.find(sq)
        if at < 0 and text[:2] in ("- ", "* ", "# "):
            return self.find(text[2:])
        if at < 0:
            return None
        self.cursor = at + len(sq)
        return self._pieces(text, at, at + len(sq))

    def _row(self, text: str) -> _Para | None:
        """A table row as trafilatura writes it ("| a | b |"): cells found one by one."""
        cells = [c.strip() for c in text.strip("|").split("|")]
        row = _Para("")
        for cell in cells:
            found = self.find(cell) if cell else None
            if found is None:
                continue
            if row.text:
                row.text += CELL_SEP
            shift = len(row.text)
            row.text += found.text
            row.pieces += [(a + shift, b + shift, c, d) for a, b, c, d in found.pieces]
        return row if row.text else None

    def _pieces(self, text: str, f0: int, f1: int) -> _Para:
        nonws = [i for i, c in enumerate(text) if not c.isspace()]
        para = _Para(text)
        k = bisect_right(self.starts, f0) - 1
        while k < len(self.nodes) and self.starts[k] < f1:
            ns = self.starts[k]
            node = self.nodes[k]
            node_len = len(node.text) - sum(1 for c in node.text if c.isspace())
            a, b = max(f0, ns), min(f1, ns + node_len)
            if b > a:
                t_lo, t_hi = nonws[a - f0], nonws[b - 1 - f0] + 1
                para.pieces.append((t_lo, t_hi, *self._bytes(node, k, a - ns, b - ns)))
            k += 1
        return para

    def _bytes(self, node: TextNode, k: int, lo: int, hi: int) -> tuple[int, int]:
        """Bytes of the node's non-whitespace characters ``lo..hi`` (exact when possible)."""
        b_start, b_end = self.spans[k]
        if not node.raw_equal:
            return b_start, b_end  # entities decoded: the whole node's range
        nonws = [i for i, c in enumerate(node.text) if not c.isspace()]
        c_lo, c_hi = nonws[lo], nonws[hi - 1] + 1
        start = b_start + len(self.encode(node.text[:c_lo]))
        return start, start + len(self.encode(node.text[c_lo:c_hi]))


def _trafilatura_lines(html: str, warnings: list[str]) -> tuple[list[str], str | None]:
    """Main-text lines and date according to trafilatura ([] when it finds nothing)."""
    try:
        import trafilatura

        result = trafilatura.bare_extraction(
            html,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura/lxml on hostile input: fall back to our walk
        log.debug("trafilatura failed: %s", type(exc).__name__)
        warnings.append("main-text extraction failed; used the page's text without furniture")
        return [], None
    if result is None:
        return [], None
    text = getattr(result, "text", None) or ""
    date = getattr(result, "date", None)
    return [ln for ln in text.split("\n") if ln.strip()], date if isinstance(date, str) else None


def _fallback(
    nodes: list[TextNode], spans: list[tuple[int, int]], encode: Callable[[str], bytes]
) -> list[_Para]:
    """Paragraphs from our own walk: visible text outside page furniture, block by block.

    Each paragraph's text is gathered as a list of parts and joined once: adding to a
    string node by node was quadratic (a 50,000-link paragraph took seconds).
    """
    paras: list[_Para] = []
    parts: list[str] = []
    current: _Para | None = None
    length = 0
    block = -1
    trailing_space = False
    for node, (b0, b1) in zip(nodes, spans, strict=True):
        if node.furniture:
            continue
        if current is None or node.block != block:
            if current is not None:
                current.text = "".join(parts)
            current, parts, length = _Para(""), [], 0
            paras.append(current)
            block = node.block
        piece = " ".join(node.text.split())
        if not piece:
            continue
        if length and (node.space_before or trailing_space):
            parts.append(" ")
            length += 1
        trailing_space = node.text[-1:].isspace()
        t0 = length
        parts.append(piece)
        length += len(piece)
        if node.raw_equal and piece == node.text.strip():
            lead = len(node.text) - len(node.text.lstrip())
            s0 = b0 + len(encode(node.text[:lead]))
            current.pieces.append((t0, length, s0, s0 + len(encode(piece))))
        else:
            current.pieces.append((t0, length, b0, b1))
    if current is not None:
        current.text = "".join(parts)
    return [p for p in paras if p.text.strip()]


def _published(page: Page, html: str, trafilatura_date: str | None) -> str | None:
    candidates = [page.meta.get(k) for k in rules().published_meta]
    ld = _LD_DATE.search(html)
    candidates.append(ld.group(1) if ld else None)
    candidates += page.times
    candidates.append(trafilatura_date)
    for value in candidates:
        if value:
            m = _ISO_PREFIX.match(value.strip())
            if m:
                return m.group().replace(" ", "T", 1)
    return None


def _title(page: Page) -> str | None:
    for key in rules().title_meta:
        value = " ".join(page.meta.get(key, "").split())
        if value:
            return value
    return page.title


def _language(page: Page, text: str) -> str | None:
    if page.lang:
        m = _LANG.fullmatch(page.lang.strip())
        if m and len(m.group(1)) == 2:
            return m.group(1).lower()
    return detect_language(text)


def _decode_html(data: bytes, filename: str, media_type: str | None) -> Decoded:
    if not data.strip():
        raise EmptyInput("empty input", subject=filename)
    declared = meta_charset(data) or charset_of(media_type)
    return decode(data, declared=declared, subject=filename)


@register(
    "html.v1",
    media_types=("text/html", "application/xhtml+xml"),
    extensions=(".html", ".htm", ".xhtml"),
    sniff=is_html,
)
def read_html(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    """Read an HTML page: its main text, title, date, language, canonical URL."""
    decoded = _decode_html(data, filename, media_type)
    warnings = list(decoded.warnings)
    html, cut = defuse(decoded.text)
    if cut:
        warnings.append(f"{cut} overlong or unclosed tags were cut before reading")
    html, left_out = cap_text_runs(html)
    if left_out:
        warnings.append(
            f"only the first {rules().max_text_runs:,} runs of text between tags were "
            f"read; {left_out:,} more were left out"
        )
    page = walk(html)
    spans = _node_bytes(html, page.nodes, decoded.encode, decoded.start)

    lines: list[str] = []
    date: str | None = None
    limits = rules()
    if page.max_depth > limits.max_depth_for_trafilatura:
        warnings.append(f"markup nested {page.max_depth} levels deep; main-text extraction skipped")
    elif len(page.nodes) > limits.max_nodes_for_trafilatura:
        warnings.append(f"{len(page.nodes)} text nodes; main-text extraction skipped")
    elif len(html) > limits.max_chars_for_trafilatura:
        warnings.append(f"{len(html):,} characters of HTML; main-text extraction skipped")
    else:
        lines, date = _trafilatura_lines(html, warnings)
    paras: list[_Para] = []
    if lines:
        aligner = _Aligner(html, page.nodes, spans, decoded.encode)
        found = [aligner.find(line) for line in lines if not _TABLE_RULE.fullmatch(line)]
        paras = [p for p in found if p is not None]
        missed = len(found) - len(paras)
        if missed:
            warnings.append(
                f"{missed} of {len(found)} extracted paragraphs not found in the page; left out"
            )
    if not paras:
        paras = _fallback(page.nodes, spans, decoded.encode)
    if not paras:
        if not page.nodes:
            raise EmptyInput("no visible text in the HTML", subject=filename)
        raise UnreadableInput("no main text found in the HTML", subject=filename)

    text, offsets = join_mapped(((p.text, p.pieces) for p in paras), PARAGRAPH_SEP)
    return SourceDocument(
        original=data,
        filename=filename,
        media_type="text/html",
        text=text,
        offsets=offsets,
        reader="html.v1",
        title=_title(page),
        published=_published(page, html, date),
        url=page.canonical or page.meta.get("og:url") or None,
        language=_language(page, text),
        encoding=decoded.encoding,
        warnings=warnings,
    )
