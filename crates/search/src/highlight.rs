//! Highlighting: the words of a text that a query matched, wrapped in `<mark>`, in HTML-escaped text; and a
//! snippet around the first match.

use std::collections::BTreeSet;

use crate::text::analyze;

/// What a query matches, for highlighting: analysed terms (typed and synonyms) and typed words with the number
/// of typos tolerated for each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    pub terms: BTreeSet<String>,
    pub fuzzy_words: Vec<(String, usize)>,
}

impl Matcher {
    /// Byte spans of the matched words of `text`.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        analyze(text)
            .into_iter()
            .filter(|token| {
                self.terms.contains(&token.term)
                    || self
                        .fuzzy_words
                        .iter()
                        .any(|(word, typos)| within_typos(&token.word, word, *typos))
            })
            .map(|token| (token.start, token.end))
            .collect()
    }
}

/// `text` HTML-escaped with each span wrapped in `<mark>…</mark>`.
pub(crate) fn mark(text: &str, spans: &[(usize, usize)]) -> String {
    let mut html = String::with_capacity(text.len() + spans.len() * 13);
    let mut position = 0;
    for &(start, end) in spans {
        if start < position {
            continue;
        }
        escape_into(&mut html, &text[position..start]);
        html.push_str("<mark>");
        escape_into(&mut html, &text[start..end]);
        html.push_str("</mark>");
        position = end;
    }
    escape_into(&mut html, &text[position..]);
    html
}

/// About `width` characters of `text` around its first span (the start when nothing matched), marked and
/// escaped, with `…` where it was cut.
pub(crate) fn snippet(text: &str, spans: &[(usize, usize)], width: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= width {
        return mark(text, spans);
    }
    let anchor = spans.first().map_or(0, |&(start, _)| start);
    // Start about a quarter of the width before the first match, at a word boundary.
    let mut start = text[..anchor.min(text.len())]
        .char_indices()
        .rev()
        .nth(width / 4)
        .map_or(0, |(index, _)| index);
    if start > 0 {
        start = text[start..]
            .find(char::is_whitespace)
            .map_or(start, |offset| start + offset + 1);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(index, _)| start + index);
    if end < text.len() {
        end = text[..end]
            .rfind(char::is_whitespace)
            .filter(|&cut| cut > start)
            .unwrap_or(end);
    }
    let inside: Vec<(usize, usize)> = spans
        .iter()
        .filter(|&&(span_start, span_end)| span_start >= start && span_end <= end)
        .map(|&(span_start, span_end)| (span_start - start, span_end - start))
        .collect();
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    html.push_str(&mark(&text[start..end], &inside));
    if end < text.len() {
        html.push('…');
    }
    html
}

fn escape_into(html: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            other => html.push(other),
        }
    }
}

/// Whether `candidate` is within `typos` edits (insertions, deletions, substitutions, adjacent transpositions)
/// of `word`.
pub(crate) fn within_typos(candidate: &str, word: &str, typos: usize) -> bool {
    let a: Vec<char> = candidate.chars().collect();
    let b: Vec<char> = word.chars().collect();
    if a.len().abs_diff(b.len()) > typos {
        return false;
    }
    // Optimal string alignment distance.
    let mut previous_previous = vec![0usize; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous_previous[j - 2] + 1);
            }
        }
        previous_previous = previous;
        previous = current;
    }
    previous[b.len()] <= typos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_marked_and_the_rest_is_escaped() {
        let matcher = Matcher {
            terms: BTreeSet::from(["las".to_string()]),
            fuzzy_words: vec![],
        };
        let text = "Juru <b>Las</b> & pengelasan pipa";
        let html = mark(text, &matcher.spans(text));
        assert_eq!(
            html,
            "Juru &lt;b&gt;<mark>Las</mark>&lt;/b&gt; &amp; <mark>pengelasan</mark> pipa"
        );
    }

    #[test]
    fn a_snippet_is_cut_around_the_first_match_at_word_boundaries() {
        let text = format!(
            "{} operator excavator {}",
            "awal ".repeat(60),
            "akhir ".repeat(60)
        );
        let matcher = Matcher {
            terms: BTreeSet::from(["excavator".to_string()]),
            fuzzy_words: vec![],
        };
        let html = snippet(&text, &matcher.spans(&text), 80);
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(html.contains("<mark>excavator</mark>"), "{html}");
        assert!(html.chars().count() < 120, "{html}");
    }

    #[test]
    fn typos_count_transpositions_as_one_edit() {
        assert!(within_typos("pengelasan", "pengelsan", 1));
        assert!(within_typos("welder", "wedler", 1));
        assert!(!within_typos("welder", "wlder", 0));
        assert!(!within_typos("operator", "opretaor", 1));
        assert!(within_typos("operator", "opretaor", 2));
    }
}
