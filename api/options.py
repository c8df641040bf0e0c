"""Command-line options shared by several `nianbao` subcommands, defined once."""
from __future__ import annotations

import argparse
import os
from pathlib import Path


def default_data_dir() -> Path:
    return Path(os.environ.get("NIANBAO_DATA") or "data")


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="data directory (default: $NIANBAO_DATA or ./data)")


def data_dir(args: argparse.Namespace) -> Path:
    return args.data if args.data is not None else default_data_dir()


def add_backend_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=["sqlite", "elasticsearch"], default=None,
                        help="index backend (default: elasticsearch when $NIANBAO_ES_URL is set, else sqlite)")


def backend_name(args: argparse.Namespace) -> str:
    if args.backend:
        return args.backend
    return "elasticsearch" if os.environ.get("NIANBAO_ES_URL") else "sqlite"
