"""The CUDA backend: numba.cuda kernels behind backends.interface.Backend.

`selected` is what backends.backend_of(cuda device) returns: the kernels' host module (backend.py)
when numba.cuda can run (a GPU, or numba's simulator under NUMBA_ENABLE_CUDASIM=1), else the stub
(unavailable.py) that raises torch's "Torch not compiled with CUDA enabled" from every member.

Layout of this package (every kernel reads flat storage + offset + strides, grid-stride loops):
  _launch.py        launch geometry on a GPU and on the simulator
  memory.py         device buffers, host transfers, memory_allocated, kernel operands of tensors
  device_math.py    the scalar math kernels call (libdevice on a GPU, NumPy scalars on the simulator)
  codegen.py -> _elementwise_kernels.py   one kernel per elementwise registry entry (generated)
  reduce_kernels.py, matmul_kernels.py, index_kernels.py, fill_kernels.py   the primitives
  block_reduce.py   few long rows: a block per row, warp shuffles on a GPU, a shared-memory tree on
                    the simulator (_sim_warp.py emulates shuffles there under REFERENCE_CUDASIM_SHUFFLES=1)
  fused.py          FUSED: the named fused kernels of backends/fused_table.py (nn layers, losses,
                    optimizers, recurrent layers, advanced-index offsets, ...)
  rnn_layers.py -> rnn_kernels.py, row_products.py   recurrent layers: host time loop, fused steps
  linalg.py -> linalg_kernels.py   det/inv/solve/cholesky, one thread per matrix

Adding a CUDA fused kernel (the twin of a CPU entry in reference/backends/cpu/fused.py):
  1. write it in a module of its own family here, e.g. reference/backends/cuda/rnn_kernels.py or
     attention_kernels.py: `@cuda.jit` kernels with grid-stride loops (`_launch.grid(n)` gives the
     launch), plus one host function with exactly the CPU entry's signature that reads tensors
     through `t._storage.data`, `t._offset`, `t._stride` and launches them;
  2. the name is already in reference/backends/fused_table.py (family, function name) if the CPU has it;
     a new family also needs its module in fused.py's family map;
  3. run tests/test_backend_parity.py (the import fails while a listed name has no CUDA function) and the
     area's spec file under the simulator:
     NUMBA_ENABLE_CUDASIM=1 python -m pytest spec_tests/test_<area>.py --device=cuda -q
Never copy to the host and compute there: a kernel not written yet raises NotImplementedError
naming itself, so the gap shows.
"""
import importlib

from ._launch import available


class _Selected:
    """backend.py or unavailable.py, chosen on first use: probing for a GPU imports numba.cuda
    (about two seconds), which a CPU-only session never needs."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        module = importlib.import_module(".backend" if available() else ".unavailable", __name__)
        value = getattr(module, name)
        setattr(self, name, value)  # later lookups skip this method
        return value


selected = _Selected()
