"""Job postings: the one writer of a posting and its rows (`services`), the one read and
JSON shape (`selectors`), published versions (`versions`), the review workflow
(`workflow`), and the recruiter's admin (`admin`, `forms`, `widgets`)."""
