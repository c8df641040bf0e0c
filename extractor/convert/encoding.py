"""Turning the bytes of a Chinese text or web page into text.

Government pages are mostly GB2312/GBK and often declare the wrong charset in the HTTP header or
`<meta>`. Valid UTF-8 with multi-byte sequences almost never arises by accident from GBK bytes, so a
strict UTF-8 decode is tried first; GB18030 is a superset of GB2312 and GBK, so one strict GB18030
decode covers all three. A declared charset is trusted only when it is neither of those families
and actually decodes; a guess by charset-normalizer is the last resort, and a forced decode with
replacement characters is reported as a warning rather than hidden.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`, trusting the bytes over the `declared` charset when the two disagree."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    candidates = ["utf-8"]
    declared_codec = _codec_name(declared)
    if declared_codec and declared_codec not in _GB_FAMILY and declared_codec != "utf-8" \
            and _writes_chinese(declared_codec):
        candidates.append(declared_codec)
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    damaged = _least_damaged(data)
    if damaged:
        return damaged
    guess = _guess(data)
    if guess:
        return guess
    return Decoded(data.decode("gb18030", errors="replace"), "gb18030",
                   "the bytes are neither valid UTF-8 nor GB18030; undecodable bytes were replaced")


def _least_damaged(data: bytes, tolerated: float = 0.005) -> Decoded | None:
    """A page cut mid-character or with a stray byte: keep the encoding that fits all but a few bytes."""
    best: Decoded | None = None
    best_bad = max(2.0, len(data) * tolerated)
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        if bad <= best_bad:
            best, best_bad = Decoded(text, encoding, f"{bad} undecodable byte sequence(s) replaced ({encoding})"), bad
    return best


def _writes_chinese(encoding: str) -> bool:
    """Single-byte charsets decode any bytes, so a guess of one is noise for a Chinese report."""
    try:
        "中文".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported late: slow, and rarely needed

    best = from_bytes(data).best()
    if best is None or not _writes_chinese(best.encoding):
        return None
    return Decoded(str(best), best.encoding, f"charset guessed as {best.encoding} by charset-normalizer")
