"""A webhook receiver on this machine, and an endpoint of Acme's pointing at it."""

import http.server
import json
import threading

import pytest

from hiring.webhooks import endpoints, events

# Acme's MLE draft with a rubric, as the hiring tests use it.
from tests.hiring.conftest import posting  # noqa: F401


class Receiver:
    """An HTTP server on 127.0.0.1 that answers `status` and records every request."""

    def __init__(self):
        self.status = 200
        self.requests: list[dict] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {"headers": dict(self.headers), "body": body, "status": receiver.status}
                )
                self.send_response(receiver.status)
                if 300 <= receiver.status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.end_headers()
                self.wfile.write(b"ok" if receiver.status == 200 else b"down for maintenance")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/rolekit"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def delivered(self) -> list[dict]:
        """The events acknowledged with 2xx, in arrival order."""
        return [json.loads(r["body"]) for r in self.requests if 200 <= r["status"] < 300]


@pytest.fixture
def receiver(settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = True
    settings.ROLEKIT_WEBHOOKS_TIMEOUT = 5
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def endpoint(acme, recruiter, receiver):
    endpoint, _ = endpoints.endpoint_create(
        company=acme, url=receiver.url, events=list(events.EVENT_TYPES), by=recruiter
    )
    return endpoint
