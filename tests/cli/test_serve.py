"""``vigil serve`` with its extraction worker process: uploads are extracted by the
worker, and SIGTERM stops the server and the worker within seconds, even mid-extraction,
the job under way going back to the queue (both backends)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.helpers import VIGIL, vigil
from vigil.samples import sample_paths

PASSWORD = "a long test password"
LONG = "Aigerim Tulegenova was detained in Almaty on 12 March 2021 by the police. " * 600
pytestmark = pytest.mark.slow


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def start(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], httpx.Client]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen([*VIGIL, "serve", "--port", str(port)], env=env)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    deadline = time.monotonic() + 60
    while True:
        try:
            if client.get("/api/session").status_code == 200:
                return proc, client
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline and proc.poll() is None, "vigil serve did not start"
        time.sleep(0.2)


def log_in(client: httpx.Client) -> str:
    form = client.get("/login").text
    csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/login", data={"name": "eve", "password": PASSWORD, "csrf": csrf})
    assert answer.status_code == 303
    return str(client.get("/api/session").json()["csrf"])


def upload(client: httpx.Client, token: str, name: str, data: bytes) -> int:
    answer = client.post(
        "/api/upload", files=[("files", (name, data))], headers={"X-CSRF-Token": token}
    )
    [result] = answer.json()["results"]
    assert result["extraction"]["state"] == "queued", result
    return int(result["report_id"])


def wait_for(client: httpx.Client, rid: int, state: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        [job] = client.get(f"/api/upload/extraction?ids={rid}").json()["reports"]
        if job["state"] == state:
            return
        assert job["state"] in ("queued", "running"), job
        assert time.monotonic() < deadline, f"report {rid} never became {state}"
        time.sleep(0.1)


def test_serve_extracts_uploads_in_its_worker_and_sigterm_stops_both_at_once(
    vigil_env: dict[str, str],
) -> None:
    env = {**vigil_env, "VIGIL_PASSWORD": PASSWORD, "VIGIL_EXTRACT_BUDGET_SECONDS": "0"}
    vigil("user", "add", "eve", "--role", "editor", env=env, check=True)
    proc, client = start(env)
    try:
        [worker] = children(proc.pid)
        token = log_in(client)
        arrest = next(p for p in sample_paths() if p.name == "kz-2024-nurlanova-arrest.txt")
        wait_for(client, upload(client, token, arrest.name, arrest.read_bytes()), "done")
        long = upload(client, token, "long.txt", LONG.encode())
        wait_for(client, long, "running")
        time.sleep(0.5)  # the model at work
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        client.close()
    assert proc.returncode == 0
    # How fast it stops is `make bench`'s to print (bench_upload); proc.wait(30) above
    # fails the test if the signal is ignored.
    assert not alive(worker), "the worker process is gone"
    jobs = vigil("extraction-jobs", "--json", env=env, check=True).stdout.decode().splitlines()
    by_report = {d["report_id"]: d for d in map(json.loads, jobs[1:])}
    assert by_report[long]["status"] == "queued", "the job under way went back to the queue"
    assert by_report[long]["attempts"] == 0


def test_serve_without_its_worker(vigil_env: dict[str, str]) -> None:
    env = {**vigil_env, "VIGIL_EXTRACTION_WORKER": "off"}
    proc, client = start(env)
    try:
        assert children(proc.pid) == []
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        client.close()
    assert proc.returncode == 0
