"""The exceptions of Yardstick: one class per kind of the facade's ``ErrorReport`` (docs/json.md)."""

from __future__ import annotations

import json
from typing import Any, Dict, List


class YardstickError(Exception):
    """Any error Yardstick reports, with a stable code and its message in English and Chinese.

    ``kind`` is the report's kind (``problems``, ``io``, ``not_found``, ``assessment``,
    ``evaluation``, ``argument``); ``code`` the stable code (``Y07xx`` for an assessment, ``Y08xx`` for
    finding a standard, ...); ``problems`` the problems of a standard (dicts as ``yardstick check
    --format json`` prints them); ``inputs`` the problems of an assessment (``{input, code, reason,
    reason_zh}``); ``report`` the whole report as a dict.
    """

    kind: str = ""

    def __init__(self, report: Dict[str, Any]) -> None:
        self.report: Dict[str, Any] = report
        self.kind = report.get("kind", "")
        self.code: str = report.get("code", "")
        self.en: str = report.get("en", "")
        self.zh: str = report.get("zh", "")
        self.problems: List[Dict[str, Any]] = report.get("problems", [])
        self.inputs: List[Dict[str, Any]] = report.get("inputs", [])
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [f"{self.en} [{self.code}]"]
        for x in self.inputs:
            where = f"`{x['input']}`: " if x.get("input") else ""
            lines.append(f"  - {where}{x.get('reason', '')} [{x.get('code', '')}]")
        return "\n".join(lines)

    def __reduce__(self):  # picklable (multiprocessing, joblib)
        return (type(self), (self.report,))


class StandardProblemsError(YardstickError):
    """The standard (or a document of the library) has errors: ``problems`` lists them."""

    kind = "problems"


class ReadError(YardstickError, OSError):
    """A file or folder that cannot be read (Y0090)."""

    kind = "io"


class NotFoundError(YardstickError, LookupError):
    """No standard, version or document matches (Y08xx)."""

    kind = "not_found"


class AssessmentError(YardstickError, ValueError):
    """The assessment has problems (Y07xx): ``inputs`` lists every one."""

    kind = "assessment"


class EvaluationError(YardstickError):
    """The evaluation could not run (Y06xx)."""

    kind = "evaluation"


class ArgumentError(YardstickError, ValueError):
    """A bad argument (Y0901), e.g. an ``as_of`` that is not a date."""

    kind = "argument"


_BY_KIND = {
    c.kind: c
    for c in (
        StandardProblemsError,
        ReadError,
        NotFoundError,
        AssessmentError,
        EvaluationError,
        ArgumentError,
    )
}


def _from_report(text: str) -> YardstickError:
    report = json.loads(text)
    return _BY_KIND.get(report.get("kind", ""), YardstickError)(report)
