//! Ingest: read, annotate on every core, write in batched transactions.
//!
//! Three kinds of thread, as in `depeche extract`: one reader (the same [`DocumentStream`]
//! that `extract` reads, so every input `extract` takes is ingested too), a pool of workers
//! that annotate a document each and turn it into a [`DocRecord`], and the calling thread,
//! which owns the [`Backend`]. The caller first asks the store whether each document read is
//! already there ([`Backend::known`]) and skips it before annotation, so that a run resumed
//! after a crash annotates only what is missing; then it writes results in input order, one
//! transaction per batch. A window bounds the documents read but not yet written, so memory
//! stays flat however large the input.
//!
//! A document that cannot be read, runs out of its time budget, or makes a stage panic is
//! written to the `failures` table with its error and the batch goes on. An error of the
//! store itself (disk full, read-only) stops the ingest: the batches committed before stay.

use super::record::{engine_version, DocRecord, Identity};
use super::{Backend, Item, Outcome, StoreError};
use crate::output::gdelt;
use crate::pipeline::Pipeline;
use crate::read::DocumentStream;
use crate::Document;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How to ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Annotating threads (at least 1).
    pub threads: usize,
    /// Documents per transaction.
    pub batch: usize,
    /// Re-annotate stored documents that another engine version annotated.
    pub reannotate: bool,
    /// Time budget per document, from the moment a worker takes it.
    pub doc_timeout: Option<Duration>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch: 512,
            reannotate: false,
            doc_timeout: Some(Duration::from_secs(60)),
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents read (including those that could not be).
    pub read: u64,
    pub added: u64,
    pub reannotated: u64,
    /// Already stored: skipped.
    pub known: u64,
    /// Recorded in `failures`, each with its message here too.
    pub failed: Vec<String>,
    /// Warnings of the documents written, prefixed with their origin.
    pub warnings: Vec<String>,
    /// Input bytes read so far (for progress).
    pub bytes_read: u64,
}

/// Documents read and not yet written, at most.
const WINDOW: usize = 2048;

/// Documents read and not yet written, and whether the writer stopped (then the reader
/// never waits again).
struct Window {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Window {
    fn acquire(&self, max: usize) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while s.0 >= max && !s.1 {
            s = self.freed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        s.0 += 1;
    }

    fn release(&self, count: usize) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.0 = s.0.saturating_sub(count);
        self.freed.notify_all();
    }

    fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.1 = true;
        self.freed.notify_all();
    }
}

enum Msg {
    /// A document read, or its origin and why it could not be.
    Read(usize, Result<Box<Document>, (String, String)>),
    Done(usize, Item),
    End,
}

/// What the caller does with one document, in input order.
enum Slot {
    Item(Item),
    Known,
}

/// Annotates one document and makes its record; a failure is an [`Item::Failed`].
fn annotate(pipeline: &Pipeline, mut doc: Document, budget: Option<Duration>) -> Item {
    let origin = doc.meta.origin.clone();
    let id = doc.meta.id.clone();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        match budget.and_then(|b| Instant::now().checked_add(b)) {
            Some(deadline) => pipeline.annotate_within(&mut doc, deadline)?,
            None => pipeline.annotate(&mut doc),
        }
        Ok::<_, crate::pipeline::Overtime>(DocRecord::new(&doc, &gdelt::Export::new(pipeline.kb())))
    }));
    let error = match run {
        Ok(Ok(record)) => return Item::Doc(Box::new(record)),
        Ok(Err(late)) => format!("dropped: not annotated within the time budget ({late})"),
        Err(_) => "internal error while annotating (a bug: please report it with this document)"
            .to_string(),
    };
    Item::Failed {
        origin,
        id: Some(id),
        error,
    }
}

/// Ingests everything the stream yields into the store. `progress` is called after each
/// batch with the report so far.
pub fn ingest<F>(
    pipeline: &Pipeline,
    make_stream: F,
    store: &mut dyn Backend,
    opts: &Options,
    progress: &mut dyn FnMut(&Report),
) -> Result<Report, StoreError>
where
    F: FnOnce() -> DocumentStream + Send,
{
    let batch_size = opts.batch.max(1);
    let window = Window {
        state: Mutex::new((0, false)),
        freed: Condvar::new(),
    };
    let max_in_flight = WINDOW.max(2 * batch_size + 4 * opts.threads);
    let bytes_read = AtomicU64::new(0);
    let (msg_tx, msgs) = mpsc::channel::<Msg>();
    let (job_tx, job_rx) = mpsc::channel::<(usize, Document)>();
    let job_rx = Mutex::new(job_rx);
    let current = engine_version();
    let mut report = Report::default();
    std::thread::scope(|scope| -> Result<(), StoreError> {
        let reader_tx = msg_tx.clone();
        let (window, bytes_read) = (&window, &bytes_read);
        scope.spawn(move || {
            // Built here: a stream over standard input holds its lock on this thread.
            let mut stream = make_stream();
            let mut index = 0;
            while let Some(item) = stream.next() {
                bytes_read.store(stream.bytes_read, Ordering::Relaxed);
                window.acquire(max_in_flight);
                let item = item
                    .map(Box::new)
                    .map_err(|e| (e.origin.clone(), e.to_string()));
                if reader_tx.send(Msg::Read(index, item)).is_err() {
                    return;
                }
                index += 1;
            }
            let _ = reader_tx.send(Msg::End);
        });
        for _ in 0..opts.threads.max(1) {
            let (jobs, results) = (&job_rx, msg_tx.clone());
            let budget = opts.doc_timeout;
            scope.spawn(move || loop {
                let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                let Ok((index, doc)) = job else { return };
                if results
                    .send(Msg::Done(index, annotate(pipeline, doc, budget)))
                    .is_err()
                {
                    return;
                }
            });
        }
        drop(msg_tx);
        let result = (|| {
            let mut slots: BTreeMap<usize, Slot> = BTreeMap::new();
            let (mut next, mut end) = (0usize, false);
            let mut batch: Vec<Item> = Vec::with_capacity(batch_size);
            let mut batch_docs = 0usize;
            loop {
                // Slots in input order go to the batch.
                while let Some(slot) = slots.remove(&next) {
                    next += 1;
                    match slot {
                        Slot::Known => {
                            report.known += 1;
                            window.release(1);
                        }
                        Slot::Item(item) => {
                            batch.push(item);
                            batch_docs += 1;
                        }
                    }
                }
                let finished = end && next as u64 == report.read;
                if batch_docs >= batch_size || (finished && !batch.is_empty()) {
                    flush(store, &mut batch, opts.reannotate, &mut report)?;
                    window.release(batch_docs);
                    batch_docs = 0;
                    report.bytes_read = bytes_read.load(Ordering::Relaxed);
                    progress(&report);
                }
                if finished {
                    return Ok(());
                }
                match msgs.recv() {
                    Ok(Msg::Read(index, Ok(doc))) => {
                        report.read += 1;
                        let known = store.known(&Identity::of(&doc))?;
                        match known {
                            Some(k) if !(opts.reannotate && k.engine != current) => {
                                slots.insert(index, Slot::Known);
                            }
                            _ => {
                                // The workers outlive this loop only on error, when no one
                                // waits for them.
                                let _ = job_tx.send((index, *doc));
                            }
                        }
                    }
                    Ok(Msg::Read(index, Err((origin, error)))) => {
                        report.read += 1;
                        let item = Item::Failed {
                            origin,
                            id: None,
                            error,
                        };
                        slots.insert(index, Slot::Item(item));
                    }
                    Ok(Msg::Done(index, item)) => {
                        slots.insert(index, Slot::Item(item));
                    }
                    Ok(Msg::End) => end = true,
                    Err(_) => end = true,
                }
            }
        })();
        // Ends the workers; on error also unblocks a reader waiting for room.
        drop(job_tx);
        window.close();
        drop(msgs);
        result
    })?;
    report.bytes_read = bytes_read.load(Ordering::Relaxed);
    store.finish()?;
    Ok(report)
}

/// Writes one batch and records what became of its documents.
fn flush(
    store: &mut dyn Backend,
    batch: &mut Vec<Item>,
    reannotate: bool,
    report: &mut Report,
) -> Result<(), StoreError> {
    let items = std::mem::take(batch);
    let mut warnings = Vec::new();
    for item in &items {
        match item {
            Item::Doc(rec) => {
                warnings.extend(rec.warnings.iter().map(|w| format!("{}: {w}", rec.origin)));
            }
            Item::Failed { origin, error, .. } => {
                let msg = if error.starts_with(origin.as_str()) {
                    error.clone()
                } else {
                    format!("{origin}: {error}")
                };
                report.failed.push(msg);
            }
        }
    }
    for outcome in store.write_batch(items, reannotate)? {
        match outcome {
            Outcome::Added => report.added += 1,
            Outcome::Reannotated => report.reannotated += 1,
            Outcome::Known => report.known += 1,
        }
    }
    report.warnings.extend(warnings);
    Ok(())
}
