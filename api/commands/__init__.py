"""One module per `nianbao` subcommand; each exposes `register(subparsers)`.

The command line discovers them, so adding a command never means editing a central list.
"""
