"""A namespace with no names at all: every conformance test must fail on its own, naming what is
missing, while collection and the rest of the run carry on."""
