"""torch.finfo / torch.iinfo: machine limits of the numeric dtypes."""
import numpy as np

from . import _dtype as D


class finfo:
    def __init__(self, type=None):
        dt = type if type is not None else D.get_default_dtype()
        if not isinstance(dt, D.dtype) or not dt.is_floating_point:
            raise TypeError("torch.finfo() requires a floating point input type.")
        info = np.finfo(dt.np)
        self.dtype = dt.name
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = float(info.tiny)
        self.smallest_normal = self.tiny
        self.resolution = float(info.resolution)

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, eps={self.eps:g}, "
                f"smallest_normal={self.tiny:g}, tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo:
    def __init__(self, type):
        if not isinstance(type, D.dtype) or type.is_floating_point or type is D.bool_:
            raise TypeError("torch.iinfo() requires an integer input type.")
        info = np.iinfo(type.np)
        self.dtype = type.name
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)

    def __repr__(self):
        return f"iinfo(min={self.min}, max={self.max}, dtype={self.dtype})"
