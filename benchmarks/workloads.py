"""The benchmark workloads: one registry, read by the pytest suite, the report and the ratio gate.

Each workload builds its inputs from NumPy arrays (the same numbers for both namespaces) and returns
a zero-argument callable that is the timed unit. `requires` names the reference features a workload
needs, as attribute paths on the namespace; a workload whose feature has not landed yet is skipped
with that reason and starts running on its own once the attribute exists.
"""
import os
import tempfile
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from . import startup


@dataclass(frozen=True)
class Target:
    """`ratio`: median reference/torch time at most `value`; `seconds`: reference median at most `value`."""
    kind: str
    value: float

    def describe(self):
        return f"<= {self.value:g}" if self.kind == "ratio" else f"<= {self.value:g} s"


@dataclass(frozen=True)
class Workload:
    name: str
    title: str
    build: Callable  # (namespace, numpy Generator) -> zero-argument callable
    target: Optional[Target] = None
    requires: tuple = ()
    rounds: int = 10  # timed rounds; `quick` mode takes a third of them
    iterations: int = 1  # calls per round (tiny ops need many to rise above the timer's resolution)
    heavy: bool = False  # skipped in quick mode (cold start compiles every kernel)
    subprocess: bool = False  # times a child interpreter; the callable builds nothing in this process


def missing_features(namespace, workload):
    """The attribute paths of `workload.requires` that `namespace` lacks, in order."""
    missing = []
    for path in workload.requires:
        obj = namespace
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                missing.append(path)
                break
    return missing


def skip_reason(namespace, workload):
    missing = missing_features(namespace, workload)
    if not missing:
        return None
    return "feature not in reference yet: " + ", ".join(missing)


def _f32(T, rng, *shape):
    return T.from_numpy(rng.standard_normal(shape).astype(np.float32))


def _labels(T, rng, n, classes):
    return T.from_numpy(rng.integers(0, classes, n).astype(np.int64))


def _binary(make_operands):
    def build(T, rng):
        a, b = make_operands(T, rng)
        return lambda: a + b
    return build


def _reduction(shape, dim):
    def build(T, rng):
        x = _f32(T, rng, *shape)
        return (lambda: x.sum()) if dim is None else (lambda: x.sum(dim))
    return build


def _matmul(a_shape, b_shape):
    def build(T, rng):
        a, b = _f32(T, rng, *a_shape), _f32(T, rng, *b_shape)
        return lambda: a @ b
    return build


def _thread_mix(T, rng):
    # a numba kernel between two BLAS calls: the case where the two thread pools fought (DESIGN.md)
    a, b = _f32(T, rng, 1024, 1024), _f32(T, rng, 1024, 1024)
    return lambda: ((a @ b) * 2.0) @ b


def _log_softmax_nll(T, rng):
    x0 = _f32(T, rng, 256, 1000)
    y = _labels(T, rng, 256, 1000).unsqueeze(1)

    def step():
        x = x0.detach().requires_grad_(True)
        loss = -x.log_softmax(1).gather(1, y).mean()
        loss.backward()
    return step


def _cross_entropy(T, rng):
    x0 = _f32(T, rng, 256, 1000)
    y = _labels(T, rng, 256, 1000)
    F = T.nn.functional

    def step():
        x = x0.detach().requires_grad_(True)
        F.cross_entropy(x, y).backward()
    return step


def _fwd_bwd_relu_mm(T, rng):
    a0, b0, c = _f32(T, rng, 256, 256), _f32(T, rng, 256, 256), _f32(T, rng, 256, 256)

    def step():
        a = a0.detach().requires_grad_(True)
        b = b0.detach().requires_grad_(True)
        ((a @ b).relu() * c).sum().backward()
    return step


def _conv2d(T, rng):
    x0 = _f32(T, rng, 32, 3, 32, 32)
    w0 = _f32(T, rng, 16, 3, 3, 3)
    F = T.nn.functional

    def step():
        x = x0.detach().requires_grad_(True)
        w = w0.detach().requires_grad_(True)
        F.conv2d(x, w, padding=1).sum().backward()
    return step


def _copy_weights(T, model, rng):
    """Identical starting weights in both namespaces, drawn from NumPy."""
    with T.no_grad():
        for p in model.parameters():
            p.copy_(T.from_numpy((rng.standard_normal(tuple(p.shape)) * 0.05).astype(np.float32)))


def _training_step(T, model, loss_of, params=None, optimizer=None):
    params = model.parameters() if params is None else params
    opt = optimizer(params) if optimizer is not None else T.optim.SGD(params, lr=0.01)

    def step():
        opt.zero_grad()
        loss_of().backward()
        opt.step()
    return step


def mlp_model(T):
    """The seeds' MNIST MLP: 784 -> 128 -> 10."""
    nn = T.nn
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def _mlp_with(make_optimizer):
    """Issue 10's MLP step (784-128-10, batch 64, cross-entropy) with the given optimizer."""
    def build(T, rng):
        model = mlp_model(T)
        _copy_weights(T, model, rng)
        x, y = _f32(T, rng, 64, 784), _labels(T, rng, 64, 10)
        return _training_step(T, model, lambda: T.nn.functional.cross_entropy(model(x), y),
                              optimizer=lambda params: make_optimizer(T, params))
    return build


_mlp = _mlp_with(lambda T, params: T.optim.SGD(params, lr=0.01, momentum=0.9))
_mlp_plain_sgd = _mlp_with(lambda T, params: T.optim.SGD(params, lr=0.01))
_mlp_adam = _mlp_with(lambda T, params: T.optim.Adam(params, lr=1e-3))


def _cnn(T, rng):
    nn = T.nn
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(16 * 7 * 7, 10))
    _copy_weights(T, model, rng)
    x, y = _f32(T, rng, 32, 1, 28, 28), _labels(T, rng, 32, 10)
    return _training_step(T, model, lambda: T.nn.functional.cross_entropy(model(x), y))


def _cnn_adam(T, rng):
    """Issue 10's CNN: Conv-ReLU-MaxPool twice, Linear, batch 32 of 3x32x32, Adam (the loss is
    log_softmax + gather, so it needs no loss module)."""
    nn = T.nn
    model = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(32 * 8 * 8, 10))
    _copy_weights(T, model, rng)
    x, y = _f32(T, rng, 32, 3, 32, 32), _labels(T, rng, 32, 10).unsqueeze(1)
    opt = T.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        (-model(x).log_softmax(1).gather(1, y).mean()).backward()
        opt.step()
    return step


def _lstm(T, rng):
    lstm = T.nn.LSTM(32, 64)
    _copy_weights(T, lstm, rng)
    x = _f32(T, rng, 20, 16, 32)  # (seq, batch, features)

    def loss():
        out, _ = lstm(x)
        return (out * out).mean()
    return _training_step(T, lstm, loss)


def _lstm_fwd_bwd(T, rng):
    """Issue 13's LSTM target: LSTM(10, 20, num_layers=2), forward + backward on 50 x 32 x 10."""
    lstm = T.nn.LSTM(10, 20, num_layers=2)
    _copy_weights(T, lstm, rng)
    x = _f32(T, rng, 50, 32, 10)

    def fwd_bwd():
        for p in lstm.parameters():
            p.grad = None
        out, _ = lstm(x)
        (out * out).mean().backward()
    return fwd_bwd


def _gru_forward(T, rng):
    """Issue 13's GRU target: GRU(32, 64) forward (inference) on 100 x 16 x 32."""
    gru = T.nn.GRU(32, 64)
    _copy_weights(T, gru, rng)
    x = _f32(T, rng, 100, 16, 32)

    def forward():
        with T.no_grad():
            return gru(x)
    return forward


def _transformer(T, rng):
    layer = T.nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=128, dropout=0.0,
                                         batch_first=True)
    _copy_weights(T, layer, rng)
    x = _f32(T, rng, 16, 32, 64)

    def loss():
        out = layer(x)
        return (out * out).mean()
    return _training_step(T, layer, loss)


def _adam(T, rng):
    p = _f32(T, rng, 1000, 1000).requires_grad_(True)
    p.grad = _f32(T, rng, 1000, 1000)
    opt = T.optim.Adam([p], lr=1e-3)
    return opt.step


def _dataloader(T, rng):
    data = T.utils.data
    ds = data.TensorDataset(_f32(T, rng, 10_000, 784), _labels(T, rng, 10_000, 10))
    loader = data.DataLoader(ds, batch_size=64, shuffle=True)

    def epoch():
        for _xb, _yb in loader:
            pass
    return epoch


def _save_load(T, rng):
    state = {f"w{i}": _f32(T, rng, 5_000_000) for i in range(5)}  # 5 x 20 MB float32
    path = os.path.join(tempfile.mkdtemp(prefix="bench-save-"), "state.pt")

    def roundtrip():
        T.save(state, path)
        T.load(path)
    return roundtrip


def _tiny(op):
    def build(T, rng):
        a, b = _f32(T, rng, 16), _f32(T, rng, 16)
        idx = T.from_numpy(np.array([3, 0, 15, 7], np.int64))
        calls = {"add": lambda: a + b, "mul": lambda: a * b, "sum": lambda: a.sum(), "index": lambda: a[idx]}
        return calls[op]
    return build


def _chain(T, rng):
    x0 = _f32(T, rng, 16)

    def run():
        x = x0.detach().requires_grad_(True)
        y = x
        for _ in range(20_000):
            y = y * 1.0
        y.sum().backward()
    return run


def _startup(cold):
    def build(T, rng):
        return startup.timer(T.__name__, cold=cold)
    return build


MLP_FEATURES = ("nn.Sequential", "nn.Linear", "nn.ReLU", "nn.functional.cross_entropy", "optim.SGD")
def _ratio(v):
    return Target("ratio", v)


WORKLOADS = [
    Workload("add_4M", "elementwise add, 4M float32", _binary(lambda T, r: (_f32(T, r, 4_000_000),
                                                                          _f32(T, r, 4_000_000))),
             _ratio(1.1)),
    Workload("broadcast_add", "broadcast add 2048x1 + 1x2048 float32",
             _binary(lambda T, r: (_f32(T, r, 2048, 1), _f32(T, r, 1, 2048))), _ratio(1.1)),
    Workload("strided_add", "strided add, 2048x2048 transposed + contiguous",
             _binary(lambda T, r: (_f32(T, r, 2048, 2048).t(), _f32(T, r, 2048, 2048))), _ratio(1.3)),
    Workload("sum_4M", "sum of 4M float32", _reduction((4_000_000,), None), _ratio(1.2)),
    Workload("sum_dim0", "sum over dim 0 of 2048x2048", _reduction((2048, 2048), 0), _ratio(1.2)),
    Workload("sum_dim1", "sum over dim 1 of 2048x2048", _reduction((2048, 2048), 1), _ratio(1.2)),
    Workload("log_softmax_nll", "log_softmax + NLL (tensor ops) fwd/bwd, 256x1000", _log_softmax_nll,
             _ratio(1.5)),
    Workload("softmax_ce", "cross_entropy (softmax + CE) fwd/bwd, 256x1000", _cross_entropy, _ratio(1.5),
             requires=("nn.functional.cross_entropy",)),
    Workload("matmul_256", "matmul 256x256 float32", _matmul((256, 256), (256, 256)), _ratio(1.1),
             rounds=20),
    Workload("matmul_1024", "matmul 1024x1024 float32", _matmul((1024, 1024), (1024, 1024)), _ratio(1.1),
             rounds=6),
    Workload("bmm", "batched matmul 64 x (128x128 @ 128x128)", _matmul((64, 128, 128), (64, 128, 128)),
             _ratio(1.1)),
    Workload("thread_mix", "matmul, elementwise, matmul 1024 (BLAS and numba pools)", _thread_mix, rounds=6),
    Workload("relu_mm_fwd_bwd", "fwd+bwd ((a@b).relu()*c).sum(), 256x256", _fwd_bwd_relu_mm, rounds=20),
    Workload("conv2d", "conv2d fwd/bwd, 32x3x32x32 * 16x3x3x3", _conv2d, requires=("nn.functional.conv2d",)),
    Workload("mlp_step", "MLP 784-128-10 training step, batch 64 (SGD momentum 0.9, issue 10)", _mlp,
             _ratio(1.0), requires=MLP_FEATURES, rounds=20),
    Workload("mlp_plain_sgd_step", "MLP 784-128-10 training step, batch 64 (SGD without momentum)",
             _mlp_plain_sgd, requires=MLP_FEATURES, rounds=20),
    Workload("mlp_adam_step", "MLP 784-128-10 training step, batch 64 (Adam, issue 11)", _mlp_adam,
             _ratio(1.0), requires=MLP_FEATURES + ("optim.Adam",), rounds=20),
    Workload("cnn_step", "CNN training step, 32x1x28x28 (SGD)", _cnn, _ratio(2.0),
             requires=("nn.Sequential", "nn.Conv2d", "nn.MaxPool2d", "nn.Flatten", "nn.Linear", "nn.ReLU",
                       "nn.functional.cross_entropy", "optim.SGD")),
    Workload("cnn_adam_step", "CNN training step, 32x3x32x32 (Adam)", _cnn_adam, _ratio(2.0),
             requires=("nn.Sequential", "nn.Conv2d", "nn.MaxPool2d", "nn.Flatten", "nn.Linear", "nn.ReLU",
                       "optim.Adam")),
    Workload("lstm_step", "LSTM(32, 64) training step, seq 20 x batch 16", _lstm, _ratio(2.0),
             requires=("nn.LSTM", "optim.SGD")),
    Workload("lstm_fwd_bwd", "LSTM(10, 20, 2 layers) fwd+bwd, seq 50 x batch 32", _lstm_fwd_bwd, _ratio(2.0),
             requires=("nn.LSTM",)),
    Workload("gru_forward", "GRU(32, 64) forward, seq 100 x batch 16", _gru_forward, _ratio(2.0),
             requires=("nn.GRU",)),
    Workload("transformer_step", "TransformerEncoderLayer(64, 4 heads) training step, 16x32",
             _transformer, _ratio(2.0), requires=("nn.TransformerEncoderLayer", "optim.SGD")),
    Workload("adam_step", "Adam step on 1M parameters", _adam, _ratio(1.0), requires=("optim.Adam",)),
    Workload("dataloader_epoch", "DataLoader epoch, 10,000 x 784, batch 64, shuffled", _dataloader,
             requires=("utils.data.DataLoader", "utils.data.TensorDataset"), rounds=3),
    Workload("save_load", "save + load of 100 MB (5 float32 tensors)", _save_load,
             requires=("save", "load"), rounds=3),
    Workload("tiny_add", "tiny op: add, 16 float32", _tiny("add"), _ratio(3.0), rounds=20, iterations=200),
    Workload("tiny_mul", "tiny op: mul, 16 float32", _tiny("mul"), _ratio(3.0), rounds=20, iterations=200),
    Workload("tiny_sum", "tiny op: sum, 16 float32", _tiny("sum"), _ratio(3.0), rounds=20, iterations=200),
    Workload("tiny_index", "tiny op: x[index tensor], 16 float32", _tiny("index"), _ratio(3.0), rounds=20,
             iterations=200),
    Workload("autograd_chain", "20,000-op autograd chain (mul), forward + backward", _chain, _ratio(2.0),
             rounds=3),
    Workload("cold_start", "cold start: import + first MLP step, empty numba cache (subprocess)",
             _startup(cold=True), Target("seconds", 20.0), requires=MLP_FEATURES, rounds=1, heavy=True,
             subprocess=True),
    Workload("warm_start", "warm start: import + first MLP step, warm numba cache (subprocess)",
             _startup(cold=False), Target("seconds", 2.0), requires=MLP_FEATURES, rounds=3, subprocess=True),
]

BY_NAME = {w.name: w for w in WORKLOADS}
