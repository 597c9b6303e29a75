"""Flat storage shared by a tensor and all its views, with the version counter they share."""


class Storage:
    __slots__ = ("data", "device", "version")

    def __init__(self, data, device):
        self.data = data          # 1-D array of the device (numpy on CPU)
        self.device = device
        self.version = 0          # bumped by every in-place write; autograd checks saved tensors

    def nbytes(self):
        return self.data.nbytes
