"""Webhooks: events about a company's postings, signed Standard-Webhooks style, delivered in
order per posting by a background task and retried with backoff for about a day.

`events.emit()` is what the posting services call once a change is committed. It stores
one `WebhookDelivery` per subscribed endpoint and enqueues `delivery.deliver_webhook`. A
delivery whose receiver is down is retried on `delivery.RETRY_DELAYS`; with a task backend
that can defer (`run_after`) the retry is enqueued, otherwise `manage.py deliver_webhooks`
(run from cron) sends what is due. Later events for the same posting wait behind an
undelivered one, so a receiver that comes back gets every event once, in order.

- `signing`: secrets, the signature, and what a receiver checks;
- `endpoints`: registering an endpoint, rotating its secret;
- `events`: the event types and what each one carries;
- `delivery`: the queue, attempts, retries and the task that runs them;
- `transport`: one HTTPS request to a vetted public address (the SSRF guard);
- `admin`: endpoints and deliveries in the admin.
"""
