"""Issue 15's real-GPU check, in one call of a few minutes on a machine with an NVIDIA GPU:

    python -m benchmarks.gpu_check                # on the GPU machine (needs torch with CUDA there)
    python -m benchmarks.gpu_check --dry-run      # anywhere: numba's simulator, tiny sizes, torch on the CPU

It prints one table: the CUDA suite share (the spec files CI runs on the simulator, here compiled for
the GPU, with a time limit), elementwise add of 64M float32 in GB/s, float32 matmul 4096^3 in TFLOP/s
with TF32 off, and an MLP and a CNN training step (the CPU benchmarks' models, benchmarks/workloads.py),
each for the reference and for torch.cuda on the same inputs, with the ratio and the issue's target.
A training step's first loss is compared between the two as a correctness check. --json PATH also
writes the rows. The dry run proves the script's logic, not speed: it re-runs itself under
NUMBA_ENABLE_CUDASIM=1, skips the suite and compares against torch on the CPU.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

# the models: MLP features in -> hidden -> 10, CNN side x side images, channels c1 then c2
FULL = dict(add_n=64 * 2 ** 20, matmul_n=4096, mlp_batch=64, cnn_batch=32, reps=10, features=784, hidden=128,
            side=28, c1=8, c2=16)
TINY = dict(add_n=256, matmul_n=8, mlp_batch=4, cnn_batch=2, reps=1, features=12, hidden=6, side=4, c1=2, c2=2)


def suite_areas():
    """The spec node ids .ci/run's cudasim pass runs (parsed from it, so the two lists stay one)."""
    text = (ROOT / ".ci" / "run").read_text()
    block = text[text.index("cudasim_areas=(") + len("cudasim_areas=("):]
    block = block[:block.index("\n)")]
    lines = [line.split("#", 1)[0] for line in block.splitlines()]
    return shlex.split("\n".join(lines))


def run_suite(seconds, workers):
    """Run the CUDA suite share on the GPU for at most `seconds`; (passed, failed, note)."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--device=cuda",
           "--hypothesis-profile=cudasim"] + (["-n", str(workers)] if workers > 1 else []) + suite_areas()
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        out, _ = proc.communicate(timeout=seconds)
        note = f"{time.perf_counter() - start:.0f} s"
    except subprocess.TimeoutExpired:
        proc.send_signal(2)  # SIGINT: pytest stops and still prints its summary
        out, _ = proc.communicate()
        note = f"stopped at the {seconds} s limit"
    passed, failed = summary_counts(out)
    if failed:
        names = [line for line in out.splitlines() if line.startswith(("FAILED", "ERROR"))][:5]
        note += "; " + " | ".join(names)
    return passed, failed, note


def summary_counts(output):
    """(passed, failed + errors) from pytest's last summary line in `output` (also an interrupted run's)."""
    for line in reversed(output.splitlines()):
        counts = {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|errors?)\b", line)}
        if counts:
            return counts.get("passed", 0), counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    return 0, 0


def timed(fn, sync, reps):
    """Best of `reps` calls of fn, in seconds, after a warm-up (which compiles)."""
    fn()
    sync()
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        sync()
        best = min(best, time.perf_counter() - start)
    return best


class Side:
    """One library on one device: reference on 'cuda', or torch on 'cuda' (or 'cpu' in a dry run)."""

    def __init__(self, T, device):
        self.T, self.device = T, device

    def sync(self):
        if self.device == "cuda":
            self.T.cuda.synchronize()

    def array(self, a):
        return self.T.tensor(a, device=self.device)


def elementwise_add(side, n, reps):
    rng = np.random.default_rng(0)
    a, b = (side.array(rng.standard_normal(n, dtype=np.float32)) for _ in range(2))
    out = side.T.empty_like(a)
    t = timed(lambda: side.T.add(a, b, out=out), side.sync, reps)
    return 3 * 4 * n / t / 1e9


def matmul(side, n, reps):
    rng = np.random.default_rng(1)
    a, b = (side.array(rng.standard_normal((n, n), dtype=np.float32)) for _ in range(2))
    t = timed(lambda: a @ b, side.sync, reps)
    return 2 * n ** 3 / t / 1e12


def _model(T, kind, z):
    nn = T.nn
    if kind == "mlp":
        return nn.Sequential(nn.Linear(z["features"], z["hidden"]), nn.ReLU(), nn.Linear(z["hidden"], 10))
    return nn.Sequential(nn.Conv2d(1, z["c1"], 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(z["c1"], z["c2"], 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(z["c2"] * (z["side"] // 4) ** 2, 10))


def training_step(side, kind, z):
    """(seconds per step, first loss): SGD with momentum, cross-entropy, identical weights and data."""
    T = side.T
    rng = np.random.default_rng(2)
    model = _model(T, kind, z)
    batch = z[f"{kind}_batch"]
    with T.no_grad():
        for p in model.parameters():
            p.copy_(T.tensor((rng.standard_normal(tuple(p.shape)) * 0.05).astype(np.float32)))
    model = model.to(side.device)
    shape = (batch, z["features"]) if kind == "mlp" else (batch, 1, z["side"], z["side"])
    x = side.array(rng.standard_normal(shape).astype(np.float32))
    y = T.tensor(rng.integers(0, 10, batch), device=side.device)
    opt = T.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    first = float(T.nn.functional.cross_entropy(model(x), y).item())

    def step():
        opt.zero_grad()
        T.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    return timed(step, side.sync, z["reps"]), first


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="simulator, tiny sizes, torch on the CPU")
    parser.add_argument("--suite-seconds", type=int, default=150, help="time limit of the suite share")
    parser.add_argument("--workers", type=int, default=8, help="pytest-xdist workers for the suite share")
    parser.add_argument("--no-suite", action="store_true", help="skip the suite share")
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args(argv)
    if args.dry_run and os.environ.get("NUMBA_ENABLE_CUDASIM") != "1":
        # the simulator is chosen when numba is imported: start again with it
        env = dict(os.environ, NUMBA_ENABLE_CUDASIM="1")
        sys.exit(subprocess.call([sys.executable, "-m", "benchmarks.gpu_check"] + sys.argv[1:], cwd=ROOT, env=env))

    import torch  # the oracle; on the GPU machine torch.cuda

    import reference

    sizes = TINY if args.dry_run else FULL
    torch_device = "cpu" if args.dry_run else "cuda"
    if not args.dry_run and not torch.cuda.is_available():
        sys.exit("gpu_check: torch sees no GPU here (use --dry-run to check the script without one)")
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    ref, th = Side(reference, "cuda"), Side(torch, torch_device)
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none (dry run: numba's simulator)"
    print(f"gpu_check: {gpu}; torch {torch.__version__}; sizes {sizes}", flush=True)

    rows = []
    if args.dry_run or args.no_suite:
        rows.append(("CUDA suite share (passed / failed)", "skipped", "", "", "all pass", ""))
    else:
        passed, failed, note = run_suite(args.suite_seconds, args.workers)
        rows.append(("CUDA suite share (passed / failed)", f"{passed} / {failed}", "", "", "all pass", note))
    n = sizes["add_n"]
    r, t = elementwise_add(ref, n, sizes["reps"]), elementwise_add(th, n, sizes["reps"])
    rows.append((f"add {n} float32, GB/s", f"{r:.1f}", f"{t:.1f}", f"{r / t:.2f}", ">= 0.80", "higher is better"))
    n = sizes["matmul_n"]
    r, t = matmul(ref, n, max(1, sizes["reps"] // 3)), matmul(th, n, max(1, sizes["reps"] // 3))
    rows.append((f"matmul {n}^3 float32 (TF32 off), TFLOP/s", f"{r:.3f}", f"{t:.3f}", f"{r / t:.2f}", ">= 0.30",
                 "higher is better"))
    for kind in ("mlp", "cnn"):
        batch = sizes[f"{kind}_batch"]
        (r, lr), (t, lt) = training_step(ref, kind, sizes), training_step(th, kind, sizes)
        rows.append((f"{kind.upper()} training step (batch {batch}), ms", f"{r * 1e3:.2f}", f"{t * 1e3:.2f}",
                     f"{r / t:.2f}", "", f"lower is better; first loss {lr:.6f} vs {lt:.6f}"))

    head = ("workload", "reference", "torch", "ratio", "target", "note")
    widths = [max(len(str(row[i])) for row in rows + [head]) for i in range(len(head))]
    for row in [head] + rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps([dict(zip(head, row)) for row in rows], indent=1))


if __name__ == "__main__":
    main()
