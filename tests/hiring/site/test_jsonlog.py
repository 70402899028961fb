"""Production logs: one JSON object per line."""

import json
import logging

from hiring.site.jsonlog import JsonFormatter


def test_it_writes_one_json_object_per_log_line():
    record = logging.makeLogRecord(
        {"name": "hiring", "levelname": "WARNING", "msg": "export %s failed", "args": ("x",)}
    )
    record.posting_id = 7
    line = JsonFormatter().format(record)
    payload = json.loads(line)
    assert payload["message"] == "export x failed"
    assert payload["level"] == "WARNING" and payload["posting_id"] == 7
