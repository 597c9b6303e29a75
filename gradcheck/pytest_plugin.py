"""pytest plugin: the `gradcheck_op` fixture and the `gradcheck` marker.

Registered by packaging as a `pytest11` entry point (module `gradcheck.pytest_plugin`), or per run
with `-p gradcheck.pytest_plugin`.

    @pytest.mark.gradcheck(max_examples=10, second_order=True)
    def test_my_sin(gradcheck_op):
        ns = gradcheck_op.ns                       # reference or torch, from --gradcheck-impl
        gradcheck_op(MySin(ns).apply, (3, 4))      # check_op over generated float64 inputs
        gradcheck_op.check(ns.sin, gradcheck_op.tensor([0.1, 0.2]))   # one gradcheck

A failure fails the test with gradcheck's report and no traceback into gradcheck itself."""
from __future__ import annotations

import pytest

from ._errors import GradcheckError
from ._namespace import import_namespace

IMPLS = ("reference", "torch")


def pytest_addoption(parser):
    group = parser.getgroup("gradcheck", "gradient checks (gradcheck_op fixture)")
    group.addoption("--gradcheck-impl", choices=IMPLS, default=None,
                    help="tensor library for the gradcheck_op fixture (default: ini "
                         "gradcheck_impl, else reference)")
    group.addoption("--gradcheck-examples", type=int, default=None,
                    help="hypothesis examples per gradcheck_op call (default 10)")
    parser.addini("gradcheck_impl", "default tensor library for gradcheck_op", default="reference")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "gradcheck(max_examples=None, second_order=False, impl=None, **gradcheck_kwargs):"
                   " defaults for the gradcheck_op fixture in this test")


class GradcheckOp:
    """What the fixture hands a test: `ns`, a callable running check_op, and one-shot helpers."""

    def __init__(self, ns, defaults: dict):
        self.ns = ns
        self._defaults = defaults

    def __call__(self, func, *input_specs, **overrides) -> bool:
        from ._check_op import check_op
        kwargs = {**self._defaults, **overrides}
        return self._run(check_op, func, *input_specs, impl=self.ns, **kwargs)

    def check(self, func, inputs, **kwargs) -> bool:
        from ._api import gradcheck
        return self._run(gradcheck, func, inputs, **self._one_shot(kwargs))

    def check_second_order(self, func, inputs, grad_outputs=None, **kwargs) -> bool:
        from ._api import gradgradcheck
        return self._run(gradgradcheck, func, inputs, grad_outputs, **self._one_shot(kwargs))

    def tensor(self, data, requires_grad: bool = True):
        return self.ns.tensor(data, dtype=self.ns.float64, requires_grad=requires_grad)

    def _one_shot(self, kwargs: dict) -> dict:
        skip = {"max_examples", "second_order", "seed", "max_side"}
        return {**{k: v for k, v in self._defaults.items() if k not in skip}, **kwargs}

    @staticmethod
    def _run(fn, *args, **kwargs) -> bool:
        __tracebackhide__ = True
        try:
            return fn(*args, **kwargs)
        except GradcheckError as exc:
            pytest.fail(exc.report, pytrace=False)


@pytest.fixture
def gradcheck_op(request) -> GradcheckOp:
    config = request.config
    marker = request.node.get_closest_marker("gradcheck")
    options = dict(marker.kwargs) if marker else {}
    impl = options.pop("impl", None) or config.getoption("--gradcheck-impl") \
        or config.getini("gradcheck_impl")
    examples = config.getoption("--gradcheck-examples")
    options.setdefault("max_examples", examples if examples is not None else 10)
    return GradcheckOp(import_namespace(impl), options)
