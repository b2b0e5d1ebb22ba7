"""No dead code: vulture over the package, scripts and tests, as ``make lint`` runs it ([tool.vulture])."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_vulture_finds_no_dead_code():
    if shutil.which("vulture", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("vulture is not installed (pip install -e '.[dev]')")
    result = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
