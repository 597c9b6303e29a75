"""A small CNN on the 8x8 digits with the tutorials' complete training loop.

Conv2d/BatchNorm2d/MaxPool2d/Dropout, AdamW + CosineAnnealingLR, clip_grad_norm_ on every step, and early
stopping on the validation loss that saves the best checkpoint with torch.save and reloads it with
load_state_dict(torch.load(...)) before the test. Last line: `accuracy: NN.N%` (at least 97% by default)."""
import os
import tempfile

import numpy as np

from examples._common import digits, load_backend, parser, progress


def build(torch, dropout):
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),   # 16x4x4
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),  # 32x2x2
        nn.Flatten(), nn.Dropout(dropout), nn.Linear(32 * 2 * 2, 10))


def evaluate(torch, model, images, labels, criterion):
    """(mean loss, accuracy) in eval mode without building a graph."""
    model.eval()
    with torch.no_grad():
        logits = model(images)
        loss = criterion(logits, labels).item()
        acc = (logits.argmax(dim=1) == labels).float().mean().item()
    return loss, acc


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--patience", type=int, default=6)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--checkpoint-dir", default=None, help="where best_model.pth goes (default: a temporary one)")
    args = p.parse_args(argv)
    if args.smoke:
        args.epochs, args.patience = 2, 1
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    x_train, y_train, x_test, y_test = digits(args.seed, limit=300 if args.smoke else None)
    n_val = len(y_train) // 6

    def as_images(flat):
        return torch.from_numpy(flat.reshape(-1, 1, 8, 8))

    x_val, y_val = as_images(x_train[:n_val]), torch.from_numpy(y_train[:n_val])
    x_fit, y_fit = x_train[n_val:], y_train[n_val:]
    x_test, y_test = as_images(x_test), torch.from_numpy(y_test)

    model = build(torch, dropout=0.25)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)

    with tempfile.TemporaryDirectory() as scratch:
        best_path = os.path.join(args.checkpoint_dir or scratch, "best_model.pth")
        best_val, best_epoch, waited = float("inf"), 0, 0
        for epoch in progress(range(args.epochs), desc="epochs"):
            model.train()
            order = rng.permutation(len(y_fit))
            for start in range(0, len(order), args.batch_size):
                idx = order[start:start + args.batch_size]
                optimizer.zero_grad()
                loss = criterion(model(as_images(x_fit[idx])), torch.from_numpy(y_fit[idx]))
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
            scheduler.step()
            val_loss, val_acc = evaluate(torch, model, x_val, y_val, criterion)
            print(f"epoch {epoch + 1}: val loss {val_loss:.4f}, val acc {100 * val_acc:.1f}%, "
                  f"lr {scheduler.get_last_lr()[0]:.2e}")
            if val_loss < best_val:
                best_val, best_epoch, waited = val_loss, epoch + 1, 0
                torch.save(model.state_dict(), best_path)
            else:
                waited += 1
                if waited >= args.patience:
                    print(f"early stopping at epoch {epoch + 1}")
                    break
        model.load_state_dict(torch.load(best_path))
    print(f"reloaded the best checkpoint (epoch {best_epoch}, val loss {best_val:.4f})")
    _, acc = evaluate(torch, model, x_test, y_test, criterion)
    print(f"accuracy: {100 * acc:.1f}%")


if __name__ == "__main__":
    main()
