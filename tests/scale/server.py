"""A real gunicorn on loopback for the fault tests, on the database the test's connection
points at: each worker reports its pid on a pipe once it has loaded the app
(bench/gunicorn_faults.py), so a test can wait for workers without sleeping and see whether
one was restarted."""

import os
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
CSRF_TOKEN = "k" * 32  # a CSRF secret of our own, in the cookie and the form


class Gunicorn:
    def __init__(self, tmp_path, *, workers=1, env=None, name="gunicorn", wait=True):
        self.flag, self.log = tmp_path / f"{name}-kill-next-send", tmp_path / f"{name}.log"
        read, write = os.pipe()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.ready = os.fdopen(read)
        params = connection.get_connection_params()
        url = f"postgres://{params['user']}@/{params['dbname']}?host={params['host']}"
        env = {**os.environ, "DATABASE_URL": url, "SESAM_READY_FD": str(write),
               "SESAM_FAULT_FLAG": str(self.flag), "DJANGO_DEBUG": "true",
               **(env or {})}  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "sesam.wsgi", "-c", "bench/gunicorn_faults.py",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--log-level", "warning"],
            cwd=ROOT, env=env, pass_fds=(write,), stderr=self.log.open("w"),
        )  # fmt: skip
        os.close(write)
        self.workers = workers
        if wait:
            self.wait_until_up()

    def wait_until_up(self):
        self.pids = [self.wait_for_worker() for _ in range(self.workers)]
        self.pid = self.pids[0]

    def wait_for_worker(self, timeout=60):
        ready, _, _ = select.select([self.ready], [], [], timeout)
        assert ready, f"no gunicorn worker came up: {self.log.read_text()}"
        return int(self.ready.readline())

    def restarted_workers(self) -> bool:
        """Whether a worker came up since the start (the master replaced one)."""
        return bool(select.select([self.ready], [], [], 0)[0])

    def post(self, path, data, cookie):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=urlencode({**data, "csrfmiddlewaretoken": CSRF_TOKEN}).encode(),
            headers={
                "Cookie": f"{cookie}; {settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        opener = urllib.request.build_opener(NoRedirect)
        return opener.open(request, timeout=60)

    def call(self, method, path, cookie, data=None) -> "Answer":
        """One request, redirects not followed; any HTTP status is an answer."""
        started = time.monotonic()
        try:
            if method == "POST":
                response = self.post(path, data or {}, cookie)
            else:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{self.port}{path}", headers={"Cookie": cookie}
                )
                response = urllib.request.build_opener(NoRedirect).open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            body = response.read().decode(errors="replace")
            return Answer(method, path, started, time.monotonic(), response.status,
                          dict(response.headers), body)  # fmt: skip

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@dataclass
class Answer:
    method: str
    path: str
    started: float
    ended: float
    status: int
    headers: dict = field(repr=False)
    body: str = field(repr=False)
    retried: bool = False  # a try before this one got a 503

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
