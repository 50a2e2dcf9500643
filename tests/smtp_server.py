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
DIR/data-rules, read at every DATA, holds lines "address drop" or "address
hang": once the message to that address is received (and written as
above), the server closes the connection without a reply, or never replies.
Every RCPT TO received is appended to DIR/rcpt.log, refused or not.
Decoding uses Python's email package: an implementation independent of the
one under test.

Options (the TLS and login tests):
  --tls starttls|implicit  offer STARTTLS, or speak TLS from the first byte
  --cert FILE --key FILE   the server's certificate chain and key (PEM)
  --user U --password P    require AUTH (PLAIN, LOGIN) with these; AUTH is
                           offered even without TLS, as bait: a client must
                           not take it when TLS is required
  --token T                also offer AUTH XOAUTH2, accepting user U with
                           bearer token T
  --auth-reply "CODE text" answer every AUTH with this reply
It also writes DIR/wire.log: every byte received, each chunk prefixed with
"clear: " or "tls: " (what a listener on the network could read is exactly
the "clear" part), and DIR/auth.log: a line per AUTH, "MECHANISM login
accepted|refused" (never the password).
"""
import argparse
import base64
import asyncio
import email
import email.policy
import logging
import os
import signal
import socket
import ssl
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, SMTP, AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("--tls", choices=["starttls", "implicit"])
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--token")
parser.add_argument("--auth-reply")
args = parser.parse_args()
# The bait set-up (AUTH without TLS) makes aiosmtpd warn: the tests mean it.
warnings.simplefilter("ignore")
logging.getLogger("mail.log").setLevel(logging.CRITICAL)
out_dir = args.dir
count = 0
lock = threading.Lock()


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(out_dir, name), mode) as f:
        f.write(data)


def append(name, data):
    with lock, open(os.path.join(out_dir, name), "ab") as f:
        f.write(data)


def log_auth(mechanism, login, ok):
    login = login.decode("utf-8", "replace") if isinstance(login, bytes) else str(login)
    append("auth.log", f"{mechanism} {login} {'accepted' if ok else 'refused'}\n".encode())


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login == args.user.encode() and auth_data.password == args.password.encode())
    log_auth(mechanism, auth_data.login, ok)
    # handled=False: aiosmtpd then answers 535 itself.
    return AuthResult(success=ok, handled=False)


def rule_for(address, name="rules"):
    try:
        with open(os.path.join(out_dir, name)) as f:
            for line in f:
                parts = line.split(None, 1)
                if len(parts) == 2 and parts[0] == address:
                    return parts[1].strip()
    except FileNotFoundError:
        pass
    return None


class Handler:
    async def handle_AUTH(self, server, session, envelope, auth_args):
        if args.auth_reply:
            log_auth(auth_args[0], b"-", False)
            return args.auth_reply
        return MISSING

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with lock:
            with open(os.path.join(out_dir, "rcpt.log"), "a") as f:
                f.write(address + "\n")
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
        action = rule_for(envelope.rcpt_tos[0], "data-rules") if envelope.rcpt_tos else None
        if action == "drop":
            server.transport.abort()
            await asyncio.sleep(3600)  # never replies; cancelled at shutdown
        elif action == "hang":
            await asyncio.sleep(3600)
        return "250 Message accepted for delivery"


class TokenHandler(Handler):
    # RFC-less but documented by Google and Microsoft: base64 of
    # "user=U^Aauth=Bearer T^A^A".
    async def auth_XOAUTH2(self, server, auth_args):
        if len(auth_args) == 2:
            blob = base64.b64decode(auth_args[1])
        else:
            blob = await server.challenge_auth("")
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        fields = dict(f.split(b"=", 1) for f in blob.split(b"\x01") if b"=" in f)
        login = fields.get(b"user", b"")
        ok = login == args.user.encode() and fields.get(b"auth") == b"Bearer " + args.token.encode()
        log_auth("XOAUTH2", login, ok)
        return AuthResult(success=ok, handled=False)


class LoggingSMTP(SMTP):
    def data_received(self, data):
        tls = args.tls == "implicit" or self._tls_protocol is not None
        append("wire.log", (b"tls: " if tls else b"clear: ") + data)
        super().data_received(data)


class TestController(Controller):
    def factory(self):
        return LoggingSMTP(self.handler, **self.SMTP_kwargs)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    port = free_port()
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    smtp_args = {}
    if args.tls == "starttls":
        smtp_args.update(tls_context=context, require_starttls=True)
    if args.user:
        smtp_args.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = TestController(TokenHandler() if args.token else Handler(),
                                hostname="127.0.0.1", port=port,
                                ssl_context=context if args.tls == "implicit" else None,
                                **smtp_args)
    controller.start()  # returns once the server accepts connections
    write("port.tmp", str(port))
    os.rename(os.path.join(out_dir, "port.tmp"), os.path.join(out_dir, "port"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()


main()
