"""Runnable programs: the tutorials' workflows, each on `--backend reference|torch`.

Run one from the repository root as a module, e.g. `python -m examples.mlp_digits --backend reference`;
`--smoke` shrinks it to a few seconds. Every program prints its final metric on its last line."""
