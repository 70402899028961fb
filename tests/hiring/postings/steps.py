"""Moving a posting through its workflow in tests."""

from hiring.postings.workflow import posting_publish, posting_review, posting_submit


def walk(posting, recruiter, hiring_manager, *steps):
    """Take `steps` ("submit", "approve", "publish") in order, as the people who may."""
    for step in steps:
        if step == "submit":
            posting_submit(posting=posting, by=recruiter)
        elif step == "approve":
            posting_review(posting=posting, by=hiring_manager, decision="approve")
        elif step == "publish":
            posting_publish(posting=posting, by=recruiter)
    return posting
