"""Languages: gettext message catalogues, the language in use, and dates per locale.

The catalogues live in ``vigil/web/locale`` (the web and the alert mail share them): a
template ``messages.pot`` extracted from the code (``scripts/i18n.py``) and one
``<code>/LC_MESSAGES/messages.po`` per language, read with Babel when first needed, so no
compile step is needed to run Vigil. Which languages exist is data: ``languages.txt``.

The language in use is a context variable: the web sets it per request
(``vigil.web.language``), the alert worker per subscriber (``using``). ``gettext`` and
friends read it, so code far from the request (an error message, a drafted alert) needs no
language argument. Strings to translate are marked in code as ``_("...")``,
``ngettext(...)``, ``pgettext(context, ...)``; strings translated later, where they are
shown, are marked ``N_("...")`` / ``pN_(context, "...")``.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "web" / "locale"
DOMAIN = "messages"


@cache
def languages() -> tuple[str, ...]:
    """The language codes Vigil speaks, the source (and default) language first."""
    text = (LOCALE_DIR / "languages.txt").read_text(encoding="utf-8")
    codes = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    found = tuple(c for c in codes if c)
    if not found:
        raise RuntimeError(f"no languages listed in {LOCALE_DIR / 'languages.txt'}")
    return found


def default_language() -> str:
    return languages()[0]


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The catalogue of ``code`` (the source language translates to itself). Fuzzy
    entries are left out: a translator has not confirmed them yet."""
    if code == default_language():
        return _gettext.NullTranslations()
    if code not in languages():
        raise ValueError(f"unknown language {code!r}; known: {', '.join(languages())}")
    with catalogue_path(code).open("rb") as fh:
        catalog = read_po(fh, locale=code, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def language_name(code: str) -> str:
    """A language's own name for itself ("English", "Русский")."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def known(code: str | None) -> str | None:
    """``code`` if Vigil speaks it (case and region ignored: "ru-RU" -> "ru"), else None."""
    if not code:
        return None
    code = code.strip().replace("_", "-").lower()
    if code in languages():
        return code
    base = code.split("-", 1)[0]
    return base if base in languages() else None


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an ``Accept-Language`` header (q-values honoured,
    ties in the browser's order), else the default language."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept_language or "").split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = known(tag)
        if code is None or quality <= 0:
            continue
        if best is None or (quality, -position) > (best[0], best[1]):
            best = (quality, -position, code)
    return best[2] if best else default_language()


# --- the language in use ------------------------------------------------------------------

_current: ContextVar[str | None] = ContextVar("vigil_language", default=None)


def current() -> str:
    return _current.get() or default_language()


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Speak ``code`` (the default language when None or unknown) inside the block."""
    chosen = known(code) or default_language()
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def set_current(code: str | None) -> str:
    """Speak ``code`` from now on in this context (one web request)."""
    chosen = known(code) or default_language()
    _current.set(chosen)
    return chosen


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(current()).npgettext(context, singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return message


def pN_(context: str, message: str) -> str:
    """Mark ``message`` (in ``context``) for the catalogue; translated where shown."""
    return message


#: What extraction looks for in Python code (``scripts/i18n.py``, the catalogue test).
KEYWORDS: dict[str, object] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
    "pN_": ((1, "c"), 2),
}


# --- dates ---------------------------------------------------------------------------------


def format_day(value: str | date | datetime | None, *, length: str = "medium") -> str:
    """A date as the reader's language writes it: '2024-03-12' -> '12 Mar 2024' /
    '12 мар. 2024 г.'; partial ISO dates stay partial ('2024-03' -> 'Mar 2024'); a value
    that is not a date is returned as it is."""
    if value is None or value == "":
        return ""
    locale = current()
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value, format=length, locale=locale)
    text = str(value).strip()
    parts = text[:10].split("-")
    try:
        if len(parts) == 3:
            return format_date(date.fromisoformat(text[:10]), format=length, locale=locale)
        if len(parts) == 2 and len(parts[0]) == 4:
            day = date(int(parts[0]), int(parts[1]), 1)
            return format_skeleton("yMMMM" if length == "long" else "yMMM", day, locale=locale)
    except ValueError:
        return text
    return text
