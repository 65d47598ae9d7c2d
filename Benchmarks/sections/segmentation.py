"""Benchmark section `segmentation` (bench.py --only segmentation).

Sentence segmentation of the BBC articles (`bbc-news-summary/bbc_summary.jsonl`, whole
articles) by `precis segment --jsonl` and by pySBD and nupunkt (PyPI) in the same run:
whole-process wall time and throughput (MB/s of article text), and each one's score on the
48 English Golden Rules (Data/fixtures/segmentation/english-golden-rules.jsonl).
Goal (issue 12): precis >= 100x pySBD's throughput; >= 47/48 Golden Rules.
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = ROOT / "Data" / "fixtures" / "segmentation" / "english-golden-rules.jsonl"
PEERS = ["pysbd", "nupunkt"]


def run(h, measure, log):
    """Runs the section on harness `h` (bench.Harness) and stores `h.results["segmentation"]`."""
    meta = h.results.get("meta", {})
    res = {"measured": {k: meta.get(k) for k in ("date_utc", "mode", "commit_short")}}
    source = h.data / "bbc-news-summary" / "bbc_summary.jsonl"
    limit = h.mode.get("summary_limit")
    records = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    if limit:
        records = records[:limit]
    data = h.work / "segmentation-articles.jsonl"
    with open(data, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "article": r["article"]}, ensure_ascii=False) + "\n")
    total_bytes = sum(len(r["article"].encode("utf-8")) for r in records)
    res["data"] = {"articles": len(records), "bytes": total_bytes, "source": "bbc-news-summary/bbc_summary.jsonl"}

    # Throughput: precis, then each peer, on the same file.
    out = h.work / "segmentation-precis.jsonl"
    m = measure([h.precis.path, "segment", "--jsonl", str(data), "--language", "en"], h.runs, h.warmup,
                stdout_path=str(out))
    if "error" not in m:
        m["mb_per_second"] = total_bytes / 1e6 / m["wall"]["median"]
        m["sentences"] = sum(len(json.loads(line)["sentences"]) for line in open(out, encoding="utf-8"))
    res["precis"] = m
    log("precis segment", m.get("error") or f"{m['wall']['median']:.3f} s, {m['mb_per_second']:.1f} MB/s")
    runs, warmup = h.mode.get("context_peer_runs") or (h.runs, h.warmup)
    for peer in PEERS:
        p = measure(h.peer("segment_peer.py", "--peer", peer, "--data", data, "--golden", GOLDEN), runs, warmup)
        if "error" not in p:
            p["mb_per_second"] = total_bytes / 1e6 / p["wall"]["median"]
            p["in_process_mb_per_second"] = total_bytes / 1e6 / p["output"]["seconds"]
            p["golden"] = p["output"].get("golden")
            p["sentences"] = p["output"].get("sentences")
        res[peer] = p
        log(peer, p.get("error") or f"{p['wall']['median']:.3f} s, {p['mb_per_second']:.2f} MB/s, golden {p['golden']}")

    # Golden Rules through `precis segment` (one process over all 48 rules).
    golden_in = h.work / "segmentation-golden.jsonl"
    rules = [json.loads(line) for line in open(GOLDEN, encoding="utf-8") if line.strip()]
    with open(golden_in, "w", encoding="utf-8") as f:
        for r in rules:
            f.write(json.dumps({"id": str(r["rule"]), "article": r["text"]}, ensure_ascii=False) + "\n")
    g = measure([h.precis.path, "segment", "--jsonl", str(golden_in), "--language", "en"], 1, 0,
                stdout_path=str(h.work / "segmentation-golden-out.jsonl"))
    if "error" not in g:
        got = [json.loads(line) for line in open(h.work / "segmentation-golden-out.jsonl", encoding="utf-8")]
        failed = [r["rule"] for r, o in zip(rules, got) if [s["text"] for s in o["sentences"]] != r["sentences"]]
        res["precis"]["golden"] = {"passed": len(rules) - len(failed), "total": len(rules), "failed": failed}
    if "error" not in res["precis"] and "error" not in res.get("pysbd", {"error": 1}):
        res["ratio_vs_pysbd"] = res["precis"]["mb_per_second"] / res["pysbd"]["mb_per_second"]
    if "error" not in res["precis"] and "error" not in res.get("nupunkt", {"error": 1}):
        res["ratio_vs_nupunkt"] = res["precis"]["mb_per_second"] / res["nupunkt"]["mb_per_second"]
    h.results["segmentation"] = res


def report_lines(results):
    """The RESULTS.md section."""
    s = results.get("segmentation")
    if not s:
        return []
    d = s.get("data", {})
    when = s.get("measured") or {}
    md = ["## Sentence segmentation", "",
          f"Measured {when.get('date_utc', '?')} in {when.get('mode', '?')} mode on commit `{when.get('commit_short', '?')}` "
          "(`Benchmarks/run.sh --quick --only segmentation`). "
          f"`precis segment --jsonl` vs pySBD and nupunkt on {d.get('articles', '?')} BBC articles "
          f"({d.get('bytes', 0) / 1e6:.1f} MB, whole articles), whole-process wall time; Golden Rules: the 48 "
          "English rules from pySBD's benchmark (exact sentence lists).", "",
          "| segmenter | wall (median) | MB/s | sentences | Golden Rules | precis speed-up |", "|---|---|---|---|---|---|"]
    for name in ["precis", "pysbd", "nupunkt"]:
        m = s.get(name, {})
        if "error" in m:
            md.append(f"| {name} | error: {m['error']} | | | | |")
            continue
        if not m:
            continue
        g = m.get("golden") or {}
        ratio = "" if name == "precis" else f"{s.get('ratio_vs_' + name, 0):.0f}×"
        md.append(f"| {name} | {m['wall']['median']:.3f} s ({m['wall']['min']:.3f}–{m['wall']['max']:.3f}) | "
                  f"{m.get('mb_per_second', 0):.2f} | {m.get('sentences', '?')} | "
                  f"{g.get('passed', '?')}/{g.get('total', '?')} | {ratio} |")
    failed = (s.get("precis", {}).get("golden") or {}).get("failed")
    md += ["", f"Goal: precis ≥ 100× pySBD's throughput (measured {s.get('ratio_vs_pysbd', 0):.0f}×) and ≥ 47/48 "
               f"Golden Rules (rules precis fails: {failed if failed else 'none'}).", ""]
    return md
