"""Run the benchmarks: ``python -m benchmarks`` (all) or ``python -m benchmarks NAME [options]``.

Registered benchmarks (each a ``main(argv) -> int``):

* ``social-map``: the social map at the size of Flanders on PostgreSQL; search
  latency (full text, typo path), SQL queries per search, the search page over HTTP
  with 16 clients. See ``benchmarks/social_map.py`` and ``docs/performance.md``.
* ``frontdesk``: a large city's front desk and help dossiers on PostgreSQL; person
  look-up as you type, registering a contact, the dossier page. See
  ``benchmarks/frontdesk.py``.
* ``referrals``: the front-desk city plus 300,000 referrals; partner inboxes and
  senders' worklists (queries and pages), SQL queries per page. See
  ``benchmarks/referrals.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def _social_map(argv: list[str]) -> int:
    from benchmarks import social_map

    return social_map.main(argv)


def _frontdesk(argv: list[str]) -> int:
    from benchmarks import frontdesk

    return frontdesk.main(argv)


def _referrals(argv: list[str]) -> int:
    from benchmarks import referrals

    return referrals.main(argv)


BENCHMARKS: dict[str, Callable[[list[str]], int]] = {
    "social-map": _social_map,
    "frontdesk": _frontdesk,
    "referrals": _referrals,
}


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv and not argv[0].startswith("-"):
        name, options = argv[0], argv[1:]
        if name not in BENCHMARKS:
            print(f"Unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
            return 2
        return BENCHMARKS[name](options)
    status = 0
    for name, run in BENCHMARKS.items():
        print(f"==> {name}", flush=True)
        status = max(status, run(argv))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
