"""`crossroads facts|quotes|events|conflicts|profile|timeline|network`: ask the store.

Thin wrappers over crossroads.analysis; rich tables for people, ``--json`` (one JSON object
a line, or one object for a profile) for programs. Every fact is shown with its sources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ParamSpec, Protocol, TypeVar

import click
from rich.markup import escape

from crossroads.analysis.conflicts import conflicts as find_conflicts
from crossroads.analysis.context import Citation, Context
from crossroads.analysis.facts import Fact, claims
from crossroads.analysis.facts import facts as find_facts
from crossroads.analysis.grading import CREDIBILITY
from crossroads.analysis.items import event_item, quote_item
from crossroads.analysis.network import centrality, graph_to_dict, neighbourhood
from crossroads.analysis.profile import profile as build_profile
from crossroads.analysis.resolve import resolve_entity
from crossroads.analysis.timeline import timeline as build_timeline
from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.cli.terminal import SafeConsole, dumps
from crossroads.exc import CrossroadsError
from crossroads.model import EVENT_TYPES, PREDICATES
from crossroads.pack import load_pack
from crossroads.store import open_store

console = SafeConsole(highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


class Item(Protocol):
    """What --json prints: a fact, quote, event, conflict or timeline item."""

    def to_dict(self) -> object: ...


def checked(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run an analysis; a bad parameter (ValueError) becomes a one-line error."""
    try:
        return fn(*args, **kwargs)
    except ValueError as e:
        raise CrossroadsError(str(e)) from e


def cites(citations: Iterable[Citation], limit: int = 2) -> str:
    """'Title (2021-05-25); pack: URL (+3 more)' for a table cell."""
    cited = list(citations)
    text = "; ".join(c.label for c in cited[:limit])
    return text + (f" (+{len(cited) - limit} more)" if len(cited) > limit else "")


def sentence(c: Citation, width: int = 160) -> str:
    return c.text if len(c.text) <= width else c.text[: width - 1] + "…"


def _in_range(day: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether a partial ISO date overlaps [date_from, date_to] (undated: only if unbounded)."""
    if not day:
        return not (date_from or date_to)
    if date_from and day[: len(date_from)] < date_from[: len(day)]:
        return False
    return not (date_to and day[: len(date_to)] > date_to[: len(day)])


def emit_json(items: Iterable[Item]) -> None:
    for item in items:
        click.echo(dumps(item.to_dict()))


def print_facts(found: Sequence[Fact], title: str | None = None) -> None:
    """One block per fact: grade, sources, the fact, then its evidence with sources."""
    if title:
        console.print(f"[bold underline]{escape(title)}[/bold underline]")
    for f in found:
        period = f"  ({f.period})" if f.period else ""
        src = "pack" if f.origin == "pack" else f"{f.sources} source(s)"
        console.print(
            f"[bold]{escape(f.label)}[/bold]{period}  [dim]{f.admiralty}: "
            f"credibility {f.credibility} ({CREDIBILITY[f.credibility]}), {src}[/dim]"
        )
        for c in f.evidence[:3]:
            text = "" if c.kind == "pack" else f"  “{escape(sentence(c))}”"
            console.print(f"    [dim]{escape(c.label)}[/dim]{text}")
        if len(f.evidence) > 3:
            console.print(f"    [dim](+{len(f.evidence) - 3} more)[/dim]")


@cli.command()
@click.argument("entity", required=False)
@click.option("--predicate", type=click.Choice(PREDICATES), default=None)
@click.option(
    "--as-of", "as_of", default=None, metavar="DATE", help="Only relations holding on DATE."
)
@click.option("--limit", "-n", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per fact.")
@db_option
@pack_option
@friendly_errors
def facts(
    entity: str | None,
    predicate: str | None,
    as_of: str | None,
    limit: int,
    as_json: bool,
    db: str,
    packs: tuple[str, ...],
) -> None:
    """Facts merged across sources (and the pack), with source counts and credibility 1-6.

    Example:

        crossroads facts CSTO --predicate member_of --as-of 2010
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        eid = resolve_entity(store, pack, entity).id if entity else None
        found = checked(find_facts, store, eid, predicate=predicate, as_of=as_of, pack=pack)
    found = found[:limit]
    if as_json:
        emit_json(found)
        return
    if not found:
        click.echo("no facts" + (f" about {entity}" if entity else ""))
        return
    print_facts(found)


@cli.command()
@click.option("--speaker", default=None, help="Who said it (name or id).")
@click.option("--about", default=None, help="An entity the quote is about.")
@click.option("--from", "date_from", default=None, metavar="DATE")
@click.option("--to", "date_to", default=None, metavar="DATE")
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def quotes(
    speaker: str | None,
    about: str | None,
    date_from: str | None,
    date_to: str | None,
    as_json: bool,
    db: str,
    packs: tuple[str, ...],
) -> None:
    """Who said what: direct quotations with their speakers and where they were printed,
    and (with --speaker) the claims the text attributes to the speaker.

    Example:

        crossroads quotes --speaker "Zamir Kabulov"
    """
    from crossroads.analysis.facts import check_date

    checked(check_date, date_from, "--from")
    checked(check_date, date_to, "--to")
    pack = load_pack(packs)
    with open_store(db) as store:
        ctx = Context(store, pack)
        s = resolve_entity(store, pack, speaker).id if speaker else None
        a = resolve_entity(store, pack, about).id if about else None
        found = [quote_item(ctx, q) for q in store.quotes(speaker=s, about=a)]
        said = claims(store, s, pack, ctx=ctx) if s else []
    found = [q for q in found if _in_range(q.date, date_from, date_to)]
    said = [f for f in said if _in_range(f.first_seen, date_from, date_to)]
    if as_json:
        emit_json([*found, *said])
        return
    if not found and not said:
        click.echo("no quotes")
        return
    if said:
        print_facts(said, "claims attributed to the speaker")
    for q in found:
        console.print(
            f"[bold]{escape(q.speaker_name or 'unknown speaker')}[/bold] {escape(q.cue)}"
            f"  [dim]{escape(q.evidence.label)}[/dim]"
        )
        console.print(f"  “{escape(q.text)}”")


@cli.command()
@click.argument("entity", required=False)
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES), default=None)
@click.option("--from", "date_from", default=None, metavar="DATE")
@click.option("--to", "date_to", default=None, metavar="DATE")
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def events(
    entity: str | None,
    type_: str | None,
    date_from: str | None,
    date_to: str | None,
    as_json: bool,
    db: str,
    packs: tuple[str, ...],
) -> None:
    """Events (PLOVER types) with actors, targets, date and evidence sentence.

    Example:

        crossroads events --type REJECT --from 2021-01 --to 2021-12
    """
    from crossroads.analysis.facts import check_date

    checked(check_date, date_from, "--from")
    checked(check_date, date_to, "--to")
    pack = load_pack(packs)
    with open_store(db) as store:
        ctx = Context(store, pack)
        eid = resolve_entity(store, pack, entity).id if entity else None
        found = [
            event_item(ctx, e)
            for e in store.events(entity=eid, type=type_, date_from=date_from, date_to=date_to)
        ]
    found.sort(key=lambda e: e.date or e.evidence.published or "")
    if as_json:
        emit_json(found)
        return
    if not found:
        click.echo("no events")
        return
    for e in found:
        console.print(
            f"[bold]{e.date or '?'}[/bold]  {escape(e.summary)}  "
            f"[dim]{escape(e.evidence.label)}[/dim]"
        )
        console.print(f"    “{escape(sentence(e.evidence))}”")


@cli.command()
@click.argument("entity", required=False)
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def conflicts(entity: str | None, as_json: bool, db: str, packs: tuple[str, ...]) -> None:
    """Where sources disagree with each other or with the pack, every side with its sources.

    Example:

        crossroads conflicts Uzbekistan
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        eid = resolve_entity(store, pack, entity).id if entity else None
        found = find_conflicts(store, pack, eid)
    if as_json:
        emit_json(found)
        return
    if not found:
        click.echo("no conflicts found")
        return
    for c in found:
        console.print(f"[bold red]{c.kind}[/bold red]  [bold]{escape(c.summary)}[/bold]")
        for side in c.sides:
            n = f"{side.sources} source(s)" if side.stance != "pack" else "pack"
            console.print(f"  [bold]{side.stance}[/bold] ({n}): {escape(side.summary)}")
            for cite in side.evidence[:4]:
                console.print(f"    [dim]{escape(cite.label)}[/dim]  {escape(sentence(cite))}")
        console.print()


@cli.command()
@click.argument("entity")
@click.option("--json", "as_json", is_flag=True, help="The whole profile as one JSON object.")
@db_option
@pack_option
@friendly_errors
def profile(entity: str, as_json: bool, db: str, packs: tuple[str, ...]) -> None:
    """Everything known of one entity: pack data, relations now and past, events, quotes,
    documents and conflicts, each with its sources.

    Example:

        crossroads profile Tajikistan
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        p = build_profile(store, pack, entity)
    if as_json:
        click.echo(dumps(p.to_dict()))
        return
    e = p.entity
    console.print(f"[bold]{escape(e.name)}[/bold]  {e.type}  [dim]{e.id}[/dim]")
    if e.aliases:
        console.print(f"[dim]aliases:[/dim] {escape(', '.join(e.aliases))}")
    if p.pack:
        shown = {k: v for k, v in p.pack.items() if not isinstance(v, (dict, list))}
        console.print(f"[dim]pack:[/dim] {escape(dumps(shown))}")
    if p.current:
        print_facts(p.current, "relations")
    if p.past:
        print_facts(p.past, "past relations")
    for ev in p.events:
        console.print(
            f"[dim]{ev.date or '?'}[/dim] {escape(ev.summary)}  "
            f"[dim]{escape(ev.evidence.label)}[/dim]"
        )
    for label, qs in (("said", p.quotes_by), ("quoted about it", p.quotes_about)):
        for q in qs:
            console.print(
                f"[bold]{label}[/bold] ({escape(q.speaker_name or '?')}): “{escape(q.text)}”"
                f"  [dim]{escape(q.evidence.label)}[/dim]"
            )
    for c in p.conflicts:
        console.print(f"[bold red]conflict[/bold red] {escape(c.summary)}")
    if p.documents:
        console.print("[dim]documents:[/dim]")
        for d in p.documents:
            console.print(
                f"  {d.mentions}× {escape(d.title or d.source)} "
                f"({d.published or 'undated'})  [dim]{d.id}[/dim]"
            )


@cli.command()
@click.argument("entity", required=False)
@click.option("--with", "other", default=None, help="Only items involving this entity too.")
@click.option("--query", "-q", default=None, help="Only items from documents matching this search.")
@click.option("--from", "date_from", default=None, metavar="DATE")
@click.option("--to", "date_to", default=None, metavar="DATE")
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def timeline(
    entity: str | None,
    other: str | None,
    query: str | None,
    date_from: str | None,
    date_to: str | None,
    as_json: bool,
    db: str,
    packs: tuple[str, ...],
) -> None:
    """Events and dated relations in date order, with the precision of each date.

    Example:

        crossroads timeline Kyrgyzstan --with "United States"
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        eid = resolve_entity(store, pack, entity).id if entity else None
        oid = resolve_entity(store, pack, other).id if other else None
        items = checked(build_timeline, store, eid, oid, query, date_from, date_to, pack=pack)
    if as_json:
        emit_json(items)
        return
    if not items:
        click.echo("nothing dated found")
        return
    for i in items:
        note = ", report date" if i.dated_by == "document" else ""
        console.print(
            f"[bold]{i.date}[/bold] [dim]({i.precision}{note})[/dim]  "
            f"{escape(i.summary)}  [dim]{escape(i.evidence.label)}[/dim]"
        )


@cli.command()
@click.argument("entity")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 4))
@click.option(
    "--predicate",
    "predicates",
    multiple=True,
    type=click.Choice(PREDICATES),
    help="Only these relations (repeatable).",
)
@click.option("--as-of", "as_of", default=None, metavar="DATE")
@click.option("--json", "as_json", is_flag=True, help="Nodes, edges and centrality as JSON.")
@db_option
@pack_option
@friendly_errors
def network(
    entity: str,
    depth: int,
    predicates: tuple[str, ...],
    as_of: str | None,
    as_json: bool,
    db: str,
    packs: tuple[str, ...],
) -> None:
    """The relation neighbourhood of an entity and who is most central in it.

    Example:

        crossroads network "Islamic Movement of Uzbekistan" --depth 2
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        eid = resolve_entity(store, pack, entity).id
        g = checked(
            neighbourhood,
            store,
            eid,
            depth=depth,
            predicates=list(predicates) or None,
            as_of=as_of,
            pack=pack,
        )
    ranks = centrality(g)
    if as_json:
        data = graph_to_dict(g)
        data["centrality"] = [{"id": i, "name": n, "score": s} for i, n, s in ranks]
        click.echo(dumps(data))
        return
    console.print(f"{g.number_of_nodes()} entities, {g.number_of_edges()} relations")
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[2]["predicate"], e[0], e[1])):
        rel = ("NOT " if d["negated"] else "") + d["predicate"]
        period = f"  ({d['start'] or '?'}–{d['end']})" if d["start"] or d["end"] else ""
        src = "pack" if d["origin"] == "pack" else f"{d['sources']} source(s)"
        console.print(
            f"{escape(g.nodes[u]['name'])} [bold]{rel}[/bold] {escape(g.nodes[v]['name'])}"
            f"{period}  [dim]credibility {d['credibility']}, {src}[/dim]"
        )
    console.print("most central: " + ", ".join(f"{escape(n)} ({s})" for _, n, s in ranks[:5]))
