"""What a failed check looks like: one exception type for users, structured failures for tools."""
from __future__ import annotations

from dataclasses import dataclass, field

# Failure kinds. Tests and tools match on these strings; the report prints the title.
FORWARD_RAISED = "forward_raised"
BACKWARD_RAISED = "backward_raised"
GRAD_SHAPE = "grad_shape"
GRAD_DTYPE = "grad_dtype"
GRAD_TYPE = "grad_type"
OUTPUT_CHANGED = "output_changed"
EPS_TOO_SMALL = "eps_too_small"
NONZERO_NUMERICAL = "nonzero_numerical"
JACOBIAN_MISMATCH = "jacobian_mismatch"
NOT_REENTRANT = "not_reentrant"
ZERO_GRAD_OUTPUT = "zero_grad_output"
UNDEFINED_GRAD = "undefined_grad"
BATCHED_GRAD = "batched_grad"

TITLES = {
    FORWARD_RAISED: "the function raised",
    BACKWARD_RAISED: "backward raised",
    GRAD_SHAPE: "backward returned a gradient of the wrong shape",
    GRAD_DTYPE: "backward returned a gradient of the wrong dtype",
    GRAD_TYPE: "backward returned something that is not a tensor",
    OUTPUT_CHANGED: "the function's outputs changed structure under perturbation",
    EPS_TOO_SMALL: "eps is below the resolution of an input",
    NONZERO_NUMERICAL: "no differentiable output, yet the numerical gradient is not zero",
    JACOBIAN_MISMATCH: "Jacobian mismatch",
    NOT_REENTRANT: "backward is not reentrant (nondeterministic)",
    ZERO_GRAD_OUTPUT: "backward not multiplied by grad_output (zero grad_output gave a nonzero gradient)",
    UNDEFINED_GRAD: "backward does not tolerate an undefined grad_output",
    BATCHED_GRAD: "backward is not linear in grad_output (batched-grad check)",
}


@dataclass
class Failure:
    """One failed check. `input_index` is the argument position in the user's inputs; `output_index`
    the position in the function's returned tuple (None where the check is not about one pair)."""

    kind: str
    input_index: int | None = None
    output_index: int | None = None
    summary: str = ""
    details: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    cause: BaseException | None = field(default=None, repr=False, compare=False)

    @property
    def title(self) -> str:
        return TITLES[self.kind]


class GradcheckError(RuntimeError):
    """Raised when a check fails. A RuntimeError subclass, like torch's, so `except RuntimeError`
    written for torch keeps working. `failures` holds the structured findings, `report` the text."""

    def __init__(self, report: str, failures: list[Failure] | None = None):
        super().__init__(report)
        self.report = report
        self.failures = list(failures or [])

    @property
    def kinds(self) -> list[str]:
        return [f.kind for f in self.failures]


class GradcheckPrecisionWarning(UserWarning):
    """An input that requires grad is not float64: finite differences lose accuracy."""


class GradcheckFailureWarning(UserWarning):
    """Carries the report when a check fails under raise_exception=False, so the verdict False
    never arrives without its reason. Silence it with a warnings filter if unwanted."""


class UserCodeError(Exception):
    """Internal: an exception escaped the user's forward or backward; carries where it happened."""

    def __init__(self, kind: str, where: str, original: BaseException,
                 input_index: int | None = None, output_index: int | None = None):
        super().__init__(where)
        self.kind = kind
        self.where = where
        self.original = original
        self.input_index = input_index
        self.output_index = output_index

    def to_failure(self) -> Failure:
        exc = self.original
        return Failure(self.kind, self.input_index, self.output_index,
                       summary=f"{self.where}: {type(exc).__name__}: {exc}", cause=exc)
