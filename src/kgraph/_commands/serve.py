"""``kgraph serve``: the SPARQL endpoint, dereferenceable IRIs and the web pages."""

from __future__ import annotations

import socket

import typer

from ..errors import ConfigError
from ._app import command_errors, state
from ._lazy import open_store


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @command_errors
    def serve(
        ctx: typer.Context,
        host: str = typer.Option("127.0.0.1", "--host", metavar="HOST", help="Address to listen on (loopback by default)."),
        port: int = typer.Option(8000, "--port", metavar="PORT", help="TCP port to listen on."),
        allow_update: bool = typer.Option(
            False,
            "--allow-update",
            help="Accept SPARQL updates from clients holding the bearer token (KGRAPH_SERVE_TOKEN, "
            "or a token generated and printed at start). Read-only without it.",
        ),
        cors: list[str] | None = typer.Option(  # noqa: B008 - typer's way to declare a repeatable option
            None,
            "--cors",
            metavar="ORIGIN",
            help="Origin allowed to call the endpoint from a browser (repeatable; * for any). "
            "No CORS headers without it.",
        ),
        timeout: float = typer.Option(
            None,
            "--timeout",
            metavar="S",
            help="Seconds a query may run before it is stopped (default KGRAPH_QUERY_TIMEOUT, 30).",
            show_default=False,
        ),
        row_limit: int = typer.Option(
            10_000, "--row-limit", metavar="N", help="Most rows a SELECT returns over HTTP; more are cut."
        ),
    ) -> None:
        """Serve the graph over HTTP: a read-only SPARQL 1.1 endpoint at /sparql, the instance
        IRIs at /id/..., and pages (home, named queries, SPARQL editor, network view)."""
        try:
            import uvicorn

            from ..server import ServeOptions, create_app, generate_token
        except ImportError as exc:
            raise ConfigError(
                f"kgraph serve needs the server extra (pip install 'kgraph[server]'): {exc}"
            ) from None
        settings = state(ctx).settings
        token = None
        if allow_update:
            token = settings.serve_token or None
            if token is None:
                token = generate_token()
                typer.echo(f"update token (Authorization: Bearer ...): {token}")
        options = ServeOptions(
            timeout=timeout if timeout is not None else settings.query_timeout,
            row_limit=row_limit,
            allow_update=allow_update,
            token=token,
            cors_origins=tuple(cors or ()),
        )
        _check_listen(host, port)
        # Read-only unless updates are allowed, so other kgraph commands can use the store
        # while it is served.
        store = open_store(settings.store, read_only=not allow_update)
        try:
            application = create_app(store, options=options)
            if host not in ("127.0.0.1", "localhost", "::1"):
                typer.echo(f"kgraph: warning: listening on {host}: other machines can reach the server", err=True)
            if not store.capabilities.cancellable_query:
                typer.echo(f"kgraph: warning: {store.url} cannot stop a query at --timeout; the "
                           "server answers 503 but the endpoint may go on (give it a limit)", err=True)
            mode = "read-write with token" if allow_update else "read-only"
            typer.echo(f"serving {store.url} ({mode}) at http://{host}:{port}/  (SPARQL: /sparql)")
            uvicorn.run(application, host=host, port=port, log_level="warning")
        finally:
            store.close()


def _check_listen(host: str, port: int) -> None:
    """Fail early, with one clear line, when the address cannot be listened on.

    Raises:
        ConfigError: the port is out of range, the host unknown or the port taken.
    """
    if not 0 < port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, not {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, type_, proto, _, address = infos[0]
    with socket.socket(family, type_, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
