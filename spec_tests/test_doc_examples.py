"""Every worked example printed on a cited reference page, as an explicit case: the page's code runs in the
namespace under test and its result must be what the page prints (values, dtype and shape).

Where the page's op has a property test whose inputs are its own arguments, the page's input is also an
explicit hypothesis @example on that test, so the closed-form oracle checks it too (round, unique,
unique_consecutive, chunk, arange, linspace, eye, full, is_floating_point, as_tensor, from_numpy, tensor,
linalg.qr, stride, squeeze, broadcast_shapes, broadcast_to). The other property tests draw their inputs inside
the test (st.data(), a table row's domain), which hypothesis gives no way to pin with @example: for those
ops the cases here are the explicit examples."""
import io
import re

import numpy as np
import pytest

from .catalogue import DOCS, spec
from .doc_examples import EXAMPLES, NOTE_EXAMPLES
from .harness import check, check_raises

_DTYPES = {name: np.dtype(name) for name in
           ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")}
_DTYPES.update(float=_DTYPES["float32"], double=_DTYPES["float64"], half=_DTYPES["float16"],
               int=_DTYPES["int32"], long=_DTYPES["int64"], short=_DTYPES["int16"])


class _PrintedTorch:
    """The names a printed result uses (torch.int32, torch.Size), as NumPy dtypes and tuples."""
    Size = tuple

    def __getattr__(self, name):
        return _DTYPES[name]


def _printed_tensor(data, dtype=None, **_):
    # tensor(...) prints its dtype only when it is not the one its values imply
    if dtype is None:
        flat = np.array(data, dtype=object).ravel().tolist()
        # an empty tensor([]) is printed for the default float dtype
        dtype = (_DTYPES["bool"] if flat and all(isinstance(v, bool) for v in flat)
                 else _DTYPES["float32"] if not flat or any(isinstance(v, float) for v in flat) else _DTYPES["int64"])
    return np.array(data, dtype=dtype)


def printed_value(text):
    """The value a page prints (tensor(...), torch.Size(...), a dtype, a number or a tuple of them)."""
    text = re.sub(r",\s*grad_fn=<\w+>", "", text)
    return eval(text, {"__builtins__": {}, "tensor": _printed_tensor, "torch": _PrintedTorch(),  # noqa: S307
                       "nan": float("nan"), "inf": float("inf"), "True": True, "False": False})


def _cases():
    for name, number, code, printed in EXAMPLES:
        behaviour = f"examples.{name.removeprefix('torch.').lower().replace('.', '-').replace('_', '-')}-{number}"
        page = f"{DOCS}generated/{name}.html#{name}"
        yield pytest.param(code, printed, marks=spec(behaviour, page), id=behaviour.split(".", 1)[1])


@pytest.mark.parametrize("code, printed", list(_cases()))
def test_worked_example(T, code, printed):
    # pages print floats to four decimals: that is the precision the page states, not a tolerance of ours
    check(T, code, expected=printed_value(printed), rtol=1e-4, atol=5e-5)


def _note_cases():
    for anchor, name, code, printed in NOTE_EXAMPLES:
        behaviour = f"examples.{name}"
        yield pytest.param(code, printed, marks=spec(behaviour, DOCS + anchor), id=name)


@pytest.mark.parametrize("code, printed", list(_note_cases()))
def test_notes_worked_example(T, code, printed):
    if isinstance(printed, tuple):
        exc, sizes = printed
        check_raises(T, code, exc=exc, contains=sizes)
    elif "buf" in code:
        # the serialization note saves to a file; an in-memory one stands in for it
        check(T, code, io.BytesIO(), names="buf", expected=printed_value(printed), rtol=1e-4, atol=5e-5)
    else:
        check(T, code, expected=printed_value(printed), rtol=1e-4, atol=5e-5)
