"""`bench.py --only server`: `precis serve` under load, beside the FastAPI peer.

In one run, on the same machine (wrk shares the cores with the servers, as a client on the
same host does):
- POST /v1/classify, one short text per request (the first sentence of a BBC test article),
  `wrk -t2 -c32 -d15s`: precis serve vs FastAPI + uvicorn (2 workers) + scikit-learn
  TF-IDF + SGD trained on the same BBC training split;
- POST /v1/summarize on whole BBC articles (bbc-news-summary), same wrk settings (precis only:
  the peer has no summariser);
- memory of precis serve over a 60-second mixed load (RSS sampled every second);
- schemathesis against precis serve's /openapi.json, every check;
- SIGTERM after the load: precis serve must exit 0.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
PEERS = BENCH / "peers"

# (duration of each measured wrk run, warm-up seconds, memory-run seconds, schemathesis examples per operation)
SETTINGS = {"smoke": (3, 1, 6, 5), "quick": (15, 3, 60, 50), "full": (15, 3, 60, 100)}
THREADS, CONNECTIONS = 2, 32


def log(*args):
    print(time.strftime("%H:%M:%S"), "[server]", *args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except Exception:  # noqa: BLE001  (not up yet)
            time.sleep(0.2)
    return False


def rss_mb(pid):
    """Resident set of `pid` and its descendants (uvicorn's workers), MB."""
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    pids += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return total / 1024


def lua_script(path, bodies):
    """A wrk script that cycles through `bodies` (JSON POSTs) and prints a JSON summary."""
    def long_string(s):
        level = 1
        while ("]" + "=" * level + "]") in s:
            level += 1
        return "[" + "=" * level + "[" + s + "]" + "=" * level + "]"
    lines = ["local bodies = {"] + [long_string(b) + "," for b in bodies] + ["}"]
    lines += [
        "local i = 0",
        'wrk.method = "POST"',
        'wrk.headers["Content-Type"] = "application/json"',
        "setup = function(thread) thread:set('offset', math.random(#bodies)) end",
        "request = function()",
        "  i = i + 1",
        "  return wrk.format(nil, nil, nil, bodies[(i + (offset or 0)) % #bodies + 1])",
        "end",
        "done = function(summary, latency, requests)",
        "  local e = summary.errors",
        '  io.write(string.format(\'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,'
        '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
        '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\\n\','
        "summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,"
        "latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),"
        "latency:percentile(99.9), latency.max))",
        "end",
    ]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def wrk(url, script, seconds, sample_pid=None):
    cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    log(" ".join(cmd))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    samples = []
    t0 = time.time()
    if sample_pid:
        while proc.poll() is None:
            samples.append([round(time.time() - t0, 1), round(rss_mb(sample_pid), 1)])
            time.sleep(1)
    out, _ = proc.communicate(timeout=seconds + 120)
    m = re.search(r"^WRKJSON (.*)$", out, re.M)
    if not m:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {out[-1000:]}")
    r = json.loads(m.group(1))
    secs = r["duration_us"] / 1e6
    r["requests_per_second"] = r["requests"] / secs if secs else 0
    r["non_2xx"] = r["errors"]["status"]
    r["latency_ms"] = {k: v / 1000 for k, v in r.pop("latency_us").items()}
    r["command"] = " ".join(cmd).replace(str(BENCH.parent) + "/", "")
    r["load_average_1min_after"] = os.getloadavg()[0]
    if samples:
        r["rss_mb_samples"] = samples
    log(f"{r['requests_per_second']:.0f} req/s, p99 {r['latency_ms']['p99']:.2f} ms, errors {r['errors']}")
    return r


def short_texts(data, n=500):
    out = []
    for line in open(data / "bbc-news" / "test.tsv", encoding="utf-8"):
        text = line.rstrip("\n").partition("\t")[2]
        m = re.match(r"(.{20,200}?[.!?])\s", text)
        out.append((m.group(1) if m else text[:120]).strip())
        if len(out) >= n:
            break
    return out


def articles(data, n=300):
    out = []
    for line in open(data / "bbc-news-summary" / "bbc_summary.jsonl", encoding="utf-8"):
        out.append(json.loads(line)["article"])
        if len(out) >= n:
            break
    return out


def start_precis(h, log_path):
    port = free_port()
    model = BENCH.parent / "Models" / "bbc-news.precis"
    cmd = [h.precis.path, "serve", "--port", str(port), "--model", f"default={model}"]
    log(" ".join(cmd))
    started = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=open(log_path, "w"), text=True)
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        raise RuntimeError(f"precis serve did not start: {line!r}; log: {Path(log_path).read_text()[-1000:]}")
    return proc, port, time.time() - started


def start_peer(h, model_path, log_path):
    port = free_port()
    cmd = [h.python, "-m", "uvicorn", "fastapi_app:app", "--app-dir", str(PEERS), "--workers", "2",
           "--host", "127.0.0.1", "--port", str(port)]
    log(" ".join(cmd))
    started = time.time()
    proc = subprocess.Popen(cmd, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
                            env=dict(os.environ, PRECIS_PEER_MODEL=str(model_path)), start_new_session=True)
    if not wait_http(f"http://127.0.0.1:{port}/healthz", timeout=120):
        os.killpg(proc.pid, signal.SIGKILL)
        raise RuntimeError(f"the FastAPI peer did not start; log: {Path(log_path).read_text()[-1000:]}")
    return proc, port, time.time() - started


def schemathesis(h, port, examples, work):
    exe = Path(h.python).with_name("schemathesis")
    if not exe.exists():
        return {"error": "schemathesis is not installed (Benchmarks/requirements.txt)"}
    report_dir = work / "schemathesis"
    shutil.rmtree(report_dir, ignore_errors=True)
    cmd = [str(exe), "run", f"http://127.0.0.1:{port}/openapi.json", "--checks", "all",
           "--max-examples", str(examples), "--seed", "1", "--workers", "1",
           "--report", "junit", "--report-dir", str(report_dir), "--no-color"]
    log(" ".join(cmd))
    t0 = time.time()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800, cwd=work)
    out = r.stdout
    summary = {"command": " ".join(cmd).replace(str(exe), "schemathesis").replace(str(BENCH.parent) + "/", ""),
               "exit_code": r.returncode,
               "seconds": time.time() - t0}
    m = re.search(r"Test cases:\s*\n?\s*(.*)", out)
    summary["test_cases"] = m.group(1).strip() if m else None
    for key in ["passed", "failed", "errored", "skipped"]:
        m = re.search(r"(\d+)\s+" + key, out)
        summary[key] = int(m.group(1)) if m else None
    failures = re.findall(r"^\s*[-_]*\s*(\d+\.\s.*)$", out, re.M)
    summary["findings"] = failures[:40]
    summary["output_tail"] = "\n".join(out.rstrip().splitlines()[-60:])
    log(f"schemathesis exit {r.returncode}; {summary['test_cases']}")
    return summary


def run(h):
    duration, warmup, memory_seconds, examples = SETTINGS.get(h.args.mode, SETTINGS["quick"])
    res = {"settings": {"threads": THREADS, "connections": CONNECTIONS, "duration_seconds": duration,
                        "memory_seconds": memory_seconds},
           "load_average_1min_before": os.getloadavg()[0],
           "measured": {"date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "mode": h.args.mode,
                        "command": f"Benchmarks/run.sh --{h.args.mode} --only server",
                        "commit_short": h.results.get("meta", {}).get("commit_short")}}
    h.results["server"] = res
    if not shutil.which("wrk"):
        raise RuntimeError("wrk not found (Benchmarks/run.sh installs it from Debian)")
    work = h.work / "server"
    work.mkdir(parents=True, exist_ok=True)
    texts = short_texts(h.data)
    docs = articles(h.data)
    lua_script(work / "classify.lua", [json.dumps({"text": t}) for t in texts])
    lua_script(work / "summarize.lua", [json.dumps({"text": a}) for a in docs])
    lua_script(work / "mixed.lua", [json.dumps({"text": t}) for t in texts[:200]] + [json.dumps({"text": a}) for a in docs[:20]])
    res["inputs"] = {"short_texts": len(texts), "short_text_mean_chars": sum(map(len, texts)) / len(texts),
                     "articles": len(docs), "article_mean_chars": sum(map(len, docs)) / len(docs)}

    # The peer's model: the same training split, scikit-learn's TF-IDF + SGD (log loss).
    peer_model = work / "peer-model.joblib"
    if not peer_model.exists():
        subprocess.run([h.python, str(PEERS / "fastapi_app.py"), "train", "--data", str(h.ds("bbc-news")),
                        "--model", str(peer_model)], check=True, timeout=1800)

    precis, port, startup = start_precis(h, work / "precis-serve.log")
    res["precis_startup_seconds"] = startup
    try:
        url = f"http://127.0.0.1:{port}"
        res["precis_idle_rss_mb"] = rss_mb(precis.pid)
        wrk(url + "/v1/classify", work / "classify.lua", warmup)
        res["classify"] = {"precis": wrk(url + "/v1/classify", work / "classify.lua", duration)}
        res["classify"]["precis"]["rss_mb_after"] = rss_mb(precis.pid)
        wrk(url + "/v1/summarize", work / "summarize.lua", warmup)
        res["summarize"] = {"precis": wrk(url + "/v1/summarize", work / "summarize.lua", duration)}
        memory = wrk(url + "/v1/classify", work / "mixed.lua", memory_seconds, sample_pid=precis.pid)
        samples = [s[1] for s in memory["rss_mb_samples"]]
        tenth = samples[min(len(samples) - 1, max(0, len(samples) // 6))]
        memory["rss_mb"] = {"start": samples[0], "after_first_sixth": tenth, "end": samples[-1], "max": max(samples),
                            "growth_after_first_sixth": samples[-1] - tenth}
        res["memory"] = memory
        res["schemathesis"] = schemathesis(h, port, examples, work)
        with urllib.request.urlopen(url + "/metrics", timeout=10) as r:
            metrics = r.read().decode()
        res["precis_metrics_lines"] = sum(1 for l in metrics.splitlines() if l.startswith("precis_http_requests_total"))
    finally:
        precis.send_signal(signal.SIGTERM)
        try:
            res["precis_sigterm_exit_code"] = precis.wait(timeout=60)
        except subprocess.TimeoutExpired:
            precis.kill()
            res["precis_sigterm_exit_code"] = "did not exit within 60 s"
    log_text = (work / "precis-serve.log").read_text(errors="replace")
    res["precis_log_errors"] = [l for l in log_text.splitlines() if " error " in l.lower()][:20]

    peer, peer_port, peer_startup = start_peer(h, peer_model, work / "peer.log")
    res["peer_startup_seconds"] = peer_startup
    try:
        url = f"http://127.0.0.1:{peer_port}"
        wrk(url + "/v1/classify", work / "classify.lua", warmup)
        res["classify"]["peer"] = wrk(url + "/v1/classify", work / "classify.lua", duration)
        res["classify"]["peer"]["rss_mb_after"] = rss_mb(peer.pid)
    finally:
        os.killpg(peer.pid, signal.SIGTERM)
        try:
            peer.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(peer.pid, signal.SIGKILL)
    p, q = res["classify"]["precis"], res["classify"]["peer"]
    res["classify"]["ratio_requests_per_second"] = p["requests_per_second"] / q["requests_per_second"] if q["requests_per_second"] else None
    import importlib.metadata as md
    res["peer_versions"] = {k: md.version(k) for k in ["fastapi", "uvicorn", "scikit-learn", "schemathesis"]}
    res["wrk_version"] = subprocess.run(["wrk", "-v"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]
