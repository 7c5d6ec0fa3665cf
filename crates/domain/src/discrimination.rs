//! Discrimination check on vacancy text (title, description, requirements).
//!
//! Flags maximum-age limits, appearance requirements, marital-status requirements, single-sex
//! requirements and religion requirements, each with the matched text and a bilingual
//! explanation. A flag is not a rejection: the employer may keep the requirement with a written
//! [`Justification`] of its kind (e.g. a female nurse for a women's ward), and a vacancy is
//! reportable only when every flag's kind is justified. The ranking never uses these criteria.
//!
//! Matching is on lowercased words, not substrings, so "Pria/Wanita" (both sexes) and
//! "gaji menarik" (attractive pay) are not flagged, while "berpenampilan menarik" is.

use crate::error::{FieldError, Localised};
use crate::vocab::vocabulary;

vocabulary! {
    /// What kind of discriminatory requirement a flag is about.
    DiscriminationKind, "discrimination kind", "jenis syarat diskriminatif" {
        /// A maximum age ("usia maksimal 25 tahun", "umur 18-25").
        AgeLimit = "age_limit", "Batas usia maksimal", "Maximum age limit";
        /// Looks ("berpenampilan menarik", "good looking").
        Appearance = "appearance", "Syarat penampilan", "Appearance requirement";
        /// Marital status ("belum menikah", "single").
        MaritalStatus = "marital_status", "Syarat status perkawinan", "Marital status requirement";
        /// One sex only ("pria", "wanita", "male only").
        Sex = "sex", "Syarat jenis kelamin", "Sex requirement";
        /// A religion ("beragama Islam", "muslim").
        Religion = "religion", "Syarat agama", "Religion requirement";
    }
}

impl DiscriminationKind {
    /// Why the requirement is flagged and what to do, in English.
    pub const fn explanation_en(self) -> &'static str {
        match self {
            DiscriminationKind::AgeLimit => {
                "A maximum age shuts out experienced job seekers and is discouraged by the 2025 ministry circular on fair recruitment; remove it, or explain why the job itself requires it."
            }
            DiscriminationKind::Appearance => {
                "An attractive-appearance requirement judges people on looks rather than competence and is discouraged by the 2025 ministry circular; remove it, or explain the job-related need (for example a uniform or hygiene standard)."
            }
            DiscriminationKind::MaritalStatus => {
                "Marital status says nothing about the ability to do a job; remove it, or explain why the job requires it."
            }
            DiscriminationKind::Sex => {
                "Limiting a vacancy to one sex shuts out qualified people (UU 13/2003 articles 5 and 6 require equal opportunity); remove it, or explain the genuine occupational requirement."
            }
            DiscriminationKind::Religion => {
                "Requiring a religion shuts out qualified people (UU 13/2003 articles 5 and 6); remove it, or explain why the position genuinely requires it (for example teaching religion)."
            }
        }
    }

    /// Why the requirement is flagged and what to do, in Indonesian.
    pub const fn explanation_id(self) -> &'static str {
        match self {
            DiscriminationKind::AgeLimit => {
                "Batas usia maksimal menutup kesempatan pencari kerja yang berpengalaman dan tidak dianjurkan oleh surat edaran Menteri Ketenagakerjaan tahun 2025 tentang rekrutmen yang adil; hapus, atau jelaskan mengapa pekerjaan ini memang memerlukannya."
            }
            DiscriminationKind::Appearance => {
                "Syarat berpenampilan menarik menilai orang dari rupa, bukan kompetensi, dan tidak dianjurkan oleh surat edaran Menteri Ketenagakerjaan tahun 2025; hapus, atau jelaskan kebutuhan yang terkait pekerjaan (misalnya standar seragam atau kebersihan)."
            }
            DiscriminationKind::MaritalStatus => {
                "Status perkawinan tidak menunjukkan kemampuan seseorang untuk bekerja; hapus, atau jelaskan mengapa pekerjaan ini memerlukannya."
            }
            DiscriminationKind::Sex => {
                "Membatasi lowongan untuk satu jenis kelamin menutup kesempatan orang yang mampu (UU 13/2003 pasal 5 dan 6 mewajibkan kesempatan yang sama); hapus, atau jelaskan syarat jabatan yang sesungguhnya."
            }
            DiscriminationKind::Religion => {
                "Mensyaratkan agama tertentu menutup kesempatan orang yang mampu (UU 13/2003 pasal 5 dan 6); hapus, atau jelaskan mengapa jabatan ini memang memerlukannya (misalnya guru agama)."
            }
        }
    }
}

vocabulary! {
    /// The part of a vacancy a flag was found in.
    VacancyTextField, "vacancy text field", "bagian teks lowongan" {
        /// The job title.
        Title = "title", "Judul", "Title";
        /// The description.
        Description = "description", "Deskripsi", "Description";
        /// The requirements text.
        Requirements = "requirements", "Persyaratan", "Requirements";
        /// The structured sex requirement (`L`/`P`) of a vacancy.
        SexRequirement = "sex_requirement", "Syarat jenis kelamin", "Sex requirement";
    }
}

/// One possibly discriminatory requirement found in a vacancy's text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiscriminationFlag {
    /// What kind of requirement.
    pub kind: DiscriminationKind,
    /// Where it was found.
    pub field: VacancyTextField,
    /// The text as written, e.g. "Usia maksimal 25 tahun".
    pub matched_text: String,
    /// Byte offset of the match in the field's text.
    pub start: usize,
    /// Byte offset just after the match.
    pub end: usize,
}

impl DiscriminationFlag {
    /// Explanation in English.
    pub fn explanation_en(&self) -> &'static str {
        self.kind.explanation_en()
    }

    /// Explanation in Indonesian.
    pub fn explanation_id(&self) -> &'static str {
        self.kind.explanation_id()
    }
}

/// Minimum length of a justification, so "ok" does not count as one. A policy choice (to confirm
/// with the labour office).
pub const MIN_JUSTIFICATION_CHARS: usize = 20;
/// Maximum length of a justification.
pub const MAX_JUSTIFICATION_CHARS: usize = 1000;

/// The employer's written reason for keeping every requirement of one kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Justification {
    kind: DiscriminationKind,
    reason: String,
}

/// Why a justification is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JustificationError {
    /// Too short to be a reason.
    #[error("justification must explain the reason in at least {min} characters, got {got}")]
    TooShort {
        /// The minimum.
        min: usize,
        /// Characters given.
        got: usize,
    },
    /// Too long.
    #[error("justification must have at most {max} characters, got {got}")]
    TooLong {
        /// The maximum.
        max: usize,
        /// Characters given.
        got: usize,
    },
}

impl Localised for JustificationError {
    fn code(&self) -> &'static str {
        match self {
            JustificationError::TooShort { .. } => "justification_too_short",
            JustificationError::TooLong { .. } => "justification_too_long",
        }
    }

    fn message_id(&self) -> String {
        match self {
            JustificationError::TooShort { min, got } => {
                format!("Alasan harus dijelaskan minimal {min} karakter, diterima {got}")
            }
            JustificationError::TooLong { max, got } => {
                format!("Alasan maksimal {max} karakter, diterima {got}")
            }
        }
    }
}

impl Justification {
    /// A justification for one kind of flag; the reason is trimmed and must be a real sentence.
    pub fn new(
        kind: DiscriminationKind,
        reason: &str,
    ) -> Result<Justification, JustificationError> {
        let trimmed = reason.trim();
        let count = trimmed.chars().count();
        if count < MIN_JUSTIFICATION_CHARS {
            return Err(JustificationError::TooShort {
                min: MIN_JUSTIFICATION_CHARS,
                got: count,
            });
        }
        if count > MAX_JUSTIFICATION_CHARS {
            return Err(JustificationError::TooLong {
                max: MAX_JUSTIFICATION_CHARS,
                got: count,
            });
        }
        Ok(Justification {
            kind,
            reason: trimmed.to_string(),
        })
    }

    /// The kind of flag it covers.
    pub fn kind(&self) -> DiscriminationKind {
        self.kind
    }

    /// The reason as written.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Flags in a vacancy's three text fields, in field order then position.
pub fn check_vacancy_text(
    title: &str,
    description: &str,
    requirements: &str,
) -> Vec<DiscriminationFlag> {
    let mut flags = check_text(VacancyTextField::Title, title);
    flags.extend(check_text(VacancyTextField::Description, description));
    flags.extend(check_text(VacancyTextField::Requirements, requirements));
    flags
}

/// The flag for a vacancy's structured sex requirement (`matched_text` is `L` or `P`).
pub fn sex_requirement_flag(sex: crate::vocab::Sex) -> DiscriminationFlag {
    DiscriminationFlag {
        kind: DiscriminationKind::Sex,
        field: VacancyTextField::SexRequirement,
        matched_text: sex.as_str().to_string(),
        start: 0,
        end: sex.as_str().len(),
    }
}

/// The flags not covered by a justification of their kind.
pub fn unjustified<'a>(
    flags: &'a [DiscriminationFlag],
    justifications: &[Justification],
) -> Vec<&'a DiscriminationFlag> {
    flags
        .iter()
        .filter(|flag| !justifications.iter().any(|j| j.kind == flag.kind))
        .collect()
}

/// `Ok` when every flag is justified; otherwise one field error per unjustified flag, on the
/// field where the text was found (code `discrimination_unjustified`).
pub fn ensure_justified(
    flags: &[DiscriminationFlag],
    justifications: &[Justification],
) -> Result<(), Vec<FieldError>> {
    let errors: Vec<FieldError> = unjustified(flags, justifications)
        .into_iter()
        .map(|flag| {
            FieldError::new(
                flag.field.as_str(),
                "discrimination_unjustified",
                format!(
                    "{} '{}' must be removed or justified",
                    flag.kind.label_en().to_lowercase(),
                    flag.matched_text
                ),
                format!(
                    "{} '{}' harus dihapus atau dijelaskan alasannya",
                    flag.kind.label_id(),
                    flag.matched_text
                ),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Flags in one text.
pub fn check_text(field: VacancyTextField, text: &str) -> Vec<DiscriminationFlag> {
    let tokens = tokenize(text);
    let mut spans: Vec<(DiscriminationKind, usize, usize)> = Vec::new();
    find_age_limits(&tokens, &mut spans);
    find_appearance(&tokens, &mut spans);
    find_marital_status(&tokens, &mut spans);
    find_sex(&tokens, &mut spans);
    find_religion(&tokens, &mut spans);

    // Keep the earliest, widest span of each overlapping group of the same kind.
    spans.sort_by_key(|&(kind, first, last)| (kind, first, std::cmp::Reverse(last)));
    let mut kept: Vec<(DiscriminationKind, usize, usize)> = Vec::new();
    for span in spans {
        let overlaps = kept
            .iter()
            .any(|&(kind, first, last)| kind == span.0 && span.1 <= last && first <= span.2);
        if !overlaps {
            kept.push(span);
        }
    }
    kept.sort_by_key(|&(_, first, _)| first);
    kept.into_iter()
        .map(|(kind, first, last)| {
            let start = tokens[first].start;
            let end = tokens[last].end;
            DiscriminationFlag {
                kind,
                field,
                matched_text: text[start..end].to_string(),
                start,
                end,
            }
        })
        .collect()
}

/// A lowercased word with its byte span in the original text.
#[derive(Debug)]
struct Token {
    word: String,
    start: usize,
    end: usize,
    /// A sentence or list-item boundary lies between this token and the previous one.
    break_before: bool,
}

/// Splits into runs of letters or runs of digits ("25th" is "25", "th"), lowercased, marking
/// boundaries (newline, `;`, `!`, `?`, bullets, or a full stop before a capital) so a match
/// never spans two requirements. "laki-laki" is kept as one word.
fn tokenize(text: &str) -> Vec<Token> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (index, character) in text.char_indices() {
        let is_digit = character.is_numeric();
        let is_word = character.is_alphanumeric();
        match current {
            Some((_, was_digit)) if is_word && was_digit == is_digit => {}
            Some((start, _)) => {
                raw.push((start, index));
                current = is_word.then_some((index, is_digit));
            }
            None => {
                current = is_word.then_some((index, is_digit));
            }
        }
    }
    if let Some((start, _)) = current {
        raw.push((start, text.len()));
    }

    let mut tokens: Vec<Token> = Vec::with_capacity(raw.len());
    let mut previous_end = 0;
    for (start, end) in raw {
        let gap = &text[previous_end..start];
        let word = text[start..end].to_lowercase();
        let starts_upper = text[start..end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let break_before =
            gap.contains(['\n', ';', '!', '?', '•', '*']) || (gap.contains('.') && starts_upper);
        let joins_laki = word == "laki"
            && matches!(gap, "-" | " ")
            && tokens.last().is_some_and(|last| last.word == "laki");
        if joins_laki {
            if let Some(last) = tokens.last_mut() {
                last.word = "laki-laki".to_string();
                last.end = end;
            }
        } else {
            tokens.push(Token {
                word,
                start,
                end,
                break_before,
            });
        }
        previous_end = end;
    }
    tokens
}

fn word_at(tokens: &[Token], index: usize) -> &str {
    tokens.get(index).map(|t| t.word.as_str()).unwrap_or("")
}

/// No boundary between tokens `first` and `last` (inclusive of `last`'s break marker).
fn same_clause(tokens: &[Token], first: usize, last: usize) -> bool {
    last < tokens.len() && (first + 1..=last).all(|index| !tokens[index].break_before)
}

/// Length of `phrase` if it starts at `index` within the same clause.
fn phrase_at(tokens: &[Token], index: usize, phrase: &[&str]) -> Option<usize> {
    let last = index + phrase.len() - 1;
    let matches = phrase
        .iter()
        .enumerate()
        .all(|(offset, word)| word_at(tokens, index + offset) == *word);
    (matches && same_clause(tokens, index, last)).then_some(phrase.len())
}

/// Length of the first of `phrases` starting at `index`.
fn any_phrase_at(tokens: &[Token], index: usize, phrases: &[&[&str]]) -> Option<usize> {
    phrases
        .iter()
        .find_map(|phrase| phrase_at(tokens, index, phrase))
}

const AGE_WORDS: &[&str] = &["usia", "umur", "age", "aged", "berusia", "berumur"];
const YEAR_WORDS: &[&str] = &[
    "tahun", "thn", "th", "thun", "years", "year", "yrs", "yr", "yo", "y",
];
/// "At most", in age context.
const MAX_PHRASES: &[&[&str]] = &[
    &["maksimal"],
    &["maksimum"],
    &["maks"],
    &["max"],
    &["maximum"],
    &["maximal"],
    &["dibawah"],
    &["di", "bawah"],
    &["below"],
    &["under"],
    &["tidak", "lebih", "dari"],
    &["tidak", "lebih"],
    &["kurang", "dari"],
    &["paling", "tinggi"],
    &["not", "older", "than"],
    &["no", "older", "than"],
    &["not", "over"],
    &["younger", "than"],
    &["up", "to"],
];
/// "At most", when followed by a number and "tahun" even without an age word.
const STANDALONE_MAX_PHRASES: &[&[&str]] = &[
    &["maksimal"],
    &["maksimum"],
    &["maks"],
    &["max"],
    &["maximum"],
    &["dibawah"],
    &["di", "bawah"],
    &["below"],
    &["under"],
    &["tidak", "lebih", "dari"],
    &["not", "older", "than"],
];
const RANGE_CONNECTORS: &[&str] = &[
    "s", "d", "sd", "sampai", "hingga", "to", "until", "dan", "and", "tahun", "thn", "th", "years",
];
const YOUNGER_SUFFIXES: &[&[&str]] = &[
    &["ke", "bawah"],
    &["kebawah"],
    &["or", "younger"],
    &["or", "less"],
    &["and", "below"],
    &["and", "under"],
];

/// A number that reads as an age limit (15–75), so "maksimal 2 tahun" experience is not one.
fn plausible_age(tokens: &[Token], index: usize) -> bool {
    let word = word_at(tokens, index);
    word.len() <= 2
        && word.bytes().all(|b| b.is_ascii_digit())
        && word.parse::<u8>().is_ok_and(|age| (15..=75).contains(&age))
}

/// Extends a span over a following year word ("25" → "25 tahun").
fn with_year_word(tokens: &[Token], last: usize) -> usize {
    if YEAR_WORDS.contains(&word_at(tokens, last + 1)) && same_clause(tokens, last, last + 1) {
        last + 1
    } else {
        last
    }
}

fn find_age_limits(tokens: &[Token], spans: &mut Vec<(DiscriminationKind, usize, usize)>) {
    let kind = DiscriminationKind::AgeLimit;
    for index in 0..tokens.len() {
        let word = word_at(tokens, index);

        if AGE_WORDS.contains(&word) {
            // "usia maksimal 25 tahun", "usia minimal 18 tahun maksimal 35", "age below 30".
            for max_at in index + 1..=index + 5 {
                if !same_clause(tokens, index, max_at) {
                    break;
                }
                let Some(length) = any_phrase_at(tokens, max_at, MAX_PHRASES) else {
                    continue;
                };
                for number_at in [max_at + length, max_at + length + 1] {
                    if same_clause(tokens, index, number_at) && plausible_age(tokens, number_at) {
                        spans.push((kind, index, with_year_word(tokens, number_at)));
                        break;
                    }
                }
                break;
            }
            // "umur 18-25", "usia 20 s/d 30 tahun", "aged 18 to 25".
            let first_number = (index + 1..=index + 3)
                .take_while(|&at| same_clause(tokens, index, at))
                .find(|&at| plausible_age(tokens, at));
            if let Some(first_number) = first_number {
                let mut at = first_number + 1;
                while at <= first_number + 3
                    && same_clause(tokens, index, at)
                    && RANGE_CONNECTORS.contains(&word_at(tokens, at))
                {
                    at += 1;
                }
                let is_range = same_clause(tokens, index, at)
                    && plausible_age(tokens, at)
                    && word_at(tokens, at).parse::<u8>().ok()
                        > word_at(tokens, first_number).parse::<u8>().ok();
                if is_range {
                    spans.push((kind, index, with_year_word(tokens, at)));
                }
            }
        }

        // "maksimal usia 30 tahun", "maximum age 30".
        if let Some(length) = any_phrase_at(tokens, index, MAX_PHRASES) {
            let age_at = index + length;
            if AGE_WORDS.contains(&word_at(tokens, age_at)) && same_clause(tokens, index, age_at) {
                for number_at in [age_at + 1, age_at + 2] {
                    if same_clause(tokens, index, number_at) && plausible_age(tokens, number_at) {
                        spans.push((kind, index, with_year_word(tokens, number_at)));
                        break;
                    }
                }
            }
        }

        // "max 30 th", "di bawah 30 tahun", "under 30 years".
        if let Some(length) = any_phrase_at(tokens, index, STANDALONE_MAX_PHRASES) {
            let number_at = index + length;
            let year_at = number_at + 1;
            if same_clause(tokens, index, year_at)
                && plausible_age(tokens, number_at)
                && YEAR_WORDS.contains(&word_at(tokens, year_at))
            {
                spans.push((kind, index, year_at));
            }
        }

        // "30 tahun ke bawah", "35 years or younger".
        if plausible_age(tokens, index)
            && YEAR_WORDS.contains(&word_at(tokens, index + 1))
            && let Some(length) = any_phrase_at(tokens, index + 2, YOUNGER_SUFFIXES)
        {
            let last = index + 1 + length;
            if same_clause(tokens, index, last) {
                spans.push((kind, index, last));
            }
        }
    }
}

fn find_appearance(tokens: &[Token], spans: &mut Vec<(DiscriminationKind, usize, usize)>) {
    const LOOKS_WORDS: &[&str] = &["cantik", "tampan", "ganteng", "rupawan", "goodlooking"];
    const LOOKS_PHRASES: &[&[&str]] = &[
        &["good", "looking"],
        &["good", "appearance"],
        &["attractive", "appearance"],
        &["attractive", "looking"],
        &["pleasant", "appearance"],
        &["good", "looks"],
    ];
    // "menarik" alone also means "attractive pay"; only with a looks word before it.
    const LOOKS_CONTEXT: &[&str] = &[
        "penampilan",
        "berpenampilan",
        "wajah",
        "berwajah",
        "paras",
        "berparas",
        "tampilan",
        "fisik",
    ];
    let kind = DiscriminationKind::Appearance;
    for index in 0..tokens.len() {
        let word = word_at(tokens, index);
        if LOOKS_WORDS.contains(&word) {
            spans.push((kind, index, index));
        }
        if let Some(length) = any_phrase_at(tokens, index, LOOKS_PHRASES) {
            spans.push((kind, index, index + length - 1));
        }
        if word == "menarik" {
            let context = (index.saturating_sub(2)..index).find(|&at| {
                LOOKS_CONTEXT.contains(&word_at(tokens, at)) && same_clause(tokens, at, index)
            });
            if let Some(context) = context {
                spans.push((kind, context, index));
            }
        }
    }
}

fn find_marital_status(tokens: &[Token], spans: &mut Vec<(DiscriminationKind, usize, usize)>) {
    const MARITAL_PHRASES: &[&[&str]] = &[
        &["belum", "menikah"],
        &["belum", "kawin"],
        &["belum", "berkeluarga"],
        &["sudah", "menikah"],
        &["sudah", "kawin"],
        &["sudah", "berkeluarga"],
        &["tidak", "menikah"],
        &["status", "menikah"],
        &["lajang"],
        &["janda"],
        &["duda"],
        &["unmarried"],
        &["not", "married"],
        &["must", "be", "married"],
    ];
    // "single" is also "single phase", "single sign-on", "a single point of contact".
    const SINGLE_NOT_MARITAL: &[&str] = &[
        "sign",
        "phase",
        "page",
        "shift",
        "source",
        "point",
        "line",
        "mode",
        "use",
        "entry",
        "board",
        "player",
        "window",
        "door",
        "room",
        "bed",
        "cylinder",
        "axle",
        "stage",
        "core",
        "digit",
        "digits",
        "unit",
        "task",
        "tasking",
        "handed",
        "application",
        "file",
        "step",
        "click",
        "pass",
        "piece",
        "item",
        "storey",
        "story",
        "lane",
        "track",
    ];
    let kind = DiscriminationKind::MaritalStatus;
    for index in 0..tokens.len() {
        if let Some(length) = any_phrase_at(tokens, index, MARITAL_PHRASES) {
            spans.push((kind, index, index + length - 1));
        }
        if word_at(tokens, index) == "single" {
            let next = word_at(tokens, index + 1);
            let next_in_clause = index + 1 < tokens.len() && same_clause(tokens, index, index + 1);
            let technical = next_in_clause && SINGLE_NOT_MARITAL.contains(&next);
            let after_article = index > 0 && word_at(tokens, index - 1) == "a";
            if !technical && !after_article {
                spans.push((kind, index, index));
            }
        }
    }
}

fn find_sex(tokens: &[Token], spans: &mut Vec<(DiscriminationKind, usize, usize)>) {
    const MALE: &[&str] = &["pria", "laki-laki", "lelaki", "cowok", "male", "males"];
    const FEMALE: &[&str] = &["wanita", "perempuan", "cewek", "female", "females"];
    const BOTH_CONNECTORS: &[&str] = &["atau", "dan", "maupun", "or", "and", "serta"];
    let sex_of = |index: usize| -> Option<bool> {
        let word = word_at(tokens, index);
        if MALE.contains(&word) {
            Some(true)
        } else if FEMALE.contains(&word) {
            Some(false)
        } else {
            None
        }
    };
    let kind = DiscriminationKind::Sex;
    for index in 0..tokens.len() {
        let Some(is_male) = sex_of(index) else {
            continue;
        };
        // "Pria/Wanita", "laki-laki atau perempuan", "male and female": open to both.
        let opposite_at = |at: usize| sex_of(at) == Some(!is_male);
        let paired_with_next = (index + 1 < tokens.len()
            && opposite_at(index + 1)
            && same_clause(tokens, index, index + 1))
            || (index + 2 < tokens.len()
                && BOTH_CONNECTORS.contains(&word_at(tokens, index + 1))
                && opposite_at(index + 2)
                && same_clause(tokens, index, index + 2));
        let paired_with_previous =
            (index >= 1 && opposite_at(index - 1) && same_clause(tokens, index - 1, index))
                || (index >= 2
                    && BOTH_CONNECTORS.contains(&word_at(tokens, index - 1))
                    && opposite_at(index - 2)
                    && same_clause(tokens, index - 2, index));
        if paired_with_next || paired_with_previous {
            continue;
        }
        // Take "khusus"/"hanya" before and "only" after into the matched text.
        let first = if index >= 1
            && matches!(word_at(tokens, index - 1), "khusus" | "hanya")
            && same_clause(tokens, index - 1, index)
        {
            index - 1
        } else {
            index
        };
        let last = if word_at(tokens, index + 1) == "only" && same_clause(tokens, index, index + 1)
        {
            index + 1
        } else {
            index
        };
        spans.push((kind, first, last));
    }
}

fn find_religion(tokens: &[Token], spans: &mut Vec<(DiscriminationKind, usize, usize)>) {
    const RELIGIONS: &[&str] = &[
        "islam",
        "muslim",
        "kristen",
        "protestan",
        "katolik",
        "katholik",
        "hindu",
        "buddha",
        "budha",
        "konghucu",
        "christian",
        "catholic",
    ];
    const RELIGION_WORDS: &[&str] = &["muslim", "muslimah", "nasrani", "kristiani"];
    let kind = DiscriminationKind::Religion;
    for index in 0..tokens.len() {
        let word = word_at(tokens, index);
        if RELIGION_WORDS.contains(&word) {
            spans.push((kind, index, index));
        }
        let requires = matches!(word, "beragama" | "agama" | "religion");
        if requires
            && RELIGIONS.contains(&word_at(tokens, index + 1))
            && same_clause(tokens, index, index + 1)
        {
            spans.push((kind, index, index + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    fn kinds_and_matches(text: &str) -> Vec<(DiscriminationKind, String)> {
        check_text(VacancyTextField::Requirements, text)
            .into_iter()
            .map(|flag| (flag.kind, flag.matched_text))
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        kinds_and_matches(text)
            .into_iter()
            .map(|(_, matched)| matched)
            .collect()
    }

    use DiscriminationKind::*;

    #[test]
    fn maximum_age_limits_are_flagged_in_indonesian_and_english() {
        for (text, expected) in [
            ("Usia maksimal 25 tahun", "Usia maksimal 25 tahun"),
            ("usia maks. 30", "usia maks. 30"),
            ("Max 30 th", "Max 30 th"),
            ("Umur 18-25", "Umur 18-25"),
            ("usia 20 s/d 30 tahun", "usia 20 s/d 30 tahun"),
            ("Age below 30", "Age below 30"),
            ("maximum age 35 years", "maximum age 35 years"),
            (
                "usia tidak lebih dari 35 tahun",
                "usia tidak lebih dari 35 tahun",
            ),
            ("berusia di bawah 30 tahun", "berusia di bawah 30 tahun"),
            ("30 tahun ke bawah", "30 tahun ke bawah"),
            ("Maksimal usia 27 tahun", "Maksimal usia 27 tahun"),
            ("max 25th", "max 25th"),
        ] {
            assert_eq!(
                kinds_and_matches(text),
                vec![(AgeLimit, expected.to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn an_age_minimum_alone_is_not_flagged() {
        assert!(flagged("Usia minimal 18 tahun").is_empty());
        assert!(flagged("Berusia 18 tahun ke atas").is_empty());
    }

    #[test]
    fn a_minimum_and_maximum_together_are_flagged_once() {
        assert_eq!(
            flagged("Usia minimal 18 tahun maksimal 35 tahun"),
            vec!["Usia minimal 18 tahun maksimal 35 tahun"]
        );
    }

    #[test]
    fn experience_and_contract_limits_are_not_mistaken_for_age_limits() {
        assert!(flagged("Pengalaman maksimal 2 tahun").is_empty());
        assert!(flagged("Kontrak maksimal 5 tahun, gaji Rp 6.000.000").is_empty());
        assert!(flagged("Max 8 jam per hari").is_empty());
    }

    #[test]
    fn a_limit_in_the_next_requirement_does_not_join_an_age_minimum() {
        let text = "Usia minimal 18 tahun\nMaksimal 20 orang per shift";
        assert!(flagged(text).is_empty(), "{:?}", flagged(text));
    }

    #[test]
    fn appearance_requirements_are_flagged_but_attractive_pay_is_not() {
        assert_eq!(
            kinds_and_matches("Berpenampilan menarik dan rapi"),
            vec![(Appearance, "Berpenampilan menarik".to_string())]
        );
        assert_eq!(flagged("Good looking"), vec!["Good looking"]);
        assert_eq!(flagged("good-looking, komunikatif"), vec!["good-looking"]);
        assert_eq!(
            flagged("Penampilan sangat menarik"),
            vec!["Penampilan sangat menarik"]
        );
        assert!(flagged("Gaji menarik dan fasilitas menarik").is_empty());
        assert!(flagged("Attractive salary").is_empty());
    }

    #[test]
    fn marital_status_requirements_are_flagged() {
        assert_eq!(
            kinds_and_matches("Belum menikah"),
            vec![(MaritalStatus, "Belum menikah".to_string())]
        );
        assert_eq!(flagged("Status: lajang"), vec!["lajang"]);
        assert_eq!(flagged("Single"), vec!["Single"]);
        assert_eq!(
            flagged("must be single, max 25 years"),
            vec!["single", "max 25 years"]
        );
    }

    #[test]
    fn technical_uses_of_single_are_not_marital_status() {
        assert!(flagged("Paham instalasi listrik single phase dan 3 phase").is_empty());
        assert!(flagged("Experience with single sign-on").is_empty());
        assert!(flagged("Be a single point of contact").is_empty());
    }

    #[test]
    fn a_single_sex_requirement_is_flagged() {
        assert_eq!(kinds_and_matches("Pria"), vec![(Sex, "Pria".to_string())]);
        assert_eq!(flagged("Khusus wanita"), vec!["Khusus wanita"]);
        assert_eq!(flagged("Laki-laki, sehat jasmani"), vec!["Laki-laki"]);
        assert_eq!(flagged("perempuan"), vec!["perempuan"]);
        assert_eq!(flagged("Male only"), vec!["Male only"]);
    }

    #[test]
    fn a_vacancy_open_to_both_sexes_is_not_flagged() {
        for text in [
            "Pria/Wanita",
            "Pria / Wanita",
            "Laki-laki atau perempuan",
            "laki-laki/perempuan",
            "Male and female",
            "Wanita maupun pria",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn a_female_only_word_does_not_match_inside_other_words() {
        assert!(flagged("Priangan Timur, Wanitasari").is_empty());
    }

    #[test]
    fn religion_requirements_are_flagged() {
        assert_eq!(
            kinds_and_matches("Beragama Islam"),
            vec![(Religion, "Beragama Islam".to_string())]
        );
        assert_eq!(flagged("Muslimah berhijab"), vec!["Muslimah"]);
    }

    #[test]
    fn a_plain_technical_vacancy_has_no_flags() {
        let text = "Memiliki sertifikat BNSP juru las 3G/6G. Pendidikan minimal SMK.\n\
                    Pengalaman minimal 2 tahun. Bersedia ditempatkan di Balikpapan Utara.";
        assert!(flagged(text).is_empty(), "{:?}", flagged(text));
    }

    #[test]
    fn flags_carry_the_field_and_byte_offsets_of_the_original_text() {
        let flags = check_vacancy_text(
            "Operator Alat Berat (Pria)",
            "Dibutuhkan segera",
            "• SIM B2 umum\n• Usia maksimal 30 tahun",
        );
        assert_eq!(flags.len(), 2);
        assert_eq!(flags[0].field, VacancyTextField::Title);
        assert_eq!(flags[0].kind, Sex);
        assert_eq!(flags[1].field, VacancyTextField::Requirements);
        let requirements = "• SIM B2 umum\n• Usia maksimal 30 tahun";
        assert_eq!(
            &requirements[flags[1].start..flags[1].end],
            "Usia maksimal 30 tahun"
        );
        assert!(flags[1].explanation_id().starts_with("Batas usia maksimal"));
    }

    #[test]
    fn a_vacancy_passes_only_when_every_flagged_kind_is_justified() {
        let flags = check_vacancy_text("Perawat wanita", "", "Usia maksimal 40 tahun");
        let sex_reason = Justification::new(
            Sex,
            "Merawat pasien perempuan di ruang bersalin sesuai aturan rumah sakit",
        )
        .unwrap();
        let errors = ensure_justified(&flags, std::slice::from_ref(&sex_reason)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "requirements");
        assert_eq!(errors[0].code, "discrimination_unjustified");
        assert_eq!(
            errors[0].message_en,
            "maximum age limit 'Usia maksimal 40 tahun' must be removed or justified"
        );
        let age_reason = Justification::new(
            AgeLimit,
            "Program pemagangan pemerintah untuk lulusan baru dengan batas usia dari peraturan",
        )
        .unwrap();
        assert_eq!(ensure_justified(&flags, &[sex_reason, age_reason]), Ok(()));
    }

    #[test]
    fn a_one_word_justification_is_not_accepted() {
        assert_eq!(
            Justification::new(Sex, "  perlu  "),
            Err(JustificationError::TooShort { min: 20, got: 5 })
        );
    }

    proptest! {
        #[test]
        fn checking_arbitrary_text_never_panics_and_offsets_are_valid(text in "\\PC{0,200}") {
            for flag in check_text(VacancyTextField::Description, &text) {
                prop_assert!(flag.start < flag.end && flag.end <= text.len());
                prop_assert_eq!(&text[flag.start..flag.end], flag.matched_text.as_str());
            }
        }

        #[test]
        fn both_sexes_listed_together_are_never_flagged(
            male in proptest::sample::select(vec!["Pria", "Laki-laki", "male"]),
            female in proptest::sample::select(vec!["Wanita", "Perempuan", "female"]),
            connector in proptest::sample::select(vec!["/", " / ", " atau ", " dan ", " or ", " and "]),
        ) {
            let text = format!("{male}{connector}{female}");
            prop_assert!(check_text(VacancyTextField::Requirements, &text).is_empty(), "{}", text);
        }

        #[test]
        fn any_written_maximum_age_is_flagged(age in 15u8..=75, style in 0usize..4) {
            let text = match style {
                0 => format!("Usia maksimal {age} tahun"),
                1 => format!("max {age} th"),
                2 => format!("umur 15-{}", age.max(16)),
                _ => format!("age below {age}"),
            };
            let flags = check_text(VacancyTextField::Requirements, &text);
            prop_assert_eq!(flags.len(), 1, "{}", text);
            prop_assert_eq!(flags[0].kind, AgeLimit);
        }
    }
}
