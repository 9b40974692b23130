"""The desk's pages (Jinja2, autoescaped): story list, story, compare, paste, article."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, time
from http import HTTPStatus
from typing import Annotated, Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from wiretrace.compare import compare
from wiretrace.errors import InputError
from wiretrace.ingest.readers import parse_published
from wiretrace.model import Article
from wiretrace.report.json import comparison_to_dict
from wiretrace.store.base import StoryQuery
from wiretrace.web import auth, views
from wiretrace.web.desk import Desk
from wiretrace.web.problems import Problem

_env = Environment(
    loader=PackageLoader("wiretrace.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["when"] = views.when
_env.filters["pct"] = views.pct

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
#: Seconds a wrong token waits before the form comes back (slows guessing; async, so
#: nothing else waits).
LOGIN_PAUSE_S = 0.5


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A template rendered with autoescaping on (every text is escaped)."""
    signed = request.app.state.read_token is not None
    html = _env.get_template(name).render(request=request, sign_out=signed, **context)
    return HTMLResponse(html, status_code=status)


def safe_next(value: str | None) -> str:
    """Where the login form may send the browser afterwards: a path on this desk
    (``/...``), never another site (``//host``, ``/\\host``, ``https://...``), else ``/``."""
    if (
        not value
        or len(value) > 4000
        or not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or any(ord(ch) < 0x20 or ch == "\\" for ch in value)
    ):
        return "/"
    return value


def error_page(request: Request, status: int, detail: str) -> Response:
    """The HTML answer for a page request that failed. A page that needs the read token
    (401) sends the browser to the login form, which comes back here afterwards."""
    if status == 401 and request.app.state.read_token is not None:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            here = "/"
        return RedirectResponse("/login?next=" + quote(safe_next(here), safe=""), status_code=303)
    phrase = HTTPStatus(status).phrase
    context = {"title": phrase, "status": status, "phrase": phrase, "detail": detail}
    return render(request, "error.html", context, status)


def check_read(request: Request) -> None:
    """Pages are reads: with a read token set they need it (see ``auth.check_read``)."""
    auth.check_read(request)


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def _day(value: str | None, end: bool) -> datetime | None:
    """A date field (YYYY-MM-DD, or a full ISO time) as a UTC time: the start of the
    day for "since", its end for "until"."""
    if not value:
        return None
    try:
        parsed = parse_published(value)
    except ValueError as exc:
        raise Problem(422, f"{value!r} is not a date (YYYY-MM-DD)") from exc
    if parsed is not None and len(value.strip()) == 10:
        parsed = datetime.combine(parsed.date(), time.max if end else time.min, tzinfo=UTC)
    return parsed


@router.get("/login", response_class=HTMLResponse)
def login_form(
    request: Request, next: Annotated[str | None, Query(max_length=4000)] = None
) -> HTMLResponse:
    """The login form: the read token, entered once, kept in a session cookie."""
    context: dict[str, Any] = {"title": "Sign in", "next": safe_next(next), "error": None}
    context["open"] = request.app.state.read_token is None
    return render(request, "login.html", context)


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    """Check the token (form field ``token``; the read or the write token), set the
    read session cookie and go back to ``next``; a wrong token shows the form again
    (401) after a short pause that slows guessing."""
    raw = await request.body()
    fields = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
    target = safe_next(fields.get("next"))
    if request.app.state.read_token is None:
        return RedirectResponse(target, status_code=303)
    given = fields.get("token", "").strip()
    if given and auth.token_accepted(given, request):
        response = RedirectResponse(target, status_code=303)
        auth.start_session(request, response, request.app.state.session_s)
        return response
    await asyncio.sleep(LOGIN_PAUSE_S)
    context: dict[str, Any] = {"title": "Sign in", "next": target, "open": False}
    context["error"] = "That token is not right: give the desk's read token (WIRETRACE_READ_TOKEN)."
    return render(request, "login.html", context, status=401)


@router.post("/logout", response_class=HTMLResponse)
def logout(request: Request) -> Response:
    """End the read session (clear the cookie) and show the login form."""
    response = RedirectResponse("/login", status_code=303)
    auth.end_session(request, response)
    return response


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    q: Annotated[str | None, Query(max_length=500)] = None,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    sort: Annotated[str, Query(pattern=r"^(-first_seen|first_seen|-size)$")] = "-first_seen",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """The stories, newest first: search, outlet and date filters, a sparkline each."""
    check_read(request)
    query = StoryQuery(
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        q=q or None,
        outlet=outlet or None,
        since=_day(since, end=False),
        until=_day(until, end=True),
        sort=sort,
    )
    desk = _desk(request)
    with desk.reader() as corpus:
        result = desk.story_page(corpus, query)
    filters = {"q": q or "", "outlet": outlet or "", "since": since or "", "until": until or ""}
    kept = {k: v for k, v in {**filters, "sort": sort}.items() if v}
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(
        request,
        "stories.html",
        {
            "title": "Stories",
            "filters": filters,
            "sort": sort,
            "stories": [
                {
                    "summary": s,
                    "spark": views.sparkline(result.published.get(s.story_id, ())),
                }
                for s in result.items
            ],
            "total": result.total,
            "page": page,
            "pages": pages,
            "prev_url": "/?" + urlencode({**kept, "page": page - 1}) if page > 1 else None,
            "next_url": "/?" + urlencode({**kept, "page": page + 1}) if page < pages else None,
        },
    )


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    """One story: timeline, derivation graph, change summary, quotes, edge findings."""
    check_read(request)
    text, state = _desk(request).story_text(story_id)
    story = json.loads(text)
    return render(
        request,
        "story.html",
        {
            "title": story.get("title") or story_id,
            "story": story,
            "stale": state == "stale",
            "graph": views.derivation_graph(story),
            "facts": views.split_facts(story.get("changes")),
            "kinds": views.KINDS,
        },
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    a: Annotated[str, Query(max_length=2000)],
    b: Annotated[str, Query(max_length=2000)],
) -> HTMLResponse:
    """Two stored articles side by side (what an edge of the graph opens)."""
    check_read(request)
    desk = _desk(request)
    with desk.reader() as corpus:
        left, right = corpus.article(a).stored.article, corpus.article(b).stored.article
    with desk.compare_slot():
        result = compare(left, right, config=desk.config)
    return _compare_view(request, result, a_id=a, b_id=b)


def _compare_view(
    request: Request, result: Any, *, a_id: str | None = None, b_id: str | None = None
) -> HTMLResponse:
    data = comparison_to_dict(result)
    return render(
        request,
        "compare.html",
        {
            "title": "Compare",
            "data": data,
            "a_id": a_id,
            "b_id": b_id,
            "rows": views.compare_rows(result),
            "kinds": views.KINDS,
            "present": sorted({f["kind"] for f in data["findings"]}),
        },
    )


@router.get("/paste", response_class=HTMLResponse)
def paste_form(request: Request) -> HTMLResponse:
    """A form: paste two texts and compare them."""
    check_read(request)
    return render(request, "paste.html", {"title": "Compare texts", "form": {}, "error": None})


@router.post("/paste", response_class=HTMLResponse)
async def paste_submit(request: Request) -> HTMLResponse:
    """Compare the two pasted texts (form fields ``a``, ``b``, optional titles)."""
    check_read(request)
    raw = await request.body()
    fields = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
    form = {k: fields.get(k, "") for k in ("a", "b", "a_title", "b_title")}
    if not form["a"].strip() or not form["b"].strip():
        return render(
            request,
            "paste.html",
            {"title": "Compare texts", "form": form, "error": "Paste a text on each side."},
            status=422,
        )
    desk = _desk(request)
    left = Article(text=form["a"], title=form["a_title"] or None)
    right = Article(text=form["b"], title=form["b_title"] or None)
    return await _run_compare(request, desk, left, right)


async def _run_compare(request: Request, desk: Desk, left: Article, right: Article) -> HTMLResponse:
    from starlette.concurrency import run_in_threadpool

    def work() -> Any:
        with desk.compare_slot():
            return compare(left, right, config=desk.config)

    try:
        result = await run_in_threadpool(work)
    except InputError as exc:
        raise Problem(422, str(exc)) from exc
    return _compare_view(request, result)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """One article: metadata, text with boilerplate marked, its story."""
    check_read(request)
    with _desk(request).reader() as corpus:
        view = corpus.article(article_id)
    return render(
        request,
        "article.html",
        {
            "title": view.stored.article.title or article_id,
            "id": view.stored.id,
            "article": view.stored.article,
            "story_id": view.story_id,
            "pieces": views.boilerplate_pieces(view.stored.article.text, view.boilerplate),
        },
    )
