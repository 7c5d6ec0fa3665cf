//! Free-text vacancy search: `GET /api/v1/vacancies/search`, public.
//!
//! Words in Bahasa Indonesia or English over the title, the competency units (titles and keywords), the employer
//! and the description, through the Indonesian analyzer (case and accent folding, affix stemming:
//! `mengelas` finds `pengelasan`), the officer-edited synonym table (`welder` finds `las`) and typo tolerance
//! (one typo from 4 letters, two from 8). Every word must match; scores are exact (see the search crate's
//! `vacancy_search`), ties newest first. Filters: kecamatan, employment type, occupation group, industry, minimum
//! monthly wage; facet counts for the first four (each counted under the other filters); matched words
//! highlighted with `<mark>` in escaped HTML.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use jembatan_domain::FieldError;
use jembatan_domain::region::RegionCode;
use jembatan_domain::vocab::{EmploymentType, WagePeriod};
use jembatan_search::{FacetCount, VacancyFilters, VacancySearchRequest, VacancySummary};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::ApiError;
use crate::pagination::{Cursor, PageQuery};
use crate::routes::matches::ranked_page;
use crate::startup::AppState;

/// Longest query text accepted.
const MAX_QUERY_CHARS: usize = 200;

/// What a list shows of a vacancy, with labels in both languages.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VacancyCard {
    pub id: Uuid,
    pub title: String,
    pub employer_id: Uuid,
    pub employer_name: String,
    pub kbji_code: String,
    /// Kecamatan (or `64.71`, several places in the city); absent outside the city.
    pub region_code: Option<String>,
    /// Name of the kecamatan or the city.
    pub region_name: Option<String>,
    pub outside_city_location: Option<String>,
    #[schema(value_type = String)]
    pub employment_type: EmploymentType,
    pub employment_type_label_id: &'static str,
    pub employment_type_label_en: &'static str,
    pub wage_min_rupiah: i64,
    pub wage_max_rupiah: i64,
    #[schema(value_type = String)]
    pub wage_period: WagePeriod,
    pub valid_until: NaiveDate,
    pub published_on: Option<NaiveDate>,
}

impl From<&VacancySummary> for VacancyCard {
    fn from(summary: &VacancySummary) -> Self {
        let region = summary
            .region_code
            .as_deref()
            .and_then(|code| RegionCode::parse(code).ok());
        VacancyCard {
            id: summary.id.into_inner(),
            title: summary.title.clone(),
            employer_id: summary.employer_id.into_inner(),
            employer_name: summary.employer_name.clone(),
            kbji_code: summary.kbji_code.clone(),
            region_code: summary.region_code.clone(),
            region_name: region.map(|region| region.name().to_string()),
            outside_city_location: summary.outside_city_location.clone(),
            employment_type: summary.employment_type,
            employment_type_label_id: summary.employment_type.label_id(),
            employment_type_label_en: summary.employment_type.label_en(),
            wage_min_rupiah: summary.wage_min_rupiah,
            wage_max_rupiah: summary.wage_max_rupiah,
            wage_period: summary.wage_period,
            valid_until: summary.valid_until,
            published_on: summary.published_on,
        }
    }
}

/// Query parameters of the search.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to look for (Bahasa Indonesia or English), or a unit code such as `C.251100.001.01`. Empty: every
    /// open vacancy, newest first.
    pub q: Option<String>,
    /// Kecamatan code (`64.71.03`) or spelling (`balikpapan_utara`); `64.71` = anywhere in the city.
    pub kecamatan: Option<String>,
    /// `pkwt`, `pkwtt`, `harian`, `magang` or `paruh_waktu`.
    pub employment_type: Option<String>,
    /// Occupation group: the KBJI major group digit, `0` to `9`.
    pub occupation_group: Option<String>,
    /// Industry: the employer's KBLI category letter, `A` to `U`.
    pub industry: Option<String>,
    /// Lowest acceptable highest wage, as a monthly amount in rupiah (daily wages count 25 days, hourly 173 hours).
    pub min_wage: Option<i64>,
    /// Results per page, 1 to 100 (default 20).
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHit {
    pub vacancy: VacancyCard,
    /// The exact score: for each word the best of exact (title 9, units or employer 6, description 3), synonym
    /// (6, 4, 2) or typo (3, 2, 1) matches.
    pub score: u32,
    /// The title, HTML-escaped, matched words in `<mark>`.
    pub title_html: String,
    /// About 200 characters of the requirements and description around the first match, escaped and marked.
    pub snippet_html: String,
}

/// One facet value with its labels and count.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FacetValue {
    /// The value to pass back as the filter (`outside` for work outside the city).
    pub value: String,
    pub label_id: String,
    pub label_en: String,
    pub count: u64,
}

/// Facet counts: each facet counts the results under every filter except its own.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacets {
    pub kecamatan: Vec<FacetValue>,
    pub employment_type: Vec<FacetValue>,
    pub occupation_group: Vec<FacetValue>,
    pub industry: Vec<FacetValue>,
}

/// A page of results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VacancySearchPage {
    /// Results matching the words and every filter.
    pub total: usize,
    pub items: Vec<SearchHit>,
    pub facets: SearchFacets,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Searches open vacancies by words, with filters, facets, highlighting and typo tolerance.
#[utoipa::path(
    tag = "matching",
    params(SearchQuery),
    responses(
        (status = 200, body = VacancySearchPage),
        (status = 422, body = crate::error::Problem),
        (status = 503, description = "the search index is being built", body = crate::error::Problem),
    )
)]
#[get("/vacancies/search")]
#[tracing::instrument(skip_all)]
pub async fn search_vacancies(
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let (offset, limit) = ranked_page(&PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    })?;
    let filters = parse_filters(&query)?;
    let request = VacancySearchRequest {
        text: query.q.clone().unwrap_or_default(),
        filters,
        offset,
        limit,
    };
    let results = state
        .search
        .query(move |index| index.search_vacancies(&request))
        .await?;
    let items: Vec<SearchHit> = results
        .hits
        .iter()
        .map(|hit| SearchHit {
            vacancy: VacancyCard::from(&hit.summary),
            score: hit.score,
            title_html: hit.title_html.clone(),
            snippet_html: hit.snippet_html.clone(),
        })
        .collect();
    let next_cursor = (offset + items.len() < results.total)
        .then(|| items.last())
        .flatten()
        .map(|last| {
            Cursor {
                key: (offset + items.len()).to_string(),
                id: last.vacancy.id,
            }
            .encode()
        });
    let facets = &results.facets;
    Ok(HttpResponse::Ok().json(VacancySearchPage {
        total: results.total,
        items,
        facets: SearchFacets {
            kecamatan: facets.regions.iter().map(region_facet).collect(),
            employment_type: facets
                .employment_types
                .iter()
                .map(|facet| FacetValue {
                    value: facet.value.as_str().to_string(),
                    label_id: facet.value.label_id().to_string(),
                    label_en: facet.value.label_en().to_string(),
                    count: facet.count,
                })
                .collect(),
            occupation_group: facets
                .occupation_groups
                .iter()
                .map(|facet| {
                    let (id, en) = occupation_group_label(facet.value);
                    FacetValue {
                        value: facet.value.to_string(),
                        label_id: id.to_string(),
                        label_en: en.to_string(),
                        count: facet.count,
                    }
                })
                .collect(),
            industry: facets
                .industries
                .iter()
                .map(|facet| {
                    let (value, (id, en)) = match facet.value {
                        Some(letter) => (letter.to_string(), industry_label(letter)),
                        None => ("unknown".to_string(), ("Tidak diketahui", "Unknown")),
                    };
                    FacetValue {
                        value,
                        label_id: id.to_string(),
                        label_en: en.to_string(),
                        count: facet.count,
                    }
                })
                .collect(),
        },
        next_cursor,
    }))
}

fn region_facet(facet: &FacetCount<Option<RegionCode>>) -> FacetValue {
    let (value, id, en) = match facet.value {
        None => (
            "outside".to_string(),
            "Luar Kota Balikpapan".to_string(),
            "Outside Balikpapan".to_string(),
        ),
        Some(RegionCode::City) => (
            RegionCode::City.as_str().to_string(),
            "Beberapa lokasi di Kota Balikpapan".to_string(),
            "Several places in Balikpapan".to_string(),
        ),
        Some(RegionCode::Kecamatan(kecamatan)) => (
            kecamatan.code().to_string(),
            kecamatan.label_id().to_string(),
            kecamatan.label_en().to_string(),
        ),
    };
    FacetValue {
        value,
        label_id: id,
        label_en: en,
        count: facet.count,
    }
}

fn parse_filters(query: &SearchQuery) -> Result<VacancyFilters, ApiError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_string)
    };
    let mut filters = VacancyFilters::default();
    if let Some(text) = &query.q
        && text.chars().count() > MAX_QUERY_CHARS
    {
        errors.push(FieldError::new(
            "q",
            "query_too_long",
            format!("q must be at most {MAX_QUERY_CHARS} characters"),
            format!("q paling banyak {MAX_QUERY_CHARS} karakter"),
        ));
    }
    if let Some(code) = given(&query.kecamatan) {
        match RegionCode::parse(&code) {
            Ok(region) => filters.region = Some(region),
            Err(error) => errors.push(FieldError::from_error("kecamatan", &error)),
        }
    }
    if let Some(spelling) = given(&query.employment_type) {
        match EmploymentType::parse(&spelling) {
            Ok(employment_type) => filters.employment_type = Some(employment_type),
            Err(error) => errors.push(FieldError::from_error("employment_type", &error)),
        }
    }
    if let Some(group) = given(&query.occupation_group) {
        match group.parse::<u8>() {
            Ok(digit) if digit <= 9 && group.len() == 1 => filters.occupation_group = Some(digit),
            _ => errors.push(FieldError::new(
                "occupation_group",
                "occupation_group_format",
                "occupation_group must be one digit, the kbji major group (0 to 9)",
                "occupation_group harus satu angka, golongan pokok KBJI (0 sampai 9)",
            )),
        }
    }
    if let Some(letter) = given(&query.industry) {
        let mut characters = letter.chars();
        match (
            characters.next().map(|c| c.to_ascii_uppercase()),
            characters.next(),
        ) {
            (Some(upper @ 'A'..='U'), None) => filters.industry = Some(upper),
            _ => errors.push(FieldError::new(
                "industry",
                "industry_format",
                "industry must be a kbli category letter from a to u",
                "industry harus huruf kategori KBLI dari A sampai U",
            )),
        }
    }
    if let Some(wage) = query.min_wage {
        if wage < 0 {
            errors.push(FieldError::new(
                "min_wage",
                "min_wage_negative",
                "min_wage must not be negative",
                "min_wage tidak boleh negatif",
            ));
        } else {
            filters.min_monthly_wage = Some(wage);
        }
    }
    if errors.is_empty() {
        Ok(filters)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Labels of the KBJI 2014 (ISCO-08) major groups.
fn occupation_group_label(digit: u8) -> (&'static str, &'static str) {
    match digit {
        0 => ("TNI dan Polri", "Armed forces occupations"),
        1 => ("Manajer", "Managers"),
        2 => ("Profesional", "Professionals"),
        3 => (
            "Teknisi dan asisten tenaga profesional",
            "Technicians and associate professionals",
        ),
        4 => ("Tenaga tata usaha", "Clerical support workers"),
        5 => (
            "Tenaga usaha jasa dan tenaga penjualan",
            "Service and sales workers",
        ),
        6 => (
            "Pekerja terampil pertanian, kehutanan dan perikanan",
            "Skilled agricultural, forestry and fishery workers",
        ),
        7 => (
            "Pekerja pengolahan, kerajinan, dan YBDI",
            "Craft and related trades workers",
        ),
        8 => (
            "Operator dan perakit mesin",
            "Plant and machine operators, and assemblers",
        ),
        _ => ("Pekerja kasar", "Elementary occupations"),
    }
}

/// Labels of the KBLI 2020 categories.
fn industry_label(letter: char) -> (&'static str, &'static str) {
    match letter {
        'A' => (
            "Pertanian, Kehutanan dan Perikanan",
            "Agriculture, forestry and fishing",
        ),
        'B' => ("Pertambangan dan Penggalian", "Mining and quarrying"),
        'C' => ("Industri Pengolahan", "Manufacturing"),
        'D' => (
            "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin",
            "Electricity, gas, steam and air conditioning supply",
        ),
        'E' => (
            "Pengelolaan Air, Air Limbah, Sampah dan Remediasi",
            "Water supply, sewerage, waste management and remediation",
        ),
        'F' => ("Konstruksi", "Construction"),
        'G' => (
            "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor",
            "Wholesale and retail trade; repair of motor vehicles",
        ),
        'H' => ("Pengangkutan dan Pergudangan", "Transportation and storage"),
        'I' => (
            "Penyediaan Akomodasi dan Makan Minum",
            "Accommodation and food service activities",
        ),
        'J' => ("Informasi dan Komunikasi", "Information and communication"),
        'K' => (
            "Aktivitas Keuangan dan Asuransi",
            "Financial and insurance activities",
        ),
        'L' => ("Real Estat", "Real estate activities"),
        'M' => (
            "Aktivitas Profesional, Ilmiah dan Teknis",
            "Professional, scientific and technical activities",
        ),
        'N' => (
            "Aktivitas Penyewaan, Ketenagakerjaan dan Penunjang Usaha",
            "Administrative and support service activities",
        ),
        'O' => (
            "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib",
            "Public administration and defence; compulsory social security",
        ),
        'P' => ("Pendidikan", "Education"),
        'Q' => (
            "Aktivitas Kesehatan Manusia dan Aktivitas Sosial",
            "Human health and social work activities",
        ),
        'R' => (
            "Kesenian, Hiburan dan Rekreasi",
            "Arts, entertainment and recreation",
        ),
        'S' => ("Aktivitas Jasa Lainnya", "Other service activities"),
        'T' => (
            "Aktivitas Rumah Tangga sebagai Pemberi Kerja",
            "Activities of households as employers",
        ),
        _ => (
            "Aktivitas Badan Internasional",
            "Activities of extraterritorial organisations",
        ),
    }
}
