"""Compile every CUDA kernel the simulator suite launches for a real GPU, without one.

numba's simulator runs kernels as Python and checks no types, so a kernel that passes there can still
fail to compile for a GPU. This closes that gap where NVVM and NVRTC are installed (no driver needed):

    python -m benchmarks.ptx_check                 # record under the simulator, then compile
    python -m benchmarks.ptx_check --cc 8.0 spec_tests/test_reductions.py

1. record: the given spec node ids (default: .ci/run's simulator list, as benchmarks/gpu_check.py
   reads it) run under NUMBA_ENABLE_CUDASIM=1 with this module as a pytest plugin, which notes each
   kernel launch's argument types (numba.typeof, as a GPU dispatch would type them);
2. compile: a process without the simulator builds each recorded (kernel, signature) to PTX with
   numba-cuda's compiler for the given compute capability (kernels made by factories, such as the
   block reductions, are found by name among the backend's module globals) and lists any failure.
It takes about ten minutes on two cores, most of it the recording. Needs libnvvm (a CUDA toolkit, or
the nvidia-cuda-nvcc wheel) and libnvrtc (nvidia-cuda-nvrtc) where numba-cuda finds them
(site-packages, or LD_LIBRARY_PATH: pip install --target DIR nvidia-cuda-nvrtc, then
LD_LIBRARY_PATH=DIR/nvidia/cu13/lib). It proves typing and lowering, not that the PTX runs.
"""
import argparse
import atexit
import glob
import importlib
import os
import pickle
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SEEN = {}


# ---- 1. the recording plugin (loaded by pytest as -p benchmarks.ptx_check under the simulator) ----

def pytest_configure(config):
    if os.environ.get("PTX_CHECK_RECORD"):
        _install_recorder(os.environ["PTX_CHECK_RECORD"])


def _install_recorder(folder):
    from numba import typeof
    from numba.cuda.simulator import kernel as sim_kernel
    from numba.cuda.simulator.cudadrv.devicearray import FakeCUDAArray

    launch = sim_kernel.FakeCUDAKernel.__call__

    def recording_launch(self, *args):
        if not self._device:
            sig = tuple(typeof(a._ary if isinstance(a, FakeCUDAArray) else a) for a in args)
            sig = tuple(t.copy(layout="A") if getattr(t, "layout", "C") != "C" else t for t in sig)
            _SEEN.setdefault(f"{self.fn.__module__}:{self.fn.__qualname__}", set()).add(sig)
        return launch(self, *args)

    sim_kernel.FakeCUDAKernel.__call__ = recording_launch
    # one file per process (pytest-xdist workers each write theirs)
    atexit.register(lambda: Path(folder, f"seen.{os.getpid()}.pkl").write_bytes(pickle.dumps(_SEEN)))


# ---- 2. compiling what was recorded ----

def _dispatchers(modname, qualname):
    """The @cuda.jit dispatchers a recorded kernel name can be: the module attribute, or for a kernel
    a factory built, every dispatcher of that name among the CUDA backend's module globals (plain or
    in a namespace such as backend.BLOCK); the caller tries each."""
    module = importlib.import_module(modname)
    if "<locals>" not in qualname:
        obj = module
        for part in qualname.split("."):
            obj = getattr(obj, part)
        return [obj]
    found = []
    for name in [n for n in sys.modules if n.startswith("reference.backends.cuda")]:
        for value in list(vars(sys.modules[name]).values()):
            for obj in (vars(value).values() if isinstance(value, types.SimpleNamespace) else [value]):
                fn = getattr(obj, "py_func", None)
                if fn is not None and fn.__module__ == modname and fn.__qualname__ == qualname and obj not in found:
                    found.append(obj)
    return found


def compile_recorded(folder, cc):
    """(compiled, [(kernel, signature, first error line)]) for every recorded launch."""
    import numba.cuda.dispatcher as dispatcher
    from numba import cuda

    # device functions ask the current device for its compute capability while typing: answer without one
    dispatcher.get_current_device = lambda: types.SimpleNamespace(compute_capability=cc)
    import reference.backends.cuda.backend  # noqa: F401 - builds the GPU variants (warp shuffles)

    seen = {}
    for path in glob.glob(os.path.join(folder, "seen.*.pkl")):
        for key, sigs in pickle.loads(Path(path).read_bytes()).items():
            seen.setdefault(key, set()).update(sigs)
    compiled, failures = 0, []
    for key in sorted(seen):
        candidates = _dispatchers(*key.split(":"))
        for sig in sorted(seen[key], key=str):
            errors = []
            for disp in candidates:
                try:
                    cuda.compile_ptx(disp.py_func, sig, cc=cc)
                    break
                except Exception as e:  # noqa: BLE001 - any compiler error is the finding
                    errors.append(" ".join(str(e).split())[:400])
            else:
                failures.append((key, sig, errors[0] if errors else "no dispatcher of that name"))
                continue
            compiled += 1
    return len(seen), compiled, failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", nargs="*", help="spec node ids to record (default: .ci/run's simulator list)")
    parser.add_argument("--cc", default="9.0", help="compute capability to compile for (default 9.0, Hopper)")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers while recording")
    parser.add_argument("--record-dir", help="reuse (or keep) the recording here")
    parser.add_argument("--compile-only", action="store_true", help="compile an earlier --record-dir")
    parser.add_argument("--_compile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    cc = tuple(int(x) for x in args.cc.split("."))
    if args._compile:   # the child without the simulator
        kernels, compiled, failures = compile_recorded(args.record_dir, cc)
        if not kernels:
            sys.exit("ptx_check: no kernel launch was recorded (did the spec run start?)")
        print(f"ptx_check: {kernels} kernels, {compiled} signatures compiled for sm_{cc[0]}{cc[1]}, "
              f"{len(failures)} failed")
        for key, sig, err in failures:
            print(f"FAILED {key} {sig}\n    {err}")
        sys.exit(1 if failures else 0)

    from .gpu_check import suite_areas
    folder = args.record_dir or tempfile.mkdtemp(prefix="ptx_check-")
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    if not args.compile_only:
        nodes = args.nodes or suite_areas()
        rec = dict(env, NUMBA_ENABLE_CUDASIM="1", PTX_CHECK_RECORD=folder)
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "benchmarks.ptx_check",
               "--device=cuda", "--hypothesis-profile=cudasim"] + (["-n", str(args.workers)] if args.workers > 1
                                                                    else []) + nodes
        print(f"ptx_check: recording launches of {len(nodes)} spec node ids into {folder}", flush=True)
        subprocess.run(cmd, cwd=ROOT, env=rec, check=False)
    sys.exit(subprocess.call([sys.executable, "-m", "benchmarks.ptx_check", "--_compile", "--record-dir", folder,
                              "--cc", args.cc], cwd=ROOT, env=env))


if __name__ == "__main__":
    main()
