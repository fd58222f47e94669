"""`crossroads serve`: the HTTP API and the web UI on one local server."""

from __future__ import annotations

import click

from crossroads import settings
from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.pack import load_pack


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (loopback only by default).",
)
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--write", is_flag=True, help="Allow endpoints that change the store (POST /api/ingest)."
)
@click.option(
    "--token",
    default=lambda: settings.get("token") or None,
    show_default="$CROSSROADS_TOKEN",
    help="Writes must carry 'Authorization: Bearer TOKEN'; needed with --write off loopback.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Another Host header name to accept (a proxy's public name; repeatable).",
)
@db_option
@pack_option
@friendly_errors
def serve(
    host: str,
    port: int,
    write: bool,
    token: str | None,
    allow_hosts: tuple[str, ...],
    db: str,
    packs: tuple[str, ...],
) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web UI over a store.

    Requests whose Host header is not loopback, the bound name or an --allow-host name
    are refused. Off loopback, --write needs a token, and reads are public: the command
    says so.

    Example:

        crossroads serve --db crossroads.db --port 8001   # then open http://127.0.0.1:8001/
    """
    import uvicorn

    from crossroads.store import open_store
    from crossroads.web import create_app
    from crossroads.web.guard import allowed_hosts, is_loopback

    exposed = not is_loopback(host)
    if exposed and write and not token:
        raise click.UsageError(
            f"--write on {host} would let anyone who can reach it change "
            "the store: give --token (or set CROSSROADS_TOKEN)"
        )
    with open_store(db):  # fail now, with a clear message, if the store cannot be opened
        pass
    pack = load_pack(packs)
    extra = [*allow_hosts, *settings.get("allowed_hosts").split(",")]
    app = create_app(
        db, pack=pack, write=write, token=token, allowed_hosts=allowed_hosts(host, extra)
    )
    mode = "read-write" if write else "read-only"
    if exposed:
        click.secho(
            f"warning: serving on {host}: reads are public to anyone who can reach "
            f"port {port}" + ("; writes need the token" if token else ""),
            fg="yellow",
            err=True,
        )
    click.echo(
        f"crossroads serving {db} ({mode}) on http://{host}:{port}/  (Ctrl-C to stop)", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
