//! The placements register: every placement counted in a range of report months, with filters, for audit and
//! export. Seekers are identified by their AK/I registration number only (no name or NIK): looking a person up
//! goes through the seeker endpoints, which audit the read.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Date, Nullable, SmallInt, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// One placement of the register.
#[derive(Debug, Clone, QueryableByName)]
pub struct RegisterRow {
    #[diesel(sql_type = SqlUuid)]
    pub placement_id: Uuid,
    #[diesel(sql_type = Date)]
    pub report_month: NaiveDate,
    #[diesel(sql_type = Date)]
    pub start_date: NaiveDate,
    #[diesel(sql_type = Timestamptz)]
    pub recorded_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub seeker_registration_number: String,
    #[diesel(sql_type = Text)]
    pub sex: String,
    #[diesel(sql_type = SmallInt)]
    pub birth_year: i16,
    #[diesel(sql_type = Text)]
    pub education_level: String,
    #[diesel(sql_type = Text)]
    pub domicile_region_code: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub employer_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    pub employer_name: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub vacancy_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    pub kbji_code: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub kbli_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub kbli_category: Option<String>,
    #[diesel(sql_type = Text)]
    pub employment_type: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub wage_rupiah: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub wage_period: Option<String>,
    #[diesel(sql_type = Text)]
    pub channel: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub evidence: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub followup_3_months: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub followup_6_months: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub followup_12_months: Option<String>,
}

/// Which placements: report months `first_month ..= last_month` and the optional filters.
#[derive(Debug, Clone, Default)]
pub struct RegisterFilter {
    pub first_month: NaiveDate,
    pub last_month: NaiveDate,
    /// Seeker's kecamatan of residence.
    pub region_code: Option<String>,
    pub channel: Option<String>,
    pub employer_id: Option<Uuid>,
    /// KBJI prefix (a major group digit, or longer).
    pub kbji_prefix: Option<String>,
    pub kbli_category: Option<String>,
    pub sex: Option<String>,
}

/// One page (`limit` rows after `after`, a `(report_month, id)` keyset) or, with `limit = None`, every row.
#[tracing::instrument(skip_all)]
pub async fn register(
    connection: &mut AsyncPgConnection,
    filter: &RegisterFilter,
    after: Option<(NaiveDate, Uuid)>,
    limit: Option<i64>,
) -> diesel::QueryResult<Vec<RegisterRow>> {
    diesel::sql_query(
        "SELECT p.id AS placement_id, p.report_month, p.start_date, p.created_at AS recorded_at,
                s.registration_number AS seeker_registration_number, s.sex, s.birth_year, s.education_level,
                s.domicile_region_code, p.employer_id, p.employer_name, p.vacancy_id, p.kbji_code, p.kbli_code,
                i.category AS kbli_category, p.employment_type, p.wage_rupiah, p.wage_period, p.channel, p.evidence,
                f.followup_3_months, f.followup_6_months, f.followup_12_months
         FROM placements p
         JOIN seekers s ON s.id = p.seeker_id
         LEFT JOIN industries i ON i.code = p.kbli_code
         LEFT JOIN LATERAL (
             SELECT MAX(outcome) FILTER (WHERE offset_months = 3) AS followup_3_months,
                    MAX(outcome) FILTER (WHERE offset_months = 6) AS followup_6_months,
                    MAX(outcome) FILTER (WHERE offset_months = 12) AS followup_12_months
             FROM placement_followups WHERE placement_id = p.id
         ) f ON true
         WHERE p.report_month BETWEEN $1 AND $2
           AND ($3::text IS NULL OR s.domicile_region_code = $3)
           AND ($4::text IS NULL OR p.channel = $4)
           AND ($5::uuid IS NULL OR p.employer_id = $5)
           AND ($6::text IS NULL OR p.kbji_code LIKE $6 || '%')
           AND ($7::text IS NULL OR i.category = $7)
           AND ($8::text IS NULL OR s.sex = $8)
           AND ($9::date IS NULL OR (p.report_month, p.id) > ($9, $10::uuid))
         ORDER BY p.report_month, p.id
         LIMIT $11",
    )
    .bind::<Date, _>(filter.first_month)
    .bind::<Date, _>(filter.last_month)
    .bind::<Nullable<Text>, _>(filter.region_code.as_deref())
    .bind::<Nullable<Text>, _>(filter.channel.as_deref())
    .bind::<Nullable<SqlUuid>, _>(filter.employer_id)
    .bind::<Nullable<Text>, _>(filter.kbji_prefix.as_deref())
    .bind::<Nullable<Text>, _>(filter.kbli_category.as_deref())
    .bind::<Nullable<Text>, _>(filter.sex.as_deref())
    .bind::<Nullable<Date>, _>(after.map(|(month, _)| month))
    .bind::<Nullable<SqlUuid>, _>(after.map(|(_, id)| id))
    .bind::<Nullable<BigInt>, _>(limit)
    .load(connection)
    .await
}
