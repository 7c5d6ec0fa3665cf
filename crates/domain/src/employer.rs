//! Employers (pemberi kerja, DUDI): registration, and verification by the labour office.
//!
//! Verification (the data model lists statuses only; this is the reading used here): `pending →
//! verified | rejected` (officer), `verified → suspended` and back `suspended → verified`
//! (officer), `rejected → pending` (the employer corrects and resubmits). Rejection and
//! suspension need a reason. No status is final.

use crate::codes::{KbliCode, Nib, Npwp};
use crate::email::Email;
use crate::error::{FieldError, Localised, TextError, required_text};
use crate::lifecycle::{Actor, Lifecycle, Subject, lifecycle_plumbing};
use crate::phone::PhoneNumber;
use crate::region::RegionCode;
use crate::vocab::{CompanySize, LegalForm, VerificationStatus};

impl Lifecycle for VerificationStatus {
    const SUBJECT: &'static Subject = &Subject {
        en: "employer verification",
        id: "Verifikasi pemberi kerja",
    };

    lifecycle_plumbing!();

    fn initial_states() -> &'static [Self] {
        &[VerificationStatus::Pending]
    }

    fn is_final(self) -> bool {
        false
    }

    fn permitted_actors(self, to: Self) -> &'static [Actor] {
        use VerificationStatus::*;
        match (self, to) {
            (Pending, Verified) | (Pending, Rejected) => &[Actor::Officer],
            (Verified, Suspended) | (Suspended, Verified) => &[Actor::Officer],
            (Rejected, Pending) => &[Actor::Employer],
            _ => &[],
        }
    }
}

impl VerificationStatus {
    /// Whether moving to this status needs a written reason (rejection, suspension).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            VerificationStatus::Rejected | VerificationStatus::Suspended
        )
    }
}

/// A broken employer rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmployerError {
    /// Rejecting or suspending without a reason.
    #[error("a reason is required to reject or suspend an employer")]
    ReasonRequired,
}

impl Localised for EmployerError {
    fn code(&self) -> &'static str {
        match self {
            EmployerError::ReasonRequired => "verification_reason_required",
        }
    }

    fn message_id(&self) -> String {
        match self {
            EmployerError::ReasonRequired => {
                "Alasan wajib diisi untuk menolak atau menangguhkan pemberi kerja".to_string()
            }
        }
    }
}

/// Checks the reason given with a verification decision; returns it trimmed.
pub fn check_verification_reason(
    to: VerificationStatus,
    reason: Option<&str>,
) -> Result<Option<String>, EmployerError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if to.needs_reason() && reason.is_none() {
        return Err(EmployerError::ReasonRequired);
    }
    Ok(reason.map(str::to_string))
}

/// An employer's registration as typed in. Field names follow the `employers` columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct EmployerRegistrationDraft {
    /// Registered name, e.g. "PT Kaltim Teknik Mandiri".
    pub name: String,
    /// Legal form spelling.
    pub legal_form: String,
    /// NIB (13 digits).
    pub nib: String,
    /// NPWP (optional: some micro businesses have none yet).
    pub npwp: Option<String>,
    /// Main KBLI 2020 code.
    pub kbli_code: String,
    /// Address.
    pub address: String,
    /// Region code or kecamatan spelling, when the address is in Balikpapan.
    pub region_code: Option<String>,
    /// Contact person.
    pub contact_person_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Contact email (optional).
    pub contact_email: Option<String>,
    /// Size class spelling (optional).
    pub company_size: Option<String>,
}

/// A registration that passed validation; a new employer starts `pending`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEmployerRegistration {
    name: String,
    legal_form: LegalForm,
    nib: Nib,
    npwp: Option<Npwp>,
    kbli_code: KbliCode,
    address: String,
    region_code: Option<RegionCode>,
    contact_person_name: String,
    contact_phone: PhoneNumber,
    contact_email: Option<Email>,
    company_size: Option<CompanySize>,
}

impl EmployerRegistrationDraft {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<ValidEmployerRegistration, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut push = |field: &str, error: &dyn Localised| {
            errors.push(FieldError::from_error(field, error));
        };
        let mut text = |field: &str, result: Result<String, TextError>| {
            result
                .map_err(|error| push(field, &error))
                .unwrap_or_default()
        };
        let name = text("name", required_text(&self.name, 2, 200));
        let address = text("address", required_text(&self.address, 5, 300));
        let contact_person_name = text(
            "contact_person_name",
            required_text(&self.contact_person_name, 2, 150),
        );

        let legal_form = LegalForm::parse(self.legal_form.trim())
            .map_err(|e| push("legal_form", &e))
            .ok();
        let nib = Nib::parse(&self.nib).map_err(|e| push("nib", &e)).ok();
        let npwp = match self.npwp.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => Npwp::parse(value).map_err(|e| push("npwp", &e)).ok(),
        };
        let kbli_code = KbliCode::parse(&self.kbli_code)
            .map_err(|e| push("kbli_code", &e))
            .ok();
        let region_code = match self.region_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => RegionCode::parse(value)
                .map_err(|e| push("region_code", &e))
                .ok(),
        };
        let contact_phone = PhoneNumber::parse(&self.contact_phone)
            .map_err(|e| push("contact_phone", &e))
            .ok();
        let contact_email = match self.contact_email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => Email::parse(value)
                .map_err(|e| push("contact_email", &e))
                .ok(),
        };
        let company_size = match self.company_size.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(value) => CompanySize::parse(value)
                .map_err(|e| push("company_size", &e))
                .ok(),
        };

        let (true, Some(legal_form), Some(nib), Some(kbli_code), Some(contact_phone)) =
            (errors.is_empty(), legal_form, nib, kbli_code, contact_phone)
        else {
            return Err(errors);
        };
        Ok(ValidEmployerRegistration {
            name,
            legal_form,
            nib,
            npwp,
            kbli_code,
            address,
            region_code,
            contact_person_name,
            contact_phone,
            contact_email,
            company_size,
        })
    }
}

impl ValidEmployerRegistration {
    /// Registered name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Legal form.
    pub fn legal_form(&self) -> LegalForm {
        self.legal_form
    }
    /// NIB.
    pub fn nib(&self) -> &Nib {
        &self.nib
    }
    /// NPWP, if given.
    pub fn npwp(&self) -> Option<&Npwp> {
        self.npwp.as_ref()
    }
    /// Main KBLI code.
    pub fn kbli_code(&self) -> &KbliCode {
        &self.kbli_code
    }
    /// Address.
    pub fn address(&self) -> &str {
        &self.address
    }
    /// Region, when in the city.
    pub fn region_code(&self) -> Option<RegionCode> {
        self.region_code
    }
    /// Contact person.
    pub fn contact_person_name(&self) -> &str {
        &self.contact_person_name
    }
    /// Contact phone.
    pub fn contact_phone(&self) -> &PhoneNumber {
        &self.contact_phone
    }
    /// Contact email.
    pub fn contact_email(&self) -> Option<&Email> {
        self.contact_email.as_ref()
    }
    /// Size class, if given.
    pub fn company_size(&self) -> Option<CompanySize> {
        self.company_size
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use crate::lifecycle::machine_checks;
    use VerificationStatus::*;
    use proptest::prelude::*;

    fn draft() -> EmployerRegistrationDraft {
        EmployerRegistrationDraft {
            name: "PT Kaltim Teknik Mandiri".to_string(),
            legal_form: "pt".to_string(),
            nib: "9120101234567".to_string(),
            npwp: Some("01.234.567.8-901.000".to_string()),
            kbli_code: "25112".to_string(),
            address: "Jl. Mulawarman No. 10, Sepinggan".to_string(),
            region_code: Some("balikpapan_selatan".to_string()),
            contact_person_name: "Andi Pratama".to_string(),
            contact_phone: "(0542) 761234".to_string(),
            contact_email: Some("hrd@kaltimteknik.co.id".to_string()),
            company_size: Some("menengah".to_string()),
        }
    }

    #[test]
    fn only_an_officer_verifies_and_a_rejected_employer_may_resubmit() {
        assert_eq!(Pending.transition(Verified, Actor::Officer), Ok(Verified));
        assert!(Pending.transition(Verified, Actor::Employer).is_err());
        assert_eq!(Rejected.transition(Pending, Actor::Employer), Ok(Pending));
        assert_eq!(Suspended.transition(Verified, Actor::Admin), Ok(Verified));
        machine_checks::assert_every_state_is_reachable::<VerificationStatus>();
    }

    #[test]
    fn rejecting_or_suspending_needs_a_reason() {
        assert_eq!(
            check_verification_reason(Rejected, Some("  ")),
            Err(EmployerError::ReasonRequired)
        );
        assert_eq!(
            check_verification_reason(Suspended, Some(" NIB tidak aktif di OSS ")),
            Ok(Some("NIB tidak aktif di OSS".to_string()))
        );
        assert_eq!(check_verification_reason(Verified, None), Ok(None));
    }

    #[test]
    fn a_complete_registration_validates() {
        let employer = draft().validate().unwrap();
        assert_eq!(employer.kbli_code().category(), 'C');
        assert_eq!(employer.npwp().unwrap().as_str(), "012345678901000");
        assert_eq!(employer.contact_phone().as_str(), "+62542761234");
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = EmployerRegistrationDraft {
            nib: "123".to_string(),
            kbli_code: "04000".to_string(),
            ..draft()
        };
        let errors = bad.validate().unwrap_err();
        let codes: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            vec![("nib", "nib_length"), ("kbli_code", "kbli_division")]
        );
    }

    proptest! {
        #[test]
        fn verification_status_walks_can_always_get_back_to_verified_or_pending(choices in proptest::collection::vec(0usize..10, 0..20)) {
            let state = machine_checks::walk::<VerificationStatus>(0, &choices);
            let reachable = machine_checks::reachable_from(state);
            prop_assert!(reachable.contains(&Verified) || reachable.contains(&Pending));
        }
    }
}
