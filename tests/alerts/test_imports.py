"""``vigil subscribers import``: whole-file checks, every bad line named, nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vigil.alerts.imports import ImportRejected, import_subscribers, parse_csv
from vigil.errors import EmptyInput, TooLarge, UnreadableInput
from vigil.store.alerts import OutboxRow, SubscriberRow
from vigil.store.db import Database

GOOD = (
    "email,name,countries,cases,event_types\n"
    "ana@example.org,Ana Pérez,KZ;BY,7,arrest;charge\n"
    "bo@example.org,,,,\n"
    "ANA@example.org,Ana again,,,\n"
)


def test_a_good_file(db: Database) -> None:
    rows = parse_csv(GOOD.encode(), source="subs.csv", max_rows=100)
    assert [r.line for r in rows] == [2, 3, 4]
    with db.transaction() as s:
        done = import_subscribers(s, rows)
    assert (done.added, done.duplicates_in_file, done.confirmations_queued) == (2, 1, 2)
    with db.transaction() as s:
        again = import_subscribers(s, rows, confirmed=True)
        assert again.added == 0 and again.already == 2
        ana = s.scalars(select(SubscriberRow).where(SubscriberRow.email == "ana@example.org")).one()
        assert ana.countries == ["KZ", "BY"] and ana.cases == [7] and ana.status == "pending"
        assert len(s.scalars(select(OutboxRow)).all()) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("email\nok@example.org\nbad-address\n", "line 3: not an e-mail address"),
        ('email,name\nok@example.org,"Eve\r\nBcc: x@evil.org"\n', "line 2: name contains a line"),
        ("email,name\nok@example.org,a,b\n", "line 2: 3 fields, the header has 2"),
        ("email,countries\nok@example.org,Kazakhstan\n", "line 2: country must be"),
        ("email,cases\nok@example.org,seven\n", "line 2: case must be"),
        ("mail,name\nok@example.org,x\n", "line 1: the header must name"),
        ("email,phone\nok@example.org,1\n", "unknown: phone"),
        ('email\n"unterminated@example.org\nx@example.org\n', "line 2"),
        ("email,name\n" + "ok@example.org," + "x" * 5000 + "\n", "line 2: field larger"),
    ],
)
def test_bad_lines_are_named(text: str, message: str) -> None:
    with pytest.raises(ImportRejected, match=r"nothing imported|line 1") as err:
        parse_csv(text.encode(), source="subs.csv", max_rows=100)
    assert message in str(err.value)
    assert "subs.csv" in str(err.value)


def test_all_errors_are_listed() -> None:
    text = "email\n" + "".join(f"bad{i}\n" for i in range(30))
    with pytest.raises(ImportRejected) as err:
        parse_csv(text.encode(), source="s.csv", max_rows=100)
    assert "line 2:" in str(err.value) and "line 21:" in str(err.value)
    assert "(and 10 more)" in str(err.value)


def test_hostile_files() -> None:
    with pytest.raises(EmptyInput):
        parse_csv(b"  \n", source="s.csv", max_rows=10)
    with pytest.raises(EmptyInput):
        parse_csv(b"email\n\n", source="s.csv", max_rows=10)
    with pytest.raises(UnreadableInput, match="line 2: binary"):
        parse_csv(b"email\nx@example.org\x00\n", source="s.csv", max_rows=10)
    with pytest.raises(UnreadableInput, match="line 3: not UTF-8"):
        parse_csv(b"email\na@example.org\n\xff\xfe@example.org\n", source="s.csv", max_rows=10)
    with pytest.raises(TooLarge):
        parse_csv(b"email\n" + b"a@example.org\n" * 11, source="s.csv", max_rows=10)
    with pytest.raises(TooLarge):
        parse_csv(b"email\n" + b"a" * 20_000, source="s.csv", max_rows=10)
