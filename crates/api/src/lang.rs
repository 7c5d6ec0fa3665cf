//! The caller's language, from `Accept-Language`: Bahasa Indonesia unless English is preferred.

use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;

/// A language the service answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Bahasa Indonesia, the users' language and the default.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Picks the language from the request's `Accept-Language` header.
    pub fn from_request(request: &HttpRequest) -> Self {
        request
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Self::from_accept_language)
            .unwrap_or_default()
    }

    /// The first of `id`/`en` by quality in an `Accept-Language` value (`en-US,en;q=0.9,id;q=0.8` → English).
    pub fn from_accept_language(value: &str) -> Self {
        let mut best: Option<(f32, Lang)> = None;
        for (position, item) in value.split(',').enumerate() {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "id" | "in" => Lang::Id,
                "en" => Lang::En,
                _ => continue,
            };
            // Earlier entries win ties, as browsers list preferences in order.
            let score = quality - position as f32 * 1e-4;
            if quality > 0.0 && best.is_none_or(|(best_score, _)| score > best_score) {
                best = Some((score, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_is_the_default_when_nothing_known_is_asked_for() {
        assert_eq!(Lang::from_accept_language(""), Lang::Id);
        assert_eq!(Lang::from_accept_language("fr-FR, de;q=0.5"), Lang::Id);
    }

    #[test]
    fn the_higher_quality_language_wins() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,id;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("id-ID,id;q=0.9,en;q=0.8"), Lang::Id);
        assert_eq!(Lang::from_accept_language("en;q=0.2, id;q=0.7"), Lang::Id);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Id);
    }
}
