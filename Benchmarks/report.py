"""Writes RESULTS.md and the SVG charts from the harness's results dictionary.

Used by bench.py at the end of a run, and on its own with
`python bench.py --report-only` to redraw from an existing results.json.
"""
import math
from pathlib import Path

from sections import segmentation  # Benchmarks/sections/segmentation.py
from sections import server_report
from sections import outofcore  # Benchmarks/sections/outofcore.py

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"]


# ---------------------------------------------------------------------------
# Formatting

def ok(m):
    return isinstance(m, dict) and "error" not in m and "wall" in m


def err(m):
    if isinstance(m, dict) and "error" in m:
        return m["error"].replace("|", "\\|")
    return "—"


def secs(x):
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:.0f} s"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 1:
        return f"{x:.2f} s"
    return f"{x * 1000:.0f} ms" if x >= 0.01 else f"{x * 1000:.1f} ms"


def span(st):
    """`median (min–max)` of a stats dict."""
    if not st:
        return "—"
    if st["min"] == st["max"]:
        return secs(st["median"])
    return f"{secs(st['median'])} ({secs(st['min'])}–{secs(st['max'])})"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    r = a / b
    return f"{r:.3f}×" if r < 0.1 else f"{r:.2f}×"


def num(x, digits=1):
    return "—" if x is None else f"{x:,.{digits}f}"


def pct(x):
    return "—" if x is None else f"{x:.4f}"


def median_wall(m):
    return m["wall"]["median"] if ok(m) else None


def rss(m):
    return m.get("rss_mb") if ok(m) else None


def growth_exponent(points):
    """Least-squares slope of log(time) on log(size) over the points (size, time)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx


def growth_words(k):
    if k is None:
        return "—"
    if k < 0.3:
        return f"{k:.2f}: flat (start-up dominated)"
    if k < 1.3:
        return f"{k:.2f}: about linear"
    if k < 1.7:
        return f"{k:.2f}: between linear and quadratic"
    if k < 2.4:
        return f"{k:.2f}: about quadratic"
    return f"{k:.2f}: worse than quadratic"


# ---------------------------------------------------------------------------
# SVG charts (hand-written, no plotting dependency)

def nice_ticks(lo, hi, log):
    if log:
        ticks = []
        e = math.floor(math.log10(lo))
        while 10 ** e <= hi * 1.0001:
            for m in (1, 2, 5):
                v = m * 10 ** e
                if lo * 0.9999 <= v <= hi * 1.0001:
                    ticks.append(v)
            e += 1
        return ticks or [lo, hi]
    span_ = hi - lo or 1
    step = 10 ** math.floor(math.log10(span_ / 5))
    for m in (1, 2, 5, 10):
        if span_ / (step * m) <= 6:
            step *= m
            break
    start = math.ceil(lo / step) * step
    ticks = []
    v = start
    while v <= hi + 1e-9:
        ticks.append(round(v, 10))
        v += step
    return ticks


def tick_label(v):
    if v >= 1000:
        return f"{v:,.0f}"
    if v >= 1:
        return f"{v:g}"
    return f"{v:.3g}"


def line_chart(path, title, xlabel, ylabel, series, logx=False, logy=False):
    """series: list of (name, [(x, y), ...]). Writes an SVG file."""
    series = [(n, [(x, y) for x, y in pts if y is not None and y > 0]) for n, pts in series]
    series = [(n, pts) for n, pts in series if pts]
    if not series:
        return False
    w, h, left, right, top, bottom = 760, 440, 80, 220, 40, 60
    xs = [x for _, pts in series for x, _ in pts]
    ys = [y for _, pts in series for _, y in pts]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    if logy:
        y0, y1 = 10 ** math.floor(math.log10(y0)), 10 ** math.ceil(math.log10(y1))
    else:
        y0 = 0
        y1 = y1 * 1.1
    if logx:
        x0, x1 = x0 / 1.2, x1 * 1.2
    else:
        x0, x1 = 0, x1 * 1.05

    def fx(x):
        t = (math.log(x) - math.log(x0)) / (math.log(x1) - math.log(x0)) if logx else (x - x0) / ((x1 - x0) or 1)
        return left + t * (w - left - right)

    def fy(y):
        t = (math.log(y) - math.log(y0)) / (math.log(y1) - math.log(y0)) if logy else (y - y0) / ((y1 - y0) or 1)
        return h - bottom - t * (h - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           f'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="15" font-weight="bold">{esc(title)}</text>']
    for t in nice_ticks(y0, y1, logy):
        y = fy(t)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick_label(t)}</text>')
    xt = sorted(set(xs)) if len(set(xs)) <= 10 else nice_ticks(min(xs), max(xs), logx)
    for t in xt:
        x = fx(t)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - bottom}" stroke="#f0f0f0"/>')
        out.append(f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle">{tick_label(t)}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{h - top - bottom}" '
               f'fill="none" stroke="#444"/>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 18}" text-anchor="middle">{esc(xlabel)}'
               f'{" (log scale)" if logx else ""}</text>')
    out.append(f'<text x="18" y="{(top + h - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 18 {(top + h - bottom) / 2})">{esc(ylabel)}{" (log scale)" if logy else ""}</text>')
    for i, (name, pts) in enumerate(series):
        c = PALETTE[i % len(PALETTE)]
        pts = sorted(pts)
        d = " ".join(f"{'M' if j == 0 else 'L'}{fx(x):.1f},{fy(y):.1f}" for j, (x, y) in enumerate(pts))
        out.append(f'<path d="{d}" fill="none" stroke="{c}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{fx(x):.1f}" cy="{fy(y):.1f}" r="3.5" fill="{c}"><title>{esc(name)}: '
                       f'{tick_label(x)} → {y:.4g}</title></circle>')
        ly = top + 14 + i * 20
        out.append(f'<line x1="{w - right + 14}" y1="{ly - 4}" x2="{w - right + 34}" y2="{ly - 4}" stroke="{c}" '
                   f'stroke-width="2"/>')
        out.append(f'<text x="{w - right + 40}" y="{ly}">{esc(name)}</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    return True


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------
# RESULTS.md

def write(results, out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = []
    meta = results.get("meta", {})
    mode = meta.get("mode", "?")
    md += [
        "# Precis benchmarks: results",
        "",
        f"Measured **{meta.get('date_utc', '?')}** in **{mode}** mode by "
        f"`Benchmarks/run.sh --{mode}` on commit `{meta.get('commit_short', '?')}` "
        f"({meta.get('branch', '?')}: {meta.get('commit_subject', '')})"
        + (" with uncommitted changes to Sources/" if meta.get("sources_modified") else "") + ".",
        "Every figure below, and more, is in [results.json](results.json). "
        "Timings are whole-process wall clock (start-up, reading, writing included) unless marked "
        "*in-process*; `median (min–max)` over the timed runs after a warm-up; peak RSS is the "
        "largest resident set of any timed run (GNU `/usr/bin/time -f %M`). Ratios are precis / peer: below 1× "
        "means precis takes less time or memory, above 1× means it is faster (for MB/s, articles/s).",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, {meta.get('memory', '?')} |",
        f"| OS | {meta.get('os', '?')}, kernel {meta.get('kernel', '?')} |",
        f"| toolchain | {meta.get('swift', '?')}; precis {meta.get('precis_version', '?')} (release build) |",
        f"| BLAS used by precis | `{meta.get('libblas_alternative', '?')}` (Debian alternative for libblas.so.3); "
        f"OPENBLAS_NUM_THREADS {meta.get('openblas_num_threads', '?')} |",
        f"| peers | Python {meta.get('python', '?')}; "
        + ", ".join(f"{k} {v}" for k, v in meta.get("peers", {}).items())
        + f" (numpy's own BLAS: {meta.get('numpy_blas') or '?'}) |",
        f"| run time | {num(meta.get('total_seconds'), 0)} s for the whole {mode} run |",
        "",
    ]
    subs = meta.get("subcommands", {})
    missing = [k for k, v in subs.items() if not v]
    if missing:
        md += [f"Subcommands not available in this build (their rows say so): "
               f"{', '.join('`' + m + '`' for m in missing)}.", ""]

    md += headline(results)
    md += goals(results)
    md += blas_section(results)
    md += tfidf_section(results)
    md += training_section(results)
    md += classification_section(results)
    md += summarization_section(results)
    md += blas_switch_section(results)
    md += scaling_section(results, out_dir)
    md += segmentation.report_lines(results)
    md += server_report.markdown(results)
    md += outofcore.report_lines(results, out_dir, line_chart)
    errors = results.get("errors") or []
    if errors:
        md += ["## Harness errors", ""]
        for e in errors:
            md += [f"- section `{e['section']}`: `{e['traceback'].strip().splitlines()[-1]}`"]
        md += [""]
    (out_dir / "RESULTS.md").write_text("\n".join(md) + "\n", encoding="utf-8")


def headline(results):
    rows = []
    tf = results.get("tfidf", {}).get("cases", {})
    for label, case in tf.items():
        p, s = case.get("precis"), case.get("sklearn")
        if ok(p) and ok(s):
            if p.get("mb_per_s_in_process"):
                rows.append(f"| TF-IDF fit+transform (in-process), {results['tfidf'].get('data')}, {label} | "
                            f"{num(p['mb_per_s_in_process'])} MB/s | scikit-learn {num(s['mb_per_s'])} MB/s | "
                            f"**{ratio(p['mb_per_s_in_process'], s['mb_per_s'])}** |")
            rows.append(f"| TF-IDF `precis vectorize` whole process (read, fit, transform, write .mtx) vs sklearn "
                        f"fit_transform, {label} | {num(p['mb_per_s'])} MB/s | "
                        f"scikit-learn {num(s['mb_per_s'])} MB/s | **{ratio(p['mb_per_s'], s['mb_per_s'])}** |")
    tr = results.get("training", {}).get("20newsgroups", {})
    p, s = tr.get("precis-peer-settings"), tr.get("sklearn-sgd")
    if ok(p) and ok(s):
        rows.append(f"| train 20 Newsgroups (1–2-grams, min_df 2, sublinear), wall | {secs(median_wall(p))} | "
                    f"scikit-learn SGD {secs(median_wall(s))} | **{ratio(median_wall(p), median_wall(s))}** |")
        rows.append(f"| same, peak RSS | {num(rss(p), 0)} MB | {num(rss(s), 0)} MB | **{ratio(rss(p), rss(s))}** |")
    sm = results.get("summarization", {}).get("all_articles", {})
    p, s = sm.get("precis"), sm.get("sumy textrank")
    if ok(p) and ok(s):
        rows.append(f"| summarise all {sm.get('articles')} BBC articles (3 sentences) | "
                    f"{num(p['articles_per_second'], 0)} articles/s | sumy TextRank {num(s['articles_per_second'], 0)} "
                    f"articles/s (in-process) | **{ratio(p['articles_per_second'], s['articles_per_second'])}** |")
    lat = results.get("classification", {}).get("latency", {})
    p, s = lat.get("precis"), lat.get("sklearn-sgd")
    if ok(p) and ok(s):
        rows.append(f"| classify one document, whole process incl. model load | {secs(median_wall(p))} | "
                    f"scikit-learn (Python start, unpickle, predict) {secs(median_wall(s))} | "
                    f"**{ratio(median_wall(p), median_wall(s))}** |")
    summ = results.get("summarization", {})
    systems = summ.get("systems", {})
    default = summ.get("precis_default_method")
    mine = systems.get(f"precis {default}") if default else None
    if mine:
        for setting, label in [("3", "3 sentences"), ("match-reference", "reference's sentence count")]:
            ours = (mine.get(setting) or {}).get("rouge")
            peers = {k: (v.get(setting) or {}).get("rouge") for k, v in systems.items()
                     if not k.startswith("precis ") and isinstance(v.get(setting), dict)}
            peers = {k: v for k, v in peers.items() if v}
            if ours and peers:
                best = {m: max(v[m]["f1"] for v in peers.values()) for m in ("rouge1", "rouge2", "rougeL")}
                rows.append(f"| ROUGE-1/2/L F1, BBC test, {label} | {default}: "
                            f"{ours['rouge1']['f1']:.2f} / {ours['rouge2']['f1']:.2f} / {ours['rougeL']['f1']:.2f} | "
                            f"best peer per metric: {best['rouge1']:.2f} / {best['rouge2']:.2f} / {best['rougeL']:.2f} | "
                            f"{ours['rouge1']['f1'] - best['rouge1']:+.2f} / {ours['rouge2']['f1'] - best['rouge2']:+.2f} / "
                            f"{ours['rougeL']['f1'] - best['rougeL']:+.2f} points |")
    b = results.get("blas", {})
    o, r = best_gemm(b.get("openblas")), best_gemm(b.get("reference"))
    if o and r:
        rows.append(f"| sgemm 1024³ through `BLAS.gemm` | OpenBLAS {num(o['layer_median'])} GFLOP/s | "
                    f"reference {num(r['layer_median'])} GFLOP/s | {ratio(o['layer_median'], r['layer_median'])} |")
    for name, row in results.get("training", {}).items():
        p = row.get("precis-default")
        peers = {k: (row.get(k) or {}).get("evaluation", {}).get("accuracy") for k in ("sklearn-sgd", "sklearn-lr", "fasttext")
                 if ok(row.get(k))}
        peers = {k: v for k, v in peers.items() if v is not None}
        acc = (p or {}).get("evaluation", {}).get("accuracy") if ok(p) else None
        if acc is not None and peers:
            best = max(peers, key=peers.get)
            rows.append(f"| test accuracy, {name}, precis defaults | {acc:.4f} | best peer ({best}) {peers[best]:.4f} | "
                        f"{acc - peers[best]:+.4f} |")
    if not rows:
        return []
    return ["## Headline", "", "| measurement | precis | peer | ratio (precis/peer) or difference |",
            "|---|---|---|---|", *rows, ""]


# Accuracy goals of issue 4 (best peer measured by the issue's author; goal: >= best - 0.005).
ISSUE_ACCURACY = {"bbc-news": 0.9775, "20newsgroups": 0.8585, "reuters21578-r8": 0.9735, "reuters21578-r52": 0.9315}


def goals(results):
    """The issues' stated goals, checked against this run's figures."""
    rows = []

    def row(goal, value, met):
        rows.append(f"| {goal} | {value} | {'met' if met else '**not met**'} |")
    for label, case in results.get("tfidf", {}).get("cases", {}).items():
        p, s = case.get("precis"), case.get("sklearn")
        if ok(p) and ok(s) and p.get("mb_per_s_in_process"):
            r = p["mb_per_s_in_process"] / s["mb_per_s"]
            row(f"TF-IDF {label}: ≥ 10× scikit-learn's MB/s (#3)", f"{r:.1f}×", r >= 10)
            row(f"TF-IDF {label}: peak RSS ≤ scikit-learn's (#3)", f"{rss(p):.0f} vs {rss(s):.0f} MB", rss(p) <= rss(s))
    tr = results.get("training", {})
    p, s = (tr.get("20newsgroups") or {}).get("precis-peer-settings"), (tr.get("20newsgroups") or {}).get("sklearn-sgd")
    if ok(p) and ok(s):
        r = median_wall(p) / median_wall(s)
        # #4 asked for 0.25×; #11 (the internal search) allows the default training 0.5×.
        row("train 20NG (peer settings = defaults): wall ≤ 0.5× scikit-learn SGD (#11; #4 had 0.25× before the search)", f"{r:.2f}×", r <= 0.5)
        row("train 20NG (peer settings): peak RSS ≤ scikit-learn SGD's (#4)", f"{rss(p):.0f} vs {rss(s):.0f} MB",
            rss(p) <= rss(s))
    for name, target in ISSUE_ACCURACY.items():
        m = (tr.get(name) or {}).get("precis-default")
        acc = (m or {}).get("evaluation", {}).get("accuracy") if ok(m) else None
        if acc is not None:
            row(f"{name} accuracy, defaults: ≥ {target} − 0.005 (#4)", f"{acc:.4f}", acc >= target - 0.005)
    lat = results.get("classification", {}).get("latency", {})
    for key, label in [("precis-shipped-model", "shipped model"), ("precis", "bbc-news defaults model")]:
        m = lat.get(key)
        if ok(m):
            row(f"classify one document, whole process, {label}: well under 100 ms (#4)", secs(median_wall(m)),
                median_wall(m) < 0.1)
    m = lat.get("precis-20newsgroups")
    if ok(m):
        row("classify one document, whole process, 20newsgroups defaults model: ≤ 50 ms (#11)",
            secs(median_wall(m)), median_wall(m) <= 0.05)
    allr = results.get("summarization", {}).get("all_articles", {})
    p, q = allr.get("precis"), allr.get("sumy textrank")
    if ok(p) and ok(q):
        r = p["articles_per_second"] / q["articles_per_second"]
        row("summarise all BBC articles: ≥ 50× sumy TextRank's articles/s (#5)", f"{r:.0f}×", r >= 50)
    summ = results.get("summarization", {})
    default = summ.get("precis_default_method")
    mine = (summ.get("systems") or {}).get(f"precis {default}") if default else None
    if mine:
        for setting, label in [("3", "3 sentences"), ("match-reference", "reference's count")]:
            ours = (mine.get(setting) or {}).get("rouge")
            peers = [(v.get(setting) or {}).get("rouge") for k, v in summ["systems"].items()
                     if not k.startswith("precis ") and isinstance(v.get(setting), dict)]
            peers = [p for p in peers if p]
            if ours and peers:
                for metric, name in [("rouge1", "R-1"), ("rouge2", "R-2"), ("rougeL", "R-L")]:
                    best = max(p[metric]["f1"] for p in peers)
                    row(f"default method ({default}) {name} at {label} ≥ best peer (#5)",
                        f"{ours[metric]['f1']:.2f} vs {best:.2f}", ours[metric]["f1"] >= best)
    pts = results.get("scaling", {}).get("summarization", {}).get("points", [])
    big = [p for p in pts if p["sentences"] == 2000]
    if big and default and ok(big[0].get(f"precis {default}")):
        t = median_wall(big[0][f"precis {default}"])
        row("2,000-sentence document summarised in under a second, whole process (#5)", secs(t), t < 1)
    o = best_gemm(results.get("blas", {}).get("openblas"))
    if o:
        # Best sample of each (the least disturbed by other load): the same call underneath.
        r = max(o["layer_gflops"]) / max(o["raw_gflops"])
        row("`BLAS.gemm` adds no measurable overhead to cblas_sgemm, 1024², OpenBLAS (#2)",
            f"best-of-{len(o['layer_gflops'])} layer/raw {r:.3f}", r >= 0.95)
    if not rows:
        return []
    return ["## Goals from the issues, checked on this run", "",
            "| goal | this run | |", "|---|---|---|", *rows, ""]


def best_gemm(entry, size=1024):
    if not entry or "results" not in entry:
        return None
    for r in entry["results"]:
        if r["size"] == size:
            return r
    return None


def blas_section(results):
    b = results.get("blas", {})
    if not b:
        return []
    md = ["## 1. BLAS: Float gemm through our layer",
          "",
          "`precis-bench gemm` (Benchmarks/Sources/precis-bench) times `BLAS.gemm` on `Matrix` and the raw "
          "`cblas_sgemm` call on the same buffers, interleaved, one warm-up call each. The reference BLAS is the "
          f"same binary run with `LD_LIBRARY_PATH={'/usr/lib/x86_64-linux-gnu/blas'}`; the library column is what "
          "the process actually mapped (`/proc/self/maps`).",
          "",
          "| BLAS | mapped library | n | `BLAS.gemm` GFLOP/s | raw `cblas_sgemm` GFLOP/s | layer/raw |",
          "|---|---|---|---|---|---|"]
    for name, entry in b.items():
        if "results" not in entry:
            md.append(f"| {name} | {err(entry)} | | | | |")
            continue
        libs = [l for l in entry.get("blas_libraries", []) if "gfortran" not in l]
        for r in entry["results"]:
            md.append(f"| {name} | `{', '.join(libs) or '?'}` | {r['size']} | {num(r['layer_median'])} "
                      f"({num(min(r['layer_gflops']))}–{num(max(r['layer_gflops']))}) | {num(r['raw_median'])} "
                      f"({num(min(r['raw_gflops']))}–{num(max(r['raw_gflops']))}) | {r['layer_over_raw']:.3f} |")
    meta = results.get("meta", {})
    md += ["", f"`ldd precis`: `{meta.get('precis_blas_default', '?')}`; with the reference path: "
               f"`{meta.get('precis_blas_reference', '?')}`.", ""]
    return md


def tfidf_section(results):
    tf = results.get("tfidf", {})
    if not tf:
        return []
    md = ["## 2. TF-IDF fit + transform",
          "",
          f"Input: `{tf.get('data')}` ({num(tf.get('bytes', 0) / 1e6)} MB). precis: `precis vectorize --data … "
          "--output DIR [--ngram-range 1,2] --timings`, which also reads the file and writes "
          "`matrix.mtx` + `vocabulary.txt` (size in the table). scikit-learn: `TfidfVectorizer(dtype=float32)"
          ".fit_transform`, repeats in one process after a warm-up. MB/s = input file bytes / time.",
          "",
          "| n-grams | precis whole process | MB/s | precis fit+transform (in-process) | MB/s | precis RSS | output "
          "written | sklearn fit_transform (in-process) | MB/s | sklearn RSS | in-process MB/s ratio | whole-process "
          "ratio | RSS ratio | features precis / sklearn |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for label, case in tf.get("cases", {}).items():
        p, s = case.get("precis"), case.get("sklearn")
        pw = span(p["wall"]) if ok(p) else err(p)
        pi = span(p.get("in_process_seconds")) if ok(p) else "—"
        sw = span(s.get("in_process_seconds")) if ok(s) else err(s)
        pm = p.get("mb_per_s") if ok(p) else None
        pim = p.get("mb_per_s_in_process") if ok(p) else None
        sm = s.get("mb_per_s") if ok(s) else None
        md.append(f"| {label} | {pw} | {num(pm)} | {pi} | {num(pim)} | {num(rss(p), 0)} MB | "
                  f"{num((p.get('output_bytes') or 0) / 1e6) + ' MB' if ok(p) else '—'} | {sw} | {num(sm)} | "
                  f"{num(rss(s), 0)} MB | **{ratio(pim, sm)}** | {ratio(pm, sm)} | {ratio(rss(p), rss(s))} | "
                  f"{num(p.get('features') if ok(p) else None, 0)} / {num(s.get('features') if ok(s) else None, 0)} |")
    return md + ["", "precis's in-process figure is the `fit+transform` time printed by `precis vectorize --timings` "
                     "(reading and writing excluded), the counterpart of scikit-learn's `fit_transform`. The whole-"
                     "process figure also reads the TSV and writes the Matrix Market file. RSS is the whole process "
                     "for both (scikit-learn's includes its repeats in one process).", ""]


TRAIN_SYSTEMS = [
    ("precis-default", "precis `train` (defaults)"),
    ("precis-peer-settings", "precis `train --ngram-range 1,2 --min-df 2 --sublinear-tf`"),
    ("sklearn-sgd", "scikit-learn TF-IDF + SGDClassifier"),
    ("sklearn-lr", "scikit-learn TF-IDF + LogisticRegression"),
    ("fasttext", "fastText supervised"),
]


def training_section(results):
    tr = results.get("training", {})
    if not tr:
        return []
    md = ["## 3. Training end to end",
          "",
          "Read the training split, vectorise, fit, save the model (scikit-learn LR: not saved); scored on the "
          "test split (precis: `precis evaluate --json`; peers: scikit-learn metrics in the same script). "
          "Peers: `TfidfVectorizer(ngram_range=(1,2), min_df=2, sublinear_tf=True)` + "
          "`SGDClassifier(loss='log_loss', alpha=1e-6, max_iter=20, tol=None, n_jobs=2)` (20 epochs) or "
          "`LogisticRegression(C=10, lbfgs, max_iter=1000)`; fastText `train_supervised(epoch=25, dim=100, "
          "lr=0.5, wordNgrams=2, minCount=1, thread=2)` on seeded-shuffled, lowercased, punctuation-split "
          "input (preparation included in its time). Training rows are shuffled with a fixed seed for every "
          "peer. Ratios against scikit-learn SGD on the same set.",
          ""]
    for name, row in tr.items():
        base = row.get("sklearn-sgd")
        md += [f"### {name}", "",
               "| system | wall | vs SGD | peak RSS | vs SGD | accuracy | macro-F1 |",
               "|---|---|---|---|---|---|---|"]
        for key, label in TRAIN_SYSTEMS:
            m = row.get(key)
            if m is None:
                continue
            if not ok(m):
                md.append(f"| {label} | {err(m)} | | | | | |")
                continue
            ev = m.get("evaluation") or {}
            once = " (1 run)" if m.get("runs") == 1 and m.get("warmup") == 0 else ""
            md.append(f"| {label} | {span(m['wall'])}{once} | {ratio(median_wall(m), median_wall(base))} | "
                      f"{num(rss(m), 0)} MB | {ratio(rss(m), rss(base))} | {pct(ev.get('accuracy'))} | "
                      f"{pct(ev.get('macro_f1'))} |")
        md.append("")
    return md


def classification_section(results):
    c = results.get("classification", {})
    if not c:
        return []
    md = ["## 4. Classification: latency and throughput", ""]
    lat = c.get("latency", {})
    if lat:
        md += [f"One document ({lat.get('document_bytes')} bytes, first article of `{lat.get('data')}/test.tsv`), "
               "whole process, model load included; models trained in section 3 on the same set. "
               "The peers' in-process load and predict times are in results.json.",
               "",
               "| system | latency | peak RSS |", "|---|---|---|"]
        names = {"precis": "`precis classify --model M FILE` (defaults model)",
                 "precis-shipped-model": "`precis classify FILE` (shipped model)",
                 "precis-20newsgroups": "`precis classify --model M FILE`, 20newsgroups defaults model, "
                                        "first 20newsgroups test document",
                 "sklearn-sgd": "Python: unpickle scikit-learn pipeline + predict",
                 "fasttext": "Python: fastText load_model + predict"}
        for k, label in names.items():
            m = lat.get(k)
            if m is None:
                continue
            md.append(f"| {label} | {span(m['wall']) if ok(m) else err(m)} | {num(rss(m), 0)} MB |")
        md.append("")
    thr = c.get("throughput", {})
    if thr:
        md += ["Batch throughput on each test split: precis `classify --model M test.tsv` whole process "
               "(and `evaluate`), the peers' `predict` on the list of texts *in-process* (loading excluded).",
               "",
               "| set | documents | precis classify docs/s | precis evaluate docs/s | sklearn SGD docs/s | "
               "sklearn LR docs/s | fastText docs/s | precis classify / sklearn SGD |",
               "|---|---|---|---|---|---|---|---|"]
        for name, t in thr.items():
            pc = t.get("precis-classify")
            pcs = pc.get("documents_per_second") if ok(pc) else None

            def dps(k):
                return (t.get(k) or {}).get("documents_per_second")
            md.append(f"| {name} | {t.get('documents')} | {num(pcs, 0) if pcs else err(pc)} | "
                      f"{num(dps('precis-evaluate'), 0)} | {num(dps('sklearn-sgd'), 0)} | {num(dps('sklearn-lr'), 0)} | "
                      f"{num(dps('fasttext'), 0)} | {ratio(pcs, dps('sklearn-sgd'))} |")
        md.append("")
    return md


def rouge_cells(m):
    r = (m or {}).get("rouge") if isinstance(m, dict) else None
    if not r:
        return "—", "—", "—"
    return tuple(f"{r[k]['f1']:.2f}" for k in ("rouge1", "rouge2", "rougeL"))


def summarization_section(results):
    s = results.get("summarization", {})
    if not s:
        return []
    systems = s.get("systems", {})
    md = ["## 5. Summarisation",
          "",
          f"{s.get('data')}, {s.get('articles')} articles. ROUGE F1 ×100 by Google's rouge-score (stemmed; "
          "ROUGE-L = `rougeL`), computed by this harness on every system's output (rows marked † excepted), so the "
          "rows share one scorer. "
          "precis: `precis summarize --jsonl FILE --sentences N --method NAME`, whole process; at the "
          "reference's sentence count the articles are grouped by that count, one call per group. "
          f"precis methods found in `precis summarize --help`: {', '.join(s.get('precis_methods') or []) or '—'} "
          f"(default: {s.get('precis_default_method') or '?'}). Peers: sumy with nupunkt sentence "
          "splitting, NLTK Treebank words, English Snowball stemmer and sumy's English stop words; Lead-k = the "
          "first k nupunkt sentences. Peer articles/s are *in-process* (summarisation alone); \"(1 run)\" marks "
          "peers timed once (quick mode times only the headline peers repeatedly). sumy's README configuration uses "
          "stop words; the \"(no stop words)\" rows leave them out.",
          "",
          "| system | R-1 @3 | R-2 @3 | R-L @3 | articles/s @3 | R-1 @ref | R-2 @ref | R-L @ref |",
          "|---|---|---|---|---|---|---|---|"]
    for key, sysres in systems.items():
        m3 = sysres.get("3")
        mr = sysres.get("match-reference")
        if isinstance(m3, dict) and "error" in m3:
            md.append(f"| {key} | {err(m3)} | | | | | | |")
            continue
        a = rouge_cells(m3)
        b = rouge_cells(mr)
        aps = (m3 or {}).get("articles_per_second")
        mark = " †" if (m3 or {}).get("rouge_source") == "precis evaluate-summaries" else ""
        once = ""
        if isinstance(m3, dict) and m3.get("in_process_seconds") and len(m3["in_process_seconds"]["values"]) == 1:
            once = " (1 run)"
        md.append(f"| {key}{mark} | {a[0]} | {a[1]} | {a[2]} | {num(aps, 0)}{once} | {b[0]} | {b[1]} | {b[2]} |")
    md.append("")
    if any((v.get("3") or {}).get("rouge_source") == "precis evaluate-summaries" for v in systems.values()
           if isinstance(v.get("3"), dict)):
        md += ["† ROUGE from `precis evaluate-summaries --json` (quick mode scores only the default method's "
               "output with rouge-score here; the table below shows the two agree).", ""]
    # precis's own evaluate-summaries, as a cross-check of its ROUGE implementation.
    own_rows = []
    for key, sysres in systems.items():
        own = sysres.get("own-evaluation")
        if not isinstance(own, dict) or "error" in own:
            continue
        for setting, o in own.items():
            if isinstance(o, dict) and "rouge1" in o:
                ours = rouge_cells(sysres.get(setting))
                own_rows.append(f"| {key} | {setting} | {o['rouge1']['f1']:.2f} / {o['rouge2']['f1']:.2f} / "
                                f"{o['rougeL']['f1']:.2f} | {' / '.join(ours)} | "
                                f"{num(o.get('documents_per_second'), 0)} |")
    if own_rows:
        md += ["`precis evaluate-summaries --json` (precis's own summaries and ROUGE, its own sentence counting for "
               "`--match-reference`) beside rouge-score on the harness's run:", "",
               "| system | setting | precis evaluate-summaries R-1/R-2/R-L | rouge-score R-1/R-2/R-L | docs/s |",
               "|---|---|---|---|---|", *own_rows, ""]
    allr = s.get("all_articles")
    if allr:
        p, q = allr.get("precis"), allr.get("sumy textrank")
        md += [f"All {allr.get('articles')} BBC articles, 3 sentences: precis default method "
               f"`summarize --jsonl` whole process {span(p['wall']) if ok(p) else err(p)} = "
               f"**{num(p.get('articles_per_second') if ok(p) else None, 0)} articles/s** (peak RSS "
               f"{num(rss(p), 0)} MB); sumy TextRank summarisation alone {span(q.get('in_process_seconds')) if ok(q) else err(q)} = "
               f"**{num(q.get('articles_per_second') if ok(q) else None, 0)} articles/s**; ratio "
               f"**{ratio(p.get('articles_per_second') if ok(p) else None, q.get('articles_per_second') if ok(q) else None)}**.",
               ""]
    return md


def blas_switch_section(results):
    b = results.get("blas_switch", {})
    if not b:
        return []
    md = ["## 6. What switching BLAS changes",
          "",
          "The same precis binary and commands, default OpenBLAS against the reference BLAS "
          "(`LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas`), run back to back.",
          "",
          "| task | OpenBLAS | reference BLAS | reference / OpenBLAS |",
          "|---|---|---|---|"]
    tasks = {}
    for key, m in b.items():
        task, _, lib = key.rpartition(" / ")
        tasks.setdefault(task, {})[lib] = m
    for task, libs in tasks.items():
        o, r = libs.get("openblas"), libs.get("reference")
        md.append(f"| {task} | {span(o['wall']) if ok(o) else err(o)} | {span(r['wall']) if ok(r) else err(r)} | "
                  f"{ratio(median_wall(r), median_wall(o))} |")
    return md + [""]


def scaling_section(results, out_dir):
    sc = results.get("scaling", {})
    if not sc:
        return []
    md = ["## 7. Scaling", ""]
    tr = sc.get("training", {})
    pts = tr.get("points", [])
    if pts:
        keys = ["precis-default", "precis-peer-settings", "sklearn-sgd"]
        labels = {"precis-default": "precis train (defaults)",
                  "precis-peer-settings": "precis train (1-2-grams, min_df 2, sublinear)",
                  "sklearn-sgd": "scikit-learn TF-IDF + SGD (same settings)"}
        series = []
        rows = []
        keys = [k for k in keys if any(p.get(k) for p in pts)]
        for k in keys:
            s = [(p["documents"], median_wall(p.get(k))) for p in pts]
            if any(y for _, y in s):
                series.append((labels[k], s))
        chart = line_chart(out_dir / "scaling-training.svg", f"Training time vs training-set size ({tr.get('data')})",
                           "training documents", "seconds (whole process)", series)
        md += [f"Training on seeded-shuffled prefixes of `{tr.get('data')}/train.tsv`, whole process "
               "(read, vectorise, fit, save).", ""]
        if chart:
            md += ["![training scaling](scaling-training.svg)", ""]
        md += ["| fraction | documents | " + " | ".join(labels[k] for k in keys) + " |",
               "|---|---|" + "---|" * len(keys)]
        for p in pts:
            md.append(f"| {p['fraction']:.0%} | {p['documents']} | " +
                      " | ".join(span(p[k]['wall']) if ok(p.get(k)) else err(p.get(k)) for k in keys) + " |")
        md += ["", "Growth exponent k in time ∝ documents^k (log-log least squares over the points):", ""]
        for name, s in series:
            md.append(f"- {name}: {growth_words(growth_exponent(s))}")
        md.append("")
    sm = sc.get("summarization", {})
    pts = sm.get("points", [])
    if pts:
        keys = []
        for p in pts:
            for k in p:
                if k not in ("sentences", "bytes") and k not in keys:
                    keys.append(k)

        def t(m):
            """In-process seconds when measured, else whole-process wall."""
            if not ok(m):
                return None
            ips = m.get("in_process_seconds")
            return ips["median"] if ips else m["wall"]["median"]

        def cell(m):
            if not ok(m):
                return err(m) if m else "not run (too slow for this mode)"
            ips = m.get("in_process_seconds")
            if ips and m.get("in_process_source"):
                return f"{secs(m['wall']['median'])} ({secs(ips['median'])})"
            return secs(t(m))
        series = [(k + (" (in-process)" if any((p.get(k) or {}).get("in_process_source") for p in pts) else ""),
                   [(p["sentences"], t(p.get(k))) for p in pts if p.get(k) is not None]) for k in keys]
        default = results.get("summarization", {}).get("precis_default_method")
        dk = f"precis {default}" if default else None
        if dk in keys:
            series.append((f"{dk} (whole process)", [(p["sentences"], median_wall(p.get(dk))) for p in pts]))
        chart = line_chart(out_dir / "scaling-summarization.svg", "Summarisation time vs document length",
                           "sentences in the document", "seconds", series, logx=True, logy=True)
        md += ["Synthetic documents of N real BBC sentences (corpus order, 4 sentences per paragraph), summarised to "
               "3 sentences. precis cells: `precis summarize FILE --sentences 3 --method NAME` whole process, and in "
               "brackets the *in-process* time (reading, summarising and scoring the one document, from "
               "`precis evaluate-summaries --json`'s `seconds`, which runs BLAS on one thread per worker where "
               "`summarize` lets OpenBLAS use both cores). sumy: *in-process* time of one document.", ""]
        if chart:
            md += ["![summarisation scaling](scaling-summarization.svg)", ""]
        md += ["| sentences | bytes | " + " | ".join(keys) + " |", "|---|---|" + "---|" * len(keys)]
        for p in pts:
            md.append(f"| {p['sentences']} | {p['bytes']:,} | " + " | ".join(cell(p.get(k)) for k in keys) + " |")
        md += ["", "Growth exponent k in time ∝ sentences^k (in-process times), fitted over documents of ≥ 200 "
                   "sentences:", ""]
        for name, s in series:
            if name.endswith("(whole process)"):
                continue
            big = [(x, y) for x, y in s if x >= 200]
            md.append(f"- {name}: {growth_words(growth_exponent(big))}")
        md.append("")
    return md
