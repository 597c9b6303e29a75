"""The CUDA backend's named fused kernels: name -> kernel (see backends/cuda/__init__.py for how a
layer family adds one). Each name mirrors an entry of reference/backends/cpu/fused.py with the same
signature; tests/test_backend_parity.py fails while a CPU name lacks its CUDA twin."""

FUSED = {
}
