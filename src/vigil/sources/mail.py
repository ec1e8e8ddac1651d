"""E-mail reader (RFC 822 / .eml): the body is the document, attachments are children.

The body is the text/plain part if there is one, else the HTML part read by the HTML
reader. When the body is not transfer-encoded its offsets point into the raw message
bytes; when it is (base64, quoted-printable) the whole body text maps to the body part's
range in the message. Each attachment a reader supports becomes a child SourceDocument
(its original is the attachment's decoded bytes); others only add a warning.
"""

from __future__ import annotations

import logging
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from vigil.errors import EmptyInput, InputError, UnreadableInput
from vigil.sources.decoding import decode
from vigil.sources.document import OffsetMap, SourceDocument
from vigil.sources.language import detect_language
from vigil.sources.registry import register
from vigil.sources.sniff import is_email
from vigil.sources.textmap import normalise

log = logging.getLogger(__name__)

# Attachments nested deeper than this (mail in mail in mail...) are not opened.
MAX_NESTING = 5
# A message whose MIME tree is deeper than this, or has more parts, is refused before it is
# read: 500 enclosed messages made the standard library recurse until RecursionError, and
# 10,000 parts took seconds to read (issue 14). Real mail stays far below both.
MAX_DEPTH = 30
MAX_PARTS = 1000
# Attachments read at most; the rest are named in a warning.
MAX_ATTACHMENTS = 100
_PLAIN_CTE = {"", "7bit", "8bit", "binary"}


def _raw_payload_range(data: bytes, part: Message) -> tuple[int, int] | None:
    """Where the part's raw (still transfer-encoded) payload sits in the message bytes."""
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    if cte in _PLAIN_CTE:
        # Not transfer-encoded: "decoding" gives back the very bytes of the message.
        raw = part.get_payload(decode=True)
    else:
        payload = part.get_payload()
        raw = payload.encode("ascii", "replace") if isinstance(payload, str) else None
    if not isinstance(raw, bytes) or not raw:
        return None
    at = data.find(raw)
    if at < 0:
        return None
    return at, at + len(raw)


def _header(msg: Message, name: str) -> str | None:
    try:
        value = msg.get(name)
    except Exception:  # malformed encoded words
        return None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _published(msg: Message) -> str | None:
    raw = _header(msg, "date")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _body_document(
    data: bytes, filename: str, part: Message, warnings: list[str]
) -> tuple[str, OffsetMap, str | None]:
    """Text, offsets and encoding of the body part."""
    content_type = part.get_content_type()
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        return "", OffsetMap(unit="byte"), None
    where = _raw_payload_range(data, part)
    exact = cte in _PLAIN_CTE and where is not None
    charset = part.get_content_charset()

    if content_type == "text/html":
        from vigil.sources.webpage import read_html

        media = f"text/html; charset={charset}" if charset else "text/html"
        doc = read_html(payload, filename, media_type=media)
        warnings.extend(doc.warnings)
        if exact and where is not None:
            offsets = OffsetMap(unit="byte")
            for s in doc.offsets.segments:
                offsets.add(
                    s.text_start, s.text_end, s.orig_start + where[0], s.orig_end + where[0]
                )
        else:
            offsets = _whole(doc.text, where, data)
        return doc.text, offsets, doc.encoding

    decoded = decode(payload, declared=charset, subject=filename)
    warnings.extend(decoded.warnings)
    if exact and where is not None:
        text, offsets = normalise(decoded.text, decoded.encode, where[0] + decoded.start)
    else:
        text, _ = normalise(decoded.text, decoded.encode, 0)
        offsets = _whole(text, where, data)
    return text, offsets, decoded.encoding


def _whole(text: str, where: tuple[int, int] | None, data: bytes) -> OffsetMap:
    offsets = OffsetMap(unit="byte")
    start, end = where if where is not None else (0, len(data))
    offsets.add(0, len(text), start, end)
    return offsets


def _shape(msg: Message) -> tuple[int, int]:
    """Depth and number of parts of the MIME tree, walked without recursion."""
    deepest, parts = 0, 0
    todo: list[tuple[Message, int]] = [(msg, 1)]
    while todo:
        part, depth = todo.pop()
        parts += 1
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH or parts > MAX_PARTS:
            break
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            todo.extend((p, depth + 1) for p in payload if isinstance(p, Message))
    return deepest, parts


def _check_shape(msg: Message, filename: str) -> None:
    depth, parts = _shape(msg)
    if depth > MAX_DEPTH:
        raise UnreadableInput(
            f"refused e-mail: parts nested more than {MAX_DEPTH} levels deep", subject=filename
        )
    if parts > MAX_PARTS:
        raise UnreadableInput(f"refused e-mail: more than {MAX_PARTS} MIME parts", subject=filename)


def _attachments(
    msg: EmailMessage, filename: str, warnings: list[str], depth: int
) -> list[SourceDocument]:
    from vigil.sources import read_bytes

    children: list[SourceDocument] = []
    parts = list(msg.iter_attachments())
    if len(parts) > MAX_ATTACHMENTS:
        warnings.append(
            f"{len(parts) - MAX_ATTACHMENTS} more attachments not read "
            f"(at most {MAX_ATTACHMENTS} are)"
        )
    for number, part in enumerate(parts[:MAX_ATTACHMENTS], start=1):
        name = part.get_filename() or f"attachment-{number}"
        label = f"{filename}/{name}"
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            payload = first.as_bytes() if isinstance(first, Message) else None
            if not name.lower().endswith(".eml"):
                name += ".eml"
        else:
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else None
        if not payload:
            warnings.append(f"attachment {name!r} is empty; skipped")
            continue
        if ctype == "message/rfc822" and depth >= MAX_NESTING:
            warnings.append(f"attachment {name!r} nested too deep; skipped")
            continue
        try:
            if ctype == "message/rfc822":
                child = _read(payload, name, depth + 1)
            else:
                child = read_bytes(payload, name, media_type=ctype)
        except InputError as exc:
            warnings.append(f"attachment {name!r} skipped: {exc.message}")
            continue
        except Exception as exc:  # a reader bug on one attachment must not lose the mail
            log.warning("reader failed on an attachment: %s", type(exc).__name__)
            warnings.append(f"attachment {name!r} skipped: could not be read")
            continue
        children.append(child)
        log.debug("attachment %s read by %s", label, child.reader)
    return children


def _read(data: bytes, filename: str, depth: int) -> SourceDocument:
    if not data.strip():
        raise EmptyInput("empty input", subject=filename)
    try:
        if depth == 0:
            # The shape first, with the quick compat32 policy (ten times faster than the
            # default one on 10,000 parts), so a hostile tree is refused before the slow
            # parse.
            _check_shape(BytesParser(policy=policy.compat32).parsebytes(data), filename)
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except RecursionError as exc:
        raise UnreadableInput("refused e-mail: parts nested too deep", subject=filename) from exc
    except InputError:
        raise
    except Exception as exc:
        raise UnreadableInput(f"damaged e-mail ({type(exc).__name__})", subject=filename) from exc
    if not isinstance(msg, EmailMessage):
        raise UnreadableInput("not an e-mail message", subject=filename)

    if msg.get_content_type() == "message/rfc822" and depth < MAX_NESTING:
        # A message whose whole body is another message (a bounce, a forward as-is).
        inner = msg.get_payload()
        first = inner[0] if isinstance(inner, list) and inner else None
        if isinstance(first, Message):
            doc = _read(first.as_bytes(), filename, depth + 1)
            return SourceDocument(
                original=data,
                filename=filename,
                media_type="message/rfc822",
                text=doc.text,
                offsets=_whole(doc.text, None, data),
                reader="email.v1",
                title=_header(msg, "subject") or doc.title,
                published=_published(msg) or doc.published,
                language=doc.language,
                encoding=doc.encoding,
                warnings=[*doc.warnings, "body is an enclosed message; offsets cover it whole"],
                children=doc.children,
            )
    warnings: list[str] = [f"e-mail defect: {type(d).__name__}" for d in msg.defects[:5]]
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        body = None
    text, offsets, encoding = "", OffsetMap(unit="byte"), None
    if body is not None:
        try:
            text, offsets, encoding = _body_document(data, filename, body, warnings)
        except EmptyInput:
            text = ""
    children = _attachments(msg, filename, warnings, depth)
    if not text.strip():
        if not children:
            raise EmptyInput("e-mail has no body text and no readable attachment", subject=filename)
        warnings.append("e-mail has no body text; see its attachments")
    return SourceDocument(
        original=data,
        filename=filename,
        media_type="message/rfc822",
        text=text,
        offsets=offsets,
        reader="email.v1",
        title=_header(msg, "subject"),
        published=_published(msg),
        language=detect_language(text),
        encoding=encoding,
        warnings=warnings,
        children=children,
    )


@register("email.v1", media_types=("message/rfc822",), extensions=(".eml",), sniff=is_email)
def read_email(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    """Read an e-mail message: body as text, attachments as children."""
    return _read(data, filename, 0)
