"""python -m mutants: every planted bug in mutants/*.py must be caught by its tests.

  python -m mutants                 all mutants, one at a time
  python -m mutants -j 2            two temporary trees side by side
  python -m mutants --list          the mutants and whether each still applies
  python -m mutants -k core.        only mutants whose id contains the text
"""
import argparse
import random
import sys

from . import discover, problems
from .runner import run_all


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mutants", description=__doc__.splitlines()[0])
    parser.add_argument("-j", "--jobs", type=int, default=1, help="temporary trees run side by side")
    parser.add_argument("-k", "--only", action="append", default=[], help="run mutants whose id contains this")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--seed", default=None, help="hypothesis seed for every run (default: fresh, printed)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutant")
    args = parser.parse_args(argv)

    mutants = discover()
    if args.only:
        mutants = [m for m in mutants if any(k in m.id for k in args.only)]
    bad = problems(mutants)
    if args.list:
        for m in mutants:
            print(f"{m.room:>12}  {m.id}  ({m.path}; {', '.join(m.tests)})")
        print(f"{len(mutants)} mutants in {len({m.room for m in mutants})} rooms")
    for line in bad:
        print(f"STALE {line}")
    if args.list or bad:
        return 1 if bad else 0
    if not mutants:
        print("no mutants found")
        return 1
    seed = args.seed if args.seed is not None else str(random.SystemRandom().randrange(1 << 32))
    print(f"{len(mutants)} mutants; hypothesis seed {seed} (replay with --seed={seed})", flush=True)
    ok, results = run_all(mutants, seed, jobs=max(1, args.jobs), timeout=args.timeout,
                          report=lambda line: print(line, flush=True))
    if not ok:
        return 1
    survivors = [r for r in results if r[1] == "survived"]
    killed = len(results) - len(survivors)
    print(f"\nkilled {killed}/{len(results)} mutants" + (f"; SURVIVED: {', '.join(r[0].id for r in survivors)}"
                                                        if survivors else ""))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
