"""Load test: staff working at once against the production server (see docs/performance.md,
"Load"; not a test). Needs PostgreSQL and takes minutes, so `make bench-load`, not `make bench`.

    .venv/bin/python bench/load.py                      # 50 users, saturation, 20, 100
    .venv/bin/python bench/load.py --quick              # 10 users for 1 minute, to try it
    .venv/bin/python bench/load.py --scenarios 50 --workers 4 --threads 1 --minutes 2

The data come from bench/load_data.py (run first when the plan is missing, or with --fresh).
For each scenario the attendance of the sessions to come is emptied, then
`scripts/serve-production.sh` runs pinned to CPU 1 (`taskset -c 1`, no background worker) and
locust headless pinned to CPU 0 (`taskset -c 0`), for a bounded time: every user signs in, then
the statistics restart and the users work for the scenario's minutes. Afterwards: p50/p95/p99
per kind of page (lists/detail, ticks, dashboard/exports), throughput, errors (the sign-in
phase's included), the sign-ins' own figures, and the ticks: answered ticks against the
attendance rows added, which must be equal.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sv_load"
PLAN = Path("/tmp/sprakvan-load-plan.json")
TASKSET = shutil.which("taskset") or "/usr/bin/taskset"
SERVER_LOG = Path("/tmp/sprakvan-load-server.log")
KINDS = ("lists/detail", "ticks", "dashboard/exports")
# The longest the sign-ins may take: the locustfile ends the run its seconds after the last one.
SIGN_IN_SECONDS = 300


def _sql(url: str, sql: str, params: Any = None) -> Any:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        cursor = c.execute(sql, params)
        return cursor.fetchone()[0] if cursor.description else None  # type: ignore[index]


def _machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "?")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    kib = int(next(line.split()[1] for line in meminfo if "MemTotal" in line))
    return f"{os.cpu_count()} CPUs ({model}), {kib / 1024 / 1024:.0f} GiB RAM"


def _start_server(url: str, port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PORT": str(port),
        "NO_WORKER": "1",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    with SERVER_LOG.open("ab") as log:  # the child keeps its own copy of the descriptor
        server = subprocess.Popen(
            [TASKSET, "-c", "1", "scripts/serve-production.sh"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    for _ in range(1200):
        try:
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310 -- our local server
                return server
        except urllib.error.HTTPError:  # 503 without the background worker: still serving
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    _stop_server(server)
    sys.exit(f"The server did not answer /healthz within 10 minutes or stopped ({SERVER_LOG})")


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    """TERM to the script: its trap stops gunicorn and what else it started."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _stats(prefix: str) -> dict[str, dict[str, float]]:
    with open(f"{prefix}_stats.csv") as f:
        return {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
                "p99": float(row["99%"]),
            }
            for row in csv.DictReader(f)
            if row["Request Count"] != "0"  # the sign-in's rows after the restart: "N/A"
        }


def run_scenario(
    *,
    url: str,
    plan: dict[str, Any],
    users: int,
    seconds: int,
    waits: bool,
    port: int,
    workers: int,
    threads: int,
) -> dict[str, Any]:
    """One bounded run; its figures as a dict."""
    future = [s for leader in plan["leaders"] for s in leader["sessions"]]
    _sql(url, "DELETE FROM activities_attendance WHERE session_id = ANY(%s)", (future,))
    before = _sql(url, "SELECT count(*) FROM activities_attendance")
    out = Path(tempfile.mkdtemp(prefix="sprakvan-load-"))
    env = {
        **os.environ,
        "LOAD_PLAN": str(PLAN),
        "LOAD_TICKS": str(out / "ticks.json"),
        "LOAD_NO_WAIT": "0" if waits else "1",
        "LOAD_SECONDS": str(seconds),
    }
    subprocess.run(
        [
            TASKSET, "-c", "0", str(ROOT / ".venv/bin/locust"),
            "-f", str(ROOT / "bench/load_locustfile.py"), "--headless", "--only-summary",
            "-u", str(users), "-r", str(max(1, users // 10)),
            "--run-time", f"{seconds + SIGN_IN_SECONDS}s",
            "--stop-timeout", "10", "--host", f"http://127.0.0.1:{port}",
            "--csv", str(out / "run"), "--loglevel", "WARNING",
        ],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    after = _sql(url, "SELECT count(*) FROM activities_attendance")
    stats = _stats(str(out / "run"))
    ticks = json.loads((out / "ticks.json").read_text())
    if "sign_in" not in ticks:
        sys.exit(f"Not every user signed in within the run: see {out}")
    sign_in = ticks["sign_in"]
    work = {kind: stats[kind] for kind in KINDS if kind in stats}
    return {
        "users": users,
        "seconds": seconds,
        "waits": waits,
        "model": f"{workers}x{threads}",
        "kinds": work,
        "rps": sum(k["rps"] for k in work.values()),
        "requests": sum(k["requests"] for k in work.values()),
        "errors": sum(k["failures"] for k in stats.values() if k is not stats.get("Aggregated"))
        + sign_in["failures"],
        "sign_in": sign_in,
        "ticks_sent": ticks["sent"],
        "ticks_ok": ticks["ok"],
        "rows_added": after - before,
    }


def report(result: dict[str, Any]) -> str:
    label = (
        f"{result['users']} users"
        if result["waits"]
        else f"saturation ({result['users']} users, no waits)"
    )
    lines = [
        f"{label}, {result['seconds']} s, gunicorn {result['model']} (workers x threads): "
        f"{result['requests']} requests, {result['rps']:.1f} req/s, {result['errors']} errors",
        "  signed in after {seconds} s: {requests} requests, {failures} errors, "
        "password/code POST p50 {post_p50} ms p95 {post_p95} ms".format(**result["sign_in"]),
    ]
    for kind, k in result["kinds"].items():
        lines.append(
            f"  {kind:<18} n={k['requests']:<6} p50 {k['p50']:>5.0f} ms  p95 {k['p95']:>5.0f} ms"
            f"  p99 {k['p99']:>5.0f} ms"
        )
    lost = result["ticks_ok"] - result["rows_added"]
    refused = result["ticks_sent"] - result["ticks_ok"]
    verdict = f"LOST {lost}" if lost else "no lost tick"
    if refused:
        verdict += f"; {refused} not answered 200 (see the errors)"
    lines.append(
        f"  ticks: {result['ticks_sent']} sent, {result['ticks_ok']} answered 200, "
        f"{result['rows_added']} rows added -> {verdict}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--scenarios",
        default="50,saturation,20,100",
        help="user counts and/or 'saturation', each optionally :minutes, run in this order",
    )
    parser.add_argument("--minutes", type=float, default=5, help="per scenario with waits")
    parser.add_argument("--saturation-minutes", type=float, default=2)
    parser.add_argument("--saturation-users", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="10 users for 1 minute")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", 2)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", 4)))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--server-running", action="store_true", help="use the server on --port")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data first")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()  # fmt: skip
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if args.fresh or not PLAN.exists():
        subprocess.run([PY, "bench/load_data.py"], cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True)  # fmt: skip
    plan = json.loads(PLAN.read_text())
    scenarios = ["10"] if args.quick else args.scenarios.split(",")
    minutes = 1 if args.quick else args.minutes
    print(f"Machine: {_machine()}. locust on CPU 0 (taskset -c 0), the server on CPU 1 "
          f"(taskset -c 1 scripts/serve-production.sh), PostgreSQL unpinned; database {url.rsplit('/', 1)[1]}.")  # fmt: skip
    results = []
    # One server for all scenarios: its start (migrate, collectstatic) takes minutes on one core.
    server = (
        None if args.server_running else _start_server(url, args.port, args.workers, args.threads)
    )
    try:
        results = _run_all(args, url=url, plan=plan, scenarios=scenarios, minutes=minutes)
    finally:
        if server:
            _stop_server(server)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


def _run_all(
    args: argparse.Namespace,
    *,
    url: str,
    plan: dict[str, Any],
    scenarios: list[str],
    minutes: float,
) -> list[dict[str, Any]]:
    results = []
    for scenario in scenarios:
        name, _colon, length = scenario.partition(":")  # "50" or "50:2" (users:minutes)
        saturation = name == "saturation"
        default = args.saturation_minutes if saturation else minutes
        result = run_scenario(
            url=url, plan=plan, port=args.port, workers=args.workers, threads=args.threads,
            users=args.saturation_users if saturation else int(name),
            seconds=int(60 * float(length or default)),
            waits=not saturation,
        )  # fmt: skip
        results.append(result)
        print(report(result), flush=True)
    return results


if __name__ == "__main__":
    main()
