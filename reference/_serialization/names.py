"""The torch-side names a checkpoint refers to (torch.FloatStorage, torch._utils._rebuild_tensor_v2, ...),
and the marker objects that stand for them while pickling without torch installed."""
from .. import _dtype as D

# storage class name in a checkpoint <-> dtype (torch's legacy typed-storage names are what files carry)
STORAGE_NAMES = {"BoolStorage": D.bool_, "ByteStorage": D.uint8, "CharStorage": D.int8, "ShortStorage": D.int16,
                 "IntStorage": D.int32, "LongStorage": D.int64, "HalfStorage": D.float16,
                 "FloatStorage": D.float32, "DoubleStorage": D.float64}
STORAGE_OF = {dt.name: name for name, dt in STORAGE_NAMES.items()}
# dtypes torch has and the reference does not: a file using them gets a clear refusal, not garbage
UNSUPPORTED_STORAGES = {"BFloat16Storage": "bfloat16", "ComplexFloatStorage": "complex64",
                        "ComplexDoubleStorage": "complex128", "QInt8Storage": "qint8", "QUInt8Storage": "quint8",
                        "QInt32Storage": "qint32", "UntypedStorage": "untyped"}


class TorchName:
    """Stands for the global `module.name` in torch; the pickler writes it as a GLOBAL opcode."""
    __slots__ = ("module", "name")
    _cache = {}

    def __new__(cls, module, name):
        key = (module, name)
        obj = cls._cache.get(key)
        if obj is None:
            obj = object.__new__(cls)
            obj.module, obj.name = module, name
            cls._cache[key] = obj
        return obj

    def __repr__(self):
        return f"{self.module}.{self.name}"

    def __call__(self, *args):  # pickle's save_reduce insists on a callable; only the name is ever used
        raise TypeError(f"{self!r} is a name in a checkpoint, not a function of the reference")


REBUILD_TENSOR = TorchName("torch._utils", "_rebuild_tensor_v2")
REBUILD_PARAMETER = TorchName("torch._utils", "_rebuild_parameter")
SIZE = TorchName("torch", "Size")
DEVICE = TorchName("torch", "device")


def dtype_name(dt):
    return TorchName("torch", dt.name)


def storage_name(dt):
    return TorchName("torch", STORAGE_OF[dt.name])
