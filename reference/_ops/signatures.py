"""torch's calling conventions, applied once to every function and method the registry exports:
NumPy-style aliases (`axis=` for `dim=`, `keepdims=` for `keepdim=`), the `input=` keyword for the
first argument of a namespace function, and `out=` for a function whose body does not take it
(the result is written into `out` with torch's checks). A function that needs none of these is
exported as it is, so the elementwise fast paths pay nothing."""
import inspect

from ._util import write_out

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def adapt(fn, method=False):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return fn
    names = list(params)
    first = params[names[0]] if names else None
    rename_input = (not method and first is not None and first.name not in ("input", "self")
                    and first.kind in _POSITIONAL)
    aliases = "dim" in params or "keepdim" in params
    takes_out = "out" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    if not (rename_input or aliases or not takes_out):
        return fn
    first_name = first.name if first is not None else None

    def torch_signature(*args, **kwargs):
        if kwargs:
            if aliases:
                if "axis" in kwargs:
                    kwargs["dim"] = kwargs.pop("axis")
                if "keepdims" in kwargs:
                    kwargs["keepdim"] = kwargs.pop("keepdims")
            if rename_input and "input" in kwargs and first_name not in kwargs:
                args = (kwargs.pop("input"),) + args
            if not takes_out and "out" in kwargs:
                out = kwargs.pop("out")
                res = fn(*args, **kwargs)
                return _write(out, res, args, fn.__name__)
        return fn(*args, **kwargs)

    torch_signature.__name__ = fn.__name__
    torch_signature.__qualname__ = getattr(fn, "__qualname__", fn.__name__)
    torch_signature.__doc__ = fn.__doc__
    torch_signature.__wrapped__ = fn
    return torch_signature


def _write(out, res, inputs, name):
    if out is None:
        return res
    if isinstance(res, tuple):
        if not isinstance(out, (tuple, list)) or len(out) != len(res):
            raise TypeError(f"{name}(): argument 'out' must be a tuple of {len(res)} Tensors")
        written = tuple(write_out(o, r, inputs, name) for o, r in zip(out, res))
        # a named pair (torch.return_types.max) stays one
        return type(res)(*written, res._name) if hasattr(res, "_name") else written
    return write_out(out, res, inputs, name)
