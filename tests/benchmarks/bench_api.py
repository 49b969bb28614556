"""Latency and throughput of POST /api/v1/check under a production WSGI server. Not a test: prints figures.

    .venv/bin/python tests/benchmarks/bench_api.py [--clients 4] [--requests 200] [--workers 2]

Starts `essaycheck-web` on a free loopback port, waits until it answers, then sends a
fixed number of requests with a 500-word essay from several concurrent clients, and
prints the median and 95th-percentile latency, requests per second and any errors.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "ops"))

from servers import free_port  # noqa: E402


def essay_500() -> str:
    """500 words on the default assignment: its own sample essay, then its sources' sentences."""
    pack = ROOT / "rubric" / "cuban-missile-crisis"
    text = (pack / "examples" / "sample-essay.txt").read_text() + "\n\n" + " ".join(
        p.read_text() for p in sorted((pack / "sources").glob("*.txt")))
    return " ".join(text.split(" ")[:500])


def request(port: int, body: bytes) -> tuple[int, float]:
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/api/v1/check", body, {"Content-Type": "application/json"})
    status = conn.getresponse().status
    conn.close()
    return status, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server worker processes")
    args = ap.parse_args()

    port = free_port()
    # A benchmark is one client sending many checks: lift the per-client limit for it.
    env = dict(os.environ, ESSAYCHECK_PORT=str(port), ESSAYCHECK_WORKERS=str(args.workers),
               ESSAYCHECK_RATE_LIMIT="1000000 per minute", ESSAYCHECK_INSTANCE_DIR=tempfile.mkdtemp())
    server = subprocess.Popen([str(Path(sys.executable).parent / "essaycheck-web")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/v1/assignments")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("server did not start: " + (server.stderr.read() if server.poll() else ""))
            time.sleep(0.2)
        gp = next(a["id"] for a in json.loads(_get(port, "/api/v1/assignments"))["assignments"])
        body = json.dumps({"assignment": gp, "essay": essay_500()}).encode()
        for _ in range(5):
            request(port, body)  # warm up every worker

        results: list[tuple[int, float]] = []
        lock = threading.Lock()
        todo = list(range(args.requests))

        def client() -> None:
            while True:
                with lock:
                    if not todo:
                        return
                    todo.pop()
                r = request(port, body)
                with lock:
                    results.append(r)

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=20)

    lat = sorted(x for _, x in results)
    errors = sum(1 for s, _ in results if s != 200)
    print(f"server: essaycheck-web, {args.workers} worker process(es); {args.clients} concurrent clients; "
          f"{len(results)} requests of a 500-word essay ({gp})")
    print(f"median latency   {statistics.median(lat) * 1000:8.1f} ms")
    print(f"95th percentile  {lat[int(0.95 * (len(lat) - 1))] * 1000:8.1f} ms")
    print(f"throughput       {len(results) / wall:8.1f} requests/s")
    print(f"errors           {errors:8d}")


def _get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    return conn.getresponse().read().decode()


if __name__ == "__main__":
    main()
