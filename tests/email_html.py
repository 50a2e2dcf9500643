#!/usr/bin/env python3
"""Prints what a reader's mail client would find in a digest's message
(Python's email package, policy default, and html.parser): the structure,
Content-Language, List-Unsubscribe-Post, the attachment's file name, and
the HTML part's lang, dir, links (href and text), text, and any element
or attribute a simple, self-contained HTML part must not have."""
import email
import email.policy
import html.parser
import sys


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = self.dir = None
        self.links, self.text, self.bad = [], [], []
        self.href = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang, self.dir = a.get("lang"), a.get("dir")
        if tag in ("script", "img", "link", "iframe", "style", "object", "form"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "src":
                self.bad.append(name)
        if tag == "a":
            self.href, self.links = a.get("href"), self.links + [[a.get("href"), ""]]

    def handle_endtag(self, tag):
        if tag == "a":
            self.href = None

    def handle_data(self, data):
        if self.href is not None:
            self.links[-1][1] += data
        self.text.append(data)


def main(path):
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    out = []
    for part in msg.walk():
        if part.defects:
            out.append("defects: %r" % part.defects)
    out.append("structure: " + " ".join(p.get_content_type() for p in msg.walk()))
    out.append("content-language: %s" % msg.get("Content-Language"))
    out.append("list-unsubscribe-post: %s" % msg.get("List-Unsubscribe-Post"))
    for part in msg.walk():
        if part.get_content_disposition() == "attachment":
            out.append("attachment: %s" % part.get_filename())
    body = msg.get_body(preferencelist=("html",))
    r = Reader()
    r.feed(body.get_content())
    r.close()
    out.append("html: lang=%s dir=%s bad=%s" % (r.lang, r.dir, ",".join(r.bad)))
    for href, text in r.links:
        out.append("link: %s | %s" % (href, text))
    out.append("text: " + " ".join(" ".join(r.text).split()))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
