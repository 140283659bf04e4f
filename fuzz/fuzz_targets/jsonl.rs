//! The JSON Lines reader on any bytes: every line gives a document or a named problem, never
//! a panic, and the documents it gives annotate.
#![no_main]
use depeche::read::{expand_inputs, DocumentStream, InputFormat, ReadOptions, WalkOptions};
use depeche::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(mut file) = tempfile_in_tmp() else {
        return;
    };
    if file.1.write_all(data).is_err() {
        return;
    }
    let opts = ReadOptions {
        format: Some(InputFormat::Jsonl),
        ..ReadOptions::default()
    };
    let pipeline = PIPELINE.get_or_init(|| Pipeline::new("fr").expect("French pipeline"));
    let inputs = expand_inputs(std::slice::from_ref(&file.0), WalkOptions::default()).inputs;
    for item in DocumentStream::new(inputs, opts) {
        if let Ok(mut doc) = item {
            pipeline.annotate(&mut doc);
        }
    }
    let _ = std::fs::remove_file(&file.0);
    file.0.clear();
});

/// A file of this process's own in the temporary directory (one at a time per process).
fn tempfile_in_tmp() -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let path = std::env::temp_dir().join(format!("depeche-fuzz-{}.jsonl", std::process::id()));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}
