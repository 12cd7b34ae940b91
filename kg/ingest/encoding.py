"""Decode a report's bytes without being told the encoding.

Deterministic, stdlib only. The order of attempts:

1. a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE) decides;
2. strict UTF-8 (a page that declares GBK but is valid UTF-8 is UTF-8);
3. a declared Chinese charset (``<meta charset=gb2312>`` of an HTML page;
   GB2312/GBK are read as their superset GB18030), strictly;
4. UTF-16 without a BOM when there are NUL bytes (the side with more NULs
   on odd offsets first: ASCII in UTF-16-LE);
5. GB18030 (still served by Chinese government sites);
6. any other declared charset (windows-1252, …);
7. UTF-16 without a BOM and without NULs (all-Chinese text).

UTF-8 wins as soon as it decodes. Of 3–7, every strict decoding is scored
by its share of ordinary characters (common Han in GB2312 or Big5, ASCII,
CJK punctuation; no control characters) and the best wins if at least 90 %
of it is ordinary (a declared charset needs less): bytes decoded with the
wrong codec give rare characters, Hangul or controls.

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
from functools import cache

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
#: Characters of ordinary Chinese text besides Han: ASCII, CJK and full-width punctuation.
_USUAL = re.compile(r"[\x20-\x7e\n\r\t\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\uff00-\uffef]")
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


def _strict(raw: bytes, codec: str, allow_truncated: bool = True) -> Decoded | None:
    """Decode strictly; tolerate at most an incomplete sequence at the very end."""
    try:
        return Decoded(raw.decode(codec), codec)
    except UnicodeDecodeError as exc:
        if not allow_truncated or exc.end < len(raw) or exc.start < len(raw) - 4:
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


@cache
def _common(c: str) -> bool:
    if _USUAL.match(c):
        return True
    if not _HAN.match(c):
        return False
    for codec in ("gb2312", "big5"):
        try:
            c.encode(codec)
            return True
        except UnicodeEncodeError:
            pass
    return False


def _score(text: str) -> float:
    """Share of ordinary characters (common Han in GB2312 or Big5, ASCII, CJK
    punctuation) in the first 20k characters: near 1 for real text, far less
    for bytes decoded with the wrong codec."""
    sample = text[:20_000]
    if not sample or _control_ratio(sample) > 0.01:
        return 0.0
    return sum(map(_common, sample)) / len(sample)


def _nul_parity(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` if NUL bytes cluster on odd/even offsets, else ``None``
    (a hint for the order only: 一 is ``00 4E`` in UTF-16-LE, so both occur)."""
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
    cjk_hint = hint is not None and hint.startswith(("gb", "big5", "utf-16", "euc", "shift", "iso2022"))
    if hint and cjk_hint:
        candidates.append(hint)
    nul = b"\x00" in raw
    if nul:
        candidates.append(_nul_parity(raw) or "utf-16-le")
    candidates.append("gb18030")
    if hint and not cjk_hint:
        candidates.append(hint)  # a single-byte declaration is trusted only after GB18030
    candidates += ["utf-16-le", "utf-16-be"]
    order = list(dict.fromkeys(c for c in candidates if not nul or c.startswith("utf-16")))
    # NUL bytes never occur in UTF-8 or GB18030 text. A whole decoding beats a
    # truncated one (b"Caf\xe9" is cp1252, not UTF-8 cut short); among the
    # others the one that reads most like text wins, if it reads like text.
    for allow_truncated in (False, True):
        scored: list[tuple[float, int, Decoded]] = []
        for rank, codec in enumerate(order):
            got = _strict(raw, codec, allow_truncated)
            if got is None:
                continue
            if codec == "utf-8":
                scored = [(1.0, 0, got)]
                break
            scored.append((_score(got.text), -rank, got))
        if scored:
            score, _, best = max(scored, key=lambda t: (t[0], t[1]))
            if score >= 0.9 or (best.encoding == hint and score > 0):
                if _control_ratio(best.text) > 0.01:
                    raise InputError(path, "binary file: too many control characters")
                return _finish(best, path)
            if any(_control_ratio(g.text) > 0.01 for _, _, g in scored):
                raise InputError(path, "binary file: too many control characters")
    if nul:
        raise InputError(path, "binary file: contains NUL bytes")
    raise InputError(path, "undecodable: not valid UTF-8, UTF-16 or GB18030 text")


def _finish(got: Decoded, path: object) -> Decoded:
    if "\x00" in got.text:
        raise InputError(path, "binary file: contains NUL characters")
    if got.truncated:
        log.warning("%s: dropped an incomplete %s sequence at the end of the file", path, got.encoding)
    return got
