//! Unnamed groups and people: the openers a description of a group may have besides an article
//! ("certains manifestants", "tous les visiteurs", "plus de 23.000 manifestants", "une
//! trentaine d'individus", "les cinq individus") and nationality nouns ("les Thaïlandais",
//! "quatre Français", "d'autres Français" → the country's civilians).

use super::descriptions::Description;
use super::Linker;
use crate::document::Document;
use crate::lang::{french_number_words, NumberWord};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Nouns of an approximate or collective quantity, followed by "de": "une trentaine
/// d'individus", "des milliers de manifestants", "la plupart des élus", "un groupe de touristes".
const COLLECTIVES: &[&str] = &[
    "dizaine",
    "dizaines",
    "douzaine",
    "douzaines",
    "quinzaine",
    "vingtaine",
    "trentaine",
    "quarantaine",
    "cinquantaine",
    "soixantaine",
    "centaine",
    "centaines",
    "millier",
    "milliers",
    "million",
    "millions",
    "plupart",
    "majorité",
    "partie",
    "nombre",
    "groupe",
    "groupes",
];

/// Words that may stand before a collective noun: "un petit groupe de", "un grand nombre de",
/// "plusieurs milliers de".
const BEFORE_COLLECTIVE: &[&str] = &[
    "un",
    "une",
    "des",
    "la",
    "le",
    "les",
    "de",
    "d'",
    "plusieurs",
    "quelques",
    "petit",
    "petits",
    "grand",
    "grands",
    "certain",
    "bon",
    "nouveau",
    "nouveaux",
];

/// A number written in figures ("23.000", "2 000", "13") or in words ("treize",
/// "quatre-vingt-dix-sept"), one token.
pub(super) fn is_number(w: &str) -> bool {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return w
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'));
    }
    // The number words of data/fr/numbers.txt, read once; "et" joins them ("vingt-et-un").
    static NUMERALS: OnceLock<FxHashMap<String, NumberWord>> = OnceLock::new();
    let numerals = NUMERALS.get_or_init(french_number_words);
    let numeral = |p: &str| {
        p == "et"
            || matches!(
                numerals.get(p),
                Some(
                    NumberWord::Unit(_)
                        | NumberWord::Tens(_)
                        | NumberWord::Hundred
                        | NumberWord::Thousand
                )
            )
    };
    w.split('-').all(numeral) && w.split('-').any(|p| !matches!(p, "et" | "un" | "une"))
}

/// What a quantified noun phrase starting at `i` opens with.
pub(super) struct Quantified {
    /// The first word of the noun phrase after the quantifier.
    pub body: usize,
    /// "les cinq individus", "ces deux hommes": a definite article and a number, which may point
    /// back to people named before ("les deux dirigeants").
    pub definite_count: bool,
}

/// The quantifier opening `words[i..end]`, when there is one: "certains", "tous les", "d'autres",
/// "plusieurs", "de nombreux", "plus de 23.000", "au moins deux", "quelque 6.000", "une trentaine
/// d'", "des milliers de", "la plupart des", "un groupe de", "les cinq", "quatre".
pub(super) fn quantified(words: &[String], i: usize, end: usize) -> Option<Quantified> {
    let at = |k: usize| words.get(k).filter(|_| k < end).map(String::as_str);
    let de = |k: usize| matches!(at(k), Some("de" | "d'" | "des" | "du"));
    let mut k = i;
    let mut definite_count = false;
    match (at(k), at(k + 1)) {
        (
            Some("certains" | "certaines" | "plusieurs" | "quelques" | "nombreux" | "nombreuses"),
            _,
        )
        | (Some("environ" | "quelque"), _) => k += 1,
        (Some("tous" | "toutes"), Some("les" | "ses" | "leurs" | "ces" | "nos" | "vos")) => k += 2,
        (Some("d'" | "les" | "des" | "aux"), Some("autres")) => k += 2,
        (Some("de"), Some("nombreux" | "nombreuses")) => k += 2,
        (Some("plus" | "moins" | "près"), Some("de" | "d'")) => k += 2,
        (Some("au"), Some("moins")) => k += 2,
        (Some("les" | "ces" | "leurs" | "ses" | "nos"), Some(w)) if is_number(w) => {
            k += 1;
            definite_count = true;
        }
        _ => {}
    }
    // "une trentaine d'", "des milliers de", "la plupart des", "un grand nombre de".
    let mut c = k;
    while c < k + 3 && at(c).is_some_and(|w| BEFORE_COLLECTIVE.contains(&w)) {
        c += 1;
    }
    if at(c).is_some_and(|w| COLLECTIVES.contains(&w)) && de(c + 1) {
        // "la plupart des", "une partie des": of a group already named; still a group.
        k = c + 2;
    }
    // "23.000 manifestants", "quatre Français", "deux cents".
    while at(k).is_some_and(is_number) {
        k += 1;
    }
    // "la majorité des 20 millions d'habitants": a collective after the number.
    if k > i && at(k).is_some_and(|w| COLLECTIVES.contains(&w)) && de(k + 1) {
        k += 2;
    }
    (k > i && k < end).then_some(Quantified {
        body: k,
        definite_count,
    })
}

impl Linker {
    /// A nationality noun right after its opener: "les Thaïlandais", "quatre Français", "un
    /// Français", "d'autres Français" → the country's civilians (its people, as an actor).
    /// Written with a capital, as nouns are; "les ministres français" is an office.
    pub(super) fn nationality(
        &self,
        doc: &Document,
        words: &[String],
        start: usize,
        body: usize,
        end: usize,
    ) -> Option<Description> {
        if body >= end {
            return None;
        }
        let token = doc.tokens.get(body)?;
        let text = doc.slice(token.span);
        if !text.starts_with(char::is_uppercase) {
            return None;
        }
        let country = self.kb.demonym(&words[body])?.to_string();
        // "le Français Thomas Pesquet": a person named right after is described, not a group.
        if doc
            .tokens
            .get(body + 1)
            .filter(|_| body + 1 < end)
            .is_some_and(|t| doc.slice(t.span).starts_with(char::is_uppercase))
        {
            return None;
        }
        let singular = body == start + 1
            && matches!(
                words[start].as_str(),
                "un" | "une" | "le" | "la" | "l'" | "ce" | "cet" | "cette"
            );
        Some(Description {
            phrase: String::new(),
            tokens: start..body + 1,
            agent: "CVL".to_string(),
            label: if singular { "citizen" } else { "citizens" }.to_string(),
            kind: "PER".to_string(),
            plural: !singular,
            country: Some(country),
            region: None,
            pro: None,
            incoming: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn quantifiers_open_a_noun_phrase() {
        for (text, body, definite) in [
            ("certains manifestants", 1, false),
            ("tous les visiteurs", 2, false),
            ("plus de 23.000 manifestants", 3, false),
            ("une trentaine d' individus", 3, false),
            ("des milliers de manifestants", 3, false),
            ("plusieurs milliers de personnes", 3, false),
            ("un grand nombre de canadiens", 4, false),
            ("la plupart des élus", 3, false),
            ("d' autres français", 2, false),
            ("quatre-vingt-dix-sept skieurs", 1, false),
            ("les cinq individus", 2, true),
            ("quelque 6.000 paraguayens", 2, false),
            ("la majorité des 20 millions d' habitants", 6, false),
        ] {
            let w = words(text);
            let q = quantified(&w, 0, w.len()).expect(text);
            assert_eq!((q.body, q.definite_count), (body, definite), "{text}");
        }
        for text in [
            "les manifestants",
            "un manifestant",
            "la police",
            "plus tard",
        ] {
            let w = words(text);
            assert!(quantified(&w, 0, w.len()).is_none(), "{text}");
        }
    }

    #[test]
    fn numbers() {
        for w in [
            "23.000",
            "2 000",
            "13",
            "treize",
            "quatre-vingt-dix-sept",
            "deux",
        ] {
            assert!(is_number(w), "{w}");
        }
        for w in ["un", "", "a", "deux-roues", "2e"] {
            assert!(!is_number(w), "{w}");
        }
    }
}
