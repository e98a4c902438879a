"""Faults and load on one store: kill -9 at random moments of import, fetch and report; concurrent
imports of the same and of different symbols; twenty concurrent compare and report runs.

    python -m bench.faults [--kills 120] [--pairs 50]
    python -m bench.faults --new-only [--kills 60]   # issue 24: writers onto devices, FIFOs and links;
                                                     # series and report killed; series || import || report || session

After every kill the store must pass `resdiff check` except for the temporary files a killed
write leaves (reported, and removed by `check --fix`); no concurrent pair may lose an update or
both "succeed" at storing the same symbol; all twenty concurrent runs must give the sequential
answer. Times are printed against an undisturbed run of the same command in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from resdiff.formats.docformat import format_docformat
from resdiff.store.folder import Store
from tests.conftest import FIXTURE_STORE, snapshot
from tests.official import make_pdf, soffice

RESDIFF = [sys.executable, "-m", "resdiff"]
WHOLE = Store(FIXTURE_STORE).load("75/59")


def variant(session: int, number: int) -> str:
    """The stored 75/59 text under another symbol, adopted during that session."""
    return format_docformat(replace(WHOLE, symbol=f"A/RES/{session}/{number}", adopted=f"{1945 + session}-12-07"))


def serve_pdf(pdf: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(pdf)))
            self.end_headers()
            self.wfile.write(pdf)

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            pass

    httpd = Quiet(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/en/"


def timed(argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:  # the loop must kill commands that would have succeeded
        raise SystemExit(f"{' '.join(argv[2:4])} fails even undisturbed: {proc.stderr[-500:]}")
    return time.perf_counter() - t


def check(env: dict, fix: bool = False) -> tuple[int, list[str]]:
    proc = subprocess.run([*RESDIFF, "check", *(["--fix"] if fix else [])], env=env, capture_output=True, text=True)
    return proc.returncode, [line for line in proc.stderr.splitlines() if line and not line.startswith("removed")]


def kill_loop(work: Path, kills: int, rng: random.Random) -> dict:
    store = work / "kill-store"
    shutil.copytree(FIXTURE_STORE, store)
    env = {**os.environ, "RESDIFF_STORE": str(store)}
    texts = {}
    for k in range(1, 9):
        path = work / f"v{k}.txt"
        path.write_text(variant(80 + k, k), encoding="utf-8")
        texts[k] = path
    ops: dict[str, list[str]] = {
        "import": [*RESDIFF, "import", str(texts[1]), "--series", "ied", "--force"],
        "report": [*RESDIFF, "report", "--out", str(work / "kill-report")],
    }
    server = None
    if soffice():
        pdf = make_pdf(replace(WHOLE, symbol="A/RES/76/5", adopted="2021-12-06"), work)
        server, base = serve_pdf(pdf)
        ops["fetch"] = [*RESDIFF, "fetch", "76/5", "--series", "ied", "--force", "--base-url", base, "--attempts", "1"]
    baseline = {name: timed(argv, env) for name, argv in ops.items()}
    counts = {name: 0 for name in ops}
    leftovers = not_consistent = finished = 0
    n = 0
    while sum(counts.values()) < kills and n < 4 * kills:  # until `kills` commands were killed mid-run
        n += 1
        name = rng.choice(list(ops))
        argv = list(ops[name])
        if name == "import":
            argv[argv.index(str(texts[1]))] = str(texts[rng.randint(1, 8)])
        proc = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(rng.uniform(0, baseline[name] * 0.9))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            counts[name] += 1
        else:
            finished += 1
        proc.wait()
        code, problems = check(env)
        tmp = [p for p in problems if "temporary file left by an interrupted write" in p]
        other = [p for p in problems if p not in tmp]
        leftovers += bool(tmp)
        if other:
            not_consistent += 1
            print(f"after kill {n} ({name}): {other}")
        if tmp and rng.random() < 0.5:
            check(env, fix=True)  # half the time the user cleans up; the other half, writes go on over leftovers
    fixed, _ = check(env, fix=True)
    final, problems = check(env)
    if server:
        server.shutdown()
    return {
        "runs": n,
        "baseline": baseline,
        "killed": counts,
        "finished": finished,
        "leftovers": leftovers,
        "not_consistent": not_consistent,
        "final_check": final,
        "final_problems": problems,
    }


def concurrent_imports(work: Path, pairs: int) -> dict:
    same_both_ok = lost = 0
    for k in range(pairs):
        store = work / f"pair-store-{k}"
        shutil.copytree(FIXTURE_STORE, store)
        env = {**os.environ, "RESDIFF_STORE": str(store)}
        a, b, c = work / f"a{k}.txt", work / f"b{k}.txt", work / f"c{k}.txt"
        a.write_text(variant(81, 100 + k))
        b.write_text(variant(81, 100 + k).replace("Recalling", "Recalling also", 1))
        c.write_text(variant(82, 100 + k))
        same = [
            subprocess.Popen(
                [*RESDIFF, "import", str(p), "--series", "ied"],
                env=env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for p in (a, b)
        ]
        said = [p.communicate() for p in same]
        stored = sum(out.startswith("stored ") for out, _ in said)  # the other says "skipped" or fails
        kept = (store / "ied" / f"A-RES-81-{100 + k}.txt").read_text()
        same_both_ok += stored != 1 or kept not in (a.read_text(), b.read_text())
        (work / f"d{k}.txt").write_text(variant(83, 100 + k))
        different = [
            subprocess.Popen(
                [*RESDIFF, "import", str(p), "--series", "ied"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for p in (c, work / f"d{k}.txt")
        ]
        for p in different:
            p.wait()
        listed = {e.symbol for e in Store(store).manifest("ied").entries}
        lost += len({f"A/RES/82/{100 + k}", f"A/RES/83/{100 + k}"} - listed)
        shutil.rmtree(store)
    return {"pairs": pairs, "same_symbol_not_stored_once": same_both_ok, "lost_manifest_entries": lost}


def twenty_at_once(work: Path) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    env = {**os.environ, "RESDIFF_STORE": str(FIXTURE_STORE)}
    compare = [*RESDIFF, "compare", "73/67", "75/59", "--format", "json"]
    expected = subprocess.run(compare, env=env, capture_output=True, text=True).stdout
    t = time.perf_counter()
    subprocess.run(compare, env=env, capture_output=True)
    one = time.perf_counter() - t
    reference = work / "report-ref"
    subprocess.run([*RESDIFF, "report", "--out", str(reference)], env=env, capture_output=True)

    def run(k: int) -> bool:
        if k % 5 == 4:
            out = work / f"report-{k}"
            ok = subprocess.run([*RESDIFF, "report", "--out", str(out)], env=env, capture_output=True).returncode == 0
            return ok and snapshot(out) == snapshot(reference)
        return subprocess.run(compare, env=env, capture_output=True, text=True).stdout == expected

    t = time.perf_counter()
    with ThreadPoolExecutor(20) as pool:
        ok = list(pool.map(run, range(20)))
    return {"runs": 20, "correct": sum(ok), "seconds": time.perf_counter() - t, "one_compare": one}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=120)
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--new-only", action="store_true", help="only the classes of issue 24 (see run_issue24)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="resdiff-faults-"))
    if args.new_only:
        bad = run_issue24(work, args.kills, rng)
        shutil.rmtree(work, ignore_errors=True)
        return 1 if bad else 0
    k = kill_loop(work, args.kills, rng)
    print(
        f"kill -9 loop: {k['runs']} runs; killed mid-run: "
        + ", ".join(f"{n} {c}" for n, c in k["killed"].items())
        + f"; finished before the kill: {k['finished']}"
    )
    print("  undisturbed run: " + ", ".join(f"{n} {s:.2f} s" for n, s in k["baseline"].items()))
    print(f"  store inconsistent after a kill (check fails for anything but leftovers): {k['not_consistent']}")
    print(f"  kills that left a temporary file (reported by check, removed by check --fix): {k['leftovers']}")
    print(f"  final `check` after `check --fix`: exit {k['final_check']} {k['final_problems'] or ''}")
    c = concurrent_imports(work, args.pairs)
    print(
        f"concurrent imports, {c['pairs']} pairs each: same symbol not stored exactly once (both 'stored', or a mix): {c['same_symbol_not_stored_once']}; "
        f"manifest entries lost by two different symbols: {c['lost_manifest_entries']}"
    )
    t = twenty_at_once(work)
    print(
        f"20 concurrent compare/report runs on one store: {t['correct']} of {t['runs']} correct, "
        f"{t['seconds']:.1f} s in all = {t['seconds'] / t['one_compare']:.1f}x one compare alone"
    )
    bad = (
        k["not_consistent"]
        + (k["final_check"] != 0)
        + c["same_symbol_not_stored_once"]
        + c["lost_manifest_entries"]
        + (t["runs"] - t["correct"])
    )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


# -- issue 24: writers onto devices, FIFOs and links; series and report killed and racing ---------------

WRITERS = {
    "compare json": ["compare", "73/67", "75/59", "--format", "json"],
    "compare md": ["compare", "73/67", "75/59", "--format", "md"],
    "compare html": ["compare", "73/67", "75/59", "--format", "html"],
    "compare docx": ["compare", "73/67", "75/59", "--format", "docx"],
    "crosswalk": ["crosswalk", "73/67", "75/59"],
    "export akn": ["export", "75/59", "--format", "akn"],
    "export md": ["export", "75/59", "--format", "md"],
    "export json": ["export", "75/59", "--format", "json"],
    "session": ["session", "75"],
}


def device_targets(work: Path) -> dict:
    """Every writer's -o (and report's folder) onto a link to /dev/null, a link to /dev/full, a FIFO
    with a reader, a FIFO without one, a link to this process's stdout and a link to a regular file:
    the device, the FIFO and every link stay what they were; /dev/full is an error, no space."""
    import stat as st

    env = {**os.environ, "RESDIFF_STORE": str(FIXTURE_STORE)}
    out = {"runs": 0, "harmed": 0, "wrong_outcome": 0, "internal": 0}

    def intact() -> bool:
        return st.S_ISCHR(os.stat("/dev/null").st_mode) and st.S_ISCHR(os.stat("/dev/full").st_mode)

    for name, argv in WRITERS.items():
        for kind in ("null", "full", "fifo reader", "fifo alone", "stdout", "regular"):
            folder = work / f"dev-{name.replace(' ', '-')}-{kind.replace(' ', '-')}"
            folder.mkdir()
            target = folder / "out"
            reader = None
            if kind == "null":
                target.symlink_to("/dev/null")
            elif kind == "full":
                target.symlink_to("/dev/full")
            elif kind == "stdout":
                target.symlink_to("/proc/self/fd/1")
            elif kind == "regular":
                (folder / "real").write_text("old")
                target.symlink_to(folder / "real")
            else:
                os.mkfifo(target)
                if kind == "fifo reader":
                    reader = _fifo_reader(target)
            out["runs"] += 1
            proc = subprocess.run([*RESDIFF, *argv, "-o", str(target)], env=env, capture_output=True, timeout=300)
            if reader is not None:
                reader.join(60)
            err = proc.stderr.decode(errors="replace")
            out["internal"] += "internal error" in err or "Traceback" in err
            expected_fail = kind in ("full", "fifo alone")
            if (proc.returncode != 0) != expected_fail or (kind == "full" and "no space" not in err):
                out["wrong_outcome"] += 1
                print(f"DEVICE {name} -> {kind}: exit {proc.returncode}: {err[-200:]}")
            same = (
                st.S_ISFIFO(os.lstat(target).st_mode)
                if kind.startswith("fifo")
                else target.is_symlink() and (kind != "regular" or (folder / "real").read_bytes() != b"old")
            )
            if not same or not intact() or sorted(p.name for p in folder.iterdir()) not in (["out"], ["out", "real"]):
                out["harmed"] += 1
                print(f"HARMED {name} -> {kind}: {sorted(p.name for p in folder.iterdir())}")
    site = work / "dev-site"
    site.mkdir()
    (site / "index.html").symlink_to("/dev/null")
    out["runs"] += 1
    proc = subprocess.run([*RESDIFF, "report", "--out", str(site)], env=env, capture_output=True, timeout=300)
    out["harmed"] += not (site / "index.html").is_symlink() or not intact() or proc.returncode != 0
    return out


def series_kills_and_races(work: Path, kills: int, rng: random.Random) -> dict:
    """`series` and `report` killed mid-run on a store of many series (each leaves the previous state
    or, completed by the next writer, the new one; never temporary files once a writer has run), and
    `series` ‖ `import` ‖ `report` ‖ `session` at once (no imported entry lost)."""
    import json

    store = work / "race-store"
    shutil.copytree(FIXTURE_STORE, store)
    path = store / "ied" / "manifest.json"
    data = json.loads(path.read_text())
    data["discovered"] = True
    data["versions"] = [v for v in data["versions"] if "symbol" in v]
    path.write_text(json.dumps(data, indent=2) + "\n")
    for k in range(12):  # twelve more series of two versions each, so that `series` rewrites many manifests
        folder = store / f"s{k}"
        folder.mkdir()
        versions = []
        for session in (70, 71):
            symbol = f"A/RES/{session}/{300 + k}"
            (folder / symbol_file(symbol)).write_text(variant(session, 300 + k), encoding="utf-8")
            versions.append({"session": session, "symbol": symbol, "adopted": f"{1945 + session}-12-07"})
        m = {"series": f"s{k}", "title": f"Series {k}", "versions": versions}
        (folder / "manifest.json").write_text(json.dumps(m, indent=2) + "\n")
    env = {**os.environ, "RESDIFF_STORE": str(store)}
    ops = {"series": [*RESDIFF, "series"], "report": [*RESDIFF, "report", "--out", str(work / "race-site")]}
    baseline = {n: timed(a, env) for n, a in ops.items()}
    killed = {n: 0 for n in ops}
    inconsistent = leftovers_after_writer = 0
    n = 0
    while sum(killed.values()) < kills and n < 4 * kills:
        n += 1
        name = rng.choice(list(ops))
        proc = subprocess.Popen(
            ops[name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(rng.uniform(0, baseline[name] * 0.9))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed[name] += 1
        proc.wait()
        subprocess.run(ops[name], env=env, capture_output=True)  # the next writer completes or removes
        _, problems = check(env)
        if problems:
            inconsistent += 1
            print(f"after killing {name}: {problems[:3]}")
        site = work / "race-site"
        leftovers_after_writer += (
            any(site.glob(".*.tmp")) or any(site.glob("*/.*.tmp")) or any(site.glob(".resdiff-journal*"))
        )
    lost = 0
    races = max(10, kills // 5)
    text = (FIXTURE_STORE / "ied" / "A-RES-79-53.txt").read_text()
    for k in range(races):
        symbol = f"A/RES/{81 + k % 15}/{200 + k}"
        new = work / f"race-{k}.txt"
        new.write_text(text.replace("A/RES/79/53", symbol).replace("2024-12-02", f"{1945 + 81 + k % 15}-12-02"))
        procs = [
            subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for argv in (
                [*RESDIFF, "series"],
                [*RESDIFF, "import", str(new), "--series", "ied"],
                [*RESDIFF, "report", "--out", str(work / f"race-site-{k}")],
                [*RESDIFF, "session", "75"],
            )
        ]
        for p in procs:
            p.wait()
        listed = {e.symbol for e in Store(store).manifest("ied").entries}
        lost += symbol not in listed
    final, problems = check(env)
    return {
        "runs": n,
        "killed": killed,
        "inconsistent": inconsistent,
        "leftovers": leftovers_after_writer,
        "races": races,
        "lost": lost,
        "final": final,
        "problems": problems,
    }


def _fifo_reader(fifo: Path) -> threading.Thread:
    """A reader of ``fifo``, there before any writer: it reads until a writer has come and gone."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)

    def drain() -> None:
        got, deadline = False, time.monotonic() + 120
        try:
            while time.monotonic() < deadline:
                try:
                    chunk = os.read(fd, 1 << 16)
                except BlockingIOError:
                    time.sleep(0.01)
                    continue
                if chunk:
                    got = True
                elif got:
                    return
                else:
                    time.sleep(0.01)  # no writer yet
        finally:
            os.close(fd)

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    return thread


def symbol_file(symbol: str) -> str:
    return symbol.replace("/", "-") + ".txt"


def run_issue24(work: Path, kills: int, rng: random.Random) -> int:
    d = device_targets(work)
    print(
        f"writers onto devices, FIFOs and links: {d['runs']} runs ({len(WRITERS)} writers x 6 targets + report): "
        f"{d['harmed']} harmed, {d['wrong_outcome']} wrong outcomes, {d['internal']} internal errors"
    )
    r = series_kills_and_races(work, kills, rng)
    print(
        f"series/report kill -9 loop: {r['runs']} runs; killed mid-run: "
        + ", ".join(f"{n} {c}" for n, c in r["killed"].items())
        + f"; store inconsistent after the next writer: {r['inconsistent']}; temporary files left after it: {r['leftovers']}"
    )
    print(
        f"series || import || report || session, {r['races']} rounds: imported entries lost {r['lost']}; "
        f"final check exit {r['final']} {r['problems'] or ''}"
    )
    return (
        d["harmed"]
        + d["wrong_outcome"]
        + d["internal"]
        + r["inconsistent"]
        + r["leftovers"]
        + r["lost"]
        + (r["final"] != 0)
    )


if __name__ == "__main__":
    raise SystemExit(main())
