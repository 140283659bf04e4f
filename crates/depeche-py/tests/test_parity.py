"""The package's JSON is byte for byte the CLI's: on the seed dispatch (as a text file and as
`extract(text, …)`), and on 500 OrangeSum articles (JSON Lines, when ../shared is present)."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from conftest import ORANGESUM, SEED, SEED_PUBLISHED, run_cli


def test_seed_is_byte_identical_to_the_cli(cli, nlp):
    out = run_cli(cli, ["extract", str(SEED), "--published", SEED_PUBLISHED])
    assert out.returncode == 0, out.stderr.decode()
    text = SEED.read_text(encoding="utf-8")
    pretty = nlp.extract_json(text, id=SEED.stem, published=SEED_PUBLISHED, pretty=True) + "\n"
    assert pretty.encode("utf-8") == out.stdout
    line = run_cli(cli, ["extract", str(SEED), "--published", SEED_PUBLISHED, "--format", "jsonl"])
    assert nlp.extract_json(text, id=SEED.stem, published=SEED_PUBLISHED) + "\n" == line.stdout.decode()
    doc = nlp.extract(text, id=SEED.stem, published=SEED_PUBLISHED)
    assert doc == json.loads(out.stdout)
    # The seed's events, so that an empty layer on both sides cannot pass.
    assert len(doc["events"]) > 5
    assert doc["events"][0]["actor1"]["code"] == "FRAGOV"


def test_a_dict_document_matches_the_same_json_line(cli, nlp, tmp_path: Path):
    docs = [
        {"id": 7, "title": "", "text": "Le président Hollande a rencontré Angela Merkel à Berlin.", "published": "2016-03-02"},
        {"id": "1.50", "text": "Titre\nLa police a arrêté trois manifestants lundi à Lyon.", "url": "http://x/a"},
        {"text": "Des milliers de personnes ont manifesté.", "published": "pas une date"},
    ]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    out = run_cli(cli, ["extract", str(path), "--format", "jsonl", "-q"])
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode().splitlines()
    ours = list(nlp.pipe_json(docs, threads=2))
    # The CLI's default id is FILE-LINE, the package's python-N: the third document has none.
    assert ours[:2] == lines[:2]
    assert json.loads(ours[2])["id"] == "python-3"
    assert json.loads(lines[2])["id"] == "d-3"
    assert json.loads(ours[2])["warnings"] == json.loads(lines[2])["warnings"] != []


def test_500_orangesum_articles_are_byte_identical(cli, nlp, tmp_path: Path):
    if not ORANGESUM.is_file():
        pytest.skip(f"OrangeSum not found at {ORANGESUM} (../shared/data absent): the 500-article comparison is not run")
    with ORANGESUM.open(encoding="utf-8") as f:
        lines = list(islice(f, 500))
    assert len(lines) == 500
    path = tmp_path / "orangesum-500.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    out = run_cli(cli, ["extract", str(path), "--format", "jsonl", "-q", "-j", "2"])
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    expected = out.stdout.decode("utf-8").splitlines()
    assert len(expected) == 500
    ours = list(nlp.pipe_json((json.loads(line) for line in lines), threads=2))
    mismatched = [i for i, (a, b) in enumerate(zip(ours, expected)) if a != b]
    assert len(ours) == 500 and not mismatched, f"{len(mismatched)} differ, first: line {mismatched[:1]}"
    # extract() with keyword arguments gives the same as the dict, on a few of them.
    for line, cli_line in list(zip(lines, expected))[:20]:
        d = json.loads(line)
        got = nlp.extract(d["text"], title=d.get("title"), published=d.get("published"), id=d["id"],
                          url=d.get("url"), source=d.get("source"))
        want = json.loads(cli_line)
        # Fields extract() does not take (a page's credit and section) are absent from its output.
        want.pop("credit", None)
        want.pop("section", None)
        assert got == want
