//! The two tantivy schemas (seekers, vacancies), their field handles, and how a document becomes an index
//! document. Bump [`SCHEMA_VERSION`] whenever a field or the way a field is filled changes: start-up then rebuilds
//! the index instead of reading it with the wrong meaning.

use chrono::NaiveDate;
use jembatan_domain::vocab::{EmploymentType, UnitRequirement};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{TantivyDocument, Term};

use crate::documents::{
    SeekerDocument, VacancyDocument, level_number, licence_bits, licence_cover, pack_unit,
    region_ordinal,
};
use crate::text::analyze;

/// Version of the schemas and of how documents are filled. Stored in every commit.
pub const SCHEMA_VERSION: u32 = 1;

/// A day as a fast-field number: days since 1970-01-01 plus one, so that 0 can mean "none".
pub(crate) fn day_number(day: NaiveDate) -> u64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    u64::try_from((day - epoch).num_days() + 1).unwrap_or(0)
}

/// Inverse of [`day_number`].
pub(crate) fn day_from_number(number: u64) -> Option<NaiveDate> {
    if number == 0 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_days(chrono::Days::new(number - 1))
}

/// Indexed as one raw term per value, doc ids only: the unit, profile and match-term fields.
fn raw_terms() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Term of a seeker's unit at an evidence level: `C.251100.001.01#2`.
pub(crate) fn unit_level_term(field: Field, unit: &str, level: u64) -> Term {
    Term::from_field_text(field, &format!("{unit}#{level}"))
}

/// Term of a vacancy unit with its minimum evidence level (`C.251100.001.01` or `C.251100.001.01@2`).
pub(crate) fn vacancy_unit_term(field: Field, unit: &str, minimum: Option<u64>) -> Term {
    match minimum {
        None => Term::from_field_text(field, unit),
        Some(level) => Term::from_field_text(field, &format!("{unit}@{level}")),
    }
}

/// Fields of the seeker index.
#[derive(Debug, Clone)]
pub(crate) struct SeekerFields {
    pub schema: Schema,
    /// Seeker id as text, to delete and to exclude.
    pub id: Field,
    /// Seeker id, high and low halves (fast), for the tie-break and to return ids.
    pub id_high: Field,
    pub id_low: Field,
    /// One term per unit at its best level (`code#level`).
    pub unit: Field,
    /// Packed `(unit << 2) | level` per unit (fast, multi-valued), for explanations.
    pub units: Field,
    /// Education rank.
    pub education: Field,
    /// Licence classes covered, as bits.
    pub licences: Field,
    /// `(occupation group << 32) | months` per group (fast, multi-valued).
    pub experience: Field,
    /// Distinct analysed profile terms.
    pub profile: Field,
    /// Last active day number (0 = never).
    pub active_day: Field,
    /// Day number on which the document must be rebuilt (u64::MAX = never).
    pub refresh_day: Field,
}

impl SeekerFields {
    pub fn new() -> Self {
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", raw_terms());
        let id_high = builder.add_u64_field("id_high", FAST);
        let id_low = builder.add_u64_field("id_low", FAST);
        let unit = builder.add_text_field("unit", raw_terms());
        let units = builder.add_u64_field("units", FAST);
        let education = builder.add_u64_field("education", FAST);
        let licences = builder.add_u64_field("licences", FAST);
        let experience = builder.add_u64_field("experience", FAST);
        let profile = builder.add_text_field("profile", raw_terms());
        let active_day = builder.add_u64_field("active_day", FAST);
        let refresh_day = builder.add_u64_field("refresh_day", FAST);
        SeekerFields {
            schema: builder.build(),
            id,
            id_high,
            id_low,
            unit,
            units,
            education,
            licences,
            experience,
            profile,
            active_day,
            refresh_day,
        }
    }

    /// The index document of a seeker on `day` (the caller checks `is_matchable` first).
    pub fn document(&self, seeker: &SeekerDocument, day: NaiveDate) -> TantivyDocument {
        let mut document = TantivyDocument::new();
        let uuid = seeker.id.into_inner();
        let (high, low) = uuid.as_u64_pair();
        document.add_text(self.id, uuid.to_string());
        document.add_u64(self.id_high, high);
        document.add_u64(self.id_low, low);
        for (code, level) in seeker.best_evidence(day) {
            let level = level_number(level);
            document.add_text(self.unit, format!("{}#{level}", code.as_str()));
            document.add_u64(self.units, (pack_unit(&code) << 2) | level);
        }
        document.add_u64(self.education, u64::from(seeker.education_level.rank()));
        document.add_u64(self.licences, licence_cover(&seeker.driving_licences));
        for (group, months) in seeker.experience_months(day) {
            document.add_u64(
                self.experience,
                (u64::from(group) << 32) | u64::from(months),
            );
        }
        for term in seeker.profile_terms() {
            document.add_text(self.profile, term);
        }
        document.add_u64(self.active_day, seeker.last_active_on.map_or(0, day_number));
        document.add_u64(
            self.refresh_day,
            seeker.changes_after(day).map_or(u64::MAX, day_number),
        );
        document
    }
}

/// Fields of the vacancy index.
#[derive(Debug, Clone)]
pub(crate) struct VacancyFields {
    pub schema: Schema,
    pub id: Field,
    pub id_high: Field,
    pub id_low: Field,
    /// Required units (`code`, or `code@level` with a minimum).
    pub required_unit: Field,
    /// Optional units, same spelling.
    pub optional_unit: Field,
    /// Number of required units.
    pub required_count: Field,
    /// Number of required units with a minimum evidence level (mandatory).
    pub mandatory_count: Field,
    /// Packed units: `(unit << 4) | (required << 3) | minimum` (minimum 0 = none, else level + 1).
    pub units: Field,
    pub education: Field,
    pub licences: Field,
    /// Region ordinal (0 outside the city, 1–6 kecamatan, 7 the whole city).
    pub region: Field,
    /// Position in `EmploymentType::ALL`.
    pub employment: Field,
    /// Highest wage as a monthly amount.
    pub monthly_wage: Field,
    /// ISCO unit group of the occupation.
    pub occupation_group: Field,
    /// ISCO major group digit (the IPK occupation group).
    pub major_group: Field,
    /// KBLI category letter as 1–21 (0 unknown).
    pub industry: Field,
    pub published_day: Field,
    pub refresh_day: Field,
    /// Text relevance terms: `2:term` (title) or `1:term`.
    pub match_terms: Field,
    /// Analysed terms and folded words, per searched field.
    pub title_terms: Field,
    pub title_words: Field,
    pub unit_terms: Field,
    pub unit_words: Field,
    pub employer_terms: Field,
    pub employer_words: Field,
    pub body_terms: Field,
    pub body_words: Field,
    /// Unit codes (exact), for a query that names a code.
    pub unit_code: Field,
    /// Stored: title, description, requirements (for highlighting) and the summary JSON.
    pub title: Field,
    pub description: Field,
    pub requirements: Field,
    pub summary: Field,
}

impl VacancyFields {
    pub fn new() -> Self {
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", raw_terms());
        let id_high = builder.add_u64_field("id_high", FAST);
        let id_low = builder.add_u64_field("id_low", FAST);
        let required_unit = builder.add_text_field("required_unit", raw_terms());
        let optional_unit = builder.add_text_field("optional_unit", raw_terms());
        let required_count = builder.add_u64_field("required_count", FAST);
        let mandatory_count = builder.add_u64_field("mandatory_count", FAST);
        let units = builder.add_u64_field("units", FAST);
        let education = builder.add_u64_field("education", FAST);
        let licences = builder.add_u64_field("licences", FAST);
        let region = builder.add_u64_field("region", FAST);
        let employment = builder.add_u64_field("employment", FAST);
        let monthly_wage = builder.add_u64_field("monthly_wage", FAST);
        let occupation_group = builder.add_u64_field("occupation_group", FAST);
        let major_group = builder.add_u64_field("major_group", FAST);
        let industry = builder.add_u64_field("industry", FAST);
        let published_day = builder.add_u64_field("published_day", FAST);
        let refresh_day = builder.add_u64_field("refresh_day", FAST | INDEXED);
        let match_terms = builder.add_text_field("match_terms", raw_terms());
        let title_terms = builder.add_text_field("title_terms", raw_terms());
        let title_words = builder.add_text_field("title_words", raw_terms());
        let unit_terms = builder.add_text_field("unit_terms", raw_terms());
        let unit_words = builder.add_text_field("unit_words", raw_terms());
        let employer_terms = builder.add_text_field("employer_terms", raw_terms());
        let employer_words = builder.add_text_field("employer_words", raw_terms());
        let body_terms = builder.add_text_field("body_terms", raw_terms());
        let body_words = builder.add_text_field("body_words", raw_terms());
        let unit_code = builder.add_text_field("unit_code", raw_terms());
        let title = builder.add_text_field("title", STORED);
        let description = builder.add_text_field("description", STORED);
        let requirements = builder.add_text_field("requirements", STORED);
        let summary = builder.add_text_field("summary", STORED);
        VacancyFields {
            schema: builder.build(),
            id,
            id_high,
            id_low,
            required_unit,
            optional_unit,
            required_count,
            mandatory_count,
            units,
            education,
            licences,
            region,
            employment,
            monthly_wage,
            occupation_group,
            major_group,
            industry,
            published_day,
            refresh_day,
            match_terms,
            title_terms,
            title_words,
            unit_terms,
            unit_words,
            employer_terms,
            employer_words,
            body_terms,
            body_words,
            unit_code,
            title,
            description,
            requirements,
            summary,
        }
    }

    /// The index document of a vacancy on `day` (the caller checks `is_live` first).
    pub fn document(&self, vacancy: &VacancyDocument, day: NaiveDate) -> TantivyDocument {
        let mut document = TantivyDocument::new();
        let uuid = vacancy.id.into_inner();
        let (high, low) = uuid.as_u64_pair();
        document.add_text(self.id, uuid.to_string());
        document.add_u64(self.id_high, high);
        document.add_u64(self.id_low, low);

        let mut required = 0u64;
        let mut mandatory = 0u64;
        for unit in &vacancy.units {
            let minimum = unit.min_evidence_level.map(level_number);
            let is_required = unit.requirement == UnitRequirement::Required;
            let field = if is_required {
                required += 1;
                if minimum.is_some() {
                    mandatory += 1;
                }
                self.required_unit
            } else {
                self.optional_unit
            };
            document.add_text(
                field,
                match minimum {
                    None => unit.code.as_str().to_string(),
                    Some(level) => format!("{}@{level}", unit.code.as_str()),
                },
            );
            document.add_text(self.unit_code, unit.code.as_str());
            document.add_u64(
                self.units,
                (pack_unit(&unit.code) << 4)
                    | (u64::from(is_required) << 3)
                    | minimum.map_or(0, |level| level + 1),
            );
        }
        document.add_u64(self.required_count, required);
        document.add_u64(self.mandatory_count, mandatory);
        document.add_u64(
            self.education,
            vacancy
                .min_education
                .map_or(0, |level| u64::from(level.rank())),
        );
        document.add_u64(self.licences, licence_bits(&vacancy.driving_licences));
        document.add_u64(self.region, region_ordinal(vacancy.location.region_code()));
        document.add_u64(self.employment, employment_ordinal(vacancy.employment_type));
        document.add_u64(
            self.monthly_wage,
            u64::try_from(vacancy.monthly_wage_max()).unwrap_or(0),
        );
        document.add_u64(self.occupation_group, u64::from(vacancy.occupation_group()));
        document.add_u64(
            self.major_group,
            u64::from(vacancy.kbji.major_group().to_digit(10).unwrap_or(0)),
        );
        document.add_u64(
            self.industry,
            vacancy
                .industry
                .as_ref()
                .map_or(0, |kbli| u64::from(kbli.category() as u8 - b'A') + 1),
        );
        document.add_u64(
            self.published_day,
            vacancy.published_on.map_or(0, day_number),
        );
        document.add_u64(
            self.refresh_day,
            vacancy.changes_after(day).map_or(u64::MAX, day_number),
        );
        for (term, weight) in vacancy.weighted_terms() {
            document.add_text(self.match_terms, format!("{weight}:{term}"));
        }
        let body = format!("{}\n{}", vacancy.requirements, vacancy.description);
        for (text, terms, words) in [
            (vacancy.title.as_str(), self.title_terms, self.title_words),
            (vacancy.unit_text.as_str(), self.unit_terms, self.unit_words),
            (
                vacancy.employer_name.as_str(),
                self.employer_terms,
                self.employer_words,
            ),
            (body.as_str(), self.body_terms, self.body_words),
        ] {
            let mut seen_terms = std::collections::BTreeSet::new();
            let mut seen_words = std::collections::BTreeSet::new();
            for token in analyze(text) {
                if seen_terms.insert(token.term.clone()) {
                    document.add_text(terms, &token.term);
                }
                if seen_words.insert(token.word.clone()) {
                    document.add_text(words, &token.word);
                }
            }
        }
        document.add_text(self.title, &vacancy.title);
        document.add_text(self.description, &vacancy.description);
        document.add_text(self.requirements, &vacancy.requirements);
        let summary = crate::vacancy_search::VacancySummary::of(vacancy);
        document.add_text(
            self.summary,
            serde_json::to_string(&summary).unwrap_or_default(),
        );
        document
    }
}

/// Position of an employment type in `EmploymentType::ALL`.
pub(crate) fn employment_ordinal(employment_type: EmploymentType) -> u64 {
    EmploymentType::ALL
        .iter()
        .position(|candidate| *candidate == employment_type)
        .map_or(0, |position| position as u64)
}
