import importlib

import pytest

NAMESPACES = ["torch", "reference"]


@pytest.fixture(params=NAMESPACES)
def ns(request):
    """The tensor library under test. `reference` is imported for real: until it provides
    autograd these tests fail, by design, rather than skip."""
    return importlib.import_module(request.param)


@pytest.fixture(scope="session")
def torch():
    return importlib.import_module("torch")
