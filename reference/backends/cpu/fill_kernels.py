"""Kernels that write values from nothing: fill, ranges, random numbers, identity matrices."""
import numpy as np
from numba import njit

_opts = dict(cache=True, nogil=True)


@njit(**_opts)
def fill(out, value):
    for i in range(out.shape[0]):
        out[i] = value


@njit(**_opts)
def arange(out, start, step):
    for i in range(out.shape[0]):
        out[i] = start + i * step


@njit(**_opts)
def linspace(out, start, end):
    # Step from both ends so the last value is exactly `end` and the middle is symmetric.
    n = out.shape[0]
    if n == 1:
        out[0] = start
        return
    step = (end - start) / (n - 1)
    half = n // 2
    for i in range(n):
        if i < half:
            out[i] = start + step * i
        else:
            out[i] = end - step * (n - 1 - i)


@njit(**_opts)
def seed(s):
    np.random.seed(s)


@njit(**_opts)
def uniform(out, low, high):
    for i in range(out.shape[0]):
        out[i] = low + (high - low) * np.random.random()


@njit(**_opts)
def normal(out, mean, std):
    for i in range(out.shape[0]):
        out[i] = mean + std * np.random.standard_normal()


@njit(**_opts)
def randint(out, low, high):
    for i in range(out.shape[0]):
        out[i] = np.random.randint(low, high)


@njit(**_opts)
def bernoulli(out, p):
    for i in range(out.shape[0]):
        out[i] = np.random.random() < p[i]


@njit(**_opts)
def permutation(out):
    n = out.shape[0]
    for i in range(n):
        out[i] = i
    for i in range(n - 1, 0, -1):
        j = np.random.randint(0, i + 1)
        out[i], out[j] = out[j], out[i]
