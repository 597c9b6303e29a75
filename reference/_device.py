"""torch.device: a type ('cpu' or 'cuda') and an optional index."""


class device:
    __slots__ = ("type", "index")

    def __init__(self, type, index=None):
        if isinstance(type, device):
            self.type, self.index = type.type, type.index
            return
        if not isinstance(type, str):
            raise TypeError(f"device() received an invalid combination of arguments: {type!r}")
        if ":" in type:
            type, idx = type.split(":", 1)
            index = int(idx)
        if type not in ("cpu", "cuda"):
            raise RuntimeError(f"Expected one of cpu, cuda device type at start of device string: {type}")
        self.type = type
        self.index = index

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        if not isinstance(other, device):
            return NotImplemented
        return self.type == other.type and (self.index == other.index or None in (self.index, other.index))

    def __hash__(self):
        return hash(self.type)

    def __repr__(self):
        return f"device(type='{self.type}'" + (f", index={self.index})" if self.index is not None else ")")

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"


CPU = device("cpu")
CUDA0 = device("cuda", 0)
_default = [CPU]


def set_default_device(d):
    """The device creation functions use when none is given (None restores the CPU)."""
    _default[0] = CPU if d is None else as_device(d)


def get_default_device():
    return _default[0]


def as_device(d):
    """The device a tensor is placed on: 'cuda' means the current device, cuda:0, as in torch."""
    if d is None:
        return _default[0]
    if not isinstance(d, device):
        d = device("cuda", d) if isinstance(d, int) else device(d)
    if d.type == "cuda" and d.index is None:
        return CUDA0
    return d
