"""The project's URLs plus the bare baselines the benchmarks compare against."""

from django.urls import path

from hiring.urls import urlpatterns as project_urls

from . import baselines

urlpatterns = [
    path("bench/catalog/", baselines.bare_catalog, name="bench-bare-catalog"),
    *project_urls,
]
