"""torch.nn.utils.rnn (https://pytorch.org/docs/stable/generated/torch.nn.utils.rnn.pad_sequence.html,
pack_padded_sequence, pack_sequence, pad_packed_sequence, PackedSequence, unpad_sequence, unpack_sequence):
padding a list of sequences, packing a padded batch into time-major rows with its batch sizes and
sorting permutation, and back; values against spec_tests/oracle_nn_rnn.py, the gradient through
pack and unpack, and the errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn_rnn as O
from . import strategies as S
from .catalogue import api, spec
from .grad_harness import check_grad
from .harness import check, check_raises
from .messages import error_cases

U = "torch.nn.utils.rnn"


def page(name):
    return api(f"torch.nn.utils.rnn.{name}")


@st.composite
def sequences(draw, dtype=None, distinct=False, sort=False):
    """A list of (L_i, F) arrays (F may be absent), lengths >= 1."""
    n = draw(st.integers(1, 4), label="batch")
    if distinct:
        lengths = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n, unique=True), label="lengths")
    else:
        lengths = draw(st.lists(st.integers(1, 4), min_size=n, max_size=n), label="lengths")
    if sort:
        lengths = sorted(lengths, reverse=True)
    feat = draw(st.sampled_from([(), (2,), (1, 3)]), label="trailing shape")
    dt = dtype or draw(st.sampled_from(["float32", "float64", "int64"]), label="dtype")
    return [draw(S.arrays(dt, (length,) + feat, lo=-5, hi=5), label=f"seq{i}") for i, length in enumerate(lengths)]


@spec("nn.pad-sequence", page("pad_sequence"))
@given(seqs=sequences(), batch_first=st.booleans(), value=st.sampled_from([0.0, -1.0, 7.0]),
       side=st.sampled_from(["right", "left"]))
def test_pad_sequence(T, seqs, batch_first, value, side):
    code = f"{U}.pad_sequence(a, batch_first={batch_first}, padding_value={value}, padding_side={side!r})"
    check(T, code, seqs, expected=lambda s: O.pad_sequence(s, batch_first, value, side))


@spec("nn.pad-sequence-gradient", page("pad_sequence"))
@given(data=st.data())
def test_pad_sequence_grad(T, data):
    """Each sequence gets back the gradient of its own (unpadded) positions."""
    seqs = data.draw(sequences("float64"), label="seqs")
    n = len(seqs)
    names = "abcd"[:n]
    code = f"{U}.pad_sequence([{', '.join(names)}], padding_side='left')"

    def oracle(*arrays):
        out = O.pad_sequence(list(arrays), padding_side="left")
        longest = out.shape[0]
        return out, lambda g: tuple(g[longest - a.shape[0]:, i] for i, a in enumerate(arrays))
    check_grad(T, data, code, *seqs, oracle=oracle)


@spec("nn.pack-padded-sequence-sorted", page("pack_padded_sequence"))
@given(seqs=sequences(sort=True), batch_first=st.booleans())
def test_pack_padded_sorted(T, seqs, batch_first):
    """data holds step 0 of every sequence, then step 1 of those still running...; batch_sizes (int64)
    counts them; a sorted batch has no permutation."""
    padded = O.pad_sequence(seqs, batch_first)
    lengths = [s.shape[0] for s in seqs]
    code = (f"p = {U}.pack_padded_sequence(a, {lengths}, batch_first={batch_first})\n"
            "(p.data, p.batch_sizes, p.sorted_indices, p.unsorted_indices)")
    check(T, code, padded, expected=lambda x: O.pack(x, lengths, batch_first) + (None, None))


@spec("nn.pack-padded-sequence-unsorted", page("pack_padded_sequence"))
@given(seqs=sequences(distinct=True))
def test_pack_padded_unsorted(T, seqs):
    """enforce_sorted=False sorts by decreasing length: sorted_indices is that order, unsorted_indices its
    inverse, and the rows are those of the sorted batch."""
    lengths = [s.shape[0] for s in seqs]
    order = np.argsort(-np.array(lengths), kind="stable")
    inverse = np.argsort(order)
    padded = O.pad_sequence(seqs)
    code = (f"p = {U}.pack_padded_sequence(a, torch.tensor({lengths}), enforce_sorted=False)\n"
            "(p.data, p.batch_sizes, p.sorted_indices, p.unsorted_indices)")

    def expected(x):
        data, sizes = O.pack(x[:, order], [lengths[i] for i in order])
        return data, sizes, order.astype(np.int64), inverse.astype(np.int64)
    check(T, code, padded, expected=expected)


@spec("nn.pack-sequence", page("pack_sequence"))
@given(seqs=sequences(distinct=True), enforce=st.booleans())
def test_pack_sequence(T, seqs, enforce):
    """pack_sequence(seqs) packs pad_sequence(seqs) with the sequences' lengths."""
    if enforce:
        seqs = sorted(seqs, key=lambda s: -s.shape[0])
    lengths = [s.shape[0] for s in seqs]
    order = np.argsort(-np.array(lengths), kind="stable")
    code = f"p = {U}.pack_sequence(a, enforce_sorted={enforce})\n(p.data, p.batch_sizes)"
    check(T, code, seqs, expected=lambda s: O.pack(O.pad_sequence([s[i] for i in order]),
                                                   [lengths[i] for i in order]))


@spec("nn.pad-packed-sequence-round-trip", page("pad_packed_sequence"))
@given(seqs=sequences(), batch_first=st.booleans(), extra=st.integers(0, 2), value=st.sampled_from([0.0, -3.0]))
def test_pad_packed_round_trip(T, seqs, batch_first, extra, value):
    """pad_packed_sequence(pack_padded_sequence(x, lengths)) gives x back in the original batch order,
    padded with padding_value to total_length, and the lengths as an int64 tensor."""
    lengths = [s.shape[0] for s in seqs]
    total = max(lengths) + extra
    padded = O.pad_sequence(seqs, batch_first, value)
    code = (f"p = {U}.pack_padded_sequence(a, {lengths}, batch_first={batch_first}, enforce_sorted=False)\n"
            f"{U}.pad_packed_sequence(p, batch_first={batch_first}, padding_value={value}, total_length={total})")

    def expected(x):
        out = O.pad_sequence(seqs, True, value)
        out = np.concatenate([out, np.full((len(seqs), total - out.shape[1]) + out.shape[2:], value, out.dtype)], 1)
        return (out if batch_first else np.swapaxes(out, 0, 1)), np.array(lengths, np.int64)
    check(T, code, padded, expected=expected)


@spec("nn.pack-unpack-gradient-masks-padding", page("pack_padded_sequence"))
@given(data=st.data())
def test_pack_unpack_grad(T, data):
    """Through pack and unpack the gradient reaches the positions inside each length, zero elsewhere."""
    seqs = data.draw(sequences("float64"), label="seqs")
    lengths = [s.shape[0] for s in seqs]
    x = O.pad_sequence(seqs)
    code = (f"{U}.pad_packed_sequence({U}.pack_padded_sequence(a, {lengths}, enforce_sorted=False), "
            f"total_length={x.shape[0]})[0]")
    mask = np.zeros(x.shape)
    for b, n in enumerate(lengths):
        mask[:n, b] = 1.0

    def oracle(x):
        return x * mask, lambda g: (g * mask,)
    check_grad(T, data, code, x, oracle=oracle)


@spec("nn.unpack-and-unpad-sequence", page("unpack_sequence"))
@given(seqs=sequences())
def test_unpack_unpad(T, seqs):
    lengths = [s.shape[0] for s in seqs]
    code = (f"(list({U}.unpack_sequence({U}.pack_sequence(a, enforce_sorted=False))), "
            f"list({U}.unpad_sequence({U}.pad_sequence(a, batch_first=True), torch.tensor({lengths}), "
            "batch_first=True)))")
    check(T, code, seqs, expected=lambda s: (list(s), list(s)))


@spec("nn.packed-sequence-is-a-namedtuple", page("PackedSequence"))
def test_packed_sequence_fields(T):
    code = (f"p = {U}.pack_sequence([torch.ones(3, 2), torch.ones(1, 2)])\n"
            f"(isinstance(p, tuple), p._fields, isinstance(p, {U}.PackedSequence), len(p))")
    check(T, code, expected=(True, ("data", "batch_sizes", "sorted_indices", "unsorted_indices"), True, 4))


ERRORS = error_cases([
    ("nn.pack-padded-unsorted-lengths-raises", page("pack_padded_sequence"),
     f"{U}.pack_padded_sequence(a, [2, 3, 4])", RuntimeError, ("enforce_sorted",)),
    ("nn.pack-padded-zero-length-raises", page("pack_padded_sequence"),
     f"{U}.pack_padded_sequence(a, [4, 3, 0])", RuntimeError, ("greater than 0",)),
    ("nn.pack-padded-lengths-count-raises", page("pack_padded_sequence"),
     f"{U}.pack_padded_sequence(a, [4, 3])", RuntimeError, ("batch_size", 2, 3)),
    ("nn.pad-packed-total-length-too-small-raises", page("pad_packed_sequence"),
     f"{U}.pad_packed_sequence({U}.pack_padded_sequence(a, [4, 3, 2]), total_length=3)", ValueError,
     ("total_length=3", 4)),
    ("nn.pad-sequence-padding-side-raises", page("pad_sequence"),
     f"{U}.pad_sequence([a[0], a[1]], padding_side='middle')", RuntimeError, ("middle",)),
    ("nn.pad-sequence-trailing-shape-mismatch-raises", page("pad_sequence"),
     f"{U}.pad_sequence([a[0], a[1].reshape(2, 3)])", RuntimeError, (2, 3)),
])


@pytest.mark.parametrize("code, exc, named", ERRORS)
def test_errors(T, code, exc, named):
    check_raises(T, code, np.linspace(-1, 1, 24, dtype=np.float32).reshape(4, 3, 2), exc=exc, contains=named)
