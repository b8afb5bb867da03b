"""The kill switch of the fault tests: while the file SESAM_FAULT_FLAG exists, the next
order sent from own store dies (SIGKILL of its worker) after the stock is withdrawn and the
order marked delivered, before its devices are written and before the commit — the worst
moment for a half-done send."""

import os
import signal


def install():
    flag = os.environ.get("SESAM_FAULT_FLAG")
    if not flag:
        return
    from orders.services import sending

    original = sending._record_devices

    def record_devices_or_die(order, line):
        if os.path.exists(flag):
            os.remove(flag)
            os.kill(os.getpid(), signal.SIGKILL)
        return original(order, line)

    sending._record_devices = record_devices_or_die
