"""Type stubs of the native module (PyO3)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

CONTRACT_VERSION: int
MAX_JSON_DEPTH: int

#: A value in a result: an exact number, ``"infinite"``/``"-infinite"``, a bool, a name or date, a
#: series of numbers, or ``None`` (missing / not applicable).
Value = Union[Decimal, bool, str, List[Decimal], None]

#: An assessment: ``{"standard", "version"?, "as_of"?, "inputs": {...}}``, a bare dict of inputs, or
#: the same as JSON text.
Assessment = Union[Mapping[str, Any], str, bytes]

#: One row of ``evaluate_batch``: ``{"row", "outcome", "grade", "failing", "outputs"}`` (and ``name``
#: when the row had one), or ``{"row", "error"}`` with the row's ``YardstickError``.
BatchRow = Dict[str, Any]

class Standard:
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def inputs(self) -> List[str]: ...
    @property
    def outputs(self) -> List[str]: ...
    @property
    def grade(self) -> Optional[str]: ...
    def form(self) -> Dict[str, Any]: ...
    def evaluate(self, assessment: Assessment, explain: bool = False) -> Dict[str, Any]:
        """The contract's ``Evaluation`` (docs/json.md) as a dict; raises ``YardstickError``."""
    def evaluate_batch(
        self,
        rows: Union[Sequence[Assessment], Iterable[Assessment], Any],
        threads: Optional[int] = None,
    ) -> List[BatchRow]:
        """Many rows on every core: a list of dicts or JSON texts, a pandas or polars DataFrame, or
        any object with ``__arrow_c_stream__`` (a pyarrow Table ...)."""

class Library:
    def __init__(self) -> None: ...
    @staticmethod
    def from_dir(path: Union[str, "os.PathLike[str]"]) -> Library: ...
    @staticmethod
    def shipped() -> Library: ...
    @staticmethod
    def from_texts(docs: Union[Mapping[str, str], Sequence[Tuple[str, str]]]) -> Library: ...
    @staticmethod
    def compile(text: str, name: Optional[str] = None) -> Standard: ...
    def standard(
        self,
        id: str,
        version: Optional[str] = None,
        as_of: Union[str, datetime.date, None] = None,
        include_drafts: bool = False,
    ) -> Standard: ...
    def documents(self) -> List[Dict[str, Optional[str]]]: ...
    def __len__(self) -> int: ...

import os  # noqa: E402
