"""`make bench`: course_lib against scikit-learn/SciPy, in one run, on this machine.

Each ``tests/bench/bench_*.py`` module defines ``CASES``, a list of :class:`Case`.
For every case the runner builds the data once, runs each side once to warm up,
then times ``repeats`` alternating runs of ours and the reference and reports the
medians, their ratio (ours / reference: below 1 means course_lib is faster), and
each side's peak traced memory (tracemalloc, measured in a separate run so it
does not slow the timings). Timings never appear in tests: only here.

    python tests/bench/run.py                  # print the table
    python tests/bench/run.py -k kmeans        # only cases whose name contains "kmeans"
    python tests/bench/run.py --write BENCHMARKS.md
"""

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent


@dataclass
class Case:
    """One benchmark row.

    ``setup()`` returns the inputs; ``ours(inputs)`` and ``reference(inputs)`` run
    the two implementations on them. ``target`` is the ratio the issue asks for
    (ours / reference must be at most this), ``goal`` the one we aim at.
    ``memory_limit_mb`` (optional) is a ceiling on course_lib's peak memory.
    ``note`` (optional) is printed under the table: what a reader needs to read the row right.
    """

    operation: str
    size: str
    setup: Callable[[], Any]
    ours: Callable[[Any], Any]
    reference: Callable[[Any], Any]
    reference_name: str = "scikit-learn"
    target: float | None = None
    goal: float | None = None
    memory_limit_mb: float | None = None
    repeats: int = 5
    note: str | None = None


def load_cases(keyword=None):
    cases = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases += [c for c in module.CASES if keyword is None or keyword.lower() in
                  f"{path.stem} {c.operation}".lower()]
    return cases


def peak_memory_mb(func, inputs):
    tracemalloc.start()
    try:
        func(inputs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def run_case(case):
    inputs = case.setup()
    case.ours(inputs)
    case.reference(inputs)
    ours_times, ref_times = [], []
    for _ in range(case.repeats):
        for func, times in ((case.ours, ours_times), (case.reference, ref_times)):
            start = time.perf_counter()
            func(inputs)
            times.append(time.perf_counter() - start)
    ours_t, ref_t = statistics.median(ours_times), statistics.median(ref_times)
    row = {
        "case": case,
        "ours_s": ours_t,
        "ref_s": ref_t,
        "ratio": ours_t / ref_t,
        "ours_mb": peak_memory_mb(case.ours, inputs),
        "ref_mb": peak_memory_mb(case.reference, inputs),
    }
    row["meets_target"] = case.target is None or row["ratio"] <= case.target
    row["meets_memory"] = case.memory_limit_mb is None or row["ours_mb"] <= case.memory_limit_mb
    return row


def machine_description():
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown CPU"
    import numpy
    import scipy
    import sklearn
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores; "
            f"Python {platform.python_version()}, NumPy {numpy.__version__}, "
            f"scikit-learn {sklearn.__version__}, SciPy {scipy.__version__}")


def format_table(rows):
    header = ("| operation | size | course_lib (s) | reference (s) | ratio | target (goal) "
              "| course_lib peak MB | reference peak MB | verdict |")
    lines = [header, "|" + "---|" * 9]
    for r in rows:
        c = r["case"]
        target = "-" if c.target is None else f"<= {c.target:g}" + (f" ({c.goal:g})" if c.goal else "")
        mem_note = "" if c.memory_limit_mb is None else f" (limit {c.memory_limit_mb:g})"
        verdict = "ok" if r["meets_target"] and r["meets_memory"] else "MISSED"
        lines.append(f"| {c.operation} | {c.size} | {r['ours_s']:.4f} | {r['ref_s']:.4f} "
                     f"({c.reference_name}) | {r['ratio']:.2f} | {target} | {r['ours_mb']:.1f}{mem_note} "
                     f"| {r['ref_mb']:.1f} | {verdict} |")
    notes = [f"- {r['case'].operation}: {r['case'].note}" for r in rows if r["case"].note]
    if notes:
        lines += ["", "Notes:", ""] + notes
    return "\n".join(lines)


def write_report(path, table):
    text = (
        "# Benchmarks\n\n"
        "Written by `make bench` (tests/bench/run.py); do not edit by hand.\n\n"
        "Ratio = course_lib median time / reference median time over at least 5 alternating "
        "repeats in one run (below 1: course_lib is faster). Peak memory is tracemalloc's peak "
        "for one call, measured separately from the timings.\n\n"
        f"Machine: {machine_description()}\n\n"
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n\n"
        f"{table}\n"
    )
    Path(path).write_text(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-k", dest="keyword", help="only cases whose module or operation contains this")
    parser.add_argument("--write", metavar="FILE", help="also write the table and machine to FILE")
    args = parser.parse_args(argv)
    rows = []
    for case in load_cases(args.keyword):
        print(f"running {case.operation} ({case.size}) ...", file=sys.stderr, flush=True)
        rows.append(run_case(case))
    table = format_table(rows)
    print(table)
    if args.write and args.keyword is None:
        write_report(args.write, table)
        print(f"\nwritten to {args.write}", file=sys.stderr)
    elif args.write:
        print("\n(-k given: BENCHMARKS.md left unchanged; it records the full run only)", file=sys.stderr)
    return 0 if all(r["meets_target"] and r["meets_memory"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
