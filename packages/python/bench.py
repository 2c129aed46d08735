"""evaluate_batch on N rows from a pandas DataFrame against `yardstick batch` on the same rows (CSV).

    target/py-venv/bin/python packages/python/bench.py [--rows 1000000] [--cli target/release/yardstick]

The rows: 10,000 assessments of the pre-2014 national standard (its 31 inputs; seed 2014, values drawn
over each input's type and range), repeated to N rows, as a DataFrame (bool, int64, float64 columns)
and as a CSV file written to a temporary folder. Timed: `std.evaluate_batch(df)` whole (the pandas ->
Arrow export through pyarrow, the evaluation on every core, the list of N result dicts), and the CLI's
`yardstick batch STANDARD rows.csv -o out.jsonl` whole process, median of --rounds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rows(std, n_distinct: int, seed: int = 2014):
    rnd = random.Random(seed)
    form = std.form()
    out = []
    for _ in range(n_distinct):
        r = {}
        for i in form["inputs"]:
            t = i["type"]
            lo = float(i["min"]) if i.get("min") is not None else 0.0
            hi = float(i["max"]) if i.get("max") is not None else (100.0 if t == "percent" else 20.0)
            if t == "bool":
                r[i["id"]] = rnd.random() < 0.9
            elif t == "count":
                r[i["id"]] = rnd.choice([0, 0, 0, 1, 2, 3, 5, 8])
            elif t in ("percent", "number"):
                r[i["id"]] = round(rnd.uniform(lo, min(hi, lo + 100)), 1)
            elif t == "enum":
                r[i["id"]] = rnd.choice(i["values"])
        out.append(r)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "yardstick"))
    args = ap.parse_args()

    import pandas as pd

    import yardstick

    os.chdir(ROOT)
    std = yardstick.Library.from_dir("standards").standard("cn.sanitary_city.national", "pre-2014")
    base = rows(std, 10_000)
    reps = -(-args.rows // len(base))
    df = pd.DataFrame((base * reps)[: args.rows])
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "rows.csv"
        df.to_csv(csv, index=False)
        out = Path(tmp) / "out.jsonl"
        py_times, cli_times = [], []
        for _ in range(args.rounds):
            t = time.perf_counter()
            res = std.evaluate_batch(df)
            py_times.append(time.perf_counter() - t)
            assert len(res) == args.rows and "outcome" in res[0], res[0]
            del res
            t = time.perf_counter()
            subprocess.run(
                [args.cli, "batch", "cn.sanitary_city.national@pre-2014", str(csv), "-o", str(out)],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            cli_times.append(time.perf_counter() - t)
        lines = sum(1 for _ in out.open())
        assert lines == args.rows, lines
    py, cl = statistics.median(py_times), statistics.median(cli_times)
    print(f"rows {args.rows}, cores {os.cpu_count()}, rounds {args.rounds}")
    print(f"python evaluate_batch(DataFrame): {py:.2f} s ({args.rows / py:,.0f} rows/s)")
    print(f"cli yardstick batch (CSV -> JSONL): {cl:.2f} s ({args.rows / cl:,.0f} rows/s)")
    print(f"ratio python/cli time: {py / cl:.2f}")


if __name__ == "__main__":
    main()
