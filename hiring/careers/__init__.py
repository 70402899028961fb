"""The public side of postings: each company's careers page, a page per posting, its PDF,
an Atom feed, a sitemap and robots.txt. Anonymous, read-only, and cached per company."""
