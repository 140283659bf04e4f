//! Counts and amounts: the `counts` layer. Requires `tokens`, `sentences`; assigns `counts`.
//!
//! A count is a number that counts people or things, with what it counts and how exact it is:
//! "plus de 250.000 morts" → KILL 250000 more_than, unit "morts"; "des millions de réfugiés" →
//! REFUGEES 1000000 vague; "80%" → PERCENT 80; "1,5 milliard de dollars" → MONEY 1.5e9, unit
//! "dollars"; "deux bâtiments de guerre" → OTHER 2, unit "bâtiments de guerre". Every sentence
//! is read, captions included, and the counts come out in text order, never overlapping.
//!
//! # How a count is read
//! At each token that may start a number (a digit token, a number word, "des"/"plusieurs"/
//! "quelques" before a collective noun), the shared parser [`crate::number::number_at`] reads
//! the number. Then, around it:
//! 1. **Rejections before the number.** An identifier word ("article 49", "n° 5") or a
//!    capitalised name ("France 2", "Boeing 737") before digits; a month or a clock word before
//!    the number ("décembre 2015", "22 h 30"); a definite or possessive determiner before a
//!    number in words up to three ("les deux pays", "leurs trois fils": anaphora, not a
//!    count; "les treize personnes arrêtées" is new information); a run of digit groups that
//!    is a phone number.
//! 2. **The counted noun,** right after the number (after "de"/"d'" when the number ends in a
//!    collective noun: "des millions de réfugiés", "1,5 milliard de dollars"): a money or
//!    percent unit, else a measure, counted as OTHER with its unit ("43 mètres", "20 km/h"),
//!    else a word that makes it no count (durations and ages "quatre ans", months, clock
//!    times, "fois"), else a noun of a kind ("morts", "gardes à vue"),
//!    else a noun for people ("personnes", "soldats", a capitalised demonym), else any other
//!    noun, with one bare complement for things ("bâtiments de guerre", "tonnes de cocaïne").
//! 3. **The kind from the verb,** when the noun did not give one: a participle after the noun
//!    ("12 personnes ont été tuées", "500 tonnes de cocaïne saisies"), or a verb phrase before
//!    the count ("tuant 12 personnes", "a fait 12 victimes", "coûté la vie à 12 personnes").
//!    Verbs of killing, wounding, arresting… apply to people only; verbs of seizing to things.
//!    A killing or wounding verb after the count, or a noun of death before it, also
//!    re-classifies a group of people named by a kind noun: "35 migrants ont péri", "la mort
//!    de 39 migrants" are KILL, not REFUGEES.
//!    Where the verb is not next to the count, the dependency tree gives it ([`governor`]):
//!    the verb the counted noun is subject or object of, a participle that qualifies it
//!    ("sept personnes, dont un mineur, mises en examen"), through coordination ("deux
//!    hommes et trois femmes ont été interpellés"), and through the count's own words when
//!    the parser hangs the noun on them ("Près de 30.000 soignants ont été contaminés").
//!    People who are the subject of an active verb with an object did the deed: "Deux hommes
//!    ont tué un policier" counts the policeman as KILL, not the men. A part of a count of
//!    victims after "dont", "(" or ":" is a count of victims ("22 morts (21 touristes…)").
//!    Nouns for people come from `persons.txt` and from the plural person nouns of the
//!    linker's agent tables (`data/fr/kb/agents*.tsv`).
//! 4. **No noun and no verb, no count:** a bare number ("le 26", "article 49 de la
//!    Constitution") is not a count, unless its noun is written elsewhere in the sentence
//!    ([`borrowed`]): the first number of a range ("de 35.000 à 70.000 dollars"), a part
//!    ("Trois des sept pompiers"), a total ("portant le bilan des morts à 6.733"). A lone "un"/"une" counts only with a victim kind ("un
//!    mort", "une personne a été tuée"); a four-digit year-like number only with a victim kind
//!    or money, and never after "en", "depuis", "de"…
//! 5. **The qualifier,** written before the number ("plus de", "au moins", "jusqu'à", "près
//!    de", "quelque"), else after the noun ("250.000 morts au moins"), else from the number
//!    itself ("une vingtaine" about, "des milliers" vague).
//!
//! The span runs from the qualifier (if any) to the end of the counted noun (or the number),
//! without the verb that gave the kind; `unit` is the counted noun as written, `number_span`
//! the number.
//!
//! # The design choice: a count needs a counted noun or a counting verb
//! A number alone is not a count. Dates, clock times, ages, durations, identifiers and
//! anaphora would each need a rule to be thrown out if every number started as a count; here
//! they mostly fall out because nothing after them is a counted noun ("le 26" then "novembre",
//! "article 49" then "de"), and the explicit rejections above are for the few that do look like
//! "number + noun" ("quatre ans", "les deux pays"). Bare numbers whose noun sits elsewhere
//! are read only in the three constructions of [`borrowed`], which name that noun; the gain is
//! that what is output is a count. [`borrowed`] also reads counts of none ("aucun blessé").
//!
//! All words live in `data/fr/count/` (see [`lexicon`]); lookups compare lower case with the
//! apostrophe folded, the longest phrase wins, and the tables are built once in
//! [`Counter::new`]. The scan does no allocation per token except around numbers.

mod borrowed;
mod governor;
mod lexicon;
mod parts;

use crate::document::{Count, CountKind, Document, Qualifier, Span, TokenKind};
use crate::lang::{LangData, NumberWord};
use crate::number::{number_at, Exactness, Number};
use lexicon::{Lexicon, Scan, Stop};

/// The count stage, built once per pipeline; immutable and shared across threads.
#[derive(Debug, Clone)]
pub struct Counter {
    lang: LangData,
    lex: Lexicon,
}

/// How many tokens a participle clause after a counted noun may span ("ayant contracté …").
const CLAUSE_MAX: usize = 10;

/// The largest number in words that a determiner makes point back ("les trois suspects").
const ANAPHORA_MAX: f64 = 3.0;

/// Kinds that count people something happened to (everything but money, percent and other).
fn is_victim(kind: CountKind) -> bool {
    !matches!(
        kind,
        CountKind::Other | CountKind::Money | CountKind::Percent
    )
}

/// Byte offset where the sentence being scanned starts.
fn scan_start(scan: &Scan) -> usize {
    scan.tokens
        .get(scan.start)
        .map_or(usize::MAX, |t| t.span.start)
}

/// "86 victimes", "Quatre Français parmi les victimes": victims the sentence does not say
/// more of are those of the story's toll, the dead when it counts any, else the wounded.
fn victims_of_the_story(text: &str, counts: &mut [Count]) {
    let toll = if counts.iter().any(|c| c.kind == CountKind::Kill) {
        CountKind::Kill
    } else if counts.iter().any(|c| c.kind == CountKind::Wound) {
        CountKind::Wound
    } else {
        return;
    };
    for c in counts.iter_mut().filter(|c| c.kind == CountKind::Other) {
        let unit = c.unit.and_then(|u| text.get(u.range())).unwrap_or_default();
        if matches!(unit.to_lowercase().as_str(), "victime" | "victimes") {
            c.kind = toll;
        }
    }
}

/// Kinds that name a group of people, whom a verb of killing or wounding after them
/// re-classifies.
fn is_group(kind: CountKind) -> bool {
    matches!(
        kind,
        CountKind::Protest
            | CountKind::Refugees
            | CountKind::Kidnap
            | CountKind::Arrest
            | CountKind::Affect
            | CountKind::Evacuate
    )
}

/// The counted noun found after a number: token range and what it says.
struct Noun {
    tokens: (usize, usize),
    kind: Option<CountKind>,
    person: bool,
}

impl Counter {
    pub fn new(lang: &LangData) -> Counter {
        Counter {
            lang: lang.clone(),
            lex: Lexicon::french(),
        }
    }

    /// Adds the `counts` layer. Requires `tokens`, `sentences`.
    pub fn annotate(&self, doc: &mut Document) {
        let mut counts = Vec::new();
        for sentence in &doc.sentences {
            let mut scan = Scan::new(
                &doc.text,
                &doc.tokens,
                sentence.tokens.start,
                sentence.tokens.end,
            );
            scan.words = &doc.words;
            self.sentence(&mut scan, &mut counts);
        }
        victims_of_the_story(&doc.text, &mut counts);
        doc.counts = counts;
    }

    fn sentence(&self, scan: &mut Scan, out: &mut Vec<Count>) {
        let first_count = out.len();
        self.scan_sentence(scan, out);
        self.share_coordinated_kinds(scan, &mut out[first_count..], first_count);
    }

    /// People counted side by side ("31 hommes et de huit femmes", "deux hommes, trois femmes
    /// et cinq mineurs") share the victim kind one of them has, when the others have none; so
    /// do the parts of a whole ("…, dont deux adolescents"). `offset` is the index of the first
    /// of `counts` in the document's counts.
    fn share_coordinated_kinds(&self, scan: &mut Scan, counts: &mut [Count], offset: usize) {
        if counts.len() < 2 {
            return;
        }
        let people: Vec<bool> = counts.iter().map(|c| self.counts_people(scan, c)).collect();
        let mut joined = Vec::with_capacity(counts.len() - 1);
        for pair in counts.windows(2) {
            joined.push(self.coordinated(scan, pair[0].span.end, pair[1].span.start));
        }
        for k in 1..counts.len() {
            let from = counts[k - 1].kind;
            if joined[k - 1] && people[k] && counts[k].kind == CountKind::Other && is_victim(from) {
                counts[k].kind = from;
            }
        }
        for k in (0..counts.len() - 1).rev() {
            let from = counts[k + 1].kind;
            if joined[k] && people[k] && counts[k].kind == CountKind::Other && is_victim(from) {
                counts[k].kind = from;
            }
        }
        for k in 0..counts.len() {
            let whole = counts[k].part_of.and_then(|w| w.checked_sub(offset));
            let Some(from) = whole.and_then(|w| counts.get(w)).map(|w| w.kind) else {
                continue;
            };
            if people[k] && counts[k].kind == CountKind::Other && is_victim(from) {
                counts[k].kind = from;
            }
        }
    }

    /// A count of people: its noun is a noun for people or a capitalised demonym.
    fn counts_people(&self, scan: &mut Scan, count: &Count) -> bool {
        let Some(unit) = count.unit.filter(|u| count.span.contains(*u)) else {
            return false;
        };
        let t = scan.tokens.partition_point(|t| t.span.start < unit.start);
        scan.inside(t)
            && (self.lex.persons.at(scan, t).is_some()
                || scan.raw(t).starts_with(char::is_uppercase))
    }

    /// Whether only a comma, "et" or "ou" (and a "de" after them) stand between two counts.
    fn coordinated(&self, scan: &mut Scan, end: usize, start: usize) -> bool {
        let from = scan.tokens.partition_point(|t| t.span.start < end);
        let to = scan.tokens.partition_point(|t| t.span.start < start);
        (1..=3).contains(&(to - from.min(to)))
            && (from..to).any(|k| matches!(scan.low(k), "," | "et" | "ou"))
            && (from..to).all(|k| matches!(scan.low(k), "," | "et" | "ou" | "de" | "d'"))
    }

    fn scan_sentence(&self, scan: &mut Scan, out: &mut Vec<Count>) {
        let mut i = scan.start;
        // No count reaches back before `floor`: counts never overlap.
        let mut floor = scan.start;
        while i < scan.end {
            if let Some((count, next)) = self.none_at(scan, i) {
                out.push(count);
                i = next;
                floor = i;
                continue;
            }
            if !self.may_start_number(scan, i) {
                i += 1;
                continue;
            }
            if let Some(run_end) = self.phone_number(scan, i) {
                i = run_end;
                floor = i;
                continue;
            }
            let Some(number) = number_at(scan.text, scan.tokens, i, scan.end, &self.lang) else {
                i += 1;
                continue;
            };
            let previous = out.last().filter(|c| c.span.start >= scan_start(scan));
            match self.count(scan, &number, floor, previous) {
                Some((mut count, next)) => {
                    count.part_of = self.whole_of(scan, &count, out);
                    out.push(count);
                    i = next.max(i + 1);
                    floor = i;
                }
                None => i = number.tokens.end.max(i + 1),
            }
        }
    }

    /// A digit token, or a word that a number may start with ("deux", "vingt-huit", "des").
    fn may_start_number(&self, scan: &mut Scan, i: usize) -> bool {
        if !scan.inside(i) {
            return false;
        }
        match scan.tokens[i].kind {
            TokenKind::Number => true,
            TokenKind::Word => {
                let low = scan.low(i);
                let head = low.split('-').next().unwrap_or(low);
                self.lex.starters.contains(head)
            }
            _ => false,
        }
    }

    /// The end of a phone number starting at token `i`: three or more digit groups in a row
    /// ("06 12 34 56 78"), or two starting with "0" or "+" ("+33 1…"), or one long group
    /// starting with "0" ("0612345678").
    fn phone_number(&self, scan: &Scan, i: usize) -> Option<usize> {
        let is_digits = |k: usize| scan.inside(k) && scan.tokens[k].kind == TokenKind::Number;
        if !is_digits(i) {
            return None;
        }
        let mut first = i;
        while first > scan.start && is_digits(first - 1) {
            first -= 1;
        }
        let mut end = i + 1;
        while is_digits(end) {
            end += 1;
        }
        let lead = scan.raw(first);
        let zero_led = lead.len() >= 2
            && lead.starts_with('0')
            && lead[1..].starts_with(|c: char| c.is_ascii_digit());
        let phone = match end - first {
            1 => zero_led && lead.len() >= 8 && lead.bytes().all(|b| b.is_ascii_digit()),
            2 => zero_led || lead.starts_with('+'),
            _ => true,
        };
        phone.then_some(end)
    }

    /// Reads the count around `number`, if it is one; returns it with the token after it.
    ///
    /// `previous` is the count before it in the same sentence: "12 morts, dont 3 enfants" passes
    /// KILL on to the children.
    fn count(
        &self,
        scan: &mut Scan,
        number: &Number,
        floor: usize,
        previous: Option<&Count>,
    ) -> Option<(Count, usize)> {
        let lex = &self.lex;
        let i = number.tokens.start;
        if !number.value.is_finite() || number.tokens.end <= i {
            return None;
        }
        let prev = i.checked_sub(1).filter(|&p| p >= floor.max(scan.start));
        let year_like = self.year_like(scan, number);
        let mut after_year_preposition = false;
        if let Some(p) = prev {
            let capitalised = scan.tokens[p].kind == TokenKind::Word
                && p > scan.start
                && scan.raw(p).starts_with(char::is_uppercase);
            let low = scan.low(p);
            if lex.identifiers.contains(low)
                || matches!(lex.not_counted.get(low), Some(Stop::Clock | Stop::Month))
            {
                return None;
            }
            let closed = lex.function.contains(low) || lex.anaphora.contains(low);
            // Above three, a number is new information: "les treize personnes arrêtées".
            if number.words
                && number.exactness == Exactness::Exact
                && !number.article_like
                && number.value <= ANAPHORA_MAX
                && lex.anaphora.contains(low)
            {
                return None;
            }
            after_year_preposition = lex.year_prepositions.contains(low);
            let qualifier_end = lex.qualifiers_before.ending_at(scan, floor, i).is_some();
            if !number.words && capitalised && !closed && !qualifier_end {
                return None;
            }
        }

        // The number may grow by an abbreviated multiplier before a currency symbol: "5 M€".
        let mut value = number.value;
        let mut number_span = number.span;
        let mut j = number.tokens.end;
        if let Some(&scale) = lex.scales.get(scan.raw(j)) {
            if matches!(lex.units.at(scan, j + 1), Some((_, CountKind::Money))) {
                value *= scale;
                number_span.end = scan.tokens[j].span.end;
                j += 1;
            }
        }

        // The qualifier written before the number.
        let mut qualifier = match number.exactness {
            Exactness::Exact => None,
            Exactness::About => Some(Qualifier::About),
            Exactness::Vague => Some(Qualifier::Vague),
        };
        let mut first = i;
        if let Some((len, q)) = lex.qualifiers_before.ending_at(scan, floor, i) {
            qualifier = Some(q);
            first = i - len;
        }
        let explicit_qualifier = first < i;

        // The counted noun.
        let collective = number.exactness != Exactness::Exact || self.ends_collective(scan, number);
        let noun_from = if collective && (scan.is(j, "de") || scan.is(j, "d'")) {
            j + 1
        } else {
            j
        };
        let (noun, after_adjectives) = self.noun(scan, noun_from, value)?;

        // The kind from a verb when the noun gave none.
        let mut kind = noun.as_ref().and_then(|n| n.kind);
        if let (Some(group), Some(n)) = (kind, &noun) {
            // People counted as a group (protesters, migrants, hostages) who were killed or
            // wounded: the verb after them says what happened ("35 migrants ont péri").
            // So does a noun of death before them ("la mort de 39 migrants").
            if is_group(group) {
                // (Before them, only a noun of death and its "de": "a fait 200 000 déplacés"
                // keeps the kind of its noun.)
                let of =
                    first > scan.start && (scan.is(first - 1, "de") || scan.is(first - 1, "des"));
                let verb = self
                    .kind_after(scan, n.tokens.1, true, false, true)
                    .or_else(|| {
                        of.then(|| self.kind_before(scan, floor, first, true, false))
                            .flatten()
                    });
                if let Some(k @ (CountKind::Kill | CountKind::Wound)) = verb {
                    kind = Some(k);
                }
            }
        }
        if kind.is_none() {
            let people = noun.as_ref().is_none_or(|n| n.person);
            let things = noun.as_ref().is_none_or(|n| !n.person);
            let from = noun.as_ref().map_or(after_adjectives, |n| n.tokens.1);
            let head = noun.as_ref().map_or(i, |n| n.tokens.0);
            kind = self
                .kind_after(scan, from, people, things, noun.is_some())
                .or_else(|| self.kind_before(scan, floor, first, people, things))
                .or_else(|| self.kind_of_governor(scan, (first, head), floor, people, things))
                // "portant le nombre de morts … à 30.513 personnes": the total's kind.
                .or_else(|| {
                    people
                        .then(|| self.total_reached(scan, first, floor))
                        .flatten()
                        .filter(|&k| is_victim(k))
                })
                .or_else(|| {
                    people
                        .then(|| self.kind_among(scan, floor, first, from))
                        .flatten()
                });
            if kind.is_some_and(|k| k != CountKind::Protest)
                && noun.as_ref().is_some_and(|n| n.person)
                && self.agents_of_transitive(scan, (first, head))
            {
                kind = None;
            }
            // "12 morts, dont 3 enfants", "22 morts (21 touristes et un policier)", "huit morts:
            // deux Nigériens…": a part of a count of victims is a count of victims.
            if kind.is_none() && people && self.breaks_down(scan, first, previous) {
                kind = previous.map(|c| c.kind).filter(|&k| is_victim(k));
            }
        }
        // A bare number whose noun is written elsewhere: a range, a part, a total.
        let borrowed = match (&noun, number.article_like) {
            (None, false) => self.borrowed(scan, i, first, j, floor),
            _ => None,
        };
        let kind = match (kind, &noun, &borrowed) {
            (Some(k), _, _) => k,
            (None, Some(_), _) => CountKind::Other,
            (None, None, Some(b)) => b.kind,
            (None, None, None) => self.elliptical(scan, first, j, previous.map(|c| c.kind))?,
        };
        if number.article_like && !is_victim(kind) {
            return None;
        }
        if year_like && (after_year_preposition || kind == CountKind::Other) {
            return None;
        }

        // The qualifier written after the noun: "250.000 morts au moins".
        let mut end = noun.as_ref().map_or(j, |n| n.tokens.1);
        if !explicit_qualifier {
            if let Some((len, q)) = lex.qualifiers_after.at(scan, end) {
                if !self.may_start_number(scan, end + len) {
                    qualifier = Some(q);
                    end += len;
                }
            }
        }

        let tokens = scan.tokens;
        let span = Span::new(tokens[first].span.start, tokens[end - 1].span.end);
        let unit = noun
            .map(|n| {
                Span::new(
                    tokens[n.tokens.0].span.start,
                    tokens[n.tokens.1 - 1].span.end,
                )
            })
            .or_else(|| borrowed.and_then(|b| b.unit));
        Some((
            Count {
                span,
                kind,
                number: value,
                qualifier,
                unit,
                number_span,
                part_of: None,
            },
            end,
        ))
    }

    /// Four plain digits between 1000 and 2100: a year unless proved otherwise.
    fn year_like(&self, scan: &Scan, number: &Number) -> bool {
        let raw = scan.raw(number.tokens.start);
        !number.words
            && number.tokens.len() == 1
            && raw.len() == 4
            && raw.bytes().all(|b| b.is_ascii_digit())
            && (1000.0..=2100.0).contains(&number.value)
    }

    /// Whether the number ends in a collective noun that takes "de": "deux millions",
    /// "1,5 milliard", "une centaine".
    fn ends_collective(&self, scan: &mut Scan, number: &Number) -> bool {
        let last = number.tokens.end - 1;
        scan.tokens[last].kind == TokenKind::Word
            && matches!(
                self.lang.number_word(scan.low(last)),
                Some(NumberWord::Multiplier(_) | NumberWord::Approx(_))
            )
    }

    /// The counted noun starting at token `k`, and the token after any adjectives skipped.
    /// `None` when the word there makes the number no count ("ans", "novembre", "km").
    #[allow(clippy::type_complexity)]
    fn noun(&self, scan: &mut Scan, k: usize, value: f64) -> Option<(Option<Noun>, usize)> {
        let lex = &self.lex;
        if let Some((len, kind)) = lex.units.at(scan, k) {
            let noun = Noun {
                tokens: (k, k + len),
                kind: Some(kind),
                person: false,
            };
            return Some((Some(noun), k));
        }
        // A measure is a count of its unit, kind OTHER: "43 mètres", "3.700 km", "20 km/h".
        if scan.inside(k) && lex.not_counted.get(scan.low(k)) == Some(&Stop::Measure) {
            let noun = Noun {
                tokens: (k, k + 1),
                kind: None,
                person: false,
            };
            return Some((Some(noun), k));
        }
        if scan.inside(k) && lex.not_counted.contains_key(scan.low(k)) {
            return None;
        }
        let mut k = k;
        let mut skipped = 0;
        while skipped < 2 && scan.inside(k) && lex.adjectives.contains(scan.low(k)) {
            k += 1;
            skipped += 1;
        }
        if scan.inside(k) && lex.not_counted.contains_key(scan.low(k)) {
            return None;
        }
        // An adjective for people with no noun after it is the noun: "cinq jeunes -".
        if skipped > 0 && !self.is_noun(scan, k, value) && lex.persons.at(scan, k - 1).is_some() {
            let noun = Noun {
                tokens: (k - 1, k),
                kind: None,
                person: true,
            };
            return Some((Some(noun), k - 1));
        }
        let found = |len: usize, kind: Option<CountKind>, person: bool| {
            Some((
                Some(Noun {
                    tokens: (k, k + len),
                    kind,
                    person,
                }),
                k,
            ))
        };
        if let Some((len, kind)) = lex.nouns.at(scan, k) {
            return found(len, Some(kind), false);
        }
        // A participle used as a noun: "12 tués", "3 interpellées".
        if let Some((len, kind)) = lex.after_people.at(scan, k) {
            return found(len, Some(kind), false);
        }
        if let Some((len, ())) = lex.persons.at(scan, k) {
            return found(len, None, true);
        }
        if !self.is_noun(scan, k, value) {
            return Some((None, k));
        }
        let capitalised = scan.raw(k).starts_with(char::is_uppercase);
        let mut len = 1;
        // One bare complement for things: "bâtiments de guerre", "tonnes de cocaïne".
        if !capitalised
            && (scan.is(k + 1, "de") || scan.is(k + 1, "d'"))
            && self.is_bare_noun(scan, k + 2)
        {
            len = 3;
        }
        found(len, None, capitalised)
    }

    /// A word that may be a counted noun: not a function word, number word, time word, nor
    /// (after a plural number) a verb in "-ent" ("deux restent").
    fn is_noun(&self, scan: &mut Scan, k: usize, value: f64) -> bool {
        if !scan.inside(k) || scan.tokens[k].kind != TokenKind::Word {
            return false;
        }
        let capitalised = scan.raw(k).starts_with(char::is_uppercase);
        let lex = &self.lex;
        let low = scan.low(k);
        if !low.starts_with(char::is_alphabetic)
            || lex.function.contains(low)
            || lex.skip.contains(low)
            || lex.starters.contains(low)
            || lex.not_counted.contains_key(low)
        {
            return false;
        }
        !(value >= 2.0 && !capitalised && low.ends_with("ent"))
    }

    /// A lower-case noun with no determiner, as in a complement "de guerre".
    fn is_bare_noun(&self, scan: &mut Scan, k: usize) -> bool {
        scan.raw(k).starts_with(char::is_lowercase)
            && self.is_noun(scan, k, 1.0)
            && self.lex.units.at(scan, k).is_none()
            && self.lex.nouns.at(scan, k).is_none()
            && self.lex.after_people.at(scan, k).is_none()
            && self.lex.after_things.at(scan, k).is_none()
    }

    /// A verb phrase after the noun (auxiliaries and adverbs allowed between, and one
    /// adjective right after a noun): "ont été tuées", "syriens tués", "saisies".
    fn kind_after(
        &self,
        scan: &mut Scan,
        from: usize,
        people: bool,
        things: bool,
        has_noun: bool,
    ) -> Option<CountKind> {
        let lex = &self.lex;
        let mut k = from;
        for _ in 0..8 {
            if !scan.inside(k) {
                return None;
            }
            if people {
                if let Some((_, kind)) = lex.after_people.at(scan, k) {
                    return Some(kind);
                }
            }
            if things {
                if let Some((_, kind)) = lex.after_things.at(scan, k) {
                    return Some(kind);
                }
            }
            if lex.clause.contains(scan.low(k)) {
                // "32.877 personnes ayant contracté le virus sont décédées": the participle
                // clause is skipped to the next auxiliary, the main verb's.
                let to = (k + CLAUSE_MAX).min(scan.end);
                match (k + 2..to).find(|&c| lex.auxiliaries.contains(scan.low(c))) {
                    Some(aux) => k = aux,
                    None => return None,
                }
            } else if scan.is(k, ",") && scan.is(k + 1, "dont") {
                // ", dont deux enfants, ont été tuées": skip the aside to its closing comma.
                match (k + 2..(k + 12).min(scan.end)).find(|&c| scan.is(c, ",")) {
                    Some(close) => k = close + 1,
                    None => return None,
                }
            } else if lex.skip.contains(scan.low(k)) {
                k += 1;
            } else if has_noun && k == from && self.is_bare_noun(scan, k) {
                // An adjective after the noun: "civils syriens tués".
                k += 1;
            } else {
                return None;
            }
        }
        None
    }

    /// A verb phrase that ends before the count (adverbs allowed between): "tuant",
    /// "a fait", "coûté la vie à".
    fn kind_before(
        &self,
        scan: &mut Scan,
        floor: usize,
        start: usize,
        people: bool,
        things: bool,
    ) -> Option<CountKind> {
        let lex = &self.lex;
        let floor = floor.max(scan.start);
        let mut end = start;
        for _ in 0..4 {
            if people {
                if let Some((_, kind)) = lex.before_people.ending_at(scan, floor, end) {
                    return Some(kind);
                }
            }
            if things {
                if let Some((_, kind)) = lex.before_things.ending_at(scan, floor, end) {
                    return Some(kind);
                }
            }
            if end > floor && lex.skip.contains(scan.low(end - 1)) {
                end -= 1;
            } else {
                return None;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Metadata};
    use crate::Pipeline;

    fn annotated(text: &str) -> Document {
        let meta = Metadata {
            title_from_first_line: false,
            ..Metadata::default()
        };
        let mut doc = Document::new(meta, text.to_string());
        Pipeline::new("fr").expect("French").annotate(&mut doc);
        doc
    }

    fn counts(text: &str) -> Vec<(String, &'static str, f64)> {
        let doc = annotated(text);
        doc.counts
            .iter()
            .map(|c| (doc.slice(c.span).to_string(), c.kind.as_str(), c.number))
            .collect()
    }

    fn wholes(text: &str) -> Vec<(String, Option<usize>)> {
        let doc = annotated(text);
        doc.counts
            .iter()
            .map(|c| (doc.slice(c.span).to_string(), c.part_of))
            .collect()
    }

    #[test]
    fn links_sub_counts_to_their_whole() {
        let got = wholes(
            "L'attaque a fait 39 morts, dont trois enfants et deux femmes. \
             Au total, 140.227 cas ont été confirmés, dont 708 en 24 heures.",
        );
        let whole = |text: &str| got.iter().find(|(t, _)| t == text).map(|(_, w)| *w);
        assert_eq!(whole("39 morts"), Some(None), "{got:?}");
        assert_eq!(whole("trois enfants"), Some(Some(0)), "{got:?}");
        assert_eq!(whole("deux femmes"), Some(Some(0)), "{got:?}");
        let total = got.iter().position(|(t, _)| t == "140.227 cas");
        assert!(total.is_some(), "{got:?}");
        assert_eq!(whole("708"), Some(total), "{got:?}");
        // Counts side by side are no parts of each other.
        let got = wholes("Le bilan est de 15 morts et 40 blessés.");
        assert!(got.iter().all(|(_, w)| w.is_none()), "{got:?}");
    }

    #[test]
    fn reads_a_kill_count() {
        assert_eq!(
            counts("Le conflit a fait plus de 250.000 morts."),
            [("plus de 250.000 morts".to_string(), "KILL", 250000.0)]
        );
    }
}
