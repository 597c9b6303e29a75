"""Kernels that write values from nothing: ranges and device-side random numbers.

Random numbers come from numba's xoroshiro128+ generator, one state per launched thread: thread t
draws the elements t, t + stride, ... of a grid-stride loop, so a seed fixes every draw.
"""
import math

from numba import cuda
from numba.cuda.random import (xoroshiro128p_normal_float64, xoroshiro128p_uniform_float64)


@cuda.jit
def arange(out, start, step, n):
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        out[i] = start + i * step


@cuda.jit
def linspace(out, start, end, n):
    # step from both ends so the last value is exactly `end` and the middle is symmetric
    step = (end - start) / (n - 1) if n > 1 else 0.0
    half = n // 2
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        if n == 1:
            out[i] = start
        elif i < half:
            out[i] = start + step * i
        else:
            out[i] = end - step * (n - 1 - i)


@cuda.jit
def uniform(states, out, low, high, n):
    t = cuda.grid(1)
    for i in range(t, n, cuda.gridsize(1)):
        out[i] = low + (high - low) * xoroshiro128p_uniform_float64(states, t)
        if out[i] >= high:  # a draw just below 1 can round up to `high` in a narrower dtype
            out[i] = low


@cuda.jit
def normal(states, out, mean, std, n):
    t = cuda.grid(1)
    for i in range(t, n, cuda.gridsize(1)):
        out[i] = mean + std * xoroshiro128p_normal_float64(states, t)


@cuda.jit
def randint(states, out, low, high, n):
    t = cuda.grid(1)
    span = high - low
    for i in range(t, n, cuda.gridsize(1)):
        v = int(math.floor(xoroshiro128p_uniform_float64(states, t) * span))
        out[i] = low + min(v, span - 1)


@cuda.jit
def bernoulli(states, out, p, po, n):
    t = cuda.grid(1)
    for i in range(t, n, cuda.gridsize(1)):
        out[i] = 1 if xoroshiro128p_uniform_float64(states, t) < p[po + i] else 0


@cuda.jit
def permutation(states, out, n):
    """Fisher-Yates in one thread (a device sort of random keys would parallelise it)."""
    if cuda.grid(1) != 0:
        return
    for i in range(n):
        out[i] = i
    for i in range(n - 1, 0, -1):
        j = min(int(math.floor(xoroshiro128p_uniform_float64(states, 0) * (i + 1))), i)
        tmp = out[i]
        out[i] = out[j]
        out[j] = tmp


@cuda.jit
def zero(out, oo, n):
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        out[oo + i] = 0
