"""`run_worker`: on SIGTERM it asks its db_worker to stop once, so the task running
finishes (db_worker abandons it on a second signal), then exits without a new worker."""

import os
import signal
import sys
import threading
import time

from django.core.management import call_command

from hiring.management.commands import run_worker

# Stands in for db_worker: counts the SIGTERMs it gets while "finishing a task".
FAKE_WORKER = """
import pathlib, signal, sys, time
out = pathlib.Path(sys.argv[1])
got = []
signal.signal(signal.SIGTERM, lambda *a: got.append(1))
out.write_text("started")
deadline = time.monotonic() + 30
while not got and time.monotonic() < deadline:
    time.sleep(0.05)
time.sleep(2.5)  # the task's last seconds, through which run_worker keeps polling
out.write_text(str(len(got)))
"""


class FakeWorkerCommand(run_worker.Command):
    def __init__(self, out, **kwargs):
        super().__init__(**kwargs)
        self.out = out

    def worker_command(self, *, queue_name, recycle_after):
        return [sys.executable, "-c", FAKE_WORKER, str(self.out)]

    def queue_sweep(self):
        pass  # tests/careers/test_expiry.py checks the sweep


def test_it_asks_the_worker_to_stop_once_and_lets_it_finish(tmp_path):
    out = tmp_path / "signals"
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stop_when_started():
        deadline = time.monotonic() + 30
        while not (out.exists() and out.read_text() == "started"):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_when_started, daemon=True).start()
    try:
        call_command(FakeWorkerCommand(out), recycle_after=5)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    assert out.read_text() == "1"
