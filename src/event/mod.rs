//! Event coding.
pub mod codes;
