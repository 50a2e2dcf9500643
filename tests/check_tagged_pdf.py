#!/usr/bin/python3
"""Checks what Gazette promises of a tagged PDF (PDF/UA-1, PDF/A-2a).

Usage: check_tagged_pdf.py [--default] PDF...

A PDF without /MarkInfo (pdf_standards = []) is skipped; a tagged PDF is
checked against the standards its metadata claims (at least one).
--default: every PDF must be tagged and claim both, as with the default
pdf_standards. Prints one line per problem, "PDF: problem", and exits 1
when there is any. The rules, as README "PDF standards" lists them:

  structure    /StructTreeRoot, /MarkInfo /Marked true, /Lang, /ViewerPreferences
               /DisplayDocTitle true, /StructParents and /Tabs /S on every page
  parent tree  every marked-content id of every page is a kid of the element
               the parent tree names for it, and every id the tree names is in
               the page's content; every element reached once
  content      no text-showing operator outside a marked-content sequence with
               an id or an /Artifact; sequences balanced
  headings     H1..H6 in reading order never skip a level, the first is H1
  links        every link annotation is printable (/F 4), has /Contents and a
               /StructParent that names a Link element holding it (OBJR)
  metadata     the XMP packet parses, says pdfuaid:part 1 (ua-1) and/or pdfaid:part 2,
               conformance A (a-2a), and agrees with the information dictionary
               (title, subject, keywords, creator, producer, dates)
  output intent  for PDF/A: /GTS_PDFA1 with an embedded ICC profile (N 3, 'acsp')
  fonts        every font shown is a Type0 font with a ToUnicode CMap mapping
               every code shown with it; its descendant has /W and an embedded
               font program
  trailer      a document /ID of two strings; not encrypted
"""

import datetime
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name

TEXT_OPS = {"Tj", "TJ", "'", '"'}
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def pdf_date(s):
    """D:YYYYMMDDHHmmSS with Z or an offset, as a UTC datetime."""
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?", s)
    if not m:
        return None
    d = datetime.datetime(*map(int, m.groups()[:6]), tzinfo=datetime.timezone.utc)
    z = m.group(7)
    if z and z != "Z":
        sign = 1 if z[0] == "+" else -1
        digits = re.sub(r"\D", "", z)
        d -= sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return d


def xmp_date(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def bad(self, what):
        self.problems.append(f"{self.path}: {what}")

    def run(self, require):
        pdf = pikepdf.open(self.path)
        root = pdf.Root
        if "/MarkInfo" not in root:
            if require:
                self.bad("not tagged: no /MarkInfo")
            return False
        if pdf.is_encrypted:
            self.bad("encrypted")
        self.pages = list(pdf.pages)
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pages)}
        self.catalog(root)
        self.tree(root)
        self.content()
        self.links()
        claims = self.metadata(pdf, require)
        if "a-2a" in claims:
            self.output_intent(root)
        ids = pdf.trailer.get("/ID")
        if not isinstance(ids, Array) or len(ids) != 2:
            self.bad("no document /ID of two strings in the trailer")
        return True

    def catalog(self, root):
        if not bool(root.MarkInfo.get("/Marked", False)):
            self.bad("/MarkInfo /Marked is not true")
        if not str(root.get("/Lang", "")):
            self.bad("no /Lang in the catalog")
        prefs = root.get("/ViewerPreferences", Dictionary())
        if not bool(prefs.get("/DisplayDocTitle", False)):
            self.bad("/ViewerPreferences /DisplayDocTitle is not true")
        for i, p in enumerate(self.pages):
            if "/StructParents" not in p.obj:
                self.bad(f"page {i + 1} has no /StructParents")
            if p.obj.get("/Tabs") != Name.S:
                self.bad(f"page {i + 1} has no /Tabs /S")

    # The structure tree: (page, mcid) -> element, annotation -> element,
    # heading levels in reading order.
    def tree(self, root):
        st = root.get("/StructTreeRoot")
        if st is None:
            self.bad("no /StructTreeRoot")
            self.tree_mcids, self.tree_annots = {}, {}
            return
        self.tree_mcids = {}  # (page, mcid) -> element objgen
        self.tree_annots = {}  # annotation objgen -> element objgen
        self.roles = {}  # element objgen -> role
        self.headings = []
        seen = set()

        def page_of(obj, inherited):
            pg = obj.get("/Pg")
            if pg is None:
                return inherited
            return self.page_index.get(pg.objgen)

        def walk(elem, inherited_page):
            if elem.objgen in seen:
                self.bad(f"element {elem.objgen} reached twice")
                return
            seen.add(elem.objgen)
            role = str(elem.get("/S", ""))
            self.roles[elem.objgen] = role
            if re.fullmatch(r"/H[1-6]", role):
                self.headings.append(int(role[2]))
            page = page_of(elem, inherited_page)
            kids = elem.get("/K")
            if kids is None:
                return
            if not isinstance(kids, Array):
                kids = [kids]
            for k in kids:
                if isinstance(k, int) or (hasattr(k, "is_integer") and k.is_integer):
                    self.add_mcid(page, int(k), elem)
                elif isinstance(k, Dictionary) and k.get("/Type") == Name.MCR:
                    self.add_mcid(page_of(k, page), int(k.MCID), elem)
                elif isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR:
                    self.tree_annots[k.Obj.objgen] = elem.objgen
                elif isinstance(k, Dictionary):
                    if k.get("/P") is None or k.P.objgen != elem.objgen:
                        self.bad(f"element {k.objgen}'s /P is not its parent")
                    walk(k, page)
                else:
                    self.bad(f"unexpected kid {k!r}")

        walk_kids = st.get("/K")
        for k in walk_kids if isinstance(walk_kids, Array) else [walk_kids]:
            walk(k, None)
        last = 0
        for level in self.headings:
            if level > last + 1:
                self.bad(f"heading level skips from H{last} to H{level}" if last else
                         f"the first heading is H{level}, not H1")
            last = level
        self.parent_tree(st)

    def add_mcid(self, page, mcid, elem):
        if page is None:
            self.bad(f"marked content {mcid} of element {elem.objgen} has no page")
            return
        key = (page, mcid)
        if key in self.tree_mcids:
            self.bad(f"page {page + 1} id {mcid} is a kid of two elements")
        self.tree_mcids[key] = elem.objgen

    def parent_tree(self, st):
        nums = {}

        def collect(node):
            if "/Nums" in node:
                a = node.Nums
                for i in range(0, len(a), 2):
                    nums[int(a[i])] = a[i + 1]
            for kid in node.get("/Kids", []):
                collect(kid)

        collect(st.ParentTree)
        from_parent = {}
        for i, p in enumerate(self.pages):
            n = p.obj.get("/StructParents")
            if n is None:
                continue
            for mcid, elem in enumerate(nums.get(int(n), [])):
                from_parent[(i, mcid)] = elem.objgen
        for key, elem in self.tree_mcids.items():
            if from_parent.get(key) != elem:
                self.bad(f"page {key[0] + 1} id {key[1]}: the parent tree does not name its element")
        for key in from_parent:
            if key not in self.tree_mcids:
                self.bad(f"page {key[0] + 1} id {key[1]} is in the parent tree, not in the structure tree")
        self.parent_nums = nums

    # Content streams: ids, text outside marked content, codes per font.
    def content(self):
        for i, page in enumerate(self.pages):
            fonts = page.obj.Resources.get("/Font", Dictionary())
            stack = []  # per open sequence: "mcid", "artifact" or "other"
            ids = set()
            font = None
            used = {}  # font name -> set of codes
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    props = operands[1] if op == "BDC" else None
                    if isinstance(props, Dictionary) and "/MCID" in props:
                        mcid = int(props.MCID)
                        if mcid in ids:
                            self.bad(f"page {i + 1} id {mcid} used twice")
                        ids.add(mcid)
                        if any(s != "other" for s in stack):
                            self.bad(f"page {i + 1} id {mcid} is nested in another sequence")
                        stack.append("mcid")
                    elif tag == "/Artifact":
                        stack.append("artifact")
                    else:
                        stack.append("other")
                elif op == "EMC":
                    if not stack:
                        self.bad(f"page {i + 1}: EMC without BDC")
                    else:
                        stack.pop()
                elif op == "Tf":
                    font = str(operands[0])
                elif op in TEXT_OPS:
                    if not any(s in ("mcid", "artifact") for s in stack):
                        self.bad(f"page {i + 1}: {op} outside marked content and artifacts")
                    strings = operands[0] if op == "TJ" else [operands[-1]]
                    codes = used.setdefault(font, set())
                    for s in strings:
                        if isinstance(s, pikepdf.String):
                            b = bytes(s)
                            codes.update(b[k] << 8 | b[k + 1] for k in range(0, len(b) - 1, 2))
            if stack:
                self.bad(f"page {i + 1}: {len(stack)} sequences not closed")
            for key in self.tree_mcids:
                if key[0] == i and key[1] not in ids:
                    self.bad(f"page {i + 1} id {key[1]} is in the structure tree, not in the content")
            for mcid in ids:
                if (i, mcid) not in self.tree_mcids:
                    self.bad(f"page {i + 1} id {mcid} is in the content, not in the structure tree")
            for name, codes in used.items():
                if name is None:
                    self.bad(f"page {i + 1}: text shown before any Tf")
                else:
                    self.font(i, name, fonts.get(name), codes)

    def font(self, page, name, font, codes):
        if font is None:
            self.bad(f"page {page + 1}: text in unknown font {name}")
            return
        key = font.objgen
        if not hasattr(self, "cmaps"):
            self.cmaps = {}
        if key not in self.cmaps:
            mapped = set()
            if font.get("/Subtype") != Name.Type0:
                self.bad(f"font {name} is not a Type0 font")
            else:
                cid = font.DescendantFonts[0]
                if "/W" not in cid:
                    self.bad(f"font {name} has no /W")
                fd = cid.get("/FontDescriptor", Dictionary())
                if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.bad(f"font {name} is not embedded")
            tu = font.get("/ToUnicode")
            if tu is None:
                self.bad(f"font {name} has no ToUnicode CMap")
            else:
                cmap = tu.read_bytes().decode("latin-1")
                for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                    for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                        if text:
                            mapped.add(int(code, 16))
                for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
                    for lo, hi in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                        mapped.update(range(int(lo, 16), int(hi, 16) + 1))
            self.cmaps[key] = mapped
        missing = sorted(codes - self.cmaps[key])
        if missing:
            self.bad(f"font {name}: codes without ToUnicode: {missing[:10]}")

    def links(self):
        for i, page in enumerate(self.pages):
            for a in page.obj.get("/Annots", []):
                if a.get("/Subtype") != Name.Link:
                    continue
                if int(a.get("/F", 0)) & 4 == 0:
                    self.bad(f"page {i + 1}: a link annotation is not printable (/F 4)")
                if not str(a.get("/Contents", "")):
                    self.bad(f"page {i + 1}: a link annotation has no /Contents")
                sp = a.get("/StructParent")
                elem = self.parent_nums.get(int(sp)) if sp is not None else None
                if elem is None or self.roles.get(elem.objgen) != "/Link":
                    self.bad(f"page {i + 1}: a link annotation's /StructParent names no Link element")
                elif self.tree_annots.get(a.objgen) != elem.objgen:
                    self.bad(f"page {i + 1}: a link annotation is not a kid (OBJR) of its Link element")

    def metadata(self, pdf, require):
        meta = pdf.Root.get("/Metadata")
        if meta is None:
            self.bad("no XMP metadata")
            return set()
        try:
            x = ET.fromstring(meta.read_bytes())
        except ET.ParseError as e:
            self.bad(f"XMP does not parse: {e}")
            return set()
        desc = x.find(".//rdf:Description", NS)
        if desc is None:
            self.bad("XMP has no rdf:Description")
            return set()

        def prop(name):
            el = desc.find(name, NS)
            if el is None:
                return None
            li = el.find(".//rdf:li", NS)
            return (li if li is not None else el).text or ""

        claims = set()
        if prop("pdfuaid:part") == "1":
            claims.add("ua-1")
        elif prop("pdfuaid:part") is not None or require:
            self.bad("XMP lacks pdfuaid:part 1")
        if prop("pdfaid:part") == "2" and prop("pdfaid:conformance") == "A":
            claims.add("a-2a")
        elif prop("pdfaid:part") is not None or require:
            self.bad("XMP lacks pdfaid:part 2, conformance A")
        if not claims:
            self.bad("XMP claims neither PDF/UA-1 nor PDF/A-2a")
        if not prop("dc:language"):
            self.bad("XMP lacks dc:language")
        info = pdf.trailer.get("/Info", Dictionary())
        pairs = [("/Title", "dc:title"), ("/Subject", "dc:description"),
                 ("/Keywords", "pdf:Keywords"), ("/Creator", "xmp:CreatorTool"),
                 ("/Producer", "pdf:Producer")]
        for key, name in pairs:
            a = str(info[key]) if key in info else None
            if a != prop(name):
                self.bad(f"Info {key} {a!r} and XMP {name} {prop(name)!r} differ")
        for key, name in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
            a = pdf_date(str(info[key])) if key in info else None
            b = prop(name)
            if (a is None) != (b is None) or (b is not None and a != xmp_date(b)):
                self.bad(f"Info {key} and XMP {name} differ")
        return claims

    def output_intent(self, root):
        intents = [i for i in root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFA1]
        if len(intents) != 1:
            self.bad("no single /GTS_PDFA1 output intent")
            return
        profile = intents[0].get("/DestOutputProfile")
        data = profile.read_bytes() if profile is not None else b""
        if len(data) < 128 or data[36:40] != b"acsp" or int(profile.get("/N", 0)) != 3:
            self.bad("the output intent has no embedded RGB ICC profile")


def main():
    args = sys.argv[1:]
    require = "--default" in args
    paths = [a for a in args if a != "--default"]
    problems = []
    for p in paths:
        c = Checker(p)
        try:
            c.run(require)
        except Exception as e:  # a PDF the checker cannot read is a problem too
            c.bad(f"cannot check: {type(e).__name__}: {e}")
        problems += c.problems
    for line in problems[:50]:
        print(line)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
