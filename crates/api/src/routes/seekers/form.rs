//! The AK/I registration form and the profile edit form: one request shape, one validation (the domain's rules,
//! the fields only the API has, and the reference codes checked against the database).

use super::*;

/// The AK/I registration form. Every field is checked and all failures are reported together; nothing is written
/// when one fails. Unknown fields are refused, so a client cannot set the status, registration number or version.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// 16 digits; structure checked (region, birth date, serial). Never echoed in an error.
    #[schema(value_type = String, example = "6471035708980042")]
    #[serde(default)]
    pub nik: Private<String>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub full_name: Private<String>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub birth_place: Private<String>,
    #[schema(value_type = Option<NaiveDate>)]
    #[serde(default)]
    pub birth_date: Option<Private<NaiveDate>>,
    /// `L` (laki-laki) or `P` (perempuan).
    #[serde(default)]
    pub sex: String,
    #[schema(value_type = String)]
    #[serde(default)]
    pub address: Private<String>,
    /// Kecamatan of residence (`64.71.03` or `balikpapan_utara`), `64.71` when only the city is known.
    #[serde(default)]
    pub domicile_region_code: String,
    /// `tidak_sekolah`, `sd`, `smp`, `sma`, `smk`, `d1` ... `s3`.
    #[serde(default)]
    pub education_level: String,
    #[serde(default)]
    pub education_major: Option<String>,
    #[serde(default)]
    pub education_school: Option<String>,
    #[serde(default)]
    pub graduation_year: Option<i32>,
    /// Any Indonesian form (`0812-…`, `+62 812…`); stored as `+62…`. A phone or an e-mail is required.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub phone: Option<Private<String>>,
    /// Required for self-registration: it is the login.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub email: Option<Private<String>>,
    /// Kept for quota statistics and reserved openings only.
    #[serde(default)]
    pub has_disability: bool,
    /// Only with `has_disability`.
    #[serde(default)]
    pub wants_reserved_openings: bool,
    /// SIM classes: `A`, `B1`, `B1_umum`, `B2`, `B2_umum`, `C`, `D`.
    #[serde(default)]
    pub driving_licences: Vec<String>,
    #[serde(default)]
    pub expected_wage_rupiah: Option<i64>,
    /// `pkwt`, `pkwtt`, `harian`, `magang`, `paruh_waktu`.
    #[serde(default)]
    pub preferred_employment_types: Vec<String>,
    /// KBJI 2014 codes, e.g. `7212.01` (at most 10).
    #[serde(default)]
    pub preferred_occupations: Vec<String>,
    /// Kecamatan codes (at most 10).
    #[serde(default)]
    pub preferred_regions: Vec<String>,
    /// Required, true or false: may employers see the limited profile?
    #[serde(default)]
    pub consent_visible_to_employers: Option<bool>,
    /// Required, true or false: may the service send job alerts?
    #[serde(default)]
    pub consent_receive_alerts: Option<bool>,
    #[serde(default)]
    pub profile_summary: Option<String>,
    /// Self-registration only (10 to 128 characters); a counter registration sets it at activation.
    #[schema(value_type = Option<String>, format = Password)]
    #[serde(default)]
    pub password: Option<SecretString>,
}

/// A profile edit: the registration form without the NIK and password, plus `open_to_work` (default true). The
/// whole profile is replaced; status, registration number, evidence and version cannot be sent.
/// The fields are spelled out again rather than shared through `#[serde(flatten)]`, because serde ignores
/// `deny_unknown_fields` on flattened structs, and an unknown field must be refused here.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdateRequest {
    #[schema(value_type = String)]
    #[serde(default)]
    pub full_name: Private<String>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub birth_place: Private<String>,
    #[schema(value_type = Option<NaiveDate>)]
    #[serde(default)]
    pub birth_date: Option<Private<NaiveDate>>,
    #[serde(default)]
    pub sex: String,
    #[schema(value_type = String)]
    #[serde(default)]
    pub address: Private<String>,
    #[serde(default)]
    pub domicile_region_code: String,
    #[serde(default)]
    pub education_level: String,
    #[serde(default)]
    pub education_major: Option<String>,
    #[serde(default)]
    pub education_school: Option<String>,
    #[serde(default)]
    pub graduation_year: Option<i32>,
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub phone: Option<Private<String>>,
    /// Contact e-mail on the card; the login e-mail is the account's and does not change here.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    pub email: Option<Private<String>>,
    #[serde(default)]
    pub has_disability: bool,
    #[serde(default)]
    pub wants_reserved_openings: bool,
    #[serde(default)]
    pub driving_licences: Vec<String>,
    #[serde(default)]
    pub expected_wage_rupiah: Option<i64>,
    #[serde(default)]
    pub preferred_employment_types: Vec<String>,
    #[serde(default)]
    pub preferred_occupations: Vec<String>,
    #[serde(default)]
    pub preferred_regions: Vec<String>,
    #[serde(default)]
    pub consent_visible_to_employers: Option<bool>,
    #[serde(default)]
    pub consent_receive_alerts: Option<bool>,
    #[serde(default)]
    pub profile_summary: Option<String>,
    #[serde(default)]
    pub open_to_work: Option<bool>,
}

impl ProfileUpdateRequest {
    /// The same edit as a registration form for the NIK already on the card, so both go through one validation.
    pub(super) fn into_form(self, nik: String) -> (RegistrationRequest, bool) {
        let form = RegistrationRequest {
            nik: Private(nik),
            full_name: self.full_name,
            birth_place: self.birth_place,
            birth_date: self.birth_date,
            sex: self.sex,
            address: self.address,
            domicile_region_code: self.domicile_region_code,
            education_level: self.education_level,
            education_major: self.education_major,
            education_school: self.education_school,
            graduation_year: self.graduation_year,
            phone: self.phone,
            email: self.email,
            has_disability: self.has_disability,
            wants_reserved_openings: self.wants_reserved_openings,
            driving_licences: self.driving_licences,
            expected_wage_rupiah: self.expected_wage_rupiah,
            preferred_employment_types: self.preferred_employment_types,
            preferred_occupations: self.preferred_occupations,
            preferred_regions: self.preferred_regions,
            consent_visible_to_employers: self.consent_visible_to_employers,
            consent_receive_alerts: self.consent_receive_alerts,
            profile_summary: self.profile_summary,
            password: None,
        };
        (form, self.open_to_work.unwrap_or(true))
    }
}

/// A registration form that passed every rule, with its reference codes checked against the database.
pub(super) struct ValidProfile {
    pub(super) registration: ValidSeekerRegistration,
    pub(super) preferred_occupations: Vec<String>,
    pub(super) preferred_regions: Vec<String>,
    pub(super) profile_summary: Option<String>,
}

impl ValidProfile {
    pub(super) fn fields(
        &self,
        consent_recorded_at: DateTime<Utc>,
        open_to_work: bool,
    ) -> ProfileFields {
        let registration = &self.registration;
        let birth_date = registration.birth_date();
        ProfileFields {
            full_name: registration.full_name().to_string(),
            birth_place: registration.birth_place().to_string(),
            birth_date,
            // Validation keeps birth years within 1900 and today, and graduation years within the birth year and next
            // year, so both fit a smallint.
            birth_year: i16::try_from(birth_date.year()).unwrap_or(i16::MAX),
            sex: registration.sex().as_str().to_string(),
            address: registration.address().to_string(),
            domicile_region_code: registration.domicile_region_code().as_str().to_string(),
            phone: registration.phone().map(|phone| phone.as_str().to_string()),
            email: registration.email().map(|email| email.as_str().to_string()),
            education_level: registration.education_level().as_str().to_string(),
            education_major: registration.education_major().map(str::to_string),
            education_school: registration.education_school().map(str::to_string),
            graduation_year: registration
                .graduation_year()
                .map(|year| i16::try_from(year).unwrap_or(i16::MAX)),
            has_disability: registration.has_disability(),
            wants_reserved_openings: registration.wants_reserved_openings(),
            consent_visible_to_employers: registration.consent_visible_to_employers(),
            consent_receive_alerts: registration.consent_receive_alerts(),
            consent_recorded_at,
            expected_wage_rupiah: registration.expected_wage().map(i64::from),
            preferred_employment_types: registration
                .preferred_employment_types()
                .iter()
                .map(|kind| Some(kind.as_str().to_string()))
                .collect(),
            driving_licences: registration
                .driving_licences()
                .iter()
                .map(|licence| Some(licence.as_str().to_string()))
                .collect(),
            profile_summary: self.profile_summary.clone(),
            open_to_work,
        }
    }
}

pub(super) fn required_consent(field: &str) -> FieldError {
    FieldError::new(
        field,
        "consent_required",
        "answer true or false: consent is never assumed",
        "jawab true atau false: persetujuan tidak pernah dianggap diberikan",
    )
}

pub(super) fn unknown_region(field: String, code: &str) -> FieldError {
    FieldError::new(
        field,
        "region_unknown",
        format!("region {code} is not in the reference data"),
        format!("wilayah {code} tidak ada dalam data referensi"),
    )
}

pub(super) fn unknown_occupation(field: String, code: &str) -> FieldError {
    FieldError::new(
        field,
        "occupation_unknown",
        format!("kbji occupation {code} is not in the reference data"),
        format!("jabatan KBJI {code} tidak ada dalam data referensi"),
    )
}

pub(super) fn too_many(field: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        "too_many_items",
        format!("at most {max} items"),
        format!("paling banyak {max} isian"),
    )
}

/// Checks a registration form: the domain's rules, the fields only the API has (consent answers, preferences,
/// summary), the reference codes, plus `extra` failures the caller found (e-mail, password). Everything failed is
/// reported at once.
pub(super) async fn validate_profile(
    connection: &mut AsyncPgConnection,
    form: &RegistrationRequest,
    today: NaiveDate,
    extra: Vec<FieldError>,
) -> Result<ValidProfile, ApiError> {
    let mut errors = Vec::new();
    let draft = SeekerRegistrationDraft {
        nik: form.nik.0.clone(),
        full_name: form.full_name.0.clone(),
        birth_place: form.birth_place.0.clone(),
        birth_date: form.birth_date.as_ref().map(|date| date.0),
        sex: form.sex.clone(),
        address: form.address.0.clone(),
        domicile_region_code: form.domicile_region_code.clone(),
        education_level: form.education_level.clone(),
        education_major: form.education_major.clone(),
        education_school: form.education_school.clone(),
        graduation_year: form.graduation_year,
        phone: form.phone.as_ref().map(|phone| phone.0.clone()),
        email: form.email.as_ref().map(|email| email.0.clone()),
        has_disability: form.has_disability,
        wants_reserved_openings: form.wants_reserved_openings,
        driving_licences: form.driving_licences.clone(),
        expected_wage_rupiah: form.expected_wage_rupiah,
        preferred_employment_types: form.preferred_employment_types.clone(),
        consent_visible_to_employers: form.consent_visible_to_employers.unwrap_or(false),
        consent_receive_alerts: form.consent_receive_alerts.unwrap_or(false),
    };
    let registration = draft
        .validate(today)
        .map_err(|failures| errors.extend(failures))
        .ok();
    if let Some(Private(birth_date)) = &form.birth_date
        && birth_date.year() < EARLIEST_BIRTH_YEAR
    {
        errors.push(FieldError::new(
            "birth_date",
            "birth_date_too_early",
            format!("birth date must be in {EARLIEST_BIRTH_YEAR} or later"),
            format!("tanggal lahir harus tahun {EARLIEST_BIRTH_YEAR} atau sesudahnya"),
        ));
    }
    if form.consent_visible_to_employers.is_none() {
        errors.push(required_consent("consent_visible_to_employers"));
    }
    if form.consent_receive_alerts.is_none() {
        errors.push(required_consent("consent_receive_alerts"));
    }
    let profile_summary = optional_text(form.profile_summary.as_deref(), 1000)
        .map_err(|error| errors.push(FieldError::from_error("profile_summary", &error)))
        .ok()
        .flatten();

    let mut occupations: Vec<(usize, String)> = Vec::new();
    for (index, code) in form.preferred_occupations.iter().enumerate() {
        match KbjiCode::parse(code) {
            Ok(code) if !occupations.iter().any(|(_, seen)| seen == code.as_str()) => {
                occupations.push((index, code.as_str().to_string()));
            }
            Ok(_) => {}
            Err(error) => errors.push(FieldError::from_error(
                format!("preferred_occupations[{index}]"),
                &error,
            )),
        }
    }
    if occupations.len() > MAX_PREFERENCES {
        errors.push(too_many("preferred_occupations", MAX_PREFERENCES));
    }
    let mut regions: Vec<(usize, String)> = Vec::new();
    for (index, code) in form.preferred_regions.iter().enumerate() {
        match RegionCode::parse(code) {
            Ok(code) if !regions.iter().any(|(_, seen)| seen == code.as_str()) => {
                regions.push((index, code.as_str().to_string()));
            }
            Ok(_) => {}
            Err(error) => errors.push(FieldError::from_error(
                format!("preferred_regions[{index}]"),
                &error,
            )),
        }
    }
    if regions.len() > MAX_PREFERENCES {
        errors.push(too_many("preferred_regions", MAX_PREFERENCES));
    }

    // The codes must also be rows of the reference tables.
    let domicile = RegionCode::parse(&form.domicile_region_code).ok();
    let mut region_codes: Vec<String> = regions.iter().map(|(_, code)| code.clone()).collect();
    region_codes.extend(domicile.map(|code| code.as_str().to_string()));
    let known_regions = code_lookups::known_regions(connection, &region_codes).await?;
    if let Some(domicile) = domicile
        && !known_regions.iter().any(|known| known == domicile.as_str())
    {
        errors.push(unknown_region(
            "domicile_region_code".to_string(),
            domicile.as_str(),
        ));
    }
    for (index, code) in &regions {
        if !known_regions.contains(code) {
            errors.push(unknown_region(format!("preferred_regions[{index}]"), code));
        }
    }
    let occupation_codes: Vec<String> = occupations.iter().map(|(_, code)| code.clone()).collect();
    let known_occupations = code_lookups::known_occupations(connection, &occupation_codes).await?;
    for (index, code) in &occupations {
        if !known_occupations.contains(code) {
            errors.push(unknown_occupation(
                format!("preferred_occupations[{index}]"),
                code,
            ));
        }
    }

    // The caller's own checks may repeat a rule the domain already reported (an e-mail that does not parse).
    for error in extra {
        if !errors
            .iter()
            .any(|seen| seen.field == error.field && seen.code == error.code)
        {
            errors.push(error);
        }
    }
    let (true, Some(registration)) = (errors.is_empty(), registration) else {
        return Err(ApiError::Validation(errors));
    };
    Ok(ValidProfile {
        registration,
        preferred_occupations: occupation_codes,
        preferred_regions: regions.into_iter().map(|(_, code)| code).collect(),
        profile_summary,
    })
}

/// The e-mail of a self-registration or activation: required, since it is the login.
pub(super) fn login_email(value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Email> {
    match value.map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new(
                "email",
                "email_required",
                "an e-mail address is required: it is the login",
                "email wajib diisi: email dipakai untuk masuk (login)",
            ));
            None
        }
        Some(value) => Email::parse(value)
            .map_err(|error| errors.push(FieldError::from_error("email", &error)))
            .ok(),
    }
}
