//! Evaluations against gold data: each one reads a standard format, runs the same code as
//! `depeche extract`, and reports precision, recall and F1 that anyone can reproduce with the
//! printed command.

pub mod events;
pub mod html;
pub mod links;
pub mod ner;
pub mod news;
pub mod parse;
pub mod time;
pub mod tokens;

/// `a / b` for accuracies, 0 when there is nothing to count.
pub(crate) fn fraction(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
