"""The function under test with its inputs: which inputs are differentiated, numpy
snapshots of them, and evaluation on freshly built (optionally perturbed) copies.

Perturbed inputs are built anew from numpy copies for every evaluation instead of editing the
user's tensors in place: the user's tensors and their version counters stay untouched, and no
namespace needs in-place writes or `.data` for gradcheck to work."""
from __future__ import annotations

import numpy as np

from ._errors import FORWARD_RAISED, OUTPUT_CHANGED, Failure, UserCodeError
from ._namespace import Namespace


class Abort(Exception):
    """Internal: stop the current check and report `failure`."""

    def __init__(self, failure: Failure):
        super().__init__(failure.summary)
        self.failure = failure


class Where:
    """Where in the check something happened, formatted only if a report needs it: building the
    text for every element would cost more than the check itself."""

    def __init__(self, describe):
        self.describe = describe

    def __str__(self) -> str:
        return self.describe()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def as_tuple(value) -> tuple:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,)


class Labels:
    """How the report names inputs and outputs (gradgradcheck renames them)."""

    check_name = "gradcheck"

    def input(self, pos: int) -> str:
        return f"input {pos}"

    def output(self, idx: int) -> str:
        return f"output {idx}"


def function_name(func) -> str:
    owner = getattr(func, "__self__", None)
    name = getattr(func, "__name__", None)
    if isinstance(owner, type) and name:
        qualname = f"{owner.__qualname__}.{name}"  # e.g. MySin.apply
    else:
        qualname = getattr(func, "__qualname__", None) or name or repr(func)
    # A class defined inside a factory reads better without the factory's "<locals>" path.
    return qualname.rsplit("<locals>.", 1)[-1]


class Problem:
    def __init__(self, func, inputs: tuple, ns: Namespace, labels: Labels | None = None):
        self.func = func
        self.inputs = inputs
        self.ns = ns
        self.labels = labels or Labels()
        self.name = function_name(func)
        self.diff_positions = [p for p, x in enumerate(inputs) if ns.is_differentiable(x)]
        # The same tensor passed at two positions must move as one when perturbed, or the
        # numerical derivative would be partial while autograd's is total.
        self.canonical: dict[int, int] = {}
        first_seen: dict[int, int] = {}
        for p in self.diff_positions:
            self.canonical[p] = first_seen.setdefault(id(inputs[p]), p)
        self.snapshots = {p: ns.to_numpy(inputs[p]) for p in self.diff_positions
                          if self.canonical[p] == p}
        self.shapes = {p: tuple(inputs[p].shape) for p in self.diff_positions}

    @property
    def unique_positions(self) -> list[int]:
        return [p for p in self.diff_positions if self.canonical[p] == p]

    def aliases(self, canonical_pos: int) -> list[int]:
        return [p for p in self.diff_positions if self.canonical[p] == canonical_pos]

    def call_original(self) -> tuple:
        return self._call(self.inputs, "on the original inputs")

    def build(self, replaced: dict[int, np.ndarray] | None = None) -> list:
        """Arguments with every differentiated input rebuilt from a fresh numpy copy; entries of
        `replaced` (canonical position -> array) stand in for the snapshot."""
        replaced = replaced or {}
        fresh = {}
        for p in self.unique_positions:
            arr = replaced.get(p)
            arr = self.snapshots[p].copy() if arr is None else arr
            fresh[p] = self.ns.from_numpy(arr, requires_grad=True)
        return [fresh[self.canonical[p]] if p in self.canonical else x
                for p, x in enumerate(self.inputs)]

    def _call(self, args, where: str) -> tuple:
        try:
            return as_tuple(self.func(*args))
        except Exception as exc:  # noqa: BLE001 - any error in user code becomes a report
            raise UserCodeError(FORWARD_RAISED, f"{self.name} raised {where}", exc) from exc

    def evaluate(self, replaced: dict[int, np.ndarray], out_indices: list[int],
                 out_numels: dict[int, int], where: str) -> dict[int, np.ndarray]:
        """Selected outputs as flat float64 arrays, for the inputs in `replaced`."""
        outs = self._call(self.build(replaced), where)
        result = {}
        for i in out_indices:
            o = outs[i] if i < len(outs) else None
            if not self.ns.is_tensor(o) or o.numel() != out_numels[i]:
                got = "nothing" if o is None else (f"shape {tuple(o.shape)}" if self.ns.is_tensor(o)
                                                   else type(o).__name__)
                raise Abort(Failure(OUTPUT_CHANGED, output_index=i, summary=(
                    f"{self.labels.output(i)} had {out_numels[i]} elements on the original inputs "
                    f"but {got} {where}")))
            result[i] = self.ns.to_numpy(o, np.float64).ravel()
        return result
