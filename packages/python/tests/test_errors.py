"""Errors are exceptions carrying the facade's ErrorReport: kind, code, en, zh, problems, inputs."""

import json
import pickle

import pytest

import yardstick
from conftest import cli, contract


@pytest.fixture
def pre2014(library):
    return library.standard("cn.sanitary_city.national", "pre-2014")


def test_unknown_input_is_an_assessment_error_like_the_cli(pre2014, tmp_path):
    a = {"standard": "cn.sanitary_city.national", "version": "pre-2014", "inputs": {"satisfactoin": 93}}
    with pytest.raises(yardstick.AssessmentError) as e:
        pre2014.evaluate(a)
    err = e.value
    assert isinstance(err, yardstick.YardstickError) and isinstance(err, ValueError)
    assert err.kind == "assessment" and err.code == "Y0704"
    assert err.inputs[0]["input"] == "satisfactoin"
    assert "satisfaction" in err.inputs[0]["reason"] and err.inputs[0]["reason_zh"]
    f = tmp_path / "a.json"
    f.write_text(json.dumps(a))
    p = cli("eval", str(f), "--format", "json", check_exit=1)
    assert err.report == json.loads(p.stdout)


def test_every_bad_input_is_listed(pre2014):
    with pytest.raises(yardstick.AssessmentError) as e:
        pre2014.evaluate({"satisfaction": "93%", "sewage_treatment_rate": True, "nope": 1})
    codes = sorted(x["code"] for x in e.value.inputs)
    assert codes == ["Y0704", "Y0705", "Y0705"]
    assert "Y0705" in str(e.value) and "satisfaction" in str(e.value)


def test_text_that_is_not_json(pre2014):
    with pytest.raises(yardstick.AssessmentError) as e:
        pre2014.evaluate("{not json")
    assert e.value.code == "Y0702"


def test_json_depth_limit(pre2014):
    depth = yardstick.MAX_JSON_DEPTH

    def nested(n):
        # n arrays and objects: the assessment object, then n - 1 arrays around a number.
        v = 1
        for _ in range(n - 1):
            v = [v]
        return {"satisfaction": v}

    # Nested to the limit, it is read (and refused as a value, Y0705); one level more is refused by
    # the reader (Y0702), as the same JSON text is.
    for given in (nested(depth), json.dumps(nested(depth))):
        with pytest.raises(yardstick.AssessmentError) as at_limit:
            pre2014.evaluate(given)
        assert at_limit.value.code == "Y0705"
    for given in (nested(depth + 1), json.dumps(nested(depth + 1))):
        with pytest.raises(yardstick.AssessmentError) as over:
            pre2014.evaluate(given)
        assert over.value.code == "Y0702" and str(depth) in over.value.en
    # Deep Python nesting never recurses past the limit.
    deep = 1
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(yardstick.AssessmentError):
        pre2014.evaluate({"satisfaction": deep})


def test_not_found(library):
    with pytest.raises(yardstick.NotFoundError) as e:
        library.standard("no.such.standard")
    assert e.value.code == "Y0801" and isinstance(e.value, LookupError)
    with pytest.raises(yardstick.NotFoundError) as e:
        library.standard("cn.sanitary_city.national", "1999")
    assert e.value.code == "Y0802"


def test_bad_date(library):
    with pytest.raises(yardstick.ArgumentError) as e:
        library.standard("cn.sanitary_city.national", as_of="2024-13-45")
    assert e.value.code == "Y0901" and e.value.zh


def test_standard_with_problems():
    with pytest.raises(yardstick.StandardProblemsError) as e:
        yardstick.compile('standard x { version "1" input s: percent item i { s >= 90 } }', "x.yard")
    err = e.value
    assert err.kind == "problems" and err.code == err.problems[0]["code"]
    assert err.problems[0]["file"] == "x.yard" and isinstance(err.problems[0]["line"], int)
    assert "x.yard" in str(err)


def test_missing_folder_is_a_read_error(tmp_path):
    with pytest.raises(yardstick.ReadError) as e:
        yardstick.Library.from_dir(tmp_path / "nowhere")
    assert e.value.code == "Y0090" and isinstance(e.value, OSError)


def test_errors_pickle(pre2014):
    with pytest.raises(yardstick.AssessmentError) as e:
        pre2014.evaluate({"nope": 1})
    back = pickle.loads(pickle.dumps(e.value))
    assert type(back) is yardstick.AssessmentError and back.code == "Y0704"


def test_values_python_cannot_pass(pre2014):
    with pytest.raises(TypeError):
        pre2014.evaluate({"satisfaction": object()})
    with pytest.raises(TypeError):
        pre2014.evaluate({1: 2})
