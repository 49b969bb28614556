"""Serve the app with a production WSGI server: `essaycheck-web` (or `make run`)."""
from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="essaycheck-web", description="Serve essaycheck on this machine.")
    ap.add_argument("--host", default=os.environ.get("ESSAYCHECK_HOST", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("ESSAYCHECK_PORT", "5000")))
    ap.add_argument("--threads", type=int, default=int(os.environ.get("ESSAYCHECK_THREADS", "8")))
    args = ap.parse_args(argv)

    from waitress import serve

    from . import create_app
    from .library import library

    app = create_app()
    with app.app_context():  # load the pipeline and build every assignment before the first request
        ready = library().listing()
    print(f"essaycheck: {len(ready)} assignment(s) ready; serving on http://{args.host}:{args.port}/",
          file=sys.stderr)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="essaycheck")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
