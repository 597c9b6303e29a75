"""Child of the start-up workloads: import a namespace and run one MLP training step.
`python -m benchmarks._first_step reference|torch`; thread counts come from the environment."""
import importlib
import os
import sys

import numpy as np

from .workloads import BY_NAME


def main(impl):
    T = importlib.import_module(impl)
    T.set_num_threads(int(os.environ.get("BENCH_THREADS", "1")))
    BY_NAME["mlp_step"].build(T, np.random.default_rng(0))()


if __name__ == "__main__":
    main(sys.argv[1])
