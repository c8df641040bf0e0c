"""A character vocabulary built from report text, one token per character.

One token per character keeps offsets trivial (token i is character i of the text), which is
what turns tagged tokens back into `start`/`end` offsets of the record's text. Characters are
normalised one-to-one (full-width ASCII to half-width, whitespace to two tokens), so the length
never changes; characters rarer than `min_count` in the corpus map to [UNK], and because they
also do so in training the model learns what an unknown character looks like.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
NEWLINE, SPACE = "[NL]", "[SP]"
SPECIAL_TOKENS = (PAD, UNK, CLS, SEP, MASK, NEWLINE, SPACE)
VOCAB_FILE = "vocab.txt"


def normalise_char(char: str) -> str:
    """The token a character stands for: line breaks and other spaces are two tokens of their own."""
    if char in "\n\r\u2028\u2029":
        return NEWLINE
    if char.isspace():
        return SPACE
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII: "１２条" reads as "12条"
        return chr(code - 0xFEE0)
    return char


class CharVocab:
    """Token strings and their ids; ids of the special tokens are fixed by `SPECIAL_TOKENS`."""

    def __init__(self, tokens: list[str]):
        if list(tokens[:len(SPECIAL_TOKENS)]) != list(SPECIAL_TOKENS):
            raise ValueError(f"a vocabulary must start with {', '.join(SPECIAL_TOKENS)}")
        if len(set(tokens)) != len(tokens):
            raise ValueError("a vocabulary lists a token twice")
        self.tokens = list(tokens)
        self.ids = {token: i for i, token in enumerate(self.tokens)}

    @classmethod
    def build(cls, texts: Iterable[str], min_count: int = 2) -> CharVocab:
        """Characters seen at least `min_count` times, most frequent first (ties by code point)."""
        counts = Counter(normalise_char(char) for text in texts for char in text)
        kept = sorted((t for t, n in counts.items() if n >= min_count and t not in SPECIAL_TOKENS),
                      key=lambda t: (-counts[t], t))
        return cls(list(SPECIAL_TOKENS) + kept)

    def __len__(self) -> int:
        return len(self.tokens)

    def id(self, token: str) -> int:
        return self.ids[token]

    def encode(self, text: str) -> list[int]:
        """One id per character of `text`."""
        unknown = self.ids[UNK]
        return [self.ids.get(normalise_char(char), unknown) for char in text]

    def save(self, folder: Path) -> None:
        (folder / VOCAB_FILE).write_text("\n".join(self.tokens) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> CharVocab:
        lines = (folder / VOCAB_FILE).read_text(encoding="utf-8").split("\n")
        return cls(lines[:-1] if lines and lines[-1] == "" else lines)
