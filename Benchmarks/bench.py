"""Precis side-by-side benchmark harness (run it through Benchmarks/run.sh).

    python bench.py --mode quick|full|smoke --precis PATH --precis-bench PATH [--out DIR]
    python bench.py --report-only [--out DIR]      # redraw RESULTS.md/SVGs from results.json

Every measurement runs precis and its peers back to back on the same input.
A timing is the whole process (wall clock; peak RSS from GNU time's %M) unless
a figure says "in-process"; each timing is `runs` repeats after `warmup`
discarded run(s) and reports median, min and max. Results go to
`results.json` (every figure) and `RESULTS.md` (tables, ratios precis/peer),
with SVG charts for the scaling measurements.
"""
import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PEERS = BENCH / "peers"
sys.path.insert(0, str(PEERS))

import report  # noqa: E402  (Benchmarks/report.py)
import sections.multilabel  # noqa: E402  (Benchmarks/sections/multilabel.py)
import sections.shorttext  # noqa: E402  (Benchmarks/sections/shorttext.py)
from sections import segmentation  # noqa: E402  (Benchmarks/sections/segmentation.py)
from sections import outofcore  # noqa: E402  (Benchmarks/sections/outofcore.py)
from sections import model_latency  # noqa: E402  (Benchmarks/sections/model_latency.py)
from sections import server as server_section  # noqa: E402  (Benchmarks/sections/server.py)
from sections import spark as spark_section  # noqa: E402  (Benchmarks/sections/spark.py)
from rouge_eval import read_predictions, score as rouge_score  # noqa: E402

REFERENCE_BLAS_DIR = "/usr/lib/x86_64-linux-gnu/blas"
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
TRAIN_SETS = ["bbc-news", "20newsgroups", "reuters21578-r8", "reuters21578-r52"]
PEER_SETTINGS = ["--ngram-range", "1,2", "--min-df", "2", "--sublinear-tf"]
FASTTEXT_EPOCHS, FASTTEXT_DIM = 25, 100

# What each mode measures. `runs` timed repeats after `warmup` discarded runs.
# `context_peer_runs`: (runs, warmup) for peers that are context rather than a headline
# ratio's denominator (LR, fastText, sumy other than TextRank, SGD at scaling points) —
# quick mode runs them once to stay under 10 minutes; None = same as `runs`/`warmup`.
# `rouge_all_precis`: score every precis method's output with rouge-score here; otherwise
# only the default method is cross-checked and the others use `precis evaluate-summaries`.
MODES = {
    "smoke": dict(
        runs=1, warmup=0, latency_runs=2, peer_latency_runs=1, row_limit=(300, 100), context_peer_runs=(1, 0),
        train_sets=["bbc-news"], timed_train_sets=[], lr_sets=[], fasttext_sets=["bbc-news"],
        tfidf_data="bbc-news", summary_limit=30, summary_peers=["lead", "textrank"], timed_summary_peers=["textrank"],
        peer_variants=[], rouge_all_precis=True, all_articles=False,
        scaling_data="bbc-news", scaling_fractions=[0.5, 1.0], scaling_peer_settings=False,
        doc_lengths=[10, 100], sumy_max_length=100, gemm_sizes=[256], gemm_repeats=2,
        blas_switch_train=["bbc-news"], sumy_scaling=["textrank"]),
    "quick": dict(
        runs=3, warmup=1, latency_runs=10, peer_latency_runs=3, context_peer_runs=(1, 0),
        train_sets=TRAIN_SETS, timed_train_sets=["bbc-news", "20newsgroups"], lr_sets=["bbc-news"],
        fasttext_sets=["bbc-news"],
        tfidf_data="20newsgroups", summary_limit=None, summary_peers=["lead", "textrank", "lexrank", "lsa", "luhn"],
        timed_summary_peers=["textrank", "lead"], peer_variants=["textrank"], rouge_all_precis=False,
        all_articles=True,
        scaling_data="20newsgroups", scaling_fractions=[0.25, 0.5, 1.0], scaling_peer_settings=False,
        doc_lengths=[10, 20, 50, 100, 200, 500, 1000, 2000], sumy_max_length=500,
        gemm_sizes=[1024, 256], gemm_repeats=5, blas_switch_train=["reuters21578-r8"], blas_switch_doc=1000,
        sumy_scaling=["textrank"]),
    "full": dict(
        runs=5, warmup=1, latency_runs=20, peer_latency_runs=10, context_peer_runs=None,
        train_sets=TRAIN_SETS, timed_train_sets=TRAIN_SETS, lr_sets=TRAIN_SETS, fasttext_sets=TRAIN_SETS,
        tfidf_data="20newsgroups", summary_limit=None, summary_peers=["lead", "textrank", "lexrank", "lsa", "luhn"],
        timed_summary_peers=["lead", "textrank", "lexrank", "lsa", "luhn"],
        peer_variants=["textrank", "lexrank", "lsa", "luhn"], rouge_all_precis=True, all_articles=True,
        scaling_data="20newsgroups", scaling_fractions=[0.25, 0.5, 0.75, 1.0], scaling_peer_settings=True,
        doc_lengths=[10, 20, 50, 100, 200, 500, 1000, 2000], sumy_max_length=1000,
        gemm_sizes=[1024, 256, 2048], gemm_repeats=7,
        blas_switch_train=["reuters21578-r52", "20newsgroups"], sumy_scaling=["textrank", "lexrank"]),
}


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Running and timing processes

def run_process(cmd, env=None, stdout_path=None, timeout=1800, stdin_path=None):
    """Runs `cmd`; returns wall seconds, peak RSS (MB), CPU seconds, exit code and output."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    # Peak RSS comes from GNU time: a child forked straight from this (large) Python
    # process would report the parent's resident set inherited at fork in ru_maxrss.
    fd, rss_file = tempfile.mkstemp(suffix=".rss")
    os.close(fd)
    wrapper = [GNU_TIME, "-f", "%M", "-o", rss_file] if GNU_TIME else []
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out_tmp:
        out = open(stdout_path, "wb") if stdout_path else out_tmp
        inp = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            proc = subprocess.Popen(wrapper + [str(c) for c in cmd], stdout=out, stderr=err, env=full_env, stdin=inp)
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdout_path:
                out.close()
            if stdin_path:
                inp.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        stdout = ""
        if not stdout_path:
            out_tmp.seek(0)
            stdout = out_tmp.read(4_000_000).decode("utf-8", "replace")
    rss_kb = usage.ru_maxrss
    try:
        text = Path(rss_file).read_text().strip().splitlines()
        if text and text[-1].strip().isdigit():
            rss_kb = int(text[-1].strip())
    finally:
        os.unlink(rss_file)
    if GNU_TIME and proc.returncode != 0:
        # GNU time reports a failed command as "Command exited with non-zero status N" on stderr.
        stderr = "\n".join(l for l in stderr.splitlines() if not l.startswith("Command exited with non-zero status"))
    return {"wall": wall, "rss_mb": rss_kb / 1024.0, "cpu": usage.ru_utime + usage.ru_stime,
            "rc": proc.returncode, "stdout": stdout, "stderr": stderr}


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1][:300] if lines else ""


def parse_json_stdout(stdout):
    """The last JSON object printed on stdout, or None."""
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                pass
    try:
        return json.loads(stdout)
    except json.JSONDecodeError:
        return None


def stats(values):
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "values": values}


def measure(cmd, runs, warmup, env=None, stdout_path=None, timeout=1800, stdin_path=None):
    """Times `cmd` `runs` times after `warmup` discarded runs.

    Returns {"wall": stats, "rss_mb": max, "cpu": stats, "output": parsed JSON of the last run}
    or {"error": message} when a run fails.
    """
    samples = []
    for i in range(warmup + runs):
        r = run_process(cmd, env=env, stdout_path=stdout_path, timeout=timeout, stdin_path=stdin_path)
        if r["rc"] != 0:
            return {"error": f"exit {r['rc']}: {last_line(r['stderr']) or last_line(r['stdout'])}",
                    "command": " ".join(map(str, cmd))}
        if i >= warmup:
            samples.append(r)
    return {"wall": stats(s["wall"] for s in samples), "cpu": stats(s["cpu"] for s in samples),
            "rss_mb": max(s["rss_mb"] for s in samples), "output": parse_json_stdout(samples[-1]["stdout"]),
            "outputs": [parse_json_stdout(s["stdout"]) for s in samples] if not stdout_path else [],
            "stderr_tail": last_line(samples[-1]["stderr"]), "stderr_tails": [s["stderr"][-2000:] for s in samples],
            "runs": runs, "warmup": warmup,
            "command": " ".join(map(str, cmd))}


# ---------------------------------------------------------------------------
# precis capabilities (the subcommands land in parallel; absent ones are "not available")

class Precis:
    def __init__(self, path):
        self.path = str(path)
        self._help = {}

    def help(self, sub):
        if sub not in self._help:
            r = run_process([self.path, sub, "--help"], timeout=60)
            text = r["stdout"] + r["stderr"]
            # Without the subcommand, ArgumentParser either fails ("Unexpected argument")
            # or prints the root help; the subcommand's own help shows "USAGE: precis <sub>".
            ok = (r["rc"] == 0 and "Unexpected argument" not in text
                  and re.search(r"USAGE:\s*precis\s+" + re.escape(sub) + r"\b", text) is not None)
            self._help[sub] = text if ok else None
        return self._help[sub]

    def has(self, sub):
        return self.help(sub) is not None

    def has_flag(self, sub, flag):
        text = self.help(sub)
        return text is not None and re.search(re.escape(flag) + r"\b", text) is not None

    def summary_methods(self):
        """Method names from `precis summarize --help` (`--method` values), default first."""
        text = self.help("summarize") or ""
        # The --method option's help block: its line and the indented continuation lines.
        m = re.search(r"^\s*--method\b.*(?:\n(?!\s*-{1,2}\w)(?!\S).*)*", text, flags=re.M)
        block = " ".join(m.group(0).split()) if m else ""
        values = re.search(r"values?:\s*([^;)]+)", block)
        names = []
        if values:
            names = [v for v in re.split(r"[\s,|]+", values.group(1)) if v and v not in ("or", "and")]
        else:
            # A prose list such as "lead, textrank, lexrank or positional".
            lists = re.findall(r"[a-z][\w-]*(?:(?:\s*,\s*|\s+or\s+|\s+and\s+|\s*\|\s*)[a-z][\w-]*)+", block)
            if lists:
                best = max(lists, key=lambda x: len(re.split(r"\s*,\s*|\s+or\s+|\s+and\s+|\s*\|\s*", x)))
                names = re.split(r"\s*,\s*|\s+or\s+|\s+and\s+|\s*\|\s*", best)
        names = [n for n in dict.fromkeys(names) if re.fullmatch(r"[a-z][a-z0-9_-]*", n)]
        default = re.search(r"default:?\s*([a-z][\w-]*)", block, flags=re.I)
        d = default.group(1) if default else None
        if d in names:
            names.remove(d)
            names.insert(0, d)
        return names, d

    def version(self):
        r = run_process([self.path, "--version"], timeout=60)
        return r["stdout"].strip() if r["rc"] == 0 else "unknown"


def ok(m):
    return isinstance(m, dict) and "error" not in m and "wall" in m


def not_available(what):
    return {"error": f"not available: {what}"}


# ---------------------------------------------------------------------------
# Machine and BLAS facts

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception as e:  # noqa: BLE001
        return f"({e})"


def machine_facts(precis, args):
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
    versions = {}
    from importlib import metadata
    for pkg in ["scikit-learn", "fasttext", "sumy", "nupunkt", "rouge-score", "nltk", "numpy", "scipy"]:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "missing"
    import numpy
    numpy_blas = ""
    try:
        cfg = numpy.show_config(mode="dicts")
        numpy_blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name", "")
    except Exception:  # noqa: BLE001
        pass
    commit = sh(f"git -C {ROOT} rev-parse HEAD")
    dirty = sh(f"git -C {ROOT} status --porcelain --untracked-files=no -- Sources Package.swift")
    return {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": args.mode,
        "commit": commit, "commit_short": commit[:10], "sources_modified": bool(dirty),
        "branch": sh(f"git -C {ROOT} rev-parse --abbrev-ref HEAD"),
        "commit_subject": sh(f"git -C {ROOT} log -1 --format=%s"),
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "kernel": platform.release(),
        "os": sh(". /etc/os-release && echo $PRETTY_NAME"),
        "swift": sh("swift --version 2>&1 | head -1"),
        "python": platform.python_version(), "peers": versions, "numpy_blas": numpy_blas,
        "precis_version": precis.version(),
        "precis_blas_default": sh(f"ldd {precis.path} | grep -i blas"),
        "precis_blas_reference": sh(f"LD_LIBRARY_PATH={REFERENCE_BLAS_DIR} ldd {precis.path} | grep -i blas"),
        "libblas_alternative": sh("readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3"),
        "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS", "(unset: OpenBLAS uses all cores)"),
    }


# ---------------------------------------------------------------------------
# The harness

class Harness:
    def __init__(self, args):
        self.args = args
        self.mode = MODES[args.mode]
        self.runs = self.mode["runs"]
        self.warmup = self.mode["warmup"]
        self.precis = Precis(args.precis)
        self.bench_bin = args.precis_bench
        self.data = Path(args.data)
        self.out = Path(args.out)
        self.work = BENCH / "work" / args.mode
        self.work.mkdir(parents=True, exist_ok=True)
        self.python = sys.executable
        self.results_path = self.out / "results.json"
        self.results = {"meta": {}, "blas": {}, "tfidf": {}, "training": {}, "classification": {},
                        "summarization": {}, "blas_switch": {}, "scaling": {}, "errors": []}

    def save(self):
        self.out.mkdir(parents=True, exist_ok=True)
        tmp = self.results_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.results, indent=1, sort_keys=False))
        tmp.replace(self.results_path)

    def section(self, name, fn):
        log(f"== {name}")
        t0 = time.perf_counter()
        try:
            fn()
        except Exception:  # noqa: BLE001  (one failing section must not lose the others)
            tb = traceback.format_exc()
            log(tb)
            self.results["errors"].append({"section": name, "traceback": tb[-2000:]})
        self.results.setdefault("section_seconds", {})[name] = time.perf_counter() - t0
        self.save()

    def peer(self, script, *args):
        return [self.python, str(PEERS / script), *map(str, args)]

    def ds(self, name, split="train"):
        path = self.data / name / f"{split}.tsv"
        limits = self.mode.get("row_limit")
        if not limits:
            return path
        # Smoke mode: a seeded sample of the rows, so every step runs in seconds.
        small = self.work / "data" / name / f"{split}.tsv"
        if not small.exists():
            small.parent.mkdir(parents=True, exist_ok=True)
            with open(path, encoding="utf-8") as f:
                rows = [line for line in f if line.strip()]
            random.Random(0).shuffle(rows)
            small.write_text("".join(rows[: limits[0] if split == "train" else limits[1]]), encoding="utf-8")
        return small

    # -- 5. BLAS ------------------------------------------------------------
    def blas(self):
        sizes = ",".join(map(str, self.mode["gemm_sizes"]))
        out = {}
        for name, env in [("openblas", None), ("reference", {"LD_LIBRARY_PATH": REFERENCE_BLAS_DIR})]:
            r = run_process([self.bench_bin, "gemm", "--sizes", sizes, "--repeats", str(self.mode["gemm_repeats"])],
                            env=env, timeout=900)
            if r["rc"] != 0:
                out[name] = {"error": last_line(r["stderr"])}
                continue
            out[name] = json.loads(r["stdout"])
            out[name]["env"] = env or {}
            log(name, [(x["size"], x["layer_median"], x["raw_median"]) for x in out[name]["results"]])
        self.results["blas"] = out

    # -- 1. TF-IDF ----------------------------------------------------------
    def tfidf(self):
        data = self.ds(self.mode["tfidf_data"])
        size = data.stat().st_size
        res = {"data": f"{self.mode['tfidf_data']}/{data.name}", "bytes": size, "cases": {}}
        for label, ngram in [("unigrams", "1,1"), ("1-2-grams", "1,2")]:
            case = {}
            if self.precis.has("vectorize"):
                outdir = self.work / f"vectorize-{ngram.replace(',', '-')}"
                cmd = [self.precis.path, "vectorize", "--data", data, "--output", outdir]
                if ngram != "1,1":
                    cmd += ["--ngram-range", ngram]
                timings = self.precis.has_flag("vectorize", "--timings")
                if timings:
                    cmd += ["--timings"]
                m = measure(cmd, self.runs, self.warmup)
                if "error" not in m:
                    m["mb_per_s"] = size / 1e6 / m["wall"]["median"]
                    # `--timings` prints "read X s, fit+transform Y s (...), write Z s" on stderr.
                    fits = [re.search(r"fit\+transform ([0-9.]+) s", t) for t in m["stderr_tails"]] if timings else []
                    if fits and all(fits):
                        m["in_process_seconds"] = stats(float(f.group(1)) for f in fits)
                        m["mb_per_s_in_process"] = size / 1e6 / m["in_process_seconds"]["median"]
                    m["features"] = sum(1 for _ in open(outdir / "vocabulary.txt", encoding="utf-8"))
                    m["nnz"] = self.mtx_nnz(outdir / "matrix.mtx")
                    m["output_bytes"] = sum(p.stat().st_size for p in outdir.iterdir())
                case["precis"] = m
            else:
                case["precis"] = not_available("precis vectorize")
            # The repeats run inside one Python process (no interpreter start-up or re-reading per repeat).
            m = measure(self.peer("sklearn_tfidf.py", "--data", data, "--ngram-range", ngram, "--repeats", self.runs,
                                  "--warmup", self.warmup), 1, 0)
            if "error" not in m:
                m["in_process_seconds"] = stats(m["output"]["seconds"])
                m["mb_per_s"] = size / 1e6 / m["in_process_seconds"]["median"]
                m["read_seconds"] = m["output"]["read_seconds"]
                m["features"] = m["output"]["features"]
                m["nnz"] = m["output"]["nnz"]
            case["sklearn"] = m
            res["cases"][label] = case
            log(label, summarize_case(case))
        self.results["tfidf"] = res

    @staticmethod
    def mtx_nnz(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("%"):
                    parts = line.split()
                    return int(parts[2]) if len(parts) >= 3 else None
        return None

    # -- 2. Training --------------------------------------------------------
    def precis_train(self, data, model, extra, env=None, runs=None, warmup=None):
        if not self.precis.has("train"):
            return not_available("precis train")
        cmd = [self.precis.path, "train", "--data", data, "--model", model, *extra]
        return measure(cmd, self.runs if runs is None else runs, self.warmup if warmup is None else warmup, env=env)

    def precis_evaluate(self, model, test):
        if not self.precis.has("evaluate"):
            return not_available("precis evaluate")
        m = measure([self.precis.path, "evaluate", "--model", model, "--data", test, "--json"], 1, 0)
        if "error" in m:
            return m
        o = m["output"] or {}
        return {"accuracy": o.get("accuracy"), "macro_f1": o.get("macro_f1"), "n": o.get("n"),
                "seconds": m["wall"]["median"], "rss_mb": m["rss_mb"]}

    def training(self):
        models = self.work / "models"
        models.mkdir(exist_ok=True)
        res = {}
        for name in self.mode["train_sets"]:
            train, test = self.ds(name), self.ds(name, "test")
            row = {"train_bytes": train.stat().st_size}
            # Sets outside `timed_train_sets` (quick mode) are run once: accuracy, one timing.
            timed = name in self.mode["timed_train_sets"]
            runs, warmup = (self.runs, self.warmup) if timed else (1, 0)
            row["timing"] = f"{runs} runs after {warmup} warm-up" if timed else "1 run (accuracy; timing indicative)"
            for variant, extra in [("precis-default", []), ("precis-peer-settings", PEER_SETTINGS)]:
                model = models / f"{name}-{variant}.precis"
                m = self.precis_train(train, model, extra, runs=runs, warmup=warmup)
                if "error" not in m:
                    m["evaluation"] = self.precis_evaluate(model, test)
                    m["model_bytes"] = model.stat().st_size if model.exists() else None
                row[variant] = m
            row["sklearn-sgd"] = self.peer_train(runs, warmup, "sklearn_train.py", train, test, "--classifier", "sgd",
                                                 "--save", models / f"{name}-sgd.pkl")
            # LR and fastText are context, not the ratio's denominator: quick mode runs them once.
            cruns, cwarm = self.mode["context_peer_runs"] or (runs, warmup)
            if name in self.mode["lr_sets"]:
                row["sklearn-lr"] = self.peer_train(cruns, cwarm, "sklearn_train.py", train, test, "--classifier", "lr")
            if name in self.mode["fasttext_sets"]:
                row["fasttext"] = self.peer_train(cruns, cwarm, "fasttext_train.py", train, test,
                                                  "--epoch", FASTTEXT_EPOCHS, "--dim", FASTTEXT_DIM,
                                                  "--save", models / f"{name}-fasttext.bin")
            res[name] = row
            log(name, {k: summarize_case({k: v}) for k, v in row.items() if isinstance(v, dict)})
            self.results["training"] = res
            self.save()

    def peer_train(self, runs, warmup, script, train, test, *args):
        m = measure(self.peer(script, "--train", train, "--test", test, *args), runs, warmup)
        if "error" not in m:
            o = m["output"]
            m["in_process_seconds"] = stats(x["train_seconds"] for x in m["outputs"])
            m["evaluation"] = {"accuracy": o["accuracy"], "macro_f1": o["macro_f1"], "n": o["test_documents"],
                               "predict_seconds": o["predict_seconds"]}
        return m

    # -- 3. Classification --------------------------------------------------
    def classification(self):
        models = self.work / "models"
        res = {}
        # Latency: one document, whole process, model load included.
        name = "bbc-news"
        labels, texts = read_tsv(self.ds(name, "test"))
        doc = self.work / "one-document.txt"
        doc.write_text(texts[0] + "\n", encoding="utf-8")
        runs = self.mode["latency_runs"]
        lat = {"document_bytes": doc.stat().st_size, "data": name}
        model = models / f"{name}-precis-default.precis"
        if self.precis.has("classify") and model.exists():
            lat["precis"] = measure([self.precis.path, "classify", "--model", model, doc], runs, 1)
        else:
            lat["precis"] = not_available("precis classify / trained model")
        if self.precis.has("classify"):
            shipped = measure([self.precis.path, "classify", doc], runs, 1)
            lat["precis-shipped-model"] = shipped
        lat.update(model_latency.run(self, measure, read_tsv, runs))  # sections/model_latency.py (#11)
        for kind, path in [("sklearn-sgd", models / f"{name}-sgd.pkl"), ("fasttext", models / f"{name}-fasttext.bin")]:
            if path.exists():
                lat[kind] = measure(self.peer("classify_one.py", "--kind", "sklearn" if kind.startswith("sklearn")
                                              else "fasttext", "--model", path, "--file", doc),
                                    self.mode["peer_latency_runs"], 1)
            else:
                lat[kind] = not_available(f"{kind} model (training failed)")
        res["latency"] = lat
        # Throughput: the whole test split of each trained set.
        thr = {}
        for name, row in self.results["training"].items():
            test = self.ds(name, "test")
            n = sum(1 for _ in open(test, encoding="utf-8"))
            t = {"documents": n}
            model = models / f"{name}-precis-default.precis"
            if self.precis.has("classify") and model.exists():
                m = measure([self.precis.path, "classify", "--model", model, test], self.runs, self.warmup)
                if "error" not in m:
                    m["documents_per_second"] = n / m["wall"]["median"]
                t["precis-classify"] = m
            else:
                t["precis-classify"] = not_available("precis classify")
            ev = (row.get("precis-default") or {}).get("evaluation") or {}
            if ev.get("seconds"):
                t["precis-evaluate"] = {"seconds": ev["seconds"], "documents_per_second": n / ev["seconds"]}
            for peer in ["sklearn-sgd", "sklearn-lr", "fasttext"]:
                p = row.get(peer) or {}
                samples = (p.get("evaluation") or {}).get("predict_seconds")
                if samples:
                    t[peer] = {"predict_seconds_in_process": samples, "documents_per_second": n / samples}
            thr[name] = t
        res["throughput"] = thr
        self.results["classification"] = res

    # -- 4. Summarisation ---------------------------------------------------
    def summary_data(self):
        src = self.data / "bbc-news-summary" / "bbc_summary.jsonl"
        records = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
        test = [r for r in records if r["split"] == "test"]
        if self.mode["summary_limit"]:
            test = test[: self.mode["summary_limit"]]
        path = self.work / "summary-test.jsonl"
        write_jsonl(path, test)
        all_path = self.work / "summary-all.jsonl"
        write_jsonl(all_path, records)
        return test, path, records, all_path

    def precis_summarize_jsonl(self, data, sentences, method, runs, warmup, out, env=None):
        cmd = [self.precis.path, "summarize", "--jsonl", data, "--sentences", str(sentences)]
        if method:
            cmd += ["--method", method]
        return measure(cmd, runs, warmup, env=env, stdout_path=out)

    def summarization(self):
        test, test_path, records, all_path = self.summary_data()
        res = {"data": "bbc-news-summary test split", "articles": len(test), "systems": {}}
        methods, default = (self.precis.summary_methods() if self.precis.has("summarize") else ([], None))
        res["precis_methods"], res["precis_default_method"] = methods, default
        outdir = self.work / "summaries"
        outdir.mkdir(exist_ok=True)
        groups = group_by_reference_count(test)
        # precis: every method
        if self.precis.has("summarize") and self.precis.has_flag("summarize", "--jsonl"):
            for method in (methods or [None]):
                key = f"precis {method or '(default)'}"
                sysres = {}
                out = outdir / f"precis-{method}-3.jsonl"
                # rouge-score on precis's own output: every method in full mode, the default
                # method (a cross-check of precis's ROUGE) in quick mode.
                scored_here = self.mode["rouge_all_precis"] or method == default or method is None
                m = self.precis_summarize_jsonl(test_path, 3, method, self.runs, self.warmup, out)
                own = self.precis_evaluate_summaries(test_path, method)
                sysres["own-evaluation"] = own
                if "error" not in m:
                    m["articles_per_second"] = len(test) / m["wall"]["median"]
                    if scored_here:
                        m["rouge"] = rouge_score(read_predictions(out), test)
                        m["rouge_source"] = "rouge-score"
                    elif isinstance((own or {}).get("3"), dict) and "rouge1" in own["3"]:
                        m["rouge"] = own["3"]
                        m["rouge_source"] = "precis evaluate-summaries"
                sysres["3"] = m
                if scored_here:
                    sysres["match-reference"] = self.precis_match_reference(method, groups, test, outdir)
                elif isinstance((own or {}).get("match-reference"), dict) and "rouge1" in own["match-reference"]:
                    sysres["match-reference"] = {"rouge": own["match-reference"],
                                                 "rouge_source": "precis evaluate-summaries"}
                res["systems"][key] = sysres
                log(key, rouge_line(sysres))
                self.results["summarization"] = res
                self.save()
        else:
            res["systems"]["precis"] = {"3": not_available("precis summarize --jsonl")}
        # peers
        for method in self.mode["summary_peers"]:
            variants = [("english", "")]
            if method in self.mode["peer_variants"]:
                variants.append(("none", " (no stop words)"))
            for stop, suffix in variants:
                key = ("Lead-k" if method == "lead" else f"sumy {method}") + suffix
                sysres = {}
                out = outdir / f"peer-{method}-{stop}-3.jsonl"
                timed = stop == "english" and method in self.mode["timed_summary_peers"]
                m = measure(self.peer("sumy_summarize.py", "--data", test_path, "--method", method, "--sentences", 3,
                                      "--out", out, "--repeats", self.runs if timed else 1,
                                      "--warmup", self.warmup if timed else 0, "--stop-words", stop), 1, 0)
                if "error" not in m:
                    secs = stats(m["output"]["seconds"])
                    m["in_process_seconds"] = secs
                    m["articles_per_second"] = len(test) / secs["median"]
                    m["rouge"] = rouge_score(read_predictions(out), test)
                sysres["3"] = m
                out = outdir / f"peer-{method}-{stop}-ref.jsonl"
                m = measure(self.peer("sumy_summarize.py", "--data", test_path, "--method", method, "--match-reference",
                                      "--out", out, "--stop-words", stop), 1, 0)
                if "error" not in m:
                    m["rouge"] = rouge_score(read_predictions(out), test)
                sysres["match-reference"] = m
                res["systems"][key] = sysres
                log(key, rouge_line(sysres))
                self.results["summarization"] = res
                self.save()
        # Throughput on all 2,225 articles: precis default method vs sumy TextRank.
        if self.mode["all_articles"]:
            thr = {"articles": len(records)}
            if self.precis.has("summarize") and self.precis.has_flag("summarize", "--jsonl"):
                m = self.precis_summarize_jsonl(all_path, 3, None, self.runs, self.warmup, outdir / "precis-all.jsonl")
                if "error" not in m:
                    m["articles_per_second"] = len(records) / m["wall"]["median"]
                thr["precis"] = m
            cruns, cwarm = self.mode["context_peer_runs"] or (self.runs, self.warmup)
            m = measure(self.peer("sumy_summarize.py", "--data", all_path, "--method", "textrank", "--sentences", 3,
                                  "--out", outdir / "sumy-all.jsonl", "--repeats", cruns,
                                  "--warmup", cwarm), 1, 0)
            if "error" not in m:
                m["in_process_seconds"] = stats(m["output"]["seconds"])
                m["articles_per_second"] = len(records) / m["in_process_seconds"]["median"]
            thr["sumy textrank"] = m
            res["all_articles"] = thr
        self.results["summarization"] = res

    def precis_match_reference(self, method, groups, test, outdir):
        """precis at each article's reference sentence count: one --jsonl call per count."""
        merged = outdir / f"precis-{method}-ref.jsonl"
        total = 0.0
        with open(merged, "w", encoding="utf-8") as dst:
            for k, recs in groups.items():
                part = self.work / f"ref-count-{k}.jsonl"
                write_jsonl(part, recs)
                out = outdir / f"precis-{method}-ref-{k}.jsonl"
                m = self.precis_summarize_jsonl(part, k, method, 1, 0, out)
                if "error" in m:
                    return m
                total += m["wall"]["median"]
                dst.write(out.read_text(encoding="utf-8"))
        return {"rouge": rouge_score(read_predictions(merged), test), "seconds_all_calls": total,
                "calls": len(groups)}

    def precis_evaluate_summaries(self, data, method):
        if not self.precis.has("evaluate-summaries"):
            return not_available("precis evaluate-summaries")
        out = {}
        for label, flags in [("3", ["--sentences", "3"]), ("match-reference", ["--match-reference"])]:
            cmd = [self.precis.path, "evaluate-summaries", "--data", data, *flags, "--json"]
            if method:
                cmd += ["--method", method]
            m = measure(cmd, 1, 0)
            out[label] = m.get("output") if "error" not in m else m
        return out

    # -- 5b. What switching BLAS changes --------------------------------------
    def blas_switch(self):
        res = {}
        ref = {"LD_LIBRARY_PATH": REFERENCE_BLAS_DIR}
        model = self.work / "models" / "blas-switch.precis"
        if self.precis.has("train"):
            for name in self.mode["blas_switch_train"]:
                for label, env in [("openblas", None), ("reference", ref)]:
                    res[f"train {name} (defaults) / {label}"] = self.precis_train(self.ds(name), model, [], env=env)
        if self.precis.has("summarize") and self.precis.has_flag("summarize", "--jsonl"):
            methods, default = self.precis.summary_methods()
            test_path = self.work / "summary-test.jsonl"
            n = sum(1 for _ in open(test_path, encoding="utf-8"))
            for method in methods or [None]:
                for label, env in [("openblas", None), ("reference", ref)]:
                    m = self.precis_summarize_jsonl(test_path, 3, method, self.runs, self.warmup,
                                                    self.work / "blas-switch-summaries.jsonl", env=env)
                    if "error" not in m:
                        m["articles_per_second"] = n / m["wall"]["median"]
                    res[f"summarize {n} articles, {method or 'default'} / {label}"] = m
            # The longest synthetic document stresses the dense similarity matrix most.
            n_doc = self.mode.get("blas_switch_doc") or max(self.mode["doc_lengths"])
            longest = self.work / f"doc-{n_doc}.txt"
            if longest.exists():
                for label, env in [("openblas", None), ("reference", ref)]:
                    res[f"summarize one {n_doc}-sentence document / {label}"] = measure(
                        [self.precis.path, "summarize", longest, "--sentences", "3"], self.runs, self.warmup, env=env)
        self.results["blas_switch"] = res

    # -- 6. Scaling -----------------------------------------------------------
    def scaling(self):
        res = {"training": {}, "summarization": {}}
        # Training at fractions of the training split (seeded shuffle, then a prefix).
        name = self.mode["scaling_data"]
        labels, texts = read_tsv(self.ds(name))
        order = list(range(len(labels)))
        random.Random(0).shuffle(order)
        tr = {"data": name, "points": []}
        models = self.work / "models"
        for frac in self.mode["scaling_fractions"]:
            k = int(round(len(order) * frac))
            path = self.work / f"scaling-{name}-{int(frac * 100)}.tsv"
            with open(path, "w", encoding="utf-8") as f:
                for i in order[:k]:
                    f.write(f"{labels[i]}\t{texts[i]}\n")
            test = self.ds(name, "test")
            point = {"fraction": frac, "documents": k, "bytes": path.stat().st_size}
            full = self.results["training"].get(name, {})
            if frac == 1.0 and name in self.mode["timed_train_sets"] and ok(full.get("sklearn-sgd")):
                # The whole set was timed in section 3 with the same commands (shuffled rows
                # there too); reuse those figures rather than spend the time again.
                keys = ["precis-default", "sklearn-sgd"] + (["precis-peer-settings"] if self.mode["scaling_peer_settings"] else [])
                for key in keys:
                    point[key] = dict(full.get(key) or not_available(key), reused_from="training")
                tr["points"].append(point)
                continue
            point["precis-default"] = self.precis_train(path, models / "scaling.precis", [])
            if self.mode["scaling_peer_settings"]:
                point["precis-peer-settings"] = self.precis_train(path, models / "scaling.precis", PEER_SETTINGS)
            cruns, cwarm = self.mode["context_peer_runs"] or (self.runs, self.warmup)
            point["sklearn-sgd"] = measure(self.peer("sklearn_train.py", "--train", path, "--test", test,
                                                     "--classifier", "sgd"), cruns, cwarm)
            tr["points"].append(point)
            log(f"scaling {frac}", {k2: summarize_case({k2: v}) for k2, v in point.items() if isinstance(v, dict)})
            self.results["scaling"] = res
            res["training"] = tr
            self.save()
        # Summarisation time against document length.
        sentences = corpus_sentences(self.data / "bbc-news-summary" / "bbc_summary.jsonl", max(self.mode["doc_lengths"]))
        sm = {"points": []}
        methods, default = (self.precis.summary_methods() if self.precis.has("summarize") else ([], None))
        for n in self.mode["doc_lengths"]:
            chosen = sentences[:n]
            paragraphs = ["\n".join([" ".join(chosen[i:i + 4])]) for i in range(0, n, 4)]
            text = "\n".join(paragraphs) + "\n"
            doc = self.work / f"doc-{n}.txt"
            doc.write_text(text, encoding="utf-8")
            docj = self.work / f"doc-{n}.jsonl"
            write_jsonl(docj, [{"id": f"synthetic-{n}", "article": text, "summary": chosen[0]}])
            point = {"sentences": n, "bytes": len(text.encode("utf-8"))}
            if self.precis.has("summarize"):
                for method in methods or [None]:
                    cmd = [self.precis.path, "summarize", doc, "--sentences", "3"]
                    if method:
                        cmd += ["--method", method]
                    m = measure(cmd, self.runs, self.warmup, timeout=600)
                    # In-process time (read + summarise + score one document, no process start-up)
                    # from evaluate-summaries' own "seconds", for the growth rate.
                    if "error" not in m and self.precis.has("evaluate-summaries"):
                        ev = [self.precis.path, "evaluate-summaries", "--data", docj, "--sentences", "3", "--json"]
                        if method:
                            ev += ["--method", method]
                        e = measure(ev, self.runs, self.warmup, timeout=600)
                        if "error" not in e and all(o and "seconds" in o for o in e["outputs"]):
                            m["in_process_seconds"] = stats(o["seconds"] for o in e["outputs"])
                            m["in_process_source"] = "precis evaluate-summaries --json seconds"
                    point[f"precis {method or '(default)'}"] = m
            sm["points"].append(point)
            log(f"doc {n}", {k2: summarize_case({k2: v}) for k2, v in point.items() if isinstance(v, dict)})
            res["summarization"] = sm
            self.results["scaling"] = res
            self.save()
        # sumy: every length in one Python process per method, each timed in-process.
        docs = [self.work / f"doc-{n}.jsonl" for n in self.mode["doc_lengths"] if n <= self.mode["sumy_max_length"]]
        for peer in self.mode["sumy_scaling"]:
            m = measure(self.peer("sumy_scaling.py", "--method", peer, "--repeats", self.runs, "--warmup", self.warmup,
                                  *docs), 1, 0, timeout=1800)
            for point in sm["points"]:
                if point["sentences"] > self.mode["sumy_max_length"]:
                    continue
                if "error" in m:
                    point[f"sumy {peer}"] = m
                    continue
                secs = m["output"]["results"].get(str(point["sentences"]))
                point[f"sumy {peer}"] = {"wall": stats(secs), "rss_mb": m["rss_mb"], "in_process_seconds": stats(secs),
                                         "note": "in-process; one Python process for all lengths"}
            log(f"sumy {peer} scaling", {k: v for k, v in ((m.get("output") or {}).get("results") or {}).items()})
        self.results["scaling"] = res

    def run(self):
        a = self.args
        self.results["meta"] = machine_facts(self.precis, a)
        self.results["meta"]["subcommands"] = {s: self.precis.has(s) for s in
                                               ["vectorize", "train", "classify", "evaluate", "cross-validate",
                                                "summarize", "evaluate-summaries", "keywords", "inspect"]}
        log("precis subcommands:", self.results["meta"]["subcommands"])
        self.save()
        t0 = time.perf_counter()
        only = set(a.only.split(",")) if a.only else None
        for name, fn in [("blas", self.blas), ("tfidf", self.tfidf), ("training", self.training),
                         ("classification", self.classification), ("summarization", self.summarization),
                         ("scaling", self.scaling), ("blas_switch", self.blas_switch),
                         ("segmentation", lambda: segmentation.run(self, measure, log)),
                         ("server", lambda: server_section.run(self)),
                         ("multilabel", lambda: sections.multilabel.run(self, measure, stats, log)),
                         ("shorttext", lambda: sections.shorttext.run(self, measure, stats, log)),
                         ("outofcore", lambda: outofcore.run(self, measure, log)),
                         ("spark", lambda: spark_section.run(self, log))]:
            if only is None or name in only:
                self.section(name, fn)
        self.results["meta"]["total_seconds"] = time.perf_counter() - t0
        self.save()
        report.write(self.results, self.out)
        log(f"done in {self.results['meta']['total_seconds']:.0f} s; wrote {self.out / 'RESULTS.md'}")


# ---------------------------------------------------------------------------
# Helpers

def read_tsv(path):
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                label, _, text = line.partition("\t")
                labels.append(label)
                texts.append(text)
    return labels, texts


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def group_by_reference_count(records):
    groups = {}
    for r in records:
        groups.setdefault(len(r["summary_sentences"]), []).append(r)
    return dict(sorted(groups.items()))


def corpus_sentences(path, needed):
    """Real sentences in corpus order (nupunkt), for synthetic long documents."""
    import nupunkt
    out = []
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        for para in record["article"].split("\n"):
            for s in nupunkt.sent_tokenize(para):
                s = s.strip()
                if len(s.split()) >= 4:
                    out.append(s)
        if len(out) >= needed:
            break
    return out


def summarize_case(case):
    parts = []
    for k, v in case.items():
        if not isinstance(v, dict):
            continue
        if "error" in v:
            parts.append(f"{k}: {v['error']}")
        elif "wall" in v:
            parts.append(f"{k}: {v['wall']['median']:.3f}s {v['rss_mb']:.0f}MB")
    return "; ".join(parts)


def rouge_line(sysres):
    out = []
    for k in ["3", "match-reference"]:
        r = (sysres.get(k) or {}).get("rouge")
        if r:
            out.append(f"{k}: {r['rouge1']['f1']:.2f}/{r['rouge2']['f1']:.2f}/{r['rougeL']['f1']:.2f}")
        elif sysres.get(k, {}).get("error"):
            out.append(f"{k}: {sysres[k]['error']}")
    return "; ".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=list(MODES), default="quick")
    ap.add_argument("--precis")
    ap.add_argument("--precis-bench")
    ap.add_argument("--data", default=os.environ.get("PRECIS_SHARED_DATA", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--out")
    ap.add_argument("--only", help="comma-separated sections: blas,tfidf,training,classification,"
                                   "summarization,scaling,blas_switch,segmentation,server,multilabel,outofcore,spark,shorttext")
    ap.add_argument("--report-only", action="store_true")
    a = ap.parse_args()
    if a.out is None:
        a.out = str(BENCH if a.mode != "smoke" else BENCH / "work" / "smoke")
    if a.report_only:
        results = json.loads((Path(a.out) / "results.json").read_text())
        report.write(results, Path(a.out))
        return
    if not a.precis or not a.precis_bench:
        ap.error("--precis and --precis-bench are required (run.sh passes them)")
    if not Path(a.data).is_dir():
        ap.error(f"data directory {a.data} not found (pass --data)")
    if a.only and a.out == str(BENCH):
        # A partial run merges into the existing results instead of replacing them.
        pass
    h = Harness(a)
    if a.only and h.results_path.exists():
        old = json.loads(h.results_path.read_text())
        for k, v in old.items():
            if k not in a.only.split(",") and k not in ("meta", "errors"):
                h.results[k] = v
    h.run()


if __name__ == "__main__":
    main()
