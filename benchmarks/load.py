"""`make load`: a bounded load test of gunicorn + PostgreSQL holding 10,000 postings.

50 concurrent clients (wrk, from loopback only) mix API list, retrieve, analyse and a
cached PDF export for a fixed 60 seconds; then 50 anonymous visitors read the careers
page (board pages and postings, warmed first) for as long; then everything stops. wrk
gives throughput, client-side latency and errors; gunicorn's access log gives each
endpoint's own latency.
"""

import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", int(os.environ.get("LOAD_PORT", "8300"))
POSTINGS = int(os.environ.get("LOAD_POSTINGS", "10000"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "50"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
# Which mixes run, in order: "api" (the ATS integration), "public" (the careers page).
MIXES = os.environ.get("LOAD_MIXES", "api,public").split(",")
PROBE_INTERVAL = 0.1  # seconds between the list probe's requests
PDF_IDS = 40  # postings whose PDF is rendered once before the run, then served from cache
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "hiring.settings.production",
    "DATABASE_URL": os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rolekit_load"
    ),
    "CACHE_URL": os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/1"),
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": HOST,
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    # One key plays 50 clients here; the per-key limit is not what this test measures.
    "API_KEY_RATE": "10000000/minute",
    "LOG_LEVEL": "WARNING",
}
ENDPOINTS = (
    ("list", re.compile(r"^GET /api/v1/postings/\?")),
    ("retrieve", re.compile(r"^GET /api/v1/postings/\d+/ ")),
    ("analyse", re.compile(r"^POST /api/v1/analyse")),
    ("pdf", re.compile(r"^GET /api/v1/postings/\d+/exports/pdf/")),
    ("board", re.compile(r"^GET /jobs/[\w-]+/(\?\S*)? ")),
    ("posting", re.compile(r"^GET /jobs/[\w-]+/[\w-]+/ ")),
)
# Postings the public mix reads (their pages are warmed before it starts).
PUBLIC_POSTINGS = 200
PREPARE = """
import json
from hiring.integrations.keys import api_key_create
from hiring.models import Company, JobPosting
company = Company.objects.get(slug="load-test")
ids = list(JobPosting.objects.filter(company=company, published_version__isnull=False)
           .order_by("id").values_list("id", flat=True))
_, token = api_key_create(company=company, name="load test", scope="write")
slugs = list(JobPosting.objects.filter(company=company, published_version__isnull=False)
             .exclude(slug="").order_by("-id").values_list("slug", flat=True)[:%d])
print(json.dumps({"token": token, "first": ids[0], "last": ids[-1], "slugs": slugs}))
"""


def manage(*args, capture=False):
    result = subprocess.run(
        [PYTHON, str(BASE_DIR / "manage.py"), *args],
        env=ENV,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout


def wait_for_health(timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not become healthy in time")


def warm_pdfs(token, first_id):
    for posting_id in range(first_id, first_id + PDF_IDS):
        request = urllib.request.Request(
            f"http://{HOST}:{PORT}/api/v1/postings/{posting_id}/exports/pdf/",
            headers={"Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def warm_public_pages(slugs):
    """Every page of the public mix once, so that the run reads them warm."""
    paths = [f"/jobs/load-test/{slug}/" for slug in slugs] + [
        "/jobs/load-test/",
        *(f"/jobs/load-test/?page={n}" for n in (2, 3)),
        *(f"/jobs/load-test/?family={f}" for f in ("data-scientist", "machine-learning-engineer")),
    ]
    for path in paths:
        with urllib.request.urlopen(f"http://{HOST}:{PORT}{path}", timeout=60) as response:
            response.read()


def run_wrk(script, env):
    """wrk's summary line for one mix, as a dict."""
    result = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(CLIENTS),
            "--duration",
            f"{SECONDS}s",
            "--timeout",
            "10s",
            "--script",
            str(BASE_DIR / "benchmarks" / script),
            f"http://{HOST}:{PORT}",
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRK "))
    return dict(item.split("=") for item in line.split()[1:])


def report(figures) -> int:
    """Print wrk's figures; returns the number of errors."""
    requests = int(figures["requests"])
    seconds = int(figures["duration_us"]) / 1e6
    errors = sum(int(figures[key]) for key in ("non2xx", "connect", "read", "write", "timeout"))
    print(f"throughput   {requests / seconds:8.1f} requests/s ({requests:,} in {seconds:.0f} s)")
    print(
        f"latency      p50 {int(figures['p50_us']) / 1000:.1f} ms  "
        f"p95 {int(figures['p95_us']) / 1000:.1f} ms  p99 {int(figures['p99_us']) / 1000:.1f} ms"
    )
    print(f"errors       {errors} (non-2xx {figures['non2xx']}, timeouts {figures['timeout']})")
    return errors


class ListProbe(threading.Thread):
    """One more client that asks for the list page every PROBE_INTERVAL seconds while wrk
    runs, timing each answer from its side: wrk reports one latency for the whole mix,
    and the list's own latency as a client sees it is the figure the target is set on."""

    def __init__(self, token):
        super().__init__(daemon=True)
        self.request = urllib.request.Request(
            f"http://{HOST}:{PORT}/api/v1/postings/?page_size=50",
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.errors = 0

    def run(self):
        while not self.stop.wait(PROBE_INTERVAL):
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(self.request, timeout=10) as response:
                    response.read()
            except OSError:
                self.errors += 1
                continue
            self.latencies.append((time.perf_counter() - started) * 1000)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def endpoint_table(log_path, skip_lines):
    times: dict[str, list[float]] = {name: [] for name, _ in ENDPOINTS}
    statuses: dict[str, int] = {name: 0 for name, _ in ENDPOINTS}
    lines = Path(log_path).read_text().splitlines()[skip_lines:]
    for line in lines:
        request, _, rest = line.rpartition('" ')
        request = request.lstrip('"')
        try:
            status, millis = rest.split()
        except ValueError:
            continue
        for name, pattern in ENDPOINTS:
            if pattern.match(request + " "):
                times[name].append(float(millis))
                if not status.startswith(("2", "3")):
                    statuses[name] += 1
                break
    rows = []
    for name, values in times.items():
        if values:
            rows.append(
                f"  {name:<9} {len(values):>7}  p50 {statistics.median(values):7.1f} ms  "
                f"p95 {percentile(values, 0.95):7.1f} ms  p99 {percentile(values, 0.99):7.1f} ms"
                f"  errors {statuses[name]}"
            )
    return rows


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    print(f"== preparing PostgreSQL with {POSTINGS:,} postings", flush=True)
    subprocess.run([PYTHON, "-m", "hiring.site.createdb"], env=ENV, check=True)
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_catalog", "-v0")
    manage("seed_postings", "--company", "load-test", "--count", str(POSTINGS))
    prepare = PREPARE % PUBLIC_POSTINGS
    prepared = json.loads(manage("shell", "-c", prepare, capture=True).strip().splitlines()[-1])

    log_path = BASE_DIR / "test-artifacts" / "load-access.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_text("")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "hiring.wsgi",
            "--bind",
            f"{HOST}:{PORT}",
            "--workers",
            str(WORKERS),
            "--access-logfile",
            str(log_path),
            "--access-logformat",
            '"%(r)s" %(s)s %(M)s',
            "--timeout",
            "60",
        ],
        env=ENV,
        cwd=BASE_DIR,
    )
    try:
        wait_for_health()
        warm_pdfs(prepared["token"], prepared["first"])
        skip = len(log_path.read_text().splitlines())
        probe = ListProbe(prepared["token"])
        api_figures = public_figures = None
        if "api" in MIXES:
            print(f"== wrk: {CLIENTS} API clients for {SECONDS} s, {WORKERS} gunicorn workers")
            probe.start()
            api_figures = run_wrk(
                "load.lua",
                {
                    "ROLEKIT_TOKEN": prepared["token"],
                    "ROLEKIT_FIRST_ID": str(prepared["first"]),
                    "ROLEKIT_LAST_ID": str(prepared["last"]),
                    "ROLEKIT_PDF_IDS": str(PDF_IDS),
                },
            )
            probe.stop.set()
            probe.join()
        if "public" in MIXES:
            warm_public_pages(prepared["slugs"])
            print(f"== wrk: {CLIENTS} anonymous visitors of the careers page for {SECONDS} s")
            public_figures = run_wrk(
                "load_public.lua",
                {"ROLEKIT_COMPANY": "load-test", "ROLEKIT_SLUGS": ",".join(prepared["slugs"])},
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    errors = 0
    if api_figures:
        print("API mix (40% list / 30% retrieve / 15% analyse / 15% cached PDF):")
        errors += report(api_figures)
    if probe.latencies:
        values = probe.latencies
        print(
            f"list probe   p50 {statistics.median(values):.1f} ms  "
            f"p95 {percentile(values, 0.95):.1f} ms  p99 {percentile(values, 0.99):.1f} ms  "
            f"({len(values)} requests, {probe.errors} errors; the list as a 51st client sees it)"
        )
    errors += probe.errors
    if public_figures:
        print("careers page mix (30% board pages / 70% postings, anonymous, warm):")
        errors += report(public_figures)
    print("per endpoint (server time, from gunicorn's access log):")
    for row in endpoint_table(log_path, skip):
        print(row)
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
