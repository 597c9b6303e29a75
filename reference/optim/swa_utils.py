"""Stochastic weight averaging (filled in later in this issue)."""
