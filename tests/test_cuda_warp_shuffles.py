"""The CUDA block reductions' warp-shuffle path (what a GPU runs) on numba's simulator, which has no
shuffles of its own: REFERENCE_CUDASIM_SHUFFLES=1 installs a strict emulation (a lane outside its
mask, a read outside the mask or a divergent shuffle raises), and the results must equal the CPU
backend's. Run in a subprocess: the simulator is chosen when numba is imported. The default
simulator run (the spec under --device=cuda) covers the shared-memory tree fallback."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_warp_shuffle_reductions_match_the_cpu_backend():
    env = dict(os.environ, NUMBA_ENABLE_CUDASIM="1", REFERENCE_CUDASIM_SHUFFLES="1", PYTHONPATH=str(ROOT))
    script = str(ROOT / "tests" / "cuda_sim_shuffles.py")
    proc = subprocess.run([sys.executable, "-W", "ignore::RuntimeWarning", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and "all ok" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
