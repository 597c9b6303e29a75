"""The tutorials' mixed-precision loop: autocast + GradScaler, with unscale_ before clip_grad_norm_.

An MLP learns the 8x8 digits with AdamW. The forward runs under autocast (matrix products in float16,
the loss in float32); GradScaler multiplies the loss before backward so that small float16 gradients do not
flush to zero, skips any step whose gradients overflowed (inf/NaN) and then halves its scale, and grows the
scale again after `growth_interval` clean steps. The device is CUDA when there is one and the CPU
otherwise, as in torch: the same device-generic API (torch.autocast(device_type), torch.amp.GradScaler(device))
works on both; float16 is asked for explicitly because the CPU's default autocast type, bfloat16, has float32's
range and needs no scaling. Last line: `accuracy: NN.N% (skipped steps: K, final scale: S)`."""
from examples._common import digits, load_backend, parser, progress


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--init-scale", type=float, default=2.0 ** 24,
                   help="GradScaler's first scale; large on purpose, so the first steps overflow and are skipped")
    p.add_argument("--growth-interval", type=int, default=100)
    args = p.parse_args(argv)
    if args.smoke:
        args.epochs = 1
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    x_train, y_train, x_test, y_test = digits(args.seed, limit=300 if args.smoke else None)
    train = torch.utils.data.TensorDataset(torch.from_numpy(x_train), torch.from_numpy(y_train))
    loader = torch.utils.data.DataLoader(train, batch_size=32, shuffle=True,
                                         generator=torch.Generator().manual_seed(args.seed))
    nn = torch.nn
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    scaler = torch.amp.GradScaler(device.type, init_scale=args.init_scale, growth_interval=args.growth_interval)
    print(f"device {device}; autocast float16; GradScaler enabled: {scaler.is_enabled()}, "
          f"initial scale {scaler.get_scale():.0f}")

    steps = skipped = 0
    for epoch in progress(range(args.epochs), desc="epochs"):
        model.train()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            with torch.autocast(device_type=device.type, dtype=torch.float16):
                logits = model(images)
                loss = criterion(logits, labels)
            scaler.scale(loss).backward()
            scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            scale_before = scaler.get_scale()
            scaler.step(optimizer)   # skipped when the unscaled gradients hold inf or NaN
            scaler.update()
            steps += 1
            skipped += scaler.get_scale() < scale_before   # the documented sign of a skipped step
        print(f"epoch {epoch + 1}: last loss {loss.item():.4f} (computed in {loss.dtype}, logits in "
              f"{logits.dtype}), scale {scaler.get_scale():.0f}, skipped so far {skipped} of {steps}")

    model.eval()
    with torch.no_grad(), torch.autocast(device_type=device.type, dtype=torch.float16):
        predicted = model(torch.from_numpy(x_test).to(device)).argmax(dim=1)
    acc = (predicted.cpu() == torch.from_numpy(y_test)).float().mean().item()
    print(f"accuracy: {100 * acc:.1f}% (skipped steps: {skipped}, final scale: {scaler.get_scale():.0f})")


if __name__ == "__main__":
    main()
