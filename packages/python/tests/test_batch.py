"""evaluate_batch over lists, pandas, polars and pyarrow: the same rows as `yardstick batch`."""

import json
from decimal import Decimal

import pytest

import yardstick
from conftest import EXAMPLES, canon, cli, load_example

PRE2014 = [load_example(p) for p in EXAMPLES if "pre2014" in p.name]


@pytest.fixture(scope="module")
def std(library):
    return library.standard("cn.sanitary_city.national", "pre-2014")


def rows_of_inputs():
    """Flat rows of inputs (the shipped pre-2014 examples, and variations of them)."""
    rows = []
    for a in PRE2014:
        base = a["inputs"]
        rows.append(dict(base))
        for k, v in base.items():
            if isinstance(v, bool):
                continue
            x = dict(base)
            if isinstance(v, float):
                x[k] = round(v * 0.9, 3)
            elif isinstance(v, int):
                x[k] = v + 1
            else:
                continue
            rows.append(x)
    return rows


def cli_batch(tmp_path, rows):
    f = tmp_path / "rows.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    p = cli("batch", "cn.sanitary_city.national@pre-2014", str(f))
    from yardstick import _json

    return [_json.loads(line) for line in p.stdout.splitlines()], p


def strip(r):
    return {k: v for k, v in r.items() if k not in ("row", "line")}


def test_list_of_dicts_matches_the_cli_batch(std, tmp_path):
    rows = rows_of_inputs()
    assert len(rows) > 50
    mine = std.evaluate_batch(rows)
    theirs, _ = cli_batch(tmp_path, rows)
    assert [m["row"] for m in mine] == list(range(len(rows)))
    assert [canon(strip(m)) for m in mine] == [canon(strip(t)) for t in theirs]
    # And each row as evaluate gives it.
    for m, r in zip(mine[:10], rows):
        one = std.evaluate(r)
        assert (m["outcome"], m["grade"], m["failing"]) == (one["outcome"], one["grade"], one["failing"])
        assert canon(m["outputs"]) == canon(one["outputs"])


def test_per_row_errors(std, tmp_path):
    good = PRE2014[0]["inputs"]
    rows = [good, {"satisfaction": "93%"}, "{not json", dict(good, nope=1), PRE2014[1]]
    out = std.evaluate_batch(rows)
    assert len(out) == 5
    assert "outcome" in out[0] and "outcome" in out[4]
    errs = {i: out[i]["error"] for i in (1, 2, 3)}
    assert all(isinstance(e, yardstick.AssessmentError) for e in errs.values())
    assert [errs[i].code for i in (1, 2, 3)] == ["Y0705", "Y0702", "Y0704"]
    # The same rows through the CLI: same rows fail, with the same codes in their messages.
    lines = [json.dumps(r) if isinstance(r, dict) else r for r in rows]
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join(lines) + "\n")
    p = cli("batch", "cn.sanitary_city.national@pre-2014", str(f))
    assert p.returncode == 1
    assert [json.loads(x)["line"] for x in p.stdout.splitlines()] == [1, 5]
    # Whole assessments keep their name.
    named = dict(PRE2014[0], name="city A")
    assert std.evaluate_batch([named])[0]["name"] == "city A"


def test_threads(std):
    rows = rows_of_inputs()
    assert canon(std.evaluate_batch(rows, threads=1)) == canon(std.evaluate_batch(rows))
    with pytest.raises(ValueError):
        std.evaluate_batch(rows, threads=0)
    with pytest.raises(TypeError):
        std.evaluate_batch(rows[0])


def test_pandas(std):
    pd = pytest.importorskip("pandas")
    rows = rows_of_inputs()
    df = pd.DataFrame(rows)
    out = std.evaluate_batch(df)
    assert canon([strip(r) for r in out]) == canon([strip(r) for r in std.evaluate_batch(rows)])
    # NaN is a missing answer, as None is.
    df2 = df.copy()
    df2.loc[0, "satisfaction"] = float("nan")
    r = std.evaluate_batch(df2)[0]
    one = std.evaluate({k: v for k, v in rows[0].items() if k != "satisfaction"})
    assert r["outcome"] == one["outcome"]
    # A column that is no input is refused for the whole frame, with the facade's did-you-mean.
    with pytest.raises(yardstick.AssessmentError) as e:
        std.evaluate_batch(df.rename(columns={"satisfaction": "satisfactoin"}))
    assert e.value.code == "Y0704" and "satisfaction" in e.value.inputs[0]["reason"]
    # to_dict records (no Arrow) give the same.
    recs = std.evaluate_batch(df.to_dict("records"))
    assert canon([strip(r) for r in recs]) == canon([strip(r) for r in out])


def test_polars(std):
    pl = pytest.importorskip("polars")
    rows = rows_of_inputs()
    out = std.evaluate_batch(pl.DataFrame(rows))
    assert canon([strip(r) for r in out]) == canon([strip(r) for r in std.evaluate_batch(rows)])


def test_pyarrow_types_and_row_errors():
    pa = pytest.importorskip("pyarrow")
    std = yardstick.compile(
        """standard t {
  version "1"
  input rate: percent
  input n: count
  input ok: bool
  input tier: enum [small, large]
  input on: date
  input s: series 3 of number
  output doubled = rate * 2
  basic { item b1 "rate" { rate >= 90% } }
}"""
    )
    table = pa.table(
        {
            "rate": pa.array([Decimal("95.50"), Decimal("12.00"), None, Decimal("95.5")], pa.decimal128(6, 2)),
            "n": pa.array([1, 2, 3, -1], pa.int64()),
            "ok": pa.array([True, False, None, True]),
            "tier": pa.array(["small", "large", "small", "huge"]).dictionary_encode(),
            "on": pa.array([None, None, None, None], pa.date32()),
            "s": pa.array([[1.5, 2, 3], None, [1, 2, 3], [1, 2]], pa.list_(pa.float64())),
        }
    )
    out = std.evaluate_batch(table)
    assert str(out[0]["outputs"]["doubled"]) == "191.00"  # the column's scale, as written
    assert out[0]["outcome"] == "pass" and out[1]["outcome"] == "fail"
    assert out[2]["outcome"] == "unknown" and out[2]["outputs"]["doubled"] is None
    e = out[3]["error"]
    assert isinstance(e, yardstick.AssessmentError)
    assert sorted(x["input"] for x in e.inputs) == ["n", "s", "tier"]
    # Batches of a stream, and the same table as list of dicts.
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=1))
    assert [r["row"] for r in std.evaluate_batch(reader)] == [0, 1, 2, 3]
    f32 = pa.table({"rate": pa.array([17.6], pa.float32())})
    assert str(std.evaluate_batch(f32)[0]["outputs"]["doubled"]) == "35.2"
    with pytest.raises(TypeError):
        std.evaluate_batch(pa.table({"rate": pa.array([b"x"], pa.binary())}))
