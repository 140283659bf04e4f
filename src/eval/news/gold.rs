//! The gold of `eval/news/`: a folder with `manifest.json` and `gold.jsonl`, offsets only, and
//! the articles read from the file the manifest names (the texts are not in the repository).
//!
//! Offsets in the gold are code-point indices (Python `str`), end exclusive, as the shared
//! annotation conventions write them; they are turned into byte spans of the document text here.

use crate::document::{Document, Metadata, Span};
use crate::read::published::parse_published;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// How the manifest's article file lays out a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleFormat {
    /// OrangeSum JSON Lines: the document text is the `title` line, then the `text` lines.
    Orangesum,
    /// depeche's own JSON Lines: the document text is `text`, the `title` apart.
    Jsonl,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub name: String,
    /// The articles, relative to the gold folder.
    pub articles: PathBuf,
    pub format: ArticleFormat,
    /// A sealed set prints aggregate figures only.
    #[serde(default)]
    pub sealed: bool,
}

pub type GoldSpan = [usize; 2];

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub cameo: Option<String>,
    #[serde(default)]
    pub geonames: Option<u64>,
    #[serde(default)]
    pub spans: Vec<GoldSpan>,
    #[serde(default)]
    pub nominal_spans: Vec<GoldSpan>,
    #[serde(default)]
    pub demonym_spans: Vec<GoldSpan>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldTime {
    pub span: GoldSpan,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldCount {
    pub span: GoldSpan,
    pub number: f64,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    pub span: GoldSpan,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_mention: Option<GoldSpan>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    #[serde(default)]
    pub entity: Option<String>,
    pub code: String,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub sentence: GoldSpan,
    pub code: String,
    #[serde(default)]
    pub acceptable_codes: Vec<String>,
    pub actor1: Option<GoldActor>,
    #[serde(default)]
    pub actor2: Option<GoldActor>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

/// Which layers a gold document annotates; a layer left out is not scored on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    Entities,
    Times,
    Counts,
    Quotes,
    Events,
}

pub const ALL_LAYERS: [Layer; 5] = [
    Layer::Entities,
    Layer::Times,
    Layer::Counts,
    Layer::Quotes,
    Layer::Events,
];

fn all_layers() -> Vec<Layer> {
    ALL_LAYERS.to_vec()
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub text_chars: Option<usize>,
    #[serde(default)]
    pub text_fnv1a64: Option<String>,
    #[serde(default = "all_layers")]
    pub layers: Vec<Layer>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub times: Vec<GoldTime>,
    #[serde(default)]
    pub counts: Vec<GoldCount>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

impl GoldDoc {
    pub fn has(&self, layer: Layer) -> bool {
        self.layers.contains(&layer)
    }
}

/// A gold folder read whole.
#[derive(Debug, Clone)]
pub struct GoldSet {
    pub dir: PathBuf,
    pub manifest: Manifest,
    pub docs: Vec<GoldDoc>,
}

pub fn read_gold_dir(dir: &Path) -> Result<GoldSet, String> {
    let manifest_path = dir.join("manifest.json");
    let manifest_text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let manifest: Manifest = serde_json::from_str(&manifest_text)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let gold_path = dir.join("gold.jsonl");
    let gold_text =
        std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", gold_path.display(), n + 1))?;
        docs.push(doc);
    }
    Ok(GoldSet {
        dir: dir.to_path_buf(),
        manifest,
        docs,
    })
}

/// FNV-1a, 64 bits, over the UTF-8 bytes: the check that the restored text is the annotated one
/// (the same function as `eval/news/gold.py`).
pub fn fnv1a64(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Deserialize)]
struct ArticleLine {
    id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

fn id_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The documents of the gold, read from `articles` (JSON Lines) in the gold's order, each
/// checked against the gold's length and hash. Articles the gold does not name are skipped.
pub fn read_articles(
    articles: &Path,
    format: ArticleFormat,
    gold: &[GoldDoc],
) -> Result<Vec<Document>, String> {
    let wanted: FxHashMap<&str, usize> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    let content = std::fs::read_to_string(articles)
        .map_err(|e| format!("{}: {e} (pass --articles PATH)", articles.display()))?;
    let mut found: Vec<Option<Document>> = vec![None; gold.len()];
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: ArticleLine = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", articles.display(), n + 1))?;
        let id = id_text(&a.id);
        let Some(&slot) = wanted.get(id.as_str()) else {
            continue;
        };
        let title = a.title.filter(|t| !t.trim().is_empty());
        let (text, title_from_first_line) = match (format, &title) {
            (ArticleFormat::Orangesum, Some(t)) => (format!("{}\n{}", t.trim(), a.text), true),
            (ArticleFormat::Orangesum, None) => (a.text, true),
            (ArticleFormat::Jsonl, _) => (a.text, title.is_none()),
        };
        let g = &gold[slot];
        if let Some(chars) = g.text_chars {
            if text.chars().count() != chars {
                return Err(format!(
                    "{id}: the text in {} is not the annotated one (length differs)",
                    articles.display()
                ));
            }
        }
        if let Some(hash) = &g.text_fnv1a64 {
            if &fnv1a64(&text) != hash {
                return Err(format!(
                    "{id}: the text in {} is not the annotated one (hash differs)",
                    articles.display()
                ));
            }
        }
        let meta = Metadata {
            id: id.clone(),
            title,
            source: a.source,
            url: a.url,
            published: a.published.as_deref().and_then(|p| parse_published(p).ok()),
            lang: "fr".into(),
            origin: format!("{}:{}", articles.display(), n + 1),
            title_from_first_line,
            ..Metadata::default()
        };
        found[slot] = Some(Document::new(meta, text));
    }
    let missing: Vec<&str> = gold
        .iter()
        .zip(&found)
        .filter(|(_, d)| d.is_none())
        .map(|(g, _)| g.id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} gold articles are not in {}: {}",
            missing.len(),
            articles.display(),
            missing.join(", ")
        ));
    }
    Ok(found.into_iter().flatten().collect())
}

/// Code-point offsets to byte offsets of one text.
pub struct Offsets {
    bytes: Vec<usize>,
}

impl Offsets {
    pub fn new(text: &str) -> Offsets {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Offsets { bytes }
    }

    /// The byte span of a code-point span, `None` when it runs past the text.
    pub fn span(&self, s: GoldSpan) -> Option<Span> {
        let (a, b) = (*self.bytes.get(s[0])?, *self.bytes.get(s[1])?);
        (a <= b).then(|| Span::new(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_to_bytes() {
        let o = Offsets::new("Égypte, Sénégal");
        assert_eq!(o.span([0, 6]), Some(Span::new(0, 7)));
        assert_eq!(o.span([8, 15]), Some(Span::new(9, 18)));
        assert_eq!(o.span([8, 16]), None);
    }

    #[test]
    fn fnv_matches_the_python_script() {
        // eval/news/gold.py: fnv1a64("") and fnv1a64("a") are the standard FNV-1a 64 values.
        assert_eq!(fnv1a64(""), "cbf29ce484222325");
        assert_eq!(fnv1a64("a"), "af63dc4c8601ec8c");
    }
}
