"""What runs the site rather than the product: the health check, JSON logging, the Redis
cache backend, the login lockout's hooks and `python -m hiring.site.createdb`."""
