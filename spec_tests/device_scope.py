"""What a --device=cuda run leaves out, and why: areas whose CUDA kernels are not written yet, and
inputs too large for numba's CUDA simulator (about 150 us per simulated thread). Each entry is a
node-id prefix and its reason; the run's summary counts what was left out. The list only shrinks:
a new CUDA kernel removes its entry (a prefix that matches nothing warns, like a stale xfail)."""

NOT_ON_CUDA = {
    "spec_tests/test_large.py": "2**18-element inputs: far too slow for the simulator",
}


def left_out(nodeid):
    """The reason a node id is not run on cuda, or None."""
    for prefix, reason in NOT_ON_CUDA.items():
        if nodeid.startswith(prefix):
            return reason
    return None
