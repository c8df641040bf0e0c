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

_SPAN_TYPES = {True: ("<i2", "<u1"), False: ("<i4", "<u4")}  # narrow: (start deltas, lengths)
_WORD_CHARS = re.compile(r"[^\W_]+")  # letters and digits: what FTS5's unicode61 also keeps
_init_lock = threading.Lock()


class Token(NamedTuple):
    term: str   # lower-cased letters/digits only
    start: int  # offsets into the analyzed text
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
    """What the index keeps of a text: its token stream, and where each token lies in the text.

    The spans let highlighting find the tokens of a hit without segmenting it again (too slow
    per query), and they let the embedded index rebuild a stored text's exact stream (a token is
    the lower-cased text under its span) when it must forget it, whatever dictionary the
    program has by then.
    """

    terms: str  # the token stream, space-joined: what both backends index
    starts: np.ndarray  # where each token of the stream starts in the original text, in stream order
    ends: np.ndarray  # where it ends

    def shifted(self, offset: int) -> Analysis:
        return Analysis(self.terms, self.starts + offset, self.ends + offset)


def analyze(text: str | None) -> Analysis:
    tokens = [token for parts, whole in _words(text or "") for token in (*parts, whole)]
    return Analysis(" ".join(token.term for token in tokens), np.array([t.start for t in tokens], dtype=np.int64),
                    np.array([t.end for t in tokens], dtype=np.int64))


def pack_spans(analysis: Analysis) -> bytes:
    """The token spans as compressed little-endian arrays of start deltas and lengths (~0.6 bytes a token).

    The deltas are signed (a whole word starts where its first part did, before the part just
    read) and 16-bit, the lengths 8-bit, unless a text has longer gaps or words (a flag says).
    """
    deltas = np.diff(analysis.starts, prepend=0)
    lengths = analysis.ends - analysis.starts
    narrow = bool(not deltas.size or (-2**15 <= deltas.min() and deltas.max() < 2**15 and lengths.max() < 2**8))
    delta_type, length_type = _SPAN_TYPES[narrow]
    return zlib.compress(struct.pack("<IB", len(deltas), narrow) + deltas.astype(delta_type).tobytes()
                         + lengths.astype(length_type).tobytes(), 1)


def unpack_spans(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the tokens, in stream order."""
    raw = zlib.decompress(blob)
    count, narrow = struct.unpack_from("<IB", raw)
    delta_type, length_type = _SPAN_TYPES[bool(narrow)]
    deltas = np.frombuffer(raw, dtype=delta_type, count=count, offset=5)
    starts = np.cumsum(deltas, dtype=np.int64)
    lengths = np.frombuffer(raw, dtype=length_type, count=count, offset=5 + deltas.nbytes)
    return starts, starts + lengths


def stream_of(text: str, spans: bytes) -> str:
    """The token stream `analyze(text)` gave when `spans` were packed, read back from the text."""
    starts, ends = unpack_spans(spans)
    return " ".join(text[start:end].lower() for start, end in zip(starts.tolist(), ends.tolist()))


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
    """The run of terms a quoted phrase matches, and its whole words (what a highlight looks for).

    The stream always carries a word's parts right before the word, so the run may leave out the
    first word's parts: it occurs exactly where the run with them does. A phrase of one word is
    then that word's single term, found without comparing positions.
    """
    words = _query_words(phrase)
    stream = [token.term for parts, whole in words for token in (*parts, whole)]
    return stream[len(words[0][0]) if words else 0:], [whole.term for _, whole in words]


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
