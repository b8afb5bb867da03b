"""The switches of the fault tests. Each stops a request at a named moment, inside its
transaction, the worst moment for half-done work:

* kill: while the file SESAM_FAULT_FLAG holds `<moment>`, the next request that reaches the
  moment SIGKILLs its worker there (tests/scale/test_faults.py);
* hold: while a file `<flag>.hold-<moment>-<key>` exists (key: the order's idempotency
  key), the request that reaches the moment for that order waits there — the file renamed
  to `<flag>.held-<moment>-<key>` says so — until the test removes it (at most
  HOLD_SECONDS), so that the test can stop the database under it
  (tests/scale/test_database_restart.py).

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


def hold_files(flag, moment, key) -> tuple[str, str]:
    """The file that asks for a hold and the file that says it is held."""
    return f"{flag}.hold-{moment}-{key}", f"{flag}.held-{moment}-{key}"


def _hold(flag, moment, key):
    wanted, held = hold_files(flag, moment, key)
    try:
        os.rename(wanted, held)  # one request only, even with several workers
    except FileNotFoundError:
        return
    deadline = time.monotonic() + HOLD_SECONDS
    while os.path.exists(held) and time.monotonic() < deadline:
        time.sleep(0.01)


def _stop_at(moment, flag):
    def maybe_stop(*args):
        _hold(flag, moment, _key(args))
        if os.path.exists(flag) and Path(flag).read_text().strip() == moment:
            os.remove(flag)
            os.kill(os.getpid(), signal.SIGKILL)

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
