"""How a command-line handler ends, for both `counter-app` and `counter-central`.

A :class:`UserError` is printed in the user's language (with each problem of a bad file on
its own line) and becomes exit status 2, or 75 (EX_TEMPFAIL) when it is transient, so a
script can retry; Ctrl+C is 130, as shells expect.
"""

from __future__ import annotations

import sys

from counter_app.errors import UserError

EXIT_USER_ERROR = 2
EXIT_TRY_AGAIN = 75
EXIT_INTERRUPTED = 130


def run_handler(args, tr) -> int:
    try:
        return int(args.handler(args, tr) or 0)
    except UserError as exc:
        print(tr.error(exc), file=sys.stderr)
        for problem in getattr(exc, "problems", ()):
            print("  " + problem.text(tr), file=sys.stderr)
        return EXIT_USER_ERROR if exc.kind != "transient" else EXIT_TRY_AGAIN
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
