//! Closed IPK months (`report_closures`): who closed which month for which place, and the figures at closing.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::report_closures;

/// A stored closure.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = report_closures)]
pub struct Closure {
    pub id: i64,
    pub month: NaiveDate,
    pub region_code: Option<String>,
    pub closed_by: Uuid,
    pub closed_at: DateTime<Utc>,
    pub figures: serde_json::Value,
}

/// The closure of `month` for `region_code` (`None` = the whole city), if the month is closed.
pub async fn find(
    connection: &mut AsyncPgConnection,
    month: NaiveDate,
    region_code: Option<&str>,
) -> QueryResult<Option<Closure>> {
    let query = report_closures::table
        .filter(report_closures::month.eq(month))
        .select(Closure::as_select())
        .into_boxed();
    let query = match region_code {
        Some(code) => query.filter(report_closures::region_code.eq(code)),
        None => query.filter(report_closures::region_code.is_null()),
    };
    query.first(connection).await.optional()
}

/// Records a closure; fails with the unique violation `report_closures_month_region_code_key` when it exists.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    month: NaiveDate,
    region_code: Option<&str>,
    closed_by: Uuid,
    figures: &serde_json::Value,
) -> QueryResult<Closure> {
    diesel::insert_into(report_closures::table)
        .values((
            report_closures::month.eq(month),
            report_closures::region_code.eq(region_code),
            report_closures::closed_by.eq(closed_by),
            report_closures::figures.eq(figures),
        ))
        .returning(Closure::as_returning())
        .get_result(connection)
        .await
}

/// Every closure, newest month first (a city has at most a few hundred: one per month and place).
pub async fn list(connection: &mut AsyncPgConnection) -> QueryResult<Vec<Closure>> {
    report_closures::table
        .order((
            report_closures::month.desc(),
            report_closures::region_code.asc().nulls_first(),
        ))
        .select(Closure::as_select())
        .load(connection)
        .await
}
