#!/usr/bin/python3
"""A real SMTP server for the end-to-end tests (Debian's python3-aiosmtpd).

usage: smtp_server.py DIR

Listens on 127.0.0.1 at a free port and writes DIR/port once it accepts
connections. For each message it writes, numbered from 1:
  N.eml      the raw bytes received (DATA, dot-unstuffed)
  N.env      MAIL FROM on the first line, then one RCPT TO per line
  N.subject  the Subject header decoded (RFC 2047), UTF-8
  N.body     the text/plain part decoded, UTF-8
  N.pdf      the attachment's bytes; N.filename its decoded file name
DIR/rules, read at every RCPT TO, holds lines "address code text..." for
recipients to refuse (e.g. "late@example.org 451 4.3.0 try later").
Decoding uses Python's email package: an implementation independent of the
one under test.
"""
import email
import email.policy
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller

out_dir = sys.argv[1]
count = 0
lock = threading.Lock()


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(out_dir, name), mode) as f:
        f.write(data)


def rule_for(address):
    try:
        with open(os.path.join(out_dir, "rules")) as f:
            for line in f:
                parts = line.split(None, 1)
                if len(parts) == 2 and parts[0] == address:
                    return parts[1].strip()
    except FileNotFoundError:
        pass
    return None


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = rule_for(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        global count
        with lock:
            count += 1
            n = count
        raw = envelope.original_content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        write(f"{n}.eml", raw)
        write(f"{n}.subject", str(msg["subject"]))
        body = msg.get_body(preferencelist=("plain",))
        write(f"{n}.body", body.get_content() if body else "")
        for part in msg.iter_attachments():
            write(f"{n}.pdf", part.get_content())
            write(f"{n}.filename", part.get_filename() or "")
        # Last, so a test that sees N.env sees the whole message.
        write(f"{n}.env.tmp", "\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        os.rename(os.path.join(out_dir, f"{n}.env.tmp"), os.path.join(out_dir, f"{n}.env"))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()  # returns once the server accepts connections
    write("port.tmp", str(port))
    os.rename(os.path.join(out_dir, "port.tmp"), os.path.join(out_dir, "port"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()


main()
