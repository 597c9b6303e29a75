"""An MLP on scikit-learn's 8x8 digits: the tutorials' first training loop.

CrossEntropyLoss + SGD with momentum over a DataLoader, evaluation under no_grad. Last line:
`accuracy: NN.N%` on the held-out quarter (at least 95% with the default settings, on both backends)."""
from examples._common import digits, load_backend, parser, progress


def build(torch, hidden):
    nn = torch.nn
    return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, 10))


def accuracy(torch, model, images, labels):
    model.eval()
    with torch.no_grad():
        predicted = model(images).argmax(dim=1)
    return (predicted == labels).float().mean().item()


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    args = p.parse_args(argv)
    if args.smoke:
        args.epochs = 4
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)

    x_train, y_train, x_test, y_test = digits(args.seed, limit=400 if args.smoke else None)
    train = torch.utils.data.TensorDataset(torch.from_numpy(x_train), torch.from_numpy(y_train))
    loader = torch.utils.data.DataLoader(train, batch_size=32, shuffle=True,
                                         generator=torch.Generator().manual_seed(args.seed))
    model = build(torch, args.hidden)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)

    for epoch in progress(range(args.epochs), desc="epochs"):
        model.train()
        running = 0.0
        for images, labels in loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            running += loss.item()
        if epoch % 10 == 9 or epoch == args.epochs - 1:
            print(f"epoch {epoch + 1}: train loss {running / len(loader):.4f}")

    acc = accuracy(torch, model, torch.from_numpy(x_test), torch.from_numpy(y_test))
    print(f"accuracy: {100 * acc:.1f}%")


if __name__ == "__main__":
    main()
