"""Facts point to persons and organisations by id (issue 10): every person and organisation
claim gets its id within its report ("p1", "o2"), and the claims that named them (aliases,
biography, victims, charges, sentences) hold that id instead of the name. A name matches
as the code matched it before (the folded name or an alias), and also as the machine first
wrote it, so links a reviewer's rename had already broken are mended. A name nothing
matches is left as written (it is shown as it is). Case-wide mention ids follow:
``pm-REPORT-<hash of the name>`` becomes ``pm-REPORT-p1`` in person_mentions, their keys,
reviewers' links and split decisions. Fingerprints do not change (they read ids as names).

Revision ID: 0009_mention_ids
Revises: 0008_workbench
Create Date: 2027-01-08
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009_mention_ids"
down_revision = "0008_workbench"
branch_labels = None
depends_on = "0005"  # person_mentions, person_links, case_decisions

BATCH = 500


def _old_mention_id(report_id: int, name: str) -> str:
    from vigil.store.fold import name_key

    digest = hashlib.sha1(name_key(name).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"pm-{report_id}-{digest}"


def _tables(conn: sa.Connection) -> dict[str, sa.Table]:
    meta = sa.MetaData()
    names = ("claims", "claim_changes", "person_mentions", "mention_keys", "person_links",
             "case_decisions")  # fmt: skip
    return {n: sa.Table(n, meta, autoload_with=conn) for n in names}


def _report_ids(conn: sa.Connection, claims: sa.Table) -> list[int]:
    return [
        int(r)
        for r in conn.scalars(sa.select(claims.c.report_id).distinct().order_by(claims.c.report_id))
    ]


def _machine_names(
    conn: sa.Connection, t: dict[str, sa.Table], rows: list[tuple[int, str, dict[str, Any], str]]
) -> dict[str, str]:
    """Folded name the machine first gave a renamed person or organisation -> its id."""
    from vigil.facts import refs
    from vigil.store.fold import name_key

    edited = {
        cid: value
        for cid, kind, value, status in rows
        if status == "edited" and refs.own_id(kind, value)
    }
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


def _mention_moves(report_id: int, rows: list[tuple[str, dict[str, Any], str]]) -> dict[str, str]:
    """Old case-wide mention id -> new, for one report's person claims (not rejected), the
    first claim of a name standing for it as ``vigil.cases.mentions`` decides."""
    from vigil.store.fold import name_key

    moves: dict[str, str] = {}
    for kind, value, status in rows:
        name = value.get("name")
        if kind == "person" and status != "rejected" and isinstance(name, str) and name_key(name):
            old = _old_mention_id(report_id, name)
            moves.setdefault(old, f"pm-{report_id}-{value['id']}")
    return moves


def _move_mentions(conn: sa.Connection, t: dict[str, sa.Table], moves: dict[str, str]) -> None:
    """Rename case-wide mention ids everywhere they are kept (keys point to the mention, so
    the new row is written first, then the keys move, then the old row goes)."""
    pm, keys, links = t["person_mentions"], t["mention_keys"], t["person_links"]
    moves = {a: b for a, b in moves.items() if a != b}
    olds = list(moves)
    for start in range(0, len(olds), BATCH):
        chunk = olds[start : start + BATCH]
        rows = [dict(r._mapping) for r in conn.execute(sa.select(pm).where(pm.c.id.in_(chunk)))]
        if rows:
            conn.execute(pm.insert(), [{**r, "id": moves[r["id"]]} for r in rows])
        for old in chunk:
            conn.execute(
                keys.update().where(keys.c.mention_id == old).values(mention_id=moves[old])
            )
            conn.execute(links.update().where(links.c.a == old).values(a=moves[old]))
            conn.execute(links.update().where(links.c.b == old).values(b=moves[old]))
        conn.execute(pm.delete().where(pm.c.id.in_(chunk)))


def _move_decisions(conn: sa.Connection, t: dict[str, sa.Table], moves: dict[str, str]) -> None:
    dec = t["case_decisions"]
    for did, detail in conn.execute(sa.select(dec.c.id, dec.c.detail)):
        listed = (detail or {}).get("mentions")
        if isinstance(listed, list) and any(m in moves for m in listed):
            new = {**detail, "mentions": [moves.get(m, m) for m in listed]}
            conn.execute(dec.update().where(dec.c.id == did).values(detail=new))


def _claims_by_report(conn: Any, claims: sa.Table) -> Iterator[tuple[int, list[Any]]]:
    """Each report's claims (id, kind, value, status), in the order they were made."""
    for report_id in _report_ids(conn, claims):
        rows = conn.execute(
            sa.select(claims.c.id, claims.c.kind, claims.c.value, claims.c.status)
            .where(claims.c.report_id == report_id)
            .order_by(claims.c.id)
        ).all()
        yield report_id, list(rows)


def upgrade() -> None:
    from vigil.facts import refs

    conn = op.get_bind()
    t = _tables(conn)
    claims = t["claims"]
    moves: dict[str, str] = {}
    for report_id, rows in _claims_by_report(conn, claims):
        facts = [(r.kind, r.value if isinstance(r.value, dict) else {}) for r in rows]
        values = refs.with_ids(facts)  # ids for every mention first
        renamed = _machine_names(
            conn, t, [(r.id, r.kind, v, r.status) for r, v in zip(rows, values, strict=True)]
        )
        if renamed:
            values = refs.with_ids([(r.kind, v) for r, v in zip(rows, values, strict=True)],
                                   extra=renamed)  # fmt: skip
        for r, (_, old), new in zip(rows, facts, values, strict=True):
            if new != old:
                conn.execute(claims.update().where(claims.c.id == r.id).values(value=new))
        moves.update(
            _mention_moves(
                report_id, [(r.kind, v, r.status) for r, v in zip(rows, values, strict=True)]
            )
        )
    _move_mentions(conn, t, moves)
    _move_decisions(conn, t, moves)


def downgrade() -> None:
    """Back to names: every ref read as the name it points to, ids dropped."""
    from vigil.facts import refs

    conn = op.get_bind()
    t = _tables(conn)
    claims = t["claims"]
    moves: dict[str, str] = {}
    for report_id, rows in _claims_by_report(conn, claims):
        names = refs.names_of((r.kind, r.value or {}) for r in rows)
        for back, new in _mention_moves(
            report_id,
            [(r.kind, r.value or {}, r.status) for r in rows if refs.own_id(r.kind, r.value or {})],
        ).items():
            moves[new] = back
        for r in rows:
            value = r.value or {}
            old = refs.named(r.kind, value, names)
            if old != value:
                conn.execute(claims.update().where(claims.c.id == r.id).values(value=old))
    _move_mentions(conn, t, moves)
    _move_decisions(conn, t, moves)
