"""HTML reader: main text, furniture dropped, offsets into the bytes, metadata, hostility."""

from __future__ import annotations

import dataclasses

import pytest

from vigil.errors import EmptyInput
from vigil.sources import htmlwalk, read_bytes, webpage
from vigil.sources.document import SourceDocument
from vigil.sources.htmlwalk import defuse

ARTICLE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Blogger detained | Example News</title>
<meta property="og:title" content="Blogger detained in Minsk">
<meta property="article:published_time" content="2021-03-04T10:15:00+00:00">
<link rel="canonical" href="https://news.example.org/blogger-detained">
<style>p { color: red }</style>
<script>var tracking = "<p>not text</p>";</script>
</head><body>
<nav class="main-menu"><a href="/">Home</a> <a href="/world">World</a></nav>
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<article>
<h1>Blogger detained in Minsk</h1>
<p>Ivan <b>Petrov</b>, a blogger from Minsk, was &laquo;detained&raquo; on 3 March by
police officers who searched his flat and seized his laptop and phones.</p>
<p>His lawyer said he was charged with organising mass disorder under article 293 of
the Criminal Code, which carries a prison term of up to fifteen years.</p>
<p>Human rights groups called for his immediate release and for the charges to be dropped.</p>
</article>
<div class="share-buttons"><a href="#">Share on Facebook</a></div>
<footer>Copyright 2021 Example News. All rights reserved.</footer>
</body></html>
"""


def exact_segments_match(doc: SourceDocument) -> int:
    """Count segments whose bytes decode to exactly their text (nodes without entities)."""
    assert doc.encoding is not None
    hits = 0
    for s in doc.offsets.segments:
        if doc.text[s.text_start : s.text_end] == doc.original[s.orig_start : s.orig_end].decode(
            doc.encoding
        ):
            hits += 1
    return hits


def test_main_text_without_furniture() -> None:
    doc = read_bytes(ARTICLE.encode(), "a.html")
    assert doc.reader == "html.v1"
    assert "Ivan Petrov, a blogger from Minsk" in doc.text
    assert "«detained»" in doc.text
    assert "article 293" in doc.text
    for junk in ("Home", "cookies", "Share on Facebook", "Copyright", "tracking", "color"):
        assert junk not in doc.text


def test_metadata() -> None:
    doc = read_bytes(ARTICLE.encode(), "a.html")
    assert doc.title == "Blogger detained in Minsk"
    assert doc.published == "2021-03-04T10:15:00+00:00"
    assert doc.url == "https://news.example.org/blogger-detained"
    assert doc.language == "en"
    assert doc.encoding == "utf-8"


def test_offsets_point_at_the_words_in_the_bytes() -> None:
    data = ARTICLE.encode()
    doc = read_bytes(data, "a.html")
    assert exact_segments_match(doc) >= 3
    at = doc.text.index("article 293")
    span = doc.offsets.to_original(at, at + len("article 293"))
    assert span is not None
    assert data[span[0] : span[1]] == b"article 293"
    # An entity-decoded node maps to its whole node, which holds the entity.
    at = doc.text.index("«detained»")
    span = doc.offsets.to_original(at, at + 10)
    assert span is not None
    assert b"&laquo;detained&raquo;" in data[span[0] - 30 : span[1] + 30]


def test_title_falls_back_to_title_tag_and_lang_to_detection() -> None:
    html = (
        "<html><head><title>Журналист задержан</title></head><body><p>"
        + "Журналист был задержан полицией в Минске после того, как он освещал протест. " * 5
        + "</p></body></html>"
    )
    doc = read_bytes(html.encode(), "r.html")
    assert doc.title == "Журналист задержан"
    assert doc.language == "ru"


def test_time_element_gives_the_date() -> None:
    html = (
        "<html><body><article><time datetime='2019-07-05'>5 July</time><p>"
        + "The activist was sentenced to five years in prison on charges of extremism. " * 4
        + "</p></article></body></html>"
    )
    assert read_bytes(html.encode(), "t.html").published == "2019-07-05"


def test_wrong_meta_charset_does_not_make_mojibake() -> None:
    body = "Правозащитник Иван Петров был задержан полицией в Москве, сообщил его адвокат. " * 3
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{body}</p></body></html>'
    doc = read_bytes(html.encode("utf-8"), "wrong.html")
    assert "Правозащитник Иван Петров" in doc.text
    assert doc.encoding == "utf-8"
    assert any("declared cp1251 was wrong" in w for w in doc.warnings)


def test_cp1251_page_with_its_meta_charset() -> None:
    body = "Правозащитник Иван Петров был задержан полицией в Москве, сообщил его адвокат. " * 3
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    html = f"<html><head>{meta}</head><body><p>{body}</p></body></html>"
    data = html.encode("cp1251")
    doc = read_bytes(data, "ru.html")
    assert "Правозащитник Иван Петров" in doc.text
    assert doc.encoding == "cp1251"
    assert exact_segments_match(doc) >= 1


def test_fallback_walk_drops_furniture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "_trafilatura_lines", lambda html, warnings: ([], None))
    doc = read_bytes(ARTICLE.encode(), "a.html")
    assert "Ivan Petrov, a blogger" in doc.text
    assert "Blogger detained in Minsk" in doc.text
    for junk in ("Home", "cookies", "Share on Facebook", "Copyright", "tracking"):
        assert junk not in doc.text
    assert exact_segments_match(doc) >= 3


def test_hostile_markup_never_reaches_the_text() -> None:
    html = """<html><body><article>
    <p>The activist <img src=x onerror="alert(1)">was detained; see
    <a href="javascript:alert(2)">the appeal</a> for details of the case against him.</p>
    <script>document.write('<script>alert(3)</scr' + 'ipt>')</script>
    <p onclick="steal()">Police searched his home and seized his computers and notes.</p>
    <svg><script>alert(4)</script></svg><iframe src="javascript:alert(5)"></iframe>
    <p>The page shows the literal text &lt;script&gt; in a sentence about code.</p>
    </article></body></html>"""
    doc = read_bytes(html.encode(), "h.html")
    assert "activist" in doc.text and "seized" in doc.text
    for markup in ("alert(", "onerror", "javascript:", "onclick", "<img", "<a ", "<svg"):
        assert markup not in doc.text
    # The only "<script>" left is the one that was visible text.
    assert doc.text.count("<script") == 1
    assert "literal text <script> in a sentence" in doc.text


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deep_nesting_does_not_recurse(depth: int) -> None:
    html = b"<html><body>" + b"<div>" * depth + b"Deeply buried text." + b"</div>" * depth
    doc = read_bytes(html + b"</body></html>", "deep.html")
    assert doc.text == "Deeply buried text."
    assert any("nested" in w for w in doc.warnings)


def test_unclosed_and_stray_tags_are_linear() -> None:
    html = b"<html><body>" + b"</span>" * 50_000 + b"<p>Still here." + b"<b><i>" * 20_000
    doc = read_bytes(html, "broken.html")
    assert "Still here." in doc.text


def test_no_visible_text_is_empty() -> None:
    with pytest.raises(EmptyInput):
        read_bytes(b"<html><head><script>x()</script></head><body> </body></html>", "e.html")


def test_tables_lists_and_json_ld_date() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "datePublished": "2022-11-18T09:00:00+06:00"}</script></head>
    <body><article><h1>Activist sentenced to five years in Almaty</h1>
    <p>The Almaty City Court sentenced civil activist Marat Zhylanbayev to five years in prison
    on charges of participation in an extremist organisation, his lawyers said on Friday.</p>
    <ul><li>Detained: 21 May 2022</li><li>Charged: Article 405</li></ul>
    <table><tr><th>Date</th><th>Event</th></tr><tr><td>21 May</td><td>Arrest in Astana</td></tr>
    </table><p>Rights groups called the verdict politically motivated and demanded release.</p>
    </article></body></html>"""
    data = html.encode()
    doc = read_bytes(data, "t.html")
    assert doc.published == "2022-11-18T09:00:00+06:00"
    assert "Detained: 21 May 2022" in doc.text
    assert "21 May | Arrest in Astana" in doc.text
    assert "---" not in doc.text
    assert not any("not found" in w for w in doc.warnings)
    at = doc.text.index("Arrest in Astana")
    span = doc.offsets.to_original(at, at + 16)
    assert span is not None and data[span[0] : span[1]] == b"Arrest in Astana"


def test_wrong_legacy_meta_charset_is_overruled() -> None:
    body = "Правозащитник Иван Петров был задержан полицией в Москве, сообщил его адвокат. " * 3
    html = f'<html><head><meta charset="windows-1252"></head><body><p>{body}</p></body></html>'
    doc = read_bytes(html.encode("cp1251"), "wrong.html")
    assert "Правозащитник Иван Петров" in doc.text
    assert any("declared cp1252 was wrong" in w for w in doc.warnings)


def test_many_nodes_skip_trafilatura_but_stay_linear() -> None:
    html = b"<html><body>" + b"<p>Word and more words.</p>" * 25_000 + b"</body></html>"
    doc = read_bytes(html, "many.html")
    assert any("text nodes" in w for w in doc.warnings)
    assert doc.text.count("Word and more words.") == 25_000


def test_overlong_tags_are_cut_keeping_length_and_text() -> None:
    # 500,000 attributes on one tag took lxml minutes (issue 14); "<p <p <p" with no ">"
    # made html.parser rescan the rest of the page for every "<".
    attrs = " ".join(f"a{i}=x" for i in range(3000))
    html = f"<html><body><p {attrs}>The activist was detained.</p></body></html>"
    cut, n = defuse(html)
    assert n == 1 and len(cut) == len(html)
    assert cut.startswith("<html><body><p>") and "a1=x" not in cut
    doc = read_bytes(html.encode(), "attrs.html")
    assert doc.text == "The activist was detained."
    [seg] = doc.offsets.segments
    assert html.encode()[seg.orig_start : seg.orig_end] == b"The activist was detained."
    assert any("overlong" in w for w in doc.warnings)


def test_a_tag_never_closed_reads_as_text() -> None:
    html = "<html><body><p>Detained in Minsk.</p>" + "<p " * 5000
    cut, n = defuse(html)
    # Every "<" with more than max_tag_chars after it and no ">" is text; the tail is short.
    assert n > 2000 and len(cut) == len(html) and "<p " not in cut[40:6000]
    assert defuse("<p>short</p>") == ("<p>short</p>", 0)
    doc = read_bytes(html.encode(), "open.html")
    assert doc.text.startswith("Detained in Minsk.")


def test_unclosed_tags_near_the_end_are_text_too() -> None:
    # The last max_tag_chars characters of "<p <p <p" were left to html.parser, which
    # rescanned the rest of the page for each "<" (6 CPU s on the hostile set's file).
    html = "<html><body><p>Detained.</p>" + "<p " * 500
    cut, n = defuse(html)
    assert n == 500 and "<" not in cut[len("<html><body><p>Detained.</p>") :]


def test_only_the_first_max_text_runs_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # 50,000 links took 3 to 7 CPU s in html.parser and our walk (issue 14): the page is
    # cut before parsing at the first run of text over the limit, and the document says so.
    few = dataclasses.replace(htmlwalk.rules(), max_text_runs=12)
    monkeypatch.setattr(htmlwalk, "rules", lambda: few)
    monkeypatch.setattr(webpage, "rules", lambda: few)
    links = " ".join(f'<a href="/{i}">Name{i}</a>' for i in range(30))
    html = f"<html><body><p>Detained in Minsk. {links}</p></body></html>"
    doc = read_bytes(html.encode(), "links.html")
    # Runs: the sentence and the 30 names (whitespace between tags is not a run).
    assert doc.text.endswith("Name9 Name10") and "Name11" not in doc.text
    assert doc.text.startswith("Detained in Minsk.")
    warning = "only the first 12 runs of text between tags were read; 19 more were left out"
    assert warning in doc.warnings
    tags_only = "<div>" * 100 + "Buried." + "</div>" * 100
    assert htmlwalk.cap_text_runs(tags_only) == (tags_only, 0)
