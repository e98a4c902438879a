"""Bytes to text, the way files from Word, Windows tools and PDF extractors arrive."""

from __future__ import annotations

import codecs

from resdiff.core.errors import ImportFailed

# Bytes that cp1252 leaves undefined: a file holding them is not cp1252 either.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_text(data: bytes, source: str, warnings: list[str] | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or not) or cp1252; where UTF-8 has a bad
    byte, ``warnings`` hears where.

    >>> decode_text("Noting".encode("utf-16"), "f")
    'Noting'
    >>> decode_text("Côte d’Ivoire".encode("cp1252"), "f")
    'Côte d’Ivoire'
    >>> decode_text("Côte d’Ivoire’s".encode() + b"\\xff", "f")
    'Côte d’Ivoire’s\ufffd'
    """
    if not data.strip():
        raise ImportFailed(source, "the file is empty")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, codec, source)
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    sample = data[:2000]
    if len(sample) >= 4 and sample.count(0) * 3 > len(sample):
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > 0.8 * len(sample[1::2]) and even_nuls < 0.2 * len(sample[0::2]):
            return _strict(data, "utf-16-le", source)
        if even_nuls > 0.8 * len(sample[0::2]) and odd_nuls < 0.2 * len(sample[1::2]):
            return _strict(data, "utf-16-be", source)
    if b"\x00" in data:
        raise ImportFailed(
            source, "this is a binary file, not text (it holds NUL bytes); give a text file (UTF-8, UTF-16 or cp1252)"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first = e.start
    # UTF-8 with a few damaged bytes stays UTF-8, each bad byte shown as U+FFFD and the first one
    # named: read as cp1252, every ’ of the file would become â€™. Only a file that is clearly
    # another encoding is read as cp1252: more than one bad byte, and few well-formed multi-byte
    # characters among them (cp1252 text almost never forms one).
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    well_formed = sum(ord(ch) > 0x7F for ch in lenient) - lenient.count("\ufffd")
    if bad <= max(1, 4 * well_formed):
        if warnings is not None:
            line = data.count(b"\n", 0, first) + 1
            column = first - (data.rfind(b"\n", 0, first) + 1) + 1
            warnings.append(
                f"byte 0x{data[first]:02X} at line {line}, column {column} is not UTF-8"
                + (f" (and {bad - 1} more bad byte(s))" if bad > 1 else "")
                + "; read as UTF-8 with it shown as \ufffd"
            )
        return lenient
    undefined = [b for b in data if b in _CP1252_UNDEFINED]
    if undefined:
        raise ImportFailed(source, f"undecodable bytes: neither UTF-8, UTF-16 nor cp1252 (byte 0x{undefined[0]:02X})")
    return data.decode("cp1252")


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise ImportFailed(source, f"undecodable bytes for {codec} at byte {e.start}") from None
    if "\x00" in text:
        raise ImportFailed(source, "this is a binary file, not text (it holds NUL characters)")
    return text
