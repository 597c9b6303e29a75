"""python -m mutants: every planted bug in mutants/*.py must be caught by its tests.

  python -m mutants                 all mutants, one at a time
  python -m mutants -j 2            two temporary trees side by side
  python -m mutants --list          the mutants and whether each still applies
  python -m mutants -k core.        only mutants whose id contains the text
  python -m mutants --room nn_core  only the mutants of mutants/nn_core.py (repeatable)

Each mutant runs its own tests with -x at the `planted` profile (a survivor is run again at `ci`); a kill
counts once the test that failed passes on the unmutated copy. The end prints caught/total per room.
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
    parser.add_argument("--room", action="append", default=[], help="run the mutants of mutants/ROOM.py")
    parser.add_argument("--subprocess", action="store_true",
                        help="run each test run in a fresh interpreter instead of forking a preloaded one")
    args = parser.parse_args(argv)

    mutants = discover()
    if args.only:
        mutants = [m for m in mutants if any(k in m.id for k in args.only)]
    if args.room:
        mutants = [m for m in mutants if m.room in args.room]
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
                          report=lambda line: print(line, flush=True), forked=not args.subprocess)
    if not ok:
        return 1
    caught = [r for r in results if r[1].startswith("killed")]
    missed = [r for r in results if not r[1].startswith("killed")]
    print("\nroom          caught/total")
    for room in sorted({m.room for m in mutants}):
        mine = [r for r in results if r[0].room == room]
        print(f"{room:<13} {sum(r[1].startswith('killed') for r in mine)}/{len(mine)}")
    print(f"\nkilled {len(caught)}/{len(results)} mutants"
          + (f"; NOT CAUGHT: {', '.join(f'{r[0].id} ({r[1]})' for r in missed)}" if missed else ""))
    return 1 if missed else 0

if __name__ == "__main__":
    sys.exit(main())
