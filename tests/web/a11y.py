"""A small offline accessibility check of rendered HTML (no browser, no network).

Checks what a keyboard or screen-reader user needs most: every form control has a label,
every image has alt text, every interactive element can be reached with Tab, graphics have
a title, the page has a language, one h1 and a skip link to the main content.
"""

from __future__ import annotations

from lxml import html as lxml_html

CONTROLS = ("input", "select", "textarea")
INTERACTIVE = ("a", "button", "input", "select", "textarea", "summary")
NO_LABEL_NEEDED = {"hidden", "submit", "button", "reset", "image"}


def problems(page: str) -> list[str]:
    doc = lxml_html.fromstring(page)
    found: list[str] = []
    labelled = {lab.get("for") for lab in doc.iter("label") if lab.get("for")}
    for el in doc.iter(*CONTROLS):
        if el.tag == "input" and (el.get("type") or "text") in NO_LABEL_NEEDED:
            continue
        wrapped = any(anc.tag == "label" for anc in el.iterancestors())
        named = el.get("aria-label") or el.get("aria-labelledby")
        if not (el.get("id") in labelled or wrapped or named):
            found.append(f"<{el.tag} name={el.get('name')!r}> has no label")
    for img in doc.iter("img"):
        if img.get("alt") is None:
            found.append(f"<img src={img.get('src')!r}> has no alt")
    for el in doc.iter(*INTERACTIVE):
        if el.tag == "input" and el.get("type") == "hidden":
            continue
        if el.tag == "a" and el.get("href") is None:
            found.append("<a> without href cannot be reached by Tab")
        if (el.get("tabindex") or "0").lstrip("-").isdigit() and int(el.get("tabindex") or 0) < 0:
            found.append(f"<{el.tag}> is taken out of the Tab order")
        named = el.text_content().strip() or el.get("aria-label")
        if el.tag in ("a", "button", "summary") and not named:
            found.append(f"<{el.tag}> has no text")
    for svg in doc.iter("svg"):
        if svg.find("title") is None:
            found.append("<svg> has no title")
    root = doc.getroottree().getroot()
    if not root.get("lang"):
        found.append("<html> has no lang")
    if len(list(doc.iter("h1"))) != 1:
        found.append("the page should have exactly one h1")
    if not doc.xpath('//a[@href="#main"]') or not doc.xpath('//*[@id="main"]'):
        found.append("no skip link to #main")
    return found
