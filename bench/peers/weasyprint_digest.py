#!/usr/bin/python3
"""The WeasyPrint peer of bench/run: the digest bench/naive_libharu.cc and
`gazette build` make, as HTML and CSS rendered by WeasyPrint.

  weasyprint_digest.py [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf

A cover (title, period, count), a contents page (one line per listing, its
page number by CSS target-counter()), then per listing a heading and per
bulletin a bold title, its date line and its paragraphs; A4, 56 pt margins,
"Page N of M" footers (counter(page), counter(pages)), bookmarks of groups
and bulletins, Noto Sans Regular and Bold by @font-face, the sizes Gazette
uses. Not part of the test suite.
"""
import os
import pathlib
import sys
from html import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import weasyprint  # noqa: E402
from listing import parse_args, read_digest  # noqa: E402

CSS = """
@font-face { font-family: "Bench Sans"; font-weight: normal;
             src: url("%(regular)s"); }
@font-face { font-family: "Bench Sans"; font-weight: bold;
             src: url("%(bold)s"); }
@page { size: A4; margin: 56pt;
        @bottom-center { content: "Page " counter(page) " of " counter(pages);
                         font: 9pt/12pt "Bench Sans"; vertical-align: top;
                         padding-top: 14pt; } }
html { font-family: "Bench Sans"; }
body { margin: 0; }
.cover { text-align: center; padding-top: 140pt; break-after: page; }
.cover h1 { font-size: 26pt; line-height: 32pt; margin: 0; bookmark-level: none; }
.cover .period { font-size: 14pt; line-height: 20pt; margin: 20pt 0 0; }
.cover .count { font-size: 12pt; line-height: 18pt; margin: 9pt 0 0; }
nav { break-after: page; }
nav h1 { font-size: 18pt; line-height: 24pt; margin: 0 0 17pt; bookmark-level: none; }
nav ol { list-style: none; margin: 0; padding: 0; }
nav li { font-size: 11pt; line-height: 17pt; }
nav a { color: black; text-decoration: none; display: block; }
nav a::after { content: target-counter(attr(href), page); float: right; }
h2 { font-size: 16pt; line-height: 21pt; margin: 18pt 0 0; break-after: avoid; }
h3 { font-size: 11pt; line-height: 15pt; margin: 10pt 0 0; break-after: avoid; }
p { font-size: 10pt; line-height: 13pt; margin: 0; }
p.date { font-size: 9pt; line-height: 12pt; break-after: avoid; }
p + p:not(.date) { margin-top: 4pt; }
"""


def main():
    inputs, out, fonts, title = parse_args(sys.argv[1:], __doc__)
    groups, period, count = read_digest(inputs)
    fonts = pathlib.Path(fonts).resolve()
    html = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>",
            escape(title), "</title><style>",
            CSS % {"regular": (fonts / "NotoSans-Regular.ttf").as_uri(),
                   "bold": (fonts / "NotoSans-Bold.ttf").as_uri()},
            "</style></head><body><section class='cover'><h1>", escape(title),
            "</h1><p class='period'>", escape(period), "</p><p class='count'>",
            f"{count:,} bulletins</p></section><nav><h1>Contents</h1><ol>"]
    for i, (name, _) in enumerate(groups):
        html.append(f"<li><a href='#g{i}'>{escape(name)}</a></li>")
    html.append("</ol></nav>")
    for i, (name, bulletins) in enumerate(groups):
        html.append(f"<h2 id='g{i}'>{escape(name)}</h2>")
        for date, btitle, paragraphs in bulletins:
            html.append(f"<h3>{escape(btitle)}</h3><p class='date'>{escape(date)}</p>")
            for text in paragraphs:
                html.append(f"<p>{escape(text)}</p>")
    html.append("</body></html>")

    weasyprint.HTML(string="".join(html), base_url=str(fonts)).write_pdf(out)


if __name__ == "__main__":
    main()
