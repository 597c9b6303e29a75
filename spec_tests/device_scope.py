"""What a --device=cuda run leaves out, and why: areas whose CUDA kernels are not written yet, and
inputs too large for numba's CUDA simulator (about 150 us per simulated thread). Each entry is a
node-id prefix and its reason; the run's summary counts what was left out. The list only shrinks:
a new CUDA kernel removes its entry, and every entry names why it is here."""

NOT_ON_CUDA = {
    "spec_tests/test_large.py": "2**18-element inputs: far too slow for the simulator",
    "spec_tests/test_api_tensor.py::test_tensor_of_sequences[from-list-of-arrays]":
        "calls .numpy() on its input, which torch allows for CPU tensors only",
}


def left_out(nodeid):
    """The reason a node id is not run on cuda, or None."""
    for prefix, reason in NOT_ON_CUDA.items():
        if nodeid.startswith(prefix):
            return reason
    return None
