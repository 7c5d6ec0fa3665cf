//! The Indonesian analyzer: how a text becomes search terms, the same way for indexing, querying, text relevance
//! and highlighting.
//!
//! A text is split into words (runs of letters and digits), each word is lowercased and folded to ASCII
//! (`é` → `e`), stop words (`yang`, `dan`, `the`, ...) are dropped, and what is left is stemmed by
//! [`crate::stem::stem`] (`pengelasan` → `las`). Synonyms are not applied here: they are expanded at query time
//! (see [`crate::synonyms`]) so that an officer's edit takes effect without reindexing.

use std::collections::BTreeSet;

/// Words longer than this are dropped (base64 blobs, URLs glued together): nobody searches for them.
const MAX_WORD_CHARS: usize = 40;

/// One analysed word with where it sits in the original text (byte offsets), for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The search term: folded, lowercased, stemmed.
    pub term: String,
    /// The folded, lowercased word before stemming (used for typo tolerance on the query side).
    pub word: String,
    /// Byte offset of the word's first character in the original text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
}

/// Analyses `text` into tokens in order (stop words and over-long words removed).
pub fn analyze(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (start, end) in word_spans(text) {
        let word = fold_word(&text[start..end]);
        if word.is_empty() || word.chars().count() > MAX_WORD_CHARS || is_stop_word(&word) {
            continue;
        }
        let term = crate::stem::stem(&word);
        tokens.push(Token {
            term,
            word,
            start,
            end,
        });
    }
    tokens
}

/// The analysed terms of `text`, in order of first appearance, each once.
pub fn distinct_terms(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    analyze(text)
        .into_iter()
        .filter_map(|token| seen.insert(token.term.clone()).then_some(token.term))
        .collect()
}

/// Byte spans of the words of `text`: maximal runs of alphanumeric characters.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (index, character) in text.char_indices() {
        match (character.is_alphanumeric(), start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                spans.push((begin, index));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        spans.push((begin, text.len()));
    }
    spans
}

/// Lowercases and folds a word to ASCII letters and digits; characters with no ASCII equivalent are kept
/// lowercased (Indonesian text is ASCII in practice; this only tidies loanwords and typing accidents).
pub fn fold_word(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for character in word.chars().flat_map(char::to_lowercase) {
        match fold_char(character) {
            Some(replacement) => folded.push_str(replacement),
            None => folded.push(character),
        }
    }
    folded
}

/// The ASCII spelling of an accented Latin letter (already lowercased), if it has one.
fn fold_char(character: char) -> Option<&'static str> {
    Some(match character {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Function words of Indonesian and English that carry no meaning for matching.
const STOP_WORDS: &[&str] = &[
    // Indonesian
    "ada", "adalah", "agar", "akan", "anda", "antara", "atau", "bagi", "bahwa", "dalam", "dan",
    "dapat", "dari", "dengan", "di", "harus", "ini", "itu", "jika", "juga", "kami", "ke", "kita",
    "lain", "maupun", "memiliki", "mampu", "oleh", "pada", "para", "saat", "sebagai", "secara",
    "sedang", "serta", "sudah", "telah", "tentang", "tersebut", "tidak", "untuk", "yaitu", "yang",
    // English
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or",
    "the", "to", "with",
];

/// Whether a folded word is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|token| token.term).collect()
    }

    #[test]
    fn case_and_accents_are_folded() {
        assert_eq!(terms("LAS Listrik"), terms("las listrik"));
        assert_eq!(fold_word("Résépsionis"), "resepsionis");
        assert_eq!(fold_word("CAFÉ"), "cafe");
    }

    #[test]
    fn stop_words_are_dropped_and_offsets_point_into_the_original_text() {
        let text = "Juru las yang berpengalaman";
        let tokens = analyze(text);
        assert_eq!(tokens.len(), 3);
        assert_eq!(&text[tokens[1].start..tokens[1].end], "las");
        assert_eq!(&text[tokens[2].start..tokens[2].end], "berpengalaman");
    }

    #[test]
    fn punctuation_splits_words_and_digits_stay() {
        assert_eq!(terms("las 3G/SMAW, K3"), vec!["las", "3g", "smaw", "k3"]);
    }

    #[test]
    fn distinct_terms_keep_first_appearance_order() {
        assert_eq!(
            distinct_terms("mengelas, pengelasan dan las pipa"),
            vec!["las", "pipa"]
        );
    }
}
