"""reference.nn.init: in-place initialisation of tensors from torch's documented distributions."""
