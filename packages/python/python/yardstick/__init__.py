"""Yardstick: versioned inspection standards as code, evaluated and explained.

>>> import yardstick
>>> lib = yardstick.Library.shipped()
>>> std = lib.standard("cn.sanitary-city.national", as_of="2015-06-01")  # doctest: +SKIP
>>> result = std.evaluate({"inputs": {...}})                             # doctest: +SKIP

See the package README for the API, how numbers and errors look, and ``evaluate_batch``.
"""

from __future__ import annotations

from ._errors import (
    ArgumentError,
    AssessmentError,
    EvaluationError,
    NotFoundError,
    ReadError,
    StandardProblemsError,
    YardstickError,
)
from ._native import CONTRACT_VERSION, MAX_JSON_DEPTH, Library, Standard


def compile(text: str, name: "str | None" = None) -> Standard:
    """Compile one self-contained document (``Library.compile``)."""
    return Library.compile(text, name)


__all__ = [
    "CONTRACT_VERSION",
    "MAX_JSON_DEPTH",
    "Library",
    "Standard",
    "compile",
    "YardstickError",
    "StandardProblemsError",
    "ReadError",
    "NotFoundError",
    "AssessmentError",
    "EvaluationError",
    "ArgumentError",
]
