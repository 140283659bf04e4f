"""The native module (Rust, pyo3). Use it through the package ``depeche``."""

from typing import Any, Iterable, Iterator, List, Optional

__version__: str
SCHEMA_VERSION: str

class DepecheError(ValueError):
    """A document could not be read or annotated; the message is the CLI's."""

class PipeIter(Iterator[str]):
    def __iter__(self) -> "PipeIter": ...
    def __next__(self) -> str: ...

class Pipeline:
    def __init__(self, lang: str = "fr") -> None: ...
    @property
    def lang(self) -> str: ...
    def extract_json(
        self, line: str, *, default_id: str = "python", origin: str = "<python>", pretty: bool = False
    ) -> str: ...
    @staticmethod
    def to_line(item: Any) -> str: ...
    def pipe_json(
        self, docs: Iterable[Any], *, threads: int = 1, rows: bool = False, window: Optional[int] = None
    ) -> PipeIter: ...
    def pipe_files(
        self,
        paths: List[str],
        *,
        threads: int = 1,
        rows: bool = False,
        published: Optional[str] = None,
        window: Optional[int] = None,
    ) -> PipeIter: ...
