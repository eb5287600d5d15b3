"""Real local servers for the channel tests: a tiny SMTP server and an HTTP server that plays
WeCom (token, app messages), the group robots, and an idempotent receiver. Both run in a thread
on 127.0.0.1 and a free port; nothing here mocks the client code."""

from __future__ import annotations

import base64
import json
import socketserver
import threading
import time
from collections import defaultdict
from email import message_from_bytes
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

KEY_HEADER = "X-Luoshi-Idempotency-Key"


class _Smtp(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        server = self.server
        self._say("220 localhost ESMTP luoshi-test")
        envelope = {"from": "", "to": []}
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
            elif verb == "HELO" or verb in ("NOOP", "RSET"):
                self._say("250 OK")
            elif verb == "AUTH":
                server.logins.append(base64.b64decode(command.split()[-1]).split(b"\0")[1:])
                self._say("235 Authentication successful")
            elif verb == "MAIL":
                envelope = {"from": command.split(":", 1)[1].strip(" <>"), "to": []}
                self._say("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip(" <>")
                if address in server.refuse:
                    self._say("550 No such user")
                else:
                    envelope["to"].append(address)
                    self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                server.messages.append({**envelope, "message": message_from_bytes(b"".join(lines),
                                                                                  policy=email_policy)})
                self._say("250 OK queued")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")


class SmtpServer(socketserver.ThreadingTCPServer):
    """`with SmtpServer() as smtp:` → smtp.port, smtp.messages (envelope + parsed message)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Smtp)
        self.messages: list[dict] = []
        self.logins: list = []
        self.refuse: set[str] = set()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class _Http(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        self._handle(None)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self._handle(json.loads(self.rfile.read(length) or b"{}"))

    def _handle(self, body):
        server = self.server
        url = urlparse(self.path)
        key = self.headers.get(KEY_HEADER, "")
        with server.lock:
            server.requests.append({"path": url.path, "query": parse_qs(url.query), "body": body, "key": key})
            scripted = server.script[url.path].pop(0) if server.script[url.path] else None
            if scripted is None and url.path == "/cgi-bin/gettoken":
                server.token_count += 1
                scripted = (200, {"errcode": 0, "errmsg": "ok", "access_token": f"TOKEN{server.token_count}",
                                  "expires_in": 7200})
            status, answer = scripted or (200, {"errcode": 0, "errmsg": "ok"})
            if status == 200 and answer.get("errcode", 0) == 0 and body is not None:
                # The idempotent receiver takes the message on arrival; a key it has is not delivered again.
                mark = key or f"anon-{len(server.requests)}"
                server.received[mark] += 1
                if server.received[mark] == 1:
                    server.delivered.append({"path": url.path, "body": body, "key": key})
            delay = server.delays.pop(0) if server.delays else server.delay
        server.arrived.set()
        if delay:
            time.sleep(delay)  # a slow answer: the sender may die before it hears back
        data = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the sender is gone
            pass


class HttpServer(ThreadingHTTPServer):
    """`with HttpServer() as http:` → http.url; http.script["/path"] = [(status, json), …] answers
    the next requests to that path; http.requests (all), http.delivered (unique keys only)."""

    daemon_threads = True

    def __init__(self, *, delay: float = 0.0):
        super().__init__(("127.0.0.1", 0), _Http)
        self.delay = delay
        self.delays: list[float] = []
        self.lock = threading.Lock()
        self.arrived = threading.Event()
        self.requests: list[dict] = []
        self.delivered: list[dict] = []
        self.received: dict[str, int] = defaultdict(int)
        self.script: dict[str, list] = defaultdict(list)
        self.token_count = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def posts(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path and r["body"] is not None]

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
