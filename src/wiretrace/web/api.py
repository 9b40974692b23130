"""The JSON API under ``/api/v1``: each route parses input, calls one library function
and renders it with the report builders the CLI uses."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from wiretrace.compare import compare
from wiretrace.corpus import Corpus, StoryPage
from wiretrace.ingest.readers import parse_published
from wiretrace.ingest.records import Skipped, record_to_article
from wiretrace.model import Article
from wiretrace.report.articles import delete_report_to_dict
from wiretrace.report.json import comparison_to_dict
from wiretrace.report.stories import similar_to_dict, summary_to_dict
from wiretrace.store.base import StoryQuery
from wiretrace.web.auth import require_read, require_write
from wiretrace.web.desk import Desk
from wiretrace.web.problems import PROBLEM, Problem, problem_body

_PROBLEM_DOC = {"content": {PROBLEM: {"example": problem_body(404, "no story 's9' in the store")}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed JSON", **_PROBLEM_DOC},
    401: {"description": "Missing or wrong bearer token", **_PROBLEM_DOC},
    404: {"description": "Unknown id", **_PROBLEM_DOC},
    413: {"description": "Body over the limit", **_PROBLEM_DOC},
    422: {"description": "The body or a parameter fails validation", **_PROBLEM_DOC},
}


JSON = "application/json"


def as_json(payload: Any) -> Response:
    """A JSON response serialised once by the standard library (FastAPI's own encoder
    walks every nested value again: tens of ms on a comparison)."""
    return Response(json_bytes(payload), media_type=JSON)


def json_bytes(payload: Any) -> bytes:
    """The body ``as_json`` sends: compact UTF-8 JSON."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


async def desk_of(request: Request) -> Desk:
    """The app's Desk (set by ``create_app``)."""
    desk: Desk = request.app.state.desk
    return desk


DeskDep = Annotated[Desk, Depends(desk_of)]

T = TypeVar("T")


async def read_on_loop(desk: Desk, read: Callable[[Corpus], T]) -> T:
    """``read(corpus)`` for a read that takes well under a millisecond of CPU (a few
    indexed lookups): run on the event loop with an idle read connection, or in the
    thread pool when none is idle. A route declared ``def`` hops to a worker thread
    and back for every request (thread wake-ups and GIL hand-offs: under the mixed
    load of bench_desk.py more server CPU than the reads themselves); the expensive
    reads (a story derived, a search, ``similar``, a compare) stay in the thread pool."""
    with desk.idle_reader() as corpus:
        if corpus is not None:
            return read(corpus)

    def pooled() -> T:
        with desk.reader() as corpus:
            return read(corpus)

    return await run_in_threadpool(pooled)


router = APIRouter(prefix="/api/v1", responses=ERRORS)
reads = APIRouter(dependencies=[Depends(require_read)])
writes = APIRouter(dependencies=[Depends(require_write)])


@router.get("/health", summary="Liveness and store size")
async def health(desk: DeskDep) -> Response:
    """`{"status": "ok", "articles": N, "stories": M}`."""
    return as_json(await read_on_loop(desk, _health))


def _health(corpus: Corpus) -> dict[str, Any]:
    return {"status": "ok", "articles": len(corpus.store), "stories": corpus.store.story_count()}


class ArticleIn(BaseModel):
    """One article, as a JSONL ingest line: `id` and `text` required."""

    model_config = ConfigDict(extra="allow")

    id: str | int
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601; naive means UTC")


@writes.post(
    "/articles",
    summary="Add articles and cluster them into stories",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/ArticleIn"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                        ]
                    }
                }
            },
        }
    },
)
def add_articles(desk: DeskDep, body: Annotated[dict[str, Any] | list[Any], Body()]) -> Response:
    """One article object or a list, validated as JSONL ingest validates a line. Each
    new article is clustered before the answer: `added` (with its `story_id` and why it
    went there), `duplicates` (id, URL or text already stored) and `skipped` (with the
    reason, as ingest reports a bad line)."""
    records = body if isinstance(body, list) else [body]
    articles: list[Article] = []
    skipped: list[dict[str, Any]] = []
    for n, record in enumerate(records):
        parsed = record_to_article(record, f"item {n}")
        if isinstance(parsed, Skipped):
            skipped.append({"index": n, "reason": parsed.reason})
        else:
            articles.append(parsed)
    report = desk.add(articles)
    return as_json(
        {
            "added": [
                {
                    "id": a.article_id,
                    "story_id": a.story_id,
                    "reason": a.reason,
                    "score": a.score,
                    "via": a.via,
                    "merged": list(a.merged),
                }
                for a in report.added
            ],
            "duplicates": [{"id": i, "reason": why} for i, why in report.duplicates],
            "skipped": skipped,
        }
    )


@reads.get("/articles/{article_id:path}", summary="One article")
async def get_article(desk: DeskDep, article_id: str) -> Response:
    """The article (text and metadata), its story id and its boilerplate spans."""
    view = await read_on_loop(desk, lambda corpus: corpus.article(article_id))
    return as_json(
        article_to_dict(view.stored.id, view.stored.article, view.story_id, view.boilerplate)
    )


@writes.delete("/articles/{article_id:path}", summary="Delete an article")
def delete_article(
    desk: DeskDep,
    article_id: str,
    dry_run: Annotated[bool, Query(description="only say what deleting would do")] = False,
) -> Response:
    """As `wiretrace delete ID --format json`: the article is removed and the story it
    was in is re-clustered without it, in one transaction under the desk's write lock.
    `{"dry_run", "deleted": [id], "stories": [{"story_id", "removed", "parts":
    [{"story_id", "articles"}]}], "relinked": [...]}`: no parts means the story is gone;
    several parts, that it split (the first keeps its id). 404 for an unknown id
    (nothing is deleted); `dry_run=true` changes nothing."""
    return as_json(delete_report_to_dict(desk.delete([article_id], dry_run=dry_run)))


def article_to_dict(
    article_id: str, a: Article, story_id: str | None, boilerplate: Any
) -> dict[str, Any]:
    """The article JSON: metadata, text, story id, boilerplate spans."""
    return {
        "id": article_id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "text": a.text,
        "story_id": story_id,
        "boilerplate": [
            {"span": [b.start, b.end], "reason": b.reason.value, "text": b.text}
            for b in boilerplate
        ],
    }


class CompareSide(BaseModel):
    """A text to compare (`text`, with optional metadata) or a stored article (`id`)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601; naive means UTC")

    @model_validator(mode="after")
    def _one_source(self) -> CompareSide:
        if (self.id is None) == (self.text is None):
            raise ValueError('give either "text" or "id", not both and not neither')
        if self.text is not None and not self.text.strip():
            raise ValueError('"text" is empty')
        if self.published is not None:
            parse_published(self.published)
        return self


class CompareIn(BaseModel):
    """Two sides; findings read "b relative to a"."""

    model_config = ConfigDict(extra="forbid")

    a: CompareSide
    b: CompareSide


def resolve_side(desk: Desk, side: CompareSide) -> Article:
    """The Article of one side: the text as given (never a path), or a stored article."""
    if side.id is not None:
        with desk.reader() as corpus:
            return corpus.article(side.id).stored.article
    return Article(
        text=side.text or "",
        title=side.title,
        url=side.url,
        outlet=side.outlet,
        published=parse_published(side.published),
    )


@reads.post("/compare", summary="Compare two texts", responses={429: ERRORS[422]})
def compare_texts(desk: DeskDep, body: CompareIn) -> Response:
    """The compare JSON contract (README, "JSON contract"). 429 when
    `max_compares` compares are already running. The `Server-Timing` header gives the
    engine's own time (`engine;dur=` ms)."""
    a, b = resolve_side(desk, body.a), resolve_side(desk, body.b)
    with desk.compare_slot():
        start = time.perf_counter()
        result = compare(a, b, config=desk.config)
        engine_ms = (time.perf_counter() - start) * 1000
    response = as_json(comparison_to_dict(result))
    response.headers["Server-Timing"] = f"engine;dur={engine_ms:.1f}"
    return response


Sort = Literal["-first_seen", "first_seen", "-size"]


@reads.get("/stories", summary="Stories, filtered and paged")
async def list_stories(
    desk: DeskDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    q: Annotated[str | None, Query(max_length=500, description="full-text search")] = None,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    since: Annotated[datetime | None, Query(description="first_seen >= since")] = None,
    until: Annotated[datetime | None, Query(description="first_seen <= until")] = None,
    sort: Sort = "-first_seen",
) -> Response:
    """`{"items": [stories as in the stories JSON contract], "total", "limit",
    "offset"}`; `q` searches titles and texts (SQLite FTS5, every word required)."""
    query = StoryQuery(
        limit=limit, offset=offset, q=q, outlet=outlet, since=since, until=until, sort=sort
    )
    with desk.idle_reader() as corpus:  # a page remembered: no thread hop
        page = desk.kept_page(corpus, query) if corpus is not None else None
    if page is None:
        page = await run_in_threadpool(_story_page, desk, query)
    body = desk.page_body(query, page)  # the JSON of a kept page, rendered once
    if body is None:
        body = json_bytes(
            {
                "items": [summary_to_dict(s) for s in page.items],
                "total": page.total,
                "limit": limit,
                "offset": offset,
            }
        )
        desk.keep_page_body(query, page, body)
    return Response(body, media_type=JSON)


def _story_page(desk: Desk, query: StoryQuery) -> StoryPage:
    with desk.reader() as corpus:
        return desk.story_page(corpus, query)


@reads.get("/stories/{story_id:path}", summary="One story")
async def get_story(desk: DeskDep, story_id: str) -> Response:
    """The story JSON contract: timeline, derivation edges with findings, quotes,
    changes (cached in the store). The `Wiretrace-Cache` header says `hit` (current),
    `miss` (derived for this request: by the background builder while the request
    waited, or by the request itself) or `stale`: the story has changed since this
    version was built (an article joined it) and the current one is being built in
    the background; read it again shortly for it."""
    with desk.idle_reader() as corpus:  # a version kept: read on the event loop
        kept = desk.kept_story_text(corpus, story_id) if corpus is not None else None
    if kept is None:  # no version kept: built by the builder, else derived here
        kept = await desk.built_story_text(story_id)
    text, state = kept if kept is not None else await run_in_threadpool(desk.story_text, story_id)
    return Response(text.encode("utf-8"), media_type=JSON, headers={"Wiretrace-Cache": state})


@reads.get("/similar/{article_id:path}", summary="Articles sharing text with one")
def similar(
    desk: DeskDep, article_id: str, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> Response:
    """`{"article_id", "items": [...]}`: as `wiretrace similar --format json`."""
    with desk.reader() as corpus:
        hits = corpus.similar(article_id, limit=limit)
    return as_json({"article_id": article_id, "items": [similar_to_dict(h) for h in hits]})


router.include_router(reads)
router.include_router(writes)


def unknown_api_route() -> None:
    """Any other path under /api answers a 404 problem."""
    raise Problem(404, "no such API route; see /docs")
