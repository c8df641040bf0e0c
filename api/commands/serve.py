"""`nianbao serve [--data DIR] [--host 127.0.0.1] [--port 8000]`: the HTTP API and the web page."""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from api.options import add_backend_option, add_data_option, backend_name, data_dir

if TYPE_CHECKING:  # the web stack is imported only when a command serves
    from api.routes.deps import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the HTTP API and the web page",
                                   description="Serve the API (/api, OpenAPI at /docs) and the web page of an index.")
    add_data_option(parser)
    add_backend_option(parser)
    add_listen_options(parser)
    parser.set_defaults(handler=run)


def add_listen_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=port_number, default=8000,
                        help="port to listen on (default: 8000; 0: any free port, the printed URL says which)")


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port < 65536:
        raise argparse.ArgumentTypeError(f"{port} is not a port number between 0 (any free one) and 65535")
    return port


def run(args: argparse.Namespace) -> int:
    from api.routes.deps import Settings

    return serve(Settings.from_env(data_dir=data_dir(args), backend=backend_name(args)), args.host, args.port)


def serve(settings: Settings, host: str, port: int) -> int:
    """Serve until interrupted, printing the URL once the socket listens; 1 when it cannot listen."""
    import uvicorn

    from api.app import create_app

    shown_host = f"[{host}]" if ":" in host else host

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                listening = self.servers[0].sockets[0].getsockname()[1]
                print(f"nianbao: serving {settings.data_dir} ({settings.backend}) at http://{shown_host}:{listening}/",
                      flush=True)

    server = AnnouncingServer(uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning"))
    try:
        server.run()
    except SystemExit as exit_:  # uvicorn exits when the address is taken, after logging why
        print(f"nianbao: cannot listen on {host}:{port}", file=sys.stderr)
        return int(exit_.code or 1)
    return 0 if server.started else 1
