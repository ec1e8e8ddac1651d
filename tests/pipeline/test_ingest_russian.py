"""Issue 13's bad input through `vigil ingest`, as a user would give it: Russian files in
cp1251 and KOI8-R, Russian mixed with English and Kazakh, Russian in Latin letters, Kazakh
letters in names. Each is stored with its text read right (no mojibake), extracted without
a failed stage, and found by search in any grammatical form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import vigil

RU = (
    "Полиция задержала журналиста Ивана Петрова в Минске 6 января 2012 года. "
    "Его обвинили по ч. 2 ст. 342 УК Республики Беларусь."
)
FILES = {
    "cp1251.txt": (RU, "cp1251"),
    "koi8.txt": (RU.replace("Ивана Петрова", "Ольгу Смирнову"), "koi8_r"),
    "mixed.txt": (
        "Police detained Asel Nurlanova in Almaty. Полиция задержала Асель Нурланову. "
        "Полиция Әлия Қасымованы ұстады.",
        "utf-8",
    ),
    "translit.txt": (
        "Politsiya zaderzhala aktivista Ivana Petrova v Almaty 6 yanvarya 2012 goda.",
        "utf-8",
    ),
    "kazakh.txt": (
        "Полиция задержала активистку Әлия Қасымова и Ұлан Өмірбек в Алматы. "
        "Суд арестовал Қасымову на два месяца. Һ, Ғ, Ң, Ү, І.",
        "utf-8",
    ),
}


def found(q: str, env: dict[str, str]) -> set[str]:
    out = vigil("search", q, "--json", env=env, check=True).stdout.splitlines()
    return {json.loads(x)["filename"] for x in out}


@pytest.mark.slow
def test_bad_russian_input_is_read_and_found(tmp_path: Path, vigil_env: dict[str, str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (text, encoding) in FILES.items():
        (folder / name).write_bytes(text.encode(encoding))
    proc = vigil("ingest", "--json", folder, env=vigil_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = {Path(r["source"]).name: r for r in map(json.loads, proc.stdout.splitlines())}
    assert {n: r["status"] for n, r in results.items()} == dict.fromkeys(FILES, "stored")
    for name, (text, encoding) in FILES.items():
        rid = str(results[name]["report_id"])
        shown = json.loads(vigil("report", rid, "--json", env=vigil_env, check=True).stdout)
        assert shown["text"].strip() == text, name  # decoded right, never mojibake
        assert not any("failed" in w for w in shown["warnings"]), (name, shown["warnings"])
        if encoding != "utf-8":
            assert any(encoding.replace("_", "-") in w.lower() or encoding in w.lower()
                       for w in shown["warnings"]), shown["warnings"]  # fmt: skip
    # Extraction read them too: the Kazakh name is a person, in the nominative.
    rid = str(results["kazakh.txt"]["report_id"])
    claims = vigil("claims", "--report", rid, "--kind", "person", "--json", env=vigil_env)
    names = {json.loads(x)["value"]["name"] for x in claims.stdout.splitlines()}
    assert any("Қасымова" in n for n in names), names
    # Any form, either script: "Петров" finds the transliterated "Petrova" too.
    assert found("Петров", vigil_env) == {"cp1251.txt", "translit.txt"}
    assert found("Смирновой", vigil_env) == {"koi8.txt"}
    assert found("Нурланова", vigil_env) == {"mixed.txt"}
    assert found("Қасымовой", vigil_env) == {"kazakh.txt"}
    assert found("Petrova", vigil_env) >= {"translit.txt"}
