"""The JSON API against a real uvicorn on 127.0.0.1 with a temporary SQLite store."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.web.server import TOKEN, Server, run_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PROBLEM = "application/problem+json"
URL_ID = "https://news.example/2026/03/ferry?ref=a b"


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def test_health_counts_the_store(client: httpx.Client) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["articles"] >= 10 and body["stories"] >= 4


def test_story_list_pages_and_totals(client: httpx.Client) -> None:
    first = client.get("/api/v1/stories", params={"limit": 2}).json()
    assert set(first) == {"items", "total", "limit", "offset"}
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["items"]) == 2
    assert set(first["items"][0]) >= {"story_id", "title", "article_ids", "first_seen", "outlets"}
    rest = client.get("/api/v1/stories", params={"limit": 500, "offset": 2}).json()
    ids = [s["story_id"] for s in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == first["total"]
    times = [s["first_seen"] for s in first["items"] + rest["items"] if s["first_seen"]]
    assert times == sorted(times, reverse=True)  # newest first by default


def test_story_list_search_outlet_dates_and_sort(client: httpx.Client) -> None:
    found = client.get("/api/v1/stories", params={"q": "solvent leak"}).json()
    assert found["items"][0]["title"].startswith("Chemical leak")
    # stemming: "treated" matches "treatment"
    assert client.get("/api/v1/stories", params={"q": "treatments"}).json()["total"] >= 1
    # FTS5 syntax in the input is taken as words, never as operators
    odd = client.get("/api/v1/stories", params={"q": 'leak" OR NEAR(x'})
    assert odd.status_code == 200
    by_outlet = client.get("/api/v1/stories", params={"outlet": "Valley Courier"}).json()
    assert by_outlet["total"] == 1 and "Valley Courier" in by_outlet["items"][0]["outlets"]
    dated = client.get(
        "/api/v1/stories", params={"since": "2026-03-04T00:00:00Z", "until": "2026-03-04T23:59:59Z"}
    ).json()
    assert dated["total"] >= 1
    assert all(s["first_seen"].startswith("2026-03-04") for s in dated["items"])
    undated_total = client.get("/api/v1/stories").json()["total"]
    assert undated_total > dated["total"]  # the undated hostile story is listed without filters
    big = client.get("/api/v1/stories", params={"sort": "-size"}).json()["items"]
    sizes = [len(s["article_ids"]) for s in big]
    assert sizes == sorted(sizes, reverse=True)
    oldest = client.get("/api/v1/stories", params={"sort": "first_seen"}).json()["items"]
    times = [s["first_seen"] for s in oldest if s["first_seen"]]
    assert times == sorted(times)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},  # below the minimum
        {"limit": 501},  # above the maximum
        {"offset": -1},  # negative
        {"sort": "size"},  # unknown order
        {"since": "yesterday"},  # not ISO 8601
    ],
)
def test_story_list_rejects_bad_parameters(client: httpx.Client, params: dict[str, object]) -> None:
    response = client.get("/api/v1/stories", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == 422


def test_story_json_contract_and_404(client: httpx.Client) -> None:
    listing = client.get("/api/v1/stories", params={"sort": "-size", "limit": 1}).json()
    story_id = listing["items"][0]["story_id"]
    first = client.get(f"/api/v1/stories/{story_id}")
    # derived for this request, or built already by the background builder at start
    assert first.headers["wiretrace-cache"] in {"miss", "hit"}
    story = first.json()
    assert story["story_id"] == story_id and story["schema_version"]
    assert story["edges"] and story["timeline"] and "quotes" in story
    again = client.get(f"/api/v1/stories/{story_id}")  # from the store's cache
    assert again.headers["wiretrace-cache"] == "hit" and again.json() == story
    missing = client.get("/api/v1/stories/s9999")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    assert set(missing.json()) >= {"type", "title", "status", "detail"}


def test_article_by_percent_encoded_url_id(client: httpx.Client) -> None:
    response = client.get("/api/v1/articles/" + quote(URL_ID, safe=""))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == URL_ID and body["story_id"]
    assert "<script>" in body["text"]  # JSON carries the text as is
    assert isinstance(body["boilerplate"], list)
    wire = client.get("/api/v1/articles/demo-wire").json()
    assert wire["story_id"] and wire["outlet"] == "Continental Press Wire"
    assert client.get("/api/v1/articles/no-such-id").status_code == 404


def test_requests_cannot_read_server_files(client: httpx.Client, server: Server) -> None:
    for path in (
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/cli/app.py",
        "/static/swagger/..%2f..%2f..%2fetc%2fpasswd",
        "/api/v1/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/articles/" + quote(str(server.db), safe=""),
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "root:" not in response.text
    # compare takes texts or stored ids, never a path
    response = client.post(
        "/api/v1/compare", json={"a": {"path": "/etc/passwd"}, "b": {"text": "x"}}
    )
    assert response.status_code == 422
    response = client.post("/api/v1/compare", json={"a": {"id": "/etc/passwd"}, "b": {"text": "x"}})
    assert response.status_code == 404


def test_compare_texts_and_stored_ids(client: httpx.Client) -> None:
    a = "Police said 12 people were hurt in the crash on Monday. The road reopened at noon."
    b = "Police said 21 people were hurt in the crash on Monday. The road reopened at noon."
    body = client.post(
        "/api/v1/compare", json={"a": {"text": a, "title": "A"}, "b": {"text": b}}
    ).json()
    assert body["schema_version"] and body["related"] is True
    assert "number_changed" in {f["kind"] for f in body["findings"]}
    stored = client.post(
        "/api/v1/compare", json={"a": {"id": "demo-wire"}, "b": {"id": "demo-rewrite-1"}}
    ).json()
    assert stored["related"] is True and stored["a"]["outlet"] == "Continental Press Wire"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ('{"a": {"text": "x"}, "b": ', 400),  # malformed JSON
        ('{"a": {"text": "x"}}', 422),  # b missing
        ('{"a": {"text": "x", "id": "y"}, "b": {"text": "z"}}', 422),  # both text and id
        ('{"a": {"text": "   "}, "b": {"text": "z"}}', 422),  # empty text
        ('{"a": {"text": "x", "published": "soon"}, "b": {"text": "z"}}', 422),  # bad date
    ],
)
def test_compare_errors_are_problems(client: httpx.Client, body: str, status: int) -> None:
    response = client.post(
        "/api/v1/compare", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == status


def test_body_over_the_limit_is_413(client: httpx.Client) -> None:
    big = {"a": {"text": "word " * 250_000}, "b": {"text": "x"}}  # ~1.25 MB > 1 MB
    response = client.post("/api/v1/compare", json=big)
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"a": {"text": "'
        for _ in range(40):
            yield b"word " * 6000
        yield b'"}, "b": {"text": "x"}}'

    streamed = client.post(
        "/api/v1/compare", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_compare_over_the_running_limit_is_429(server: Server) -> None:
    text = " ".join(
        f"Council member {n} said the {n}th bridge repair would cost {n * 3} million."
        for n in range(1500)
    )
    other = text.replace("million", "billion")
    codes: list[int] = []

    def post() -> None:
        with server.client() as c:
            codes.append(
                c.post(
                    "/api/v1/compare", json={"a": {"text": text}, "b": {"text": other}}
                ).status_code
            )

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 200 in codes and 429 in codes, codes


def test_writes_need_the_token(client: httpx.Client) -> None:
    article = {"id": "w-noauth", "text": "A text that must not land without a token."}
    assert client.post("/api/v1/articles", json=article).status_code == 401
    wrong = client.post("/api/v1/articles", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/api/v1/articles/w-noauth").status_code == 404


def test_post_articles_adds_clusters_and_reports(client: httpx.Client) -> None:
    wire = client.get("/api/v1/articles/demo-wire").json()
    copy = wire["text"].replace("Nearly 300", "Nearly 400")
    batch = [
        {"id": "w-copy", "text": copy, "outlet": "Copy Desk", "published": "2026-03-04T12:00:00Z"},
        {"id": "w-new", "text": "Orchid growers in Pellmar opened a winter show on Friday."},
        {"id": "demo-wire", "text": "already there"},
        {"id": "w-bad", "text": "x", "published": "not a date"},
        {"text": "no id"},
        "not an object",
    ]
    body = client.post("/api/v1/articles", json=batch, headers=AUTH).json()
    added = {a["id"]: a for a in body["added"]}
    assert set(added) == {"w-copy", "w-new"}
    assert added["w-copy"]["story_id"] == wire["story_id"] and added["w-copy"]["reason"] == "copy"
    assert added["w-new"]["story_id"] != wire["story_id"]
    assert [d["id"] for d in body["duplicates"]] == ["demo-wire"]
    assert {s["index"] for s in body["skipped"]} == {3, 4, 5}
    assert all(s["reason"] for s in body["skipped"])
    one = client.post(
        "/api/v1/articles", json={"id": "w-one", "text": "A lone note on tides."}, headers=AUTH
    ).json()
    assert [a["id"] for a in one["added"]] == ["w-one"]
    # the cached story is out of date: shown marked stale until the background builder
    # has stored the new version, which has the copy
    first = client.get(f"/api/v1/stories/{wire['story_id']}")
    assert first.headers["wiretrace-cache"] in {"stale", "hit", "miss"}
    if first.headers["wiretrace-cache"] == "stale":
        assert "w-copy" not in first.json()["article_ids"]
    story = current_story(client, wire["story_id"])
    assert "w-copy" in story["article_ids"]


def current_story(client: httpx.Client, story_id: str) -> dict[str, Any]:
    """The story JSON once it is no longer stale (the background builder has run)."""
    deadline = time.monotonic() + 120
    while True:
        response = client.get(f"/api/v1/stories/{quote(story_id, safe='')}")
        assert response.status_code == 200, response.text
        if response.headers["wiretrace-cache"] != "stale" or time.monotonic() > deadline:
            assert response.headers["wiretrace-cache"] in {"hit", "miss"}
            payload: dict[str, Any] = response.json()
            return payload
        time.sleep(0.2)


def test_concurrent_writers_never_share_a_story_id(server: Server) -> None:
    def post(worker: int, out: list[str]) -> None:
        with server.client(headers=AUTH) as c:
            for n in range(6):
                animal = ["owl", "fox", "elk", "yak", "emu", "gnu"][n]
                text = (
                    f"Unrelated note {worker}-{n}: the {animal} of district {worker * 10 + n} "
                    f"was counted by volunteers named Tamsin{worker}{n}."
                )
                article = {"id": f"c-{worker}-{n}", "text": text}
                body = c.post("/api/v1/articles", json=article).json()
                out.extend(a["story_id"] for a in body["added"] if a["reason"] == "new")

    results: list[list[str]] = [[] for _ in range(4)]
    threads = [threading.Thread(target=post, args=(w, results[w])) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    new_ids = [s for r in results for s in r]
    assert len(new_ids) == len(set(new_ids))


def test_every_response_has_the_csp_and_no_cors(client: httpx.Client) -> None:
    for path in ("/api/v1/health", "/", "/docs", "/api/v1/stories/s9999"):
        response = client.get(path, headers={"Origin": "https://elsewhere.example"})
        csp = response.headers["content-security-policy"]
        assert (
            "script-src 'self'" in csp
            and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        )
        assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/v1/articles",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_openapi_and_docs_are_served_locally(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/v1/health",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/compare",
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/similar/{article_id}",
    ):
        assert path in spec["paths"], path
    docs = client.get("/docs").text
    scripts = re.findall(r"<script([^>]*)>", docs)
    assert scripts and all('src="/static/' in s for s in scripts)  # own files, no inline code
    assert "//cdn" not in docs and "https://" not in docs
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_similar_lists_the_copies(client: httpx.Client) -> None:
    body = client.get("/api/v1/similar/demo-wire").json()
    assert body["article_id"] == "demo-wire"
    assert {"demo-rewrite-1"} <= {h["article_id"] for h in body["items"]}
    assert client.get("/api/v1/similar/no-such-id").status_code == 404


def test_unknown_api_route_is_a_problem(client: httpx.Client) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM


def test_read_token_protects_reads(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "read.db"
    db.write_bytes(seeded_db.read_bytes())
    env = {"WIRETRACE_TOKEN": TOKEN, "WIRETRACE_READ_TOKEN": "reader-token"}
    with run_server(db, env=env) as running, running.client() as c:
        assert c.get("/api/v1/health").status_code == 200
        assert c.get("/api/v1/stories").status_code == 401
        assert (
            c.post("/api/v1/compare", json={"a": {"text": "x"}, "b": {"text": "y"}}).status_code
            == 401
        )
        page = c.get("/stories/s1?x=1", headers={"accept": "text/html"})
        assert page.status_code == 303  # a browser is sent to the login form
        assert page.headers["location"] == "/login?next=" + quote("/stories/s1?x=1", safe="")
        assert c.get("/stories/s1").status_code == 401  # not a browser: a problem
        ok = c.get("/api/v1/stories", headers={"Authorization": "Bearer reader-token"})
        assert ok.status_code == 200
        assert c.get("/api/v1/stories", headers=AUTH).status_code == 200


def test_login_sets_a_read_session_cookie(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "login.db"
    db.write_bytes(seeded_db.read_bytes())
    env = {"WIRETRACE_TOKEN": TOKEN, "WIRETRACE_READ_TOKEN": "reader-token"}
    with run_server(db, env=env) as running, running.client() as c:
        assert c.get("/login").status_code == 200
        wrong = c.post("/login", data={"token": "guess", "next": "/"})
        assert wrong.status_code == 401 and "not right" in wrong.text
        assert not wrong.headers.get_list("set-cookie")
        done = c.post("/login", data={"token": "reader-token", "next": "/stories/s1"})
        assert done.status_code == 303 and done.headers["location"] == "/stories/s1"
        cookie = done.headers["set-cookie"]
        name = f"wiretrace_read_{running.url.rsplit(':', 1)[1]}"
        assert cookie.startswith(name + "=")
        assert "reader-token" not in cookie  # a signature, never the token itself
        lowered = cookie.lower()
        assert "httponly" in lowered and "samesite=strict" in lowered and "path=/" in lowered
        assert "max-age=43200" in lowered  # 12 hours by default
        # the cookie now reads pages and the API (httpx keeps it), never writes
        assert c.get("/api/v1/stories").status_code == 200
        assert c.get("/", headers={"accept": "text/html"}).status_code == 200
        post = c.post("/api/v1/articles", json={"id": "x1", "text": "A text."})
        assert post.status_code == 401
        # a forged or expired cookie is refused
        value = c.cookies[name]
        expires, _, signature = value.partition(".")
        for forged in (f"{int(expires) + 999}.{signature}", f"1000.{signature}", "x", ""):
            with running.client(cookies={name: forged}) as other:
                assert other.get("/api/v1/stories").status_code == 401
        # the write token also signs in (for reads)
        with running.client() as other:
            assert other.post("/login", data={"token": TOKEN}).status_code == 303
            assert other.get("/api/v1/stories").status_code == 200
        out = c.post("/logout")
        assert out.status_code == 303 and "max-age=0" in out.headers["set-cookie"].lower()
        assert c.get("/api/v1/stories").status_code == 401


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x", "/a\nb"],
)
def test_login_never_redirects_off_the_desk(target: str) -> None:
    from wiretrace.web.pages import safe_next

    assert safe_next(target) == "/"
    assert safe_next("/stories/s1?q=a%20b") == "/stories/s1?q=a%20b"


def test_login_without_a_read_token_says_the_desk_is_open(client: httpx.Client) -> None:
    page = client.get("/login", params={"next": "/paste"})
    assert page.status_code == 200 and "needs no token" in page.text
    back = client.post("/login", data={"token": "x", "next": "/paste"})
    assert back.headers["location"] == "/paste"


def test_two_workers_share_one_writer(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "workers.db"
    db.write_bytes(seeded_db.read_bytes())
    with run_server(db, "--workers", "2", env={"WIRETRACE_TOKEN": TOKEN}) as running:
        test_concurrent_writers_never_share_a_story_id(running)
        with running.client() as c:
            stories = c.get("/api/v1/stories", params={"limit": 500}).json()
            assert stories["total"] == len({s["story_id"] for s in stories["items"]})


def test_serve_refuses_a_public_host_without_a_token(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wiretrace",
            "serve",
            "--db",
            str(tmp_path / "x.db"),
            "--host",
            "0.0.0.0",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 4
    assert "without a token" in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_foreign_host_headers_are_refused(client: httpx.Client) -> None:
    # DNS rebinding: a page elsewhere whose name now points at 127.0.0.1
    response = client.get("/api/v1/stories", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert client.get("/api/v1/health", headers={"Host": "localhost"}).status_code == 200


def test_cli_ingest_and_the_desk_take_turns(server: Server, tmp_path: Path) -> None:
    import json
    import os

    feed = tmp_path / "feed.jsonl"
    animals = ["heron", "otter", "badger", "lynx", "marten", "stoat", "vole", "wren"]
    with feed.open("w", encoding="utf-8") as handle:
        for n in range(16):
            text = (
                f"Volunteers in district {100 + n} counted {n + 3} {animals[n % 8]}s at the "
                f"reservoir on Sunday, warden Odile Brennan{n} said."
            )
            handle.write(json.dumps({"id": f"cli-{n}", "text": text}) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRETRACE_")}
    posted: list[int] = []

    def post() -> None:
        with server.client(headers=AUTH) as c:
            for n in range(6):
                text = f"The harbour ferry timetable {n} changed for winter, the port said."
                posted.append(
                    c.post("/api/v1/articles", json={"id": f"api-{n}", "text": text}).status_code
                )

    thread = threading.Thread(target=post)
    thread.start()
    done = subprocess.run(
        [sys.executable, "-m", "wiretrace", "ingest", str(feed), "--db", str(server.db), "-j", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    thread.join()
    assert done.returncode == 0, done.stderr
    assert posted == [200] * 6
    with server.client() as c:
        for n in range(16):
            assert c.get(f"/api/v1/articles/cli-{n}").json()["story_id"]
        stories = c.get("/api/v1/stories", params={"limit": 500}).json()
        ids = [s["story_id"] for s in stories["items"]]
        assert len(ids) == len(set(ids)) == stories["total"]
        members = [a for s in stories["items"] for a in s["article_ids"]]
        assert len(members) == len(set(members)) == c.get("/api/v1/health").json()["articles"]


def test_remembered_story_list_pages_follow_every_write(server: Server, tmp_path: Path) -> None:
    import json
    import os

    def listed(c: httpx.Client) -> int:
        """Articles in the stories that mention the word (two may share a story)."""
        items = c.get("/api/v1/stories", params={"q": "cormorant"}).json()["items"]
        assert c.get("/", params={"q": "cormorant"}).status_code == 200  # the page, too
        return sum(len(s["article_ids"]) for s in items)

    with server.client(headers=AUTH) as c:
        assert [listed(c) for _ in range(3)] == [0, 0, 0]  # remembered
        text = "Wardens ringed 14 cormorant chicks on the Ister islands, the park said."
        assert c.post("/api/v1/articles", json={"id": "corm-1", "text": text}).status_code == 200
        assert listed(c) == 1  # the desk's own write forgets the remembered pages
        feed = tmp_path / "corm.jsonl"
        other = "Anglers said a cormorant colony of 300 birds settled at Lake Varn on Friday."
        feed.write_text(json.dumps({"id": "corm-2", "text": other}) + "\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIRETRACE_")}
        done = subprocess.run(
            [sys.executable, "-m", "wiretrace", "ingest", str(feed), "--db", str(server.db)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert listed(c) == 2  # another process's write too (data_version)


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 50_000 + b"]" * 50_000,  # nested past any parser's depth
        b'{"id": "x\xff\xfe", "text": "not UTF-8"}',
        b'{"id": "x", "text": "cut short',
    ],
)
def test_unreadable_bodies_are_400(client: httpx.Client, body: bytes) -> None:
    response = client.post(
        "/api/v1/articles", content=body, headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert "JSON" in response.json()["detail"]


def test_hostile_ids_are_ids_never_paths(client: httpx.Client) -> None:
    hostile = ["../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc", "..\\..\\boot.ini", "a b/../c?d#e"]
    for n, article_id in enumerate(hostile):
        text = f"Harbour pilots logged {40 + n} crossings on Sunday, the port office said."
        added = client.post("/api/v1/articles", json={"id": article_id, "text": text}, headers=AUTH)
        assert added.status_code == 200 and added.json()["added"][0]["id"] == article_id
    for article_id in hostile:
        encoded = quote(article_id, safe="")
        body = client.get("/api/v1/articles/" + encoded).json()
        assert body["id"] == article_id and "root:" not in body["text"]
        page = client.get("/articles/" + encoded, headers={"accept": "text/html"})
        assert page.status_code == 200 and "root:" not in page.text
        story = current_story(client, body["story_id"])  # it grew with each post
        assert article_id in story["article_ids"]
    for path in (
        "/api/v1/articles/%00",  # NUL
        "/api/v1/articles/" + "x" * 20_000,  # long
        "/api/v1/articles/%252e%252e%252fetc%252fshadow",  # encoded twice: taken literally
        "/api/v1/stories/..%2F..%2Fetc%2Fshadow",
        "/api/v1/similar/..%2F..%2Fetc%2Fshadow",
    ):
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"] == PROBLEM, path
    for path in ("/stories/..%2F..%2Fetc%2Fshadow", "/compare?a=..%2F..%2Fetc%2Fshadow&b=x"):
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 404 and "root:" not in response.text


def test_slow_clients_hold_no_worker_and_no_compare_slot(server: Server) -> None:
    import socket

    host, port = "127.0.0.1", int(server.url.rsplit(":", 1)[1])
    slow: list[socket.socket] = []
    try:
        for n in range(12):
            sock = socket.create_connection((host, port), timeout=30)
            if n % 2:  # headers that never end
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            else:  # a compare whose body never arrives in full (the desk allows 1 compare)
                sock.sendall(
                    b"POST /api/v1/compare HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                    b'{"a": {"text": "'
                )
            slow.append(sock)
        with server.client() as c:
            for _ in range(10):
                assert c.get("/api/v1/stories", params={"limit": 5}).status_code == 200
            texts = {"a": {"text": "Rain fell on Monday."}, "b": {"text": "Rain fell on Tuesday."}}
            assert c.post("/api/v1/compare", json=texts).status_code == 200  # slot is free
    finally:
        for sock in slow:
            sock.close()


def test_delete_article_behind_the_write_token(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "delete.db"
    db.write_bytes(seeded_db.read_bytes())
    with run_server(db, env={"WIRETRACE_TOKEN": TOKEN}) as running, running.client() as c:
        wire = c.get("/api/v1/articles/demo-wire").json()
        copy = {"id": "d-copy", "text": wire["text"].replace("Nearly 300", "Nearly 500")}
        added = c.post("/api/v1/articles", json=copy, headers=AUTH).json()["added"]
        assert added[0]["story_id"] == wire["story_id"]
        before = c.get("/api/v1/health").json()
        listed = c.get("/api/v1/stories", params={"limit": 500}).json()  # a remembered page
        size = {s["story_id"]: len(s["article_ids"]) for s in listed["items"]}[wire["story_id"]]

        assert c.delete("/api/v1/articles/d-copy").status_code == 401
        wrong = c.delete("/api/v1/articles/d-copy", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        unknown = c.delete("/api/v1/articles/no-such-id", headers=AUTH)
        assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM
        assert "nothing was deleted" in unknown.json()["detail"]

        dry = c.delete("/api/v1/articles/d-copy", params={"dry_run": "true"}, headers=AUTH)
        assert dry.status_code == 200, dry.text
        assert dry.json()["dry_run"] is True and dry.json()["deleted"] == ["d-copy"]
        assert c.get("/api/v1/articles/d-copy").status_code == 200  # nothing changed

        done = c.delete("/api/v1/articles/d-copy", headers=AUTH)
        assert done.status_code == 200, done.text
        assert done.json() == {
            "dry_run": False,
            "deleted": ["d-copy"],
            "stories": [
                {
                    "story_id": wire["story_id"],
                    "removed": ["d-copy"],
                    "parts": [{"story_id": wire["story_id"], "articles": size - 1}],
                }
            ],
            "relinked": [],
        }
        assert done.json()["stories"] == dry.json()["stories"]  # the dry run said so
        assert c.get("/api/v1/articles/d-copy").status_code == 404
        assert c.get("/api/v1/health").json()["articles"] == before["articles"] - 1
        story = c.get(f"/api/v1/stories/{wire['story_id']}").json()
        assert "d-copy" not in story["article_ids"]
        relisted = c.get("/api/v1/stories", params={"limit": 500}).json()
        assert "d-copy" not in {a for s in relisted["items"] for a in s["article_ids"]}

        # an id that is a URL (percent-encoded, slashes kept), alone in its story
        gone = c.delete(f"/api/v1/articles/{quote(URL_ID, safe='/')}", headers=AUTH)
        assert gone.status_code == 200, gone.text
        [change] = gone.json()["stories"]
        assert gone.json()["deleted"] == [URL_ID] and change["parts"] == []
        assert c.get(f"/api/v1/stories/{change['story_id']}").status_code == 404
    # the CLI reads the same store: the deletes are there
    ids = subprocess.run(
        [sys.executable, "-m", "wiretrace", "articles", "--db", str(db), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "d-copy" not in ids and "demo-wire" in ids
