//! The Python binding: `depeche._depeche`, wrapped by the pure-Python package `depeche`
//! (`python/depeche/__init__.py`), which turns what this module returns into dicts and pyarrow
//! record batches.
//!
//! Main types: [`PyPipeline`] (`depeche.Pipeline`: the engine's [`Pipeline`], loaded once and
//! shared by every thread) and [`PipeIter`] (the stream `Pipeline.pipe` reads).
//!
//! **The design choice that matters: a document goes in as a JSON Lines line and comes out as
//! the CLI's JSON string.** A Python dict (or `extract`'s keyword arguments) is written as the
//! JSON object a `.jsonl` line would hold and read by [`depeche::read::document_from_json`],
//! the very function that reads JSON Lines files; the annotated document is serialised by
//! [`depeche::output::to_json_line`] / [`depeche::output::to_json_pretty`], as `depeche
//! extract` does. So the binding cannot drift from the CLI: same defaults, same warnings, same
//! error messages, byte-identical JSON. Parsing that string with `json.loads` costs little next
//! to annotation.
//!
//! Annotation runs without the GIL: `extract` releases it for the one document, `pipe` hands
//! documents to a pool of native threads and releases it while waiting for the next result,
//! so Python threads (and the caller's own work) go on meanwhile.

mod records;

use depeche::output::{self, OutputOptions};
use depeche::read::{self, ReadOptions};
use depeche::{Document, Pipeline};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

pyo3::create_exception!(
    _depeche,
    DepecheError,
    PyValueError,
    "A document could not be read or annotated. The message is the one `depeche extract` \
     prints for it: its origin, then the problem."
);

/// What every thread of a pipeline shares.
struct Shared {
    pipeline: Pipeline,
    read: ReadOptions,
}

/// How an annotated document is handed back.
#[derive(Clone, Copy)]
enum Render {
    /// The CLI's JSON: `--format jsonl` (one line) or `--format json` (indented).
    Json { pretty: bool },
    /// The rows of the events, mentions and entities tables, as one JSON object
    /// ([`records::doc_rows`]).
    Rows,
}

/// A document as a worker gets it.
enum Input {
    /// A JSON Lines line, with the default id and origin it takes.
    Line {
        line: String,
        default_id: String,
        origin: String,
    },
    /// A document read from a file by the CLI's reader.
    Doc(Box<Document>),
}

/// Reads, annotates and renders one document. Errors are the CLI's messages. A panic in a
/// stage is this document's error, as in `depeche extract`.
fn process(shared: &Shared, input: Input, render: Render) -> Result<String, String> {
    let mut doc: Document = match input {
        Input::Line {
            line,
            default_id,
            origin,
        } => read::document_from_json(&line, default_id, origin, &shared.read)
            .map_err(|err| err.to_string())?,
        Input::Doc(doc) => *doc,
    };
    let origin = doc.meta.origin.clone();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        shared.pipeline.annotate(&mut doc);
        match render {
            Render::Json { pretty: true } => output::to_json_pretty(&doc, OutputOptions::default()),
            Render::Json { pretty: false } => output::to_json_line(&doc, OutputOptions::default()),
            Render::Rows => records::doc_rows(&mut doc, shared.pipeline.kb()).to_string(),
        }
    }));
    run.map_err(|_| {
        format!("{origin}: internal error while annotating (a bug: please report it with this document)")
    })
}

/// A Python value as JSON: what a `.jsonl` line would hold for it. Dates and times (anything
/// with `isoformat()`) become their ISO 8601 text, so `published=datetime.date(2015, 12, 21)`
/// works; other objects are refused with a `TypeError` naming the field.
fn to_json(value: &Bound<'_, PyAny>, field: &str) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = value.downcast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::from(n));
        }
        // Too large for JSON numbers as serde_json holds them: its decimal text.
        return Ok(Value::String(value.str()?.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyFloat>() {
        let f: f64 = value.extract()?;
        return serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| {
                PyValueError::new_err(format!("field \"{field}\": {f} is not a JSON number"))
            });
    }
    if let Ok(d) = value.downcast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!("field \"{field}\": keys must be strings"))
            })?;
            let inner = to_json(&v, &key)?;
            map.insert(key, inner);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items: PyResult<Vec<Value>> = value.try_iter()?.map(|v| to_json(&v?, field)).collect();
        return Ok(Value::Array(items?));
    }
    if value.hasattr("isoformat")? {
        let text = value.call_method0("isoformat")?;
        return Ok(Value::String(text.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "field \"{field}\": cannot be read from a {} (give a string, number, None, date, list or dict)",
        value.get_type().name()?
    )))
}

/// One input of `pipe`: a dict (or any mapping) of JSON Lines fields, or a JSON Lines line.
fn item_line(item: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = item.downcast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let dict = match item.downcast::<PyDict>() {
        Ok(d) => d.clone(),
        Err(_) => {
            let mapping = item.call_method0("items").map_err(|_| {
                PyTypeError::new_err(format!(
                    "expected a dict of document fields or a JSON Lines string, found a {}",
                    item.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })?;
            let d = PyDict::new(item.py());
            for pair in mapping.try_iter()? {
                let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair?.extract()?;
                d.set_item(k, v)?;
            }
            d
        }
    };
    Ok(to_json(dict.as_any(), "document")?.to_string())
}

/// `depeche.Pipeline`: the engine, loaded once, safe to share between threads.
#[pyclass(frozen, module = "depeche._depeche", name = "Pipeline")]
struct PyPipeline {
    shared: Arc<Shared>,
    lang: String,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (lang = "fr"))]
    fn new(py: Python<'_>, lang: &str) -> PyResult<PyPipeline> {
        let pipeline = py
            .allow_threads(|| Pipeline::new(lang))
            .map_err(|err| DepecheError::new_err(format!("loading the pipeline: {err}")))?;
        let read = ReadOptions {
            lang: lang.to_string(),
            ..ReadOptions::default()
        };
        Ok(PyPipeline {
            shared: Arc::new(Shared { pipeline, read }),
            lang: lang.to_string(),
        })
    }

    #[getter]
    fn lang(&self) -> &str {
        &self.lang
    }

    /// One document, given as a JSON Lines line, as the CLI's JSON (`pretty`: `--format
    /// json`, else `--format jsonl`), without its final line feed.
    #[pyo3(signature = (line, *, default_id = "python".to_string(), origin = "<python>".to_string(), pretty = false))]
    fn extract_json(
        &self,
        py: Python<'_>,
        line: &str,
        default_id: String,
        origin: String,
        pretty: bool,
    ) -> PyResult<String> {
        let shared = Arc::clone(&self.shared);
        let input = Input::Line {
            line: line.to_string(),
            default_id,
            origin,
        };
        py.allow_threads(move || process(&shared, input, Render::Json { pretty }))
            .map_err(DepecheError::new_err)
    }

    /// A document (a dict of JSON Lines fields) as a JSON Lines line, as `pipe` reads it.
    #[staticmethod]
    fn to_line(item: &Bound<'_, PyAny>) -> PyResult<String> {
        item_line(item)
    }

    /// Annotates `docs` (dicts or JSON Lines strings) on `threads` native threads; yields, in
    /// input order, each document's CLI JSON line (`rows` false) or its table rows as JSON
    /// (`rows` true). At most `window` documents are read ahead of the one yielded next.
    #[pyo3(signature = (docs, *, threads = 1, rows = false, window = None))]
    fn pipe_json(
        &self,
        docs: &Bound<'_, PyAny>,
        threads: usize,
        rows: bool,
        window: Option<usize>,
    ) -> PyResult<PipeIter> {
        let source = docs.try_iter()?.unbind().into_any();
        self.start(Source::Python(source), threads, rows, window)
    }

    /// Annotates the documents of files and directories (read recursively), read as `depeche
    /// extract` reads them (text, JSON Lines, HTML, feeds, WARC, by file name); `published` is
    /// `--published`. Yields as `pipe_json` does.
    #[pyo3(signature = (paths, *, threads = 1, rows = false, published = None, window = None))]
    fn pipe_files(
        &self,
        paths: Vec<std::path::PathBuf>,
        threads: usize,
        rows: bool,
        published: Option<&str>,
        window: Option<usize>,
    ) -> PyResult<PipeIter> {
        let published = published
            .map(read::published::parse_published)
            .transpose()
            .map_err(|why| DepecheError::new_err(format!("--published: {why}")))?;
        let opts = ReadOptions {
            published,
            ..self.shared.read.clone()
        };
        self.start(Source::Files { paths, opts }, threads, rows, window)
    }
}

/// Where a stream's documents come from.
enum Source {
    /// A Python iterable of dicts or JSON Lines strings, read in `__next__`.
    Python(Py<PyAny>),
    /// Files, read on a thread of their own.
    Files {
        paths: Vec<std::path::PathBuf>,
        opts: ReadOptions,
    },
}

impl PyPipeline {
    fn start(
        &self,
        source: Source,
        threads: usize,
        rows: bool,
        window: Option<usize>,
    ) -> PyResult<PipeIter> {
        if threads == 0 {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let render = if rows {
            Render::Rows
        } else {
            Render::Json { pretty: false }
        };
        let window = window.unwrap_or(threads * 8).max(threads).max(1);
        let (jobs_tx, jobs_rx) = mpsc::sync_channel::<Job>(window);
        // Both channels hold at most a window: a slow reader of the stream holds back the
        // workers and the file reader, so memory stays bounded however long the input.
        let (results_tx, results_rx) = mpsc::sync_channel::<Msg>(window);
        let jobs_rx = Arc::new(Mutex::new(jobs_rx));
        let spawn_failed =
            |err: std::io::Error| PyRuntimeError::new_err(format!("starting a thread: {err}"));
        for _ in 0..threads {
            let (shared, jobs, results) = (
                Arc::clone(&self.shared),
                Arc::clone(&jobs_rx),
                results_tx.clone(),
            );
            thread::Builder::new()
                .name("depeche-py-worker".into())
                .spawn(move || worker(&shared, &jobs, &results, render))
                .map_err(spawn_failed)?;
        }
        let from_python = matches!(source, Source::Python(_));
        let (source, jobs) = match source {
            Source::Python(source) => (Some(source), Some(jobs_tx)),
            Source::Files { paths, opts } => {
                thread::Builder::new()
                    .name("depeche-py-reader".into())
                    .spawn(move || read_files(paths, opts, &jobs_tx, &results_tx))
                    .map_err(spawn_failed)?;
                (None, None)
            }
        };
        Ok(PipeIter {
            state: Mutex::new(PipeState {
                from_python,
                source,
                jobs,
                results: Some(results_rx),
                pending: BTreeMap::new(),
                read: 0,
                end: None,
                given: 0,
                window,
            }),
        })
    }
}

/// Reads files as `depeche extract` does and hands the documents to the workers; a document
/// that cannot be read goes straight to the results as its error.
fn read_files(
    paths: Vec<std::path::PathBuf>,
    opts: ReadOptions,
    jobs: &mpsc::SyncSender<Job>,
    results: &mpsc::SyncSender<Msg>,
) {
    let expanded = read::expand_inputs(&paths, read::WalkOptions::default());
    let mut count = 0;
    for item in read::DocumentStream::new(expanded.inputs, opts) {
        let index = count;
        count += 1;
        let sent = match item {
            Ok(doc) => jobs
                .send(Job {
                    index,
                    input: Input::Doc(Box::new(doc)),
                })
                .is_ok(),
            Err(err) => results.send(Msg::Done(index, Err(err.to_string()))).is_ok(),
        };
        if !sent {
            return;
        }
    }
    let _ = results.send(Msg::End(count));
}

/// A document on its way to a worker, with its index in the input.
struct Job {
    index: usize,
    input: Input,
}

/// What the workers and the file reader tell the stream.
enum Msg {
    Done(usize, Result<String, String>),
    /// The file reader is done: this many documents in all.
    End(usize),
}

fn worker(
    shared: &Shared,
    jobs: &Mutex<Receiver<Job>>,
    results: &mpsc::SyncSender<Msg>,
    render: Render,
) {
    loop {
        // The lock is released at the end of this statement, before the work.
        let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(Job { index, input }) = job else {
            return;
        };
        let outcome = process(shared, input, render);
        if results.send(Msg::Done(index, outcome)).is_err() {
            return;
        }
    }
}

struct PipeState {
    /// Whether the documents come from a Python iterable (else from the file reader).
    from_python: bool,
    /// The caller's iterator; `None` once it is exhausted or raised.
    source: Option<Py<PyAny>>,
    /// Dropped when the source is exhausted, so that the workers end.
    jobs: Option<mpsc::SyncSender<Job>>,
    /// Taken out while waiting on it without the GIL (a receiver cannot be shared).
    results: Option<Receiver<Msg>>,
    /// Results not yet given out, by index: a document done before an earlier one, a document
    /// that could not be converted, or the error the source raised.
    pending: BTreeMap<usize, PyResult<String>>,
    /// Documents taken from the Python source; documents given back.
    read: usize,
    /// How many documents the file reader found, once it is done.
    end: Option<usize>,
    given: usize,
    window: usize,
}

/// The stream of results of `Pipeline.pipe_json`, in input order. An error (a document that
/// cannot be read or annotated) is raised at its place; iteration may go on after it.
#[pyclass(module = "depeche._depeche")]
struct PipeIter {
    state: Mutex<PipeState>,
}

#[pymethods]
impl PipeIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<String>> {
        // Two threads reading one stream at once would deadlock (one waits for the other
        // without the GIL, the other for the lock with it): refused instead.
        let mut state = match self.state.try_lock() {
            Ok(state) => state,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                return Err(PyRuntimeError::new_err(
                    "this pipe is being read by another thread: read a pipe from one thread",
                ))
            }
        };
        let st = &mut *state;
        loop {
            // Read ahead, up to the window, while the workers annotate.
            while st.read - st.given < st.window {
                let Some(source) = st.source.as_ref() else {
                    break;
                };
                let index = st.read;
                let next = source.bind(py).call_method0("__next__");
                match next {
                    Ok(item) => {
                        st.read += 1;
                        match (item_line(&item), st.jobs.as_ref()) {
                            (Ok(line), Some(jobs)) => {
                                let n = index + 1;
                                let input = Input::Line {
                                    line,
                                    default_id: format!("python-{n}"),
                                    origin: format!("<python>:{n}"),
                                };
                                // Never blocks: the window is the channel's capacity.
                                if jobs.send(Job { index, input }).is_err() {
                                    return Err(PyRuntimeError::new_err(
                                        "the worker threads stopped",
                                    ));
                                }
                            }
                            (Ok(_), None) => {
                                return Err(PyRuntimeError::new_err("the pipe was closed"))
                            }
                            (Err(err), _) => {
                                st.pending.insert(index, Err(err));
                            }
                        }
                    }
                    Err(err) => {
                        st.source = None;
                        st.jobs = None;
                        if !err.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) {
                            st.read += 1;
                            st.pending.insert(index, Err(err));
                        }
                    }
                }
            }
            if let Some(result) = st.pending.remove(&st.given) {
                st.given += 1;
                return result.map(Some);
            }
            let done = if st.from_python {
                st.source.is_none() && st.given >= st.read
            } else {
                st.end.is_some_and(|count| st.given >= count)
            };
            if done {
                return Ok(None);
            }
            let Some(results) = st.results.take() else {
                return Err(PyRuntimeError::new_err("the worker threads stopped"));
            };
            let (results, got) = py.allow_threads(move || {
                let got = results.recv();
                (results, got)
            });
            st.results = Some(results);
            match got {
                Ok(Msg::Done(index, outcome)) => {
                    st.pending
                        .insert(index, outcome.map_err(DepecheError::new_err));
                }
                Ok(Msg::End(count)) => st.end = Some(count),
                Err(_) => return Err(PyRuntimeError::new_err("the worker threads stopped")),
            }
        }
    }
}

#[pymodule]
fn _depeche(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", output::ENGINE_VERSION)?;
    m.add("SCHEMA_VERSION", output::SCHEMA_VERSION)?;
    m.add("DepecheError", m.py().get_type::<DepecheError>())?;
    m.add_class::<PyPipeline>()?;
    m.add_class::<PipeIter>()?;
    Ok(())
}
