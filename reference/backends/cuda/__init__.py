"""The CUDA backend. Until numba.cuda kernels fill it in, this build has no CUDA: every member of the
backend interface raises torch's error for a build without CUDA."""
