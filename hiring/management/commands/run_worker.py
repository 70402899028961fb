import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
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
        command = [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "db_worker",
            "--queue-name",
            queue_name,
            "--max-tasks",
            str(recycle_after),
            "--no-reload",
        ]
        generation = 0
        while not stopping:
            generation += 1
            self.stdout.write(f"worker {generation}: up to {recycle_after} tasks")
            child = subprocess.Popen(command)
            while child.poll() is None:
                try:
                    child.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    if stopping:
                        child.terminate()
            if child.returncode not in (0, -signal.SIGTERM) and not stopping:
                self.stderr.write(f"worker {generation} exited with {child.returncode}")
                sys.exit(child.returncode or 1)
