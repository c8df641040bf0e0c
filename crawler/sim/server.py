"""The portal simulator's HTTP server: `python -m crawler.sim.server --port N`, or in tests:

    with PortalSimulator() as portal:
        portal.url                   # http://127.0.0.1:<free port>
        portal.requests              # every request: path, headers, status, start and end times
        portal.max_in_flight         # the most requests it was serving at once
        portal.site.change()         # or GET /__sim__/change: one report gets a new version

It answers like a real portal: ETag/Last-Modified and 304s, robots.txt, a 404 for the dead link, a
412 `$_ts` challenge, a slow first answer for one page, a 503 once for one list page. It binds to
127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import json
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from crawler.sim.site import LIST_DIR, Resource, Site, SiteOptions, build_site

CHANGE_PATH = "/__sim__/change"


@dataclass
class LoggedRequest:
    """Logged when the request arrives (so a log cleared later never receives it); the answer fills in."""

    method: str
    path: str
    headers: dict[str, str]
    started: float
    status: int = 0  # 0 while being answered
    body_bytes: int = 0
    ended: float | None = None


class PortalSimulator:
    def __init__(self, options: SiteOptions = SiteOptions(), port: int = 0, site: Site | None = None):
        self.site = site or build_site(options)
        self.requests: list[LoggedRequest] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler_class(self))
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def portal_entry(self, name: str = "sim", start: str = LIST_DIR, **extra: Any) -> dict[str, Any]:
        """A portals-file entry for this simulator."""
        return {"name": name, "start_urls": [self.url + start], "allowed_domains": ["127.0.0.1"], **extra}

    def start(self) -> PortalSimulator:
        self._thread = threading.Thread(target=self.server.serve_forever, name="portal-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> PortalSimulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def requested_paths(self) -> list[str]:
        with self._lock:
            return [request.path for request in self.requests]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.max_in_flight = 0

    # --- called by the handler threads -----------------------------------------------------------
    def _begin(self, request: LoggedRequest) -> int:
        """Log the request; returns how many times its path was requested, this one included."""
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            self._counts[request.path] = self._counts.get(request.path, 0) + 1
            self.requests.append(request)
            return self._counts[request.path]

    def _end(self, request: LoggedRequest, status: int, body_bytes: int) -> None:
        with self._lock:
            self._in_flight -= 1
            request.status, request.body_bytes, request.ended = status, body_bytes, time.monotonic()


def _handler_class(simulator: PortalSimulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "TRS WCM/7.0"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(send_body=False)

        def log_message(self, format: str, *args: Any) -> None:  # the request log replaces stderr lines
            return

        def _serve(self, send_body: bool) -> None:
            path = urlsplit(self.path).path
            logged = LoggedRequest(self.command, path, dict(self.headers.items()), time.monotonic())
            attempt = simulator._begin(logged)
            status, headers, body = 500, {}, b""
            try:
                status, headers, body = self._answer(path, attempt)
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
                pass
            finally:
                simulator._end(logged, status, len(body) if send_body else 0)

        def _answer(self, path: str, attempt: int) -> tuple[int, dict[str, str], bytes]:
            site = simulator.site
            if path == CHANGE_PATH:
                changed = site.change()
                return 200, {"Content-Type": "application/json"}, json.dumps(
                    {"changed": changed, "revision": site.revision}).encode()
            with site.lock:
                resource = site.resources.get(path)
            time.sleep(site.options.latency_seconds)
            if resource is None:
                return 404, {"Content-Type": "text/html; charset=utf-8"}, NOT_FOUND
            if resource.behaviour == "challenge":
                return 412, {"Content-Type": "text/html; charset=utf-8",
                             "Set-Cookie": "NfBCSins2OywS=60Tz0sj; path=/; HttpOnly"}, resource.body
            if resource.behaviour == "flaky" and attempt == 1:
                return 503, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>503 Service Temporarily Unavailable</h1>"
            if resource.behaviour == "slow" and attempt == 1:
                time.sleep(site.options.slow_seconds)
            headers = {"Content-Type": resource.content_type}
            if resource.etag and resource.last_modified:
                headers.update({"ETag": resource.etag, "Last-Modified": resource.last_modified})
                if self._not_modified(resource):
                    return 304, {"ETag": resource.etag, "Last-Modified": resource.last_modified}, b""
            return 200, headers, resource.body

        def _not_modified(self, resource: Resource) -> bool:
            """RFC 9110: If-None-Match decides when present, else If-Modified-Since."""
            if_none_match = self.headers.get("If-None-Match")
            if if_none_match is not None:
                return resource.etag in [tag.strip() for tag in if_none_match.split(",")]
            since = self.headers.get("If-Modified-Since")
            if since and resource.modified:
                try:
                    return resource.modified <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False
            return False

    return Handler


NOT_FOUND = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head>"
             "<body><h1>对不起，您访问的页面不存在或已删除</h1></body></html>").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.sim.server", description="Serve the simulated portal.")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765; 0 picks a free one)")
    parser.add_argument("--copies", type=int, default=1, help="list each sample report this many times")
    parser.add_argument("--slow-seconds", type=float, default=2.0, help="delay of the slow page's first answer")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to every answer")
    args = parser.parse_args(argv)
    if args.copies < 1 or args.slow_seconds < 0 or args.latency < 0:
        parser.error("--copies must be at least 1, --slow-seconds and --latency not negative")
    simulator = PortalSimulator(SiteOptions(copies=args.copies, slow_seconds=args.slow_seconds,
                                            latency_seconds=args.latency), port=args.port)
    print(f"simulated portal at {simulator.url}{LIST_DIR} (change a report: {simulator.url}{CHANGE_PATH})",
          flush=True)
    try:
        simulator.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        simulator.server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
