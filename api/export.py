"""Streams the rows of any list endpoint as CSV or JSON Lines.

Every list endpoint answers `format=json` (the default, one page), `format=csv` and
`format=jsonl` (every matching row, streamed). The endpoint hands over an iterator of rows and the
CSV columns; this module turns it into a response that is written while the iterator runs, so an
export of the whole index never sits in memory.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Any

from fastapi.responses import StreamingResponse


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


MEDIA_TYPES = {
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.jsonl: "application/x-ndjson; charset=utf-8",
}

# The OpenAPI `responses` of a list endpoint: the streamed formats beside its JSON model.
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}},
                      "application/x-ndjson": {"schema": {"type": "string"}}},
          "description": "JSON by default; CSV or JSON Lines, streamed, with `format=csv` / `format=jsonl`"},
}

# Excel, which most researchers open a CSV with, reads UTF-8 only after a byte-order mark.
CSV_BOM = "\ufeff"
LIST_SEPARATOR = "；"
ROWS_PER_CHUNK = 200


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects become dotted columns (`region.province`); lists become one joined cell."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = LIST_SEPARATOR.join(
                json.dumps(item, ensure_ascii=False) if isinstance(item, (dict, list)) else str(item)
                for item in value)
        else:
            flat[name] = value
    return flat


def csv_chunks(rows: Iterable[dict[str, Any]], columns: list[str] | None = None) -> Iterator[str]:
    """The CSV text in chunks of a few hundred rows; columns from the first row when not given.

    A row's keys outside `columns` are dropped rather than shifting cells, so every line has the
    header's shape even when later rows carry extra fields.
    """
    buffer = io.StringIO()
    writer: csv.DictWriter | None = None
    if columns is not None:
        writer = _header(buffer, columns)
    pending = 0
    yield CSV_BOM
    for row in rows:
        flat = flatten(row)
        if writer is None:
            writer = _header(buffer, list(flat))
        writer.writerow({key: ("" if value is None else value) for key, value in flat.items()})
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield _drain(buffer)
            pending = 0
    yield _drain(buffer)


def _header(buffer: io.StringIO, columns: list[str]) -> csv.DictWriter:
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    return writer


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
        if len(lines) >= ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def export_response(fmt: ExportFormat, name: str, *, csv_rows: Iterable[dict[str, Any]],
                    jsonl_rows: Iterable[dict[str, Any]], columns: list[str] | None = None) -> StreamingResponse:
    """A streamed download named `nianbao-{name}.{csv|jsonl}`.

    CSV gets flat rows (the indexer's `rows()`: one column per value); JSON Lines gets the objects
    of the JSON answer unchanged. Both are lazy iterators and only the one asked for is consumed,
    so no query runs before the client reads.
    """
    if fmt is ExportFormat.csv:
        body = csv_chunks(csv_rows, columns)
    elif fmt is ExportFormat.jsonl:
        body = jsonl_chunks(jsonl_rows)
    else:
        raise ValueError(f"format {fmt.value} is answered as JSON by the endpoint itself, not exported")
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in body),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="nianbao-{name}.{fmt.value}"'},
    )
