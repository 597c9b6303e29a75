"""Transformer layers (https://pytorch.org/docs/stable/generated/torch.nn.TransformerEncoderLayer.html,
TransformerDecoderLayer, TransformerEncoder, TransformerDecoder, Transformer): post-norm and pre-norm
layers against the float64 NumPy forms of spec_tests/oracle_nn_attention.py for every option, gradients of
the input and every parameter against float64 central differences, stacks of independent deep copies
named as torch's (so state_dicts load across), the causal and padding masks, dropout only in training,
generate_square_subsequent_mask, and the errors."""
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
from .test_nn_attention import FD_TOL, GRADS, LOAD, arr, mha_mask, params

ENC = api("torch.nn.TransformerEncoderLayer")
DEC = api("torch.nn.TransformerDecoderLayer")
ENC_STACK = api("torch.nn.TransformerEncoder")
DEC_STACK = api("torch.nn.TransformerDecoder")
TRANSFORMER = api("torch.nn.Transformer")
MASK_FN = api("torch.nn.Transformer.generate_square_subsequent_mask")

# activation option -> (constructor argument, oracle)
ACTIVATIONS = {"relu": ("'relu'", "relu"), "gelu": ("'gelu'", "gelu"), "callable": ("torch.tanh", np.tanh)}


@st.composite
def layer_setup(draw, **fixed):
    def pick(name, strategy):
        return fixed[name] if name in fixed else draw(strategy, label=name)
    H, hd = pick("nhead", st.integers(1, 2)), pick("head_dim", st.integers(1, 2))
    cfg = dict(E=H * hd, H=H, F=pick("F", st.integers(2, 5)), L=pick("L", st.integers(1, 3)),
               S=pick("S", st.integers(1, 3)), N=pick("N", st.integers(1, 2)),
               norm_first=pick("norm_first", st.booleans()), activation=pick("activation", st.sampled_from(
                   sorted(ACTIVATIONS))), eps=pick("eps", st.sampled_from([1e-5, 0.1])),
               batch_first=pick("batch_first", st.booleans()), unbatched=pick("unbatched", st.booleans()),
               mask=pick("mask", st.sampled_from([None, "bool", "float"])),
               kpm=pick("kpm", st.sampled_from([None, "bool", "float"])),
               memory_mask=pick("memory_mask", st.sampled_from([None, "bool", "float"])),
               memory_kpm=pick("memory_kpm", st.sampled_from([None, "bool", "float"])))
    return cfg


def _seq(cfg, t, dtype="float64"):
    if cfg["unbatched"]:
        return (t, cfg["E"])
    return (cfg["N"], t, cfg["E"]) if cfg["batch_first"] else (t, cfg["N"], cfg["E"])


def _masks(data, cfg, q_len, k_len, mask_kind, kpm_kind, label):
    keep = data.draw(st.integers(0, k_len - 1), label=f"{label} visible key")
    am = mha_mask(data, mask_kind, (q_len, k_len), keep, "float64", f"{label} mask")
    kshape = (k_len,) if cfg["unbatched"] else (cfg["N"], k_len)
    return am, mha_mask(data, kpm_kind, kshape, keep, "float64", f"{label} key_padding_mask")


SMOOTH = st.sampled_from(["gelu", "callable"])


def layer_kwargs(cfg, dropout=0.0):
    return (f"{cfg['E']}, {cfg['H']}, dim_feedforward={cfg['F']}, dropout={dropout}, "
            f"activation={ACTIVATIONS[cfg['activation']][0]}, layer_norm_eps={cfg['eps']}, "
            f"batch_first={cfg['batch_first']}, norm_first={cfg['norm_first']}")


def oracle_kwargs(cfg):
    return dict(norm_first=cfg["norm_first"], activation=ACTIVATIONS[cfg["activation"]][1], eps=cfg["eps"],
                batch_first=cfg["batch_first"])


def _name(v, n):
    return n if v is not None else None


# ---------------------------------------------------------------------------------------------
# TransformerEncoderLayer

def draw_encoder(data, **fixed):
    cfg = data.draw(layer_setup(**fixed), label="config")
    x = arr(data, _seq(cfg, cfg["L"]), label="src")
    am, kpm = _masks(data, cfg, cfg["L"], cfg["L"], cfg["mask"], cfg["kpm"], "src")
    shapes = O.encoder_layer_param_shapes(cfg["E"], cfg["F"])
    return cfg, [x, am, kpm, params(data, shapes)], shapes


ENC_NAMES = ["x", "am", "kpm", "p"]


def encoder_forward(cfg, shapes):
    def forward(x, am, kpm, p):
        return O.encoder_layer(x, O.unpack(p, shapes), cfg["H"], src_mask=am, src_key_padding_mask=kpm,
                               **oracle_kwargs(cfg))
    return forward


def encoder_call(values):
    return f"m(x, src_mask={_name(values[1], 'am')}, src_key_padding_mask={_name(values[2], 'kpm')})"


ENC_CASES = cases([
    ("nn.transformer-encoder-layer-every-option", ENC, {}),
    ("nn.transformer-encoder-layer-post-norm", ENC, dict(norm_first=False)),
    ("nn.transformer-encoder-layer-pre-norm", ENC, dict(norm_first=True)),
    ("nn.transformer-encoder-layer-gelu", ENC, dict(activation="gelu")),
    ("nn.transformer-encoder-layer-callable-activation", ENC, dict(activation="callable")),
    ("nn.transformer-encoder-layer-batch-first", ENC, dict(batch_first=True, unbatched=False)),
    ("nn.transformer-encoder-layer-unbatched", ENC, dict(unbatched=True)),
    ("nn.transformer-encoder-layer-src-mask", ENC, dict(mask="float", kpm=None)),
    ("nn.transformer-encoder-layer-key-padding-mask", ENC, dict(mask=None, kpm="bool")),
    ("nn.transformer-encoder-layer-norm-eps", ENC, dict(eps=0.1)),
])


@pytest.mark.parametrize("fixed", ENC_CASES)
@given(data=st.data())
def test_encoder_layer_values(T, data, fixed):
    cfg, values, shapes = draw_encoder(data, **fixed)
    check(T, f"m = torch.nn.TransformerEncoderLayer({layer_kwargs(cfg)}).to(p.dtype).to(dev)\n{LOAD}{encoder_call(values)}",
          *values, names=ENC_NAMES, expected=encoder_forward(cfg, shapes))


@spec("nn.transformer-encoder-layer-float32", ENC)
@given(data=st.data())
def test_encoder_layer_float32(T, data):
    """float32: the layer norms divide by a standard deviation that can be small next to the
    rounding of the sums before it, so the tolerance is the float32 error of E-term sums, scaled
    by the inverse of that deviation (the error model of layer norm of rounded inputs)."""
    cfg, values, shapes = draw_encoder(data, eps=0.1, activation=data.draw(SMOOTH, label="activation"))
    values = [v.astype(np.float32) if v is not None and v.dtype == np.float64 else v for v in values]
    expected = encoder_forward(cfg, shapes)(*values)
    check(T, f"m = torch.nn.TransformerEncoderLayer({layer_kwargs(cfg)}).to(p.dtype).to(dev)\n{LOAD}{encoder_call(values)}",
          *values, names=ENC_NAMES, expected=expected.astype(np.float32), rtol=1e-4, atol=1e-4 / math.sqrt(0.1))


@spec("nn.transformer-encoder-layer-grad", ENC)
@given(data=st.data())
def test_encoder_layer_grad(T, data):
    # smooth activations: at relu's kink (a drawn pre-activation of exactly 0) central differences give 1/2
    # eps=0.1 keeps layer norm well conditioned: next to a near-constant row (variance << eps) central
    # differences lose their accuracy, not the layers theirs
    cfg, values, shapes = draw_encoder(data, eps=0.1, activation=data.draw(SMOOTH, label="activation"))
    forward = encoder_forward(cfg, shapes)
    g = arr(data, forward(*values).shape, label="g")
    grads = numeric_grad(forward, values, g, wrt=[0, 3])
    check(T, f"m = torch.nn.TransformerEncoderLayer({layer_kwargs(cfg)}).to(p.dtype).to(dev)\n{LOAD}x.requires_grad_()\n"
          f"{encoder_call(values)}.backward(g)\n(x.grad, {GRADS})", *values, g, names=ENC_NAMES + ["g"],
          expected=grads, **FD_TOL)


# ---------------------------------------------------------------------------------------------
# TransformerDecoderLayer

def draw_decoder(data, **fixed):
    cfg = data.draw(layer_setup(**fixed), label="config")
    tgt = arr(data, _seq(cfg, cfg["L"]), label="tgt")
    mem = arr(data, _seq(cfg, cfg["S"]), label="memory")
    tm, tkpm = _masks(data, cfg, cfg["L"], cfg["L"], cfg["mask"], cfg["kpm"], "tgt")
    mm, mkpm = _masks(data, cfg, cfg["L"], cfg["S"], cfg["memory_mask"], cfg["memory_kpm"], "memory")
    shapes = O.decoder_layer_param_shapes(cfg["E"], cfg["F"])
    return cfg, [tgt, mem, tm, mm, tkpm, mkpm, params(data, shapes)], shapes


DEC_NAMES = ["x", "mem", "tm", "mm", "tkpm", "mkpm", "p"]


def decoder_forward(cfg, shapes):
    def forward(x, mem, tm, mm, tkpm, mkpm, p):
        return O.decoder_layer(x, mem, O.unpack(p, shapes), cfg["H"], tgt_mask=tm, memory_mask=mm,
                               tgt_key_padding_mask=tkpm, memory_key_padding_mask=mkpm, **oracle_kwargs(cfg))
    return forward


def decoder_call(values, method="m"):
    n = dict(zip(DEC_NAMES, values))
    return (f"{method}(x, mem, tgt_mask={_name(n['tm'], 'tm')}, memory_mask={_name(n['mm'], 'mm')}, "
            f"tgt_key_padding_mask={_name(n['tkpm'], 'tkpm')}, memory_key_padding_mask={_name(n['mkpm'], 'mkpm')})")


DEC_CASES = cases([
    ("nn.transformer-decoder-layer-every-option", DEC, {}),
    ("nn.transformer-decoder-layer-post-norm", DEC, dict(norm_first=False)),
    ("nn.transformer-decoder-layer-pre-norm", DEC, dict(norm_first=True)),
    ("nn.transformer-decoder-layer-batch-first", DEC, dict(batch_first=True, unbatched=False)),
    ("nn.transformer-decoder-layer-unbatched", DEC, dict(unbatched=True)),
    ("nn.transformer-decoder-layer-memory-masks", DEC, dict(memory_mask="bool", memory_kpm="float")),
    ("nn.transformer-decoder-layer-gelu", DEC, dict(activation="gelu")),
])


@pytest.mark.parametrize("fixed", DEC_CASES)
@given(data=st.data())
def test_decoder_layer_values(T, data, fixed):
    cfg, values, shapes = draw_decoder(data, **fixed)
    check(T, f"m = torch.nn.TransformerDecoderLayer({layer_kwargs(cfg)}).to(p.dtype).to(dev)\n{LOAD}{decoder_call(values)}",
          *values, names=DEC_NAMES, expected=decoder_forward(cfg, shapes))


@spec("nn.transformer-decoder-layer-grad", DEC)
@given(data=st.data())
def test_decoder_layer_grad(T, data):
    cfg, values, shapes = draw_decoder(data, head_dim=1, F=2, eps=0.1, activation=data.draw(SMOOTH, label="activation"))
    forward = decoder_forward(cfg, shapes)
    g = arr(data, forward(*values).shape, label="g")
    grads = numeric_grad(forward, values, g, wrt=[0, 1, 6])
    check(T, f"m = torch.nn.TransformerDecoderLayer({layer_kwargs(cfg)}).to(p.dtype).to(dev)\n{LOAD}"
          f"x.requires_grad_()\nmem.requires_grad_()\n{decoder_call(values)}.backward(g)\n(x.grad, mem.grad, {GRADS})",
          *values, g, names=DEC_NAMES + ["g"], expected=grads, **FD_TOL)


# ---------------------------------------------------------------------------------------------
# stacks and the whole Transformer

def _stack_code(cls, layer, n, cfg, norm=True):
    norm_arg = f", norm=torch.nn.LayerNorm({cfg['E']}, eps={cfg['eps']})" if norm else ""
    return f"m = torch.nn.{cls}(torch.nn.{layer}({layer_kwargs(cfg)}), {n}{norm_arg}).to(p.dtype).to(dev)\n{LOAD}"


@spec("nn.transformer-encoder-stack", ENC_STACK)
@given(data=st.data(), n=st.integers(1, 2), norm=st.booleans())
def test_encoder_stack(T, data, n, norm):
    cfg = data.draw(layer_setup(), label="config")
    x = arr(data, _seq(cfg, cfg["L"]), label="src")
    am, kpm = _masks(data, cfg, cfg["L"], cfg["L"], cfg["mask"], cfg["kpm"], "src")
    shapes = O.stack_param_shapes(O.encoder_layer_param_shapes(cfg["E"], cfg["F"]), n, cfg["E"] if norm else None)
    p = params(data, shapes)

    def forward(x, am, kpm, p):
        return O.encoder(x, O.unpack(p, shapes), n, cfg["H"], norm=norm, mask=am, src_key_padding_mask=kpm,
                         **oracle_kwargs(cfg))
    check(T, _stack_code("TransformerEncoder", "TransformerEncoderLayer", n, cfg, norm)
          + f"m(x, mask={_name(am, 'am')}, src_key_padding_mask={_name(kpm, 'kpm')})",
          x, am, kpm, p, names=ENC_NAMES, expected=forward)


@spec("nn.transformer-decoder-stack", DEC_STACK)
@given(data=st.data(), n=st.integers(1, 2), norm=st.booleans())
def test_decoder_stack(T, data, n, norm):
    cfg, values, _ = draw_decoder(data)
    shapes = O.stack_param_shapes(O.decoder_layer_param_shapes(cfg["E"], cfg["F"]), n, cfg["E"] if norm else None)
    values[-1] = params(data, shapes)

    def forward(x, mem, tm, mm, tkpm, mkpm, p):
        return O.decoder(x, mem, O.unpack(p, shapes), n, cfg["H"], norm=norm, tgt_mask=tm, memory_mask=mm,
                         tgt_key_padding_mask=tkpm, memory_key_padding_mask=mkpm, **oracle_kwargs(cfg))
    check(T, _stack_code("TransformerDecoder", "TransformerDecoderLayer", n, cfg, norm) + decoder_call(values),
          *values, names=DEC_NAMES, expected=forward)


def _transformer_ctor(cfg, n_enc, n_dec, dropout=0.0):
    return (f"torch.nn.Transformer(d_model={cfg['E']}, nhead={cfg['H']}, num_encoder_layers={n_enc}, "
            f"num_decoder_layers={n_dec}, dim_feedforward={cfg['F']}, dropout={dropout}, "
            f"activation={ACTIVATIONS[cfg['activation']][0]}, layer_norm_eps={cfg['eps']}, "
            f"batch_first={cfg['batch_first']}, norm_first={cfg['norm_first']})")


@spec("nn.transformer-forward", TRANSFORMER)
@given(data=st.data(), n_enc=st.integers(1, 2), n_dec=st.integers(1, 2))
def test_transformer(T, data, n_enc, n_dec):
    cfg = data.draw(layer_setup(), label="config")
    src = arr(data, _seq(cfg, cfg["S"]), label="src")
    tgt = arr(data, _seq(cfg, cfg["L"]), label="tgt")
    sm, skpm = _masks(data, cfg, cfg["S"], cfg["S"], cfg["memory_mask"], cfg["memory_kpm"], "src")
    tm = O.square_subsequent_mask(cfg["L"])
    shapes = O.transformer_param_shapes(cfg["E"], cfg["F"], n_enc, n_dec)
    p = params(data, shapes)

    def forward(src, tgt, sm, skpm, tm, p):
        return O.transformer(src, tgt, O.unpack(p, shapes), n_enc, n_dec, cfg["H"], src_mask=sm, tgt_mask=tm,
                             src_key_padding_mask=skpm, memory_key_padding_mask=skpm, **oracle_kwargs(cfg))
    check(T, f"m = {_transformer_ctor(cfg, n_enc, n_dec)}.to(p.dtype).to(dev)\n{LOAD}"
          f"m(src, tgt, src_mask={_name(sm, 'sm')}, tgt_mask=tm, src_key_padding_mask={_name(skpm, 'skpm')}, "
          f"memory_key_padding_mask={_name(skpm, 'skpm')})",
          src, tgt, sm, skpm, tm, p, names=["src", "tgt", "sm", "skpm", "tm", "p"], expected=forward)


# ---------------------------------------------------------------------------------------------
# behaviours

@spec("nn.transformer-causal-mask-output-independent-of-future", ENC_STACK)
@given(data=st.data())
def test_encoder_causal_independence(T, data):
    """With generate_square_subsequent_mask, d out[t] / d src[t + j] == 0 for j >= 1 (exactly)."""
    cfg = data.draw(layer_setup(L=3, unbatched=False, batch_first=False), label="config")
    x = arr(data, _seq(cfg, 3), label="src")
    shapes = O.stack_param_shapes(O.encoder_layer_param_shapes(cfg["E"], cfg["F"]), 2, cfg["E"])
    p = params(data, shapes)
    t = data.draw(st.integers(0, 1), label="t")
    check(T, _stack_code("TransformerEncoder", "TransformerEncoderLayer", 2, cfg) + "x.requires_grad_()\n"
          f"mask = torch.nn.Transformer.generate_square_subsequent_mask(3, device=p.device, dtype=p.dtype)\n"
          f"m(x, mask=mask)[{t}].sum().backward()\nx.grad[{t + 1}:]",
          x, p, names=["x", "p"], expected=np.zeros((2 - t, cfg["N"], cfg["E"])))


@spec("nn.transformer-decoder-causal-tgt-mask", DEC_STACK)
@given(data=st.data())
def test_decoder_causal_independence(T, data):
    cfg, values, _ = draw_decoder(data, L=3, unbatched=False, batch_first=True, mask=None, kpm=None)
    values[2] = O.square_subsequent_mask(3)
    shapes = O.stack_param_shapes(O.decoder_layer_param_shapes(cfg["E"], cfg["F"]), 2, cfg["E"])
    values[-1] = params(data, shapes)
    t = data.draw(st.integers(0, 1), label="t")
    call = decoder_call(values)
    check(T, _stack_code("TransformerDecoder", "TransformerDecoderLayer", 2, cfg) + "x.requires_grad_()\n"
          f"{call}[:, {t}].sum().backward()\nx.grad[:, {t + 1}:]",
          *values, names=DEC_NAMES, expected=np.zeros((cfg["N"], 2 - t, cfg["E"])))


@spec("nn.transformer-key-padding-mask-ignores-padded-positions", ENC)
@given(data=st.data())
def test_encoder_padding_independence(T, data):
    """Outputs at visible positions have zero gradient with respect to padded source positions."""
    cfg = data.draw(layer_setup(L=3, unbatched=False, batch_first=True, mask=None), label="config")
    x = arr(data, _seq(cfg, 3), label="src")
    pad = np.zeros((cfg["N"], 3), bool)
    pad[:, data.draw(st.integers(0, 2), label="padded position")] = True
    shapes = O.encoder_layer_param_shapes(cfg["E"], cfg["F"])
    p = params(data, shapes)
    check(T, f"m = torch.nn.TransformerEncoderLayer({layer_kwargs(cfg)}).to(p.dtype).to(dev)\n{LOAD}x.requires_grad_()\n"
          "y = m(x, src_key_padding_mask=kpm)\n(y * (~kpm).unsqueeze(-1)).sum().backward()\n"
          "bool((x.grad * kpm.unsqueeze(-1)).eq(0).all())", x, pad, p, names=["x", "kpm", "p"], expected=True)


@spec("nn.transformer-dropout-only-in-training", ENC)
@given(data=st.data())
def test_encoder_dropout_eval(T, data):
    """eval(): dropout=0.5 changes nothing (the oracle has no dropout); train(): the output changes."""
    cfg, values, shapes = draw_encoder(data, mask=None, kpm=None, N=2, L=3, nhead=2, head_dim=2, F=5)
    # weights and inputs kept away from zero, where dropping an element could change nothing
    for i in (0, 3):
        ramp = np.random.default_rng(i).permutation(np.linspace(0.5, 1.5, values[i].size)).reshape(values[i].shape)
        values[i] = values[i] + ramp
    check(T, f"m = torch.nn.TransformerEncoderLayer({layer_kwargs(cfg, dropout=0.5)}).to(p.dtype).to(dev)\n{LOAD}"
          f"m.eval()\ny = m(x)\nm.train()\ny2 = m(x)\n(y, bool((y - y2).abs().max() > 1e-6))",
          *values, names=ENC_NAMES, expected=(encoder_forward(cfg, shapes)(*values), True))


@spec("nn.transformer-is-causal-detected-from-mask", ENC_STACK)
@given(data=st.data(), is_causal=st.sampled_from([None, True]))
def test_encoder_is_causal(T, data, is_causal):
    cfg = data.draw(layer_setup(kpm=None), label="config")
    x = arr(data, _seq(cfg, cfg["L"]), label="src")
    shapes = O.stack_param_shapes(O.encoder_layer_param_shapes(cfg["E"], cfg["F"]), 1, cfg["E"])
    p = params(data, shapes)
    tm = O.square_subsequent_mask(cfg["L"])

    def forward(x, am, p):
        return O.encoder(x, O.unpack(p, shapes), 1, cfg["H"], mask=am, **oracle_kwargs(cfg))
    check(T, _stack_code("TransformerEncoder", "TransformerEncoderLayer", 1, cfg) + f"m(x, mask=am, is_causal={is_causal})",
          x, tm, p, names=["x", "am", "p"], expected=forward)


@spec("nn.transformer-generate-square-subsequent-mask", MASK_FN)
@given(sz=st.integers(1, 6))
def test_square_subsequent_mask(T, sz):
    check(T, f"torch.nn.Transformer.generate_square_subsequent_mask({sz})",
          expected=O.square_subsequent_mask(sz).astype(np.float32))


@spec("nn.transformer-generate-square-subsequent-mask-dtype", MASK_FN)
def test_square_subsequent_mask_dtype(T):
    check(T, "torch.nn.Transformer.generate_square_subsequent_mask(3, dtype=torch.float64)",
          expected=O.square_subsequent_mask(3))


def _keys(shapes):
    return [n for n, _ in shapes]


STRUCTURE = cases([
    ("nn.transformer-encoder-layer-state-dict-keys", ENC,
     "list(torch.nn.TransformerEncoderLayer(4, 2, 6).state_dict())", _keys(O.encoder_layer_param_shapes(4, 6))),
    ("nn.transformer-decoder-layer-state-dict-keys", DEC,
     "list(torch.nn.TransformerDecoderLayer(4, 2, 6).state_dict())", _keys(O.decoder_layer_param_shapes(4, 6))),
    ("nn.transformer-encoder-stack-state-dict-keys", ENC_STACK,
     "list(torch.nn.TransformerEncoder(torch.nn.TransformerEncoderLayer(4, 2, 6), 2, "
     "norm=torch.nn.LayerNorm(4), enable_nested_tensor=False).state_dict())",
     _keys(O.stack_param_shapes(O.encoder_layer_param_shapes(4, 6), 2, 4))),
    ("nn.transformer-state-dict-keys", TRANSFORMER,
     "list(torch.nn.Transformer(4, 2, 2, 1, 6).state_dict())", _keys(O.transformer_param_shapes(4, 6, 2, 1))),
    ("nn.transformer-layer-attributes", ENC,
     "m = torch.nn.TransformerEncoderLayer(4, 2, 6, layer_norm_eps=0.01, norm_first=True, batch_first=True)\n"
     "(m.norm_first, m.norm1.eps, m.linear1.out_features, m.self_attn.batch_first, m.dropout.p)",
     (True, 0.01, 6, True, 0.1)),
    ("nn.transformer-attributes", TRANSFORMER,
     "m = torch.nn.Transformer(4, 2, 1, 1, 6, batch_first=True)\n(m.d_model, m.nhead, m.batch_first, "
     "len(m.encoder.layers), type(m.encoder.norm).__name__)", (4, 2, True, 1, "LayerNorm")),
    ("nn.transformer-stack-layers-are-independent-copies", ENC_STACK,
     "l = torch.nn.TransformerEncoderLayer(4, 2, 6)\ns = torch.nn.TransformerEncoder(l, 2, enable_nested_tensor=False)\n"
     "a, b = s.layers[0].linear1.weight, s.layers[1].linear1.weight\n"
     "same = bool((a == b).all())\nwith torch.no_grad():\n    a.add_(1.0)\n"
     "(same, a is b, a is l.linear1.weight, bool((a == b).all()), len(list(s.parameters())))",
     (True, False, False, False, 24)),
    ("nn.transformer-custom-encoder-decoder", TRANSFORMER,
     "e = torch.nn.TransformerEncoder(torch.nn.TransformerEncoderLayer(4, 2, 6), 1, enable_nested_tensor=False)\n"
     "d = torch.nn.TransformerDecoder(torch.nn.TransformerDecoderLayer(4, 2, 6), 1)\n"
     "m = torch.nn.Transformer(4, 2, custom_encoder=e, custom_decoder=d)\n"
     "(m.encoder is e, m.decoder is d, len(list(m.parameters())))", (True, True, 30)),
    ("nn.transformer-layer-repr", ENC, "repr(torch.nn.TransformerEncoderLayer(4, 2, 6))",
     "TransformerEncoderLayer(\n  (self_attn): MultiheadAttention(\n    (out_proj): NonDynamicallyQuantizableLinear("
     "in_features=4, out_features=4, bias=True)\n  )\n  (linear1): Linear(in_features=4, out_features=6, bias=True)\n"
     "  (dropout): Dropout(p=0.1, inplace=False)\n  (linear2): Linear(in_features=6, out_features=4, bias=True)\n"
     "  (norm1): LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)\n"
     "  (norm2): LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)\n"
     "  (dropout1): Dropout(p=0.1, inplace=False)\n  (dropout2): Dropout(p=0.1, inplace=False)\n)"),
    ("nn.transformer-output-shape-batch-first", TRANSFORMER,
     "m = torch.nn.Transformer(4, 2, 1, 1, 6, batch_first=True)\ntuple(m(torch.ones(2, 5, 4), torch.ones(2, 3, 4)).shape)",
     (2, 3, 4)),
    ("nn.transformer-output-shape-unbatched", TRANSFORMER,
     "m = torch.nn.Transformer(4, 2, 1, 1, 6)\ntuple(m(torch.ones(5, 4), torch.ones(3, 4)).shape)", (3, 4)),
])


@pytest.mark.parametrize("code, expected", STRUCTURE)
def test_structure(T, code, expected):
    check(T, code, expected=expected)


@spec("nn.transformer-init-xavier-uniform", TRANSFORMER)
def test_transformer_init(T):
    """Transformer re-initialises every parameter with more than one dim by xavier_uniform_:
    linear1.weight (F, E) ~ U(-b, b), b = sqrt(6 / (E + F))."""
    b = math.sqrt(6 / (32 + 64))
    check(T, "from spec_tests import oracle_nn as O\ntorch.manual_seed(7)\n"
          "m = torch.nn.Transformer(32, 4, 1, 1, 64)\nx = m.encoder.layers[0].linear1.weight.detach().numpy()\n"
          f"(bool(np.abs(x).max() <= {b!r}), O.ks_pvalue(x, O.uniform_cdf({-b!r}, {b!r})) > 1e-4)",
          expected=(True, True))


@spec("nn.transformer-state-dict-loads-across", TRANSFORMER)
def test_state_dict_roundtrip(T):
    check(T, "a = torch.nn.Transformer(4, 2, 1, 1, 6)\nb = torch.nn.Transformer(4, 2, 1, 1, 6)\n"
          "b.load_state_dict(a.state_dict())\n"
          "all(bool((x == y).all()) for x, y in zip(a.parameters(), b.parameters()))", expected=True)


ERRORS = error_cases([
    ("nn.transformer-batch-mismatch-error", TRANSFORMER,
     "torch.nn.Transformer(4, 2, 1, 1, 6)(torch.ones(5, 2, 4), torch.ones(3, 3, 4))", RuntimeError, ("batch",)),
    ("nn.transformer-d-model-mismatch-error", TRANSFORMER,
     "torch.nn.Transformer(4, 2, 1, 1, 6)(torch.ones(5, 2, 6), torch.ones(3, 2, 6))", RuntimeError, ("d_model",)),
    ("nn.transformer-unknown-activation-error", ENC,
     "torch.nn.TransformerEncoderLayer(4, 2, 6, activation='swish')", RuntimeError, ("swish",)),
    ("nn.transformer-encoder-layer-embed-mismatch", ENC,
     "torch.nn.TransformerEncoderLayer(4, 2, 6)(torch.ones(3, 2, 5))", AssertionError, (4, 5)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
