"""Gunicorn config for the fault tests (tests/scale/test_faults.py): each worker, once it
has loaded the app, says so on the pipe SESAM_READY_FD, and installs the kill switch of
bench.faults (a worker that SIGKILLs itself in the middle of a send when asked)."""

import os


def post_worker_init(worker):
    from bench import faults

    faults.install()
    fd = int(os.environ["SESAM_READY_FD"])
    os.write(fd, f"{os.getpid()}\n".encode())
