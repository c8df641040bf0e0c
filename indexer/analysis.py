"""Chinese word segmentation shared by documents, queries and highlights, for both backends.

Neither SQLite's FTS5 tokenizers nor stock Elasticsearch segment Chinese words, so the index
never tokenizes Chinese itself: jieba cuts the text here, the tokens are joined by spaces, and
both backends split that string on whitespace only. Queries go through the same function, so a
word matches exactly when jieba cut the document and the query alike.

The token stream is jieba's default cut, where every Chinese word longer than two characters is
preceded by its parts: the dictionary words inside it and the characters no such word covers
(依申请公开 -> 依 申请 公开 依申请公开). The parts make a query for 申请公开 or 依申请 find a
text in which the user dictionary glued them into one field term; the whole word keeps the term
itself searchable and rankable.
"""
from __future__ import annotations

import logging
import re
import struct
import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import jieba
import numpy as np

_WORD_CHARS = re.compile(r"[^\W_]+")  # letters and digits: what FTS5's unicode61 also keeps
_init_lock = threading.Lock()


class Token(NamedTuple):
    term: str   # lower-cased letters/digits only
    start: int  # offsets into the segmented text
    end: int


@lru_cache(maxsize=1)
def segmenter() -> jieba.Tokenizer:
    """jieba with the field's user dictionary, loaded once per process.

    A private Tokenizer, so that another part of the program tuning the global jieba
    dictionary cannot change what the index matches.
    """
    with _init_lock:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        with resources.files("indexer").joinpath("data/userdict.txt").open("rb") as userdict:
            tokenizer.load_userdict(userdict)
        return tokenizer


@dataclass(frozen=True)
class Analysis:
    """What the index keeps of a text: its token stream, and where its words are.

    The word spans let highlighting find the tokens of a hit without segmenting it again
    (too slow per query): a word's parts are recomputed from its text, the cut is not.
    """

    terms: str  # the token stream, space-joined: what both backends index
    starts: np.ndarray  # where each whole word starts in the original text, in text order
    ends: np.ndarray  # where it ends

    def shifted(self, offset: int) -> Analysis:
        return Analysis(self.terms, self.starts + offset, self.ends + offset)


def analyze(text: str | None) -> Analysis:
    stream: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for parts, whole in _words(text or ""):
        stream.extend(part.term for part in parts)
        stream.append(whole.term)
        starts.append(whole.start)
        ends.append(whole.end)
    return Analysis(" ".join(stream), np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64))


def index_text(text: str | None) -> str:
    """The space-joined token stream that backends index (whitespace-analyzed)."""
    return analyze(text).terms


def tokens(text: str) -> list[Token]:
    """The index's token stream of `text`: each word's parts, then the word itself."""
    return [token for parts, whole in _words(text) for token in (*parts, whole)]


def word_tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of the word at text[start:end] (its parts, then itself)."""
    parts, whole = _split_word(segmenter(), text[start:end], start)
    return [*parts, whole]


def pack_spans(analysis: Analysis) -> bytes:
    """The word spans as compressed little-endian arrays of start deltas and lengths (~1 byte a word)."""
    deltas = np.diff(analysis.starts, prepend=0).astype("<u4")
    lengths = (analysis.ends - analysis.starts).astype("<u4")
    return zlib.compress(struct.pack("<I", len(deltas)) + deltas.tobytes() + lengths.tobytes(), 1)


def unpack_spans(blob: bytes) -> tuple[list[int], list[int]]:
    """(starts, ends) of the words, in text order."""
    raw = zlib.decompress(blob)
    (count,) = struct.unpack_from("<I", raw)
    deltas = np.frombuffer(raw, dtype="<u4", count=count, offset=4).astype(np.int64)
    lengths = np.frombuffer(raw, dtype="<u4", count=count, offset=4 + 4 * count)
    starts = np.cumsum(deltas)
    return starts.tolist(), (starts + lengths).tolist()


def word_terms(word: str) -> tuple[list[str], list[tuple[str, tuple[str, ...]]]]:
    """The finest terms of a query word (all required), and its whole words with their parts (a bonus).

    A query word must match wherever the text holds it, whatever longer word the text's
    segmentation glued it into; the parts are what the stream always carries, so a word matches
    when all of its finest parts occur. Requiring the whole word too would only lose matches, but
    a text that holds it whole is the better match, so it ranks higher.
    """
    words = _query_words(word)
    required = dict.fromkeys(token.term for parts, whole in words for token in (parts or [whole]))
    bonus = dict.fromkeys((whole.term, tuple(dict.fromkeys(p.term for p in parts))) for parts, whole in words if parts)
    return list(required), list(bonus)


def phrase_terms(phrase: str) -> tuple[list[str], list[str]]:
    """The token stream of a quoted phrase (it matches where the text's stream holds this run),
    and its whole words (what a highlight looks for in the text)."""
    words = _query_words(phrase)
    return [token.term for parts, whole in words for token in (*parts, whole)], [whole.term for _, whole in words]


def _query_words(text: str) -> list[tuple[list[Token], Token]]:
    """Words of a query: a dictionary word typed alone stays one word.

    Without context jieba may cut a short word apart (不多 -> 不 多) that it keeps whole inside a
    sentence; a person who typed a dictionary word meant that word.
    """
    stripped = text.strip()
    if len(stripped) > 1 and segmenter().FREQ.get(stripped.lower()) and _WORD_CHARS.fullmatch(stripped):
        return [_split_word(segmenter(), stripped, 0)]
    return _words(text)


def _words(text: str) -> list[tuple[list[Token], Token]]:
    """(parts, whole) of every word jieba cuts, letters and digits only, lower-cased."""
    tokenizer = segmenter()
    words = []
    for word, start, _ in tokenizer.tokenize(text, HMM=True):
        for match in _WORD_CHARS.finditer(word):
            words.append(_split_word(tokenizer, match.group(), start + match.start()))
    return words


def _split_word(tokenizer: jieba.Tokenizer, word: str, start: int) -> tuple[list[Token], Token]:
    """A word's parts (dictionary 2- and 3-grams, uncovered characters) and the word, lower-cased;
    offsets count the characters of `word` as given."""
    whole = Token(word.lower(), start, start + len(word))
    if len(word) <= 2 or not _is_cjk(word):
        return [], whole
    spans = [(i, i + n) for n in (2, 3) if n < len(word) for i in range(len(word) - n + 1)
             if tokenizer.FREQ.get(word[i:i + n])]
    if not spans:
        return [], whole
    covered = {i for lo, hi in spans for i in range(lo, hi)}
    spans += [(i, i + 1) for i in range(len(word)) if i not in covered]
    return [Token(word[lo:hi].lower(), start + lo, start + hi) for lo, hi in sorted(spans)], whole


def _is_cjk(word: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in word)
