"""The generated kernel modules must match what codegen.py writes from the elementwise registry."""
import os

from reference.backends.cpu import codegen
from reference.backends.cuda import codegen as cuda_codegen


def test_generated_kernels_are_fresh():
    here = os.path.dirname(codegen.__file__)
    for filename, (table, arity) in codegen.TARGETS.items():
        with open(os.path.join(here, filename)) as f:
            assert f.read() == codegen.render(table, arity), (
                f"{filename} is stale: run python -m reference.backends.cpu.codegen")


def test_generated_cuda_kernels_are_fresh():
    path = os.path.join(os.path.dirname(cuda_codegen.__file__), cuda_codegen.TARGET)
    with open(path) as f:
        assert f.read() == cuda_codegen.render(), (
            f"{path} is stale: run python -m reference.backends.cuda.codegen")


def test_reference_never_imports_torch():
    root = os.path.dirname(os.path.dirname(codegen.__file__))
    root = os.path.dirname(root)
    for dirpath, _, files in os.walk(root):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(dirpath, name)) as f:
                    for line in f:
                        s = line.strip()
                        assert not (s.startswith("import torch") or s.startswith("from torch")), \
                            f"{dirpath}/{name} imports torch"
