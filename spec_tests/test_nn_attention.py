"""Attention (https://pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html,
torch.nn.MultiheadAttention, torch.nn.functional.multi_head_attention_forward): values against the float64
NumPy forms of spec_tests/oracle_nn_attention.py for every option, gradients of the inputs and of every
parameter against float64 central differences of those forms, and the documented behaviours (causal and
key-padding masks cut the dependence on masked positions, weights sum to 1, dropout only in training,
torch's parameter names, initialisation, repr and errors)."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn_attention as O
from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check, check_raises
from .messages import error_cases
from .oracle_nn import numeric_grad

F = "torch.nn.functional"
SDPA = api("torch.nn.functional.scaled_dot_product_attention")
MHA = api("torch.nn.MultiheadAttention")
MHA_F = api("torch.nn.functional.multi_head_attention_forward")
FD_TOL = dict(rtol=1e-6, atol=1e-7)  # float64 results against float64 central differences

# loads the flat parameter vector p into m, in the order of m.parameters()
LOAD = ("with torch.no_grad():\n    o = 0\n    for w_ in m.parameters():\n"
        "        w_.copy_(p[o:o + w_.numel()].reshape(w_.shape))\n        o += w_.numel()\n")
GRADS = "torch.cat([w_.grad.reshape(-1) for w_ in m.parameters()])"


def arr(data, shape, dtype="float64", lo=-2, hi=2, label=None, layouts=S.LAYOUTS):
    return data.draw(S.arrays(dtype, tuple(shape), lo=lo, hi=hi, layouts=layouts), label=label)


def params(data, shapes, dtype="float64", label="p"):
    return arr(data, (O.size(shapes),), dtype, lo=-1, hi=1, label=label, layouts=S.CONTIGUOUS)


def float_tol(dtype, n):
    """A float32 result sums n products of O(1) terms twice (scores, then weights times values)."""
    return {} if dtype == "float64" else dict(reduce=n)


# ---------------------------------------------------------------------------------------------
# masks: random, but one key per query stays visible (a row with every key masked is not specified)

def _bool_mask(data, shape, keep, masked_is_true, label):
    m = data.draw(S.arrays("bool", tuple(shape), layouts=S.CONTIGUOUS), label=label).copy()
    m[..., keep] = not masked_is_true
    return m


def _float_mask(data, shape, keep, label):
    m = arr(data, shape, lo=-2, hi=2, label=label, layouts=S.CONTIGUOUS).copy()
    dead = data.draw(S.arrays("bool", tuple(shape), layouts=S.CONTIGUOUS), label=label + " -inf")
    m[dead] = -np.inf
    m[..., keep] = 0.5
    return m


def mha_mask(data, kind, shape, keep, dtype, label):
    if kind is None:
        return None
    if kind == "bool":
        return _bool_mask(data, shape, keep, True, label)
    return _float_mask(data, shape, keep, label).astype(dtype)


# ---------------------------------------------------------------------------------------------
# scaled_dot_product_attention: values

@st.composite
def sdpa_inputs(draw, dtype="float64", batch_dims=None, gqa=False):
    lead = draw(st.sampled_from([(), (2,), (2, 3)] if batch_dims is None else [batch_dims]), label="batch dims")
    L, Sk, E, Ev = (draw(st.integers(1, 4), label=n) for n in ("L", "S", "E", "Ev"))
    kv_lead = lead
    if gqa:
        hq, groups = draw(st.sampled_from([(2, 2), (4, 2), (3, 3), (2, 1)]), label="heads, groups")
        lead, kv_lead = (2, hq), (2, hq // groups)
    q = draw(S.arrays(dtype, lead + (L, E), lo=-2, hi=2), label="q")
    k = draw(S.arrays(dtype, kv_lead + (Sk, E), lo=-2, hi=2), label="k")
    v = draw(S.arrays(dtype, kv_lead + (Sk, Ev), lo=-2, hi=2), label="v")
    return q, k, v


SDPA_CASES = cases([
    ("nn.sdpa-values", SDPA, "", {}),
    ("nn.sdpa-is-causal-masks-future-keys", SDPA, ", is_causal=True", dict(is_causal=True)),
    ("nn.sdpa-scale-replaces-inverse-sqrt-e", SDPA, ", scale=0.3", dict(scale=0.3)),
])


@pytest.mark.parametrize("code, kw", SDPA_CASES)
@given(data=st.data())
def test_sdpa_values(T, data, code, kw):
    dtype = data.draw(st.sampled_from(["float32", "float64"]), label="dtype")
    q, k, v = data.draw(sdpa_inputs(dtype), label="q, k, v")
    check(T, f"{F}.scaled_dot_product_attention(a, b, c{code})", q, k, v,
          expected=lambda q, k, v: O.sdpa(q, k, v, **kw).astype(dtype), **float_tol(dtype, q.shape[-1] + k.shape[-2]))


@spec("nn.sdpa-bool-mask-true-attends", SDPA)
@given(data=st.data())
def test_sdpa_bool_mask(T, data):
    q, k, v = data.draw(sdpa_inputs(), label="q, k, v")
    # the mask broadcasts: drawn with some leading dims dropped or set to 1
    full = q.shape[:-1] + (k.shape[-2],)
    shape = data.draw(st.sampled_from([full, full[-2:], (1,) * (len(full) - 1) + full[-1:]]),
                      label="mask shape")
    m = _bool_mask(data, shape, data.draw(st.integers(0, k.shape[-2] - 1), label="keep"), False, "mask")
    check(T, f"{F}.scaled_dot_product_attention(a, b, c, attn_mask=d)", q, k, v, m,
          expected=lambda q, k, v, m: O.sdpa(q, k, v, m))


@spec("nn.sdpa-float-mask-is-added", SDPA)
@given(data=st.data())
def test_sdpa_float_mask(T, data):
    q, k, v = data.draw(sdpa_inputs(), label="q, k, v")
    full = q.shape[:-1] + (k.shape[-2],)
    shape = data.draw(st.sampled_from([full, full[-2:], (1,) + full[-1:]]), label="mask shape")
    m = _float_mask(data, shape, data.draw(st.integers(0, k.shape[-2] - 1), label="keep"), "mask")
    check(T, f"{F}.scaled_dot_product_attention(a, b, c, attn_mask=d)", q, k, v, m,
          expected=lambda q, k, v, m: O.sdpa(q, k, v, m))


@spec("nn.sdpa-enable-gqa-repeats-kv-heads", SDPA)
@given(data=st.data())
def test_sdpa_gqa(T, data):
    q, k, v = data.draw(sdpa_inputs(gqa=True), label="q, k, v")
    check(T, f"{F}.scaled_dot_product_attention(a, b, c, enable_gqa=True)", q, k, v,
          expected=lambda q, k, v: O.sdpa(q, k, v, enable_gqa=True))


@spec("nn.sdpa-dropout-zeroes-or-rescales-weights", SDPA)
@given(data=st.data(), p=st.sampled_from([0.25, 0.5]))
def test_sdpa_dropout(T, data, p):
    """With value = identity, the output is the dropped-out weight matrix: each entry is 0 or w / (1 - p)."""
    q, k, _ = data.draw(sdpa_inputs(batch_dims=(2,)), label="q, k")
    eye = np.broadcast_to(np.eye(k.shape[-2]), k.shape[:-2] + (k.shape[-2],) * 2).copy()
    w = O.attention_weights(q, k)
    check(T, f"o = {F}.scaled_dot_product_attention(a, b, c, dropout_p={p})\n"
          f"bool(((o == 0) | ((o - d / (1 - {p})).abs() <= 1e-9)).all())", q, k, eye, w, expected=True)


@spec("nn.sdpa-dropout-zero-is-exact", SDPA)
@given(data=st.data())
def test_sdpa_dropout_zero(T, data):
    q, k, v = data.draw(sdpa_inputs(), label="q, k, v")
    check(T, f"{F}.scaled_dot_product_attention(a, b, c, dropout_p=0.0)", q, k, v,
          expected=lambda q, k, v: O.sdpa(q, k, v))


# ---------------------------------------------------------------------------------------------
# scaled_dot_product_attention: gradients and causality

@spec("nn.sdpa-grad", SDPA)
@given(data=st.data(), option=st.sampled_from(["none", "causal", "float-mask", "bool-mask", "scale"]))
def test_sdpa_grad(T, data, option):
    q, k, v = data.draw(sdpa_inputs(batch_dims=(2,)), label="q, k, v")
    g = arr(data, q.shape[:-1] + v.shape[-1:], label="g")
    keep = data.draw(st.integers(0, k.shape[-2] - 1), label="keep")
    mshape = (q.shape[-2], k.shape[-2])
    mask = {"float-mask": lambda: _float_mask(data, mshape, keep, "mask"),
            "bool-mask": lambda: _bool_mask(data, mshape, keep, False, "mask")}.get(option, lambda: None)()
    kw = dict(is_causal=option == "causal", scale=0.7 if option == "scale" else None)
    extra = ", attn_mask=m" if mask is not None else ""
    extra += ", is_causal=True" if kw["is_causal"] else ""
    extra += ", scale=0.7" if kw["scale"] else ""

    def forward(q, k, v):
        return O.sdpa(q, k, v, mask, **kw)
    expected = numeric_grad(forward, [q, k, v], g)
    check(T, "for t in (a, b, c):\n    t.requires_grad_()\n"
          f"{F}.scaled_dot_product_attention(a, b, c{extra}).backward(g)\n(a.grad, b.grad, c.grad)",
          q, k, v, g, mask, names=["a", "b", "c", "g", "m"], expected=expected, **FD_TOL)


@spec("nn.sdpa-causal-output-independent-of-future", SDPA)
@given(data=st.data())
def test_sdpa_causal_independence(T, data):
    """d out[t] / d key[t + j] == 0 and d out[t] / d value[t + j] == 0 for j >= 1 (exactly)."""
    q, k, v = data.draw(sdpa_inputs(batch_dims=(2,)), label="q, k, v")
    t = data.draw(st.integers(0, q.shape[-2] - 1), label="t")
    future = max(0, k.shape[-2] - t - 1)
    zeros_k, zeros_v = np.zeros((2, future, k.shape[-1])), np.zeros((2, future, v.shape[-1]))
    check(T, "b.requires_grad_()\nc.requires_grad_()\n"
          f"{F}.scaled_dot_product_attention(a, b, c, is_causal=True)[:, {t}].sum().backward()\n"
          f"(b.grad[:, {t + 1}:], c.grad[:, {t + 1}:])", q, k, v, expected=(zeros_k, zeros_v))


# ---------------------------------------------------------------------------------------------
# scaled_dot_product_attention: errors

SDPA_ERRORS = error_cases([
    ("nn.sdpa-causal-with-mask-error", SDPA,
     f"{F}.scaled_dot_product_attention(torch.ones(2, 3, 4), torch.ones(2, 5, 4), torch.ones(2, 5, 4), "
     "attn_mask=torch.ones(3, 5, dtype=torch.bool), is_causal=True)", RuntimeError, ("attn_mask", "is_causal")),
    ("nn.sdpa-integer-mask-error", SDPA,
     f"{F}.scaled_dot_product_attention(torch.ones(2, 3, 4), torch.ones(2, 5, 4), torch.ones(2, 5, 4), "
     "attn_mask=torch.ones(3, 5, dtype=torch.int64))", RuntimeError, ("attn_mask",)),
    ("nn.sdpa-embed-mismatch-error", SDPA,
     f"{F}.scaled_dot_product_attention(torch.ones(2, 3, 4), torch.ones(2, 5, 3), torch.ones(2, 5, 4))",
     RuntimeError, ()),
    ("nn.sdpa-mask-shape-error", SDPA,
     f"{F}.scaled_dot_product_attention(torch.ones(2, 3, 4), torch.ones(2, 5, 4), torch.ones(2, 5, 4), "
     "attn_mask=torch.ones(4, 5))", RuntimeError, ()),
])


@pytest.mark.parametrize("code, exc, contains", SDPA_ERRORS)
def test_sdpa_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# MultiheadAttention: a drawn configuration, its module code and its oracle

@st.composite
def mha_setup(draw, dtype="float64", **fixed):
    """A module configuration with inputs, masks and a flat parameter vector."""
    def pick(name, strategy):
        return fixed[name] if name in fixed else draw(strategy, label=name)
    H, hd = pick("num_heads", st.integers(1, 2)), pick("head_dim", st.integers(1, 3))
    E = H * hd
    L, Sk, N = pick("L", st.integers(1, 3)), pick("S", st.integers(1, 4)), pick("N", st.integers(1, 2))
    cfg = dict(E=E, H=H, L=L, S=Sk, N=N, dtype=dtype,
               bias=pick("bias", st.booleans()), add_bias_kv=pick("add_bias_kv", st.booleans()),
               add_zero_attn=pick("add_zero_attn", st.booleans()), batch_first=pick("batch_first", st.booleans()),
               unbatched=pick("unbatched", st.booleans()), self_attn=pick("self_attn", st.booleans()),
               kdim=pick("kdim", st.sampled_from([None, 2, 3])), vdim=pick("vdim", st.sampled_from([None, 1, 4])),
               attn_mask=pick("attn_mask", st.sampled_from([None, "bool", "float"])),
               mask_3d=pick("mask_3d", st.booleans()), kpm=pick("kpm", st.sampled_from([None, "bool", "float"])),
               need_weights=pick("need_weights", st.booleans()), average=pick("average", st.booleans()))
    if cfg["self_attn"]:
        cfg.update(kdim=None, vdim=None, S=L)
    Sk = cfg["S"]
    kd, vd = cfg["kdim"] or E, cfg["vdim"] or E
    lead = (lambda t: (t,)) if cfg["unbatched"] else ((lambda t: (N, t)) if cfg["batch_first"] else (lambda t: (t, N)))
    data = {}
    data["q"] = draw(S.arrays(dtype, lead(L) + (E,), lo=-2, hi=2), label="query")
    if not cfg["self_attn"]:
        data["k"] = draw(S.arrays(dtype, lead(Sk) + (kd,), lo=-2, hi=2), label="key")
        data["v"] = draw(S.arrays(dtype, lead(Sk) + (vd,), lo=-2, hi=2), label="value")
    keep = draw(st.integers(0, Sk - 1), label="visible key")
    nb = 1 if cfg["unbatched"] else N
    return cfg, data, keep, nb


def draw_mha(data, dtype="float64", **fixed):
    cfg, inputs, keep, nb = data.draw(mha_setup(dtype, **fixed), label="config")
    mshape = ((nb * cfg["H"]) if cfg["mask_3d"] else None, cfg["L"], cfg["S"])
    mshape = mshape[1:] if mshape[0] is None else mshape
    inputs["am"] = mha_mask(data, cfg["attn_mask"], mshape, keep, dtype, "attn_mask")
    kshape = (cfg["S"],) if cfg["unbatched"] else (nb, cfg["S"])
    inputs["kpm"] = mha_mask(data, cfg["kpm"], kshape, keep, dtype, "key_padding_mask")
    shapes = O.mha_param_shapes(cfg["E"], cfg["kdim"], cfg["vdim"], cfg["bias"], cfg["add_bias_kv"])
    inputs["p"] = params(data, shapes, dtype)
    return cfg, inputs, shapes


def mha_ctor(cfg, dropout=0.0):
    return (f"torch.nn.MultiheadAttention({cfg['E']}, {cfg['H']}, dropout={dropout}, bias={cfg['bias']}, "
            f"add_bias_kv={cfg['add_bias_kv']}, add_zero_attn={cfg['add_zero_attn']}, kdim={cfg['kdim']}, "
            f"vdim={cfg['vdim']}, batch_first={cfg['batch_first']}).to(p.dtype).to(dev)")


def mha_call(cfg, inputs):
    kv = "q, q, q" if cfg["self_attn"] else "q, k, v"
    return (f"m({kv}, key_padding_mask={'kpm' if inputs['kpm'] is not None else None}, "
            f"need_weights={cfg['need_weights']}, attn_mask={'am' if inputs['am'] is not None else None}, "
            f"average_attn_weights={cfg['average']})")


def mha_oracle(cfg, shapes):
    def forward(q, k, v, am, kpm, p):
        k, v = (q, q) if cfg["self_attn"] else (k, v)
        return O.mha(q, k, v, O.unpack(p, shapes), cfg["H"], key_padding_mask=kpm, attn_mask=am,
                     need_weights=cfg["need_weights"], average_attn_weights=cfg["average"],
                     add_zero_attn=cfg["add_zero_attn"], batch_first=cfg["batch_first"])
    return forward


def _ordered(inputs):
    names = ["q", "k", "v", "am", "kpm", "p"]
    return names, [inputs.get(n) for n in names]


def check_mha(T, cfg, inputs, shapes, code_prefix="", code=None):
    names, values = _ordered(inputs)
    forward = mha_oracle(cfg, shapes)
    dtype = cfg["dtype"]

    def expected(*arrays):
        out, w = forward(*arrays)
        return out.astype(dtype), (None if w is None else w.astype(dtype))
    body = code or mha_call(cfg, inputs)
    check(T, f"m = {mha_ctor(cfg)}\n{LOAD}{code_prefix}{body}", *values, names=names, expected=expected,
          **float_tol(dtype, cfg["E"] + cfg["S"] + 1))


MHA_VALUE_CASES = cases([
    ("nn.mha-values-every-option", MHA, {}),
    ("nn.mha-self-attention-packed-projection", MHA, dict(self_attn=True, add_bias_kv=False)),
    ("nn.mha-kdim-vdim-separate-projections", MHA, dict(self_attn=False, kdim=3, vdim=4)),
    ("nn.mha-add-bias-kv-appends-a-key", MHA, dict(add_bias_kv=True)),
    ("nn.mha-add-zero-attn-appends-a-zero-key", MHA, dict(add_zero_attn=True)),
    ("nn.mha-batch-first-layout", MHA, dict(batch_first=True, unbatched=False)),
    ("nn.mha-unbatched-input", MHA, dict(unbatched=True)),
    ("nn.mha-bool-attn-mask-true-masks", MHA, dict(attn_mask="bool")),
    ("nn.mha-float-attn-mask-is-added", MHA, dict(attn_mask="float")),
    ("nn.mha-3d-attn-mask-per-head", MHA, dict(attn_mask="float", mask_3d=True)),
    ("nn.mha-bool-key-padding-mask", MHA, dict(kpm="bool")),
    ("nn.mha-float-key-padding-mask", MHA, dict(kpm="float")),
    ("nn.mha-per-head-weights", MHA, dict(need_weights=True, average=False)),
    ("nn.mha-averaged-weights", MHA, dict(need_weights=True, average=True)),
    ("nn.mha-need-weights-false-returns-none", MHA, dict(need_weights=False)),
    ("nn.mha-no-bias", MHA, dict(bias=False)),
])


@pytest.mark.parametrize("fixed", MHA_VALUE_CASES)
@given(data=st.data())
def test_mha_values(T, data, fixed):
    cfg, inputs, shapes = draw_mha(data, **fixed)
    check_mha(T, cfg, inputs, shapes)


@spec("nn.mha-values-float32", MHA)
@given(data=st.data())
def test_mha_values_float32(T, data):
    cfg, inputs, shapes = draw_mha(data, "float32")
    check_mha(T, cfg, inputs, shapes)


@spec("nn.mha-functional-form", MHA_F)
@given(data=st.data())
def test_mha_functional(T, data):
    """multi_head_attention_forward with the module's tensors gives the module's result (sequence-first)."""
    cfg, inputs, shapes = draw_mha(data, batch_first=False, self_attn=True, kdim=None, vdim=None,
                                   add_zero_attn=False)
    P = ", ".join(["m.in_proj_weight", "m.in_proj_bias", "m.bias_k", "m.bias_v", "False", "0.0",
                   "m.out_proj.weight", "m.out_proj.bias"])
    kpm = "kpm" if inputs["kpm"] is not None else None
    am = "am" if inputs["am"] is not None else None
    code = (f"{F}.multi_head_attention_forward(q, q, q, {cfg['E']}, {cfg['H']}, {P}, training=False, "
            f"key_padding_mask={kpm}, need_weights={cfg['need_weights']}, attn_mask={am}, "
            f"average_attn_weights={cfg['average']})")
    check_mha(T, cfg, inputs, shapes, code=code)


@spec("nn.mha-grad-inputs-and-every-parameter", MHA)
@given(data=st.data())
def test_mha_grad(T, data):
    cfg, inputs, shapes = draw_mha(data, need_weights=False)
    names, values = _ordered(inputs)
    forward = mha_oracle(cfg, shapes)
    out = forward(*values)[0]
    g = arr(data, out.shape, label="g")
    wrt = [i for i, n in enumerate(names) if n in ("q", "k", "v", "p") and inputs.get(n) is not None]
    grads = numeric_grad(lambda *a: forward(*a)[0], values, g, wrt=wrt)
    leaves = [names[i] for i in wrt]
    code = (f"m = {mha_ctor(cfg)}\n{LOAD}" + "".join(f"{n}.requires_grad_()\n" for n in leaves if n != "p")
            + f"{mha_call(cfg, inputs)}[0].backward(g)\n("
            + "".join(f"{n}.grad, " for n in leaves if n != "p") + f"{GRADS})")
    check(T, code, *values, g, names=names + ["g"], expected=grads, **FD_TOL)


# ---------------------------------------------------------------------------------------------
# MultiheadAttention: behaviours

@spec("nn.mha-weights-sum-to-one", MHA)
@given(data=st.data(), average=st.booleans())
def test_mha_weights_sum_to_one(T, data, average):
    cfg, inputs, _ = draw_mha(data, need_weights=True, average=average)
    names, values = _ordered(inputs)
    rows = (cfg["L"],) if cfg["unbatched"] else (cfg["N"], cfg["L"])
    if not average:
        rows = rows[:-1] + (cfg["H"], cfg["L"])
    check(T, f"m = {mha_ctor(cfg)}\n{LOAD}{mha_call(cfg, inputs)}[1].sum(-1)", *values, names=names,
          expected=np.ones(rows), reduce=cfg["S"] + 2)


@spec("nn.mha-key-padding-mask-ignores-padded-keys", MHA)
@given(data=st.data())
def test_mha_padded_keys_ignored(T, data):
    """Changing the keys and values at padded positions leaves the output unchanged, and their gradient is 0."""
    cfg, inputs, shapes = draw_mha(data, self_attn=False, unbatched=False, kpm="bool", add_bias_kv=False)
    noise_k = arr(data, inputs["k"].shape, label="noise k")
    noise_v = arr(data, inputs["v"].shape, label="noise v")
    names, values = _ordered(inputs)
    code = f"m = {mha_ctor(cfg)}\n{LOAD}"
    code += ("sel = (kpm.t() if not m.batch_first else kpm).unsqueeze(-1)\n"
             "k2 = torch.where(sel, nk, k)\nv2 = torch.where(sel, nv, v)\n"
             "k.requires_grad_()\nv.requires_grad_()\n"
             "y1 = m(q, k, v, key_padding_mask=kpm, attn_mask=am)[0]\n"
             "y2 = m(q, k2, v2, key_padding_mask=kpm, attn_mask=am)[0]\n"
             "y1.sum().backward()\n"
             "(bool(((y1 - y2).abs() <= 1e-12).all()), bool((k.grad * sel).eq(0).all()), "
             "bool((v.grad * sel).eq(0).all()))")
    check(T, code, *values, noise_k, noise_v, names=names + ["nk", "nv"], expected=(True, True, True))


@spec("nn.mha-causal-mask-output-independent-of-future", MHA)
@given(data=st.data())
def test_mha_causal_independence(T, data):
    """With a causal attn_mask, d out[t] / d x[t + j] == 0 for j >= 1 (self-attention, exactly)."""
    cfg, inputs, _ = draw_mha(data, self_attn=True, batch_first=False, unbatched=False, attn_mask=None, kpm=None,
                              add_bias_kv=False, add_zero_attn=False, L=3)
    names, values = _ordered(inputs)
    t = data.draw(st.integers(0, 1), label="t")
    mask = "torch.nn.Transformer.generate_square_subsequent_mask(3, device=p.device, dtype=p.dtype)"
    check(T, f"m = {mha_ctor(cfg)}\n{LOAD}q.requires_grad_()\n"
          f"m(q, q, q, attn_mask={mask}, need_weights=False)[0][{t}].sum().backward()\nq.grad[{t + 1}:]",
          *values, names=names, expected=np.zeros((2 - t, cfg["N"], cfg["E"])))


@spec("nn.mha-is-causal-hint-with-causal-mask", MHA)
@given(data=st.data())
def test_mha_is_causal_hint(T, data):
    # extra keys (add_bias_kv, add_zero_attn) make the mask non-causal: the hint is then wrong by design
    cfg, inputs, shapes = draw_mha(data, self_attn=True, attn_mask=None, kpm=None, need_weights=False,
                                   add_bias_kv=False, add_zero_attn=False)
    L = cfg["L"]
    inputs["am"] = O.square_subsequent_mask(L).astype(cfg["dtype"])
    check_mha(T, cfg, inputs, shapes,
              code=f"m(q, q, q, attn_mask=am, need_weights=False, is_causal=True)")


@spec("nn.mha-dropout-only-in-training", MHA)
@given(data=st.data())
def test_mha_dropout_eval(T, data):
    """In eval mode dropout=0.9 changes nothing; in training the weights returned are the dropped ones
    (each entry 0 or w / (1 - p))."""
    cfg, inputs, shapes = draw_mha(data, need_weights=True, average=False)
    names, values = _ordered(inputs)
    forward = mha_oracle(cfg, shapes)
    out, w = forward(*values)
    call = mha_call(cfg, inputs)
    check(T, f"m = {mha_ctor(cfg, dropout=0.9)}\n{LOAD}m.eval()\ny, w = {call}\n"
          f"m.train()\ny2, w2 = {call}\n"
          "(y, w, bool(((w2 == 0) | ((w2 - w / 0.1).abs() <= 1e-9)).all()))",
          *values, names=names, expected=(out, w, True))


PARAM_NAMES = cases([
    ("nn.mha-state-dict-keys-packed", MHA, "torch.nn.MultiheadAttention(4, 2)",
     ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]),
    ("nn.mha-state-dict-keys-bias-kv", MHA, "torch.nn.MultiheadAttention(4, 2, add_bias_kv=True)",
     ["in_proj_weight", "in_proj_bias", "bias_k", "bias_v", "out_proj.weight", "out_proj.bias"]),
    ("nn.mha-state-dict-keys-kdim-vdim", MHA, "torch.nn.MultiheadAttention(4, 2, kdim=3, vdim=5)",
     ["q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]),
    ("nn.mha-state-dict-keys-no-bias", MHA, "torch.nn.MultiheadAttention(4, 2, bias=False, kdim=3)",
     ["q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"]),
])


@pytest.mark.parametrize("ctor, keys", PARAM_NAMES)
def test_mha_state_dict_keys(T, ctor, keys):
    check(T, f"m = {ctor}\n(list(m.state_dict()), [n for n, _ in m.named_parameters()])", expected=(keys, keys))


MHA_ATTRS = cases([
    ("nn.mha-parameter-shapes", MHA,
     "m = torch.nn.MultiheadAttention(6, 3, add_bias_kv=True)\n"
     "[tuple(t.shape) for t in m.parameters()]", [(18, 6), (18,), (1, 1, 6), (1, 1, 6), (6, 6), (6,)]),
    ("nn.mha-separate-parameter-shapes", MHA,
     "m = torch.nn.MultiheadAttention(6, 3, kdim=2, vdim=5)\n"
     "[tuple(t.shape) for t in m.parameters()]", [(6, 6), (6, 2), (6, 5), (18,), (6, 6), (6,)]),
    ("nn.mha-attributes", MHA,
     "m = torch.nn.MultiheadAttention(6, 3, dropout=0.25, kdim=2, batch_first=True)\n"
     "(m.embed_dim, m.num_heads, m.head_dim, m.kdim, m.vdim, m.dropout, m.batch_first, m.in_proj_weight)",
     (6, 3, 2, 2, 6, 0.25, True, None)),
    ("nn.mha-repr", MHA, "repr(torch.nn.MultiheadAttention(4, 2))",
     "MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=4, out_features=4, "
     "bias=True)\n)"),
    ("nn.mha-init-biases-zero", MHA,
     "m = torch.nn.MultiheadAttention(8, 2)\n(m.in_proj_bias.abs().sum().item(), m.out_proj.bias.abs().sum().item())",
     (0.0, 0.0)),
    ("nn.mha-out-proj-is-a-linear", MHA,
     "isinstance(torch.nn.MultiheadAttention(4, 2).out_proj, torch.nn.Linear)", True),
])


@pytest.mark.parametrize("code, expected", MHA_ATTRS)
def test_mha_attributes(T, code, expected):
    check(T, code, expected=expected)


@spec("nn.mha-init-in-proj-xavier-uniform", MHA)
def test_mha_init_xavier(T):
    """in_proj_weight (3E, E) ~ U(-b, b), b = sqrt(6 / (E + 3E)) (xavier_uniform_)."""
    b = math.sqrt(6 / (64 + 3 * 64))
    check(T, "from spec_tests import oracle_nn as O\ntorch.manual_seed(5)\n"
          "x = torch.nn.MultiheadAttention(64, 4).in_proj_weight.detach().numpy()\n"
          f"(bool(np.abs(x).max() <= {b!r}), O.ks_pvalue(x, O.uniform_cdf({-b!r}, {b!r})) > 1e-4)",
          expected=(True, True))


# ---------------------------------------------------------------------------------------------
# MultiheadAttention: errors

def _mha_err(call, ctor="torch.nn.MultiheadAttention(4, 2)"):
    return f"m = {ctor}\n{call}"


MHA_ERRORS = error_cases([
    ("nn.mha-embed-dim-mismatch-error", MHA,
     _mha_err("m(torch.ones(3, 2, 6), torch.ones(3, 2, 6), torch.ones(3, 2, 6))"), AssertionError, (4, 6)),
    ("nn.mha-heads-must-divide-embed-dim", MHA, "torch.nn.MultiheadAttention(5, 2)", AssertionError, ("divisible",)),
    ("nn.mha-2d-attn-mask-shape-error", MHA,
     _mha_err("x = torch.ones(3, 2, 4)\nm(x, x, x, attn_mask=torch.zeros(3, 4))"), RuntimeError, ("2D attn_mask", 3)),
    ("nn.mha-3d-attn-mask-shape-error", MHA,
     _mha_err("x = torch.ones(3, 2, 4)\nm(x, x, x, attn_mask=torch.zeros(2, 3, 3))"), RuntimeError,
     ("3D attn_mask", 4)),
    ("nn.mha-attn-mask-4d-error", MHA,
     _mha_err("x = torch.ones(3, 2, 4)\nm(x, x, x, attn_mask=torch.zeros(1, 4, 3, 3))"), AssertionError,
     ("attn_mask",)),
    ("nn.mha-key-padding-mask-shape-error", MHA,
     _mha_err("x = torch.ones(3, 2, 4)\nm(x, x, x, key_padding_mask=torch.zeros(2, 4, dtype=torch.bool))"),
     AssertionError, ("key_padded_mask", 3, 4)),
    ("nn.mha-query-rank-error", MHA,
     _mha_err("x = torch.ones(1, 3, 2, 4)\nm(x, x, x)"), AssertionError, ("query",)),
    ("nn.mha-key-rank-error", MHA,
     _mha_err("m(torch.ones(3, 2, 4), torch.ones(3, 4), torch.ones(3, 4))"), AssertionError, ("key",)),
    ("nn.mha-integer-mask-error", MHA,
     _mha_err("x = torch.ones(3, 2, 4)\nm(x, x, x, attn_mask=torch.zeros(3, 3, dtype=torch.int64))"),
     AssertionError, ("attn_mask",)),
    ("nn.mha-is-causal-needs-mask", MHA,
     _mha_err("x = torch.ones(3, 2, 4)\nm(x, x, x, is_causal=True)"), RuntimeError, ("attn_mask",)),
    ("nn.mha-nonpositive-embed-dim-error", MHA, "torch.nn.MultiheadAttention(0, 2)", ValueError, ("embed_dim",)),
    ("nn.mha-key-value-shape-mismatch", MHA,
     _mha_err("m(torch.ones(3, 2, 4), torch.ones(3, 2, 4), torch.ones(5, 2, 4))"), AssertionError, ("value",)),
])


@pytest.mark.parametrize("code, exc, contains", MHA_ERRORS)
def test_mha_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
