"""Reads Gazette listings the way bench/naive_libharu.cc does, for the
Python peers of bench/run (bench/peers/reportlab_digest.py and
bench/peers/weasyprint_digest.py).

Blocks are separated by blank lines; a bulletin is a date block, a title
block and one or more paragraph blocks. Dates are printed, not parsed: the
first block of a listing is a date, and later a block is taken for the next
bulletin's date when it is one short line with a four-digit year that
starts or ends with a digit and the current bulletin already has a
paragraph. A group is one listing file, named after it.
"""
import os
import re

_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def looks_like_date(s):
    if not s or len(s.encode()) > 64 or "\n" in s:
        return False
    if not (s[0].isdigit() or s[-1].isdigit()):
        return False
    return bool(_YEAR.search(s)) and s.count(" ") + 1 <= 5


def read_listing(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    bulletins = []  # [date, title, [paragraphs]]
    for block in re.split(r"\n[ \t\r]*\n", text):
        joined = " ".join(line.strip() for line in block.split("\n") if line.strip())
        if not joined:
            continue
        can_start = not bulletins or bulletins[-1][2]
        if not bulletins or (can_start and looks_like_date(joined)):
            bulletins.append([joined, "", []])
        elif not bulletins[-1][1]:
            bulletins[-1][1] = joined
        else:
            bulletins[-1][2].append(joined)
    if not bulletins:
        raise SystemExit(f"{path}: no bulletins")
    name = os.path.splitext(os.path.basename(path))[0]
    return name, bulletins


def read_digest(paths):
    """(groups, period, count) as naive_libharu prints them on the cover."""
    groups = [read_listing(p) for p in paths]
    first = groups[0][1]
    period = f"{first[-1][0]} \u2013 {first[0][0]}"
    count = sum(len(b) for _, b in groups)
    return groups, period, count


def parse_args(argv, usage):
    """LISTING... -o OUT.pdf [--fonts DIR] [--title TEXT]"""
    out, fonts, title, inputs = None, None, "Benchmark digest", []
    it = iter(argv)
    for a in it:
        if a == "-o":
            out = next(it)
        elif a == "--fonts":
            fonts = next(it)
        elif a == "--title":
            title = next(it)
        else:
            inputs.append(a)
    if not inputs or not out:
        raise SystemExit(usage)
    if fonts is None:
        fonts = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fonts")
    return inputs, out, fonts, title
