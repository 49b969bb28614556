"""Serve the app with a production WSGI server: `essaycheck-web` (or `make run`).

One worker process (the default on one core, and on Windows) runs waitress with threads.
More workers (ESSAYCHECK_WORKERS or --workers) run gunicorn on Linux, with the app loaded
before the workers fork, so the spaCy pipeline and every fact base are built once and
shared; a check is CPU-bound, so one worker per core is what gives more throughput.
"""
from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except Exception as exc:  # a wrong setting or a missing part: one line, never a traceback
        from essaycheck.errors import EssaycheckError

        from .settings import ConfigError

        if isinstance(exc, (ConfigError, EssaycheckError, OSError)):
            print(f"essaycheck-web: {exc}", file=sys.stderr)
            return 2
        raise


def _int_env(name: str, default: int, minimum: int) -> int:
    from .settings import ConfigError

    raw = os.environ.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}: must be at least {minimum}")
    return value


def _main(argv: list[str] | None) -> int:
    ap = argparse.ArgumentParser(prog="essaycheck-web", description="Serve essaycheck on this machine.")
    ap.add_argument("--host", default=os.environ.get("ESSAYCHECK_HOST", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=_int_env("ESSAYCHECK_PORT", 5000, 0))
    ap.add_argument("--threads", type=int, default=_int_env("ESSAYCHECK_THREADS", 8, 1))
    ap.add_argument("--workers", type=int, default=_int_env("ESSAYCHECK_WORKERS", 1, 1),
                    help="worker processes (more than one needs gunicorn, on Linux)")
    ap.add_argument("--check-config", action="store_true", help="check the settings and exit")
    args = ap.parse_args(argv)

    from . import create_app
    from .library import library

    forking = args.workers > 1 and _gunicorn_available()
    app = create_app(start_worker=not forking)
    if args.check_config:
        print("essaycheck-web: settings are fine", file=sys.stderr)
        return 0
    with app.app_context():  # load the pipeline and build every assignment before the first request
        ready = library().listing()
    print(f"essaycheck: {len(ready)} assignment(s) ready; serving on http://{args.host}:{args.port}/ "
          f"with {args.workers} worker(s)", file=sys.stderr)
    if forking:
        _serve_gunicorn(app, args)
    else:
        from waitress import serve

        serve(app, host=args.host, port=args.port, threads=args.threads, ident="essaycheck")
    return 0


def _gunicorn_available() -> bool:
    if os.name != "posix":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        print("essaycheck: gunicorn is not installed; serving with one worker", file=sys.stderr)
        return False
    return True


def _serve_gunicorn(app, args) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"{args.host}:{args.port}", "workers": args.workers,
                               "threads": max(1, args.threads // args.workers), "preload_app": True,
                               "accesslog": None, "timeout": 120, "post_fork": _after_fork}.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    def _after_fork(server, worker):
        # Database connections opened while loading must not be shared between processes;
        # each process marks batches in its own thread (claims keep them from colliding).
        from . import start_marking
        from .db import db

        with app.app_context():
            db.engine.dispose(close=False)
        if app.config["ESSAYCHECK_START_WORKER"]:
            start_marking(app)

    Server().run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
