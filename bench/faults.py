"""The kill switch of the fault tests: while the file SESAM_FAULT_FLAG exists, the next
request that reaches the named moment SIGKILLs its worker there, inside the transaction,
the worst moment for half-done work. The file holds the moment's name:

* `send`: an own-store send, after the stock is withdrawn and the order marked delivered,
  before its devices are written;
* `receive`: a receipt, after the stock is brought in and the receipt and line written,
  before the order's status is settled."""

import os
import signal
from pathlib import Path


def _die_at(moment, flag):
    def maybe_die():
        if os.path.exists(flag) and Path(flag).read_text().strip() == moment:
            os.remove(flag)
            os.kill(os.getpid(), signal.SIGKILL)

    return maybe_die


def _wrap(module, name, check):
    original = getattr(module, name)

    def wrapped(*args, **kwargs):
        check()
        return original(*args, **kwargs)

    setattr(module, name, wrapped)


def install():
    flag = os.environ.get("SESAM_FAULT_FLAG")
    if not flag:
        return
    from orders.services import receiving, sending

    _wrap(sending, "_record_devices", _die_at("send", flag))
    _wrap(receiving, "settle_order_status", _die_at("receive", flag))
