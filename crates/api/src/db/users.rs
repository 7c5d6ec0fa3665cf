//! Queries on `users`: accounts of every role.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::users;

diesel::define_sql_function! {
    /// SQL `lower(text)`, to match the unique index on `lower(email)`.
    fn lower(value: diesel::sql_types::Nullable<diesel::sql_types::Text>) -> diesel::sql_types::Nullable<diesel::sql_types::Text>;
}

/// What log-in needs to know about an account.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct LoginAccount {
    pub id: Uuid,
    pub password_hash: Option<String>,
    pub disabled_at: Option<chrono::DateTime<Utc>>,
    pub erased_at: Option<chrono::DateTime<Utc>>,
}

/// A user's own view of their account.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct Account {
    pub id: Uuid,
    pub role: String,
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub employer_id: Option<Uuid>,
    pub training_provider_id: Option<Uuid>,
    pub last_login_at: Option<chrono::DateTime<Utc>>,
}

/// Finds an account by e-mail, case-insensitively (matching the unique index on `lower(email)`).
pub async fn find_for_login(
    connection: &mut AsyncPgConnection,
    email: &str,
) -> QueryResult<Option<LoginAccount>> {
    users::table
        .filter(lower(users::email).eq(email.to_lowercase()))
        .select(LoginAccount::as_select())
        .first(connection)
        .await
        .optional()
}

/// The account of `user_id`.
pub async fn find_account(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
) -> QueryResult<Account> {
    users::table
        .find(user_id)
        .select(Account::as_select())
        .first(connection)
        .await
}

/// Creates the login account of a job seeker (role `seeker`). A taken e-mail fails on `users_email_lower_key`.
pub async fn insert_seeker_account(
    connection: &mut AsyncPgConnection,
    email: &str,
    password_hash: &str,
    full_name: &str,
    phone: Option<&str>,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    let now = Utc::now();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id),
            users::role.eq("seeker"),
            users::email.eq(email),
            users::password_hash.eq(password_hash),
            users::full_name.eq(full_name),
            users::phone.eq(phone),
            users::password_changed_at.eq(now),
        ))
        .execute(connection)
        .await?;
    Ok(id)
}

/// Copies a seeker's edited name and phone to their account, so the two never disagree.
pub async fn sync_seeker_contact(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    full_name: &str,
    phone: Option<&str>,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::full_name.eq(full_name),
            users::phone.eq(phone),
            users::updated_at.eq(Utc::now()),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// Erases an account on request (UU 27/2022): identifying columns become NULL and it can no longer log in.
pub async fn erase(connection: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(users::table.find(user_id))
        .set((
            users::email.eq(None::<String>),
            users::password_hash.eq(None::<String>),
            users::full_name.eq(None::<String>),
            users::phone.eq(None::<String>),
            users::erased_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// The stored password hash of `user_id`.
pub async fn password_hash(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
) -> QueryResult<Option<String>> {
    users::table
        .find(user_id)
        .select(users::password_hash)
        .first(connection)
        .await
}

/// Records a successful log-in.
pub async fn touch_last_login(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::last_login_at.eq(Utc::now()))
        .execute(connection)
        .await?;
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password_hash(
    connection: &mut AsyncPgConnection,
    user_id: Uuid,
    hash: &str,
) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(hash),
            users::password_changed_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(connection)
        .await?;
    Ok(())
}

/// A new account. `employer_id` for employer staff, `training_provider_id` for BLK staff.
pub struct NewUser<'a> {
    pub id: Uuid,
    pub role: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub full_name: &'a str,
    pub employer_id: Option<Uuid>,
    pub training_provider_id: Option<Uuid>,
}

/// Inserts an account. A taken e-mail violates `users_email_lower_key`.
pub async fn insert(
    connection: &mut AsyncPgConnection,
    user: &NewUser<'_>,
) -> QueryResult<Account> {
    diesel::insert_into(users::table)
        .values((
            users::id.eq(user.id),
            users::role.eq(user.role),
            users::email.eq(user.email),
            users::password_hash.eq(user.password_hash),
            users::full_name.eq(user.full_name),
            users::employer_id.eq(user.employer_id),
            users::training_provider_id.eq(user.training_provider_id),
        ))
        .returning(Account::as_returning())
        .get_result(connection)
        .await
}

/// Disables an account; `false` when there is no such account.
pub async fn disable(connection: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<bool> {
    let now = Utc::now();
    let updated = diesel::update(users::table.find(user_id))
        .set((users::disabled_at.eq(now), users::updated_at.eq(now)))
        .execute(connection)
        .await?;
    Ok(updated == 1)
}
