"""The Spark job (examples/spark/depeche_events.py) in local[2] mode on a few documents of our
own (the seed dispatch, sentences written here, and a WARC archive of one page): it writes
exactly the events `depeche extract` gives for them, partitioned by date, and a re-run gives
the same output. Skipped without pyspark and Java unless DEPECHE_REQUIRE_SPARK=1 (CI)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED, SEED_PUBLISHED, run_cli

JOB = ROOT / "examples" / "spark" / "depeche_events.py"

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Paris et Berlin veulent relancer le dialogue</title>
<meta property="article:published_time" content="2016-03-02T10:00:00+01:00">
</head><body><nav><a href="/">Accueil</a></nav><article><h1>Paris et Berlin veulent relancer le dialogue</h1>
<p>Le président François Hollande a rencontré mardi à Berlin la chancelière Angela Merkel pour discuter de la crise des réfugiés.</p>
<p>Les deux dirigeants ont appelé la Turquie à renforcer les contrôles à ses frontières, selon un communiqué de l'Élysée.</p>
<p>La police allemande a arrêté trois manifestants devant la chancellerie, a indiqué un porte-parole.</p>
</article></body></html>"""


def warc_gz(uri: str, html: str) -> bytes:
    body = html.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2016-03-02T12:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\nContent-Length: {n}\r\n\r\n"
    ).format(uri=uri, n=len(http))
    return gzip.compress(head.encode("ascii") + http + b"\r\n\r\n")


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    if not spark_available():
        if os.environ.get("DEPECHE_REQUIRE_SPARK") == "1":
            pytest.fail("pyspark or java missing but DEPECHE_REQUIRE_SPARK=1")
        pytest.skip("pyspark or java not installed: the Spark job is not tested")
    d = tmp_path_factory.mktemp("spark-in")
    docs = [
        {"id": "seed", "text": SEED.read_text(encoding="utf-8"), "published": SEED_PUBLISHED},
        {"id": "lyon", "title": "", "published": "2016-03-01",
         "text": "La police a arrêté trois manifestants mardi à Lyon. Le ministre de l'Intérieur Bernard Cazeneuve a condamné les violences."},
        {"id": "moscou", "title": "Visite", "published": "2016-03-02T09:00:00+01:00",
         "text": "Le ministre français des Affaires étrangères se rendra jeudi à Moscou, où il rencontrera son homologue russe Sergueï Lavrov."},
        {"id": "vide", "text": "   "},
    ]
    (d / "sub").mkdir()
    (d / "a.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in docs[:2]), encoding="utf-8")
    (d / "sub" / "b.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in docs[2:]), encoding="utf-8")
    (d / "pages.warc.gz").write_bytes(warc_gz("https://example.org/2016/03/02/paris-berlin", PAGE))
    return d


def run_job(inputs: Path, out: Path) -> None:
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    job = subprocess.run(
        [sys.executable, str(JOB), "--input", str(inputs), "--output", str(out), "--master", "local[2]"],
        capture_output=True, env=env, check=False, timeout=600,
    )
    assert job.returncode == 0, job.stderr.decode()[-4000:]


def table(out: Path, name: str):
    import pyarrow.dataset as ds

    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table()


def key(doc, code, start, end, t0, t1, a1, a2):
    return (doc, code, start, end, t0, t1, a1, a2 or "")


def test_spark_job_writes_the_clis_events(inputs: Path, tmp_path: Path, cli):
    out = tmp_path / "out"
    run_job(inputs, out)
    extract = run_cli(cli, ["extract", str(inputs), "--format", "jsonl", "-q"])
    docs = [json.loads(line) for line in extract.stdout.decode().splitlines()]
    assert {d["id"] for d in docs} >= {"seed", "lyon", "moscou"} and len(docs) == 4  # "vide" fails
    want = sorted(
        key(d["id"], e["code"], e["span"][0], e["span"][1], e["trigger"]["span"][0], e["trigger"]["span"][1],
            e["actor1"]["code"], (e["actor2"] or {}).get("code"))
        for d in docs for e in d["events"]
    )
    mentions = table(out, "mentions").to_pylist()
    got = sorted(
        key(m["doc"], m["code"], m["start"], m["end"], m["trigger_start"], m["trigger_end"], m["actor1_code"], m["actor2_code"])
        for m in mentions
    )
    assert len(want) > 10
    assert got == want
    warc_doc = next(d for d in docs if d["id"] not in ("seed", "lyon", "moscou"))
    assert any(m["doc"] == warc_doc["id"] for m in mentions)
    events = table(out, "events")
    assert events.num_rows == len(want)
    assert sorted(r["event_id"] for r in events.to_pylist()) == sorted(m["event_id"] for m in mentions)
    # Partitioned by date: the seed's events are under date=2015-12-21.
    assert (out / "events" / "date=2015-12-21").is_dir()
    assert all(str(m["date"]) == str(m["day"]) for m in mentions)
    entities = table(out, "entities").to_pylist()
    assert sorted((e["doc"], e["id"]) for e in entities) == sorted((d["id"], e["id"]) for d in docs for e in d["entities"])
    # A re-run over the same output gives the same tables (overwritten, not appended).
    run_job(inputs, out)
    again = sorted(
        key(m["doc"], m["code"], m["start"], m["end"], m["trigger_start"], m["trigger_end"], m["actor1_code"], m["actor2_code"])
        for m in table(out, "mentions").to_pylist()
    )
    assert again == want
    assert table(out, "entities").num_rows == len(entities)
