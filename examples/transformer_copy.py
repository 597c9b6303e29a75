"""A small Transformer encoder-decoder learns to reverse token sequences; greedy decoding measures it.

Sources are 3 to `--max-len` symbols, padded with PAD; the decoder reads BOS + the reversed source (teacher
forcing) and learns to emit the reversed source + EOS. The masks are the tutorials' three: a causal mask
(nn.Transformer.generate_square_subsequent_mask) so a position never sees later targets, and key-padding
masks for source and target so nothing attends to PAD (the loss ignores PAD too). Evaluation decodes fresh
sequences greedily, one token at a time from BOS, re-using the encoder's memory; a sequence counts only if
every token and the EOS are right. Last line: `sequence accuracy: NN.N% (threshold T%)`."""
import math

import numpy as np

from examples._common import load_backend, parser, progress

PAD, BOS, EOS, FIRST_SYMBOL = 0, 1, 2, 3
THRESHOLD = 90.0
SMOKE_THRESHOLD = 0.0     # a smoke run is too short to learn; it proves the program runs


def make_batch(rng, batch_size, max_len, n_symbols):
    """(source, decoder input, decoder target) as int64 arrays padded with PAD."""
    lengths = rng.integers(3, max_len + 1, size=batch_size)
    src = np.full((batch_size, max_len), PAD, dtype=np.int64)
    tgt_in = np.full((batch_size, max_len + 1), PAD, dtype=np.int64)
    tgt_out = np.full((batch_size, max_len + 1), PAD, dtype=np.int64)
    for i, n in enumerate(lengths):
        seq = rng.integers(FIRST_SYMBOL, FIRST_SYMBOL + n_symbols, size=n)
        src[i, :n] = seq
        tgt_in[i, 0], tgt_in[i, 1:n + 1] = BOS, seq[::-1]
        tgt_out[i, :n], tgt_out[i, n] = seq[::-1], EOS
    return src, tgt_in, tgt_out


def build(torch, vocab, d_model, max_len):
    nn = torch.nn

    class Reverser(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding(vocab, d_model, padding_idx=PAD)
            self.position = nn.Embedding(max_len + 1, d_model)
            self.transformer = nn.Transformer(d_model=d_model, nhead=4, num_encoder_layers=2, num_decoder_layers=2,
                                              dim_feedforward=4 * d_model, dropout=0.0, batch_first=True)
            self.out = nn.Linear(d_model, vocab)

        def embed_tokens(self, tokens):
            positions = torch.arange(tokens.shape[1])
            return self.embed(tokens) * math.sqrt(d_model) + self.position(positions)[None]

        def encode(self, src):
            return self.transformer.encoder(self.embed_tokens(src), src_key_padding_mask=src == PAD)

        def decode(self, tgt_in, memory, src):
            causal = nn.Transformer.generate_square_subsequent_mask(tgt_in.shape[1])
            hidden = self.transformer.decoder(self.embed_tokens(tgt_in), memory, tgt_mask=causal,
                                              tgt_is_causal=True, tgt_key_padding_mask=tgt_in == PAD,
                                              memory_key_padding_mask=src == PAD)
            return self.out(hidden)

        def forward(self, src, tgt_in):
            return self.decode(tgt_in, self.encode(src), src)

    return Reverser()


def greedy_decode(torch, model, src, steps):
    memory = model.encode(src)
    tokens = torch.full((src.shape[0], 1), BOS, dtype=torch.int64)
    for _ in range(steps):
        logits = model.decode(tokens, memory, src)
        tokens = torch.cat([tokens, logits[:, -1].argmax(dim=-1, keepdim=True)], dim=1)
    return tokens[:, 1:]


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=1500)
    p.add_argument("--max-len", type=int, default=8)
    p.add_argument("--symbols", type=int, default=10)
    p.add_argument("--d-model", type=int, default=64)
    p.add_argument("--batch-size", type=int, default=64)
    args = p.parse_args(argv)
    threshold = THRESHOLD
    if args.smoke:
        args.steps, args.max_len, args.d_model, threshold = 10, 5, 32, SMOKE_THRESHOLD
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    vocab = FIRST_SYMBOL + args.symbols

    model = build(torch, vocab, args.d_model, args.max_len)
    criterion = torch.nn.CrossEntropyLoss(ignore_index=PAD)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=args.steps)
    for step in progress(range(args.steps), desc="steps"):
        src, tgt_in, tgt_out = (torch.from_numpy(a) for a in make_batch(rng, args.batch_size, args.max_len,
                                                                           args.symbols))
        model.train()
        optimizer.zero_grad()
        logits = model(src, tgt_in)
        loss = criterion(logits.reshape(-1, vocab), tgt_out.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        if step % 250 == 249:
            print(f"step {step + 1}: train loss {loss.item():.4f}")

    model.eval()
    src, _, tgt_out = make_batch(np.random.default_rng(args.seed + 1), 200, args.max_len, args.symbols)
    with torch.no_grad():
        decoded = greedy_decode(torch, model, torch.from_numpy(src), args.max_len + 1).numpy()
    real = tgt_out != PAD                                      # the reversed symbols and the EOS
    correct = np.all((decoded == tgt_out) | ~real, axis=1)
    example = src[0][src[0] != PAD]
    print(f"source {example.tolist()} -> decoded {decoded[0][:len(example) + 1].tolist()} (EOS = {EOS})")
    accuracy = 100.0 * correct.mean()
    if accuracy < threshold:
        raise SystemExit(f"sequence accuracy {accuracy:.1f}% is below {threshold}%")
    print(f"sequence accuracy: {accuracy:.1f}% (threshold {threshold:.0f}%)")


if __name__ == "__main__":
    main()
