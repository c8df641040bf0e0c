"""`nianbao serve [--data DIR] [--host 127.0.0.1] [--port 8000]`: the HTTP API and the web page."""
from __future__ import annotations

import argparse
import sys

from api.options import add_backend_option, add_data_option, backend_name, data_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the HTTP API and the web page",
                                   description="Serve the API (/api, OpenAPI at /docs) and the web page of an index.")
    add_data_option(parser)
    add_backend_option(parser)
    add_listen_options(parser)
    parser.set_defaults(handler=run)


def add_listen_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{port} is not a port number between 1 and 65535")
    return port


def run(args: argparse.Namespace) -> int:
    from api.app import Settings  # noqa: the web stack is imported only by the commands that serve
    return serve(Settings.from_env(data_dir=data_dir(args), backend=backend_name(args)), args.host, args.port)


def serve(settings, host: str, port: int) -> int:
    """Run the server until interrupted; the URL is printed once it listens."""
    import uvicorn

    from api.app import create_app

    app = create_app(settings)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    shown_host = f"[{host}]" if ":" in host else host
    print(f"nianbao: serving {settings.data_dir} ({settings.backend}) at http://{shown_host}:{port}/", file=sys.stderr,
          flush=True)
    server.run()
    return 0 if server.started else 1
