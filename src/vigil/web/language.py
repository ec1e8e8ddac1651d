"""Which language a page speaks.

A logged-in user who chose a language (``vigil user set-language``, the account page) gets
it. Everyone else gets the language they last picked with the switch (``?lang=ru``, kept in
the ``vigil_lang`` cookie), else the best match for their browser's ``Accept-Language``,
else the first of ``vigil/web/locale/languages.txt``. The switch carries a language code
only: nothing personal ever goes into the URL. Pages vary by language, so responses say
``Vary: Accept-Language, Cookie`` for shared caches.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request

from vigil import i18n
from vigil.web.auth import current_user

COOKIE = "vigil_lang"
PARAM = "lang"


def request_language(request: Request) -> str:
    """The language of this request's pages and messages (decided once per request)."""
    chosen: str | None = getattr(request.state, "language", None)
    if chosen:
        return chosen
    user = current_user(request)
    asked = i18n.known(request.query_params.get(PARAM))
    if asked:
        request.state.new_language = asked  # the middleware keeps it in the cookie
    if user is not None and i18n.known(user.language):
        chosen = i18n.known(user.language)
    else:
        chosen = (
            asked or i18n.known(request.cookies.get(COOKIE)) or i18n.negotiate(_accept(request))
        )
    request.state.language = chosen
    return chosen or i18n.default_language()


def _accept(request: Request) -> str | None:
    value = request.headers.get("accept-language")
    return value[:500] if value else None


def switch_links(request: Request, current: str) -> list[dict[str, str]]:
    """Links to this page in each other language: this page's own URL with ``lang`` set
    (the switch adds a language code and nothing else)."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != PARAM]
    links = []
    for code in i18n.languages():
        if code != current:
            href = f"{request.url.path}?{urlencode([*kept, (PARAM, code)])}"
            links.append({"code": code, "name": i18n.language_name(code), "href": href})
    return links
