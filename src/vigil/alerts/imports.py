"""``vigil subscribers import FILE.csv``: a whole list checked before anything is stored.

Columns (header row required): ``email`` (required), ``name``, ``countries``, ``cases``,
``organizations``, ``event_types``; several values in one cell are separated by ``;``.
Every bad line is named (up to 20); one bad line rejects the whole file, so a half-imported
list never receives anything.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.alerts.filters import make_filters
from vigil.alerts.subscribers import subscribe
from vigil.alerts.validate import header_text, normalize_email
from vigil.errors import EmptyInput, InputError, TooLarge, UnreadableInput
from vigil.store.alerts import SubscriberRow

COLUMNS = ("email", "name", "countries", "cases", "organizations", "event_types")
MAX_FIELD = 4096  # characters in one cell
MAX_BYTES_PER_ROW = 1024  # with max_rows: the largest file accepted
SHOWN_ERRORS = 20


class ImportRejected(InputError):
    code = "E540"


@dataclass(frozen=True, slots=True)
class Candidate:
    line: int
    email: str
    name: str | None
    filters: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    already: int
    duplicates_in_file: int
    confirmations_queued: int


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split(";") if v.strip()]


def parse_csv(data: bytes, *, source: str, max_rows: int) -> list[Candidate]:
    """Rows of a subscriber CSV, or ImportRejected naming every bad line."""
    if not data.strip():
        raise EmptyInput("the subscriber file is empty", subject=source)
    if len(data) > max_rows * MAX_BYTES_PER_ROW:
        raise TooLarge(
            f"the file is larger than {max_rows * MAX_BYTES_PER_ROW} bytes "
            f"({max_rows} rows allowed; VIGIL_SUBSCRIBER_IMPORT_MAX_ROWS)",
            subject=source,
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UnreadableInput(
            f"line {line}: binary data (NUL byte), not a CSV file", subject=source
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableInput(f"line {line}: not UTF-8 text", subject=source) from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise ImportRejected(f"line 1: unreadable header ({exc})", subject=source) from exc
    unknown = [h for h in header if h not in COLUMNS]
    if "email" not in header or unknown or len(set(header)) != len(header):
        raise ImportRejected(
            f"line 1: the header must name the column 'email' and only these, once each: "
            f"{', '.join(COLUMNS)}"
            + (f" (unknown: {', '.join(unknown)[:100]})" if unknown else ""),
            subject=source,
        )
    errors: list[str] = []
    rows: list[Candidate] = []
    csv.field_size_limit(MAX_FIELD)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(f"line {line}: {exc}")
            break  # the reader cannot resynchronize after a broken quote or huge field
        if not any(c.strip() for c in cells):
            continue
        if len(rows) + len(errors) >= max_rows:
            raise TooLarge(f"more than {max_rows} rows", subject=source)
        if len(cells) != len(header):
            errors.append(f"line {line}: {len(cells)} fields, the header has {len(header)}")
            continue
        rec = dict(zip(header, cells, strict=True))
        try:
            email = normalize_email(rec["email"])
            name = header_text(rec.get("name") or "", "name") or None
            filters = make_filters(
                _split(rec.get("countries")),
                _split(rec.get("cases")),
                _split(rec.get("organizations")),
                _split(rec.get("event_types")),
            )
        except InputError as exc:
            errors.append(f"line {line}: {exc.message}")
            continue
        rows.append(
            Candidate(
                line, email, name, {k: list(map(str, v)) for k, v in filters.as_columns().items()}
            )
        )
    if errors:
        more = f" (and {len(errors) - SHOWN_ERRORS} more)" if len(errors) > SHOWN_ERRORS else ""
        raise ImportRejected(
            "nothing imported: " + "; ".join(errors[:SHOWN_ERRORS]) + more, subject=source
        )
    if not rows:
        raise EmptyInput("the file has a header but no subscribers", subject=source)
    return rows


def import_subscribers(
    session: Session, rows: list[Candidate], *, confirmed: bool = False
) -> ImportResult:
    """Store parsed rows in the caller's transaction. Existing addresses are left as they
    are (their owner's choices win over a list). Unconfirmed rows get an opt-in message."""
    seen: set[str] = set()
    fresh: list[Candidate] = []
    dupes = 0
    for row in rows:
        if row.email in seen:
            dupes += 1
            continue
        seen.add(row.email)
        fresh.append(row)
    existing: set[str] = set()
    emails = [r.email for r in fresh]
    for i in range(0, len(emails), 500):
        existing.update(
            session.scalars(
                select(SubscriberRow.email).where(SubscriberRow.email.in_(emails[i : i + 500]))
            )
        )
    added = queued = 0
    for row in fresh:
        if row.email in existing:
            continue
        f = row.filters
        result = subscribe(
            session,
            row.email,
            name=row.name,
            filters=make_filters(f["countries"], f["cases"], f["organizations"], f["event_types"]),
            source="import",
            confirmed=confirmed,
        )
        added += 1
        queued += int(result.confirmation_queued)
    return ImportResult(added, len(fresh) - added, dupes, queued)
