"""The embedded SQLite backend of the index."""
from indexer.sqlite.index import SqliteIndex

__all__ = ["SqliteIndex"]
