"""Hostile input: oversized and wrong-type uploads, hostile file names, HTML and script in
every field that reaches a page, unknown ids."""

from __future__ import annotations

import pytest

from tests.web.conftest import Site, csrf_of
from tests.web.fixtures import C, add_report_with_claims, summary
from vigil.cases.model import Dossier, Fact, TimelineEvent
from vigil.web.pages.upload import safe_filename

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "<svg onload=alert(3)>",
    "javascript:alert(4)",
    "'><iframe src=javascript:alert(5)>",
)
RAW = ("<script>alert(1)", "<img src=x", "<svg onload", "<iframe")


def assert_escaped(body: str) -> None:
    for raw in RAW:
        assert raw not in body, raw


def upload(client, files: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    csrf = csrf_of(client.get("/upload").text)
    return client.post("/upload", data={"csrf": csrf}, files=[("files", (n, b)) for n, b in files])


def test_xss_payloads_are_escaped_in_reports_claims_and_search(site: Site) -> None:
    text = " ".join(PAYLOADS) + " end."
    rid = add_report_with_claims(
        site.db, text, [C("person", {"name": p}, [(0, 10)]) for p in PAYLOADS],
        filename='<script>alert("f")</script>.txt',
    )  # fmt: skip
    client = site.login("rex")
    for path in (f"/reports/{rid}", "/review", "/reports", "/search?q=alert", "/search?q=<script>"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert_escaped(answer.text)
    assert "&lt;script&gt;" in client.get(f"/reports/{rid}").text


def test_xss_payloads_are_escaped_in_dossiers_public_and_internal(site: Site) -> None:
    p = PAYLOADS[1]
    site.cases.dossiers[1] = Dossier(
        summary=summary(1, p, aliases=(p,), charges=(p,), country=p),
        affiliations=(Fact({"organization": p, "position": p}, ()),),
        timeline=(TimelineEvent(p, "2021", None, p, p, (p,), (p,), ()),),
    )
    for client in (site.client(), site.login("vic")):
        for path in ("/", "/cases/1", "/laws", "/organizations", "/search?q=img", f"/search?q={p}"):
            answer = client.get(path)
            assert answer.status_code == 200, path
            assert_escaped(answer.text)


def test_unknown_ids_give_404_pages_not_tracebacks(site: Site) -> None:
    client = site.login("rex")
    for path in (
        "/cases/999",
        "/cases/abc",
        "/reports/999",
        "/reports/x/original",
        "/api/cases/999",
        "/api/reports/999",
        "/nowhere",
        "/cases/99999999999999999999",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "Traceback" not in answer.text
    csrf = csrf_of(client.get("/review").text)
    answer = client.post("/review/424242", data={"csrf": csrf, "action": "confirm"})
    assert answer.status_code == 404


def test_oversized_upload_is_refused_with_a_clear_message(site: Site) -> None:
    client = site.login("eve")
    answer = upload(client, [("big.txt", b"a" * (1024 * 1024 + 10))])
    assert answer.status_code == 200
    assert "larger than 1 MB" in answer.text


def test_wrong_types_and_empty_files_are_rejected_per_file(site: Site) -> None:
    client = site.login("eve")
    answer = upload(
        client,
        [("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100), ("empty.txt", b""),
         ("prog.exe", b"MZ\x90\x00" + b"\0" * 200)],
    )  # fmt: skip
    assert answer.text.count('class="rejected"') == 3
    assert "the file is empty" in answer.text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\report.txt", "report.txt"),
        ("a\u202egnp.exe", "a_gnp.exe"),
        ("<script>.txt", "_script_.txt"),
        ("", "upload"),
        ("...", "upload"),
        ("x" * 500, "x" * 200),
    ],
)
def test_safe_filename(raw: str, clean: str) -> None:
    assert safe_filename(raw) == clean


def test_upload_needs_a_login_and_the_editor_role(site: Site) -> None:
    assert site.client().post("/api/upload").status_code == 401
    assert site.login("vic").post("/api/upload").status_code == 403
