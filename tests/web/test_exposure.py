"""A server one can expose: Host checks, a write token, bounded bodies, honest statuses.

Through a real `crossroads serve` on a free loopback port (with a token, so writes need it),
and the serve command's refusal and warning off loopback.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOKEN = "s3cret-token-for-tests"
LIMIT = 200_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from crossroads.cli import main; main()", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def server(web_store):
    """(port, store path) of a real write-enabled server with a token and a small body limit."""
    port = _free_port()
    proc = _serve(
        "--db",
        web_store[0],
        "--port",
        str(port),
        "--write",
        "--token",
        TOKEN,
        env={"CROSSROADS_MAX_BODY": str(LIMIT)},
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if _request(port, "GET", "/api/stats")[0] == 200:
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"serve did not start: {proc.communicate()[0]!r}")
            time.sleep(0.2)
    yield port, web_store[0]
    proc.terminate()
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def _request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def _post(port: int, payload: dict, token: str | None = TOKEN, **headers) -> tuple[int, dict]:
    hdrs = {"Content-Type": "application/json", **headers}
    if token:
        hdrs["Authorization"] = f"Bearer {token}"
    status, _, body = _request(port, "POST", "/api/ingest", json.dumps(payload).encode(), hdrs)
    return status, json.loads(body or b"{}")


def test_exposure_foreign_host_header_is_refused(server):
    port, _ = server
    status, _, _ = _request(
        port,
        "POST",
        "/api/ingest",
        b"{}",
        {
            "Host": "evil.example",
            "Authorization": f"Bearer {TOKEN}",
            "Content-Type": "application/json",
        },
    )
    assert status == 400
    assert _request(port, "GET", "/api/stats", headers={"Host": "evil.example"})[0] == 400
    assert _request(port, "GET", "/api/stats", headers={"Host": f"localhost:{port}"})[0] == 200


def test_exposure_writes_need_the_token(server):
    port, _ = server
    text = {"source": "note.txt", "text": "Officials met in Osh on Monday."}
    status, body = _post(port, text, token=None)
    assert status == 401 and "token" in body["error"]
    assert _post(port, text, token="wrong")[0] == 401


def test_exposure_failed_ingest_is_an_error_naming_no_server_path(server):
    port, db = server
    menu = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    status, body = _post(port, {"source": "menu.html", "text": menu})
    assert status == 400, body
    assert body["error"].startswith("menu.html: ") and "no article text" in body["error"]
    assert "/tmp" not in body["error"] and db not in body["error"]


def test_exposure_big_bodies_are_refused_without_reading_them(server):
    port, _ = server
    # a declared 55 MB body: refused at once, although not a byte of it is sent
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        sock.sendall(
            b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\n"
            + f"Authorization: Bearer {TOKEN}\r\n".encode()
            + b'Content-Length: 57671680\r\n\r\n{"source": "x"'
        )
        reply = sock.recv(4096).decode("latin-1")
    finally:
        sock.close()
    assert reply.startswith("HTTP/1.1 413"), reply
    # a chunked body with no length: refused once the bytes read pass the limit
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    chunks = (b"x" * 50_000 for _ in range(20))
    conn.request(
        "POST",
        "/api/ingest",
        body=chunks,
        encode_chunked=True,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    resp = conn.getresponse()
    assert resp.status == 413 and "too large" in json.loads(resp.read())["error"]
    conn.close()


def test_exposure_huge_offset_and_head(server):
    port, _ = server
    status, _, body = _request(port, "GET", f"/api/documents?offset={2**63}")
    assert status == 400 and json.loads(body)["param"] == "offset"
    status, headers, body = _request(port, "HEAD", "/")
    assert status == 200 and body == b"" and headers["content-type"].startswith("text/html")
    assert _request(port, "HEAD", "/api/stats")[0] == 200


def test_exposure_write_off_loopback_needs_a_token(web_store):
    proc = _serve(
        "--db", web_store[0], "--host", "0.0.0.0", "--write", env={"CROSSROADS_TOKEN": ""}
    )
    out = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 2 and "--token" in out and "CROSSROADS_TOKEN" in out


def test_exposure_public_reads_are_warned_about(web_store):
    # the port is taken (bound, never listening), so the server stops right after the warning
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        port = taken.getsockname()[1]
        proc = _serve("--db", web_store[0], "--host", "0.0.0.0", "--port", str(port))
        out = proc.communicate(timeout=60)[0].decode()
    assert "warning" in out and "reads are public" in out


def test_exposure_store_errors_name_no_path(tmp_path):
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    db = tmp_path / "gone.db"
    app = create_app(str(db))
    db.parent.joinpath("gone.db").mkdir()  # the store's file is now a folder: it cannot open
    with TestClient(app) as c:
        resp = c.get("/api/stats")
    assert resp.status_code == 503 and str(tmp_path) not in resp.text
    assert Path(db).is_dir()
