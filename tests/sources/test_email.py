from __future__ import annotations

import io
from email.message import EmailMessage

import docx
import pytest

from vigil.errors import UnreadableInput
from vigil.sources import read_bytes
from vigil.sources.mail import MAX_ATTACHMENTS, MAX_PARTS


def make_docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def message(body: str, **kw: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "monitor@example.org"
    msg["To"] = "desk@example.org"
    msg["Subject"] = "Urgent appeal: journalist detained"
    msg["Date"] = "Thu, 04 Mar 2021 10:00:00 +0000"
    msg.set_content(body, **kw)  # type: ignore[arg-type]
    return msg


def test_text_body_with_docx_attachment() -> None:
    msg = message("Dear colleagues,\nThe journalist Ivan Petrov was detained in Minsk.\n")
    msg.add_attachment(
        make_docx("Lawyer Anna Ivanova was arrested in Almaty."),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="appeal.docx",
    )
    raw = msg.as_bytes()
    doc = read_bytes(raw, "appeal.eml")
    assert doc.reader == "email.v1"
    assert doc.media_type == "message/rfc822"
    assert doc.title == "Urgent appeal: journalist detained"
    assert doc.published == "2021-03-04"
    assert doc.text == "Dear colleagues,\nThe journalist Ivan Petrov was detained in Minsk.\n"
    # Not transfer-encoded: offsets point at the words in the raw message.
    at = doc.text.index("Ivan Petrov")
    span = doc.offsets.to_original(at, at + 11)
    assert span is not None and raw[span[0] : span[1]] == b"Ivan Petrov"
    [child] = doc.children
    assert child.reader == "docx.v1"
    assert child.filename == "appeal.docx"
    assert child.text == "Lawyer Anna Ivanova was arrested in Almaty."
    assert child.original.startswith(b"PK")


def test_unsupported_attachment_is_a_warning() -> None:
    msg = message("The activist was released on bail after two weeks in detention.\n")
    msg.add_attachment(
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, maintype="image", subtype="png", filename="p.png"
    )
    msg.add_attachment(b"", maintype="application", subtype="octet-stream", filename="empty.bin")
    doc = read_bytes(msg.as_bytes(), "m.eml")
    assert doc.children == []
    assert any("'p.png' skipped: unsupported format: PNG image" in w for w in doc.warnings)


def test_base64_body_maps_to_the_body_part() -> None:
    body = "Журналист был задержан полицией в Москве, сообщил его адвокат.\n"
    raw = message(body, charset="utf-8", cte="base64").as_bytes()
    doc = read_bytes(raw, "ru.eml")
    assert doc.text == body
    [seg] = doc.offsets.segments
    assert (seg.text_start, seg.text_end) == (0, len(body))
    assert raw[seg.orig_start : seg.orig_end].strip().isascii()  # the base64 lines
    assert doc.language == "ru"


def test_html_only_body_goes_through_the_html_reader() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.org"
    msg["Subject"] = "Appeal"
    html = (
        "<html><body><nav>Menu</nav><p>"
        + "The defender was sentenced to seven years in a strict regime colony. " * 3
        + "</p><script>alert(1)</script></body></html>"
    )
    msg.set_content(html, subtype="html")
    doc = read_bytes(msg.as_bytes(), "h.eml")
    assert doc.text.startswith("The defender was sentenced")
    assert "alert" not in doc.text and "Menu" not in doc.text


def test_mislabelled_body_charset() -> None:
    body = "Правозащитник Иван Петров был задержан полицией в Москве, сообщил его адвокат."
    raw = (
        b"From: a@example.org\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body.encode("cp1251")
    )
    doc = read_bytes(raw, "m.eml")
    assert doc.text == body
    assert any("declared utf-8 was wrong" in w for w in doc.warnings)


def test_attachment_only_mail_keeps_its_children() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.org"
    msg["Subject"] = "Fwd"
    msg.add_attachment(
        b"Activist detained in Baku on 2 May.",
        maintype="text",
        subtype="plain",
        filename="note.txt",
    )
    doc = read_bytes(msg.as_bytes(), "fwd.eml")
    assert [c.text for c in doc.children] == ["Activist detained in Baku on 2 May."]


def test_forwarded_message_attachment() -> None:
    inner = message("The blogger was fined for an unsanctioned picket in the city centre.\n")
    outer = message("See the forwarded appeal.\n")
    outer.add_attachment(inner)
    doc = read_bytes(outer.as_bytes(), "outer.eml")
    [child] = doc.children
    assert child.reader == "email.v1"
    assert "unsanctioned picket" in child.text


def test_quoted_printable_body() -> None:
    body = "Le journaliste a été arrêté à Genève, accusé de diffamation par le procureur.\n"
    raw = message(body, charset="utf-8", cte="quoted-printable").as_bytes()
    assert b"=C3=A9" in raw
    doc = read_bytes(raw, "qp.eml")
    assert doc.text == body
    [seg] = doc.offsets.segments
    assert b"=C3=A9" in raw[seg.orig_start : seg.orig_end]
    assert doc.language == "fr"


def test_message_that_only_encloses_a_message() -> None:
    inner = message("The activist was detained at the border and questioned for six hours.\n")
    raw = (
        b"From: postmaster@example.org\r\nSubject: Fwd as-is\r\n"
        b"Content-Type: message/rfc822\r\n\r\n" + inner.as_bytes()
    )
    doc = read_bytes(raw, "wrapped.eml")
    assert "questioned for six hours" in doc.text
    assert doc.title == "Fwd as-is"


def _nested(depth: int) -> bytes:
    raw = b"From: a@example.org\nSubject: inner\n\nThe activist was detained on 2 May.\n"
    for i in range(depth):
        raw = (
            b"From: a@example.org\nTo: b@example.org\nSubject: fwd %d\n"
            b"MIME-Version: 1.0\nContent-Type: message/rfc822\n\n" % i
        ) + raw
    return raw


def test_deeply_nested_messages_are_refused_with_a_clear_error() -> None:
    # 500 enclosed messages raised RecursionError (issue 14, item 8).
    with pytest.raises(UnreadableInput) as refused:
        read_bytes(_nested(500), "deep.eml")
    assert "deep.eml" in str(refused.value) and "nested" in str(refused.value)


def test_nesting_within_the_limit_is_read() -> None:
    doc = read_bytes(_nested(3), "fwd.eml")
    assert "detained on 2 May" in doc.text


def test_too_many_parts_are_refused_and_attachments_are_capped() -> None:
    head = b"From: a@example.org\nTo: b@example.org\nSubject: parts\nMIME-Version: 1.0\n"
    head += b"Content-Type: multipart/mixed; boundary=XX\n\n"
    part = b"--XX\nContent-Type: text/plain\nContent-Disposition: attachment\n\nx %d\n"
    many = head + b"".join(part % i for i in range(MAX_PARTS + 5)) + b"--XX--\n"
    with pytest.raises(UnreadableInput, match="parts"):
        read_bytes(many, "parts.eml")
    some = head + b"".join(part % i for i in range(MAX_ATTACHMENTS + 3)) + b"--XX--\n"
    doc = read_bytes(some, "some.eml")
    assert len(doc.children) == MAX_ATTACHMENTS
    assert any("3 more attachments" in w for w in doc.warnings)
