//! Evaluations against gold data: each one reads a standard format, runs the same code as
//! `depeche extract`, and reports precision, recall and F1 that anyone can reproduce with the
//! printed command.

pub mod events;
pub mod links;
pub mod ner;
pub mod time;
pub mod tokens;
