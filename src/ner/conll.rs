//! CoNLL files for the tagger: one token per line (`token` or `token<TAB>tag`, extra columns
//! between them ignored), a blank line after each sentence, IOB2 tags over PER/LOC/ORG/MISC.
//!
//! [`harmonize`] brings historical newspaper sets to the modern convention the tagger learns
//! (CoNLL: the name without its title, elisions and hyphenated names as single tokens).

use crate::document::EntityType;
use std::fmt;

/// An IOB2 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityType),
    I(EntityType),
}

impl Tag {
    /// All tags in model order: O, then B and I of each type.
    pub fn all() -> Vec<Tag> {
        let mut v = vec![Tag::O];
        for t in EntityType::ALL {
            v.push(Tag::B(t));
            v.push(Tag::I(t));
        }
        v
    }

    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, kind) = s.split_once('-')?;
        let kind = EntityType::parse(kind)?;
        match prefix {
            "B" => Some(Tag::B(kind)),
            "I" => Some(Tag::I(kind)),
            _ => None,
        }
    }

    pub fn kind(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }
}

impl Tag {
    /// "O", "B-PER", "I-LOC"…
    pub fn as_str(self) -> &'static str {
        use EntityType::*;
        match self {
            Tag::O => "O",
            Tag::B(Per) => "B-PER",
            Tag::B(Loc) => "B-LOC",
            Tag::B(Org) => "B-ORG",
            Tag::B(Misc) => "B-MISC",
            Tag::I(Per) => "I-PER",
            Tag::I(Loc) => "I-LOC",
            Tag::I(Org) => "I-ORG",
            Tag::I(Misc) => "I-MISC",
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One sentence: tokens and, for gold data, their tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Option<Vec<Tag>>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConllError {
    #[error("{origin}:{line}: unknown tag '{tag}' (expected O or B-/I- with PER, LOC, ORG, MISC)")]
    UnknownTag {
        origin: String,
        line: usize,
        tag: String,
    },
    #[error("{origin}:{line}: a token line must read 'token' or 'token<TAB>tag'")]
    Malformed { origin: String, line: usize },
    #[error("{origin}:{line}: some token lines have a tag and others not")]
    MixedTags { origin: String, line: usize },
    #[error("{origin}: no sentences (empty file?)")]
    Empty { origin: String },
}

/// Reads CoNLL text. With `need_tags`, every token must carry a tag.
pub fn parse(origin: &str, text: &str, need_tags: bool) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let mut tags: Vec<Tag> = Vec::new();
    let mut tagged: Option<bool> = None;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut flush = |current: &mut Sentence, tags: &mut Vec<Tag>, tagged: Option<bool>| {
        if !current.tokens.is_empty() {
            let mut s = std::mem::take(current);
            if tagged == Some(true) {
                s.tags = Some(std::mem::take(tags));
            }
            out.push(s);
        }
        tags.clear();
    };
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut current, &mut tags, tagged);
            continue;
        }
        if line.starts_with("-DOCSTART-") || line.starts_with("# ") && !line.contains('\t') {
            continue;
        }
        // The first and the last column (a tab is one byte in UTF-8).
        let (token, last) = match line.bytes().position(|b| b == b'\t') {
            Some(i) => {
                let j = line.bytes().rposition(|b| b == b'\t').unwrap_or(i);
                (&line[..i], Some(&line[j + 1..]))
            }
            None => (line, None),
        };
        if token.is_empty() || token.contains(' ') && last.is_none() {
            return Err(ConllError::Malformed {
                origin: origin.into(),
                line: n + 1,
            });
        }
        let has_tag = last.is_some();
        match tagged {
            None => tagged = Some(has_tag),
            Some(t) if t != has_tag => {
                return Err(ConllError::MixedTags {
                    origin: origin.into(),
                    line: n + 1,
                })
            }
            _ => {}
        }
        if let Some(last) = last {
            let tag_text = last.trim();
            let tag = Tag::parse(tag_text).ok_or_else(|| ConllError::UnknownTag {
                origin: origin.into(),
                line: n + 1,
                tag: tag_text.into(),
            })?;
            tags.push(tag);
        } else if need_tags {
            return Err(ConllError::Malformed {
                origin: origin.into(),
                line: n + 1,
            });
        }
        current.tokens.push(token.to_string());
    }
    flush(&mut current, &mut tags, tagged);
    if out.is_empty() {
        return Err(ConllError::Empty {
            origin: origin.into(),
        });
    }
    Ok(out)
}

/// Entity spans (token ranges) of a tag sequence; an I- without its B- starts an entity, as
/// CoNLL scorers read it.
pub fn entities(tags: &[Tag]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, tag) in tags.iter().enumerate() {
        match *tag {
            Tag::O => {
                if let Some((s, t)) = open.take() {
                    out.push((s, i, t));
                }
            }
            Tag::B(t) => {
                if let Some((s, k)) = open.take() {
                    out.push((s, i, k));
                }
                open = Some((i, t));
            }
            Tag::I(t) => match open {
                Some((_, k)) if k == t => {}
                _ => {
                    if let Some((s, k)) = open.take() {
                        out.push((s, i, k));
                    }
                    open = Some((i, t));
                }
            },
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t));
    }
    out
}

/// Titles that historical sets keep inside person names and the modern convention leaves out.
const TITLES: &[&str] = &[
    "M.",
    "MM.",
    "Mme",
    "Mmes",
    "Mlle",
    "Mlles",
    "Mgr",
    "Me",
    "Dr",
    "Dr.",
    "Pr",
    "Sir",
    "Lord",
    "Lady",
    "M",
    "MM",
    "général",
    "colonel",
    "capitaine",
    "lieutenant",
    "commandant",
    "maréchal",
    "amiral",
    "président",
    "roi",
    "reine",
    "prince",
    "princesse",
    "comte",
    "comtesse",
    "duc",
    "duchesse",
    "baron",
    "baronne",
    "abbé",
    "cardinal",
    "pape",
    "docteur",
    "professeur",
    "conseiller",
    "ministre",
    "sénateur",
    "député",
    "maire",
    "empereur",
    "impératrice",
    "Saint",
    "saint",
    "sainte",
    "père",
    "frère",
    "soeur",
    "sœur",
    "madame",
    "monsieur",
    "mademoiselle",
    "Madame",
    "Monsieur",
    "Mademoiselle",
    "général",
    "Général",
    "Président",
    "Roi",
    "Reine",
    "Prince",
];

/// Brings a sentence to the modern convention: "d" "'" → "d'", "M" "." → "M.", "Adis" "-"
/// "Abbeba" → "Adis-Abbeba", and titles out of person names ("M. Ilg" → "M." O, "Ilg" PER).
pub fn harmonize(sentence: &Sentence) -> Sentence {
    let Some(tags) = &sentence.tags else {
        return sentence.clone();
    };
    let toks = &sentence.tokens;
    let mut out_t: Vec<String> = Vec::with_capacity(toks.len());
    let mut out_g: Vec<Tag> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1).map(String::as_str);
        let is_word = |s: &str| s.chars().all(char::is_alphabetic) && !s.is_empty();
        // Elision split from its apostrophe: "d" "'" → "d'"
        if matches!(next, Some("'") | Some("’")) && is_word(t) && t.chars().count() <= 5 {
            out_t.push(format!("{t}{}", next.unwrap_or("'")));
            out_g.push(tags[i]);
            i += 2;
            continue;
        }
        // Abbreviation split from its dot: "M" "." → "M." when a capitalised word follows.
        if next == Some(".")
            && matches!(t.as_str(), "M" | "MM" | "Mme" | "Dr" | "St" | "Mgr")
            && toks
                .get(i + 2)
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        {
            out_t.push(format!("{t}."));
            out_g.push(tags[i]);
            i += 2;
            continue;
        }
        // Hyphenated name split around its hyphen, inside one entity.
        if next == Some("-")
            && is_word(t)
            && toks.get(i + 2).is_some_and(|w| is_word(w))
            && tags[i].kind().is_some()
            && tags.get(i + 2).and_then(|g| g.kind()) == tags[i].kind()
        {
            out_t.push(format!("{t}-{}", toks[i + 2]));
            out_g.push(tags[i]);
            i += 3;
            continue;
        }
        out_t.push(t.clone());
        out_g.push(tags[i]);
        i += 1;
    }
    // Titles at the start of a person name become O.
    let mut k = 0;
    while k < out_t.len() {
        if out_g[k] == Tag::B(EntityType::Per) && TITLES.contains(&out_t[k].as_str()) {
            let rest_is_per = out_g.get(k + 1) == Some(&Tag::I(EntityType::Per));
            if rest_is_per {
                out_g[k] = Tag::O;
                out_g[k + 1] = Tag::B(EntityType::Per);
            }
        }
        k += 1;
    }
    Sentence {
        tokens: out_t,
        tags: Some(out_g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_back_what_they_write() {
        for tag in Tag::all() {
            let kind = tag.kind().map(EntityType::as_str).unwrap_or_default();
            let spelled = match tag {
                Tag::O => "O".to_string(),
                Tag::B(_) => format!("B-{kind}"),
                Tag::I(_) => format!("I-{kind}"),
            };
            assert_eq!(tag.to_string(), spelled);
            assert_eq!(Tag::parse(tag.as_str()), Some(tag));
        }
    }

    #[test]
    fn parse_and_entities() {
        let s = parse("x", "Le\tO\nDrian\tB-PER\n\nà\tO\nMoscou\tB-LOC\n", true).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(
            entities(s[1].tags.as_ref().unwrap()),
            [(1, 2, EntityType::Loc)]
        );
        let bare = parse("x", "Le\nDrian\n", false).unwrap();
        assert_eq!(bare[0].tags, None);
    }

    #[test]
    fn bad_files_say_where() {
        assert_eq!(
            parse("f", "Le\tO\nDrian\tB-PERS\n", true)
                .unwrap_err()
                .to_string(),
            "f:2: unknown tag 'B-PERS' (expected O or B-/I- with PER, LOC, ORG, MISC)"
        );
        assert!(matches!(
            parse("f", "", true),
            Err(ConllError::Empty { .. })
        ));
        assert!(matches!(
            parse("f", "a\tO\nb\n", false),
            Err(ConllError::MixedTags { line: 2, .. })
        ));
        assert!(matches!(
            parse("f", "a\nb\n", true),
            Err(ConllError::Malformed { line: 1, .. })
        ));
    }

    #[test]
    fn historical_conventions_are_harmonized() {
        let s = parse(
            "h",
            "M\tB-PER\n.\tI-PER\nIlg\tI-PER\nd\tO\n'\tO\nAdis\tB-LOC\n-\tI-LOC\nAbbeba\tI-LOC\n",
            true,
        )
        .unwrap();
        let h = harmonize(&s[0]);
        assert_eq!(h.tokens, ["M.", "Ilg", "d'", "Adis-Abbeba"]);
        let tags: Vec<String> = h.tags.unwrap().iter().map(|t| t.to_string()).collect();
        assert_eq!(tags, ["O", "B-PER", "O", "B-LOC"]);
    }
}
