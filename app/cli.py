"""The `counterclaim` command: database, ingest, extract, regroup, users, serve, demo."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from app.articles.service import check_published
from app.config import Settings, get_settings
from app.db import engine_for, session_scope
from app.errors import CounterclaimError
from app.extraction import claim_to_spec, extract
from app.extraction.sources import SourceError, expand, folder_manifest, load_manifest, read_sources
from app.incidents import grouping

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from app.sources.worker import Courtesy

app = typer.Typer(help="Counterclaim: what each party to a conflict claims, side by side.",
                  no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="User accounts.", no_args_is_help=True)
sources_app = typer.Typer(help="News feeds (RSS, Atom) and news sitemaps that `watch` follows.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(sources_app, name="sources")
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None
    try:
        check_published(parsed)
    except CounterclaimError as exc:
        raise typer.BadParameter(exc.message) from None
    return parsed


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}")
    return typer.Exit(2)


PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .html) or folders of them.")]
ManifestOpt = Annotated[Path | None, typer.Option(
    help="JSON list of {file, title, outlet, url, published}; a folder's own manifest.json is used by default.")]
PublishedOpt = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) where the manifest gives none.")]


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database to the newest schema (or REVISION)."""
    from app.migrate import upgrade

    upgrade(get_settings().database_url, revision)
    err.print(f"database at revision {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. base or -1.")) -> None:
    """Migrate the database down to REVISION."""
    from app.migrate import downgrade

    downgrade(get_settings().database_url, revision)
    err.print(f"database at revision {revision}")


SourcesArg = Annotated[list[str], typer.Argument(
    help="Article files (.txt, .html), folders of them, or http(s) URLs of article pages.")]


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


@app.command()
def ingest(sources: SourcesArg, manifest: ManifestOpt = None, published: PublishedOpt = None) -> None:
    """Store articles, extract their claims and place them into incidents (one transaction each)."""
    from app.pipeline import IngestResult, fetch_page, ingest_article, ingest_page

    settings = get_settings()
    engine = engine_for(settings.database_url)
    urls = [s for s in sources if _is_url(s)]
    paths = [Path(s) for s in sources if not _is_url(s)]
    fallback = _date(published)
    try:
        manifest = manifest or (folder_manifest(paths) if paths else None)
        entries = load_manifest(manifest) if manifest else None
        files = expand(paths) if paths else []
    except SourceError as exc:
        raise _fail(str(exc)) from None
    new = same = failed = claims = 0

    def count(result: IngestResult) -> None:
        nonlocal new, same, claims
        new += result.created
        same += not result.created
        claims += result.claims if result.created else 0

    with _progress() as progress:
        task = progress.add_task("ingesting", total=len(files) + len(urls))
        for file in files:
            try:
                (source,) = read_sources([file], manifest=entries, published=fallback)
                with session_scope(engine) as session:
                    count(ingest_article(
                        session=session, settings=settings, text=source.text, title=source.title,
                        outlet=source.outlet, url=source.url, published=source.published, source_name=source.name,
                    ))
            except (SourceError, CounterclaimError) as exc:
                failed += 1
                err.print(f"[red]skipped[/red] {escape(str(file))}: {escape(str(getattr(exc, 'message', exc)))}")
            except Exception as exc:
                # One file must not stop the rest of the folder; its transaction was rolled back.
                failed += 1
                err.print(f"[red]failed[/red] {escape(str(file))}: unexpected {type(exc).__name__}: {escape(str(exc))}")
            progress.advance(task)
        for url in urls:
            try:
                page = fetch_page(settings=settings, url=url)  # before the transaction: no lock held while fetching
                with session_scope(engine) as session:
                    result = ingest_page(session=session, settings=settings, page=page)
                count(result)
                if result.created and (result.version or 1) > 1:
                    err.print(f"{escape(url)}: new version {result.version} of article {result.article_id}")
            except CounterclaimError as exc:
                failed += 1
                err.print(f"[red]skipped[/red] {escape(url)}: {escape(exc.message)}")
            except Exception as exc:
                failed += 1
                err.print(f"[red]failed[/red] {escape(url)}: unexpected {type(exc).__name__}: {escape(str(exc))}")
            progress.advance(task)
    err.print(f"{new} new article(s) with {claims} claim(s); {same} already stored; {failed} failed")
    if failed:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    paths: PathsArg,
    manifest: ManifestOpt = None,
    published: PublishedOpt = None,
    incidents: Annotated[bool, typer.Option("--incidents", help="Group claims into incidents.")] = False,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.jsonl,
) -> None:
    """Print the claims found in articles, without a database."""
    try:
        manifest = manifest or folder_manifest(paths)
        entries = load_manifest(manifest) if manifest else None
        files = expand(paths)
        results = []
        with _progress() as progress:
            task = progress.add_task("extracting", total=len(files))
            for source in read_sources(files, manifest=entries, published=_date(published)):
                results.append((source, extract(source.text, published=source.published, title=source.title)))
                progress.advance(task)
    except SourceError as exc:
        raise _fail(str(exc)) from None

    rows: list[dict[str, object]] = []
    labels: dict[tuple[int, int], str] = {}
    if incidents:
        units = []
        for n, (source, extraction) in enumerate(results):
            units += grouping.units_from_extraction(
                extraction, source.text, article_key=f"{n:05d}", published=source.published, outlet=source.outlet
            )
        groups = grouping.group(units, window_days=get_settings().incident_window_days)
        names = {label: f"incident-{i + 1}" for i, label in enumerate(sorted(set(groups.values())))}
        for unit in units:
            for index in unit.claim_indexes:
                labels[(int(unit.article_key), index)] = names[groups[unit.key]]
    for n, (source, extraction) in enumerate(results):
        for index, claim in enumerate(extraction.claims):
            row = claim_to_spec(claim, source.name)
            if incidents:
                row["incident"] = labels.get((n, index), f"incident-{source.name}-{index}")
            rows.append(row)

    if format is Format.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table("article", "claimant", "metric", "subject", "value", "qualifier", "stance", "date", "provinces")
    if incidents:
        table.add_column("incident")
    for row in rows:
        value = "—" if row["value"] is None else str(row["value"])
        if row.get("value_high") is not None:
            value += f"–{row['value_high']}"
        cells = [str(row["article"]), str(row["claimant"]), str(row["metric"]), str(row["subject"]), value,
                 str(row["qualifier"]), str(row["stance"]), str(row["event_date"] or "—"),
                 ", ".join(row["provinces"])]  # type: ignore[arg-type]
        if incidents:
            cells.append(str(row["incident"]))
        table.add_row(*cells)
    # Wide enough for every column when the output is a pipe or a file, not a terminal.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def regroup() -> None:
    """Group every stored claim into incidents afresh."""
    from app.incidents import service as incidents_service

    settings = get_settings()
    with session_scope(engine_for(settings.database_url)) as session:
        result = incidents_service.regroup(
            session=session, window_days=settings.incident_window_days, tolerance=settings.contest_tolerance
        )
    err.print(f"{result.units} unit(s) in {result.incidents} incident(s)")
    # Say what was left alone, so nobody wonders whether a person's work was undone.
    err.print(f"kept as people left them: {result.kept_pinned_incidents} merged or split incident(s), "
              f"{result.kept_claims} moved or added claim(s)")


@app.command()
def reextract(
    article_ids: Annotated[list[int] | None, typer.Argument(help="Articles to read again (default: all).")] = None,
) -> None:
    """Read stored articles again with the current extractor, keeping every human decision."""
    from sqlmodel import col, select

    from app.articles.models import Article
    from app.pipeline import reextract_article

    settings = get_settings()
    engine = engine_for(settings.database_url)
    with session_scope(engine) as session:
        ids = article_ids or [i for i in session.exec(select(Article.id).order_by(col(Article.id))).all() if i]
    replaced = found = kept = unmatched = added = 0
    for article_id in ids:
        try:
            with session_scope(engine) as session:
                r = reextract_article(session=session, settings=settings, article_id=article_id)
        except CounterclaimError as exc:
            raise _fail(exc.message) from None
        replaced, found, kept = replaced + r.replaced, found + r.found, kept + r.kept
        unmatched, added = unmatched + r.kept_unmatched, added + r.added_kept
    err.print(f"{len(ids)} article(s) read again: {replaced} claim(s) replaced by {found} found now")
    err.print(f"left alone as people left them: {kept} reviewed, corrected, flagged or moved claim(s) "
              f"({unmatched} no longer found by the extractor), {added} added claim(s); "
              "merged and split incidents stay as they are")


@users_app.command("create")
def users_create(
    email: str,
    role: Annotated[str, typer.Option(help="viewer, editor or admin.")] = "editor",
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          envvar="COUNTERCLAIM_NEW_USER_PASSWORD")] = "",
) -> None:
    """Create a user who can sign in to the dashboard."""
    from app.review import service as review

    settings = get_settings()
    try:
        with session_scope(engine_for(settings.database_url)) as session:
            user = review.create_user(session=session, email=email, display_name=name or email,
                                      password=password, role=role)
            err.print(f"created {user.email} ({user.role})")
    except CounterclaimError as exc:
        raise _fail(exc.message) from None


@sources_app.command("add")
def sources_add(
    name: str,
    url: str,
    interval: Annotated[int, typer.Option(help="Minutes between two polls.")] = 30,
) -> None:
    """Follow a feed or news sitemap: `watch` polls it every INTERVAL minutes."""
    from app.sources import service as sources

    settings = get_settings()
    try:
        with session_scope(engine_for(settings.database_url)) as session:
            source = sources.create(session=session, name=name, url=url, interval_minutes=interval)
            err.print(f"source {source.id}: {escape(source.name)} every {source.interval_minutes} min")
    except CounterclaimError as exc:
        raise _fail(exc.message) from None


@sources_app.command("list")
def sources_list() -> None:
    """Every source with its last poll and its entries (ingested / waiting / failed)."""
    from app.sources import service as sources

    settings = get_settings()
    with session_scope(engine_for(settings.database_url)) as session:
        rows = sources.list_(session=session)
    table = Table("id", "name", "url", "every", "last poll", "status", "new/known", "done", "pending", "failed")
    for row in rows:
        s = row.source
        status = s.last_status or "not polled yet"
        if s.last_error:
            status += f": {s.last_error}"
        table.add_row(str(s.id), escape(s.name), escape(s.url), f"{s.interval_minutes} min",
                      s.last_polled_at.strftime("%Y-%m-%d %H:%M") if s.last_polled_at else "—", escape(status),
                      f"{s.last_new}/{s.last_known}", str(row.done), str(row.pending), str(row.failed))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@sources_app.command("remove")
def sources_remove(source: Annotated[str, typer.Argument(help="The source's id, name or URL.")]) -> None:
    """Stop following a source (the articles it brought in stay)."""
    from app.sources import service as sources

    settings = get_settings()
    try:
        with session_scope(engine_for(settings.database_url)) as session:
            found = sources.find(session=session, ref=source)
            assert found.id is not None
            sources.delete(session=session, source_id=found.id)
            err.print(f"removed source {found.id}: {escape(found.name)}")
    except CounterclaimError as exc:
        raise _fail(exc.message) from None


@app.command()
def watch(
    once: Annotated[bool, typer.Option("--once", help="One pass over due sources and entries, then exit.")] = False,
) -> None:
    """Poll due sources and ingest their new entries, until stopped (Ctrl-C or SIGTERM finish the entry at hand)."""
    import signal

    from app.sources import worker

    settings = get_settings()
    engine = engine_for(settings.database_url)
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    courtesy = worker.Courtesy(settings, engine=engine)
    with ExitStack() as hold:
        try:
            hold.enter_context(worker.only_worker(settings))
        except worker.AnotherWorker as exc:
            raise _fail(exc.message) from None
        _watch_loop(engine=engine, settings=settings, courtesy=courtesy, once=once, stopping=lambda: stopping)


def _watch_loop(*, engine: Engine, settings: Settings, courtesy: Courtesy, once: bool,
                stopping: Callable[[], bool]) -> None:
    import time

    from sqlalchemy.exc import SQLAlchemyError

    from app.sources import worker

    while not stopping():
        with _progress() as progress:
            task = progress.add_task("ingesting entries", total=None)

            def advance(tally: worker.Tally, progress: Progress = progress, task: TaskID = task) -> None:
                progress.update(task, completed=tally.ingested + tally.known + tally.failed,
                                total=tally.ingested + tally.known + tally.failed
                                + worker.pending_count(engine=engine))

            try:
                tally = worker.run_once(engine=engine, settings=settings, courtesy=courtesy, on_entry=advance,
                                        stop=stopping)
            except SQLAlchemyError as exc:
                if once:
                    raise _fail(f"database error: {exc.__class__.__name__}: {exc}") from None
                err.print(f"[red]database error[/red], retrying: {escape(str(exc))}")
                tally = worker.Tally()
        if tally.polls or tally.ingested or tally.known or tally.failed:
            err.print(f"{tally.polls} source(s) polled; {tally.ingested} article(s) ingested, "
                      f"{tally.known} already stored, {tally.failed} failed")
        if once:
            return
        deadline = time.monotonic() + settings.watch_idle_seconds
        while not stopping() and time.monotonic() < deadline and not (tally.polls or tally.ingested):
            time.sleep(min(1.0, settings.watch_idle_seconds))


def _serve(host: str | None, port: int | None) -> None:
    import uvicorn

    from app.main import create_app

    settings = get_settings()
    host = host or settings.host
    if settings.env == "development" and host not in ("127.0.0.1", "localhost", "::1"):
        raise _fail(f"refusing to serve on {host} in development: set COUNTERCLAIM_ENV=production and a private "
                    "COUNTERCLAIM_SECRET_KEY to serve beyond this machine")
    application = create_app(settings)
    # Long-lived start-up objects never need collecting; freezing them removes GC pauses
    # from request latency (docs/performance.md).
    gc.collect()
    gc.freeze()
    # proxy_headers off: uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1. The app
    # itself honours it from COUNTERCLAIM_TRUSTED_PROXIES only (app.main).
    uvicorn.run(application, host=host, port=port or settings.port, log_level="info",
                access_log=False, proxy_headers=False)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the dashboard."""
    _serve(host, port)


@app.command()
def demo(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Migrate, load seeds/ when the database is empty, and serve."""
    from app.migrate import upgrade
    from app.seeds import load_if_empty

    settings = get_settings()
    upgrade(settings.database_url)
    loaded = load_if_empty(engine=engine_for(settings.database_url), settings=settings)
    if loaded:
        err.print(f"loaded {len(loaded)} seed article(s) with {sum(r.claims for r in loaded)} claim(s)")
    _serve(host, port)


if __name__ == "__main__":
    app()
