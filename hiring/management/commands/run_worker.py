import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    # Seconds between two careers expiry sweeps queued by this command (one at start).
    sweep_every = 60 * 60
    help = (
        "Run the database task worker (django-tasks-db's db_worker) and start a fresh one "
        "after every N tasks: WeasyPrint's memory grows on long documents, a new process "
        "gives it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--recycle-after", type=int, default=50, metavar="N")
        parser.add_argument("--queue-name", default="*")

    def handle(self, *args, recycle_after, queue_name, **options):
        if recycle_after < 1:
            self.stderr.write("--recycle-after must be at least 1.")
            sys.exit(2)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        command = self.worker_command(queue_name=queue_name, recycle_after=recycle_after)
        generation = 0
        next_sweep = time.monotonic()
        while not stopping:
            next_sweep = self.sweep_when_due(next_sweep)
            generation += 1
            self.stdout.write(f"worker {generation}: up to {recycle_after} tasks")
            # In a session of its own, so that a Ctrl+C in the terminal reaches this
            # process alone, which passes it on once.
            child = subprocess.Popen(command, start_new_session=True)
            asked_to_stop = False
            while child.poll() is None:
                next_sweep = self.sweep_when_due(next_sweep)
                try:
                    child.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    # Once: db_worker finishes its current task on the first SIGTERM and
                    # abandons it on the second, which would cut a bulk export short.
                    if stopping and not asked_to_stop:
                        child.terminate()
                        asked_to_stop = True
            if child.returncode not in (0, -signal.SIGTERM) and not stopping:
                self.stderr.write(f"worker {generation} exited with {child.returncode}")
                sys.exit(child.returncode or 1)

    def sweep_when_due(self, due: float) -> float:
        """Queue the careers expiry sweep when `due` has come; returns when it is next due."""
        if time.monotonic() < due:
            return due
        self.queue_sweep()
        return time.monotonic() + self.sweep_every

    def queue_sweep(self) -> None:
        """Queue the archiving of postings past their last day, for a worker to run."""
        from hiring.careers.tasks import expire_postings

        expire_postings.enqueue()

    def worker_command(self, *, queue_name: str, recycle_after: int) -> list[str]:
        return [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "db_worker",
            "--queue-name",
            queue_name,
            "--max-tasks",
            str(recycle_after),
            "--no-reload",
        ]
