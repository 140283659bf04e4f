"""The Dask variant (examples/dask/depeche_events.py) on two small JSON Lines files: the
events it writes are the CLI's. Skipped without dask."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

JOB = ROOT / "examples" / "dask" / "depeche_events.py"


def test_dask_job_writes_the_clis_events(tmp_path: Path, cli):
    pytest.importorskip("dask.bag")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in"
    src.mkdir()
    docs = [
        {"id": "a", "title": "", "published": "2016-03-01", "text": "La police a arrêté trois manifestants mardi à Lyon."},
        {"id": "b", "title": "", "published": "2016-03-02", "text": "Le président Hollande a condamné l'attaque contre des civils en Syrie."},
    ]
    for d in docs:
        (src / f"{d['id']}.jsonl").write_text(json.dumps(d, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    job = subprocess.run([sys.executable, str(JOB), "--input", str(src), "--output", str(out), "--scheduler", "sync"],
                         capture_output=True, check=False, timeout=300)
    assert job.returncode == 0, job.stderr.decode()[-3000:]
    extract = run_cli(cli, ["extract", str(src), "--format", "jsonl", "-q"])
    want = sorted((d["id"], e["code"], e["trigger"]["span"][0]) for line in extract.stdout.decode().splitlines()
                  for d in [json.loads(line)] for e in d["events"])
    got = sorted((m["doc"], m["code"], m["trigger_start"]) for f in sorted((out / "mentions").glob("*.parquet"))
                 for m in pq.read_table(f).to_pylist())
    assert want and got == want
