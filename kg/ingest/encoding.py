"""Decode a report's bytes without being told the encoding.

Deterministic, stdlib only. The order of attempts:

1. a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE) decides;
2. a declared charset (``<meta charset>`` of an HTML page) is tried strictly;
3. strict UTF-8;
4. UTF-16 without a BOM when NUL bytes sit on one parity (ASCII in UTF-16);
5. GB18030 (a superset of GBK and GB2312, still served by Chinese government
   sites), accepted only if the result looks like Chinese text: almost no
   control characters and at least 80 % of its Han characters in GB2312
   (decoding other bytes as GB18030 yields mostly rare characters);
6. UTF-16 without a BOM and without NULs (all-Chinese text), same check.

A truncated final multi-byte sequence (a file cut off mid-character) is not
fatal: the incomplete bytes are dropped, the rest is decoded, and a warning
is logged on ``kg.ingest``. Anything else that does not decode raises
:class:`~kg.errors.InputError`, as does a binary file.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["Decoded", "decode", "sniff_binary", "declared_charset"]

log = logging.getLogger("kg.ingest")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures of formats that are never text (checked on the first bytes).
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (docx/xlsx?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (doc/xls?)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)

#: Control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec used, and whether trailing bytes were dropped."""

    text: str
    encoding: str
    truncated: bool = False


def sniff_binary(raw: bytes) -> str | None:
    """What binary format ``raw`` is (a phrase for an error message), or ``None``."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    return None


def declared_charset(raw: bytes) -> str | None:
    """The codec an HTML page declares in its first 4 KB, normalised, or ``None``."""
    m = _META_CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    if name in {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"}:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(raw: bytes, codec: str) -> Decoded | None:
    """Decode strictly; tolerate only an incomplete sequence at the very end."""
    try:
        return Decoded(raw.decode(codec), codec)
    except UnicodeDecodeError as exc:
        if exc.end < len(raw) or exc.start < len(raw) - 4:
            return None
        if exc.reason not in {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}:
            return None
        decoder = codecs.getincrementaldecoder(codec)("strict")
        try:
            text = decoder.decode(raw, final=False)
        except UnicodeDecodeError:
            return None
        return Decoded(text, codec, truncated=True)
    except LookupError:
        return None


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(1, len(text))


def _looks_chinese(text: str) -> bool:
    """Plausible Chinese text: few controls, and its Han characters mostly common."""
    if not text or _control_ratio(text) > 0.01:
        return False
    han = _HAN.findall(text)
    if not han:
        # no Han at all: accept only plain printable text (ASCII-ish)
        printable = sum(1 for c in text if c.isprintable() or c in "\n\t\r")
        return printable / len(text) > 0.98 and all(ord(c) < 0x3000 for c in text)
    common = 0
    for c in han:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(han) >= 0.8


def _nul_parity(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` if NUL bytes cluster on odd/even offsets, else ``None``."""
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    if even + odd == 0:
        return None
    if odd >= 0.9 * (even + odd):
        return "utf-16-le"
    if even >= 0.9 * (even + odd):
        return "utf-16-be"
    return None


def decode(raw: bytes, path: object, hint: str | None = None) -> Decoded:
    """Decode ``raw`` (the bytes of ``path``); see the module docstring for the order."""
    what = sniff_binary(raw)
    if what:
        raise InputError(path, f"binary file: looks like {what}, not text")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            got = _strict(raw[len(bom) :], codec)
            if got is None:
                raise InputError(path, f"undecodable: has a {codec} byte-order mark but invalid {codec}")
            return _finish(got, path)
    candidates: list[str] = ["utf-8"]
    if hint:
        candidates.append(hint)
    nul = b"\x00" in raw
    if nul:
        parity = _nul_parity(raw)
        if parity is None:
            raise InputError(path, "binary file: contains NUL bytes")
        candidates.append(parity)
    candidates += ["gb18030", "utf-16-le", "utf-16-be"]
    seen: set[str] = set()
    for codec in candidates:
        if codec in seen:
            continue
        seen.add(codec)
        if nul and not codec.startswith("utf-16"):
            continue  # NUL bytes never occur in UTF-8 or GB18030 text
        got = _strict(raw, codec)
        if got is None:
            continue
        if codec != "utf-8" and codec != hint and not _looks_chinese(got.text):
            continue
        if _control_ratio(got.text) > 0.01:
            raise InputError(path, "binary file: too many control characters")
        return _finish(got, path)
    raise InputError(path, "undecodable: not valid UTF-8, UTF-16 or GB18030 text")


def _finish(got: Decoded, path: object) -> Decoded:
    if "\x00" in got.text:
        raise InputError(path, "binary file: contains NUL characters")
    if got.truncated:
        log.warning("%s: dropped an incomplete %s sequence at the end of the file", path, got.encoding)
    return got
