//! Reference records of the code tables (`competency_units`, `occupations`, `industries`,
//! `vocations`, `regions`): a code with its titles in Indonesian and English. Each record has a
//! draft (as typed by an officer or read from a CSV row) whose `validate` returns the record or
//! every field error at once.

use serde::{Deserialize, Serialize};

use crate::codes::{CompetencyUnitCode, KbjiCode, KbliCode};
use crate::error::{FieldError, Localised, TextError, optional_text, required_text};
use crate::region::RegionCode;
use crate::vocab::vocabulary;

/// Longest title or name of a reference record, in characters (KBLI titles run long).
pub const MAX_TITLE_CHARS: usize = 300;
/// Most search synonyms one competency unit may carry.
pub const MAX_SYNONYMS: usize = 30;
/// Longest single synonym, in characters.
pub const MAX_SYNONYM_CHARS: usize = 100;

/// Why a taxonomy field is not valid (beyond the code parsers of [`crate::codes`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyError {
    /// Not a lowercase slug `^[a-z][a-z0-9_]{1,39}$`.
    #[error(
        "vocation code must be 2 to 40 lowercase letters, digits or underscores starting with a letter, e.g. alat_berat"
    )]
    VocationCodeFormat,
    /// More synonyms than [`MAX_SYNONYMS`].
    #[error("at most {max} synonyms are allowed, got {got}")]
    TooManySynonyms {
        /// The maximum.
        max: usize,
        /// How many distinct synonyms were given.
        got: usize,
    },
}

impl Localised for TaxonomyError {
    fn code(&self) -> &'static str {
        match self {
            TaxonomyError::VocationCodeFormat => "vocation_code_format",
            TaxonomyError::TooManySynonyms { .. } => "synonyms_too_many",
        }
    }

    fn message_id(&self) -> String {
        match self {
            TaxonomyError::VocationCodeFormat => "Kode kejuruan harus 2 sampai 40 huruf kecil, angka, atau garis bawah dan diawali huruf, misalnya alat_berat".to_string(),
            TaxonomyError::TooManySynonyms { max, got } => {
                format!("Sinonim paling banyak {max}, diterima {got}")
            }
        }
    }
}

/// A vocation (kejuruan) code: a stable lowercase slug such as `las` (welding) or `alat_berat`
/// (heavy equipment).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VocationCode(String);

impl VocationCode {
    /// Trims and lowercases, then checks `^[a-z][a-z0-9_]{1,39}$`.
    pub fn parse(input: &str) -> Result<VocationCode, TaxonomyError> {
        let code = input.trim().to_ascii_lowercase();
        let starts_with_letter = code.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
        let allowed = code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !(starts_with_letter && allowed && (2..=40).contains(&code.len())) {
            return Err(TaxonomyError::VocationCodeFormat);
        }
        Ok(VocationCode(code))
    }

    /// The slug, e.g. `alat_berat`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for VocationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for VocationCode {
    type Error = TaxonomyError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        VocationCode::parse(&value)
    }
}

impl From<VocationCode> for String {
    fn from(code: VocationCode) -> String {
        code.0
    }
}

vocabulary! {
    /// What a row of the `regions` table is: the city itself or one of its kecamatan.
    RegionKind, "region kind", "jenis wilayah" {
        /// The city (kota).
        Kota = "kota", "Kota", "City";
        /// A district (kecamatan) of the city.
        Kecamatan = "kecamatan", "Kecamatan", "District";
    }
}

/// Collects field errors while a draft is checked.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn new() -> Self {
        Checker { errors: Vec::new() }
    }

    fn check<T, E: Localised>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        result
            .map_err(|error| self.errors.push(FieldError::from_error(field, &error)))
            .ok()
    }

    fn title(&mut self, field: &str, value: &str) -> String {
        self.check(field, required_text(value, 2, MAX_TITLE_CHARS))
            .unwrap_or_default()
    }

    fn optional_title(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        self.check(field, optional_text(value, MAX_TITLE_CHARS))
            .flatten()
    }

    /// Trims each synonym, drops blank ones and repeats (ignoring case), and checks length and count.
    fn synonyms(&mut self, values: &[String]) -> Vec<String> {
        let mut kept: Vec<String> = Vec::new();
        for (index, value) in values.iter().enumerate() {
            let trimmed = value.trim();
            if trimmed.is_empty() {
                continue;
            }
            let count = trimmed.chars().count();
            if count > MAX_SYNONYM_CHARS {
                self.errors.push(FieldError::from_error(
                    format!("synonyms[{index}]"),
                    &TextError::TooLong {
                        max: MAX_SYNONYM_CHARS,
                        got: count,
                    },
                ));
                continue;
            }
            let lowered = trimmed.to_lowercase();
            if !kept.iter().any(|k| k.to_lowercase() == lowered) {
                kept.push(trimmed.to_string());
            }
        }
        if kept.len() > MAX_SYNONYMS {
            self.errors.push(FieldError::from_error(
                "synonyms",
                &TaxonomyError::TooManySynonyms {
                    max: MAX_SYNONYMS,
                    got: kept.len(),
                },
            ));
        }
        kept
    }

    fn finish<T>(self, record: Option<T>) -> Result<T, Vec<FieldError>> {
        match record {
            Some(record) if self.errors.is_empty() => Ok(record),
            _ => Err(self.errors),
        }
    }
}

fn optional_vocation(checker: &mut Checker, value: Option<&str>) -> Option<VocationCode> {
    match value.map(str::trim) {
        None | Some("") => None,
        Some(text) => checker.check("vocation_code", VocationCode::parse(text)),
    }
}

/// A competency unit as typed in or read from a CSV row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompetencyUnitDraft {
    /// SKKNI code, e.g. `C.251100.001.01`.
    pub code: String,
    /// Official title in Indonesian.
    pub title: String,
    /// Title in English (optional).
    pub title_en: Option<String>,
    /// Vocation (kejuruan) code (optional).
    pub vocation_code: Option<String>,
    /// Extra search words.
    pub synonyms: Vec<String>,
}

/// An SKKNI competency unit (unit kompetensi) that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetencyUnit {
    code: CompetencyUnitCode,
    title: String,
    title_en: Option<String>,
    vocation_code: Option<VocationCode>,
    synonyms: Vec<String>,
}

impl CompetencyUnitDraft {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<CompetencyUnit, Vec<FieldError>> {
        let mut checker = Checker::new();
        let code = checker.check("code", CompetencyUnitCode::parse(&self.code));
        let title = checker.title("title", &self.title);
        let title_en = checker.optional_title("title_en", self.title_en.as_deref());
        let vocation_code = optional_vocation(&mut checker, self.vocation_code.as_deref());
        let synonyms = checker.synonyms(&self.synonyms);
        let record = code.map(|code| CompetencyUnit {
            code,
            title,
            title_en,
            vocation_code,
            synonyms,
        });
        checker.finish(record)
    }
}

impl CompetencyUnit {
    /// SKKNI code.
    pub fn code(&self) -> &CompetencyUnitCode {
        &self.code
    }

    /// Official title in Indonesian, trimmed.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Title in English, when given.
    pub fn title_en(&self) -> Option<&str> {
        self.title_en.as_deref()
    }

    /// Vocation (kejuruan), when given.
    pub fn vocation_code(&self) -> Option<&VocationCode> {
        self.vocation_code.as_ref()
    }

    /// Distinct, trimmed search synonyms in the order given.
    pub fn synonyms(&self) -> &[String] {
        &self.synonyms
    }
}

/// A KBJI 2014 occupation as typed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OccupationDraft {
    /// KBJI code, e.g. `7212.01`.
    pub code: String,
    /// Title in Indonesian, e.g. "Juru Las".
    pub title: String,
    /// Title in English (optional).
    pub title_en: Option<String>,
}

/// A KBJI 2014 occupation (jabatan) that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    code: KbjiCode,
    title: String,
    title_en: Option<String>,
}

impl OccupationDraft {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<Occupation, Vec<FieldError>> {
        let mut checker = Checker::new();
        let code = checker.check("code", KbjiCode::parse(&self.code));
        let title = checker.title("title", &self.title);
        let title_en = checker.optional_title("title_en", self.title_en.as_deref());
        let record = code.map(|code| Occupation {
            code,
            title,
            title_en,
        });
        checker.finish(record)
    }
}

impl Occupation {
    /// KBJI code.
    pub fn code(&self) -> &KbjiCode {
        &self.code
    }

    /// Title in Indonesian.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Title in English, when given.
    pub fn title_en(&self) -> Option<&str> {
        self.title_en.as_deref()
    }
}

/// A KBLI 2020 industry as typed in. The category letter is derived from the code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndustryDraft {
    /// KBLI code, e.g. `41011`.
    pub code: String,
    /// Title in Indonesian.
    pub title: String,
    /// Title in English (optional).
    pub title_en: Option<String>,
}

/// A KBLI 2020 industry that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industry {
    code: KbliCode,
    title: String,
    title_en: Option<String>,
}

impl IndustryDraft {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<Industry, Vec<FieldError>> {
        let mut checker = Checker::new();
        let code = checker.check("code", KbliCode::parse(&self.code));
        let title = checker.title("title", &self.title);
        let title_en = checker.optional_title("title_en", self.title_en.as_deref());
        let record = code.map(|code| Industry {
            code,
            title,
            title_en,
        });
        checker.finish(record)
    }
}

impl Industry {
    /// KBLI code.
    pub fn code(&self) -> &KbliCode {
        &self.code
    }

    /// The KBLI category letter A–U, derived from the code's division.
    pub fn category(&self) -> char {
        self.code.category()
    }

    /// Title in Indonesian.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Title in English, when given.
    pub fn title_en(&self) -> Option<&str> {
        self.title_en.as_deref()
    }
}

/// A vocation (kejuruan) as typed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VocationDraft {
    /// Slug, e.g. `alat_berat`.
    pub code: String,
    /// Name in Indonesian, e.g. "Alat Berat".
    pub name: String,
    /// Name in English (optional).
    pub name_en: Option<String>,
}

/// A vocation (kejuruan) that BLK programmes are grouped by: welding, electrical, heavy
/// equipment, automotive, refrigeration, ICT, hospitality, culinary, garment, construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocation {
    code: VocationCode,
    name: String,
    name_en: Option<String>,
}

impl VocationDraft {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<Vocation, Vec<FieldError>> {
        let mut checker = Checker::new();
        let code = checker.check("code", VocationCode::parse(&self.code));
        let name = checker.title("name", &self.name);
        let name_en = checker.optional_title("name_en", self.name_en.as_deref());
        let record = code.map(|code| Vocation {
            code,
            name,
            name_en,
        });
        checker.finish(record)
    }
}

impl Vocation {
    /// Slug.
    pub fn code(&self) -> &VocationCode {
        &self.code
    }

    /// Name in Indonesian.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Name in English, when given.
    pub fn name_en(&self) -> Option<&str> {
        self.name_en.as_deref()
    }
}

/// A region as typed in: the city or one of its kecamatan; kind and parent follow from the code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionDraft {
    /// Kemendagri code (`64.71`, `64.71.01`) or a kecamatan spelling (`balikpapan_timur`).
    pub code: String,
    /// Name, e.g. "Balikpapan Timur".
    pub name: String,
}

/// A row of the `regions` table that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    code: RegionCode,
    name: String,
}

impl RegionDraft {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<Region, Vec<FieldError>> {
        let mut checker = Checker::new();
        let code = checker.check("code", RegionCode::parse(&self.code));
        let name = checker.title("name", &self.name);
        let record = code.map(|code| Region { code, name });
        checker.finish(record)
    }
}

impl Region {
    /// Kemendagri code.
    pub fn code(&self) -> RegionCode {
        self.code
    }

    /// Name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `kota` for the city, `kecamatan` for a district.
    pub fn kind(&self) -> RegionKind {
        match self.code {
            RegionCode::City => RegionKind::Kota,
            RegionCode::Kecamatan(_) => RegionKind::Kecamatan,
        }
    }

    /// The region this one lies in: the city for a kecamatan, none for the city.
    pub fn parent_code(&self) -> Option<RegionCode> {
        match self.code {
            RegionCode::City => None,
            RegionCode::Kecamatan(_) => Some(RegionCode::City),
        }
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::region::Kecamatan;
    use proptest::prelude::*;

    fn welding_unit() -> CompetencyUnitDraft {
        CompetencyUnitDraft {
            code: " c.251100.001.01 ".into(),
            title: "  Mengelas Pelat dengan Proses Las Busur Manual ".into(),
            title_en: Some("  ".into()),
            vocation_code: Some("LAS".into()),
            synonyms: vec![
                "welder".into(),
                " Welder ".into(),
                "".into(),
                "las listrik".into(),
            ],
        }
    }

    #[test]
    fn a_valid_unit_is_normalised() {
        let unit = welding_unit().validate().unwrap();
        assert_eq!(unit.code().as_str(), "C.251100.001.01");
        assert_eq!(
            unit.title(),
            "Mengelas Pelat dengan Proses Las Busur Manual"
        );
        assert_eq!(unit.title_en(), None, "a blank English title is not given");
        assert_eq!(unit.vocation_code().unwrap().as_str(), "las");
        assert_eq!(unit.synonyms(), ["welder", "las listrik"]);
    }

    #[test]
    fn every_bad_field_of_a_unit_is_reported_at_once() {
        let draft = CompetencyUnitDraft {
            code: "C.2511".into(),
            title: " ".into(),
            title_en: None,
            vocation_code: Some("las listrik".into()),
            synonyms: vec!["x".repeat(MAX_SYNONYM_CHARS + 1)],
        };
        let errors = draft.validate().unwrap_err();
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("code", "competency_unit_format"),
                ("title", "text_empty"),
                ("vocation_code", "vocation_code_format"),
                ("synonyms[0]", "text_too_long"),
            ]
        );
    }

    #[test]
    fn too_many_distinct_synonyms_are_refused() {
        let mut draft = welding_unit();
        draft.synonyms = (0..=MAX_SYNONYMS).map(|i| format!("kata{i}")).collect();
        let errors = draft.validate().unwrap_err();
        assert_eq!(errors[0].field, "synonyms");
        assert_eq!(errors[0].code, "synonyms_too_many");
        assert_eq!(
            errors[0].message_id,
            "Sinonim paling banyak 30, diterima 31"
        );
    }

    #[test]
    fn an_industry_takes_its_category_from_the_code() {
        let industry = IndustryDraft {
            code: "41011".into(),
            title: "Konstruksi Gedung Hunian".into(),
            title_en: Some("Construction of residential buildings".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(industry.category(), 'F');
        let bad = IndustryDraft {
            code: "34000".into(),
            title: "X".into(),
            title_en: None,
        }
        .validate()
        .unwrap_err();
        assert_eq!(bad[0].code, "kbli_division");
        assert_eq!(bad[1].code, "text_too_short");
    }

    #[test]
    fn an_occupation_code_without_the_dot_is_accepted() {
        let occupation = OccupationDraft {
            code: "721201".into(),
            title: "Juru Las".into(),
            title_en: Some("Welder".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(occupation.code().as_str(), "7212.01");
    }

    #[test]
    fn a_kecamatan_lies_in_the_city_and_the_city_in_nothing() {
        let kecamatan = RegionDraft {
            code: "balikpapan_timur".into(),
            name: "Balikpapan Timur".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            kecamatan.code(),
            RegionCode::Kecamatan(Kecamatan::BalikpapanTimur)
        );
        assert_eq!(kecamatan.kind(), RegionKind::Kecamatan);
        assert_eq!(kecamatan.parent_code(), Some(RegionCode::City));
        let city = RegionDraft {
            code: "64.71".into(),
            name: "Kota Balikpapan".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(city.kind().as_str(), "kota");
        assert_eq!(city.parent_code(), None);
        let elsewhere = RegionDraft {
            code: "64.72.01".into(),
            name: "Somewhere".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(elsewhere[0].code, "region_code");
    }

    #[test]
    fn vocation_codes_are_lowercase_slugs() {
        assert_eq!(
            VocationCode::parse(" Alat_Berat ").unwrap().as_str(),
            "alat_berat"
        );
        for bad in ["", "a", "1las", "las listrik", "las-listrik", "_las", "é"] {
            assert_eq!(
                VocationCode::parse(bad),
                Err(TaxonomyError::VocationCodeFormat),
                "{bad}"
            );
        }
        assert!(VocationCode::parse(&"a".repeat(40)).is_ok());
        assert!(VocationCode::parse(&"a".repeat(41)).is_err());
        let vocation = VocationDraft {
            code: "ict".into(),
            name: "Teknologi Informasi".into(),
            name_en: Some("ICT".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(vocation.name_en(), Some("ICT"));
    }

    proptest! {
        #[test]
        fn vocation_code_parsing_never_panics_and_round_trips(text in "\\PC{0,45}") {
            if let Ok(code) = VocationCode::parse(&text) {
                prop_assert_eq!(VocationCode::parse(code.as_str()).unwrap(), code);
            }
        }

        #[test]
        fn every_slug_of_the_database_shape_is_accepted(slug in "[a-z][a-z0-9_]{1,39}") {
            let code = VocationCode::parse(&slug).unwrap();
            prop_assert_eq!(code.as_str(), slug.as_str());
        }
    }
}
