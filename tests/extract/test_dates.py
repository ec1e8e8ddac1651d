from __future__ import annotations

import datetime as dt

from vigil.extract.dates import decide_day_first, find_dates, find_times, partial_date, resolve


def _iso(text: str, published: dt.date | None = None, day_first: bool = True) -> list[str | None]:
    return [resolve(f, published, None) for f in find_dates(text, day_first=day_first)]


def test_numeric_dates_follow_the_reports_order() -> None:
    assert _iso("06/01/2012 and 08.10.2011") == ["2012-01-06", "2011-10-08"]
    assert _iso("06/01/2012", day_first=False) == ["2012-06-01"]
    assert decide_day_first("on 13/01/2012 and 06/01/2012", "US") is True
    assert decide_day_first("on 01/13/2012 and 06/01/2012", None) is False
    assert decide_day_first("06/01/2012", "US") is False


def test_written_dates() -> None:
    assert _iso("on 16 December 2011") == ["2011-12-16"]
    assert _iso("on December 16, 2011") == ["2011-12-16"]
    assert _iso("on 16th of December, 2011") == ["2011-12-16"]
    assert _iso("in December 2011") == ["2011-12"]
    assert _iso("in 2011") == ["2011"]


def test_year_from_publication_and_anchors() -> None:
    pub = dt.date(2023, 5, 2)
    assert _iso("on Thursday 20 April", pub) == ["2023-04-20"]
    assert _iso("on 20 December", pub) == ["2022-12-20"]  # later than PUBLISHED: last year
    assert _iso("on December 10 last year", dt.date(2021, 2, 9)) == ["2020-12-10"]
    assert _iso("on 20 April") == [None]  # no year anywhere: left empty


def test_relative_dates_need_publication() -> None:
    pub = dt.date(2012, 1, 6)
    assert _iso("arrested yesterday", pub) == ["2012-01-05"]
    assert _iso("arrested yesterday") == [None]
    assert _iso("on Monday", pub) == ["2012-01-02"]
    assert _iso("last month", pub) == ["2011-12"]


def test_a_publication_date_known_to_the_month_dates_relative_words() -> None:
    """PUBLISHED: 2011-02 (seen on cpj.org, jurist.org copies): "on Wednesday" is February
    2011, "in December" is December 2010, "30 December" in January 2018 is 2017."""

    def iso(text: str, raw: str) -> list[str | None]:
        part = partial_date(raw)
        return [resolve(f, None, None, partial=part) for f in find_dates(text)]

    assert partial_date("2011-02") == (2011, 2)
    assert partial_date("2003") == (2003, None)
    assert partial_date("2011-02-03") is None
    assert iso("released on Wednesday", "2011-02") == ["2011-02"]
    assert iso("summoned today", "2011-02") == ["2011-02"]
    assert iso("arrested last week", "2011-02") == [None]  # may be the month before
    assert iso("sentenced in December", "2010-05") == ["2009-12"]
    assert iso("convicted in January", "2010-05") == ["2010-01"]
    assert iso("killed on 30 December", "2018-01") == ["2017-12-30"]
    assert iso("arrested on December 10", "2020-12") == ["2020-12-10"]
    assert iso("charged on January 14", "2003") == ["2003-01-14"]
    assert iso("on Monday", "2003") == [None]


def test_last_and_a_month_name() -> None:
    assert _iso("was shut down last September", dt.date(2004, 5, 21)) == ["2003-09"]


def test_bare_numbers_are_not_dates() -> None:
    assert find_dates("Building 62, Apartment 15, 300,000 followers, article 164") == []


def test_ranges_take_the_first_day() -> None:
    assert _iso("on 16-17 December 2011") == ["2011-12-16"]


def test_invalid_dates_are_dropped() -> None:
    assert _iso("31.02.2012") == [None]


def test_times() -> None:
    got = [v for _s, _e, v in find_times("at 9:30 am local time, at around 10.00pm, at 14:05")]
    assert got == ["09:30", "22:00", "14:05"]
    assert find_times("6.6 years and article 535.1") == []


def test_numeric_date_after_publication_flips_order() -> None:
    pub = dt.date(2023, 4, 25)
    got = [
        resolve(f, pub, None) for f in find_dates("on 04/12/2023", day_first=True, published=pub)
    ]
    assert got == ["2023-04-12"]


def test_scheduled_dates_may_lie_ahead() -> None:
    pub = dt.date(2021, 6, 10)
    (f,) = find_dates("on 20 June")
    assert resolve(f, pub, None) == "2020-06-20"
    assert resolve(f, pub, None, future=True) == "2021-06-20"


def test_a_weekday_without_on_dates_news_style() -> None:
    pub = dt.date(2019, 8, 23)  # a Friday
    assert _iso("A reporter was arrested Thursday in Dodoma.", pub) == ["2019-08-22"]
    assert _iso("They condemned Tuesday's verdict.", pub) == ["2019-08-20"]
    assert _iso("released late Saturday or early Sunday", pub) == ["2019-08-17", "2019-08-18"]
    assert _iso("Protests follow every Friday and Good Friday.", pub) == []
    assert _iso("Tuesday, 12 May 2020", pub) == ["2020-05-12"]
