"""The message catalogues: the template is what the code marks today, every language
translates all of it (nothing empty, nothing fuzzy, placeholders kept), and the language
helpers read browsers and dates as expected."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from vigil import i18n
from vigil.i18n_extract import TEMPLATE, template

FIX = "run `python scripts/i18n.py`, then translate what it reports"


def _ids(catalog: Catalog) -> set[tuple[str | None, object]]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def _file(path: object, locale: str | None = None) -> Catalog:
    with open(path, "rb") as fh:  # type: ignore[call-overload]
        return read_po(fh, locale=locale)


def test_the_template_is_up_to_date_with_the_code_and_templates() -> None:
    fresh, stored = _ids(template()), _ids(_file(TEMPLATE))
    assert fresh - stored == set(), f"strings missing from messages.pot: {FIX}"
    assert stored - fresh == set(), f"strings no longer in the code: {FIX}"
    assert len(fresh) > 300


@pytest.mark.parametrize("code", i18n.languages()[1:])
def test_every_message_is_translated(code: str) -> None:
    catalog = _file(i18n.catalogue_path(code), code)
    assert _ids(catalog) == _ids(_file(TEMPLATE)), f"{code}: not merged with the template: {FIX}"
    empty = [m.id for m in catalog if m.id and not all(_strings(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert empty == [], f"{code}: untranslated"
    assert fuzzy == [], f"{code}: fuzzy entries are not used until a translator confirms them"


@pytest.mark.parametrize("code", i18n.languages()[1:])
def test_translations_keep_every_placeholder(code: str) -> None:
    """A lost %(name)s or {name} would crash a page or drop a name from an alert."""
    pattern = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    wrong = []
    for m in _file(i18n.catalogue_path(code), code):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        wanted = {a or b for text in ids for a, b in pattern.findall(text)}
        for text in _strings(m.string):
            # A plural form may leave the number out ("одну секунду"), nothing else.
            got = {a or b for a, b in pattern.findall(text)}
            if got - wanted or wanted - got - {"num", "count"}:
                wrong.append((m.id, text))
    assert wrong == []


def _strings(value: object) -> list[str]:
    return [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]


def test_the_source_language_comes_first_and_has_no_catalogue() -> None:
    assert i18n.languages()[0] == "en" and "ru" in i18n.languages()
    with i18n.using("en"):
        assert i18n.gettext("Hot topics") == "Hot topics"
    with i18n.using("ru"):
        assert i18n.gettext("Hot topics") == "Главное"
        assert i18n.pgettext("event type", "search") == "обыск"
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("en-GB,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru"),  # the best we speak, even if not their first
        ("en;q=0.2, ru;q=0.9", "ru"),  # q-values, not order
        ("de, fr", "en"),
        ("", "en"),
        (None, "en"),
        ("ru;q=0", "en"),
        ("ru;q=abc", "en"),
    ],
)
def test_browser_languages_are_negotiated(header: str | None, expected: str) -> None:
    assert i18n.negotiate(header) == expected


def test_dates_are_written_as_each_language_writes_them() -> None:
    with i18n.using("ru"):
        assert i18n.format_day("2024-03-12") == "12 мар. 2024\u202fг."
        assert i18n.format_day("2024-03") == "март 2024\u202fг."
        assert i18n.format_day("2024") == "2024"
        assert i18n.format_day("not a date") == "not a date"
    assert i18n.format_day("2024-03-12") == "Mar 12, 2024"
    assert i18n.format_day(None) == ""
