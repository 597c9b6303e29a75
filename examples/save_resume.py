"""Checkpoint model + optimizer + scheduler, resume in a new process, and land where an unbroken run lands.

An MLP regressor trains for `--steps` steps with Adam and StepLR on generated data (each step's batch is a
function of the step number alone, so the run has no hidden random state). The program trains it once
without a break; then again to half way, saves one checkpoint ({'model', 'optimizer', 'scheduler', 'step'}
via torch.save), and starts a NEW Python process that loads it and finishes the run. The resumed run must
end with exactly the uninterrupted run's parameters. Finally the checkpoint is loaded by real PyTorch
(torch.load(..., weights_only=True) and the three load_state_dict calls). Last line:
`max |resumed - uninterrupted|: X`."""
import importlib
import os
import subprocess
import sys
import tempfile

import numpy as np

from examples._common import load_backend, parser, progress

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(torch, seed):
    torch.manual_seed(seed)
    nn = torch.nn
    model = nn.Sequential(nn.Linear(8, 32), nn.Tanh(), nn.Linear(32, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    # a decay every 7 steps: one falls inside the resumed half even in the 20-step smoke run, so a scheduler
    # whose state was not restored (counting from 0 again) would change the result
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=7, gamma=0.9)
    return model, optimizer, scheduler


def batch(torch, seed, step):
    """The batch of one step: y = sin(x . w) + noise, drawn from (seed, step) only."""
    rng = np.random.default_rng([seed, step])
    x = rng.standard_normal((64, 8)).astype(np.float32)
    w = np.linspace(-1.0, 1.0, 8, dtype=np.float32)
    y = np.sin(x @ w)[:, None] + np.float32(0.05) * rng.standard_normal((64, 1)).astype(np.float32)
    return torch.from_numpy(x), torch.from_numpy(y)


def train(torch, model, optimizer, scheduler, seed, start, stop, desc):
    loss = None
    for step in progress(range(start, stop), desc=desc):
        x, y = batch(torch, seed, step)
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        scheduler.step()
    return loss.item()


def flat_parameters(state_dict):
    return np.concatenate([v.detach().numpy().ravel() for v in state_dict.values()])


def resume(torch, args):
    """The new process: rebuild, load the checkpoint, finish the run, save the final weights."""
    model, optimizer, scheduler = build(torch, args.seed + 1)   # a different init: everything must come from the file
    checkpoint = torch.load(args.resume)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    loss = train(torch, model, optimizer, scheduler, args.seed, checkpoint["step"], args.steps, "resumed")
    torch.save(model.state_dict(), args.final)
    print(f"resumed at step {checkpoint['step']} in process {os.getpid()}; final loss {loss:.5f}")


def load_in_real_torch(path, steps_done):
    """The reference's checkpoint file read by PyTorch itself, in PyTorch's safe (weights_only) mode."""
    real = importlib.import_module("torch")   # the interop check needs PyTorch whichever backend trained
    checkpoint = real.load(path, weights_only=True)
    model, optimizer, scheduler = build(real, 0)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    state = optimizer.state_dict()["state"][0]
    assert int(state["step"]) == steps_done == checkpoint["step"], (state["step"], steps_done)
    assert scheduler.last_epoch == steps_done, scheduler.last_epoch
    print(f"real torch {real.__version__} loaded the checkpoint: model, Adam state at step {int(state['step'])}, "
          f"StepLR at epoch {scheduler.last_epoch} (lr {scheduler.get_last_lr()[0]:.4g})")


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--resume", help="(internal) checkpoint to resume from, in a new process")
    p.add_argument("--final", help="(internal) where the resumed process saves its final weights")
    args = p.parse_args(argv)
    if args.smoke:
        args.steps = 20
    torch = load_backend(args.backend)
    if args.resume:
        resume(torch, args)
        return
    half = args.steps // 2

    model, optimizer, scheduler = build(torch, args.seed)
    loss = train(torch, model, optimizer, scheduler, args.seed, 0, args.steps, "uninterrupted")
    print(f"uninterrupted: {args.steps} steps, final loss {loss:.5f}")
    expected = flat_parameters(model.state_dict())

    with tempfile.TemporaryDirectory() as tmp:
        checkpoint_path, final_path = os.path.join(tmp, "checkpoint.pt"), os.path.join(tmp, "final.pt")
        model, optimizer, scheduler = build(torch, args.seed)
        train(torch, model, optimizer, scheduler, args.seed, 0, half, "first half")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "step": half}, checkpoint_path)
        print(f"saved a checkpoint at step {half} ({os.path.getsize(checkpoint_path)} bytes)")

        command = [sys.executable, "-m", "examples.save_resume", "--backend", args.backend, "--seed", str(args.seed),
                   "--steps", str(args.steps), "--resume", checkpoint_path, "--final", final_path]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [REPO, os.environ.get("PYTHONPATH")])))
        child = subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
        print(child.stdout.rstrip())
        if child.returncode != 0:
            raise SystemExit(f"the resumed process failed with exit code {child.returncode}")
        resumed = flat_parameters(torch.load(final_path))
        load_in_real_torch(checkpoint_path, half)

    difference = float(np.max(np.abs(resumed - expected)))
    if difference != 0.0:
        raise SystemExit(f"the resumed run ended {difference:.3e} away from the uninterrupted one")
    print(f"max |resumed - uninterrupted|: {difference:.1e}")


if __name__ == "__main__":
    main()
