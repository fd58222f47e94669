"""`crossroads search|documents|show|entities|entity`: look into what the store holds."""

from __future__ import annotations

import re

import click
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.cli.terminal import SafeConsole, dumps, safe
from crossroads.exc import NotFound
from crossroads.model import ENTITY_TYPES, Document
from crossroads.pack import load_pack
from crossroads.store import open_store
from crossroads.textspan import sentence_around

console = SafeConsole(highlight=False, soft_wrap=True)


def _highlight(snippet: str) -> Text:
    """Store snippets mark matches with [ ]; show them bold."""
    out = Text("   ")
    for i, part in enumerate(re.split(r"[\[\]]", safe(snippet.replace("\n", " ")))):
        out.append(part, style="bold yellow" if i % 2 else "")
    return out


@cli.command()
@click.argument("query")
@click.option(
    "--kind",
    type=click.Choice(["all", "documents", "entities", "facts"]),
    default="all",
    show_default=True,
    help="What to search.",
)
@click.option("--limit", "-n", default=10, show_default=True, help="Most hits of each kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit, with its 'kind'.")
@db_option
@pack_option
@friendly_errors
def search(
    query: str, kind: str, limit: int, as_json: bool, db: str, packs: tuple[str, ...]
) -> None:
    """Search documents (full text, ranked, with a snippet), entities and facts together.

    Facts are those of the best-matching entity, with their sources.

    Example:

        crossroads search "Gwadar port"
    """
    with open_store(db) as store:
        hits = store.search(query, limit=limit) if kind in ("all", "documents") else []
        ents = store.find_entities(query, limit=limit) if kind != "documents" else []
        found = []
        if kind in ("all", "facts") and ents:
            from crossroads.analysis.facts import facts as find_facts

            found = find_facts(store, entity=ents[0].id, pack=load_pack(packs))[:limit]
        if kind == "facts":
            ents = []
    if as_json:
        for h in hits:
            click.echo(
                dumps(
                    {
                        "kind": "document",
                        "id": h.document.id,
                        "title": h.document.title,
                        "published": h.document.published,
                        "source": h.document.source,
                        "score": h.score,
                        "snippet": h.snippet,
                    }
                )
            )
        for e in ents:
            click.echo(
                dumps(
                    {
                        "kind": "entity",
                        "id": e.id,
                        "type": e.type,
                        "name": e.name,
                        "aliases": list(e.aliases),
                    }
                )
            )
        for f in found:
            click.echo(dumps({"kind": "fact", **f.to_dict()}))
        return
    if not (hits or ents or found):
        click.echo(f"nothing matches {query!r}")
        return
    if hits:
        console.print("[bold underline]Documents[/bold underline]")
    for rank, h in enumerate(hits, 1):
        d = h.document
        console.print(
            f"{rank}. [bold]{escape(d.title or '(untitled)')}[/bold]  "
            f"{d.published or 'date unknown'}  {escape(d.source)}  [dim]{d.id}[/dim]"
        )
        console.print(_highlight(h.snippet))
    if ents:
        console.print("\n[bold underline]Entities[/bold underline]")
        for e in ents:
            console.print(f"{escape(e.name)}  [dim]{e.type}  {e.id}[/dim]")
    if found:
        from crossroads.cli.facts import print_facts

        console.print()
        print_facts(found, title=f"Facts about {ents[0].name if ents else query}")


@cli.command()
@click.option("--source", default=None, help="Only documents from this input file.")
@click.option("--limit", "-n", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@db_option
@friendly_errors
def documents(source: str | None, limit: int, as_json: bool, db: str) -> None:
    """List stored documents in ingest order.

    Example:

        crossroads documents --source report.html
    """
    with open_store(db) as store:
        docs = store.documents(source=source, limit=limit)
    if as_json:
        for d in docs:
            rec = d.to_record()
            rec.pop("text")
            click.echo(dumps(rec))
        return
    table = Table(box=None, header_style="bold")
    table.add_column("id", no_wrap=True, min_width=12)
    table.add_column("published", no_wrap=True, min_width=10)
    for col, width in (("title", 48), ("author", 22), ("source", 28)):
        table.add_column(col, no_wrap=True, overflow="ellipsis", max_width=width)
    for d in docs:
        note = f" (near-duplicate of {d.duplicate_of[:10]})" if d.duplicate_of else ""
        title = (
            "(page: articles listed below it)" if d.kind == "page" else (d.title or "(untitled)")
        )
        table.add_row(
            d.id[:12],
            d.published or "-",
            escape(title) + note,
            escape(d.author or "-"),
            escape(d.source),
        )
    console.print(table)


@cli.command()
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True)
@db_option
@friendly_errors
def show(doc_id: str, as_json: bool, db: str) -> None:
    """Show one document, cleaned, with its metadata (a unique id prefix is enough).

    Example:

        crossroads show d:3f2a81
    """
    with open_store(db) as store:
        doc = store.get_document(doc_id)
        if doc is None:
            raise NotFound(f"no document {doc_id!r} (try `crossroads documents`)")
        children = store.documents(parent=doc.id) if doc.kind == "page" else []
    if as_json:
        click.echo(dumps(doc.to_record(), indent=1))
        return
    console.print(f"[bold]{escape(doc.title or '(untitled)')}[/bold]")
    for label, value in (
        ("id", doc.id),
        ("source", doc.source),
        ("author", doc.author),
        ("published", doc.published or "unknown"),
        ("parent", doc.parent),
        ("near-duplicate of", doc.duplicate_of),
    ):
        if value:
            console.print(f"[dim]{label}:[/dim] {escape(str(value))}")
    for c in children:
        console.print(f"[dim]article:[/dim] {c.id}  {escape(c.title or '')}")
    if doc.text:
        console.print()
        console.print(escape(doc.text))
    if doc.footnotes:
        console.print("\n[dim]notes[/dim]")
        for f in doc.footnotes:
            console.print(f"{f.marker}. {escape(f.text)}")


@cli.command()
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), default=None)
@click.option("--doc", default=None, help="Only entities mentioned in this document.")
@click.option("--limit", "-n", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@db_option
@friendly_errors
def entities(type_: str | None, doc: str | None, limit: int, as_json: bool, db: str) -> None:
    """List entities with their mention counts, most mentioned first.

    Example:

        crossroads entities --type ArmedGroup
    """
    with open_store(db) as store:
        if doc:
            found = store.get_document(doc)
            if found is None:
                raise NotFound(f"no document {doc!r}")
            doc = found.id
        rows = store.entities(type=type_, doc=doc, limit=limit)
    if as_json:
        for e, n in rows:
            click.echo(
                dumps(
                    {
                        "id": e.id,
                        "type": e.type,
                        "name": e.name,
                        "aliases": list(e.aliases),
                        "mentions": n,
                    }
                )
            )
        return
    table = Table(box=None, header_style="bold")
    table.add_column("mentions", no_wrap=True, justify="right")
    table.add_column("type", no_wrap=True, min_width=12)
    for col, width in (("name", 36), ("aliases", 30), ("id", 36)):
        table.add_column(col, no_wrap=True, overflow="ellipsis", max_width=width)
    for e, n in rows:
        table.add_row(str(n), e.type, escape(e.name), escape(", ".join(e.aliases[:4])), e.id)
    console.print(table)


@cli.command()
@click.argument("name")
@click.option("--limit", "-n", default=20, show_default=True, help="Sentences to show.")
@click.option("--json", "as_json", is_flag=True)
@db_option
@friendly_errors
def entity(name: str, limit: int, as_json: bool, db: str) -> None:
    """Show one entity: aliases, pack data and the sentences that mention it.

    Example:

        crossroads entity "Zamir Kabulov"
    """
    with open_store(db) as store:
        e = store.get_entity(name)
        if e is None:
            found = store.find_entities(name, limit=1)
            if not found:
                raise NotFound(f"no entity named {name!r} (try `crossroads entities`)")
            e = found[0]
        mentions = store.mentions(entity=e.id)
        sentences: list[tuple[str, int, int, Document]] = []
        docs: dict[str, Document | None] = {}
        for m in mentions:
            if m.doc not in docs:
                docs[m.doc] = store.get_document(m.doc)
            d = docs[m.doc]
            assert d is not None  # a mention's document is stored with it
            s, t = sentence_around(d.text, m.start, m.end)
            if not sentences or sentences[-1][0:3] != (d.id, s, t):
                sentences.append((d.id, s, t, d))
    if as_json:
        click.echo(
            dumps(
                {
                    "id": e.id,
                    "type": e.type,
                    "name": e.name,
                    "aliases": list(e.aliases),
                    "data": e.data,
                    "mentions": len(mentions),
                    "sentences": [
                        {"doc": i, "start": s, "end": t, "text": d.text[s:t]}
                        for i, s, t, d in sentences[:limit]
                    ],
                },
                indent=1,
            )
        )
        return
    console.print(f"[bold]{escape(e.name)}[/bold]  {e.type}  [dim]{e.id}[/dim]")
    if e.aliases:
        console.print(f"[dim]aliases:[/dim] {escape(', '.join(e.aliases))}")
    for k, v in sorted((e.data or {}).items()):
        console.print(f"[dim]{k}:[/dim] {escape(str(v))}")
    console.print(f"[dim]{len(mentions)} mentions in {len(docs)} documents[/dim]\n")
    for doc_id, s, t, d in sentences[:limit]:
        console.print(f"[dim]{escape(d.title or d.source)} ({d.published or 'undated'}):[/dim]")
        console.print("  " + escape(" ".join(d.text[s:t].split())))
