"""The one document model every converter produces and every extraction step reads.

Converters differ wildly (HTML portals, PDF layouts, Word merged cells, text dumps whose tables
were flattened to one cell per line), so the rest of the extractor never sees a format: it sees
ordered blocks of paragraphs and tables, and the plain text those blocks flatten to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass
class Table:
    """A table as a grid with every row/column span resolved.

    `grid[r][c]` is the text of the cell covering row r, column c. A merged cell appears in every
    position it covers; `origin[r][c]` gives the (row, col) of the merged cell's top-left position,
    so readers that must count each physical cell once can skip positions whose origin differs.
    Rows may be ragged when the source itself had rows with missing cells: that damage is real
    information for the table readers, so converters never pad rows.
    `flattened` is True when the converter rebuilt the table from a text dump without row
    structure (one cell per line): then each row of the grid is one source line.
    """

    grid: list[list[str]]
    origin: list[list[tuple[int, int]]] = field(default_factory=list)
    flattened: bool = False
    page: int | None = None

    def __post_init__(self) -> None:
        if not self.origin:
            self.origin = [[(r, c) for c in range(len(row))] for r, row in enumerate(self.grid)]

    def physical_rows(self) -> list[list[str]]:
        """Each row's cells in reading order, every merged cell counted once (at its origin)."""
        rows: list[list[str]] = []
        for r, row in enumerate(self.grid):
            rows.append([text for c, text in enumerate(row) if self.origin[r][c] == (r, c)])
        return rows

    def cell_stream(self) -> list[str]:
        """All physical cells in reading order: what a flattened dump of this table would show."""
        return [text for row in self.physical_rows() for text in row]

    def to_text(self) -> str:
        """One line per row, cells separated by tabs: the table's contribution to `Document.text`."""
        return "\n".join("\t".join(cell for cell in row) for row in self.physical_rows())


@dataclass
class Paragraph:
    text: str


Block = Union[Paragraph, Table]


@dataclass
class Document:
    """A converted report: its blocks in reading order plus what the source told us about it.

    `text` is derived once from the blocks so that fact offsets computed on it stay valid for the
    record (`text[start:end] == fact.text`).
    """

    blocks: list[Block]
    source_format: str
    title_hint: str | None = None          # <title>, PDF metadata, a crawler page title
    published_hint: str | None = None      # a date the page or file states for publication
    warnings: list[str] = field(default_factory=list)
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = "\n".join(
                block.text if isinstance(block, Paragraph) else block.to_text() for block in self.blocks
            )

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def iter_paragraphs(self) -> Iterator[Paragraph]:
        return (block for block in self.blocks if isinstance(block, Paragraph))


class ConversionError(Exception):
    """A source that cannot be turned into a Document; the message names the file and the cause."""
