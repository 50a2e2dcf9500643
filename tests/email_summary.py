#!/usr/bin/env python3
"""Prints what Python's email package (policy default) reads in a message:
its headers, decoded, and each part's type, parameters and content. The
email tests compare this summary, not the message's bytes: two messages
that read the same are the same message."""
import email
import email.policy
import hashlib
import sys


def summary(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = []
    for name, value in msg.items():
        if name.lower() in ("content-type", "mime-version"):
            continue
        out.append("header %s: %s" % (name.lower(), str(value)))
    out.sort()
    out.append("mime-version: %s" % msg.get("MIME-Version"))
    out.append("type: %s" % msg.get_content_type())
    for part in msg.walk():
        if part.defects:
            out.append("defects: %r" % part.defects)
        if part.is_multipart():
            continue
        out.append("part: %s charset=%s disposition=%s filename=%s" % (
            part.get_content_type(), part.get_content_charset(),
            part.get_content_disposition(), part.get_filename()))
        data = part.get_payload(decode=True)
        if part.get_content_maintype() == "text":
            out.append("  text: %r" % part.get_content())
        else:
            out.append("  bytes: %d sha256 %s" % (len(data), hashlib.sha256(data).hexdigest()))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        sys.stdout.write(summary(f.read()))
