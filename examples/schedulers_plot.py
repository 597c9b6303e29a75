"""StepLR, CosineAnnealingLR and OneCycleLR learning-rate curves, the reference's drawn over torch's.

The tutorials' scheduler comparison: each scheduler drives an SGD optimizer for `--epochs` steps and the
learning rate is read with get_last_lr() before every step. The curves of both libraries go to one PNG
(matplotlib, no display needed); the program fails if they do not coincide. Last line:
`max lr difference: X (curves coincide)`."""
import importlib

import matplotlib
import numpy as np

from examples._common import BACKENDS, parser

matplotlib.use("Agg")   # draw to a file; no display on a server or in CI
import matplotlib.pyplot as plt  # noqa: E402  (must follow the backend choice)

SCHEDULERS = ("StepLR", "CosineAnnealingLR", "OneCycleLR")


def make_scheduler(torch, name, epochs, base_lr):
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=base_lr)
    sched = torch.optim.lr_scheduler
    if name == "StepLR":
        return optimizer, sched.StepLR(optimizer, step_size=max(1, epochs * 3 // 10), gamma=0.1)
    if name == "CosineAnnealingLR":
        return optimizer, sched.CosineAnnealingLR(optimizer, T_max=epochs)
    return optimizer, sched.OneCycleLR(optimizer, max_lr=10 * base_lr, total_steps=epochs)


def lr_curve(torch, name, epochs, base_lr):
    optimizer, scheduler = make_scheduler(torch, name, epochs, base_lr)
    lrs = []
    for _ in range(epochs):
        lrs.append(scheduler.get_last_lr()[0])
        optimizer.step()      # (no gradients: a no-op, but the order torch expects before scheduler.step())
        scheduler.step()
    return np.array(lrs)


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--out", default="schedulers.png", help="the PNG to write")
    args = p.parse_args(argv)
    epochs = 20 if args.smoke else args.epochs
    # both libraries always run: the figure compares them; --backend is the one drawn on top
    libs = {name: importlib.import_module(name) for name in BACKENDS}
    front, back = args.backend, next(b for b in BACKENDS if b != args.backend)

    fig, axes = plt.subplots(1, len(SCHEDULERS), figsize=(4 * len(SCHEDULERS), 3.2))
    worst = 0.0
    for ax, name in zip(axes, SCHEDULERS):
        curves = {lib: lr_curve(libs[lib], name, epochs, args.lr) for lib in (back, front)}
        ax.plot(curves[back], color="tab:orange", linewidth=4, alpha=0.5, label=back)
        ax.plot(curves[front], color="tab:blue", linewidth=1.2, linestyle="--", label=front)
        ax.set(title=name, xlabel="step", ylabel="learning rate")
        ax.legend()
        diff = float(np.max(np.abs(curves[front] - curves[back])))
        worst = max(worst, diff)
        lrs = curves[front]
        print(f"{name}: initial {lrs[0]:.4f}, peak {lrs.max():.4f}, final {lrs[-1]:.6f}, "
              f"max |{front} - {back}| {diff:.1e}")
        if not np.allclose(curves[front], curves[back], rtol=1e-12, atol=1e-15):
            raise SystemExit(f"{name}: the {front} and {back} curves differ by up to {diff:.3e}")
    fig.tight_layout()
    fig.savefig(args.out, dpi=80)
    print(f"wrote {args.out}")
    print(f"max lr difference: {worst:.1e} (curves coincide)")


if __name__ == "__main__":
    main()
