"""The switches of the fault tests: while the file SESAM_FAULT_FLAG exists, the next request
that reaches the named moment is stopped there, inside the transaction, the worst moment
for half-done work. The file holds what to do:

* `<moment>`: SIGKILL the worker there (tests/scale/test_faults.py);
* `hold <moment> <idempotency key>`: the send of that order waits there — the flag renamed
  to `<flag>.held` says so — until the test removes `<flag>.held` (at most HOLD_SECONDS),
  so that the test can stop the database under it (tests/scale/test_database_restart.py).

Moments:

* `send`: an own-store send, after the stock is withdrawn and the order marked delivered,
  before its devices are written;
* `receive`: a receipt, after the stock is brought in and the receipt and line written,
  before the order's status is settled."""

import os
import signal
import time
from pathlib import Path

HOLD_SECONDS = 20  # below gunicorn's worker timeout (30 s)


def _key(args) -> str:
    order = args[0] if args else None
    return str(getattr(order, "idempotency_key", ""))


def _hold(flag):
    held = f"{flag}.held"
    try:
        os.rename(flag, held)  # one request only, even with several workers
    except FileNotFoundError:
        return
    deadline = time.monotonic() + HOLD_SECONDS
    while os.path.exists(held) and time.monotonic() < deadline:
        time.sleep(0.01)


def _stop_at(moment, flag):
    def maybe_stop(*args):
        if not os.path.exists(flag):
            return
        words = Path(flag).read_text().split()
        if words == [moment]:
            os.remove(flag)
            os.kill(os.getpid(), signal.SIGKILL)
        elif words[:2] == ["hold", moment] and words[2:] == [_key(args)]:
            _hold(flag)

    return maybe_stop


def _wrap(module, name, check):
    original = getattr(module, name)

    def wrapped(*args, **kwargs):
        check(*args)
        return original(*args, **kwargs)

    setattr(module, name, wrapped)


def install():
    flag = os.environ.get("SESAM_FAULT_FLAG")
    if not flag:
        return
    from orders.services import receiving, sending

    _wrap(sending, "_record_devices", _stop_at("send", flag))
    _wrap(receiving, "settle_order_status", _stop_at("receive", flag))
