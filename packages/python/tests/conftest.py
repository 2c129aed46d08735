import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples" / "assessments").glob("*.json"))


def cli_binary() -> Path:
    return Path(os.environ.get("YARDSTICK_CLI", ROOT / "target" / "debug" / "yardstick"))


def cli(*args: str, check_exit=None):
    """Run the CLI from the repository root (where `standards/` is); its stdout as the contract."""
    p = subprocess.run(
        [str(cli_binary()), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    if check_exit is not None:
        assert p.returncode == check_exit, p.stderr
    return p


def canon(obj):
    """A form where two numbers are equal only with the same digits (Decimal('17.6') != '17.60')."""
    if isinstance(obj, Decimal):
        return ("decimal", str(obj))
    if isinstance(obj, bool):
        return ("bool", obj)
    if isinstance(obj, int):
        return ("int", obj)
    if isinstance(obj, dict):
        return {k: canon(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [canon(v) for v in obj]
    return obj


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def library():
    import yardstick

    # Relative, as the CLI names the files it reads from the repository root.
    os.chdir(ROOT)
    return yardstick.Library.from_dir("standards")


def contract(text: str):
    from yardstick import _json

    return _json.loads(text)


def load_example(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))
