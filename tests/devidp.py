"""The development identity provider (devidp/) as a real server on a free loopback port, for
the tests: its own database (test_sesam_idp), migrated and seeded, sesam's callback on
`portal_url` registered."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def running_devidp(*, portal_url: str, key_file: Path):
    env = {
        **os.environ,
        "DEVIDP_DATABASE_NAME": "test_sesam_idp",
        "DEVIDP_KEY_FILE": str(key_file),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    callback = f"{portal_url}/oidc/callback/"
    subprocess.run(
        [sys.executable, "-m", "devidp", "setup", "--redirect-uri", callback],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "devidp", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stdout.readline()  # blocks until the socket is bound
        assert line.startswith("listening on "), f"devidp did not start: {line!r}"
        yield line.removeprefix("listening on ").strip()
    finally:
        server.terminate()
        server.wait(timeout=30)
