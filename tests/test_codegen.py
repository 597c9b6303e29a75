"""The generated kernel modules must match what codegen.py writes from the elementwise registry."""
import os

from reference.backends.cpu import codegen


def test_generated_kernels_are_fresh():
    here = os.path.dirname(codegen.__file__)
    for filename, (table, arity) in codegen.TARGETS.items():
        with open(os.path.join(here, filename)) as f:
            assert f.read() == codegen.render(table, arity), (
                f"{filename} is stale: run python -m reference.backends.cpu.codegen")


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
