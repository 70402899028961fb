"""The project's URLs plus the bare baselines the benchmarks compare against."""

from django.urls import path

from hiring.urls import urlpatterns as project_urls

from . import analyser, api, baselines

urlpatterns = [
    path("bench/catalog/", baselines.bare_catalog, name="bench-bare-catalog"),
    path("bench/api-postings/", api.bare_postings, name="bench-bare-api-postings"),
    path("bench/echo/", analyser.bare_echo, name="bench-bare-echo"),
    *project_urls,
]
