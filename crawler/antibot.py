"""Anti-bot challenge pages: recognised, never solved, never stored as a report.

Chinese government portals sit behind a few commercial shields, each with a fingerprint in its
challenge response: 瑞数 (Riversecurity) answers 412 with a script that sets `$_ts`; 加速乐
(Jiasule, Knownsec) answers 521 with a script that computes the `__jsl_clearance` cookie; Aliyun
WAF answers 200 with a script that computes the `acw_sc__v2` cookie. The markers are in the body,
since the scripts set those cookies in the browser. The status alone is not enough (a 412 or 521
without the marker is a plain error), and a marker inside a long real page is not enough either (a
page may quote the word), so the body must also be short, as challenge pages are.
"""
from __future__ import annotations

import re

CHALLENGE_MAX_BYTES = 64 * 1024  # challenge pages are a script of a few kB; reports are longer

# (name, the statuses its challenge comes with (None: any), the marker in the body)
SHIELDS: tuple[tuple[str, frozenset[int] | None, re.Pattern[bytes]], ...] = (
    ("ruishu ($_ts, 412)", frozenset({412}), re.compile(rb"\$_ts\s*=|\$_ts\[")),
    ("jiasule (__jsl_clearance, 521)", frozenset({521}), re.compile(rb"__jsl_clearance")),
    ("aliyun waf (acw_sc__v2)", None, re.compile(rb"acw_sc__v2")),
)


def challenge_kind(status: int, body: bytes) -> str | None:
    """Name the shield whose challenge this response is, or None for an ordinary response."""
    if len(body) > CHALLENGE_MAX_BYTES:
        return None
    for name, statuses, marker in SHIELDS:
        if (statuses is None or status in statuses) and marker.search(body):
            return name
    return None
