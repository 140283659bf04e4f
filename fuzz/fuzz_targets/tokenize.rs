//! Tokens and sentences of any UTF-8 paragraph: no panic, every span on char boundaries.
#![no_main]
use depeche::lang::LangData;
use depeche::segment::segment_paragraph;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LANG: OnceLock<LangData> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lang = LANG.get_or_init(|| LangData::load("fr").expect("French data"));
    let (tokens, sentences) = segment_paragraph(text, lang);
    for t in &tokens {
        assert!(text.get(t.span.range()).is_some(), "token {:?}", t.span);
    }
    for s in &sentences {
        assert!(text.get(s.range()).is_some(), "sentence {s:?}");
    }
});
