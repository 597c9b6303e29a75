"""python -m gradcheck MODULE:CALLABLE --shapes 3,4 3,4 [--impl reference|torch] [--examples N]
[--second-order]: check an op from the shell. Exit 0 on pass, 1 with the report on failure,
2 on a usage error."""
from __future__ import annotations

import argparse
import importlib
import sys
from ._errors import GradcheckError


def parse_shape(text: str) -> tuple[int, ...]:
    text = text.strip()
    if text in ("", "()", "scalar"):
        return ()
    try:
        shape = tuple(int(part) for part in text.strip("()").split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"a shape is comma-separated sizes like 3,4, not {text!r}")
    if any(s < 0 for s in shape):
        raise argparse.ArgumentTypeError(f"negative size in shape {text!r}")
    return shape


def load_callable(target: str):
    module_name, sep, attr_path = target.partition(":")
    if not sep or not module_name or not attr_path:
        raise ValueError(f"expected MODULE:CALLABLE, got {target!r}")
    obj = importlib.import_module(module_name)
    for attr in attr_path.split("."):
        obj = getattr(obj, attr)
    if not callable(obj):
        raise ValueError(f"{target} is not callable")
    return obj


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m gradcheck", description=(
        "Check a differentiable callable's gradients against finite differences on generated "
        "float64 inputs (hypothesis, shrinking failures to the smallest input)."))
    p.add_argument("target", help="MODULE:CALLABLE, e.g. mypkg.ops:MySin.apply")
    p.add_argument("--shapes", nargs="+", type=parse_shape, required=True, metavar="SHAPE",
                   help="one shape per tensor argument, e.g. 3,4 (use () for a 0-d tensor)")
    p.add_argument("--impl", choices=["reference", "torch"], default="reference",
                   help="tensor library to build the inputs with (default: reference)")
    p.add_argument("--examples", type=int, default=10, help="generated inputs to try (default 10)")
    p.add_argument("--second-order", action="store_true", help="also run gradgradcheck")
    p.add_argument("--fast", action="store_true", help="fast mode (random projections)")
    p.add_argument("--low", type=float, default=-2.0, help="smallest input value (default -2)")
    p.add_argument("--high", type=float, default=2.0, help="largest input value (default 2)")
    p.add_argument("--avoid", type=float, nargs="*", default=[],
                   help="kinks or poles to keep away from, e.g. --avoid 0")
    p.add_argument("--margin", type=float, default=0.1, help="distance kept from --avoid points")
    p.add_argument("--eps", type=float, default=None)
    p.add_argument("--atol", type=float, default=None)
    p.add_argument("--rtol", type=float, default=None)
    p.add_argument("--seed", type=int, default=0,
                   help="hypothesis seed, fixed by default so a CI run is reproducible")
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        func = load_callable(args.target)
    except (ImportError, AttributeError, ValueError) as exc:
        print(f"gradcheck: cannot load {args.target}: {exc}", file=sys.stderr)
        return 2
    from ._check_op import check_op
    from .strategies import Input
    specs = [Input(shape=s, low=args.low, high=args.high, avoid=tuple(args.avoid),
                   margin=args.margin) for s in args.shapes]
    tolerances = {k: getattr(args, k) for k in ("eps", "atol", "rtol") if getattr(args, k) is not None}
    try:
        check_op(func, *specs, max_examples=args.examples, second_order=args.second_order,
                 impl=args.impl, seed=args.seed, fast_mode=args.fast, **tolerances)
    except GradcheckError as exc:
        print(exc.report)
        return 1
    shapes = " ".join(",".join(map(str, s)) or "()" for s in args.shapes)
    order = "gradcheck and gradgradcheck" if args.second_order else "gradcheck"
    print(f"{order} passed: {args.target} on up to {args.examples} generated inputs of shapes "
          f"{shapes} ({args.impl})")
    return 0
