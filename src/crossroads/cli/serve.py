"""`crossroads serve`: the HTTP API and the web UI on one local server."""
from __future__ import annotations


import click

from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.pack import load_pack


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (loopback only by default).")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--write", is_flag=True,
              help="Allow endpoints that change the store (POST /api/ingest).")
@db_option
@pack_option
@friendly_errors
def serve(host, port, write, db, packs):
    """Serve the JSON API (/api, docs at /docs) and the web UI over a store.

    Example:

        crossroads serve --db crossroads.db --port 8001   # then open http://127.0.0.1:8001/
    """
    import uvicorn

    from crossroads.store import open_store
    from crossroads.web import create_app

    with open_store(db):  # fail now, with a clear message, if the store cannot be opened
        pass
    pack = load_pack(packs)
    app = create_app(db, pack=pack, write=write)
    mode = "read-write" if write else "read-only"
    click.echo(f"crossroads serving {db} ({mode}) on http://{host}:{port}/  (Ctrl-C to stop)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
