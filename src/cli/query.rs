//! `depeche query` and `depeche export`: read event records from the database. The filters
//! and formats are in [`depeche::store::query`] and [`depeche::store::export`].

use super::ingest::store_error;
use super::{stdout_error, OutputError};
use anyhow::bail;
use clap::{Args, ValueEnum};
use depeche::store::export::{self, event_json, gdelt_event_fields};
use depeche::store::sqlite::SqliteStore;
use depeche::store::{Backend, Filter, Near, StoreError};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum QueryFormat {
    /// One JSON object per event record, its mentions nested (the default when piped).
    Jsonl,
    /// An aligned table (the default on a terminal).
    Table,
    /// GDELT 2.0 event rows, 61 tab-separated columns.
    GdeltEvents,
}

/// Find event records: filters combine (all must hold).
#[derive(Args, Debug)]
#[command(
    after_help = "Records come in order of first day. --text is an FTS5 query over \
titles and sentences (plain words are matched as words, accents ignored; OR, NOT and \
\"phrases\" work as in FTS5).\n\n\
Examples:\n  depeche query --db news.db --actor FRAGOV --code 04\n  \
depeche query --db news.db --actor per:jean_yves_le_drian --from 2015-12-01 --to 2015-12-31\n  \
depeche query --db news.db --country SYR --quad 4 --format gdelt-events > syria.tsv\n  \
depeche query --db news.db --near 48.8566,2.3522,30 --text manifestation\n  \
depeche query --db news.db --source orange.fr --limit 20 | jq .num_articles"
)]
pub struct QueryArgs {
    /// The database file.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// A CAMEO actor code prefix (FRA, RUSMIL) or an entity id (per:jean_yves_le_drian).
    #[arg(long, value_name = "CODE|ID")]
    actor: Option<String>,
    /// The action's country or an actor's: ISO alpha-3 (FRA), or FIPS (FR) for the action only.
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// A CAMEO event code prefix (04, 0212).
    #[arg(long, value_name = "PREFIX")]
    code: Option<String>,
    /// GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// Records whose days reach this date or later (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<jiff::civil::Date>,
    /// Records whose days start on this date or earlier (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<jiff::civil::Date>,
    /// Records whose place lies within KM kilometres of LAT,LON.
    #[arg(long, value_name = "LAT,LON,KM")]
    near: Option<Near>,
    /// Full-text query over the titles and sentences of the records' mentions.
    #[arg(long, value_name = "QUERY")]
    text: Option<String>,
    /// A source name (any case) or URL host the record was reported by.
    #[arg(long, value_name = "NAME|HOST")]
    source: Option<String>,
    /// At most this many records.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format (default: a table on a terminal, JSON Lines otherwise).
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
}

fn open(db: &Path) -> anyhow::Result<SqliteStore> {
    if !db.exists() {
        bail!(
            "database {}: no such file (create it with 'depeche ingest … --db {}')",
            db.display(),
            db.display()
        );
    }
    SqliteStore::open_read_only(db).map_err(|e| store_error(e, db))
}

/// Cuts a text to `n` characters, on one line.
fn cut(text: &str, n: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

pub fn run(args: QueryArgs) -> anyhow::Result<u8> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            bail!("--from {from} is after --to {to}");
        }
    }
    let store = open(&args.db)?;
    let filter = Filter {
        actor: args.actor,
        country: args.country,
        code: args.code,
        quad: args.quad,
        from: args.from,
        to: args.to,
        near: args.near,
        text: args.text,
        source: args.source,
        limit: args.limit,
        after: None,
    };
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        QueryFormat::Table
    } else {
        QueryFormat::Jsonl
    });
    let mut out = io::BufWriter::new(io::stdout().lock());
    if format == QueryFormat::Table {
        writeln!(
            out,
            "{:<16} {:<10} {:<4} {:<12} {:<12} {:<3} {:>3} {:>3} {:>3} {:>5}  EVIDENCE",
            "ID", "DAY", "CODE", "ACTOR1", "ACTOR2", "GEO", "ART", "SRC", "MEN", "GOLD"
        )
        .map_err(stdout_error)?;
    }
    // A failed write to stdout ends the visit with this error, kept aside from store errors.
    let mut write_error: Option<io::Error> = None;
    let result = store.for_each_event(&filter, &mut |e| {
        let line = match format {
            QueryFormat::Jsonl => event_json(e, &store.mentions_of(e.event)?).to_string(),
            QueryFormat::GdeltEvents => gdelt_event_fields(e).join("\t"),
            QueryFormat::Table => {
                let evidence = store
                    .mentions_of(e.event)?
                    .first()
                    .map(|m| cut(&m.text, 70))
                    .unwrap_or_default();
                format!(
                    "{:<16} {:<10} {:<4} {:<12} {:<12} {:<3} {:>3} {:>3} {:>3} {:>5}  {evidence}",
                    e.event,
                    e.day.as_deref().unwrap_or("-"),
                    e.code,
                    e.actor1_code,
                    e.actor2_code.as_deref().unwrap_or("-"),
                    e.country.as_deref().unwrap_or("-"),
                    e.num_articles,
                    e.num_sources,
                    e.num_mentions,
                    e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
                )
            }
        };
        if let Err(err) = writeln!(out, "{line}") {
            write_error = Some(err);
            return Err(StoreError::Query("stdout".into()));
        }
        Ok(())
    });
    if let Some(err) = write_error {
        return Err(stdout_error(err));
    }
    result.map_err(|e| store_error(e, &args.db))?;
    out.flush().map_err(stdout_error)?;
    Ok(0)
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, one row per event record.
    GdeltEvents,
    /// GDELT 2.0 mentions table: 16 tab-separated columns, one row per mention.
    GdeltMentions,
    /// Parquet: typed columns, mentions nested.
    Parquet,
    /// One JSON object per event record, its mentions nested.
    Jsonl,
}

/// Write the whole database as GDELT tables, Parquet or JSON Lines.
#[derive(Args, Debug)]
#[command(
    after_help = "Exports stream: memory does not grow with the database. The file is \
written beside FILE and renamed when complete, so an interrupted export leaves no partial \
FILE. '--out -' writes the text formats to standard output.\n\n\
Examples:\n  depeche export --db news.db --format gdelt-events --out events.tsv\n  \
depeche export --db news.db --format gdelt-mentions --out mentions.tsv\n  \
depeche export --db news.db --format parquet --out events.parquet\n  \
depeche export --db news.db --format jsonl --out - | jq .num_sources"
)]
pub struct ExportArgs {
    /// The database file.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The file to write ('-': standard output, text formats only).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

pub fn run_export(args: ExportArgs) -> anyhow::Result<u8> {
    let store = open(&args.db)?;
    let to_stdout = args.out.as_os_str() == "-";
    let format = match args.format {
        ExportFormat::GdeltEvents => export::Format::GdeltEvents,
        ExportFormat::GdeltMentions => export::Format::GdeltMentions,
        ExportFormat::Parquet => export::Format::Parquet,
        ExportFormat::Jsonl => export::Format::Jsonl,
    };
    if to_stdout && format == export::Format::Parquet {
        bail!("--format parquet needs a file: give --out FILE");
    }
    let bar = (!args.quiet && !to_stdout && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("rows written");
        bar
    });
    let mut progress = |n: u64| {
        if let Some(bar) = &bar {
            if n % 1024 == 0 {
                bar.set_position(n);
            }
        }
    };
    let out_error = |e: io::Error| OutputError {
        what: args.out.display().to_string(),
        source: e,
    };
    if to_stdout {
        let mut out = io::BufWriter::new(io::stdout().lock());
        return match export::write_text(&store, format, &mut out, &mut progress) {
            Ok(_) => Ok(0),
            Err(StoreError::Io(e)) => Err(stdout_error(e)),
            Err(e) => Err(store_error(e, &args.db)),
        };
    }
    let mut tmp = args.out.clone().into_os_string();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let file = std::fs::File::create(&tmp).map_err(out_error)?;
    let written = if format == export::Format::Parquet {
        write_parquet(&store, file, &mut progress)
    } else {
        let mut out = io::BufWriter::new(file);
        export::write_text(&store, format, &mut out, &mut progress)
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match written {
        Ok(_) => std::fs::rename(&tmp, &args.out).map_err(out_error)?,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(match e {
                StoreError::Io(e) => out_error(e).into(),
                e => store_error(e, &args.db),
            });
        }
    }
    Ok(0)
}

#[cfg(feature = "parquet")]
fn write_parquet(
    store: &SqliteStore,
    file: std::fs::File,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, StoreError> {
    depeche::store::parquet::write(store, file, progress)
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(
    _: &SqliteStore,
    _: std::fs::File,
    _: &mut dyn FnMut(u64),
) -> Result<u64, StoreError> {
    Err(StoreError::Parquet(
        "this depeche was built without the 'parquet' feature".into(),
    ))
}
