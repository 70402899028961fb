"""`make bench` imports every suite before it measures anything: a module left behind by a
refactor must fail here, not on the first benchmark run after it."""

import importlib
import pkgutil

import pytest

import benchmarks

MODULES = sorted(
    info.name for info in pkgutil.iter_modules(benchmarks.__path__) if info.name != "__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_every_benchmark_module_imports(name):
    module = importlib.import_module(f"benchmarks.{name}")
    assert module.__name__ == f"benchmarks.{name}"
