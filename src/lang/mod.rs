//! Language data: the word lists that the tokenizer, sentence splitter and layout reader consult.
//!
//! The lists live as plain text files under `data/<lang>/` (see `data/fr/README.md`) and are
//! embedded with `include_str!`, so the binary runs from any directory with no other files.
//! [`LangData::load`] parses them once; the result is immutable and shared across threads.
//!
//! Lookups fold the typographic apostrophe (’, U+2019) to `'` so that a list written with one
//! form matches both.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How a French number word combines with its neighbours (`data/fr/numbers.txt`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    /// zéro … seize: adds.
    Unit(f64),
    /// vingt … nonante: adds; after quatre, "vingt" multiplies (quatre-vingts).
    Tens(f64),
    /// cent(s): multiplies what precedes (or 1).
    Hundred,
    /// mille: multiplies what precedes (or 1) and closes a group.
    Thousand,
    /// million(s), milliard(s): multiply, and are nouns ("des millions de réfugiés").
    Multiplier(f64),
    /// Collective nouns: dizaine, vingtaine, centaine, millier.
    Approx(f64),
    /// demi(e): "quatre ans et demi".
    Half,
}

/// Languages with data. French is the only one so far.
pub const SUPPORTED: &[&str] = &["fr"];

#[derive(Debug, thiserror::Error)]
pub enum LangError {
    #[error("language '{0}' is not supported (supported: {list})", list = SUPPORTED.join(", "))]
    Unsupported(String),
}

/// Parsed word lists for one language.
#[derive(Debug, Clone)]
pub struct LangData {
    pub code: &'static str,
    abbreviations: HashSet<String>,
    final_abbreviations: HashSet<String>,
    elisions: HashSet<String>,
    exceptions: HashSet<String>,
    /// Longest first, lower case, with the leading hyphen.
    clitics: Vec<String>,
    /// Longest first.
    credits: Vec<String>,
    units: HashSet<String>,
    sentence_starters: HashSet<String>,
    numbers: HashMap<String, NumberWord>,
}

pub mod conjugation;

mod fr {
    pub const ABBREVIATIONS: &str = include_str!("../../data/fr/abbreviations.txt");
    pub const FINAL_ABBREVIATIONS: &str = include_str!("../../data/fr/abbreviations-final.txt");
    pub const ELISIONS: &str = include_str!("../../data/fr/elisions.txt");
    pub const EXCEPTIONS: &str = include_str!("../../data/fr/tokenizer-exceptions.txt");
    pub const CLITICS: &str = include_str!("../../data/fr/clitics.txt");
    pub const CREDITS: &str = include_str!("../../data/fr/credits.txt");
    pub const UNITS: &str = include_str!("../../data/fr/units.txt");
    pub const SENTENCE_STARTERS: &str = include_str!("../../data/fr/sentence-starters.txt");
    pub const NUMBERS: &str = include_str!("../../data/fr/numbers.txt");
}

/// The entries of a data file: one per line, `#` comments and blank lines skipped.
fn entries(file: &str) -> impl Iterator<Item = String> + '_ {
    file.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(fold_apostrophes)
}

/// The French number words of `data/fr/numbers.txt`, for a reader outside the pipeline's
/// stages (the linker's group openers: "les cinq ouvriers").
pub fn french_number_words() -> HashMap<String, NumberWord> {
    number_words(fr::NUMBERS)
}

/// Parses `word<TAB>value<TAB>class` lines; a malformed line is a bug in the shipped data,
/// caught by the tests, and skipped here rather than aborting a run.
fn number_words(file: &str) -> HashMap<String, NumberWord> {
    entries(file)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let word = fields.next()?.to_lowercase();
            let value: f64 = fields.next()?.trim().parse().ok()?;
            let class = match fields.next()?.trim() {
                "unit" => NumberWord::Unit(value),
                "tens" => NumberWord::Tens(value),
                "hundred" => NumberWord::Hundred,
                "thousand" => NumberWord::Thousand,
                "multiplier" => NumberWord::Multiplier(value),
                "approx" => NumberWord::Approx(value),
                "half" => NumberWord::Half,
                _ => return None,
            };
            Some((word, class))
        })
        .collect()
}

/// Replaces typographic apostrophes with `'`; lists and lookups both go through it.
pub fn fold_apostrophes(word: &str) -> String {
    word.replace(['’', 'ʼ'], "'")
}

/// Lower case with typographic apostrophes folded to `'`, in one pass: the form stages match
/// words on.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if is_apostrophe(c) {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A lookup key for names: lower case, apostrophes folded, accents removed, hyphens and runs
/// of spaces made single spaces ("État islamique" = "etat islamique", "Jean-Yves" = "jean
/// yves"). Used by the knowledge base on both sides of every lookup.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.chars() {
        let c = if is_apostrophe(c) { '\'' } else { c };
        if c.is_whitespace() || c == '-' || c == '_' {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(strip_accent(l));
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A lower-case phrase with its accents removed ("chef de l'état" → "chef de l'etat"): the
/// key of tables whose phrases the press writes with or without accents on capitals ("le
/// chef de l'Etat").
pub fn fold_accents(phrase: &str) -> std::borrow::Cow<'_, str> {
    if phrase.is_ascii() {
        return std::borrow::Cow::Borrowed(phrase);
    }
    std::borrow::Cow::Owned(phrase.chars().map(strip_accent).collect())
}

/// The base letter of a lower-case accented Latin letter (é → e, ï → i, ç → c).
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' | 'ţ' => 't',
        'ğ' => 'g',
        c => c,
    }
}

/// Base letters of U+00C0..=U+00FF (Latin-1 letters); `?` marks the letters that
/// [`ascii_fold`] writes as two (Æ, Þ, ß, æ, þ).
const LATIN1: &str = "AAAAAA?CEEEEIIIIDNOOOOOxOUUUUY??aaaaaa?ceeeeiiiidnooooo/ouuuuy?y";
/// Base letters of U+0100..=U+017F (Latin Extended-A); `?` marks Ĳ, ĳ, Œ, œ.
const LATIN_EXT_A: &str = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// The text in ASCII, as GDELT writes names: accented Latin letters lose their accents
/// (Sergueï Choïgou → Serguei Choigou, Erdoğan → Erdogan, Nguyễn → Nguyen), ligatures are
/// spelled out (œ → oe, ß → ss), typographic apostrophes become `'`, dashes `-`, spaces of any
/// width ` `, and quotation marks (`"`, « », “ ”) are dropped; any other non-ASCII character
/// (another script, a symbol) is dropped too, and runs of spaces left behind become one.
///
/// A fixed table rather than Unicode decomposition: it covers Latin-1, Latin Extended-A, the
/// Romanian and Azerbaijani letters of Extended-B and the Vietnamese block, which is what
/// names in French news are written with, without a normalisation crate.
pub fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let u = c as u32;
        let letters: &str = match c {
            '"' | '«' | '»' | '“' | '”' | '„' | '‟' => "",
            c if c.is_ascii() => {
                out.push(c);
                continue;
            }
            'Æ' => "AE",
            'æ' => "ae",
            'Þ' => "TH",
            'þ' => "th",
            'ß' => "ss",
            'Ĳ' => "IJ",
            'ĳ' => "ij",
            'Œ' => "OE",
            'œ' => "oe",
            '\u{c0}'..='\u{ff}' => table_letter(LATIN1, u - 0xc0),
            '\u{100}'..='\u{17f}' => table_letter(LATIN_EXT_A, u - 0x100),
            'Ș' => "S",
            'ș' => "s",
            'Ț' => "T",
            'ț' => "t",
            'Ə' => "E",
            'ə' => "e",
            'Ơ' => "O",
            'ơ' => "o",
            'Ư' => "U",
            'ư' => "u",
            // Vietnamese: A, E, I, O, U, Y with tone marks, upper and lower case alternating.
            '\u{1ea0}'..='\u{1ef9}' => {
                let lower = u % 2 == 1;
                let base = match u {
                    0x1ea0..=0x1eb7 => "A",
                    0x1eb8..=0x1ec7 => "E",
                    0x1ec8..=0x1ecb => "I",
                    0x1ecc..=0x1ee3 => "O",
                    0x1ee4..=0x1ef1 => "U",
                    _ => "Y",
                };
                match (base, lower) {
                    ("A", true) => "a",
                    ("E", true) => "e",
                    ("I", true) => "i",
                    ("O", true) => "o",
                    ("U", true) => "u",
                    ("Y", true) => "y",
                    (b, _) => b,
                }
            }
            c if is_apostrophe(c) || matches!(c, '‘' | '′') => "'",
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
            '…' => "...",
            c if c.is_whitespace() => " ",
            _ => "",
        };
        out.push_str(letters);
    }
    // Dropped characters may leave doubled or edge spaces.
    let mut folded = String::with_capacity(out.len());
    for word in out.split(' ').filter(|w| !w.is_empty()) {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

/// The `i`-th entry of a table above; nothing for `?` (a two-letter entry, handled before).
fn table_letter(table: &'static str, i: u32) -> &'static str {
    let i = i as usize;
    table.get(i..i + 1).filter(|l| *l != "?").unwrap_or("")
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

impl LangData {
    /// Loads the data for an ISO 639-1 language code.
    pub fn load(code: &str) -> Result<LangData, LangError> {
        match code {
            "fr" => Ok(LangData::french()),
            other => Err(LangError::Unsupported(other.to_string())),
        }
    }

    pub fn french() -> LangData {
        let mut clitics: Vec<String> = entries(fr::CLITICS).map(|c| c.to_lowercase()).collect();
        clitics.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
        let mut credits: Vec<String> = entries(fr::CREDITS).collect();
        credits.sort_by_key(|c| std::cmp::Reverse(c.len()));
        LangData {
            code: "fr",
            abbreviations: entries(fr::ABBREVIATIONS).collect(),
            final_abbreviations: entries(fr::FINAL_ABBREVIATIONS).collect(),
            elisions: entries(fr::ELISIONS).map(|e| e.to_lowercase()).collect(),
            exceptions: entries(fr::EXCEPTIONS).map(|e| e.to_lowercase()).collect(),
            clitics,
            credits,
            units: entries(fr::UNITS).collect(),
            sentence_starters: entries(fr::SENTENCE_STARTERS).collect(),
            numbers: number_words(fr::NUMBERS),
        }
    }

    fn lookup(set: &HashSet<String>, word: &str) -> bool {
        if set.contains(word) {
            return true;
        }
        let word = fold_apostrophes(word);
        set.contains(&word) || set.contains(&word.to_lowercase())
    }

    /// An abbreviation (with its dot) that never ends a sentence: "M.", "av.".
    pub fn is_abbreviation(&self, word: &str) -> bool {
        Self::lookup(&self.abbreviations, word)
    }

    /// An abbreviation (with its dot) that may end a sentence: "etc.", "J.-C.".
    pub fn is_final_abbreviation(&self, word: &str) -> bool {
        Self::lookup(&self.final_abbreviations, word)
    }

    /// An elided word without its apostrophe, in lower case: "l", "qu", "jusqu".
    pub fn is_elision(&self, stem: &str) -> bool {
        self.elisions.contains(&stem.to_lowercase())
    }

    /// A word that must stay one token ("aujourd'hui", "rendez-vous").
    pub fn is_exception(&self, word: &str) -> bool {
        // Every exception holds an apostrophe or a hyphen: skip the allocation for the rest.
        word.contains(['\'', '’', 'ʼ', '-'])
            && self
                .exceptions
                .contains(&fold_apostrophes(word).to_lowercase())
    }

    /// The hyphenated clitic that ends `word`, if any, as its length in bytes ("dit-il" → 3).
    pub fn clitic_suffix_len(&self, word: &str) -> Option<usize> {
        if !word.contains('-') {
            return None;
        }
        let lower = word.to_lowercase();
        // Lower-casing can change byte lengths only for letters outside these lists, so the
        // suffix length measured on `lower` holds for `word` when the tails are equal.
        self.clitics
            .iter()
            .find(|c| lower.ends_with(c.as_str()) && lower.len() > c.len())
            .map(|c| c.len())
            .filter(|&n| word.is_char_boundary(word.len() - n))
    }

    /// A unit written against a number ("km" in "160km"); exact match.
    pub fn is_unit(&self, word: &str) -> bool {
        self.units.contains(word)
    }

    /// A capitalised word that starts sentences but no surname ("Une", "Selon"); exact match.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.sentence_starters.contains(word)
    }

    /// The number word `word` (any case), if it is one.
    pub fn number_word(&self, word: &str) -> Option<NumberWord> {
        self.numbers
            .get(word)
            .or_else(|| self.numbers.get(&word.to_lowercase()))
            .copied()
    }

    /// Credit words ("AFP", "Getty Images", "Archives"), longest first.
    pub fn credits(&self) -> &[String] {
        &self.credits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_lists_load_and_fold_apostrophes() {
        let fr = LangData::load("fr").expect("French data");
        assert!(fr.is_abbreviation("M."));
        assert!(!fr.is_abbreviation("M"));
        assert!(fr.is_final_abbreviation("etc."));
        assert!(fr.is_elision("Jusqu"));
        assert!(fr.is_exception("aujourd’hui"));
        assert_eq!(fr.clitic_suffix_len("a-t-il"), Some(5));
        assert_eq!(fr.clitic_suffix_len("Dit-il"), Some(3));
        assert_eq!(fr.clitic_suffix_len("il"), None);
        assert!(fr.credits().iter().any(|c| c == "AFP"));
    }

    #[test]
    fn every_exception_holds_an_apostrophe_or_a_hyphen() {
        // `is_exception` skips words without one: an entry without one could never match.
        for entry in entries(fr::EXCEPTIONS) {
            assert!(
                entry.contains(['\'', '-']),
                "exception '{entry}' can never match"
            );
        }
    }

    #[test]
    fn every_number_line_parses() {
        let fr = LangData::french();
        assert_eq!(fr.numbers.len(), entries(fr::NUMBERS).count());
        assert_eq!(fr.number_word("Vingt"), Some(NumberWord::Tens(20.0)));
        assert_eq!(fr.number_word("milliers"), Some(NumberWord::Approx(1000.0)));
    }

    #[test]
    fn ascii_fold_writes_names_as_gdelt_does() {
        assert_eq!(ascii_fold("Sergueï Choïgou"), "Serguei Choigou");
        assert_eq!(ascii_fold("ÉGYPTE"), "EGYPTE");
        assert_eq!(ascii_fold("Recep Tayyip Erdoğan"), "Recep Tayyip Erdogan");
        assert_eq!(ascii_fold("Œuvre d’Orient – Ça"), "OEuvre d'Orient - Ca");
        assert_eq!(ascii_fold("Nguyễn Tấn Dũng"), "Nguyen Tan Dung");
        assert_eq!(ascii_fold("Łódź, Ștefan, Straße"), "Lodz, Stefan, Strasse");
        assert_eq!(
            ascii_fold("« l\u{a0}\"Etat\" islamique »"),
            "l Etat islamique"
        );
        assert_eq!(ascii_fold("Москва Moscou"), "Moscou");
        assert_eq!(ascii_fold(""), "");
        // Every Latin-1 and Latin Extended-A letter folds to ASCII letters.
        for c in ('\u{c0}'..='\u{17f}').filter(|c| c.is_alphabetic()) {
            let f = ascii_fold(&c.to_string());
            assert!(
                !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphabetic()),
                "{c} → {f:?}"
            );
        }
    }

    #[test]
    fn name_keys_ignore_case_accents_and_hyphens() {
        assert_eq!(name_key("État  islamique"), "etat islamique");
        assert_eq!(name_key("Jean-Yves Le Drian"), "jean yves le drian");
        assert_eq!(name_key("Sergueï Choïgou"), "serguei choigou");
        assert_eq!(name_key("Côte d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn unknown_language_is_an_error_naming_it() {
        let err = LangData::load("xx").unwrap_err().to_string();
        assert!(err.contains("'xx'") && err.contains("fr"), "{err}");
    }
}
