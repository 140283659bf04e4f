//! Main-text extraction against expected extractions: a folder of saved pages `ID.html`, each
//! with `ID.expected.json` = `{"title", "published", "url", "section", "credit",
//! "paragraphs": [...]}` (the layout of `../shared/data/news-fr/orangesum/pages`).
//!
//! Scores, per page then averaged over pages (macro) and summed over words (micro):
//! - **body word F1**: the multiset of words (runs of letters and digits, case kept) of the
//!   extracted body (paragraphs and subheadings, not captions or title) against the words of
//!   the expected paragraphs;
//! - **title exact**, **published right** (the same ISO 8601 text, offset included; the same
//!   day is reported beside it), and exact `url`, `section`, `credit` (a null expected value
//!   is right when nothing is extracted).
//!
//! The pages are read with the same code as `depeche extract page.html`; the time printed is
//! extraction alone (read, decode, parse, extract), one thread.

use crate::document::BlockKind;
use crate::ingest::html::{self, PageSource};
use crate::ingest::Page;
use crate::read::published::format_published;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One page's expected extraction.
#[derive(Debug, serde::Deserialize)]
pub struct Expected {
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub section: Option<String>,
    pub credit: Option<String>,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Default)]
pub struct HtmlReport {
    pub pages: usize,
    /// Pages with no extraction at all (an error such as "no main text").
    pub failed: usize,
    pub f1_sum: f64,
    pub precision_sum: f64,
    pub recall_sum: f64,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub title: usize,
    pub published: usize,
    pub published_day: usize,
    pub url: usize,
    pub section: usize,
    pub credit: usize,
    pub seconds: f64,
    pub bytes: u64,
    pub errors: Vec<String>,
}

/// Words of a text: maximal runs of alphanumeric characters.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// (true positives, false positives, false negatives) of two word multisets.
pub fn word_overlap(got: &str, expected: &str) -> (usize, usize, usize) {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    let mut n_expected = 0;
    for w in words(expected) {
        *counts.entry(w).or_default() += 1;
        n_expected += 1;
    }
    let (mut tp, mut fp) = (0, 0);
    for w in words(got) {
        match counts.get_mut(w) {
            Some(c) if *c > 0 => {
                *c -= 1;
                tp += 1;
            }
            _ => fp += 1,
        }
    }
    (tp, fp, n_expected - tp)
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = super::fraction(tp, tp + fp);
    let r = super::fraction(tp, tp + fn_);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The body text of a page as the scorer reads it: paragraphs and subheadings, one a line.
pub fn body_text(page: &Page) -> String {
    page.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Caption)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The pages of a folder that have an expected extraction beside them, in name order.
pub fn pages_with_expected(dir: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "html") {
            let expected = path.with_extension("expected.json");
            if expected.is_file() {
                out.push((path, expected));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Scores every page of `dir`; `show_errors` keeps up to that many disagreements.
pub fn evaluate(dir: &Path, show_errors: usize) -> Result<HtmlReport, String> {
    let pairs = pages_with_expected(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if pairs.is_empty() {
        return Err(format!(
            "{}: no ID.html with ID.expected.json beside it",
            dir.display()
        ));
    }
    let mut report = HtmlReport::default();
    let note = |report: &mut HtmlReport, msg: String| {
        if report.errors.len() < show_errors {
            report.errors.push(msg);
        }
    };
    for (page_path, expected_path) in pairs {
        let name = page_path.display().to_string();
        let expected: Expected = std::fs::read_to_string(&expected_path)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
            .map_err(|e| format!("{}: {e}", expected_path.display()))?;
        let bytes = std::fs::read(&page_path).map_err(|e| format!("{name}: {e}"))?;
        report.pages += 1;
        report.bytes += bytes.len() as u64;
        let start = Instant::now();
        let extracted = html::extract(&bytes, PageSource::default());
        report.seconds += start.elapsed().as_secs_f64();
        let expected_body = expected.paragraphs.join("\n");
        let page = match extracted {
            Ok(page) => page,
            Err(err) => {
                report.failed += 1;
                report.fn_ += words(&expected_body).count();
                note(&mut report, format!("{name}: {err}"));
                continue;
            }
        };
        let (tp, fp, fn_) = word_overlap(&body_text(&page), &expected_body);
        let (p, r, f) = prf(tp, fp, fn_);
        report.tp += tp;
        report.fp += fp;
        report.fn_ += fn_;
        report.precision_sum += p;
        report.recall_sum += r;
        report.f1_sum += f;
        if f < 0.98 {
            note(
                &mut report,
                format!("{name}: body F1 {f:.3} (P {p:.3}, R {r:.3})"),
            );
        }
        let published = page.meta.published.map(|p| format_published(&p));
        let checks = [
            ("title", page.title.as_deref(), expected.title.as_deref()),
            (
                "published",
                published.as_deref(),
                expected.published.as_deref(),
            ),
            ("url", page.meta.url.as_deref(), expected.url.as_deref()),
            (
                "section",
                page.meta.section.as_deref(),
                expected.section.as_deref(),
            ),
            (
                "credit",
                page.meta.credit.as_deref(),
                expected.credit.as_deref(),
            ),
        ];
        let mut right = [0usize; 5];
        for (i, (what, got, want)) in checks.into_iter().enumerate() {
            if got.map(str::trim) == want.map(str::trim) {
                right[i] = 1;
            } else {
                note(
                    &mut report,
                    format!("{name}: {what} {got:?}, expected {want:?}"),
                );
            }
        }
        report.title += right[0];
        report.published += right[1];
        report.url += right[2];
        report.section += right[3];
        report.credit += right[4];
        report.published_day += usize::from(
            published.as_deref().and_then(|p| p.get(..10))
                == expected.published.as_deref().and_then(|p| p.get(..10)),
        );
    }
    Ok(report)
}

impl fmt::Display for HtmlReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.pages.max(1) as f64;
        let share = |k: usize| k as f64 / n;
        let (mp, mr, mf) = prf(self.tp, self.fp, self.fn_);
        writeln!(
            f,
            "pages           {} ({} without extraction)",
            self.pages, self.failed
        )?;
        writeln!(
            f,
            "body word F1    {:.4} (mean over pages; P {:.4}, R {:.4})",
            self.f1_sum / n,
            self.precision_sum / n,
            self.recall_sum / n
        )?;
        writeln!(
            f,
            "body word F1    {mf:.4} (over all words; P {mp:.4}, R {mr:.4})"
        )?;
        writeln!(f, "title exact     {:.4}", share(self.title))?;
        writeln!(
            f,
            "published right {:.4} (same day {:.4})",
            share(self.published),
            share(self.published_day)
        )?;
        writeln!(f, "url exact       {:.4}", share(self.url))?;
        writeln!(f, "section exact   {:.4}", share(self.section))?;
        writeln!(f, "credit exact    {:.4}", share(self.credit))?;
        writeln!(
            f,
            "speed           {:.0} pages/s, {:.1} MB/s (extraction only, one thread, {:.3} s)",
            self.pages as f64 / self.seconds.max(1e-9),
            self.bytes as f64 / 1e6 / self.seconds.max(1e-9),
            self.seconds
        )?;
        for e in &self.errors {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_overlap_counts_repeats() {
        assert_eq!(word_overlap("a a b c", "a b b"), (2, 2, 1));
        assert_eq!(word_overlap("", "a"), (0, 0, 1));
        let words: Vec<&str> = words("L'État, 250.000 morts").collect();
        assert_eq!(words, ["L", "État", "250", "000", "morts"]);
    }

    #[test]
    fn a_folder_is_scored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let body =
            "<p>Une phrase de l'article, avec assez de mots pour compter comme un texte.</p>";
        let page = format!(
            r#"<html><head><meta property="article:published_time" content="2021-03-03T10:05:00+01:00">
            </head><body><article><h1>Titre</h1>{body}{body}{body}</article></body></html>"#
        );
        std::fs::write(dir.path().join("a.html"), page).expect("write");
        let para = "Une phrase de l'article, avec assez de mots pour compter comme un texte.";
        let expected = serde_json::json!({"title": "Titre", "published": "2021-03-03T10:05:00+01:00",
            "url": null, "section": null, "credit": null, "paragraphs": [para, para]});
        std::fs::write(dir.path().join("a.expected.json"), expected.to_string()).expect("write");
        let report = evaluate(dir.path(), 10).expect("report");
        assert_eq!((report.pages, report.title, report.published), (1, 1, 1));
        assert!(report.f1_sum > 0.7 && report.f1_sum < 0.9, "{report}");
    }
}
