"""Every differentiable op records the node torch records (`y.grad_fn.name()`, the class name of
torch's grad_fn), and that node's backward is the op's derivative: float64 central differences of a
NumPy forward, for a random upstream gradient.

NODES is also what tests/test_registry.py compares with the registry's node names: a row names the
op it exercises (its first field), so an op whose registry entry names a node must have a row here
that torch confirms.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, doc, spec
from .grad_harness import check_grad
from .harness import check
from .oracle_nn import numeric_pullback, op

AUTOGRAD = doc("notes/autograd.html")
RANDOM = "random"  # a random draw: torch's gradient of it is exactly zero (no reparameterisation)
NAME_ONLY = None  # a gradient that needs conditions on the spectrum, differenced in its own test


def _sel(a, *k):
    return a[k]


def _fill_cols(a, cols, value):
    out = a.copy()
    out[:, cols] = value
    return out


def _fill_rows(a, rows, value):
    out = a.copy()
    out[rows] = value
    return out


def _erf(x):
    # math.erf per element: NumPy has no erf
    return np.vectorize(math.erf)(x)


def _std(a, axis):
    return a.std(axis=axis, ddof=1)


def _std_row(axis):
    """std along `axis` with its closed-form pullback g * (a - mean) / ((n - 1) * std): the ramp in
    _inputs leaves rows whose spread is 1e-3, where central differences of std lose ~1e-5 relative."""
    def forward(a, b):
        return _std(a, axis)

    def pullback(g, a, b):
        n = a.shape[axis]
        centred = a - a.mean(axis=axis, keepdims=True)
        return (np.expand_dims(g, axis) * centred / ((n - 1) * np.expand_dims(_std(a, axis), axis)),)
    forward.pullback = pullback
    return forward


def _var(a, axis):
    return a.var(axis=axis, ddof=1)


def _cross(a, b):
    return np.cross(a, b, axis=1)


def _softmax(a, axis):
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _lerp(a, b, w):
    return a + w * (b - a)


def _put(a, rows, values, accumulate=False):
    out = a.copy()
    if accumulate:
        np.add.at(out, rows, values)
    else:
        out[rows] = values
    return out


def _scatter(a, index, src, add=False):
    out = a.copy()
    for i in range(index.shape[0]):
        for j in range(index.shape[1]):
            if add:
                out[i, index[i, j]] += src[i, j]
            else:
                out[i, index[i, j]] = src[i, j]
    return out


E = 8 * np.eye(3)
IDX = np.array([[2], [0], [1]])
IDX2 = np.array([[2, 2], [0, 1], [1, 1]])
GATHER = np.array([[0, 0], [2, 1], [1, 2]])
# well-spread rows for corrcoef: steps of 5 in three different orders, more than the inputs' range of 4
# can undo (steps of 1-3 could: CI drew a row that SPREAD turned into 1.881, 1.882, 1.883), and no
# two rows near a correlation of +-1 (corrcoef clamps there)
SPREAD = np.array([[0.0, 5.0, 10.0], [10.0, 0.0, 5.0], [5.0, 10.0, 0.0]])

# (op, expression over a and b, NumPy forward (or RANDOM), torch's node, inputs differentiated)
NODES = [
    # reductions
    ("sum", "a.sum()", lambda a, b: a.sum(), "SumBackward0", "a"),
    ("sum", "a.sum(0)", lambda a, b: a.sum(0), "SumBackward1", "a"),
    ("nansum", "a.nansum(0)", lambda a, b: a.sum(0), "NansumBackward0", "a"),
    ("mean", "a.mean()", lambda a, b: a.mean(), "MeanBackward0", "a"),
    ("mean", "a.mean(1)", lambda a, b: a.mean(1), "MeanBackward1", "a"),
    ("prod", "a.prod()", lambda a, b: a.prod(), "ProdBackward0", "a"),
    ("prod", "a.prod(1)", lambda a, b: a.prod(1), "ProdBackward1", "a"),
    ("max", "a.max()", lambda a, b: a.max(), "MaxBackward1", "a"),
    ("max", "a.max(1).values", lambda a, b: a.max(1), "MaxBackward0", "a"),
    ("min", "a.min()", lambda a, b: a.min(), "MinBackward1", "a"),
    ("min", "a.min(0)[0]", lambda a, b: a.min(0), "MinBackward0", "a"),
    ("amax", "a.amax(1)", lambda a, b: a.max(1), "AmaxBackward0", "a"),
    ("amin", "a.amin(0)", lambda a, b: a.min(0), "AminBackward0", "a"),
    ("var", "a.var(1)", lambda a, b: _var(a, 1), "VarBackward0", "a"),
    ("std", "a.std(1)", _std_row(1), "StdBackward0", "a"),
    ("var_mean", "torch.var_mean(a, 1)[0]", lambda a, b: _var(a, 1), "VarMeanBackward0", "a"),
    ("var_mean", "torch.var_mean(a, 1)[1]", lambda a, b: a.mean(1), "VarMeanBackward0", "a"),
    ("std_mean", "torch.std_mean(a, 0)[0]", _std_row(0), "StdMeanBackward0", "a"),
    ("std_mean", "torch.std_mean(a, 0)[1]", lambda a, b: a.mean(0), "StdMeanBackward0", "a"),
    ("logsumexp", "a.logsumexp(1)", lambda a, b: np.log(np.exp(a).sum(1)), "LogsumexpBackward0", "a"),
    ("softmax", "a.softmax(1)", lambda a, b: _softmax(a, 1), "SoftmaxBackward0", "a"),
    ("log_softmax", "a.log_softmax(0)", lambda a, b: np.log(_softmax(a, 0)), "LogSoftmaxBackward0", "a"),
    ("cumsum", "a.cumsum(1)", lambda a, b: a.cumsum(1), "CumsumBackward0", "a"),
    ("cumprod", "a.cumprod(0)", lambda a, b: a.cumprod(0), "CumprodBackward0", "a"),
    ("norm", "a.norm()", lambda a, b: np.sqrt((a * a).sum()), "LinalgVectorNormBackward0", "a"),
    ("norm", "a.norm(1, 1)", lambda a, b: np.abs(a).sum(1), "LinalgVectorNormBackward0", "a"),
    ("norm", "a.norm(3, 0)", lambda a, b: (np.abs(a) ** 3).sum(0) ** (1 / 3), "LinalgVectorNormBackward0", "a"),
    # joining and splitting
    ("cat", "torch.cat([a, b], 1)", lambda a, b: np.concatenate([a, b], 1), "CatBackward0", "a b"),
    ("stack", "torch.stack([a, b], 2)", lambda a, b: np.stack([a, b], 2), "StackBackward0", "a b"),
    ("hstack", "torch.hstack([a, b])", lambda a, b: np.hstack([a, b]), "CatBackward0", "a b"),
    ("vstack", "torch.vstack([a, b])", lambda a, b: np.vstack([a, b]), "CatBackward0", "a b"),
    ("split", "a.split(2)[1]", lambda a, b: a[2:], "SplitBackward0", "a"),
    ("split", "a.split([1, 2], 1)[1]", lambda a, b: a[:, 1:], "SplitWithSizesBackward0", "a"),
    ("chunk", "a.chunk(3, 1)[2]", lambda a, b: a[:, 2:], "SplitBackward0", "a"),
    ("tensor_split", "a.tensor_split(2)[1]", lambda a, b: a[2:], "SliceBackward0", "a"),
    ("flip", "a.flip(0)", lambda a, b: a[::-1], "FlipBackward0", "a"),
    ("flip", "a.flip((0, 1))", lambda a, b: a[::-1, ::-1], "FlipBackward0", "a"),
    ("roll", "a.roll(1, 0)", lambda a, b: np.roll(a, 1, 0), "RollBackward0", "a"),
    ("roll", "a.roll(-4)", lambda a, b: np.roll(a, -4), "RollBackward0", "a"),
    ("tile", "a.tile((2, 1))", lambda a, b: np.tile(a, (2, 1)), "RepeatBackward0", "a"),
    ("repeat", "a.repeat(2, 1, 3)", lambda a, b: np.tile(a, (2, 1, 3)), "RepeatBackward0", "a"),
    ("tril", "a.tril()", lambda a, b: np.tril(a), "TrilBackward0", "a"),
    ("triu", "a.triu(1)", lambda a, b: np.triu(a, 1), "TriuBackward0", "a"),
    # products
    ("matmul", "a @ b", lambda a, b: a @ b, "MmBackward0", "a b"),
    ("matmul", "a.reshape(1, 3, 3) @ b", lambda a, b: (a @ b)[None], "UnsafeViewBackward0", "a b"),
    ("matmul", "a[0] @ b", lambda a, b: a[0] @ b, "SqueezeBackward4", "a b"),
    ("mm", "a.mm(b)", lambda a, b: a @ b, "MmBackward0", "a b"),
    ("bmm", "a.unsqueeze(0).bmm(b.unsqueeze(0))", lambda a, b: (a @ b)[None], "BmmBackward0", "a b"),
    ("mv", "a.mv(b[1])", lambda a, b: a @ b[1], "MvBackward0", "a b"),
    ("dot", "a[0].dot(b[2])", lambda a, b: a[0] @ b[2], "DotBackward0", "a b"),
    ("outer", "a[0].outer(b[1])", lambda a, b: np.outer(a[0], b[1]), "MulBackward0", "a b"),
    ("cross", "torch.cross(a, b, dim=1)", lambda a, b: _cross(a, b), "LinalgCrossBackward0", "a b"),
    # conversions
    ("to", "a.to(torch.float32).double()", lambda a, b: a, "ToCopyBackward0", "a"),
    ("float", "a.float().double()", lambda a, b: a, "ToCopyBackward0", "a"),
    ("double", "a.float().double()", lambda a, b: a, "ToCopyBackward0", "a"),
    ("type_as", "a.type_as(b.float())", lambda a, b: a, "ToCopyBackward0", "a"),
    ("half", "a.half()", NAME_ONLY, "ToCopyBackward0", "a"),
    # views
    ("reshape", "a.reshape(9)", lambda a, b: a.reshape(9), "ViewBackward0", "a"),
    ("reshape", "a.t().reshape(9)", lambda a, b: a.T.reshape(9), "UnsafeViewBackward0", "a"),
    ("view", "a.view(9)", lambda a, b: a.reshape(9), "ViewBackward0", "a"),
    ("view_as", "a.view_as(b.reshape(1, 9))", lambda a, b: a.reshape(1, 9), "ViewBackward0", "a"),
    ("reshape_as", "a.reshape_as(b.reshape(9, 1))", lambda a, b: a.reshape(9, 1), "ViewBackward0", "a"),
    ("flatten", "a.flatten()", lambda a, b: a.reshape(-1), "ViewBackward0", "a"),
    ("unflatten", "a.unflatten(1, (3, 1))", lambda a, b: a.reshape(3, 3, 1), "ViewBackward0", "a"),
    ("permute", "a.permute(1, 0)", lambda a, b: a.T, "PermuteBackward0", "a"),
    ("movedim", "a.movedim(0, 1)", lambda a, b: a.T, "PermuteBackward0", "a"),
    ("transpose", "a.transpose(0, 1)", lambda a, b: a.T, "TransposeBackward0", "a"),
    ("t", "a.t()", lambda a, b: a.T, "TBackward0", "a"),
    ("unsqueeze", "a.unsqueeze(1)", lambda a, b: a[:, None], "UnsqueezeBackward0", "a"),
    ("squeeze", "a[:1].squeeze()", lambda a, b: a[0], "SqueezeBackward0", "a"),
    ("squeeze", "a[:1].squeeze(0)", lambda a, b: a[0], "SqueezeBackward1", "a"),
    ("squeeze", "a[:, :1].squeeze((0, 1))", lambda a, b: a[:, 0], "SqueezeBackward2", "a"),
    ("expand", "a[:1].expand(2, 3)", lambda a, b: np.broadcast_to(a[:1], (2, 3)), "ExpandBackward0", "a"),
    ("expand_as", "a[:, :1].expand_as(b)", lambda a, b: np.broadcast_to(a[:, :1], (3, 3)), "ExpandBackward0", "a"),
    ("broadcast_to", "a[1].broadcast_to((2, 3))", lambda a, b: np.broadcast_to(a[1], (2, 3)), "ExpandBackward0", "a"),
    ("narrow", "a.narrow(1, 1, 2)", lambda a, b: a[:, 1:3], "SliceBackward0", "a"),
    ("select", "a.select(1, 2)", lambda a, b: a[:, 2], "SelectBackward0", "a"),
    ("as_strided", "a.as_strided((2, 2), (1, 3), 1)", lambda a, b: a.reshape(9)[[[1, 4], [2, 5]]], "AsStridedBackward0", "a"),
    ("clone", "a.clone()", lambda a, b: a, "CloneBackward0", "a"),
    ("contiguous", "a.t().contiguous()", lambda a, b: a.T, "CloneBackward0", "a"),
    ("unbind", "a.unbind(1)[2]", lambda a, b: a[:, 2], "UnbindBackward0", "a"),
    ("broadcast_tensors", "torch.broadcast_tensors(a[:1], b)[0]", lambda a, b: np.broadcast_to(a[:1], (3, 3)),
     "ExpandBackward0", "a"),
    ("diagonal", "a.diagonal(1)", lambda a, b: np.diagonal(a, 1), "DiagonalBackward0", "a"),
    ("diagonal", "torch.diagonal(a.unsqueeze(0), -1, 1, 2)", lambda a, b: np.diagonal(a[None], -1, 1, 2),
     "DiagonalBackward0", "a"),
    # indexing
    ("getitem", "a[[0, 2]]", lambda a, b: a[[0, 2]], "IndexBackward0", "a"),
    ("getitem", "a[b > 0]", lambda a, b: a[b > 0], "IndexBackward0", "a"),
    ("getitem", "a[1:]", lambda a, b: a[1:], "SliceBackward0", "a"),
    ("getitem", "a[1]", lambda a, b: a[1], "SelectBackward0", "a"),
    ("getitem", "a[None]", lambda a, b: a[None], "UnsqueezeBackward0", "a"),
    ("masked_fill", "a.masked_fill(b > 0, 0.5)", lambda a, b: np.where(b > 0, 0.5, a), "MaskedFillBackward0", "a"),
    ("masked_fill", "a.masked_fill(b > 0, b[0, 0])", lambda a, b: np.where(b > 0, b[0, 0], a),
     "MaskedFillBackward1", "a b"),
    ("index_fill", "a.index_fill(1, torch.tensor([2, 0]), 0.5)", lambda a, b: _fill_cols(a, [2, 0], 0.5),
     "IndexFillBackward0", "a"),
    ("index_fill", "a.index_fill(1, torch.tensor([2, 0]), b[0, 0])", lambda a, b: _fill_cols(a, [2, 0], b[0, 0]),
     "IndexFillBackward1", "a b"),
    ("masked_select", "a.masked_select(b > 0)", lambda a, b: a[b > 0], "MaskedSelectBackward0", "a"),
    ("index_select", "a.index_select(1, torch.tensor([2, 0, 2]))", lambda a, b: a[:, [2, 0, 2]],
     "IndexSelectBackward0", "a"),
    ("gather", "a.gather(1, torch.tensor(GATHER))", lambda a, b: np.take_along_axis(a, GATHER, 1),
     "GatherBackward0", "a"),
    # src shaped as the index (torch's backward of a larger src is an error of its own)
    ("scatter", "a.scatter(1, torch.tensor(IDX), b[:, :1])", lambda a, b: _scatter(a, IDX, b[:, :1]),
     "ScatterBackward0", "a b"),
    ("scatter", "a.scatter(1, torch.tensor(IDX), 2.0)", lambda a, b: _scatter(a, IDX, np.full((3, 1), 2.0)),
     "ScatterBackward1", "a"),
    ("scatter_add", "a.scatter_add(1, torch.tensor(IDX2), b[:, :2])",
     lambda a, b: _scatter(a, IDX2, b[:, :2], add=True), "ScatterAddBackward0", "a b"),
    ("index_put", "a.index_put((torch.tensor([0, 2]),), b[:2])", lambda a, b: _put(a, [0, 2], b[:2]),
     "IndexPutBackward0", "a b"),
    ("index_put", "a.index_put((torch.tensor([0, 0]),), b[1], accumulate=True)",
     lambda a, b: _put(a, [0, 0], b[1], accumulate=True), "IndexPutBackward0", "a b"),
    # elementwise (domains kept inside each function's: |a|, |b| in [0.1, 2.2], off every kink)
    ("neg", "a.neg()", lambda a, b: -a, "NegBackward0", "a"),
    ("abs", "a.abs()", lambda a, b: np.abs(a), "AbsBackward0", "a"),
    ("sign", "a.sign()", lambda a, b: np.sign(a), "SignBackward0", "a"),
    ("exp", "a.exp()", lambda a, b: np.exp(a), "ExpBackward0", "a"),
    ("log", "a.abs().log()", lambda a, b: np.log(np.abs(a)), "LogBackward0", "a"),
    ("log2", "a.abs().log2()", lambda a, b: np.log2(np.abs(a)), "Log2Backward0", "a"),
    ("log10", "a.abs().log10()", lambda a, b: np.log10(np.abs(a)), "Log10Backward0", "a"),
    ("log1p", "a.abs().log1p()", lambda a, b: np.log1p(np.abs(a)), "Log1PBackward0", "a"),
    ("expm1", "a.expm1()", lambda a, b: np.expm1(a), "Expm1Backward0", "a"),
    ("exp2", "a.exp2()", lambda a, b: np.exp2(a), "Exp2Backward0", "a"),
    ("sqrt", "a.abs().sqrt()", lambda a, b: np.sqrt(np.abs(a)), "SqrtBackward0", "a"),
    ("rsqrt", "a.abs().rsqrt()", lambda a, b: 1 / np.sqrt(np.abs(a)), "RsqrtBackward0", "a"),
    ("square", "a.square()", lambda a, b: a * a, "PowBackward0", "a"),
    ("reciprocal", "a.reciprocal()", lambda a, b: 1 / a, "ReciprocalBackward0", "a"),
    ("sin", "a.sin()", lambda a, b: np.sin(a), "SinBackward0", "a"),
    ("cos", "a.cos()", lambda a, b: np.cos(a), "CosBackward0", "a"),
    ("tan", "(a / 2).tan()", lambda a, b: np.tan(a / 2), "TanBackward0", "a"),
    ("asin", "(a / 3).asin()", lambda a, b: np.arcsin(a / 3), "AsinBackward0", "a"),
    ("acos", "(a / 3).acos()", lambda a, b: np.arccos(a / 3), "AcosBackward0", "a"),
    ("atan", "a.atan()", lambda a, b: np.arctan(a), "AtanBackward0", "a"),
    ("sinh", "a.sinh()", lambda a, b: np.sinh(a), "SinhBackward0", "a"),
    ("cosh", "a.cosh()", lambda a, b: np.cosh(a), "CoshBackward0", "a"),
    ("asinh", "a.asinh()", lambda a, b: np.arcsinh(a), "AsinhBackward0", "a"),
    ("sort", "a.sort(1)[0]", lambda a, b: np.sort(a, 1), "SortBackward0", "a"),
    ("sort", "torch.sort(a, dim=0, stable=True)[0]", lambda a, b: np.sort(a, 0), "SortBackward1", "a"),
    ("msort", "torch.msort(a)", lambda a, b: np.sort(a, 0), "SortBackward0", "a"),
    ("topk", "a.topk(2)[0]", lambda a, b: -np.sort(-a, 1)[:, :2], "TopkBackward0", "a"),
    ("kthvalue", "a.kthvalue(2, 0)[0]", lambda a, b: np.sort(a, 0)[1], "KthvalueBackward0", "a"),
    ("median", "a.median()", lambda a, b: np.sort(a.reshape(-1))[4], "MedianBackward0", "a"),
    ("median", "a.median(1)[0]", lambda a, b: np.sort(a, 1)[:, 1], "MedianBackward1", "a"),
    ("nanmedian", "a.nanmedian()", lambda a, b: np.sort(a.reshape(-1))[4], "NanmedianBackward0", "a"),
    ("nanmedian", "a.nanmedian(0)[0]", lambda a, b: np.sort(a, 0)[1], "NanmedianBackward1", "a"),
    ("mode", "a.mode(1)[0]", lambda a, b: a.min(1), "ModeBackward0", "a"),
    ("trace", "a.trace()", lambda a, b: np.trace(a), "TraceBackward0", "a"),
    ("diag", "torch.diag(a[0], 1)", lambda a, b: np.diag(a[0], 1), "DiagEmbedBackward0", "a"),
    ("diag", "torch.diag(a, -1)", lambda a, b: np.diag(a, -1), "DiagonalBackward0_copy", "a"),
    ("matrix_power", "torch.matrix_power(a, 3)", lambda a, b: a @ a @ a, "MmBackward0", "a"),
    ("det", "torch.det(a + E)", lambda a, b: np.linalg.det(a + E), "LinalgDetBackward0", "a"),
    ("inverse", "(a + E).inverse()", lambda a, b: np.linalg.inv(a + E), "LinalgInvExBackward0", "a"),
    ("meshgrid", "torch.meshgrid(a[0], b[1], indexing='xy')[0]", lambda a, b: np.meshgrid(a[0], b[1])[0],
     "ExpandBackward0", "a"),
    ("cartesian_prod", "torch.cartesian_prod(a[0], b[1])",
     lambda a, b: np.array([[x, y] for x in a[0] for y in b[1]]), "StackBackward0", "a b"),
    ("diff", "torch.diff(a, dim=0)", lambda a, b: np.diff(a, axis=0), "SubBackward0", "a"),
    # einsum's node is that of its last step: the product's view, a broadcast product, a permute, a sum
    ("einsum", "torch.einsum('ij,jk->ik', a, b)", lambda a, b: a @ b, "ViewBackward0", "a b"),
    ("einsum", "torch.einsum('ij,jk->ki', a, b)", lambda a, b: (a @ b).T, "ViewBackward0", "a b"),
    ("einsum", "torch.einsum('ij,ij->ij', a, b)", lambda a, b: a * b, "MulBackward0", "a b"),
    ("einsum", "torch.einsum('ii->i', a)", lambda a, b: np.diag(a).copy(), "PermuteBackward0", "a"),
    ("einsum", "torch.einsum('ij->i', a)", lambda a, b: a.sum(1), "SumBackward1", "a"),
    ("kron", "torch.kron(a[:2, :2], b)", lambda a, b: np.kron(a[:2, :2], b), "UnsafeViewBackward0", "a b"),
    ("repeat_interleave", "a.repeat_interleave(2, dim=0)", lambda a, b: np.repeat(a, 2, 0), "ViewBackward0", "a"),
    ("repeat_interleave", "torch.repeat_interleave(a, torch.tensor([1, 0, 2]), dim=1)",
     lambda a, b: np.repeat(a, [1, 0, 2], 1), "IndexSelectBackward0", "a"),
    ("tensordot", "torch.tensordot(a, b, dims=([1], [0]))", lambda a, b: a @ b, "ViewBackward0", "a b"),
    ("inner", "torch.inner(a, b)", lambda a, b: a @ b.T, "ViewBackward0", "a b"),
    ("addmm", "torch.addmm(b[0], a, b, beta=0.5)", lambda a, b: 0.5 * b[0] + a @ b, "AddmmBackward0", "a b"),
    ("block_diag", "torch.block_diag(a, b[0])", lambda a, b: np.block([[a, np.zeros((3, 3))], [np.zeros((1, 3)), b[:1]]]),
     "BlockDiagBackward0", "a b"),
    ("fill_diagonal_", "a.clone().fill_diagonal_(2)", lambda a, b: np.where(np.eye(3) > 0, 2.0, a),
     "torch::autograd::CopySlices", "a"),
    ("__setitem__", "_set(a.clone(), b[0])", lambda a, b: np.concatenate([b[:1], a[1:]]), "torch::autograd::CopySlices",
     "a b"),
    # b + 1 keeps the rows apart (the inputs' near-equal rows make distances too short to difference)
    ("cdist", "torch.cdist(a, b + 1)", lambda a, b: np.sqrt(((a[:, None] - b[None] - 1) ** 2).sum(-1)),
     "CdistBackward0", "a b"),
    ("cdist", "torch.cdist(a, b, p=1)", lambda a, b: np.abs(a[:, None] - b[None]).sum(-1), "CdistBackward0", "a b"),
    ("cov", "torch.cov(a)", lambda a, b: np.cov(a), "SqueezeBackward0", "a"),
    # the inputs' rows barely vary (0.001 steps): corrcoef's gradient there is ~1e2 and central differences
    # miss it by 3e-5 relative; a fixed spread makes it well conditioned
    ("corrcoef", "torch.corrcoef(a + torch.tensor(SPREAD, dtype=a.dtype))", lambda a, b: np.corrcoef(a + SPREAD),
     "ClampBackward1", "a"),
    ("quantile", "a.quantile(0.25)", lambda a, b: np.quantile(a, 0.25), "SqueezeBackward4", "a"),
    ("nanquantile", "torch.nanquantile(a, 0.5, dim=1)", lambda a, b: np.quantile(a, 0.5, axis=1),
     "SqueezeBackward4", "a"),
    # b * 10 stays clear of the halves where round jumps
    ("round", "b.round(decimals=1)", lambda a, b: np.round(b, 1), "RoundBackward1", "b"),
    ("tanh", "a.tanh()", lambda a, b: np.tanh(a), "TanhBackward0", "a"),
    ("sigmoid", "a.sigmoid()", lambda a, b: 1 / (1 + np.exp(-a)), "SigmoidBackward0", "a"),
    ("relu", "a.relu()", lambda a, b: np.maximum(a, 0), "ReluBackward0", "a"),
    ("floor", "a.floor()", lambda a, b: np.floor(a), "FloorBackward0", "a"),
    ("ceil", "a.ceil()", lambda a, b: np.ceil(a), "CeilBackward0", "a"),
    ("round", "a.round()", lambda a, b: np.round(a), "RoundBackward0", "a"),
    ("trunc", "a.trunc()", lambda a, b: np.trunc(a), "TruncBackward0", "a"),
    ("frac", "a.frac()", lambda a, b: a - np.trunc(a), "FracBackward0", "a"),
    ("erf", "a.erf()", lambda a, b: _erf(a), "ErfBackward0", "a"),
    ("erfc", "a.erfc()", lambda a, b: 1 - _erf(a), "ErfcBackward0", "a"),
    ("add", "a.add(b, alpha=2)", lambda a, b: a + 2 * b, "AddBackward0", "a b"),
    ("sub", "a.sub(b)", lambda a, b: a - b, "SubBackward0", "a b"),
    ("mul", "a.mul(b)", lambda a, b: a * b, "MulBackward0", "a b"),
    ("div", "a.div(b)", lambda a, b: a / b, "DivBackward0", "a b"),
    ("remainder", "a.remainder(b.abs() + 3)", lambda a, b: np.mod(a, np.abs(b) + 3), "RemainderBackward1", "a b"),
    ("remainder", "a.remainder(3.5)", lambda a, b: np.mod(a, 3.5), "RemainderBackward0", "a"),
    ("fmod", "a.fmod(b.abs() + 3)", lambda a, b: np.fmod(a, np.abs(b) + 3), "FmodBackward1", "a b"),
    ("fmod", "a.fmod(3.5)", lambda a, b: np.fmod(a, 3.5), "FmodBackward0", "a"),
    ("pow", "a.abs().pow(b)", lambda a, b: np.abs(a) ** b, "PowBackward1", "a b"),
    ("pow", "a.pow(3)", lambda a, b: a ** 3, "PowBackward0", "a"),
    ("atan2", "a.atan2(b)", lambda a, b: np.arctan2(a, b), "Atan2Backward0", "a b"),
    ("maximum", "a.maximum(b)", lambda a, b: np.maximum(a, b), "MaximumBackward0", "a b"),
    ("minimum", "a.minimum(b)", lambda a, b: np.minimum(a, b), "MinimumBackward0", "a b"),
    ("fmax", "a.fmax(b)", lambda a, b: np.fmax(a, b), "FmaxBackward0", "a b"),
    ("fmin", "a.fmin(b)", lambda a, b: np.fmin(a, b), "FminBackward0", "a b"),
    # elementwise functions with their own argument forms
    ("where", "torch.where(b > 0, a, b)", lambda a, b: np.where(b > 0, a, b), "WhereBackward0", "a b"),
    ("clamp", "a.clamp(-1, 1)", lambda a, b: np.clip(a, -1, 1), "ClampBackward1", "a"),
    ("clamp", "a.clamp(b - 1, b + 1)", lambda a, b: np.minimum(np.maximum(a, b - 1), b + 1), "ClampBackward0", "a b"),
    ("clamp_min", "a.clamp_min(0.5)", lambda a, b: np.maximum(a, 0.5), "ClampMinBackward0", "a"),
    ("clamp_min", "torch.clamp_min(a, b)", lambda a, b: np.maximum(a, b), "ClampMinBackward1", "a b"),
    ("clamp_max", "a.clamp_max(0.5)", lambda a, b: np.minimum(a, 0.5), "ClampMaxBackward0", "a"),
    ("clamp_max", "torch.clamp_max(a, b)", lambda a, b: np.minimum(a, b), "ClampMaxBackward1", "a b"),
    ("lerp", "a.lerp(b, 0.3)", lambda a, b: _lerp(a, b, 0.3), "LerpBackward0", "a b"),
    ("lerp", "a.lerp(b, b.sigmoid())", lambda a, b: _lerp(a, b, 1 / (1 + np.exp(-b))), "LerpBackward1", "a b"),
    ("true_divide", "torch.true_divide(a, b)", lambda a, b: a / b, "DivBackward0", "a b"),
    ("rsub", "torch.rsub(a, b)", lambda a, b: b - a, "RsubBackward0", "a b"),
    ("rsub", "torch.rsub(a, 2)", lambda a, b: 2 - a, "RsubBackward1", "a"),
    # torch.linalg (E = 8 I keeps a + E diagonally dominant: far from singular); decompositions whose
    # gradient needs distinct spectra are differenced in test_grad_linalg.py / test_linalg_decompositions.py
    ("linalg.det", "torch.linalg.det(a + E)", lambda a, b: np.linalg.det(a + E), "LinalgDetBackward0", "a"),
    ("linalg.inv", "torch.linalg.inv(a + E)", lambda a, b: np.linalg.inv(a + E), "LinalgInvExBackward0", "a"),
    ("linalg.solve", "torch.linalg.solve(a + E, b)", lambda a, b: np.linalg.solve(a + E, b),
     "LinalgSolveExBackward0", "a b"),
    ("linalg.cholesky", "torch.linalg.cholesky(a @ a.mT + E)", lambda a, b: np.linalg.cholesky(a @ a.T + E),
     "LinalgCholeskyExBackward0", "a"),
    ("linalg.eigh", "torch.linalg.eigh(a + a.mT)[0]", NAME_ONLY, "LinalgEighBackward0", "a"),
    ("linalg.eigvalsh", "torch.linalg.eigvalsh(a + a.mT)", NAME_ONLY, "LinalgEighBackward0", "a"),
    ("linalg.svd", "torch.linalg.svd(a)[1]", NAME_ONLY, "LinalgSvdBackward0", "a"),
    ("linalg.svdvals", "torch.linalg.svdvals(a)", NAME_ONLY, "LinalgSvdBackward0", "a"),
    ("linalg.qr", "torch.linalg.qr(a)[1]", NAME_ONLY, "LinalgQrBackward0", "a"),
    ("linalg.pinv", "torch.linalg.pinv(a + E)", lambda a, b: np.linalg.pinv(a + E), "LinalgPinvBackward0", "a"),
    ("linalg.lstsq", "torch.linalg.lstsq(a + E, b).solution", lambda a, b: np.linalg.solve(a + E, b),
     "LinalgLstsqBackward0", "a b"),
    ("linalg.vector_norm", "torch.linalg.vector_norm(a, 3)", lambda a, b: (np.abs(a) ** 3).sum() ** (1 / 3),
     "LinalgVectorNormBackward0", "a"),
    ("linalg.vector_norm", "torch.linalg.vector_norm(a, float('inf'), 1)", lambda a, b: np.abs(a).max(1),
     "LinalgVectorNormBackward0", "a"),
    ("linalg.matrix_norm", "torch.linalg.matrix_norm(a)", lambda a, b: np.sqrt((a * a).sum()),
     "LinalgVectorNormBackward0", "a"),
    ("linalg.matrix_norm", "torch.linalg.matrix_norm(a, 'nuc')", NAME_ONLY, "SumBackward1", "a"),
    ("linalg.matrix_norm", "torch.linalg.matrix_norm(a, 2)", NAME_ONLY, "AmaxBackward0", "a"),
    ("linalg.norm", "torch.linalg.norm(a)", lambda a, b: np.sqrt((a * a).sum()), "LinalgVectorNormBackward0", "a"),
    ("linalg.cross", "torch.linalg.cross(a, b)", lambda a, b: np.cross(a, b), "LinalgCrossBackward0", "a b"),
    # in place (on a clone, so the leaf itself is not written)
    ("copy_", "a.clone().copy_(b)", lambda a, b: b, "torch::autograd::CopyBackwards", "a b"),
    ("fill_", "a.clone().fill_(2)", lambda a, b: np.full((3, 3), 2.0), "FillBackward2", "a"),
    ("zero_", "a.clone().zero_()", lambda a, b: np.zeros((3, 3)), "ZeroBackward0", "a"),
    ("masked_fill_", "a.clone().masked_fill_(b > 0, 0.5)", lambda a, b: np.where(b > 0, 0.5, a),
     "MaskedFillBackward0", "a"),
    ("index_fill_", "a.clone().index_fill_(0, torch.tensor([1]), 0.5)", lambda a, b: _fill_rows(a, [1], 0.5),
     "IndexFillBackward0", "a"),
    ("index_put_", "a.clone().index_put_((torch.tensor([0, 2]),), b[:2])", lambda a, b: _put(a, [0, 2], b[:2]),
     "IndexPutBackward0", "a b"),
    ("scatter_", "a.clone().scatter_(1, torch.tensor(IDX), b[:, :1])", lambda a, b: _scatter(a, IDX, b[:, :1]),
     "ScatterBackward0", "a b"),
    ("scatter_add_", "a.clone().scatter_add_(1, torch.tensor(IDX2), b[:, :2])",
     lambda a, b: _scatter(a, IDX2, b[:, :2], add=True), "ScatterAddBackward0", "a b"),
    ("tril_", "a.clone().tril_()", lambda a, b: np.tril(a), "TrilBackward0", "a"),
    ("triu_", "a.clone().triu_()", lambda a, b: np.triu(a), "TriuBackward0", "a"),
    ("cumsum_", "a.clone().cumsum_(0)", lambda a, b: a.cumsum(0), "CumsumBackward0", "a"),
    ("cumprod_", "a.clone().cumprod_(1)", lambda a, b: a.cumprod(1), "CumprodBackward0", "a"),
    ("clamp_", "a.clone().clamp_(-1, 1)", lambda a, b: np.clip(a, -1, 1), "ClampBackward1", "a"),
    ("lerp_", "a.clone().lerp_(b, 0.3)", lambda a, b: _lerp(a, b, 0.3), "LerpBackward0", "a b"),
    ("exp_", "a.clone().exp_()", lambda a, b: np.exp(a), "ExpBackward0", "a"),
    ("mul_", "a.clone().mul_(b)", lambda a, b: a * b, "MulBackward0", "a b"),
    ("squeeze_", "a[:1].clone().squeeze_()", lambda a, b: a[0], "SqueezeBackward3", "a"),
    ("squeeze_", "a[:1].clone().squeeze_(0)", lambda a, b: a[0], "SqueezeBackward4", "a"),
    ("unsqueeze_", "a.clone().unsqueeze_(0)", lambda a, b: a[None], "UnsqueezeBackward1", "a"),
    ("t_", "a.clone().t_()", lambda a, b: a.T, "TBackward1", "a"),
    ("transpose_", "a.clone().transpose_(0, 1)", lambda a, b: a.T, "TransposeBackward1", "a"),
    ("uniform_", "a.clone().uniform_()", RANDOM, "UniformBackward0", "a"),
    ("normal_", "a.clone().normal_()", RANDOM, "NormalBackward0", "a"),
    ("random_", "a.clone().random_(0, 5)", RANDOM, "RandomBackward0", "a"),
    ("bernoulli_", "a.clone().bernoulli_(0.5)", RANDOM, "BernoulliBackward2", "a"),
    ("exponential_", "a.clone().exponential_()", RANDOM, "ExponentialBackward0", "a"),
    ("random_", "a.clone().random_()", RANDOM, "RandomBackward2", "a"),
    ("bernoulli", "torch.bernoulli(a.sigmoid())", RANDOM, "BernoulliBackward0", "a"),
    ("normal", "torch.normal(a, 1.0)", RANDOM, "NormalBackward1", "a"),
    ("normal", "torch.normal(2.0, a.abs())", RANDOM, "NormalBackward2", "a"),
    ("normal", "torch.normal(a, a.abs())", RANDOM, "NormalBackward3", "a"),
]


def _slug(op):
    return op.rstrip("_").replace("_", "-").replace(".", "-") + ("-inplace" if op.endswith("_") else "")


def _rows(rows):
    return [pytest.param(code, fn, node, wrt, marks=spec(f"autograd.node-{_slug(op)}", AUTOGRAD), id=f"{op}:{code}")
            for op, code, fn, node, wrt in rows]


def _inputs(data):
    """Two 3x3 float64 matrices whose entries sit a quarter-grid step plus 1/8 off every integer and
    half (no kink of floor/round/clamp/abs, no tie of max), made distinct by a tiny ramp."""
    ramp = 1e-3 * np.arange(9).reshape(3, 3)
    a = data.draw(S.arrays("float64", (3, 3), lo=-2, hi=2, quarters=True, layouts=S.CONTIGUOUS), label="a")
    b = data.draw(S.arrays("float64", (3, 3), lo=-2, hi=2, quarters=True, layouts=S.CONTIGUOUS), label="b")
    return np.asarray(a) + 0.125 + ramp, np.asarray(b) + 0.1245 - ramp


FIXED = (np.array([[1.625, -0.375, 2.125], [0.125, -1.875, 1.375], [-0.625, 0.875, 1.125]]),
         np.array([[0.375, 1.125, -1.375], [-0.875, 0.625, 1.875], [1.625, -0.125, 0.375]]))
PRELUDE = (f"E = 8 * torch.eye(3, dtype=torch.float64)\nIDX = {IDX.tolist()}\nIDX2 = {IDX2.tolist()}\n"
           f"GATHER = {GATHER.tolist()}\nSPREAD = {SPREAD.tolist()}\ndef _set(x, v):\n    x[0] = v\n    return x")


@pytest.mark.parametrize("code, fn, node, wrt", _rows(NODES))
def test_node_name(T, code, fn, node, wrt):
    check(T, f"{PRELUDE}\na.requires_grad_(); b.requires_grad_()\n({code}).grad_fn.name()", *FIXED,
          expected=node)


# fixed 3x3 inputs: a fifth of the profile's draws per row (5 in ci, 40 in thorough) covers them
@pytest.mark.parametrize("code, fn, node, wrt", _rows([r for r in NODES if r[2] is not None]))
@settings(max_examples=max(3, settings.default.max_examples // 5))
@given(data=st.data())
def test_node_gradient(T, code, fn, node, wrt, data):
    a, b = _inputs(data)
    names = wrt.split()
    idx = [("a", "b").index(n) for n in names]
    if fn is RANDOM:
        oracle = lambda a, b: (a, lambda g: tuple(np.zeros((3, 3)) for _ in names))  # noqa: E731
    elif hasattr(fn, "pullback"):
        oracle = op(fn, fn.pullback)
    else:
        oracle = lambda a, b: numeric_pullback(fn, a, b, wrt=idx)  # noqa: E731
    check_grad(T, data, code, a, b, wrt=names, prelude=PRELUDE, rtol=1e-6, atol=1e-8, oracle=oracle)



# What a node keeps (grad_fn._saved_<name>, as torch exposes it): the inputs as given (a mask is not
# broadcast first), and a Python bound as the Python number itself, not a tensor made of it.
SAVED = [
    ("masked-select-self", "torch.masked_select(a[0], b > 0)", "_saved_self", lambda a, b: ("Tensor", a[0])),
    ("masked-select-mask", "torch.masked_select(a[0], b > 0)", "_saved_mask", lambda a, b: ("Tensor", b > 0)),
    ("masked-select-row-mask", "torch.masked_select(a, b[0] > 0)", "_saved_mask", lambda a, b: ("Tensor", b[0] > 0)),
    ("clamp-min-scalar", "a.clamp_min(0.5)", "_saved_min", lambda a, b: ("float", 0.5)),
    ("clamp-min-tensor", "torch.clamp_min(a, b)", "_saved_min", lambda a, b: ("Tensor", b)),
    ("clamp-max-scalar", "torch.clamp_max(a, 2)", "_saved_max", lambda a, b: ("int", 2)),
    ("clamp-int-bounds", "a.clamp(0, 1)", "_saved_min", lambda a, b: ("int", 0)),
    ("clamp-self", "a.clamp_min(0.5)", "_saved_self", lambda a, b: ("Tensor", a)),
]


@pytest.mark.parametrize("code, attr, want", [
    pytest.param(code, attr, want, marks=spec(f"autograd.node-saved-{slug}", AUTOGRAD), id=slug)
    for slug, code, attr, want in SAVED])
def test_node_saved_values(T, code, attr, want):
    check(T, f"a.requires_grad_(); b.requires_grad_()\nv = ({code}).grad_fn.{attr}\n"
             "('Tensor' if isinstance(v, torch.Tensor) else type(v).__name__, v)", *FIXED, expected=want)
