"""Organisations are linked by id too (issue 10): an affiliation's organisation and a
relative hold the id of an organisation or person of their report ("o1", "p2") instead of
a name, and case-wide organisation mention ids are built from the report and that id
(``om-REPORT-o1``, was ``om-REPORT-<hash of the name>``) in org_mentions, org_keys,
reviewers' org_links and split-org decisions, so a corrected name keeps its organisation,
its members and the decisions about it.

A name matches as ``vigil.facts.refs.with_ids`` matches (the folded name or an alias), and
also as the machine first wrote a person or organisation a reviewer renamed since. A name
nothing matches (a reviewer typed it, a plugin gave it) becomes a new organisation (kind
other) or person (role relative) of the report, resting on the same words and decided as
the fact naming it was; the downgrade keeps those (they are valid facts before this
revision too) and reads the ids back as names.

Revision ID: 0011_org_mention_ids
Revises: 0009_mention_ids
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011_org_mention_ids"
down_revision = "0009_mention_ids"
branch_labels = None
depends_on = None  # org_mentions, org_links and case_decisions come with 0005 (via 0009)

ACTOR = "migration 0011_org_mention_ids"
# The fields this revision turns from names into ids, and what a name nobody has becomes.
CHANGED = {"affiliation": "organization", "relative": "relative"}
BATCH = 500


def _old_mention_id(report_id: int, name: str) -> str:
    from vigil.store.fold import name_key

    digest = hashlib.sha1(name_key(name).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"om-{report_id}-{digest}"


def _tables(conn: sa.Connection) -> dict[str, sa.Table]:
    meta = sa.MetaData()
    names = ("claims", "claim_changes", "org_mentions", "org_keys", "org_links",
             "case_decisions", "report_reviews")  # fmt: skip
    return {n: sa.Table(n, meta, autoload_with=conn) for n in names}


def _claims_by_report(conn: sa.Connection, claims: sa.Table) -> Iterator[tuple[int, list[Any]]]:
    """Each report's claims, in the order they were made."""
    report_ids = conn.scalars(sa.select(claims.c.report_id).distinct().order_by(claims.c.report_id))
    for report_id in list(report_ids):
        rows = conn.execute(
            sa.select(claims).where(claims.c.report_id == report_id).order_by(claims.c.id)
        ).all()
        yield int(report_id), list(rows)


def _machine_names(conn: sa.Connection, t: dict[str, sa.Table], rows: list[Any]) -> dict[str, str]:
    """Folded name the machine first gave a renamed person or organisation -> its id."""
    from vigil.facts import refs
    from vigil.store.fold import name_key

    edited = {r.id: r.value for r in rows if r.status == "edited" and refs.own_id(r.kind, r.value)}
    if not edited:
        return {}
    ch = t["claim_changes"]
    found: dict[str, str] = {}
    for claim_id, after in conn.execute(
        sa.select(ch.c.claim_id, ch.c.after)
        .where(ch.c.claim_id.in_(list(edited)), ch.c.action == "extracted")
        .order_by(ch.c.id)
    ):
        first = ((after or {}).get("value") or {}).get("name")
        if isinstance(first, str) and name_key(first):
            found.setdefault(name_key(first), str(edited[claim_id]["id"]))
    return found


def _add_named(
    conn: sa.Connection,
    t: dict[str, sa.Table],
    report_id: int,
    rows: list[Any],
    extra: dict[str, str],
) -> list[Any]:
    """The persons and organisations the report's facts name without having them, added
    as claims; returns the report's claims with them."""
    from vigil.facts import refs
    from vigil.store.claims import fingerprint

    values = refs.with_ids([(r.kind, r.value or {}) for r in rows], extra=extra)
    named = [
        (i, kind, value)
        for i, kind, value in refs.new_mentions(
            [(r.kind, v if r.kind in CHANGED else {}) for r, v in zip(rows, values, strict=True)]
        )
        if rows[i].status != "rejected"
    ]
    if not named:
        return rows
    used = [mid for r in rows if (mid := refs.own_id(r.kind, r.value or {}))]
    claims, changes, now = t["claims"], t["claim_changes"], datetime.now(UTC)
    added = {"facts": 0, "waiting": 0, "decided": 0}
    for i, kind, value in named:
        source = rows[i]
        value = {"id": refs.next_id(kind, used), **value}
        used.append(value["id"])
        status = "machine" if source.status == "machine" else "confirmed"
        claim = {
            "report_id": report_id, "kind": kind, "key": f"{source.key}:{kind}"[:128],
            "fingerprint": fingerprint(kind, refs.named(kind, value, {})), "value": value,
            "spans": source.spans, "stage": source.stage, "confidence": source.confidence,
            "extractor": source.extractor, "status": status,
            "reviewed_by": source.reviewed_by if status != "machine" else None,
            "reviewed_at": source.reviewed_at if status != "machine" else None,
            "created_at": now, "updated_at": now, "version": 1,
        }  # fmt: skip
        inserted = conn.execute(claims.insert().values(**claim)).inserted_primary_key
        claim_id = inserted[0] if inserted else None
        after = {k: claim[k] for k in ("kind", "value", "spans", "status", "confidence")}
        change = {"claim_id": claim_id, "report_id": report_id, "actor": ACTOR,
                  "action": "extracted", "before": None, "after": after, "at": now}  # fmt: skip
        conn.execute(changes.insert().values(**change))
        added["facts"] += 1
        added["waiting" if status == "machine" else "decided"] += 1
    progress = t["report_reviews"]
    conn.execute(
        progress.update()
        .where(progress.c.report_id == report_id)
        .values({progress.c[k]: progress.c[k] + n for k, n in added.items()})
    )
    return list(
        conn.execute(sa.select(claims).where(claims.c.report_id == report_id).order_by(claims.c.id))
    )


def _org_moves(report_id: int, rows: list[Any]) -> dict[str, str]:
    """Old case-wide organisation mention id -> new, for the report's organisation claims
    (not rejected); the first claim of a name stands for it, as ``vigil.cases`` decides."""
    from vigil.facts import refs
    from vigil.store.fold import name_key

    moves: dict[str, str] = {}
    for r in rows:
        value = r.value or {}
        name, mid = value.get("name"), refs.own_id(r.kind, value)
        if r.kind == "organization" and r.status != "rejected" and mid and name_key(str(name)):
            moves.setdefault(_old_mention_id(report_id, str(name)), f"om-{report_id}-{mid}")
    return moves


def _move_mentions(conn: sa.Connection, t: dict[str, sa.Table], moves: dict[str, str]) -> None:
    """Rename organisation mention ids everywhere they are kept (keys point to the mention,
    so the new row is written first, then the keys move, then the old row goes)."""
    om, keys, links = t["org_mentions"], t["org_keys"], t["org_links"]
    moves = {a: b for a, b in moves.items() if a != b}
    olds = list(moves)
    for start in range(0, len(olds), BATCH):
        chunk = olds[start : start + BATCH]
        rows = [dict(r._mapping) for r in conn.execute(sa.select(om).where(om.c.id.in_(chunk)))]
        if rows:
            conn.execute(om.insert(), [{**r, "id": moves[r["id"]]} for r in rows])
        for old in chunk:
            conn.execute(
                keys.update().where(keys.c.mention_id == old).values(mention_id=moves[old])
            )
            conn.execute(links.update().where(links.c.a == old).values(a=moves[old]))
            conn.execute(links.update().where(links.c.b == old).values(b=moves[old]))
        conn.execute(om.delete().where(om.c.id.in_(chunk)))
    dec = t["case_decisions"]
    for did, detail in conn.execute(
        sa.select(dec.c.id, dec.c.detail).where(dec.c.action == "split-org")
    ):
        listed = (detail or {}).get("mentions")
        if isinstance(listed, list) and any(m in moves for m in listed):
            new = {**detail, "mentions": [moves.get(m, m) for m in listed]}
            conn.execute(dec.update().where(dec.c.id == did).values(detail=new))


def upgrade() -> None:
    from vigil.facts import refs

    conn = op.get_bind()
    t = _tables(conn)
    claims = t["claims"]
    moves: dict[str, str] = {}
    for report_id, rows in _claims_by_report(conn, claims):
        extra = _machine_names(conn, t, rows)
        rows = _add_named(conn, t, report_id, rows, extra)
        values = refs.with_ids([(r.kind, r.value or {}) for r in rows], extra=extra)
        for r, value in zip(rows, values, strict=True):
            field = CHANGED.get(r.kind)
            if field is not None and value.get(field) != (r.value or {}).get(field):
                new = {**r.value, field: value[field]}
                conn.execute(claims.update().where(claims.c.id == r.id).values(value=new))
        moves.update(_org_moves(report_id, rows))
    _move_mentions(conn, t, moves)


def downgrade() -> None:
    """Back to names: an affiliation's organisation and a relative read as the name they
    point to; organisation mention ids from the names again."""
    from vigil.facts import refs

    conn = op.get_bind()
    t = _tables(conn)
    claims = t["claims"]
    moves: dict[str, str] = {}
    for report_id, rows in _claims_by_report(conn, claims):
        names = refs.names_of((r.kind, r.value or {}) for r in rows)
        for r in rows:
            field, value = CHANGED.get(r.kind), r.value or {}
            if field is not None and value.get(field) in names:
                new = {**value, field: names[value[field]]}
                conn.execute(claims.update().where(claims.c.id == r.id).values(value=new))
        moves.update({new: old for old, new in _org_moves(report_id, rows).items()})
    _move_mentions(conn, t, moves)
