//! `depeche eval time`: time expressions against TimeML files with a `<DCT>` (French TimeBank).
//!
//! Each file's `<TEXT>` is stripped of its tags (entities decoded) and run through the whole
//! pipeline with the DCT as publication date. Gold `<TIMEX3>` spans are compared with the
//! `times` layer:
//! - strict span P/R/F1: exact same extent;
//! - relaxed span P/R/F1: overlapping extents, matched one to one in text order;
//! - type accuracy over relaxed matches;
//! - value accuracy over **all** gold expressions (a gold expression without a match counts as
//!   wrong), and over relaxed matches.

use super::tokens::Prf;
use crate::document::{Document, Metadata, Published};
use crate::pipeline::Pipeline;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    /// Byte offsets into the stripped text.
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct TimemlDoc {
    pub name: String,
    pub dct: String,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

#[derive(Debug, thiserror::Error)]
pub enum TimemlError {
    #[error("{0}: no <DCT> with a TIMEX3 value")]
    NoDct(String),
    #[error("{0}: no <TEXT> element")]
    NoText(String),
    #[error("{0}: unclosed tag")]
    Unclosed(String),
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

/// Reads one TimeML document: DCT, text without tags, gold TIMEX3 spans into that text.
pub fn parse_timeml(name: &str, xml: &str) -> Result<TimemlDoc, TimemlError> {
    let dct_at = xml
        .find("<DCT>")
        .ok_or_else(|| TimemlError::NoDct(name.into()))?;
    let dct_tag_end = xml[dct_at..]
        .find("</DCT>")
        .ok_or_else(|| TimemlError::NoDct(name.into()))?
        + dct_at;
    let dct =
        attr(&xml[dct_at..dct_tag_end], "value").ok_or_else(|| TimemlError::NoDct(name.into()))?;
    let start = xml
        .find("<TEXT>")
        .ok_or_else(|| TimemlError::NoText(name.into()))?
        + "<TEXT>".len();
    let end = xml
        .find("</TEXT>")
        .ok_or_else(|| TimemlError::NoText(name.into()))?;
    let body = &xml[start..end.max(start)];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(tag_rest) = rest.strip_prefix('<') {
            let close = tag_rest
                .find('>')
                .ok_or_else(|| TimemlError::Unclosed(name.into()))?;
            let tag = &tag_rest[..close];
            if tag.starts_with("TIMEX3") {
                let kind = attr(tag, "type").unwrap_or_default();
                let value = attr(tag, "value").unwrap_or_default();
                if tag.ends_with('/') {
                    // An empty TIMEX3 (no extent): nothing to find in the text.
                } else {
                    open = Some((text.len(), kind, value));
                }
            } else if tag == "/TIMEX3" {
                if let Some((s, kind, value)) = open.take() {
                    timexes.push(GoldTimex {
                        start: s,
                        end: text.len(),
                        kind,
                        value,
                    });
                }
            }
            rest = &tag_rest[close + 1..];
        } else if let Some(entity_rest) = rest.strip_prefix('&') {
            let semi = entity_rest.find(';').filter(|&n| n <= 6);
            let decoded = semi.and_then(|n| match &entity_rest[..n] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => None,
            });
            match (decoded, semi) {
                (Some(c), Some(n)) => {
                    text.push(c);
                    rest = &entity_rest[n + 1..];
                }
                _ => {
                    text.push('&');
                    rest = entity_rest;
                }
            }
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    Ok(TimemlDoc {
        name: name.to_string(),
        dct,
        text,
        timexes,
    })
}

/// One disagreement, for `--show-errors`.
#[derive(Debug, Clone)]
pub struct TimeError {
    pub doc: String,
    pub gold: Option<(String, String, String)>,
    pub predicted: Option<(String, String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct TimeReport {
    pub documents: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub type_correct: usize,
    pub value_correct: usize,
    pub errors: Vec<TimeError>,
}

impl TimeReport {
    pub fn type_accuracy(&self) -> f64 {
        self.type_correct as f64 / self.relaxed.true_pos.max(1) as f64
    }
    pub fn value_accuracy(&self) -> f64 {
        self.value_correct as f64 / self.relaxed.gold.max(1) as f64
    }
    pub fn value_accuracy_matched(&self) -> f64 {
        self.value_correct as f64 / self.relaxed.true_pos.max(1) as f64
    }
}

/// Annotates a TimeML document's text with the pipeline, its DCT as publication date.
pub fn annotate(pipeline: &Pipeline, gold: &TimemlDoc) -> Document {
    let published = crate::read::published::parse_published(&gold.dct)
        .ok()
        .map(|p| Published {
            time: None,
            offset_seconds: None,
            ..p
        });
    let meta = Metadata {
        id: gold.name.clone(),
        published,
        lang: "fr".into(),
        origin: gold.name.clone(),
        title_from_first_line: false,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, gold.text.clone());
    pipeline.annotate(&mut doc);
    doc
}

/// Scores the pipeline's `times` against the gold of each document.
pub fn evaluate(pipeline: &Pipeline, golds: &[TimemlDoc], keep_errors: usize) -> TimeReport {
    let mut report = TimeReport::default();
    for gold in golds {
        report.documents += 1;
        let doc = annotate(pipeline, gold);
        let predicted: Vec<(usize, usize, &str, &str)> = doc
            .times
            .iter()
            .map(|t| (t.span.start, t.span.end, t.kind.as_str(), t.value.as_str()))
            .collect();
        report.strict.gold += gold.timexes.len();
        report.relaxed.gold += gold.timexes.len();
        report.strict.predicted += predicted.len();
        report.relaxed.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        let show = |s: usize, e: usize, k: &str, v: &str| {
            (gold.text[s..e].to_string(), k.to_string(), v.to_string())
        };
        for g in &gold.timexes {
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(k, p)| !used[*k] && p.0 < g.end && g.start < p.1);
            match hit {
                Some((k, p)) => {
                    used[k] = true;
                    report.relaxed.true_pos += 1;
                    if (p.0, p.1) == (g.start, g.end) {
                        report.strict.true_pos += 1;
                    }
                    if p.2 == g.kind {
                        report.type_correct += 1;
                    }
                    if p.3 == g.value {
                        report.value_correct += 1;
                    } else if report.errors.len() < keep_errors {
                        report.errors.push(TimeError {
                            doc: format!("{} (DCT {})", gold.name, gold.dct),
                            gold: Some(show(g.start, g.end, &g.kind, &g.value)),
                            predicted: Some(show(p.0, p.1, p.2, p.3)),
                        });
                    }
                }
                None if report.errors.len() < keep_errors => report.errors.push(TimeError {
                    doc: format!("{} (DCT {})", gold.name, gold.dct),
                    gold: Some(show(g.start, g.end, &g.kind, &g.value)),
                    predicted: None,
                }),
                None => {}
            }
        }
        for (k, p) in predicted.iter().enumerate() {
            if !used[k] && report.errors.len() < keep_errors {
                report.errors.push(TimeError {
                    doc: format!("{} (DCT {})", gold.name, gold.dct),
                    gold: None,
                    predicted: Some(show(p.0, p.1, p.2, p.3)),
                });
            }
        }
    }
    report
}

/// The `.tml` files of a directory (recursively), in name order.
pub fn timeml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(timeml_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

impl fmt::Display for TimeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents: {}, gold expressions: {}",
            self.documents, self.relaxed.gold
        )?;
        writeln!(f, "strict span:  {}", self.strict)?;
        writeln!(f, "relaxed span: {}", self.relaxed)?;
        writeln!(
            f,
            "type accuracy (relaxed matches): {:.4}\nvalue accuracy: {:.4} over all gold expressions, {:.4} over relaxed matches",
            self.type_accuracy(),
            self.value_accuracy(),
            self.value_accuracy_matched()
        )?;
        for e in &self.errors {
            let show = |x: &Option<(String, String, String)>| match x {
                Some((t, k, v)) => format!("{t:?} {k} {v}"),
                None => "-".to_string(),
            };
            writeln!(
                f,
                "{}: gold {} | predicted {}",
                e.doc,
                show(&e.gold),
                show(&e.predicted)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1999-05-20" /></DCT><TEXT>
Il est arrivé <TIMEX3 tid="t1" type="DATE" value="1999-05-19">hier</TIMEX3> à <TIMEX3 tid="t2" type="TIME" value="1999-05-19T21:45">21 h 45</TIMEX3> &amp; reste <TIMEX3 tid="t3" type="DURATION" value="P3Y">trois ans</TIMEX3>.
</TEXT></TimeML>"#;

    #[test]
    fn timeml_is_stripped_with_gold_offsets() {
        let doc = parse_timeml("x", SAMPLE).unwrap();
        assert_eq!(doc.dct, "1999-05-20");
        assert!(doc.text.contains("21 h 45 & reste"));
        let slices: Vec<&str> = doc
            .timexes
            .iter()
            .map(|t| &doc.text[t.start..t.end])
            .collect();
        assert_eq!(slices, ["hier", "21 h 45", "trois ans"]);
    }

    #[test]
    fn the_pipeline_scores_perfectly_on_easy_gold() {
        let gold = parse_timeml("x", SAMPLE).unwrap();
        let report = evaluate(&Pipeline::new("fr").unwrap(), &[gold], 10);
        assert_eq!(report.strict.f1(), 1.0, "{report}");
        assert_eq!(report.value_accuracy(), 1.0, "{report}");
    }
}
