"""The Python API: version, errors with the CLI's messages, ordered streaming with threads,
thread safety, and the Arrow tables (the events schema is the Parquet export's)."""

from __future__ import annotations

import datetime
import importlib.metadata
import itertools
import json
import threading
from pathlib import Path

import pytest

import depeche
from conftest import SEED, SEED_PUBLISHED, run_cli

SENTENCES = [
    "Le ministre français des Affaires étrangères a rencontré lundi son homologue russe à Moscou.",
    "La police a arrêté trois manifestants mardi à Lyon, selon la préfecture.",
    "Le président Hollande a condamné l'attaque contre des civils en Syrie.",
    "Angela Merkel a appelé la Grèce à respecter ses engagements.",
]


def docs(n: int):
    return [{"id": f"d{i}", "title": "", "text": SENTENCES[i % len(SENTENCES)], "published": "2016-03-02"} for i in range(n)]


def test_version_is_the_engines_and_the_packages():
    assert depeche.__version__ == importlib.metadata.version("depeche")
    doc = depeche.Pipeline().extract("Titre\nUn texte.")
    assert doc["engine"] == {"name": "depeche", "version": depeche.__version__}
    assert doc["schema_version"] == depeche.SCHEMA_VERSION


def test_errors_carry_the_clis_messages(cli, nlp):
    out = run_cli(cli, ["extract", "-", "--input", "jsonl", "-q"], stdin=b'{"text": "  "}\n{"title": "x"}\n{"text": 3}\n')
    assert out.returncode == 1
    cli_errors = [line.split(": ", 3)[-1] for line in out.stderr.decode().splitlines() if line.startswith("depeche: error: <stdin>:")]
    assert cli_errors == ["empty document (no text)", 'the JSON object has no "text" field', 'field "text" must be a string']
    with pytest.raises(depeche.DepecheError, match=r"^<python>: empty document \(no text\)$"):
        nlp.extract("  ")
    got = []
    for item in ({"text": "  "}, {"title": "x"}, {"text": 3}):
        with pytest.raises(depeche.DepecheError) as err:
            list(nlp.pipe([item]))
        assert str(err.value).startswith("<python>:1: ")
        got.append(str(err.value).split(": ", 1)[1])
    assert got == cli_errors
    assert isinstance(depeche.DepecheError("x"), ValueError)


def test_an_unknown_language_is_refused_as_by_the_cli(cli):
    out = run_cli(cli, ["extract", str(SEED), "--lang", "xx"])
    assert out.returncode == 2
    message = out.stderr.decode().strip().removeprefix("depeche: error: ")
    with pytest.raises(depeche.DepecheError) as err:
        depeche.Pipeline("xx")
    assert str(err.value) == message


def test_pipe_keeps_input_order_with_threads(nlp):
    one = [d["id"] for d in nlp.pipe(docs(40), threads=1)]
    four = list(nlp.pipe(docs(40), threads=4))
    assert [d["id"] for d in four] == one == [f"d{i}" for i in range(40)]
    assert four == list(nlp.pipe(docs(40)))


def test_pipe_streams_from_an_endless_generator(nlp):
    taken = []

    def endless():
        for i in itertools.count():
            taken.append(i)
            yield {"text": SENTENCES[i % 4], "title": "", "id": str(i)}

    first = list(itertools.islice(nlp.pipe(endless(), threads=2), 5))
    assert [d["id"] for d in first] == ["0", "1", "2", "3", "4"]
    # Read ahead by a bounded window only.
    assert len(taken) <= 5 + 2 * 8 + 1


def test_pipe_errors_raise_or_skip(nlp):
    items = [{"text": "Un.", "title": ""}, {"text": ""}, {"text": "Deux.", "title": ""}]
    stream = nlp.pipe(items)
    assert next(stream)["text"] == "Un."
    with pytest.raises(depeche.DepecheError, match="<python>:2: empty document"):
        next(stream)
    with pytest.warns(UserWarning, match="<python>:2: empty document"):
        kept = list(nlp.pipe(items, errors="skip"))
    assert [d["text"] for d in kept] == ["Un.", "Deux."]
    with pytest.raises(TypeError, match="found a int"):
        list(nlp.pipe([3]))
    with pytest.raises(ValueError):
        list(nlp.pipe(items, threads=0))
    with pytest.raises(ValueError, match="errors must be"):
        list(nlp.pipe(items, errors="ignore"))


def test_pipe_takes_json_lines_and_dates(nlp):
    line = json.dumps({"text": SENTENCES[0], "title": "", "published": "2016-03-02", "id": "a"})
    by_line = next(nlp.pipe([line]))
    by_date = nlp.extract(SENTENCES[0], title="", published=datetime.date(2016, 3, 2), id="a")
    assert by_line == by_date
    assert by_date["published"] == "2016-03-02"


def test_one_pipeline_serves_many_python_threads(nlp):
    text = SEED.read_text(encoding="utf-8")
    want = nlp.extract_json(text, published=SEED_PUBLISHED)
    got = []

    def work():
        got.append(nlp.extract_json(text, published=SEED_PUBLISHED))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want] * 4


def test_to_arrow_rows_are_the_documents_events(nlp):
    pa = pytest.importorskip("pyarrow")
    text = SEED.read_text(encoding="utf-8")
    item = {"id": "seed", "text": text, "published": SEED_PUBLISHED, "url": "https://example.org/a"}
    tables = nlp.to_arrow([item, {"id": "two", "title": "", "text": SENTENCES[1], "published": "2016-03-02"}])
    doc = nlp.extract(text, id="seed", published=SEED_PUBLISHED, url="https://example.org/a")
    events = tables["events"]
    assert isinstance(events, pa.RecordBatch)
    assert events.schema == depeche.arrow_schemas()["events"]
    seed_rows = [r for r in events.to_pylist() if r["mentions"][0]["doc"] == "seed"]
    assert [(r["code"], r["mentions"][0]["start"], r["mentions"][0]["end"]) for r in seed_rows] == [
        (e["code"], e["span"][0], e["span"][1]) for e in doc["events"]
    ]
    assert all(r["day"] == datetime.date(2015, 12, 21) for r in seed_rows[:1])
    mentions = tables["mentions"].to_pylist()
    assert [(m["trigger_start"], m["trigger_end"], m["trigger"]) for m in mentions if m["doc"] == "seed"] == [
        (e["trigger"]["span"][0], e["trigger"]["span"][1], e["trigger"]["text"]) for e in doc["events"]
    ]
    assert all(text.encode()[m["start"]:m["end"]].decode() == m["text"] for m in mentions if m["doc"] == "seed")
    entities = tables["entities"].to_pylist()
    assert [e["id"] for e in entities if e["doc"] == "seed"] == [e["id"] for e in doc["entities"]]


def test_events_schema_is_the_parquet_exports(cli, tmp_path: Path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    db, out = tmp_path / "n.db", tmp_path / "events.parquet"
    ingest = run_cli(cli, ["ingest", str(SEED), "--db", str(db), "--published", SEED_PUBLISHED, "-q"])
    assert ingest.returncode == 0, ingest.stderr.decode()
    export = run_cli(cli, ["export", "--db", str(db), "--format", "parquet", "--out", str(out)])
    if export.returncode != 0 and "parquet" in export.stderr.decode() and "feature" in export.stderr.decode():
        pytest.skip("this depeche binary was built without the parquet feature")
    assert export.returncode == 0, export.stderr.decode()
    written = pq.read_schema(out).remove_metadata()
    ours = depeche.arrow_schemas()["events"]
    assert written.names == ours.names
    for name in ours.names:
        if name == "first_seen":
            # Parquet has no timestamp in seconds: the export's file holds the same seconds as
            # int64; the Arrow type it was written from (src/store/parquet.rs) is ours.
            assert written.field(name).type == pa.int64()
            assert ours.field(name).type == pa.timestamp("s", tz="UTC")
        else:
            assert written.field(name) == ours.field(name), name
