"""Variable-length sequences for the recurrent layers (torch.nn.utils.rnn): padding a list of
sequences, packing a padded batch into time-major rows, and back.

A PackedSequence holds `data` (rows grouped by time step, the longest sequences first),
`batch_sizes` (int64 on the CPU, rows per step), and the permutation that sorted the batch by length
(`sorted_indices`) with its inverse (`unsorted_indices`), None when the batch came sorted. Every
rearrangement is an index_select, so gradients flow back to the padded input."""
from collections import namedtuple

import numpy as np

from ..._dtype import int64
from ..._ops.creation import full, tensor
from ..._ops.joining import cat, stack

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence", "pad_sequence",
           "unpad_sequence", "pack_sequence", "unpack_sequence"]


def _int64_tensor(values):
    return tensor(np.asarray(values, dtype=np.int64).tolist(), dtype=int64)


def invert_permutation(permutation):
    """The inverse of a permutation of 0..n-1 (None stays None)."""
    if permutation is None:
        return None
    order = np.asarray(permutation.tolist(), dtype=np.int64)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(order.size)
    return _int64_tensor(inverse).to(permutation.device)


class PackedSequence(namedtuple("PackedSequence_", ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])):
    """Packed rows of variable-length sequences; build it with pack_padded_sequence or pack_sequence."""

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:
            raise ValueError("PackedSequence needs batch_sizes; build one with pack_padded_sequence or "
                             "pack_sequence")
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def _with_data(self, data):
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def to(self, *args, **kwargs):
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        device = data.device
        move = (lambda t: None if t is None else t.to(device))
        return type(self)(data, self.batch_sizes, move(self.sorted_indices), move(self.unsorted_indices))

    def double(self):
        return self._with_data(self.data.double())

    def float(self):
        return self._with_data(self.data.float())

    def cpu(self):
        return self.to("cpu")

    @property
    def is_cuda(self):
        return self.data.is_cuda


def _lengths_list(lengths):
    return [int(v) for v in (lengths.tolist() if hasattr(lengths, "tolist") else lengths)]


def _packed_row_index(batch_sizes, batch):
    """Row of the padded (T * B) layout that each packed row comes from."""
    return [t * batch + b for t, n in enumerate(batch_sizes) for b in range(n)]


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded (T, B, *) batch (B, T, * with batch_first) whose sequence b has lengths[b] steps."""
    lengths = _lengths_list(lengths)
    batch_dim = 0 if batch_first else 1
    batch, steps = input.shape[batch_dim], input.shape[1 - batch_dim]
    if len(lengths) != batch:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got {len(lengths)} "
                           f"(batch_size={batch})")
    if any(n <= 0 for n in lengths):
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' "
                           "that is <= 0")
    if enforce_sorted:
        if any(a < b for a, b in zip(lengths, lengths[1:])):
            raise RuntimeError("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. "
                               "You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence "
                               "to sidestep this requirement if you do not need ONNX exportability.")
        sorted_indices = None
    else:
        order = np.argsort(-np.asarray(lengths, dtype=np.int64), kind="stable")
        sorted_indices = _int64_tensor(order).to(input.device)
        input = input.index_select(batch_dim, sorted_indices)
        lengths = [lengths[i] for i in order]
    if lengths[0] > steps:
        raise RuntimeError(f"a sequence of length {lengths[0]} does not fit in the input's {steps} time steps")
    if batch_first:
        input = input.transpose(0, 1)
    batch_sizes = [sum(1 for n in lengths if n > t) for t in range(lengths[0])]
    rows = input.reshape((steps * batch,) + tuple(input.shape[2:]))
    index = _int64_tensor(_packed_row_index(batch_sizes, batch)).to(input.device)
    return PackedSequence(rows.index_select(0, index), _int64_tensor(batch_sizes), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """(padded (T, B, *) batch, lengths): the inverse of pack_padded_sequence, in the original batch order."""
    data, batch_sizes_t, _, unsorted_indices = sequence
    batch_sizes = _lengths_list(batch_sizes_t)
    steps, batch = len(batch_sizes), batch_sizes[0]
    if total_length is not None:
        if total_length < steps:
            raise ValueError("Expected total_length to be at least the length of the longest sequence in input, "
                             f"but got total_length={total_length} and max sequence length being {steps}")
        steps_out = total_length
    else:
        steps_out = steps
    n = data.shape[0]
    # every padded position reads a packed row, or the one padding row appended after them
    source = np.full((steps_out, batch), n, dtype=np.int64)
    source.reshape(-1)[_packed_row_index(batch_sizes, batch)] = np.arange(n)
    pad_row = full((1,) + tuple(data.shape[1:]), padding_value, dtype=data.dtype, device=data.device)
    rows = cat([data, pad_row], 0).index_select(0, _int64_tensor(source.reshape(-1)).to(data.device))
    padded = rows.reshape((steps_out, batch) + tuple(data.shape[1:]))
    lengths = np.asarray([sum(1 for s in batch_sizes if s > b) for b in range(batch)], dtype=np.int64)
    if unsorted_indices is not None:
        padded = padded.index_select(1, unsorted_indices)
        lengths = lengths[np.asarray(unsorted_indices.tolist(), dtype=np.int64)]
    if batch_first:
        padded = padded.transpose(0, 1)
    return padded, _int64_tensor(lengths)


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack sequences of shape (L_i, *) into (max L, B, *) (B, max L, * with batch_first), padding the
    shorter ones on `padding_side` with padding_value."""
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    sequences = list(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    trailing = tuple(sequences[0].shape[1:])
    # every sequence is copied into the first one's trailing shape, so size-1 dims broadcast
    sequences = [s if tuple(s.shape[1:]) == trailing else _broadcast_rows(s, trailing) for s in sequences]
    longest = max(s.shape[0] for s in sequences)
    padded = []
    for s in sequences:
        short = longest - s.shape[0]
        if short:
            fill = full((short,) + trailing, padding_value, dtype=s.dtype, device=s.device)
            s = cat([s, fill] if padding_side == "right" else [fill, s], 0)
        padded.append(s)
    return stack(padded, 0 if batch_first else 1)


def _broadcast_rows(s, trailing):
    rest = tuple(s.shape[1:])
    if len(rest) <= len(trailing):
        aligned = (1,) * (len(trailing) - len(rest)) + rest
        bad = [i for i, (a, b) in enumerate(zip(trailing, aligned)) if a != b and b != 1]
        if not bad:
            return s.reshape((s.shape[0],) + aligned).expand((s.shape[0],) + trailing)
        dim = bad[0]
    else:
        dim, aligned = 0, rest
    raise RuntimeError(f"The size of tensor a ({trailing[dim] if dim < len(trailing) else 1}) must match the size "
                       f"of tensor b ({aligned[dim]}) at non-singleton dimension {dim + 1}")


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """The list of sequences, each cut to its length, of a right-padded batch."""
    batch = padded_sequences if batch_first else padded_sequences.transpose(0, 1)
    return [batch[i][:n] for i, n in enumerate(_lengths_list(lengths))]


def pack_sequence(sequences, enforce_sorted=True):
    """Pack a list of sequences (L_i, *) (longest first unless enforce_sorted=False)."""
    lengths = [s.shape[0] for s in sequences]
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences):
    """The list of sequences a PackedSequence holds, in their original order."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
