"""Products of whole tensors: einsum, tensordot, inner and kron.

einsum reduces the equation to view ops, sums and batched matrix products (torch's own strategy), so
it costs one bmm per pair of operands, never a Python loop per element, and its gradient is the
gradient of those ops. The final node takes the name torch's result carries.
"""
import math

from .. import _dtype as D
from .._tensor import Tensor
from . import registry as R
from ._grad_utils import renamed
from .linalg import bmm

_ELLIPSIS = "..."


class _Term:
    """One operand's subscripts: labels (letters, ellipsis dims as "...0", "...1") and its tensor."""
    __slots__ = ("labels", "x")

    def __init__(self, labels, x):
        self.labels, self.x = labels, x


def _sublist_letter(i):
    if not isinstance(i, int) or not 0 <= i < 52:
        raise RuntimeError(f"einsum(): expected subscript to be within the range [0, 52), but got {i}")
    return chr(ord("A") + i) if i < 26 else chr(ord("a") + i - 26)


def _from_sublists(args):
    """einsum(op0, [0, 1], op1, [1, 2], [0, 2]): the sublist form, rewritten as an equation."""
    def letters(sub):
        return "".join(_ELLIPSIS if s is Ellipsis else _sublist_letter(s) for s in sub)
    operands = list(args[0::2][:len(args) // 2])
    terms = [letters(s) for s in args[1::2][:len(args) // 2]]
    eq = ",".join(terms)
    if len(args) % 2:
        eq += "->" + letters(args[-1])
    return eq, operands


def _arguments(args):
    if not args:
        raise TypeError("einsum(): must specify the equation string and at least one operand, or at least "
                        "one operand and its subscripts list")
    if not isinstance(args[0], str):
        return _from_sublists(args)
    equation, operands = args[0], list(args[1:])
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = list(operands[0])
    for i, op in enumerate(operands):
        if not isinstance(op, Tensor):
            raise TypeError(f"einsum(): argument 'operands' must be tuple of Tensors, but found element of type "
                            f"{type(op).__name__} at pos {i}")
    return equation, operands


def _parse_term(text, start, operand):
    """The labels of one term; `start` is its index in the equation (for torch's error messages)."""
    labels, i, seen_ellipsis = [], 0, False
    while i < len(text):
        c = text[i]
        if c == " ":
            i += 1
            continue
        if text.startswith(_ELLIPSIS, i):
            if seen_ellipsis:
                raise RuntimeError("einsum(): found '.' for operand that is not part of any ellipsis or more than "
                                   "one ellipsis")
            seen_ellipsis = True
            labels.append(_ELLIPSIS)
            i += 3
            continue
        if c == ".":
            raise RuntimeError(f"einsum(): found '.' for operand {operand} that is not part of any ellipsis")
        if not ("a" <= c <= "z" or "A" <= c <= "Z"):
            raise RuntimeError(f"einsum(): invalid subscript given at index {start + i} in the equation string, "
                               f"subscripts must be in [a-zA-Z]")
        labels.append(c)
        i += 1
    return labels


def _split(equation):
    """(list of input label lists, output label list or None for the implicit form)."""
    lhs, arrow, rhs = equation.partition("->")
    inputs, start = [], 0
    for k, text in enumerate(lhs.split(",")):
        inputs.append(_parse_term(text, start, k))
        start += len(text) + 1
    output = _parse_term(rhs, len(lhs) + 2, "output") if arrow else None
    return inputs, output


def _expand_ellipsis(inputs, operands):
    """Each operand's labels with its ellipsis replaced by the names of the broadcast dims it covers
    (right-aligned, as broadcasting aligns them); returns (terms, ellipsis dim names)."""
    counts = []
    for k, (labels, x) in enumerate(zip(inputs, operands)):
        letters = len([lab for lab in labels if lab != _ELLIPSIS])
        if _ELLIPSIS in labels:
            if letters > x.dim():
                raise RuntimeError(f"einsum(): the number of subscripts in the equation ({letters}) is more than the "
                                   f"number of dimensions ({x.dim()}) for operand {k}")
            counts.append(x.dim() - letters)
        else:
            if letters != x.dim():
                raise RuntimeError(f"einsum(): the number of subscripts in the equation ({letters}) does not match the "
                                   f"number of dimensions ({x.dim()}) for operand {k} and no ellipsis was given")
            counts.append(0)
    n_ellipsis = max(counts, default=0)
    ellipsis_dims = [f"{_ELLIPSIS}{j}" for j in range(n_ellipsis)]
    terms = []
    for labels, x, n in zip(inputs, operands, counts):
        expanded = []
        for lab in labels:
            expanded += ellipsis_dims[n_ellipsis - n:] if lab == _ELLIPSIS else [lab]
        terms.append(_Term(expanded, x))
    return terms, ellipsis_dims


def _sizes(terms, operands):
    """label -> size; a dim of size 1 broadcasts against any size, other sizes must agree."""
    sizes = {}
    for k, t in enumerate(terms):
        for lab, n in zip(t.labels, t.x.shape):
            seen = sizes.get(lab)
            if seen is None or seen == 1:
                sizes[lab] = n
            elif n != 1 and n != seen:
                if lab.startswith(_ELLIPSIS):
                    local = [m for m in t.labels if m.startswith(_ELLIPSIS)].index(lab)
                    raise RuntimeError(f"einsum(): dimension {local} covered by ellipsis in operand {k} has size {n} "
                                       f"which does not broadcast with previously seen ellipsis with size {seen} for "
                                       f"the respective dimension")
                raise RuntimeError(f"einsum(): subscript {lab} has size {n} for operand {k} which does not broadcast "
                                   f"with previously seen size {seen}")
    return sizes


def _take_diagonals(t, k):
    """A label repeated within one operand reads its diagonal (the diagonal becomes the last dim)."""
    labels, x = list(t.labels), t.x
    while len(set(labels)) < len(labels):
        p = next(i for i, lab in enumerate(labels) if labels.index(lab) != i)
        q = labels.index(labels[p])
        if x.shape[p] != x.shape[q]:
            raise RuntimeError(f"einsum(): subscript {labels[p]} is repeated for operand {k} but the sizes don't "
                               f"match, {x.shape[p]} != {x.shape[q]}")
        lab = labels[p]
        x = x.diagonal(0, q, p)
        labels = [m for i, m in enumerate(labels) if i not in (p, q)] + [lab]
    return _Term(labels, x)


def _sum_out(t, keep):
    """Sum the dims whose labels are not in `keep`."""
    drop = [i for i, lab in enumerate(t.labels) if lab not in keep]
    if not drop:
        return t
    return _Term([lab for lab in t.labels if lab in keep], t.x.sum(dim=tuple(drop)))


def _arranged(t, order):
    """t's tensor with its dims permuted to `order` (labels t lacks become dims of size 1)."""
    present = [lab for lab in order if lab in t.labels]
    x = t.x
    if present != t.labels:
        x = x.permute([t.labels.index(lab) for lab in present])
    shape = [x.shape[present.index(lab)] if lab in t.labels else 1 for lab in order]
    return x.reshape(shape) if len(shape) != x.dim() else x


def _contract_pair(a, b, needed, out=None):
    """The product of two terms, summed over the labels they share that nothing later needs (`out`:
    the output's order, for the last pair)."""
    a = _sum_out(a, needed | set(b.labels))
    b = _sum_out(b, needed | set(a.labels))
    shared = [lab for lab in a.labels if lab in b.labels]
    batch = [lab for lab in shared if lab in needed]
    summed = [lab for lab in shared if lab not in needed]
    left = [lab for lab in a.labels if lab not in b.labels]
    right = [lab for lab in b.labels if lab not in a.labels]
    if not summed:
        # nothing to contract: a broadcast product (torch's MulBackward0)
        order = out if out is not None else batch + left + right
        return _Term(order, _arranged(a, order) * _arranged(b, order))
    # a contracted dim of size 1 on one side broadcasts: that side's sum over it is the same product
    for lab in summed:
        na, nb = a.x.shape[a.labels.index(lab)], b.x.shape[b.labels.index(lab)]
        if na != nb:
            big = a if nb == 1 else b
            i = big.labels.index(lab)
            shrunk = _Term(big.labels, big.x.sum(dim=i, keepdim=True))
            a, b = (shrunk, b) if big is a else (a, shrunk)
    if a.x.dtype is not b.x.dtype:
        raise RuntimeError(f"expected scalar type {D.TYPE_NAMES[a.x.dtype.name]} but found "
                           f"{D.TYPE_NAMES[b.x.dtype.name]}")
    xa = _arranged(a, batch + left + summed)
    xb = _arranged(b, batch + summed + right)
    nbatch = len(batch)
    batch_shape = [max(xa.shape[i], xb.shape[i]) for i in range(nbatch)]
    left_shape = list(xa.shape[nbatch:nbatch + len(left)])
    right_shape = list(xb.shape[nbatch + len(summed):])
    inner = math.prod(xa.shape[nbatch + len(left):])
    xa = xa.expand(batch_shape + list(xa.shape[nbatch:]))
    xb = xb.expand(batch_shape + list(xb.shape[nbatch:]))
    nb = math.prod(batch_shape)
    prod = bmm(xa.reshape(nb, math.prod(left_shape), inner), xb.reshape(nb, inner, math.prod(right_shape)))
    return _Term(batch + left + right, prod.reshape(batch_shape + left_shape + right_shape))


def _output_labels(inputs, output, terms, ellipsis_dims):
    if output is None:
        # implicit form: the broadcast dims, then the letters used exactly once, in ASCII order
        letters = [lab for labels in inputs for lab in labels if lab != _ELLIPSIS]
        return ellipsis_dims + sorted(lab for lab in set(letters) if letters.count(lab) == 1)
    seen, out = set(), []
    used = {lab for t in terms for lab in t.labels}
    for lab in output:
        if lab == _ELLIPSIS:
            out += ellipsis_dims
            continue
        if lab in seen:
            raise RuntimeError(f"einsum(): output subscript {lab} appears more than once in the output")
        if lab not in used:
            raise RuntimeError(f"einsum(): output subscript {lab} does not appear in the equation for any input "
                               f"operand")
        seen.add(lab)
        out.append(lab)
    return out


def einsum(*args):
    """einsum(equation, *operands), einsum(equation, [operands]) or the sublist form."""
    equation, operands = _arguments(args)
    inputs, output = _split(equation)
    if len(inputs) > len(operands):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the equation")
    if len(inputs) < len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    terms, ellipsis_dims = _expand_ellipsis(inputs, operands)
    out = _output_labels(inputs, output, terms, ellipsis_dims)
    terms = [_take_diagonals(t, k) for k, t in enumerate(terms)]
    _sizes(terms, operands)
    res = terms[0]
    if len(terms) == 1:
        # torch permutes the output's dims first (even in their own order), then sums the rest
        summed = [lab for lab in res.labels if lab not in out]
        x = res.x.permute([res.labels.index(lab) for lab in out + summed]) if res.labels else res.x
        return x.sum(dim=tuple(range(len(out), len(out) + len(summed)))) if summed else x
    for k in range(1, len(terms)):
        needed = set(out).union(*(t.labels for t in terms[k + 1:]))
        res = _contract_pair(res, terms[k], needed, out if k == len(terms) - 1 else None)
    if res.labels == out:
        return res.x
    # torch lays the last product out in the output's order: its node is the product's ViewBackward0
    return renamed(res.x.permute([res.labels.index(lab) for lab in out]), "ViewBackward0")


def _tensordot_dims(a, b, dims):
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        if dims > min(a.dim(), b.dim()):
            raise RuntimeError(f"tensordot expects dims < ndim_a or ndim_b, but got dims={dims}")
        return list(range(a.dim() - dims, a.dim())), list(range(dims))
    da, db = dims
    da, db = ([da], [db]) if isinstance(da, int) else (list(da), list(db))
    if len(da) != len(db):
        raise RuntimeError(f"both dimension lists should have same length, but got {len(da)} and {len(db)}")
    return [d % a.dim() for d in da], [d % b.dim() for d in db]


def tensordot(a, b, dims=2, out=None):
    """Sum of products over dims[0] of a paired with dims[1] of b (an int n: a's last n with b's first n);
    the free dims of a, then those of b, one matrix product."""
    da, db = _tensordot_dims(a, b, dims)
    for i, j in zip(da, db):
        if a.shape[i] != b.shape[j]:
            raise RuntimeError(f"contracted dimensions need to match, but first has size {a.shape[i]} in dim {i} and "
                               f"second has size {b.shape[j]} in dim {j}")
    free_a = [d for d in range(a.dim()) if d not in da]
    free_b = [d for d in range(b.dim()) if d not in db]
    inner = math.prod(a.shape[d] for d in da)
    left = a.permute(free_a + da).reshape(math.prod(a.shape[d] for d in free_a), inner)
    right = b.permute(db + free_b).reshape(inner, math.prod(b.shape[d] for d in free_b))
    res = left.mm(right).reshape([a.shape[d] for d in free_a] + [b.shape[d] for d in free_b])
    return res if out is None else out.resize_(res.shape).copy_(res)


def inner(input, other):
    """Sum of products over the last dim of each (a 0-dim operand scales the other)."""
    if input.dim() == 0 or other.dim() == 0:
        return input * other
    if input.shape[-1] != other.shape[-1]:
        raise RuntimeError(f"inner() the last dimension must match on both input tensors but got shapes "
                           f"{list(input.shape)} and {list(other.shape)}")
    return tensordot(input, other, ([-1], [-1]))


def _interleaved(shape, before):
    """(s0, 1, s1, 1, ...) or, with before=True, (1, s0, 1, s1, ...)."""
    out = []
    for s in shape:
        out += [1, s] if before else [s, 1]
    return out


def kron(input, other):
    """The Kronecker product: block (i0, i1, ...) of the result is input[i0, i1, ...] * other."""
    for name, x in (("input", input), ("other", other)):
        if not isinstance(x, Tensor):
            raise TypeError(f"kron(): argument '{name}' must be Tensor, not {type(x).__name__}")
    n = max(input.dim(), other.dim())
    a = input.reshape([1] * (n - input.dim()) + list(input.shape))
    b = other.reshape([1] * (n - other.dim()) + list(other.shape))
    blocks = a.reshape(_interleaved(a.shape, False)) * b.reshape(_interleaved(b.shape, True))
    # torch views its fresh product without a copy: UnsafeViewBackward0
    return renamed(blocks.reshape([p * q for p, q in zip(a.shape, b.shape)]), "UnsafeViewBackward0")


# ---------------------------------------------------------------- registry
R.define("contractions", einsum, node="ViewBackward0", dtype=R.ARITH, method=False)
R.define("contractions", kron, node="UnsafeViewBackward0", dtype=R.ARITH)
R.define("contractions", tensordot, node="ViewBackward0", dtype=R.MATCHING, method=False)
R.define("contractions", inner, node="ViewBackward0", dtype=R.MATCHING)
