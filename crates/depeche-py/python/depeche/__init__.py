"""depeche: French news to structured, sourced event data.

Every annotation (entity mentions and records, time expressions, counts, quotations, CAMEO
events) is a span of UTF-8 *byte* offsets into the document's ``text``, as in the CLI.

>>> import depeche
>>> nlp = depeche.Pipeline()                       # loaded once; share it between threads
>>> doc = nlp.extract("Titre\\nLe texte.", published="2015-12-21")
>>> for doc in nlp.pipe(dicts, threads=2): ...     # input order, GIL released meanwhile
>>> tables = nlp.to_arrow(dicts)                   # pyarrow RecordBatches

``extract`` and ``pipe`` return exactly the object ``depeche extract`` writes for the same
document (the JSON is produced by the engine's own writer, then parsed), and raise
:class:`DepecheError` with the CLI's message where the CLI would report the document.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _depeche
from ._depeche import DepecheError

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    import pyarrow

__all__ = ["Pipeline", "DepecheError", "__version__", "SCHEMA_VERSION", "arrow_schemas"]

#: The engine's version (the ``engine.version`` of every output).
__version__: str = _depeche.__version__
#: The version of the JSON output contract (``schema_version``).
SCHEMA_VERSION: str = _depeche.SCHEMA_VERSION

Document = Union[Mapping[str, Any], str]
"""An input document: a dict of JSON Lines fields (``text`` required; ``title``, ``id``,
``published``, ``url``, ``source``, ``lang``…) or a JSON Lines line holding one."""

_ERRORS = ("raise", "skip")


class Pipeline:
    """The engine for one language, loaded once (about a second) and safe to share between
    threads: every method releases the GIL while it annotates."""

    def __init__(self, lang: str = "fr") -> None:
        self._native = _depeche.Pipeline(lang)

    @property
    def lang(self) -> str:
        return self._native.lang

    def __repr__(self) -> str:
        return f"depeche.Pipeline(lang={self.lang!r})"

    def extract_json(
        self,
        text: str,
        *,
        title: Optional[str] = None,
        published: Union[str, "datetime.date", None] = None,
        id: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
        pretty: bool = False,
    ) -> str:
        """The CLI's JSON for one document, as text: ``depeche extract --format jsonl`` (one
        line), or ``--format json`` with ``pretty`` (both without the final line feed).

        ``title=None`` takes the first line of ``text`` as the title, as in a text file; any
        other title (``""`` included) makes every line body. ``published`` is ISO 8601
        (``2015-12-21``, ``2015-12-21T09:30:00+01:00``) or a ``datetime.date``/``datetime``; an
        invalid date is a warning in the output, as in JSON Lines. ``id`` defaults to
        ``"python"``.
        """
        fields: Dict[str, Any] = {"text": text}
        for key, value in (("title", title), ("published", published), ("id", id), ("url", url), ("source", source)):
            if value is not None:
                fields[key] = value
        return self._native.extract_json(_depeche.Pipeline.to_line(fields), pretty=pretty)

    def extract(
        self,
        text: str,
        *,
        title: Optional[str] = None,
        published: Union[str, "datetime.date", None] = None,
        id: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Dict[str, Any]:
        """One document annotated: the dict ``depeche extract`` writes for it (see
        :meth:`extract_json` for the arguments). Raises :class:`DepecheError` for a document
        the CLI would reject (empty text, text too large…)."""
        return json.loads(
            self.extract_json(text, title=title, published=published, id=id, url=url, source=source)
        )

    def pipe_json(self, docs: Iterable[Document], *, threads: int = 1, errors: str = "raise") -> Iterator[str]:
        """Like :meth:`pipe`, but yields each document's JSON line (``--format jsonl``)."""
        return _stream(self._native.pipe_json(docs, threads=threads), errors)

    def pipe(self, docs: Iterable[Document], *, threads: int = 1, errors: str = "raise") -> Iterator[Dict[str, Any]]:
        """Annotates ``docs`` on ``threads`` native threads and yields one dict per document, in
        input order, as soon as it and those before it are done. Documents are read a few at a
        time ahead of the one yielded (a bounded window), so ``docs`` may be a generator over
        more documents than fit in memory.

        A document without ``id`` gets ``python-N`` (its 1-based position). A document that
        cannot be read or annotated raises :class:`DepecheError` at its place
        (``errors="raise"``), or is skipped with a warning (``errors="skip"``).
        """
        for line in self.pipe_json(docs, threads=threads, errors=errors):
            yield json.loads(line)

    def pipe_files(
        self,
        paths: Iterable[Union[str, "os.PathLike[str]"]],
        *,
        threads: int = 1,
        published: Optional[str] = None,
        errors: str = "raise",
    ) -> Iterator[Dict[str, Any]]:
        """Annotates the documents of files and directories (read recursively), read exactly as
        ``depeche extract`` reads them: plain text, JSON Lines, HTML pages, feeds and WARC
        archives, by file name. ``published`` is ``--published`` (for documents without a
        date). Yields as :meth:`pipe` does; errors name the file (and line) as the CLI does."""
        native = self._native.pipe_files([os.fspath(p) for p in paths], threads=threads, published=published)
        for line in _stream(native, errors):
            yield json.loads(line)

    def files_to_arrow(
        self,
        paths: Iterable[Union[str, "os.PathLike[str]"]],
        *,
        threads: int = 1,
        published: Optional[str] = None,
        errors: str = "raise",
    ) -> Dict[str, "pyarrow.RecordBatch"]:
        """:meth:`to_arrow` for the documents of files, read as :meth:`pipe_files` reads them."""
        native = self._native.pipe_files(
            [os.fspath(p) for p in paths], threads=threads, rows=True, published=published
        )
        return _batches(_stream(native, errors))

    def to_arrow(
        self, docs: Iterable[Document], *, threads: int = 1, errors: str = "raise"
    ) -> Dict[str, "pyarrow.RecordBatch"]:
        """Annotates ``docs`` and returns three pyarrow RecordBatches:

        - ``"events"``: one row per coded event, with the columns of ``depeche export --format
          parquet`` (each row a record of one mention: see the module ``records.rs``);
        - ``"mentions"``: the same events flattened, with trigger spans and actor entity ids;
        - ``"entities"``: each document's entity records.

        Needs ``pyarrow``. ``threads`` and ``errors`` as in :meth:`pipe`.
        """
        return _batches(_stream(self._native.pipe_json(docs, threads=threads, rows=True), errors))


def _batches(lines: Iterator[str]) -> Dict[str, "pyarrow.RecordBatch"]:
    import pyarrow as pa

    rows: Dict[str, List[Dict[str, Any]]] = {"events": [], "mentions": [], "entities": []}
    for line in lines:
        for name, table in json.loads(line).items():
            rows[name].extend(table)
    schemas = arrow_schemas()
    return {name: pa.RecordBatch.from_pylist(rows[name], schema=schemas[name]) for name in rows}


def _stream(native: Iterator[str], errors: str) -> Iterator[str]:
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    while True:
        try:
            line = next(native)
        except StopIteration:
            return
        except DepecheError as err:
            if errors == "raise":
                raise
            warnings.warn(f"depeche: skipped: {err}", stacklevel=3)
            continue
        yield line


def arrow_schemas() -> Dict[str, "pyarrow.Schema"]:
    """The schemas of :meth:`Pipeline.to_arrow`'s tables. ``events`` is the schema of
    ``depeche export --format parquet`` (``src/store/parquet.rs``), column for column."""
    import pyarrow as pa

    mention = pa.struct(
        [
            pa.field("doc", pa.string(), False),
            pa.field("url", pa.string()),
            pa.field("source", pa.string()),
            pa.field("published", pa.string()),
            pa.field("sentence", pa.int32(), False),
            pa.field("start", pa.int64(), False),
            pa.field("end", pa.int64(), False),
            pa.field("text", pa.string(), False),
            pa.field("trigger", pa.string(), False),
            pa.field("code", pa.string(), False),
            pa.field("status", pa.string(), False),
            pa.field("score", pa.float64(), False),
        ]
    )
    events = pa.schema(
        [
            pa.field("event_id", pa.int64(), False),
            pa.field("day", pa.date32()),
            pa.field("last_day", pa.date32()),
            pa.field("first_seen", pa.timestamp("s", tz="UTC")),
            pa.field("code", pa.string(), False),
            pa.field("base", pa.string(), False),
            pa.field("root", pa.string(), False),
            pa.field("quad_class", pa.int8()),
            pa.field("goldstein", pa.float64()),
            pa.field("actor1_code", pa.string(), False),
            pa.field("actor1_country", pa.string()),
            pa.field("actor2_code", pa.string()),
            pa.field("actor2_country", pa.string()),
            pa.field("action_country_fips", pa.string()),
            pa.field("lat", pa.float64()),
            pa.field("lon", pa.float64()),
            pa.field("num_mentions", pa.int32(), False),
            pa.field("num_sources", pa.int32(), False),
            pa.field("num_articles", pa.int32(), False),
            pa.field("confidence", pa.float64(), False),
            pa.field("is_root", pa.bool_(), False),
            pa.field("mentions", pa.list_(pa.field("item", mention, False)), False),
        ]
    )
    mentions = pa.schema(
        [
            pa.field("event_id", pa.int64(), False),
            pa.field("doc", pa.string(), False),
            pa.field("index", pa.int32(), False),
            pa.field("day", pa.date32()),
            pa.field("url", pa.string()),
            pa.field("source", pa.string()),
            pa.field("published", pa.string()),
            pa.field("sentence", pa.int32(), False),
            pa.field("start", pa.int64(), False),
            pa.field("end", pa.int64(), False),
            pa.field("text", pa.string(), False),
            pa.field("trigger_start", pa.int64(), False),
            pa.field("trigger_end", pa.int64(), False),
            pa.field("trigger", pa.string(), False),
            pa.field("code", pa.string(), False),
            pa.field("status", pa.string(), False),
            pa.field("score", pa.float64(), False),
            pa.field("actor1_code", pa.string(), False),
            pa.field("actor1_entity", pa.string()),
            pa.field("actor2_code", pa.string()),
            pa.field("actor2_entity", pa.string()),
        ]
    )
    entities = pa.schema(
        [
            pa.field("doc", pa.string(), False),
            pa.field("published", pa.string()),
            pa.field("id", pa.string(), False),
            pa.field("name", pa.string(), False),
            pa.field("type", pa.string()),
            pa.field("country", pa.string()),
            pa.field("role", pa.string()),
            pa.field("cameo", pa.string()),
            pa.field("geonames", pa.int64()),
            pa.field("lat", pa.float64()),
            pa.field("lon", pa.float64()),
            pa.field("wikidata", pa.string()),
        ]
    )
    return {"events": events, "mentions": mentions, "entities": entities}
