"""Property-based tests: readers never crash on arbitrary input, offsets stay exact,
and no markup survives into HTML text."""

from __future__ import annotations

import codecs
import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigil.errors import InputError
from vigil.sources import read_bytes
from vigil.sources.document import SourceDocument
from vigil.sources.text import read_text
from vigil.sources.webpage import read_html

FAST = settings(max_examples=300, deadline=None)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_text_offsets(doc: SourceDocument) -> None:
    assert doc.encoding is not None
    if any("mojibake" in w for w in doc.warnings):
        return  # repaired text is deliberately not what the bytes decode to
    last = 0
    for s in doc.offsets.segments:
        assert s.text_start >= last
        last = s.text_end
        original = doc.original[s.orig_start : s.orig_end].decode(doc.encoding)
        assert doc.text[s.text_start : s.text_end] == original


@FAST
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "noext", "x.md"]))
def test_arbitrary_bytes_never_crash_the_text_reader(data: bytes, filename: str) -> None:
    try:
        doc = read_text(data, filename)
    except InputError:
        return
    check_text_offsets(doc)
    assert "\r" not in doc.text


@FAST
@given(
    st.text(max_size=300),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1251", "latin-1"]),
)
def test_any_text_in_any_encoding_maps_exactly(text: str, codec: str) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    try:
        doc = read_text(data, "t.txt")
    except InputError:
        return
    check_text_offsets(doc)


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=200))
def test_clean_utf8_text_comes_back_unchanged(text: str) -> None:
    if not text.strip() or text.startswith("\ufeff"):
        return
    doc = read_text(text.encode("utf-8"), "t.txt")
    if not any("mojibake" in w for w in doc.warnings) and doc.url is None:
        assert doc.text == text
        assert doc.offsets.segments[0].orig_start == 0


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_read_bytes(data: bytes) -> None:
    for name in ("a.html", "a.eml", "a.pdf", "a.docx", "a"):
        with contextlib.suppress(InputError):
            read_bytes(data, name)


@SLOW
@given(st.binary(max_size=2000).map(lambda b: b"<html><body>" + b))
def test_arbitrary_bytes_never_crash_the_html_reader(data: bytes) -> None:
    with contextlib.suppress(InputError):
        read_html(data, "a.html")


WORDS = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=40)
HOSTILE_LEAVES = st.sampled_from(
    [
        "<script>alert('x1')</script>",
        "<img src=x onerror=\"alert('x2')\">",
        "<a href=\"javascript:alert('x3')\">link</a>",
        "<iframe src=\"javascript:alert('x4')\"></iframe>",
        "<svg onload=\"alert('x5')\"><script>alert('x6')</script></svg>",
        "<style>body{background:url(javascript:alert('x7'))}</style>",
        '<div onclick="alert(\'x8\')" style="x">',
        "</div></p></script>",
        "<!-- <script>alert('x9')</script> -->",
        "<noscript><img src=x onerror=alert('x10')></noscript>",
        "<textarea><script>alert('x11')</script></textarea>",
        "<object data=\"javascript:alert('x12')\"></object>",
        "<scRipt>alert('x13')</sCript>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<math><mi xlink:href=\"javascript:alert('x14')\">m</mi></math>",
    ]
)


def _tree(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "span", "b", "article", "section", "li", "nav", "td"])
    return st.builds(
        lambda t, kids: f"<{t}>{''.join(kids)}</{t}>", tags, st.lists(children, max_size=4)
    )


HOSTILE_HTML = st.recursive(st.one_of(WORDS, HOSTILE_LEAVES), _tree, max_leaves=25)


@SLOW
@given(HOSTILE_HTML)
def test_hostile_html_never_yields_markup(body: str) -> None:
    data = f"<html><body>{body}</body></html>".encode()
    try:
        doc = read_html(data, "h.html")
    except InputError:
        return
    assert "<" not in doc.text and ">" not in doc.text  # visible text here has none
    for marker in ("alert(", "javascript:", "onerror", "onclick", "onload", "xlink", "src="):
        assert marker not in doc.text


@SLOW
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["div", "span", "table", "b"]))
def test_nesting_any_depth(depth: int, tag: str) -> None:
    html = f"<{tag}>" * depth + "deep words here"
    doc = read_html(f"<html><body>{html}</body></html>".encode(), "n.html")
    assert "deep words here" in doc.text


def test_bom_variants_of_html() -> None:
    page = "<html><body><p>Правозащитник задержан в Москве после акции протеста.</p></body></html>"
    for bom, codec in [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ]:
        doc = read_bytes(bom + page.encode(codec), "p.html")
        assert "Правозащитник задержан" in doc.text, codec


def test_broken_tag_before_script_reads_as_a_browser_shows_it() -> None:
    # "<p<script>" is one tag named "p<script": what follows is visible text in a browser
    # too. No tag survives; the attribute-free body shows as text.
    data = (
        b"<html><body><div><p<script>alert('x')</script> and the report text.</div></body></html>"
    )
    doc = read_html(data, "b.html")
    assert "<" not in doc.text
    assert "report text" in doc.text
