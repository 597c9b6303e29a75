"""An LSTM learns the running sum of variable-length sequences, fed as packed sequences.

Each batch holds sequences of 4 to `--max-len` numbers drawn from [-1, 1], padded to the longest. The padded
batch is packed with pack_padded_sequence(..., enforce_sorted=False), so the LSTM never reads the padding;
its packed output is unpacked with pad_packed_sequence and a linear head predicts, at every real step, the
sum so far. The loss is the MSE over the real steps only (a mask from the lengths). The program checks that
the final hidden state h_n is the output at each sequence's own last step (what packing guarantees), and
evaluates on fresh sequences. Last line: `test loss: X (threshold T)`; it fails above the threshold."""
import numpy as np

from examples._common import load_backend, parser, progress

THRESHOLD = 0.01     # mean squared error on running sums whose spread grows to about 2.6 at 20 steps
SMOKE_THRESHOLD = 1.0


def make_batch(torch, rng, batch_size, max_len):
    lengths = rng.integers(4, max_len + 1, size=batch_size)
    values = rng.uniform(-1.0, 1.0, size=(batch_size, max_len)).astype(np.float32)
    values[np.arange(max_len)[None, :] >= lengths[:, None]] = 0.0          # the padding
    sums = np.cumsum(values, axis=1)
    return (torch.from_numpy(values[:, :, None]), torch.from_numpy(sums[:, :, None]),
            torch.from_numpy(lengths.astype(np.int64)))


def build(torch, hidden):
    nn = torch.nn

    class RunningSum(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(input_size=1, hidden_size=hidden, batch_first=True)
            self.head = nn.Linear(hidden, 1)

        def forward(self, padded, lengths):
            packed = nn.utils.rnn.pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
            packed_out, (h_n, _) = self.lstm(packed)
            out, out_lengths = nn.utils.rnn.pad_packed_sequence(packed_out, batch_first=True,
                                                                total_length=padded.shape[1])
            return self.head(out), out, h_n

    return RunningSum()


def masked_mse(torch, prediction, target, lengths):
    mask = (torch.arange(target.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1).float()
    return ((prediction - target) ** 2 * mask).sum() / mask.sum()


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=600)
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--max-len", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args(argv)
    threshold = THRESHOLD
    if args.smoke:
        args.steps, args.max_len, threshold = 30, 10, SMOKE_THRESHOLD
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    model = build(torch, args.hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.steps)
    bar = progress(range(args.steps), desc="steps")
    for step in bar:
        x, y, lengths = make_batch(torch, rng, args.batch_size, args.max_len)
        optimizer.zero_grad()
        prediction, _, _ = model(x, lengths)
        loss = masked_mse(torch, prediction, y, lengths)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        if step % 100 == 99:
            print(f"step {step + 1}: train loss {loss.item():.5f}")

    model.eval()
    with torch.no_grad():
        x, y, lengths = make_batch(torch, np.random.default_rng(args.seed + 1), 256, args.max_len)
        prediction, out, h_n = model(x, lengths)
        last = out[torch.arange(len(lengths)), lengths - 1]        # each sequence's own last real step
        gap = (last - h_n[0]).abs().max().item()
        test_loss = masked_mse(torch, prediction, y, lengths).item()
    print(f"h_n equals the output at each sequence's last real step: max difference {gap:.1e}")
    if gap > 1e-6:
        raise SystemExit("packing did not stop each sequence at its own length")
    if not test_loss < threshold:
        raise SystemExit(f"test loss {test_loss:.5f} is not below {threshold}")
    print(f"test loss: {test_loss:.5f} (threshold {threshold})")


if __name__ == "__main__":
    main()
