"""Mixed precision (https://pytorch.org/docs/stable/amp.html): GradScaler's scaling, unscale_,
skipped steps on inf/NaN gradients, the growth/backoff sequence, state_dict and errors; autocast's
output dtypes per op on the CPU (float16 regions), nesting and disabled regions; the tutorial's
torch.cuda.amp loop on a machine without CUDA."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_optim as OO
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .messages import error_cases, message_text_id

AMP = doc("amp.html")
SCALER = doc("amp.html#gradient-scaling")
AUTOCAST = doc("amp.html#autocasting")
CPU_OPS = doc("amp.html#cpu-ops-that-can-autocast-to-float16")
CPU_FLOAT32_OPS = doc("amp.html#cpu-ops-that-can-autocast-to-float32")
EXAMPLES = doc("notes/amp_examples.html")


def f32(*v):
    return np.array(v, dtype=np.float32)


SETUP = ("p = torch.tensor([1.0, -2.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
         "s = torch.amp.GradScaler('cpu', init_scale=8.0, growth_interval=2)\n")

SCALER_CASES = cases([
    ("amp.scale-multiplies-by-scale", SCALER, SETUP + "s.scale(torch.tensor([1.5, 2.0]))", f32(12.0, 16.0)),
    ("amp.scale-nested-outputs", api("torch.amp.GradScaler.scale"),
     SETUP + "out = s.scale([torch.ones(1), (torch.ones(2),)])\n(out[0], out[1][0])", (f32(8.0), f32(8.0, 8.0))),
    ("amp.unscale-divides-grads", api("torch.amp.GradScaler.unscale_"),
     SETUP + "s.scale((p * torch.tensor([3.0, 4.0])).sum()).backward()\ng = p.grad.clone()\ns.unscale_(opt)\n(g, p.grad)",
     (f32(24.0, 32.0), f32(3.0, 4.0))),
    ("amp.step-after-unscale-uses-true-grads", SCALER,
     SETUP + "s.scale((p * torch.tensor([3.0, 4.0])).sum()).backward()\ns.step(opt); s.update(); p.detach()",
     f32(1.0 - 0.3, -2.0 - 0.4)),
    ("amp.step-skipped-on-inf", SCALER,
     SETUP + "s.scale(p.sum()).backward()\np.grad[0] = float('inf')\nr = s.step(opt); s.update()\n"
     "(r, p.detach(), s.get_scale())", (None, f32(1.0, -2.0), 4.0)),
    ("amp.step-skipped-on-nan", SCALER,
     SETUP + "s.scale(p.sum()).backward()\np.grad[1] = float('nan')\ns.step(opt); s.update()\n"
     "(p.detach(), s.get_scale())", (f32(1.0, -2.0), 4.0)),
    ("amp.step-returns-optimizer-result", api("torch.amp.GradScaler.step"),
     SETUP + "s.scale(p.sum()).backward()\ns.step(opt)", None),
    ("amp.growth-after-interval", api("torch.amp.GradScaler.update"),
     SETUP + "scales = []\nfor _ in range(4):\n    opt.zero_grad(); s.scale(p.sum()).backward(); s.step(opt); "
     "s.update(); scales.append(s.get_scale())\nscales", [8.0, 16.0, 16.0, 32.0]),
    ("amp.update-new-scale", api("torch.amp.GradScaler.update"),
     SETUP + "s.scale(p.sum()).backward(); s.step(opt); s.update(2.0)\ns.get_scale()", 2.0),
    ("amp.state-dict", api("torch.amp.GradScaler.state_dict"),
     SETUP + "s.scale(p.sum()).backward(); s.step(opt); s.update()\nsorted(s.state_dict().items())",
     [("_growth_tracker", 1), ("backoff_factor", 0.5), ("growth_factor", 2.0), ("growth_interval", 2),
      ("scale", 8.0)]),
    ("amp.load-state-dict", api("torch.amp.GradScaler.load_state_dict"),
     SETUP + "s2 = torch.amp.GradScaler('cpu')\ns2.load_state_dict({'scale': 32.0, 'growth_factor': 4.0, "
     "'backoff_factor': 0.25, 'growth_interval': 3, '_growth_tracker': 2})\n"
     "(s2.get_scale(), s2.get_growth_factor(), s2.get_backoff_factor(), s2.get_growth_interval(), "
     "float(s2.scale(torch.ones(1))))", (32.0, 4.0, 0.25, 3, 32.0)),
    ("amp.disabled-is-identity", api("torch.amp.GradScaler"),
     "s = torch.amp.GradScaler('cpu', enabled=False)\np = torch.tensor([1.0], requires_grad=True)\n"
     "opt = torch.optim.SGD([p], lr=0.5)\nl = s.scale((p * 2).sum()); l.backward(); s.unscale_(opt); s.step(opt); "
     "s.update()\n(s.is_enabled(), s.get_scale(), s.state_dict() == {}, p.detach())", (False, 1.0, True, f32(0.0))),
    ("amp.get-scale-before-first-scale", api("torch.amp.GradScaler.get_scale"),
     "torch.amp.GradScaler('cpu', init_scale=128.0).get_scale()", 128.0),
])


@pytest.mark.parametrize("code, expected", SCALER_CASES)
def test_grad_scaler(T, code, expected):
    check(T, code, expected=expected)


SEQUENCE = """
p = torch.tensor([1.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([p], lr=0.1)
s = torch.amp.GradScaler('cpu', **b)
scales = []
for bad in a:
    opt.zero_grad()
    s.scale((p * 3).sum()).backward()
    if bad:
        p.grad[0] = float('inf')
    s.step(opt)
    s.update()
    scales.append(s.get_scale())
(scales, p.detach())
"""


@spec("amp.scale-growth-backoff-sequence", SCALER)
@given(found=st.lists(st.booleans(), min_size=1, max_size=30),
       opts=st.fixed_dictionaries(dict(init_scale=st.sampled_from([2.0 ** 16, 1024.0, 4.0]),
                                        growth_factor=st.sampled_from([2.0, 4.0]),
                                        backoff_factor=st.sampled_from([0.5, 0.25]),
                                        growth_interval=st.integers(1, 5))))
def test_scale_sequence(T, found, opts):
    """The scale follows the documented growth/backoff rule, and only clean steps move the parameter."""
    def expected(a, b):
        clean = sum(1 for bad in a if not bad)
        return OO.grad_scaler_scales(a, **b), f32(1.0 - 0.3 * clean, -2.0 - 0.3 * clean)
    check(T, SEQUENCE, found, opts, expected=expected, reduce=4 * len(found))


CLIP = """
p = a.clone().requires_grad_(True)
opt = torch.optim.SGD([p], lr=1.0)
s = torch.amp.GradScaler('cpu', init_scale=1024.0)
s.scale((p * b).sum()).backward()
s.unscale_(opt)
g = p.grad
norm = (g * g).sum().sqrt()
p.grad = g * (1.0 / max(1.0, float(norm)))
s.step(opt)
s.update()
p.detach()
"""


@spec("amp.unscale-then-clip", seed("002", "梯度管理(清零、裁剪)是训练稳定性的关键。"))
@given(p0=S.arrays("float32", (4,), lo=-3, hi=3), w=S.arrays("float32", (4,), lo=-3, hi=3))
def test_unscale_then_clip(T, p0, w):
    """unscale_ before clipping: the clipping sees the true gradient (here a manual norm clip to 1)."""
    def expected(a, b):
        g = b.astype(np.float64)
        return (a - g / max(1.0, np.linalg.norm(g))).astype(np.float32)
    check(T, CLIP, p0, w, expected=expected, reduce=8)


ERRORS = error_cases([
    ("amp.error-unscale-twice", api("torch.amp.GradScaler.unscale_"),
     SETUP + "s.scale(p.sum()).backward(); s.unscale_(opt); s.unscale_(opt)", RuntimeError,
     ("unscale_() has already been called on this optimizer since the last update().",)),
    ("amp.error-unscale-after-step", api("torch.amp.GradScaler.unscale_"),
     SETUP + "s.scale(p.sum()).backward(); s.step(opt); s.unscale_(opt)", RuntimeError,
     ("unscale_() is being called after step().",)),
    ("amp.error-step-twice", api("torch.amp.GradScaler.step"),
     SETUP + "s.scale(p.sum()).backward(); s.step(opt); s.step(opt)", RuntimeError,
     ("step() has already been called since the last update().",)),
    ("amp.error-closure", api("torch.amp.GradScaler.step"),
     SETUP + "s.scale(p.sum()).backward(); s.step(opt, closure=lambda: None)", RuntimeError,
     ("Closure use is not currently supported if GradScaler is enabled.",)),
    ("amp.error-fp16-grads", api("torch.amp.GradScaler.unscale_"),
     "p = torch.ones(2, dtype=torch.float16, requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "s = torch.amp.GradScaler('cpu'); s.scale(torch.ones(1))\np.grad = torch.ones(2, dtype=torch.float16)\n"
     "s.unscale_(opt)", ValueError, ("Attempting to unscale FP16 gradients.",)),
    ("amp.error-unscale-before-scale", api("torch.amp.GradScaler.unscale_"),
     SETUP + "s.unscale_(opt)", AssertionError, ("Attempted unscale_ but _scale is None",)),
    ("amp.error-update-without-step", api("torch.amp.GradScaler.update"),
     SETUP + "s.scale(p.sum()); s.update()", AssertionError, ("No inf checks were recorded prior to update.",)),
    ("amp.error-growth-factor", api("torch.amp.GradScaler"),
     "torch.amp.GradScaler('cpu', growth_factor=1.0)", AssertionError, ("The growth factor must be > 1.0.",)),
    ("amp.error-backoff-factor", api("torch.amp.GradScaler"),
     "torch.amp.GradScaler('cpu', backoff_factor=1.5)", AssertionError, ("The backoff factor must be < 1.0.",)),
    ("amp.error-load-empty", api("torch.amp.GradScaler.load_state_dict"),
     "torch.amp.GradScaler('cpu').load_state_dict({})", RuntimeError, ("The source state dict is empty",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_grad_scaler_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# autocast on the CPU (float16 regions)

REGION = "with torch.autocast('cpu', dtype=torch.float16):\n    out = {expr}\nout.dtype"

DTYPES = cases([
    ("amp.autocast-matmul-low-precision", CPU_OPS, "a @ b", np.dtype("float16")),
    ("amp.autocast-torch-matmul", CPU_OPS, "torch.matmul(a, b)", np.dtype("float16")),
    ("amp.autocast-mm", CPU_OPS, "torch.mm(a, b)", np.dtype("float16")),
    ("amp.autocast-tensor-mm", CPU_OPS, "a.mm(b)", np.dtype("float16")),
    ("amp.autocast-bmm", CPU_OPS, "torch.bmm(a.unsqueeze(0), b.unsqueeze(0))", np.dtype("float16")),
    ("amp.autocast-linear", CPU_OPS, "torch.nn.functional.linear(a, b.t())", np.dtype("float16")),
    ("amp.autocast-linear-module", CPU_OPS,
     "torch.nn.Linear(3, 2)(a)", np.dtype("float16")),
    ("amp.autocast-elementwise-unchanged", AUTOCAST, "a + a", np.dtype("float32")),
    ("amp.autocast-mixed-promotes", AUTOCAST, "(a @ b) + b[:2, :2]", np.dtype("float32")),
    ("amp.autocast-float64-not-eligible", AUTOCAST, "a.double() @ b.double()", np.dtype("float64")),
    ("amp.autocast-prod-float32", CPU_FLOAT32_OPS, "torch.prod(a.half())", np.dtype("float32")),
    ("amp.autocast-tensor-prod-float32", CPU_FLOAT32_OPS, "a.half().prod()", np.dtype("float32")),
    ("amp.autocast-loss-float32", CPU_FLOAT32_OPS, "torch.nn.functional.mse_loss(a.half(), a.half())",
     np.dtype("float32")),
])


@pytest.mark.cpu_only  # autocast('cpu') regions act on CPU tensors only
@pytest.mark.parametrize("expr, expected", DTYPES)
def test_autocast_output_dtype(T, expr, expected):
    check(T, REGION.format(expr=expr), np.ones((2, 3), np.float32), np.ones((3, 2), np.float32), expected=expected)


@pytest.mark.cpu_only  # autocast('cpu') regions act on CPU tensors only
@spec("amp.autocast-matmul-values", CPU_OPS)
@given(a=S.arrays("float32", (3, 4), lo=-2, hi=2), b=S.arrays("float32", (4, 2), lo=-2, hi=2))
def test_autocast_matmul_values(T, a, b):
    """The product of the inputs rounded to float16, computed and returned in float16."""
    def expected(a, b):
        return (a.astype(np.float16).astype(np.float64) @ b.astype(np.float16).astype(np.float64)).astype(np.float16)
    check(T, "with torch.autocast('cpu', dtype=torch.float16):\n    out = a @ b\nout", a, b, expected=expected,
          reduce=4, scale=4.0)


STATE = cases([
    ("amp.autocast-enabled-inside", AUTOCAST,
     "with torch.autocast('cpu', dtype=torch.float16):\n    r = (torch.is_autocast_enabled('cpu'), "
     "torch.get_autocast_dtype('cpu'))\n(r, torch.is_autocast_enabled('cpu'))",
     ((True, np.dtype("float16")), False)),
    ("amp.autocast-nested-disabled", AUTOCAST,
     "a = torch.ones(2, 2)\nwith torch.autocast('cpu', dtype=torch.float16):\n"
     "    with torch.autocast('cpu', enabled=False):\n        inner = (a @ a).dtype\n    outer = (a @ a).dtype\n"
     "after = (a @ a).dtype\n(inner, outer, after)",
     (np.dtype("float32"), np.dtype("float16"), np.dtype("float32"))),
    ("amp.autocast-exit-on-exception", AUTOCAST,
     "a = torch.ones(2, 2)\ntry:\n    with torch.autocast('cpu', dtype=torch.float16):\n        raise KeyError\n"
     "except KeyError:\n    pass\n((a @ a).dtype, torch.is_autocast_enabled('cpu'))", (np.dtype("float32"), False)),
    ("amp.autocast-decorator", AUTOCAST,
     "@torch.autocast('cpu', dtype=torch.float16)\ndef f(x):\n    return x @ x\nf(torch.ones(2, 2)).dtype",
     np.dtype("float16")),
    ("amp.autocast-grads-in-param-dtype", doc("amp.html#autocasting"),
     "w = torch.ones(3, 2, requires_grad=True)\nwith torch.autocast('cpu', dtype=torch.float16):\n"
     "    y = torch.ones(4, 3) @ w\ny.float().sum().backward()\n(y.dtype, w.grad.dtype, w.grad)",
     (np.dtype("float16"), np.dtype("float32"), np.full((3, 2), 4.0, np.float32))),
    ("amp.autocast-cuda-region-leaves-cpu-alone", AUTOCAST,
     "import warnings\nwarnings.simplefilter('ignore')\na = torch.ones(2, 2)\n"
     "with torch.autocast('cuda'):\n    d = (a @ a).dtype\nd", np.dtype("float32")),
    ("amp.autocast-namespace-alias", AUTOCAST, "torch.autocast is torch.amp.autocast", True),
])


@pytest.mark.parametrize("code, expected", STATE)
def test_autocast_regions(T, code, expected):
    check(T, code, expected=expected)


REGION_DTYPE = """
import warnings
a = torch.ones(2, 2)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    with torch.autocast("cpu", dtype={dtype}):
        inside = ((a @ a).dtype, torch.is_autocast_enabled("cpu"))
warned = [x for x in w if issubclass(x.category, UserWarning)]
{result}
"""

# A CPU region runs in bfloat16 or float16; any other dtype warns and leaves the region disabled
# (torch.autocast's dtype argument; the reference, which has no bfloat16, gives its own default
# CPU region the same warning, a difference listed in the README and tested in tests/).
CPU_REGION_DTYPES = cases([
    ("amp.autocast-cpu-float16-enabled-silently", api("torch.autocast"), "torch.float16", "(inside, len(warned))",
     ((np.dtype("float16"), True), 0)),
    ("amp.autocast-cpu-float32-warns-and-disables", api("torch.autocast"), "torch.float32", "(inside, len(warned))",
     ((np.dtype("float32"), False), 1)),
    ("amp.autocast-cpu-float64-warns-and-disables", api("torch.autocast"), "torch.float64", "(inside, len(warned))",
     ((np.dtype("float32"), False), 1)),
    # the warning's wording is torch's own (internal tier, messages.py)
    (message_text_id("amp.autocast-cpu-float64-warns-and-disables"), api("torch.autocast"), "torch.float64",
     "[str(x.message).splitlines()[0] for x in warned]",
     ["In CPU autocast, but the target dtype is not supported. Disabling autocast."]),
])


@pytest.mark.cpu_only  # autocast('cpu') regions act on CPU tensors only
@pytest.mark.parametrize("dtype, result, expected", CPU_REGION_DTYPES)
def test_autocast_cpu_region_dtype(T, dtype, result, expected):
    check(T, REGION_DTYPE.format(dtype=dtype, result=result), expected=expected)


# ---------------------------------------------------------------------------------------------
# the tutorial's torch.cuda.amp loop on a machine without CUDA

TUTORIAL = """
import warnings
warnings.simplefilter("ignore")
GradScaler, autocast = torch.cuda.amp.GradScaler, torch.cuda.amp.autocast
def train(use_amp):
    model = torch.nn.Linear(3, 2)
    with torch.no_grad():
        model.weight.copy_(a[:2, :3]); model.bias.copy_(a[2, :2])
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scaler = GradScaler(enabled=use_amp)
    for x, y in zip(b, c):
        optimizer.zero_grad()
        with autocast(enabled=use_amp):
            output = model(x)
            loss = ((output - y) ** 2).mean()
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        scaler.step(optimizer)
        scaler.update()
    return model.weight.detach(), scaler.is_enabled(), scaler.get_scale()
(train(True), train(False))
"""


def linear_adamw(w, xs, ys, lr=1e-3, weight_decay=1e-2, betas=(0.9, 0.999), eps=1e-8):
    """float64: AdamW (the documented algorithm) on Linear(3, 2)'s weight and bias, one step per
    batch on the loss mean((x W^T + b - y)^2); returns the final weight."""
    params = {"W": w[:2, :3].astype(np.float64), "b": w[2, :2].astype(np.float64)}
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    b1, b2 = betas
    for t, (x, y) in enumerate(zip(xs.astype(np.float64), ys.astype(np.float64)), 1):
        d = 2 * (x @ params["W"].T + params["b"] - y) / (x.shape[0] * 2)
        grads = {"W": d.T @ x, "b": d.sum(0)}
        for k, g in grads.items():
            m, v = moments[k]
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            p = params[k] * (1 - lr * weight_decay)
            params[k] = p - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    return params["W"].astype(np.float32)


@pytest.mark.cpu_only
@spec("amp.tutorial-cuda-amp-without-cuda", SP.AMP)
@given(w=S.arrays("float32", (3, 3), lo=-1, hi=1), x=S.arrays("float32", (3, 4, 3), lo=-1, hi=1),
       y=S.arrays("float32", (3, 4, 2), lo=-1, hi=1))
def test_tutorial_amp_loop_without_cuda(T, w, x, y):
    """Without CUDA, torch.cuda.amp's GradScaler and autocast disable themselves: the tutorial's loop
    trains exactly as plain float32 training."""
    def expected(a, b, c):
        plain = (linear_adamw(a, b, c), False, 1.0)
        return plain, plain
    check(T, TUTORIAL, w, x, y, expected=expected, reduce=24)


@pytest.mark.cpu_only
@spec("amp.cuda-amp-import-path", SP.AMP)
def test_cuda_amp_import_path(T):
    check(T, "import importlib\nm = importlib.import_module(torch.__name__ + '.cuda.amp')\n"
             "(m.GradScaler is torch.cuda.amp.GradScaler, m.autocast is torch.cuda.amp.autocast, "
             "issubclass(m.GradScaler, torch.amp.GradScaler))", expected=(True, True, True))
