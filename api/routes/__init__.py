"""One router per resource of the HTTP API; shared dependencies live in `deps`."""
