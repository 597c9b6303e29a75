"""torch.cuda semantics of the reference on numba's CUDA simulator, run in a subprocess (the
simulator is chosen when numba is imported): devices, transfers, .numpy()/mixing errors, seeding,
memory_allocated, a module and optimizer on the device, save/load with map_location."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cuda_semantics_on_the_simulator():
    env = dict(os.environ, NUMBA_ENABLE_CUDASIM="1", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "cuda_sim_semantics.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and "all ok" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
