"""The JSON contract as Python objects: every number of a result is a ``decimal.Decimal`` with exactly
the digits the engine wrote (``17.60`` stays ``Decimal('17.60')``); counts (``contract``, spans'
``line``/``column``/``start``/``end``, ``errors_more``, a series' ``length``) are ``int``."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

_COUNTS = frozenset({"contract", "line", "column", "start", "end", "errors_more", "length"})


def _ints(obj: Any) -> Any:
    # Maps keyed by the standard's own ids (`outputs`) hold values, never counts.
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "outputs" and isinstance(v, dict):
                for x in v.values():
                    _ints(x)
            elif k in _COUNTS and isinstance(v, Decimal):
                obj[k] = int(v)
            else:
                _ints(v)
    elif isinstance(obj, list):
        for x in obj:
            _ints(x)
    return obj


def loads(text: str) -> Any:
    return _ints(json.loads(text, parse_float=Decimal, parse_int=Decimal))
