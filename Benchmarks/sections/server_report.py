"""The `server` section of RESULTS.md (see sections/server.py)."""


def _f(x, digits=0):
    return "–" if x is None else f"{x:,.{digits}f}"


def _row(name, r):
    if not r:
        return f"| {name} | – | – | – | – | – |"
    lat = r["latency_ms"]
    return (f"| {name} | **{_f(r['requests_per_second'])}** | {_f(lat['p50'], 2)} | **{_f(lat['p99'], 2)}** | "
            f"{r['non_2xx']} | {_f(r.get('rss_mb_after'))} |")


def markdown(results):
    s = results.get("server")
    if not s:
        return []
    cfg = s.get("settings", {})
    inputs = s.get("inputs", {})
    c = s.get("classify", {})
    when = s.get("measured") or {}
    md = ["## HTTP service: `precis serve`", "",
          f"Measured {when.get('date_utc', '?')} by `{when.get('command', 'Benchmarks/run.sh --only server')}` on commit "
          f"`{when.get('commit_short', '?')}` (a partial run: the sections above keep the run named at the top). "
          f"`wrk -t{cfg.get('threads')} -c{cfg.get('connections')} -d{cfg.get('duration_seconds')}s` on loopback, "
          "wrk sharing the machine's cores with the server. Requests cycle through "
          f"{inputs.get('short_texts', '?')} short texts (the first sentence of BBC test articles, "
          f"{_f(inputs.get('short_text_mean_chars'))} characters on average) and "
          f"{inputs.get('articles', '?')} whole BBC articles ({_f(inputs.get('article_mean_chars'))} characters). "
          "The peer is FastAPI + uvicorn (2 workers) serving a scikit-learn TF-IDF (1–2-grams) + SGD (log loss) "
          "pipeline trained on the same BBC training split (`Benchmarks/peers/fastapi_app.py`). "
          "precis serve logs every request (access log on). "
          f"The machine's 1-minute load average was {_f(s.get('load_average_1min_before'), 1)} when the section started "
          "(other jobs share these 2 cores, which mostly shows in the p99 column).", "",
          "| server, endpoint | requests/s | p50 ms | p99 ms | non-2xx | RSS after, MB |",
          "|---|---:|---:|---:|---:|---:|",
          _row("precis serve, POST /v1/classify (one short text)", c.get("precis")),
          _row("FastAPI + uvicorn ×2 + scikit-learn, POST /v1/classify", c.get("peer")),
          _row("precis serve, POST /v1/summarize (one BBC article)", (s.get("summarize") or {}).get("precis")),
          ""]
    if c.get("ratio_requests_per_second"):
        md += [f"precis serve answers **{c['ratio_requests_per_second']:.0f}×** the peer's requests per second on /v1/classify.", ""]
    goals = []
    p = c.get("precis")
    if p:
        goals.append(("/v1/classify ≥ 9,000 req/s", f"{_f(p['requests_per_second'])} req/s", p["requests_per_second"] >= 9000))
        goals.append(("/v1/classify ≥ 30× the peer's requests/s (measured in this run)",
                      f"{c.get('ratio_requests_per_second') or 0:.1f}×", (c.get("ratio_requests_per_second") or 0) >= 30))
        goals.append(("/v1/classify p99 ≤ 10 ms at 32 connections", f"{p['latency_ms']['p99']:.2f} ms", p["latency_ms"]["p99"] <= 10))
        goals.append(("/v1/classify: no non-2xx answers", f"{p['non_2xx']} non-2xx, {sum(p['errors'].values()) - p['non_2xx']} socket errors",
                      sum(p["errors"].values()) == 0))
    q = (s.get("summarize") or {}).get("precis")
    if q:
        goals.append(("/v1/summarize (BBC articles) ≥ 2,000 req/s", f"{_f(q['requests_per_second'])} req/s", q["requests_per_second"] >= 2000))
    m = s.get("memory")
    if m:
        goals.append(("memory flat over 60 s of load", f"{m['rss_mb']['growth_after_first_sixth']:+.1f} MB after the first sixth",
                      abs(m["rss_mb"]["growth_after_first_sixth"]) <= 5))
    if goals:
        md += ["| goal (issue 13) | this run | met |", "|---|---|---|"]
        md += [f"| {g} | {v} | {'yes' if ok else '**no**'} |" for g, v, ok in goals] + [""]
    if m:
        r = m["rss_mb"]
        md += [f"**Memory under load**: {cfg.get('memory_seconds')} s of mixed classify/summarize load "
               f"({_f(m['requests_per_second'])} requests/s, {m['non_2xx']} non-2xx): RSS {r['start']:.0f} MB at the start, "
               f"{r['after_first_sixth']:.0f} MB after the first sixth, {r['end']:.0f} MB at the end (max {r['max']:.0f} MB; "
               f"growth after the first sixth {r['growth_after_first_sixth']:+.1f} MB).", ""]
    st = s.get("schemathesis")
    if st:
        if "error" in st:
            md += [f"**schemathesis**: {st['error']}", ""]
        else:
            md += [f"**schemathesis** against `/openapi.json` (`{st['command']}`): exit code {st['exit_code']}, "
                   f"{st.get('test_cases') or '?'}.", ""]
            if st.get("findings"):
                md += ["Findings:", ""] + [f"- {f}" for f in st["findings"]] + [""]
            md += ["Earlier runs during development found two real mismatches, both fixed: optional fields sent as "
                   "explicit `null` were accepted (the schema has no nullable request fields; they are now a 400), and a "
                   "batch over `--max-batch` was answered 413 (now 400 `batch_too_large`, beside the other validation "
                   "errors; 413 stays for bodies over `--max-body`).", ""]
    md += [f"SIGTERM after the load: precis serve exited with status {s.get('precis_sigterm_exit_code')}; "
           f"start-up (model loaded, listening) {_f(s.get('precis_startup_seconds'), 2)} s, idle RSS "
           f"{_f(s.get('precis_idle_rss_mb'))} MB. Peer start-up {_f(s.get('peer_startup_seconds'), 1)} s. "
           f"Versions: {', '.join(f'{k} {v}' for k, v in (s.get('peer_versions') or {}).items())}; {s.get('wrk_version', 'wrk')}.",
           ""]
    return md
