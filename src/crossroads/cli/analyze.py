"""`crossroads analyze basing|corridors|spillover`: the region's three analyses, reasons cited."""

from __future__ import annotations

import click
from rich.markup import escape

from crossroads.analysis.basing import basing_options
from crossroads.analysis.corridors import routes
from crossroads.analysis.spillover import exposure
from crossroads.cli.facts import cites, console, emit_json, sentence
from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.pack import load_pack
from crossroads.store import open_store

_VERDICT_STYLE = {
    "closed": "bold red",
    "constrained": "bold yellow",
    "open": "bold green",
    "unknown": "dim",
}


@cli.group()
def analyze() -> None:
    """The region's analyses: basing options, corridor access, spillover exposure."""


@analyze.command()
@click.option("--power", required=True, help="The power seeking bases, e.g. 'United States'.")
@click.option(
    "--hosts",
    required=True,
    help="Comma-separated countries or regions, e.g. 'Central Asia,Pakistan'.",
)
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def basing(power: str, hosts: str, as_json: bool, db: str, packs: tuple[str, ...]) -> None:
    """Can POWER base forces in each host? A verdict per host with its cited reasons.

    Example:

        crossroads analyze basing --power "United States" --hosts "Central Asia,Pakistan"
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        verdicts = basing_options(store, pack, power, [h for h in hosts.split(",") if h.strip()])
    if as_json:
        return emit_json(verdicts)
    for v in verdicts:
        style = _VERDICT_STYLE[v.verdict]
        console.print(f"[bold]{escape(v.host_name)}[/bold]: [{style}]{v.verdict}[/{style}]")
        if not v.reasons:
            console.print("  [dim]nothing in the store or the pack bears on it[/dim]")
        for r in v.reasons:
            console.print(f"  {r.effect:<10} {escape(r.text)}")
            for c in r.citations[:3]:
                quote = "" if c.kind == "pack" else f"  “{escape(sentence(c, 200))}”"
                console.print(f"             [dim]{escape(c.label)}[/dim]{quote}")
        for k in v.conflicts:
            console.print(
                f"  [red]conflict[/red]   {escape(k.summary)} (see `crossroads conflicts`)"
            )
        console.print()


@analyze.command()
@click.option("--from", "origin", required=True, help="The (landlocked) country to start from.")
@click.option(
    "--avoid",
    multiple=True,
    help="A country routes must not cross (repeatable or comma-separated).",
)
@click.option("--max", "max_routes", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def corridors(
    origin: str,
    avoid: tuple[str, ...],
    max_routes: int,
    as_json: bool,
    db: str,
    packs: tuple[str, ...],
) -> None:
    """Routes from a country to a sea port, the countries each crosses and the corridors used.

    Example:

        crossroads analyze corridors --from Uzbekistan --avoid Afghanistan
    """
    pack = load_pack(packs)
    avoided = [a.strip() for item in avoid for a in item.split(",") if a.strip()]
    with open_store(db) as store:
        found = routes(store, pack, origin, avoid=avoided, max_routes=max_routes)
    if as_json:
        return emit_json(found)
    if not found:
        avoiding = f" avoiding {', '.join(avoided)}" if avoided else ""
        click.echo(f"no route to the sea from {origin}{avoiding}")
        return
    for i, r in enumerate(found, 1):
        via = f"  [dim]via {escape(', '.join(r.corridors))}[/dim]" if r.corridors else ""
        console.print(f"[bold]{i}. {escape(r.summary)}[/bold]{via}")
        for s in r.steps:
            if s.link == "coast":
                continue
            link = f"{s.link} via {s.via}" if s.via else s.link
            console.print(
                f"    {escape(s.source_name)} —{escape(link)}→ {escape(s.target_name)}"
                f"  [dim]{escape(cites(s.citations, 1))}[/dim]"
            )


@analyze.command()
@click.option("--country", required=True, help="The country whose neighbourhood to scan.")
@click.option("--json", "as_json", is_flag=True)
@db_option
@pack_option
@friendly_errors
def spillover(country: str, as_json: bool, db: str, packs: tuple[str, ...]) -> None:
    """Armed groups placed in or next to a country, with allegiances, leaders, designations.

    Example:

        crossroads analyze spillover --country Tajikistan
    """
    pack = load_pack(packs)
    with open_store(db) as store:
        found = exposure(store, pack, country)
    if as_json:
        return emit_json(found)
    if not found:
        click.echo(f"no armed groups placed in or around {country}")
        return
    for e in found:
        console.print(f"[bold]{escape(e.group_name)}[/bold]  (nearest: {e.nearest})")
        for p in e.placements:
            where = p.area_name
            if p.neighbour and p.neighbour != p.area_name:
                where += f", {p.neighbour}"
            console.print(
                f"  operates in {escape(where)} [{p.proximity}]  "
                f"[dim]{escape(cites(p.fact.evidence))}[/dim]"
            )
        for label, fs in (
            ("allegiance", e.allegiances),
            ("affiliation", e.affiliations),
            ("leader", e.leaders),
            ("designation", e.designations),
        ):
            for f in fs:
                console.print(
                    f"  {label}: {escape(f.label)}  [dim]{escape(cites(f.evidence))}[/dim]"
                )
        for c in e.conflicts:
            console.print(f"  [red]conflict[/red]: {escape(c.summary)}")
        console.print()


__all__ = ["analyze", "basing", "corridors", "spillover"]
