"""Shared fixtures: the CLI binary the package is compared with, and the repository paths.

The binary is $DEPECHE_BIN, else target/release/depeche, else target/debug/depeche. CI sets
DEPECHE_BIN (crates/depeche-py/ci.sh); a run without any binary skips the comparisons, saying so.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List, Optional

import pytest

import depeche

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "examples" / "000_841bfa5ee9043e79.txt"
SEED_PUBLISHED = "2015-12-21"
# OrangeSum (AFP/Orange text, never committed): read from ../shared beside the clone.
ORANGESUM = ROOT.parent / "shared" / "data" / "news-fr" / "orangesum" / "orangesum-dev.jsonl"


def _binary() -> Optional[Path]:
    named = os.environ.get("DEPECHE_BIN")
    if named:
        path = Path(named)
        if not path.is_file():
            raise RuntimeError(f"DEPECHE_BIN={named} is not a file")
        return path
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "depeche"
        if path.is_file():
            return path
    return None


@pytest.fixture(scope="session")
def cli() -> Path:
    path = _binary()
    if path is None:
        pytest.skip("no depeche binary (set DEPECHE_BIN or run cargo build --release)")
    return path


def run_cli(cli: Path, args: List[str], stdin: Optional[bytes] = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], input=stdin, capture_output=True, check=False)


@pytest.fixture(scope="session")
def nlp() -> depeche.Pipeline:
    return depeche.Pipeline()
