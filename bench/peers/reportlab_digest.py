#!/usr/bin/python3
"""The ReportLab peer of bench/run: the digest bench/naive_libharu.cc and
`gazette build` make, with ReportLab's Platypus.

  reportlab_digest.py [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf

A cover (title, period, count), a contents page (one line per listing, with
its page number, by Platypus' TableOfContents and multiBuild), then per
listing a heading and per bulletin a bold title, its date line and its
paragraphs; A4, 56 pt margins, "Page N of M" footers, an outline of groups
and bulletins, Noto Sans Regular and Bold embedded (subset), the sizes
Gazette uses. Not part of the test suite.
"""
import os
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from listing import parse_args, read_digest  # noqa: E402

from reportlab.lib.enums import TA_CENTER  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import (BaseDocTemplate, Frame, PageBreak,  # noqa: E402
                                PageTemplate, Paragraph, Spacer)
from reportlab.platypus.tableofcontents import TableOfContents  # noqa: E402

MARGIN = 56


def style(name, font, size, leading, **kw):
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **kw)


class NumberedCanvas(canvas.Canvas):
    """Draws "Page N of M" once the last page is known."""

    def __init__(self, *args, **kwargs):
        canvas.Canvas.__init__(self, *args, **kwargs)
        self._saved = []

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont("NotoSans", 9)
            self.drawCentredString(A4[0] / 2, 30, f"Page {self._pageNumber} of {total}")
            canvas.Canvas.showPage(self)
        canvas.Canvas.save(self)


class Digest(BaseDocTemplate):
    def __init__(self, out, title):
        BaseDocTemplate.__init__(self, out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                                 pageCompression=1)
        frame = Frame(MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame])])

    def afterFlowable(self, flowable):
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        text = flowable.getPlainText()
        key = flowable.outline_key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level == 0)
        if level == 0:
            self.notify("TOCEntry", (0, text, self.page, key))


def main():
    inputs, out, fonts, title = parse_args(sys.argv[1:], __doc__)
    pdfmetrics.registerFont(TTFont("NotoSans", os.path.join(fonts, "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("NotoSans-Bold", os.path.join(fonts, "NotoSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("NotoSans", normal="NotoSans", bold="NotoSans-Bold")
    groups, period, count = read_digest(inputs)

    cover_title = style("CoverTitle", "NotoSans-Bold", 26, 32, alignment=TA_CENTER)
    cover_line = style("CoverLine", "NotoSans", 14, 20, alignment=TA_CENTER, spaceBefore=20)
    cover_count = style("CoverCount", "NotoSans", 12, 18, alignment=TA_CENTER, spaceBefore=9)
    toc_heading = style("TocHeading", "NotoSans-Bold", 18, 24, spaceAfter=17)
    group_style = style("Group", "NotoSans-Bold", 16, 21, spaceBefore=18, keepWithNext=1)
    item_title = style("ItemTitle", "NotoSans-Bold", 11, 15, spaceBefore=10, keepWithNext=1)
    meta = style("Meta", "NotoSans", 9, 12, keepWithNext=1)
    body = style("Body", "NotoSans", 10, 13)
    body_next = style("BodyNext", "NotoSans", 10, 13, spaceBefore=4)

    toc = TableOfContents()
    toc.levelStyles = [style("Toc0", "NotoSans", 11, 17)]
    toc.dotsMinLevel = -1  # no dot leaders: the name, and the number at the right margin

    story = [Spacer(1, 140), Paragraph(escape(title), cover_title),
             Paragraph(escape(period), cover_line),
             Paragraph(f"{count:,} bulletins", cover_count), PageBreak(),
             Paragraph("Contents", toc_heading), toc, PageBreak()]
    for name, bulletins in groups:
        p = Paragraph(escape(name), group_style)
        p.outline_level, p.outline_key = 0, f"g{len(story)}"
        story.append(p)
        for date, btitle, paragraphs in bulletins:
            p = Paragraph(escape(btitle), item_title)
            p.outline_level, p.outline_key = 1, f"b{len(story)}"
            story.append(p)
            story.append(Paragraph(escape(date), meta))
            for i, text in enumerate(paragraphs):
                story.append(Paragraph(escape(text), body_next if i else body))

    doc = Digest(out, title)
    doc.multiBuild(story, canvasmaker=NumberedCanvas)


if __name__ == "__main__":
    main()
