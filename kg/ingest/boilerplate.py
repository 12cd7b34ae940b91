"""Page boilerplate: the lines a web page wraps around a report.

Rules are generic (seen across the seed page, 31 provincial pages and 52
Wikisource pages), each a whole-line test, never a rule for one file:

- page controls: 下载 打印 全屏 收藏, 【字号： 加大 还原 减小 】, 字号:A A 颜色:,
  【字体： 大 中 小 】, 打印本页, 关闭窗口, 分享到…, 扫一扫在手机打开当前页;
- a welcome/date bar (欢迎访问… 今天是 2024年11月24日 星期日), 阅读量：;
- breadcrumbs (当前位置：首页 > … on one line or one crumb per line, and a
  channel name that repeats the last crumb);
- lines made only of furniture symbols (``>``, ``|``, ``【``, ``×``);
- a repeated header line (a page printing the title twice);
- a footer, cut from its first marker to the end when it is near the end:
  相关报道： 相关附件>> 相关文档： 打印本页 …, and Wikisource's licence box
  (本作品是中华人民共和国的…公有领域…, Public domain, false).

Metadata lines (来源, 责任编辑, 发布时间) are *not* boilerplate: they stay in
the text (see :mod:`kg.ingest.metadata`).
"""

from __future__ import annotations

import re

__all__ = ["strip_boilerplate", "is_boilerplate_line"]

_CONTROL_WORDS = frozenset(
    "下载 打印 全屏 收藏 加大 还原 减小 放大 缩小 默认 打印本页 关闭窗口 关闭 分享 分享到 "
    "纠错 返回顶部 返回 顶部 繁体 简体 无障碍 大 中 小 字号 字体 颜色 背景色 A 【 】 | ［ ］ [ ]".split()
)
_TOKEN_SPLIT = re.compile(r"[\s|:：/【】\[\]［］()（）]+")
_LINE_RULES = [
    re.compile(p)
    for p in (
        r"^[【\[［]?\s*(?:字号|字体|文字)[:：]?\s*[A-Za-z大中小默认加减放缩还原颜色背景色:：\s|】\]］]*$",
        r"^分享(?:到)?\s*[:：]|^分享$|^分享到(?:微信|微博|朋友圈|QQ|新浪|腾讯|豆瓣|人人)",
        r"^欢迎(?:访问|光临|来到)",
        r"今天是.{0,20}星期[一二三四五六日天]",
        r"^(?:阅读量|浏览量|浏览次数|点击数|点击量|访问量|阅读次数)[:：]?\s*\d*\s*次?$",
        r"^扫一扫",
        r"^[【\[]?(?:打印本页|关闭窗口|返回顶部)[】\]]?$",
        r"点击(?:图片|这里|此处)?进入",
        r"^(?:当前位置|您的位置|你的位置|所在位置|您现在的位置)[:：]",
        r"^首页\s*[>＞»›→]",
        r"^[0-9a-f]{32}[:：]?$",
        r"^相关(?:报道|附件|链接|文档|阅读|新闻|稿件)\s*(?:[:：]|>>|》》)?$",
    )
]
#: The rules as one pattern: one search per line instead of one per rule.
_ANY_LINE_RULE = re.compile("|".join(f"(?:{rule.pattern})" for rule in _LINE_RULES))
_CRUMB_LABEL = re.compile(r"^(?:当前位置|您的位置|你的位置|所在位置|您现在的位置)[:：]?$")
_CRUMB_SEP = re.compile(r"^[>＞»›→]$")
_FONT_BLOCK = re.compile(r"^[【\[]\s*(?:字号|字体)[:：]?$")
_FOOTER = re.compile(
    r"^(?:相关(?:报道|附件|链接|文档|阅读|新闻|稿件)\s*(?:[:：]|>>|》》)?"
    r"|扫一扫在手机(?:上)?打开当前页|[【\[]?打印本页[】\]]?|[【\[]?关闭窗口[】\]]?"
    r"|本作品是中华人民共和国的.*|本作品在全世界都属于公有领域.*|Public domain)$"
)
_BODY = re.compile(r"^各位代表")


#: Symbols that make up page furniture lines (``>``, ``|``, ``【``, ``×``). CJK
#: punctuation is not among them: a Wikisource line ``》、《`` is part of a sentence.
#: A string, for :meth:`str.strip`.
_FURNITURE_CHARS = ">＞|｜【】×✕·•［］[]<«»/\\-_=*~#+ \u3000\u00a0\t"


def _furniture_only(line: str) -> bool:
    """True if every character of ``line`` is a furniture symbol (and for "").

    Stripping the symbols leaves nothing only then; it stops at the first
    other character (a body line's first), in C.
    """
    return not line.strip(_FURNITURE_CHARS)


def is_boilerplate_line(line: str) -> bool:
    """True if this one line (stripped) is page furniture wherever it stands."""
    s = line.strip()
    if not s:
        return False
    if _furniture_only(s):
        return True
    if len(s) > 60:
        return False  # the rules below are for short lines: no need to split a paragraph
    tokens = [t for t in _TOKEN_SPLIT.split(s) if t]
    if tokens and len(s) <= 40 and all(t in _CONTROL_WORDS for t in tokens):
        return True
    return _ANY_LINE_RULE.search(s) is not None


def _header_end(lines: list[str]) -> int:
    """Index of the first body line (a long line, or 各位代表…)."""
    for i, line in enumerate(lines):
        s = line.strip()
        if len(s) >= 60 or _BODY.match(s):
            return i
    return len(lines)


def _footer_start(lines: list[str]) -> int:
    """Index where a trailing footer begins, or ``len(lines)``.

    The footer starts at the earliest footer marker within the last
    max(2500 characters, a fifth of the text), with more text before it than after.
    """
    total = sum(len(line) for line in lines)
    budget = max(2500, total // 5)
    after = 0
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        after += len(lines[i])
        if after > budget or after * 2 > total:
            break
        if _FOOTER.match(lines[i].strip()):
            start = i
    return start


def strip_boilerplate(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split lines into (kept, removed); blank lines are kept, never reported."""
    n = len(lines)
    drop = [False] * n
    footer = _footer_start(lines)
    for i in range(footer, n):
        drop[i] = True
    header_end = _header_end(lines)
    seen: set[str] = set()
    i = 0
    while i < footer:
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        if _FONT_BLOCK.match(s):
            j = i + 1
            while j < min(footer, i + 9) and len(lines[j].strip()) <= 4:
                drop[j] = True
                j += 1
                if lines[j - 1].strip() in {"】", "]"}:
                    break
            drop[i] = True
            i = j
            continue
        if _CRUMB_LABEL.match(s) or (s == "首页" and i + 1 < n and _CRUMB_SEP.match(lines[i + 1].strip())):
            drop[i] = True
            j = i + 1
            last = ""
            prev_sep = True
            while j < footer:
                t = lines[j].strip()
                if _CRUMB_SEP.match(t):
                    prev_sep = True
                elif t and prev_sep and len(t) <= 12:
                    last, prev_sep = t, False
                else:
                    break
                drop[j] = True
                j += 1
            if last and j < footer and lines[j].strip() == last:
                drop[j] = True
                j += 1
            i = j
            continue
        if is_boilerplate_line(s):
            drop[i] = True
        elif i < header_end:
            if s in seen:
                drop[i] = True
            seen.add(s)
        i += 1
    kept: list[str] = []
    removed: list[str] = []
    skip_blanks = False
    for i, line in enumerate(lines):
        if drop[i]:
            if line.strip():
                removed.append(line.strip())
            # a removed line between blank lines takes the gap after it along
            skip_blanks = not kept or not kept[-1].strip()
            continue
        if skip_blanks and not line.strip():
            continue
        skip_blanks = False
        kept.append(line)
    return kept, removed
