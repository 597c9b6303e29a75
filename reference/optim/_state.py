"""State tensors the optimizers keep per parameter, created as torch creates them."""
from .._dtype import get_default_dtype
from .._ops.creation import full, tensor, zeros


def step_count(value=0.0):
    """The step counter: a 0-d tensor of the default float dtype (torch's layout in state_dict)."""
    return tensor(float(value), dtype=get_default_dtype())


def zeros_like(p):
    return zeros(*p.shape, dtype=p.dtype, device=p.device)


def full_like(p, value):
    return full(tuple(p.shape), value, dtype=p.dtype, device=p.device)


def check_non_negative(what, value):
    if not 0.0 <= value:
        raise ValueError(f"Invalid {what}: {value}")


def check_betas(betas):
    for i, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"Invalid beta parameter at index {i}: {beta}")


def flag_defaults(**kwargs):
    """The foreach/fused/capturable/differentiable flags: accepted and kept in the groups; every
    update runs one fused kernel per parameter whatever they say."""
    return kwargs
