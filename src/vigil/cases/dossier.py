"""Building a case's dossier from the claims of its reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases import stored
from vigil.cases.engine import FOLLOW_LIMIT, locate
from vigil.cases.facts import (
    StoredClaim,
    claims_of_reports,
    evidence,
    name_key,
    report_dates,
    report_texts,
)
from vigil.cases.mentions import mention_id, owners
from vigil.cases.model import (
    CaseSummary,
    Conflict,
    Dossier,
    Evidence,
    Fact,
    Proposal,
    TimelineEvent,
)
from vigil.cases.status import date_key, derive_status
from vigil.cases.timeline import Telling, build_timeline, telling
from vigil.store.cases import CaseRow, PersonMentionRow


def resolve_case_id(session: Session, case_id: int) -> CaseRow:
    """The case, following ``merged_into`` to where a merged case lives now."""
    return locate(session, CaseRow, case_id, "case")


def _facts(items: list[tuple[dict[str, object], Evidence]], key: tuple[str, ...]) -> list[Fact]:
    """Group equal values (by ``key`` fields, folded) from several reports into one Fact."""
    grouped: dict[tuple[str, ...], list[tuple[dict[str, object], Evidence]]] = defaultdict(list)
    for value, ev in items:
        ident = tuple(name_key(str(value.get(k) or "")) for k in key)
        grouped[ident].append((value, ev))
    facts = []
    for members in grouped.values():
        # The reviewed value, else the fullest one, speaks for the group.
        best = max(members, key=lambda m: (m[1].reviewed, len(str(m[0]))))[0]
        facts.append(Fact(dict(best), tuple(ev for _, ev in members)))
    return facts


def build_dossier(session: Session, case: CaseRow) -> Dossier:
    dossier = build_dossiers(session, [case])[case.id]
    return replace(dossier, proposals=_proposals(session, case))


@dataclass(frozen=True, slots=True)
class _Mention:
    id: str
    report_id: int
    name: str
    aliases: list[str]


def build_dossiers(session: Session, cases: list[CaseRow]) -> dict[int, Dossier]:
    """The dossiers of many cases from a few queries (their mentions, their reports' claims,
    texts and dates); without proposals (``build_dossier`` adds them)."""
    by_case: dict[int, list[_Mention]] = {c.id: [] for c in cases}
    ids = sorted(by_case)
    for start in range(0, len(ids), 500):
        # In report order, so that among equally used names the earliest report's wins on
        # every backend (the database's row order is no order).
        rows = session.execute(
            select(
                PersonMentionRow.case_id,
                PersonMentionRow.id,
                PersonMentionRow.report_id,
                PersonMentionRow.name,
                PersonMentionRow.aliases,
            )
            .where(PersonMentionRow.case_id.in_(ids[start : start + 500]))
            .order_by(PersonMentionRow.report_id, PersonMentionRow.id)
        )
        for cid, mid, rid, name, aliases in rows:
            by_case[cid].append(_Mention(mid, int(rid), name, list(aliases or [])))
    report_ids = {m.report_id for ms in by_case.values() for m in ms}
    claims = claims_of_reports(session, report_ids)
    texts = report_texts(session, report_ids)
    published = report_dates(session, report_ids)
    return {c.id: _assemble(c, by_case[c.id], claims, texts, published) for c in cases}


def _assemble(
    case: CaseRow,
    mentions: list[_Mention],
    claims: dict[int, list[StoredClaim]],
    texts: dict[int, str],
    published: dict[int, str | None],
) -> Dossier:
    ours_by_report: dict[int, set[str]] = defaultdict(set)
    name_counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for m in mentions:
        for n in (m.name, *m.aliases):
            k = name_key(n)
            if k:
                spelled.setdefault(k, n)
        ours_by_report[m.report_id].add(m.id)
        name_counts[m.name] += 1
    report_ids = sorted(ours_by_report)

    singles: dict[str, list[tuple[dict[str, object], Evidence]]] = defaultdict(list)
    tellings: list[Telling] = []
    for rid in report_ids:
        report_claims = claims.get(rid, [])
        owner = owners(report_claims)
        ours = {
            local for local, first in owner.items() if mention_id(rid, first) in ours_by_report[rid]
        }
        for c in report_claims:
            # Every claim of the report is looked at for every case it names: its evidence
            # is quoted only for the claims about this case's person.
            if c.kind == "event":
                if ours.intersection(c.about("victims")):
                    ev = evidence(c, texts.get(rid, ""))
                    tellings.append(telling(c, ev, published.get(rid)))
            elif c.kind == "person":
                if c.mention in ours and c.value.get("role"):
                    singles["role"].append(
                        ({"role": c.value["role"]}, evidence(c, texts.get(rid, "")))
                    )
            elif ours.intersection(c.about("person")):
                value = {k: v for k, v in c.value.items() if k != "person"}
                singles[c.kind].append((value, evidence(c, texts.get(rid, ""))))

    timeline = build_timeline(tellings)
    birth_dates = _facts(singles["birth_date"], ("birth_date",))
    birth_places = _facts(singles["birth_place"], ("birth_place",))
    charges = _facts(singles["charge"], ("article", "offence"))
    conflicts = [Conflict(f, tuple(v)) for f, v in (("birth_date", birth_dates),
                 ("birth_place", birth_places)) if len(v) > 1]  # fmt: skip
    for act in timeline:
        if act.other_dates:
            conflicts.append(_date_conflict(act))
    summary = summarize(case, name_counts, spelled, timeline, charges, report_ids, published)
    return Dossier(
        summary=summary,
        birth_dates=tuple(birth_dates),
        birth_places=tuple(birth_places),
        affiliations=tuple(_facts(singles["affiliation"], ("organization", "position"))),
        relatives=tuple(_facts(singles["relative"], ("relative", "relation"))),
        roles=tuple(_facts(singles["role"], ("role",))),
        charges=tuple(charges),
        sentences=tuple(_facts(singles["sentence"], ("penalty", "term_months", "amount"))),
        timeline=tuple(timeline),
        conflicts=tuple(conflicts),
        merges=tuple(_explain(m) for m in case.merges),
    )


def _live_cases(session: Session, case_ids: Iterable[int]) -> dict[int, int]:
    """Where each case lives now (following ``merged_into``), in a query per step of the
    chains; cases that are gone are left out."""
    where: dict[int, int] = {}
    pending = {c: c for c in case_ids}  # asked-for id -> id reached so far
    for _ in range(FOLLOW_LIMIT):
        if not pending:
            break
        rows: dict[int, int | None] = {
            int(cid): merged
            for cid, merged in session.execute(
                select(CaseRow.id, CaseRow.merged_into).where(CaseRow.id.in_(set(pending.values())))
            )
        }
        following: dict[int, int] = {}
        for asked, reached in pending.items():
            if reached not in rows:
                continue
            nxt = rows[reached]
            if nxt is None:
                where[asked] = reached
            else:
                following[asked] = nxt
        pending = following
    return where


def _proposals(session: Session, case: CaseRow) -> tuple[Proposal, ...]:
    asked = [p.get("other_case") for p in case.proposals]
    live = _live_cases(session, {o for o in asked if isinstance(o, int) and o != case.id})
    best: dict[int, Proposal] = {}
    for p in case.proposals:
        asked_for = p.get("other_case")
        other = live.get(asked_for) if isinstance(asked_for, int) else None
        if other is None or other == case.id:
            continue
        score = float(p.get("score") or 0)
        if other not in best or score > best[other].score:
            best[other] = Proposal(other, score, tuple(str(r) for r in p.get("reasons") or ()))
    return tuple(sorted(best.values(), key=lambda x: -x.score))


def _date_conflict(ev: TimelineEvent) -> Conflict:
    by_date: dict[str, list[Evidence]] = defaultdict(list)
    for e in ev.evidence:
        by_date[ev.date or ""].append(e)
    values = [Fact({"type": ev.type, "date": ev.date}, tuple(ev.evidence))]
    values += [Fact({"type": ev.type, "date": d}, ()) for d in ev.other_dates]
    return Conflict(f"{ev.type} date", tuple(values))


def _explain(merge: dict[str, object]) -> str:
    reasons = merge.get("reasons") or []
    who = "a reviewer" if merge.get("by") == "reviewer" else "Vigil"
    joined = "; ".join(str(r) for r in reasons) if isinstance(reasons, list) else str(reasons)
    return f"{who} merged {merge.get('a')} and {merge.get('b')}: {joined}"


def charge_label(value: dict[str, object]) -> str:
    law, article, offence = value.get("law"), value.get("article"), value.get("offence")
    if article:
        return f"{law or 'article'} art. {article}" if law else f"article {article}"
    return str(offence or law or "charge")


def summarize(
    case: CaseRow,
    name_counts: Counter[str],
    spelled: dict[str, str],
    timeline: list[TimelineEvent],
    charges: list[Fact],
    report_ids: list[int],
    published: dict[int, str | None],
) -> CaseSummary:
    # The name most reports use; among equals, the fullest spelling.
    name = max(name_counts, key=lambda n: (name_counts[n], len(n)), default=case.name)
    aliases = tuple(sorted(v for k, v in spelled.items() if k != name_key(name)))
    dated = []
    for ev in timeline:
        when = ev.date or max((published.get(e.report_id) or "" for e in ev.evidence), default="")
        dated.append((ev.type, when or None))
    latest = max(timeline, key=lambda e: (date_key(e.date),), default=None)
    countries = Counter(e.country for e in timeline if e.country)
    countries.update(str(f.value["country"]) for f in charges if f.value.get("country"))
    return CaseSummary(
        id=case.id,
        name=name,
        aliases=aliases,
        status=derive_status(dated),
        country=countries.most_common(1)[0][0] if countries else None,
        latest_event=latest.type if latest else None,
        latest_event_date=latest.date if latest else None,
        charges=tuple(dict.fromkeys(charge_label(f.value) for f in charges)),
        sources=tuple(report_ids),
        updated_at=(case.updated_at.isoformat() if case.updated_at else ""),
    )


# Dossiers are rebuilt from claims, which costs several queries; ``refresh_cases`` stores
# each one it builds (``vigil.cases.stored``), stamped with the case's updated_at, together
# with the case's summary columns and facets (the same derivation, written in the same
# transaction, for lists). That stored copy is the one cache: every change that alters a
# dossier (new report, review, merge, split) refreshes the case and moves the stamp, and a
# copy whose stamp differs is never used. "Possible same person" proposals depend on other
# cases, so they are computed for each request.


def get_dossier(session: Session, case_id: int) -> Dossier:
    case = resolve_case_id(session, case_id)
    kept = stored.load(session, case.id, case.updated_at)
    if kept is not None:
        return replace(kept, proposals=_proposals(session, case))
    return build_dossier(session, case)
