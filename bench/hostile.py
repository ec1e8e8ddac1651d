"""A hostile-input set: the inputs of issues 8, 11 and 14 that crashed, hung or aborted a
batch, plus random bytes under every extension, zip bombs, XXE, invalid UTF-8 and NULs.

    .venv/bin/python bench/hostile.py OUT_DIR [--small]

``make(out, small=False)`` writes every file and returns their paths. ``small`` divides the
big sizes by about 100 (for the test suite); the full set is the one issue 14 measured (a
20 MB text, a 1.4 MB line of names, 1 M "(", 200k dates, 500,000 attributes, 500 nested
e-mails). Nothing here is committed as a file: it is all made from a seed.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

# Every extension a reader takes, some it refuses, and none.
EXTENSIONS = (
    ".txt",
    ".text",
    ".log",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".eml",
    ".pdf",
    ".docx",
    ".zip",
    ".png",
    ".bin",
    "",
)
PROSE = (
    "On 12 March 2021 the journalist Aigerim Tulegenova was detained in Almaty by officers "
    "of the National Security Committee. Her lawyer, Daniyar Adilov, said she was charged "
    "under Article 174 of the Criminal Code. On 3 June 2021 the court sentenced her to "
    "five years in prison. Her brother Nurlan Tulegenov was beaten on 4 June 2021.\n"
)
FIRST = ("Aigerim", "Nurlan", "Daniyar", "Olga", "Ivan", "Maria", "Timur", "Asel", "Bakyt")
LAST = ("Tulegenova", "Adilov", "Petrova", "Ivanov", "Sadykova", "Bekov", "Omarova")
RELATION = ("brother", "sister", "mother", "father", "son", "daughter", "wife", "husband")

Maker = Callable[[random.Random, int], bytes]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def big_text(rng: random.Random, scale: int) -> bytes:
    return (PROSE * (20_000_000 // len(PROSE) // scale)).encode()


def names_line(rng: random.Random, scale: int) -> bytes:
    out: list[str] = []
    size = 0
    while size < 1_400_000 // scale:
        out.append(_name(rng))
        size += len(out[-1]) + 1
    return " ".join(out).encode()


def parens(rng: random.Random, scale: int) -> bytes:
    return b"(" * (1_000_000 // scale)


def dates(rng: random.Random, scale: int) -> bytes:
    months = ("January", "March", "June", "October", "December")
    parts = [
        f"{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(1990, 2024)}"
        for _ in range(200_000 // scale)
    ]
    return ", ".join(parts).encode()


def many_names(rng: random.Random, scale: int) -> bytes:
    lines = [
        f"{_name(rng)} was detained on {rng.randint(1, 28)} May 2020 in Almaty."
        for _ in range(5_000 // max(1, scale // 10))
    ]
    return "\n".join(lines).encode()


def relatives(rng: random.Random, scale: int) -> bytes:
    parts = [
        f"her {rng.choice(RELATION)} {_name(rng)}" for _ in range(5_000 // max(1, scale // 10))
    ]
    return ("Aigerim Tulegenova was arrested with " + ", ".join(parts) + ".").encode()


def attributes(rng: random.Random, scale: int) -> bytes:
    attrs = " ".join(f"a{i}=x" for i in range(500_000 // scale))
    return f"<html><body><p {attrs}>{PROSE}</p></body></html>".encode()


def nested_html(rng: random.Random, scale: int) -> bytes:
    n = 100_000 // scale
    return b"<html><body>" + b"<div>" * n + PROSE.encode() + b"</div>" * n + b"</body></html>"


def nested_mail(rng: random.Random, scale: int) -> bytes:
    depth = 500 if scale < 100 else 60
    msg = b"From: a@example.org\nSubject: inner\n\n" + PROSE.encode()
    for i in range(depth):
        msg = (
            b"From: a@example.org\nTo: b@example.org\nSubject: fwd "
            + str(i).encode()
            + b"\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n"
            + msg
        )
    return msg


def nested_multipart(rng: random.Random, scale: int) -> bytes:
    depth = 500 if scale < 100 else 60
    body = b"Content-Type: text/plain\n\n" + PROSE.encode()
    for i in range(depth):
        b = f"b{i}".encode()
        body = (
            b"Content-Type: multipart/mixed; boundary="
            + b
            + b"\n\n--"
            + b
            + b"\n"
            + body
            + b"\n--"
            + b
            + b"--\n"
        )
    return b"From: a@example.org\nTo: b@example.org\nSubject: deep\nMIME-Version: 1.0\n" + body


def many_parts(rng: random.Random, scale: int) -> bytes:
    n = 10_000 // max(1, scale // 10)
    head = b"From: a@example.org\nTo: b@example.org\nSubject: parts\nMIME-Version: 1.0\n"
    head += b"Content-Type: multipart/mixed; boundary=XX\n\n"
    part = b"--XX\nContent-Type: text/plain\nContent-Disposition: attachment\n\n" + b"x\n"
    return head + part * n + b"--XX--\n"


def _docx(document: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb(rng: random.Random, scale: int) -> bytes:
    return _docx(b"<w:document/>", {"word/bomb.bin": b"\0" * (300_000_000 // scale)})


def zip_bomb_plain(rng: random.Random, scale: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"A" * (300_000_000 // scale))
    return buf.getvalue()


def xxe_docx(rng: random.Random, scale: int) -> bytes:
    return _docx(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<w:document>&x;</w:document>"
    )


def xxe_html(rng: random.Random, scale: int) -> bytes:
    return (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">'
        b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<html><body><p>&x; &b; " + PROSE.encode() + b"</p></body></html>"
    )


def invalid_utf8(rng: random.Random, scale: int) -> bytes:
    return PROSE.encode() + bytes(rng.randrange(128, 256) for _ in range(200)) + PROSE.encode()


def nul_bytes(rng: random.Random, scale: int) -> bytes:
    return PROSE.encode().replace(b" ", b"\0")


def nul_sprinkled(rng: random.Random, scale: int) -> bytes:
    return b"\0".join(PROSE.encode()[i : i + 40] for i in range(0, len(PROSE), 40))


def long_line(rng: random.Random, scale: int) -> bytes:
    return (PROSE.replace("\n", " ") * (200_000 // len(PROSE) + 1))[:200_000].encode()


def no_sentences(rng: random.Random, scale: int) -> bytes:
    return b"\n".join(b"- " + rng.choice(FIRST).encode() for _ in range(500))


def emphasis(rng: random.Random, scale: int) -> bytes:
    return (
        b"# Journalist detained\n\n**Aigerim Tulegenova was sentenced to 5 years**\n\n"
        b"*She was detained on 12 March 2021 in Almaty.*\n\n__Her lawyer appealed.__\n"
    )


def quotes_headlines(rng: random.Random, scale: int) -> bytes:
    return (
        "JOURNALIST AIGERIM TULEGENOVA SENTENCED TO FIVE YEARS\n\n"
        '"On 12 March 2021 Aigerim Tulegenova was detained in Almaty," her lawyer said.\n'
        "\u201cShe was sentenced to five years,\u201d said Daniyar Adilov.\n"
    ).encode()


def spaces(rng: random.Random, scale: int) -> bytes:
    return b"A" + b" " * (2_000_000 // scale) + b"."


def dots(rng: random.Random, scale: int) -> bytes:
    return b"Mr. " * (500_000 // scale)


def capital_letters(rng: random.Random, scale: int) -> bytes:
    return b"A. " * (500_000 // scale)


def broken_pdf(rng: random.Random, scale: int) -> bytes:
    return b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(5000)) + b"\n%%EOF"


def pdf_loop(rng: random.Random, scale: int) -> bytes:
    # Page tree whose kid is itself, and an xref pointing nowhere.
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF"
    )


def html_comments(rng: random.Random, scale: int) -> bytes:
    return b"<html><body>" + b"<!--" * (500_000 // scale) + b"<p>x</p></body></html>"


def unclosed_tags(rng: random.Random, scale: int) -> bytes:
    return b"<html><body>" + b"<p " * (300_000 // scale)


def many_links(rng: random.Random, scale: int) -> bytes:
    n = 50_000 // scale
    links = "".join(f'<a href="/{i}">{_name(rng)}</a> ' for i in range(n))
    return f"<html><body><p>{links}</p></body></html>".encode()


def bidi_controls(rng: random.Random, scale: int) -> bytes:
    return ("\u202e\u2066" + PROSE + "\ufeff\u200b" * 1000).encode()


def utf16_text(rng: random.Random, scale: int) -> bytes:
    return PROSE.encode("utf-16")


def latin1_text(rng: random.Random, scale: int) -> bytes:
    return ("Décision du tribunal: René Müller arrêté à Genève. " * 50).encode("latin-1")


def random_bytes(rng: random.Random, scale: int) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.choice((1, 17, 4096, 65536))))


# name, extension, maker: the kinds of issue 14 (items 7 and 8) and issue 11.
KINDS: tuple[tuple[str, str, Maker], ...] = (
    ("big-text", ".txt", big_text),
    ("names-line", ".txt", names_line),
    ("parens", ".txt", parens),
    ("dates", ".txt", dates),
    ("many-names", ".txt", many_names),
    ("relatives", ".txt", relatives),
    ("attributes", ".html", attributes),
    ("nested-html", ".html", nested_html),
    ("nested-mail", ".eml", nested_mail),
    ("nested-multipart", ".eml", nested_multipart),
    ("many-parts", ".eml", many_parts),
    ("zip-bomb", ".docx", zip_bomb),
    ("zip-bomb", ".zip", zip_bomb_plain),
    ("xxe", ".docx", xxe_docx),
    ("xxe", ".html", xxe_html),
    ("invalid-utf8", ".txt", invalid_utf8),
    ("nul-bytes", ".txt", nul_bytes),
    ("nul-sprinkled", ".md", nul_sprinkled),
    ("long-line", ".txt", long_line),
    ("no-sentences", ".md", no_sentences),
    ("emphasis", ".md", emphasis),
    ("quotes-headlines", ".txt", quotes_headlines),
    ("spaces", ".txt", spaces),
    ("dots", ".txt", dots),
    ("capital-letters", ".txt", capital_letters),
    ("broken-pdf", ".pdf", broken_pdf),
    ("pdf-loop", ".pdf", pdf_loop),
    ("html-comments", ".html", html_comments),
    ("unclosed-tags", ".html", unclosed_tags),
    ("many-links", ".html", many_links),
    ("bidi", ".txt", bidi_controls),
    ("utf16", ".txt", utf16_text),
    ("latin1", ".txt", latin1_text),
)


def make(out: Path, *, small: bool = False, random_per_extension: int = 18) -> list[Path]:
    """Write the set into ``out``: each kind once, then random bytes under every extension
    (and under the kinds' extensions, each kind's bytes under a wrong one)."""
    out.mkdir(parents=True, exist_ok=True)
    scale = 100 if small else 1
    rng = random.Random(14)
    paths: list[Path] = []

    def write(name: str, data: bytes) -> None:
        path = out / name
        path.write_bytes(data)
        paths.append(path)

    for i, (kind, ext, maker) in enumerate(KINDS):
        write(f"{i:03d}-{kind}{ext}", maker(rng, scale))
    if small:
        return paths
    # The small kinds again under a wrong extension (a page saved as .txt, mail as .pdf).
    wrong = (".txt", ".html", ".eml", ".pdf", ".docx", ".md")
    for i, (kind, ext, maker) in enumerate(KINDS):
        if maker in (big_text, zip_bomb, zip_bomb_plain):
            continue
        other = wrong[i % len(wrong)] if wrong[i % len(wrong)] != ext else ".log"
        write(f"w{i:03d}-{kind}{other}", maker(rng, 10))
    for ext in EXTENSIONS:
        label = ext.lstrip(".") or "none"
        for j in range(random_per_extension):
            write(f"r-{label}-{j:02d}{ext}", random_bytes(rng, scale))
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: hostile.py OUT_DIR [--small]")
    made = make(Path(sys.argv[1]), small="--small" in sys.argv[2:])
    print(f"{len(made)} files in {sys.argv[1]}")
