"""Single evaluations against the CLI's JSON (`yardstick eval FILE --format json`), digit for digit."""

from decimal import Decimal

import pytest

import yardstick
from conftest import EXAMPLES, canon, cli, contract, load_example


def standard_for(lib, a):
    return lib.standard(a["standard"], a.get("version"), a.get("as_of"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_match_the_cli(library, path):
    a = load_example(path)
    std = standard_for(library, a)
    mine = std.evaluate(a)
    theirs = contract(cli("eval", str(path), "--format", "json", check_exit=0).stdout)
    assert canon(mine) == canon(theirs)
    # JSON text gives the same as the dict.
    assert canon(std.evaluate(path.read_text(encoding="utf-8"))) == canon(theirs)


@pytest.mark.parametrize("path", EXAMPLES[::4], ids=lambda p: p.name)
def test_explained_examples_match_the_cli(library, path):
    a = load_example(path)
    # The text, as written: a dict read with floats drops digits an explanation repeats (7.00 → 7.0).
    mine = standard_for(library, a).evaluate(path.read_text(encoding="utf-8"), explain=True)
    theirs = contract(cli("eval", str(path), "--explain", "--format", "json", check_exit=0).stdout)
    assert canon(mine) == canon(theirs)
    assert any("checks" in i for i in mine["items"])


def test_shipped_library_is_the_standards_folder(library):
    shipped = yardstick.Library.shipped()
    assert shipped.documents() == library.documents()
    for path in EXAMPLES[:6]:
        a = load_example(path)
        assert canon(standard_for(shipped, a).evaluate(a)) == canon(standard_for(library, a).evaluate(a))


def test_numbers_are_decimals_with_the_engines_digits():
    std = yardstick.compile(
        """standard demo {
  version "1"
  input rate: percent label en "rate"
  input n: count
  output doubled = rate * 2
  basic { item b1 "rate" { rate >= 90% } }
}"""
    )
    r = std.evaluate({"rate": 17.60, "n": 3})
    # A float reads by its shortest repr (17.6); text keeps what was written.
    assert r["outputs"]["doubled"] == Decimal("35.2")
    r = std.evaluate('{"inputs": {"rate": 17.60, "n": 3}, "standard": "demo"}')
    assert str(r["outputs"]["doubled"]) == "35.20"
    r = std.evaluate({"rate": Decimal("17.600"), "n": 3})
    assert str(r["outputs"]["doubled"]) == "35.200"
    assert isinstance(r["contract"], int) and r["contract"] == yardstick.CONTRACT_VERSION
    assert r["outcome"] == "fail" and r["vetoed_by"] == ["b1"]


def test_standard_properties(library):
    std = library.standard("cn.sanitary_city.national", "pre-2014")
    assert std.id == "cn.sanitary_city.national" and std.version == "pre-2014"
    assert len(std.hash) == 64
    assert "satisfaction" in std.inputs
    assert repr(std) == "Standard(cn.sanitary_city.national@pre-2014)"
    form = std.form()
    assert form["id"] == std.id and [i["id"] for i in form["inputs"]] == std.inputs
    assert len(library) == len(library.documents())


def test_as_of_takes_a_date(library):
    import datetime

    a = library.standard("cn.sanitary_city.national", as_of=datetime.date(2024, 6, 30))
    b = library.standard("cn.sanitary_city.national", as_of="2024-06-30")
    assert a.version == b.version
