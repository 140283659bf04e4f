//! Which language a web document is written in, detected from its text (`whatlang`:
//! trigram statistics, no model file, microseconds per article).
//!
//! Only web input is checked (pages, feed items, archive records): there a crawl mixes
//! languages, while a caller who hands over text or JSON Lines chose what to send. A detection
//! counts only when `whatlang` calls it reliable; short or mixed texts keep the language the
//! batch is processed as. Codes are ISO 639-1 where one exists ("fr", "en"), else the ISO
//! 639-3 code whatlang gives.

/// The language of a text, when it can be told reliably.
pub fn detect(text: &str) -> Option<&'static str> {
    let info = whatlang::detect(text)?;
    info.is_reliable().then(|| iso639_1(info.lang().code()))
}

/// ISO 639-3 to ISO 639-1 for the languages of news crawls; others keep their 639-3 code.
fn iso639_1(code: &'static str) -> &'static str {
    match code {
        "fra" => "fr",
        "eng" => "en",
        "deu" => "de",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "tur" => "tr",
        "ara" => "ar",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "fin" => "fi",
        "ces" => "cs",
        "ron" => "ro",
        "hun" => "hu",
        "ell" => "el",
        "heb" => "he",
        "hin" => "hi",
        "cat" => "ca",
        "vie" => "vi",
        "ind" => "id",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_languages_are_told_apart() {
        let fr = "Le ministre de la Défense a annoncé lundi que les troupes resteraient dans \
                  la région jusqu'à la fin de l'année, malgré les critiques de l'opposition.";
        let en = "The defence minister said on Monday that the troops would stay in the region \
                  until the end of the year, despite criticism from the opposition.";
        assert_eq!(detect(fr), Some("fr"));
        assert_eq!(detect(en), Some("en"));
        assert_eq!(detect("OK"), None);
    }
}
