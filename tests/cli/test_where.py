"""One data location: the server `make run` starts and a command typed by hand agree."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers import vigil

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_where_names_the_default_data_directory(tmp_path: Path) -> None:
    out = vigil("where", "--json", env=_env(tmp_path), check=True)
    info = json.loads(out.stdout)
    assert info["home"] == str(tmp_path / "data" / "vigil") and info["home_from"] == "default"
    assert info["database"] == f"sqlite:///{tmp_path / 'data' / 'vigil' / 'vigil.db'}"


def test_where_follows_vigil_home_and_hides_passwords(tmp_path: Path) -> None:
    env = _env(tmp_path) | {
        "VIGIL_HOME": str(tmp_path / "elsewhere"),
        "VIGIL_DATABASE_URL": "postgresql://vigil:s3cret@db.example/vigil",
    }
    out = vigil("where", env=env, check=True).stdout.decode()
    assert str(tmp_path / "elsewhere") in out and "(VIGIL_HOME)" in out
    assert "s3cret" not in out and "VIGIL_DATABASE_URL" in out


def test_make_run_uses_the_same_data_directory_as_a_typed_command() -> None:
    """`make run` used to keep its data in .vigil/ while `vigil user add` typed afterwards
    wrote to the user data directory: the account never reached the running server."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "VIGIL_HOME" not in makefile
