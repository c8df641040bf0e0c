"""The researcher-facing side: the HTTP API and web page, and the `nianbao` command line."""
