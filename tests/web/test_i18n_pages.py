"""Pages in the reader's language: a visitor's browser or switch, a user's own choice."""

from __future__ import annotations

import re

from tests.web.conftest import Site, csrf_of
from vigil import i18n
from vigil.cases.publishable import PublishRefused
from vigil.store.accounts import set_language

RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"}


def test_a_russian_browser_gets_russian_public_pages(site: Site) -> None:
    web = site.client()
    home = web.get("/", headers=RU)
    assert home.status_code == 200
    assert '<html lang="ru">' in home.text
    assert "Главное" in home.text and "Последние события" in home.text
    assert "Hot topics" not in home.text
    assert "Accept-Language" in home.headers["vary"]
    case = web.get("/cases/1", headers=RU)
    assert case.status_code == 200 and '<html lang="ru">' in case.text
    assert "Хронология" in case.text and "Timeline" not in case.text
    for path in ("/alerts", "/alerts/subscribe", "/search", "/organizations", "/laws"):
        answer = web.get(path, headers=RU)
        assert answer.status_code == 200 and '<html lang="ru">' in answer.text, path
    missing = web.get("/cases/999999", headers=RU)
    assert missing.status_code == 404 and "Не найдено" in missing.text
    # Without a preference: English, the source language.
    assert '<html lang="en">' in web.get("/").text


def test_the_switch_is_kept_in_a_cookie_and_beats_the_browser(site: Site) -> None:
    web = site.client()
    page = web.get("/search?q=Almaty", headers=RU)
    assert 'href="/search?q=Almaty&amp;lang=en"' in page.text  # this page, in English
    chosen = web.get("/cases/1?lang=en", headers=RU)
    assert '<html lang="en">' in chosen.text
    assert "vigil_lang=en" in chosen.headers["set-cookie"]
    assert "HttpOnly" in chosen.headers["set-cookie"]
    assert '<html lang="en">' in web.get("/", headers=RU).text, "kept by the cookie"
    assert '<html lang="ru">' in web.get("/?lang=ru").text
    assert '<html lang="ru">' in web.get("/").text
    unknown = web.get("/?lang=xx")  # an unknown code is ignored: the cookie still holds
    assert unknown.status_code == 200 and '<html lang="ru">' in unknown.text


def test_a_user_gets_pages_in_their_own_language(site: Site) -> None:
    with site.db.transaction() as s:
        set_language(s, "rex", "ru", actor="setup")
    rex = site.login("rex")
    review = rex.get("/review", headers={"Accept-Language": "en"})
    assert '<html lang="ru">' in review.text and "Очередь на проверку" in review.text
    case = rex.get("/cases/2").text
    assert "Подготовить срочную акцию по этому делу" in case
    assert "Один и тот же человек?" in case and "Публичный сайт" in case
    # Another user follows their browser.
    vic = site.login("vic")
    assert '<html lang="en">' in vic.get("/reports").text
    assert '<html lang="ru">' in vic.get("/reports", headers=RU).text


def test_the_account_page_changes_ones_own_language(site: Site) -> None:
    eve = site.login("eve")
    form = eve.get("/account")
    assert form.status_code == 200 and 'name="language"' in form.text
    saved = eve.post("/account/language", data={"language": "ru", "csrf": csrf_of(form.text)})
    assert saved.status_code == 303
    assert "Ваша учётная запись" in eve.get("/account").text
    bad = eve.post("/account/language", data={"language": "xx", "csrf": csrf_of(form.text)})
    assert bad.status_code == 400
    back = eve.post("/account/language", data={"language": "", "csrf": csrf_of(form.text)})
    assert back.status_code == 303
    assert '<html lang="en">' in eve.get("/account").text
    assert site.client().get("/account").status_code == 303  # to the login page


def test_subscribers_get_the_language_of_the_page_they_subscribed_from(site: Site) -> None:
    from sqlalchemy import select

    from vigil.store.alerts import SubscriberRow

    web = site.client()
    form = web.get("/alerts/subscribe", headers=RU)
    done = web.post(
        "/alerts/subscribe",
        data={"email": "chitatel@example.org", "csrf": csrf_of(form.text)},
        headers=RU,
    )
    assert done.status_code == 200 and "письмо со ссылкой" in done.text
    bad = web.post(
        "/alerts/subscribe", data={"email": "nope", "csrf": csrf_of(form.text)}, headers=RU
    )
    assert bad.status_code == 400 and "мы писать не можем" in bad.text
    with site.db.read() as s:
        row = s.scalars(select(SubscriberRow)).one()
        assert row.language == "ru"


def test_a_russian_reviewer_gets_the_preview_refusal_and_quality_in_russian(site: Site) -> None:
    from tests.quality.test_gold import _review_all, _store
    from tests.web.test_preview import _unreviewed_case

    site.cases.dossiers[3] = _unreviewed_case()
    with site.db.transaction() as s:
        set_language(s, "rex", "ru", actor="setup")
    rex = site.login("rex")
    preview = rex.get("/cases/3/preview").text
    assert "Публиковать пока нельзя: 2 сведения" in preview
    assert "дата рождения 1990-01-01" in preview and "событие обыск 2022-05-02" in preview
    assert "Not publishable" not in preview and "Preview:" not in preview
    with i18n.using("ru"):  # as the publish form's refusal page says it
        refused = PublishRefused(3, ["дата рождения 1990-01-01", "событие обыск 2022-05-02"])
    assert refused.message.startswith("не опубликовано: 2 сведения, которые увидят")
    assert PublishRefused(3, ["role victim"]).message == (
        "not published: 1 fact the public would see is not reviewed yet (role victim)"
    )
    # The API keeps English for clients.
    api = rex.get("/api/cases/3/preview").json()
    assert api["pending_review"] == ["birth date 1990-01-01", "event search 2022-05-02"]
    shown = rex.get("/cases/1/preview").text
    assert "Скрытые значения" in shown and "Раскрыть…" in shown
    asked = rex.post(
        "/cases/1/release", data={"csrf": csrf_of(shown), "value": "x", "back": "preview"}
    )
    assert "Раскрыть скрытое значение?" in asked.text and "Release" not in asked.text
    assert "Проверенных сообщений пока нет" in rex.get("/quality").text
    _review_all(site.db, _store(site.db))
    quality = rex.get("/quality").text
    assert "События (вид, пострадавший и дата)" in quality and "Точность" in quality
    assert "Precision" not in quality and "reviewed report" not in quality


def test_the_workbench_and_case_page_name_fact_fields_in_russian(site: Site) -> None:
    """Issue 13: the fact schema's labels and vocabularies (facts.yaml) and the workbench's
    summaries were English on Russian pages."""
    from tests.web.fixtures import add_report_with_claims
    from tests.web.typical_report import TEXT, claims

    rid = add_report_with_claims(site.db, TEXT, claims(), filename="serikova.txt")
    with site.db.transaction() as s:
        set_language(s, "rex", "ru", actor="setup")
    rex = site.login("rex")
    first = re.search(r'data-fact="(\d+)"', rex.get(f"/review/reports/{rid}").text)
    assert first is not None  # the first person, with an edit form open
    bench = rex.get(f"/review/reports/{rid}?edit={first.group(1)}").text
    for russian in (
        "Роль",
        "Имя",
        "пострадавший",
        "адвокат",
        "(СМИ)",
        "также пишется",
        "пострадавшие: Dana Serikova",
        "лишение свободы",
        'value="birth_date"',
    ):
        assert russian in bench, russian  # fmt: skip
    for english in (">Role<", ">victim<", "also written", "victims:", "(media)", ">person<"):
        assert english not in bench, english
    case = rex.get("/cases/1").text
    assert "степень родства" in case and ">relation<" not in case
    # The API keeps English for clients.
    facts = rex.get(f"/api/review/reports/{rid}").text
    assert "also written" in facts
