//! Creating an AK/I card: self-registration online, registration at the counter with a one-time activation code,
//! and turning that code into a login.

use super::form::*;
use super::*;

/// What a new card needs besides the validated form.
pub(super) struct NewCardPlan<'a> {
    pub(super) seeker_id: Uuid,
    pub(super) user_id: Option<Uuid>,
    pub(super) registered_by: Option<Uuid>,
    pub(super) actor_user_id: Uuid,
    pub(super) activation_code_hash: Option<Vec<u8>>,
    pub(super) activation_code_expires_at: Option<DateTime<Utc>>,
    pub(super) profile: &'a ValidProfile,
    pub(super) fields: &'a ProfileFields,
}

/// Inserts a new active card with its registration number, preferences, first status row and search outbox row.
/// Call inside a transaction.
pub(super) async fn create_card(
    connection: &mut AsyncPgConnection,
    state: &AppState,
    today: NaiveDate,
    plan: NewCardPlan<'_>,
) -> Result<(), ApiError> {
    let card = AkCard::register(today);
    let serial = seeker_db::next_registration_serial(
        connection,
        &format!("{}-{}-", registration_city_prefix(), today.year()),
    )
    .await?;
    let protected = state.nik.protect(plan.profile.registration.nik());
    let new_card = NewCard {
        id: plan.seeker_id,
        user_id: plan.user_id,
        registration_number: registration_number(today.year(), serial),
        nik_hash: protected.hash,
        nik_ciphertext: protected.ciphertext,
        nik_masked: protected.masked,
        registered_on: card.registered_on,
        valid_until: card.valid_until(),
        last_reported_on: card.last_reported_on,
        next_report_due_on: card.next_report_due(),
        status: card.status.as_str().to_string(),
        registered_by: plan.registered_by,
        activation_code_hash: plan.activation_code_hash,
        activation_code_expires_at: plan.activation_code_expires_at,
    };
    seeker_db::insert(connection, &new_card, plan.fields)
        .await
        .map_err(|error| ApiError::from_unique(error, &[NIK_TAKEN]))?;
    seeker_db::replace_preferences(
        connection,
        plan.seeker_id,
        &plan.profile.preferred_occupations,
        &plan.profile.preferred_regions,
    )
    .await?;
    seeker_db::record_status_change(
        connection,
        &seeker_db::StatusChange {
            seeker_id: plan.seeker_id,
            from_status: None,
            to_status: card.status.as_str().to_string(),
            actor_user_id: Some(plan.actor_user_id),
            reason: None,
            sex: plan.fields.sex.clone(),
            birth_year: plan.fields.birth_year,
            education_level: plan.fields.education_level.clone(),
            domicile_region_code: plan.fields.domicile_region_code.clone(),
        },
    )
    .await?;
    search_outbox::enqueue(connection, SearchEntity::Seeker, plan.seeker_id).await?;
    Ok(())
}

/// A saved profile and the warnings about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedSeeker {
    pub seeker: SeekerProfile,
    /// NIK against declared birth date and sex; never blocking.
    pub warnings: Vec<Warning>,
}

/// A job seeker registers themself: creates the login (role seeker) and the AK/I card in one transaction.
///
/// No log-in needed. The answer carries the new card and warnings (a NIK whose embedded birth date or sex differs
/// from the declared ones is registered with a warning). Log in afterwards with the e-mail and password.
#[utoipa::path(
    tag = "seekers",
    request_body = RegistrationRequest,
    responses(
        (status = 201, body = SavedSeeker, headers(("ETag" = String), ("Location" = String))),
        (status = 409, description = "`nik_taken` or `email_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers/register")]
#[tracing::instrument(skip_all)]
pub async fn register(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<RegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let today = today();
    let mut extra = Vec::new();
    let email = login_email(
        form.email.as_ref().map(|email| email.0.as_str()),
        &mut extra,
    );
    let password = match &form.password {
        None => {
            extra.push(FieldError::new(
                "password",
                "password_required",
                "a password is required",
                "kata sandi wajib diisi",
            ));
            None
        }
        Some(password) => {
            extra.extend(auth::check_new_password("password", password));
            Some(password.clone())
        }
    };
    let mut connection = state.pool.get().await?;
    let profile = validate_profile(&mut connection, &form, today, extra).await?;
    let (Some(email), Some(password)) = (email, password) else {
        return Err(ApiError::Unexpected(anyhow::anyhow!(
            "validation passed without an e-mail or password"
        )));
    };
    let password_hash = auth::hash_password(password).await?;
    let fields = profile.fields(Utc::now(), true);
    let seeker_id = Uuid::now_v7();
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let user_id = users::insert_seeker_account(
                connection,
                email.as_str(),
                &password_hash,
                &fields.full_name,
                fields.phone.as_deref(),
            )
            .await
            .map_err(|error| ApiError::from_unique(error, &[EMAIL_TAKEN]))?;
            let plan = NewCardPlan {
                seeker_id,
                user_id: Some(user_id),
                registered_by: None,
                actor_user_id: user_id,
                activation_code_hash: None,
                activation_code_expires_at: None,
                profile: &profile,
                fields: &fields,
            };
            create_card(connection, &state, today, plan).await
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let seeker = full_profile(&mut connection, &state, row).await?;
    let saved = SavedSeeker {
        warnings: warnings_of(&profile.registration, request_language(&request)),
        seeker,
    };
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/seekers/{seeker_id}")))
        .insert_header(concurrency::etag(saved.seeker.version))
        .json(&saved))
}

/// A one-time code, shown once, and its stored hash.
pub(super) struct ActivationCode {
    pub(super) code: String,
    pub(super) hash: Vec<u8>,
    pub(super) expires_at: DateTime<Utc>,
}

pub(super) fn new_activation_code() -> ActivationCode {
    use rand::Rng;
    let mut rng = rand::rng();
    let raw: String = (0..ACTIVATION_CODE_CHARS)
        .map(|_| char::from(ACTIVATION_ALPHABET[rng.random_range(0..ACTIVATION_ALPHABET.len())]))
        .collect();
    let code = raw
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-");
    ActivationCode {
        hash: activation_code_hash(&code),
        code,
        expires_at: Utc::now() + ACTIVATION_CODE_LIFETIME,
    }
}

/// The stored form of an activation code: SHA-256 of the code without separators, in capitals, so `abcd efgh…`
/// and `ABCD-EFGH-…` are the same code.
pub(super) fn activation_code_hash(code: &str) -> Vec<u8> {
    let normalised: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Sha256::digest(normalised.as_bytes()).to_vec()
}

/// A card registered at the counter and the code that turns it into a login.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterRegistration {
    pub seeker: SeekerProfile,
    pub warnings: Vec<Warning>,
    /// Hand this to the seeker (printed or read aloud); it is shown only once and works once.
    pub activation_code: String,
    pub activation_code_expires_at: DateTime<Utc>,
}

/// An officer registers a job seeker at the counter (no password); the answer hands over a one-time activation
/// code, valid 30 days, that the seeker uses with `POST /api/v1/seekers/activate` to create their login.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    request_body = RegistrationRequest,
    responses(
        (status = 201, body = CounterRegistration, headers(("ETag" = String), ("Location" = String))),
        (status = 403, body = crate::error::Problem),
        (status = 409, description = "`nik_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    )
)]
#[post("/seekers")]
#[tracing::instrument(skip_all)]
pub async fn register_at_counter(
    request: HttpRequest,
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    body: ApiJson<RegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let form = body.into_inner();
    let today = today();
    let mut extra = Vec::new();
    if form.password.is_some() {
        extra.push(FieldError::new(
            "password",
            "password_not_allowed",
            "leave the password out: the seeker chooses it when activating the account",
            "kosongkan kata sandi: pencari kerja memilihnya saat aktivasi akun",
        ));
    }
    let mut connection = state.pool.get().await?;
    let profile = validate_profile(&mut connection, &form, today, extra).await?;
    let fields = profile.fields(Utc::now(), true);
    let activation = new_activation_code();
    let seeker_id = Uuid::now_v7();
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            let plan = NewCardPlan {
                seeker_id,
                user_id: None,
                registered_by: Some(caller.user_id),
                actor_user_id: caller.user_id,
                activation_code_hash: Some(activation.hash.clone()),
                activation_code_expires_at: Some(activation.expires_at),
                profile: &profile,
                fields: &fields,
            };
            create_card(connection, &state, today, plan).await?;
            audit_log::record(
                connection,
                &[seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "seeker_profile",
                    purpose: "counter_registration",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    let row = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    let seeker = full_profile(&mut connection, &state, row).await?;
    let registration = CounterRegistration {
        warnings: warnings_of(&profile.registration, request_language(&request)),
        seeker,
        activation_code: activation.code,
        activation_code_expires_at: activation.expires_at,
    };
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/seekers/{seeker_id}")))
        .insert_header(concurrency::etag(registration.seeker.version))
        .json(&registration))
}

/// A new activation code for a card that has no login yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivationCodeResponse {
    pub activation_code: String,
    pub activation_code_expires_at: DateTime<Utc>,
}

/// An officer issues a new activation code (the old one stops working), e.g. when the first one expired or was lost.
#[utoipa::path(
    tag = "seekers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ActivationCodeResponse),
        (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, description = "`already_activated`", body = crate::error::Problem),
    )
)]
#[post("/seekers/{id}/activation-code")]
#[tracing::instrument(skip_all, fields(seeker_id = %path))]
pub async fn reissue_activation_code(
    request_id: RequestId,
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[UserRole::Officer, UserRole::Admin])?;
    let seeker_id = path.into_inner();
    let mut connection = state.pool.get().await?;
    let seeker = seeker_db::find_current(&mut connection, seeker_id)
        .await?
        .ok_or(ApiError::NotFound("seeker"))?;
    if seeker.user_id.is_some() {
        return Err(ApiError::conflict(
            "already_activated",
            "this seeker already has a login; they can reset their password instead",
            "pencari kerja ini sudah punya akun; gunakan penggantian kata sandi",
        ));
    }
    let activation = new_activation_code();
    let actor = audit_actor(&caller, &request_id);
    connection
        .transaction::<_, ApiError, _>(async |connection| {
            seeker_db::set_activation_code(
                connection,
                seeker_id,
                &activation.hash,
                activation.expires_at,
            )
            .await?;
            audit_log::record(
                connection,
                &[seeker_id],
                &actor,
                AuditEvent {
                    action: AuditAction::Update,
                    resource: "activation_code",
                    purpose: "counter_activation",
                },
            )
            .await?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Ok().json(ActivationCodeResponse {
        activation_code: activation.code,
        activation_code_expires_at: activation.expires_at,
    }))
}

/// Turns a counter registration into a login.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivationRequest {
    /// The AK/I number printed on the card, e.g. `6471-2026-000123`.
    pub registration_number: String,
    /// The code from the officer; dashes, spaces and case do not matter.
    #[schema(value_type = String, format = Password)]
    pub activation_code: SecretString,
    /// The login e-mail.
    #[schema(value_type = String)]
    pub email: Private<String>,
    /// 10 to 128 characters.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// The login created by an activation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivationResponse {
    pub seeker_id: Uuid,
    pub user_id: Uuid,
    /// Log in with this e-mail and the chosen password.
    pub email: String,
}

enum ActivationOutcome {
    Activated { seeker_id: Uuid, user_id: Uuid },
    Refused,
    Expired,
}

pub(super) fn activation_refused() -> ApiError {
    ApiError::Http {
        status: StatusCode::UNAUTHORIZED,
        code: "invalid_activation_code",
        message: Bilingual::new(
            "the registration number and activation code do not match a card waiting for activation",
            "nomor pendaftaran dan kode aktivasi tidak cocok dengan kartu yang menunggu aktivasi",
        ),
    }
}

/// A seeker registered at the counter creates their login with the registration number and the one-time code.
///
/// A wrong number or code gets the same answer; failures count towards the per-address log-in limit (429).
#[utoipa::path(
    tag = "seekers",
    request_body = ActivationRequest,
    responses(
        (status = 201, body = ActivationResponse),
        (status = 401, description = "`invalid_activation_code` or `activation_code_expired`", body = crate::error::Problem),
        (status = 409, description = "`email_taken`", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
        (status = 429, body = crate::error::Problem),
    )
)]
#[post("/seekers/activate")]
#[tracing::instrument(skip_all)]
pub async fn activate(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<ActivationRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let mut errors = Vec::new();
    let email = login_email(Some(form.email.0.as_str()), &mut errors);
    errors.extend(auth::check_new_password("password", &form.password));
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let client_address = request
        .peer_addr()
        .map(|address| address.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let mut connection = state.pool.get().await?;
    let since = Utc::now() - ACTIVATION_FAILURE_WINDOW;
    if login_attempts::failures_from_address(&mut connection, &client_address, since).await?
        >= MAX_ACTIVATION_FAILURES_PER_ADDRESS
    {
        return Err(ApiError::Http {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "too_many_attempts",
            message: Bilingual::new(
                "too many failed attempts; wait 15 minutes and try again",
                "terlalu banyak percobaan yang gagal; tunggu 15 menit lalu coba lagi",
            ),
        });
    }
    let password_hash = auth::hash_password(form.password).await?;
    let code_hash = activation_code_hash(form.activation_code.expose_secret());
    let registration_number = form.registration_number.trim().to_string();
    let outcome = connection
        .transaction::<_, ApiError, _>(async |connection| {
            let Some(pending) =
                seeker_db::find_for_activation(connection, &registration_number).await?
            else {
                return Ok(ActivationOutcome::Refused);
            };
            let code_matches = pending.activation_code_hash.as_deref() == Some(&code_hash[..]);
            if pending.user_id.is_some() || !code_matches {
                return Ok(ActivationOutcome::Refused);
            }
            if pending
                .activation_code_expires_at
                .is_none_or(|expires_at| expires_at <= Utc::now())
            {
                return Ok(ActivationOutcome::Expired);
            }
            let full_name = present(pending.full_name, "full_name")?;
            let user_id = users::insert_seeker_account(
                connection,
                email.as_str(),
                &password_hash,
                &full_name,
                pending.phone.as_deref(),
            )
            .await
            .map_err(|error| ApiError::from_unique(error, &[EMAIL_TAKEN]))?;
            seeker_db::link_account(connection, pending.id, user_id, email.as_str()).await?;
            search_outbox::enqueue(connection, SearchEntity::Seeker, pending.id).await?;
            Ok(ActivationOutcome::Activated {
                seeker_id: pending.id,
                user_id,
            })
        })
        .await?;
    match outcome {
        ActivationOutcome::Activated { seeker_id, user_id } => {
            Ok(HttpResponse::Created().json(ActivationResponse {
                seeker_id,
                user_id,
                email: email.as_str().to_string(),
            }))
        }
        ActivationOutcome::Refused => {
            login_attempts::record(&mut connection, None, &client_address, false).await?;
            Err(activation_refused())
        }
        ActivationOutcome::Expired => Err(ApiError::Http {
            status: StatusCode::UNAUTHORIZED,
            code: "activation_code_expired",
            message: Bilingual::new(
                "this activation code has expired; ask an officer for a new one",
                "kode aktivasi ini sudah kedaluwarsa; minta kode baru kepada petugas",
            ),
        }),
    }
}
