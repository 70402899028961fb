"""Tasks queued before the tasks moved still run: a queued row names its task by path."""

import pytest
from django.utils.module_loading import import_string

from hiring.exports.jobs import export_postings_bulk
from hiring.webhooks.delivery import deliver_webhook


@pytest.mark.parametrize(
    "former, task, path",
    [
        ("hiring.tasks.deliver_webhook", deliver_webhook, "hiring.webhooks.delivery"),
        ("hiring.tasks.export_postings_bulk", export_postings_bulk, "hiring.exports.jobs"),
    ],
)
def test_a_task_queued_under_its_former_name_runs_the_task(former, task, path):
    assert import_string(former) is task
    assert task.module_path == f"{path}.{task.name}"
