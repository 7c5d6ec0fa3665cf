//! The shared vocabulary of `docs/data-model.md`: every enumeration with its exact spelling
//! (the same in SQL, `as_str()` and JSON), its human labels in Indonesian and English, and `ALL`.
//!
//! Each enum is declared once through the `vocabulary!` macro, so the spelling used by `as_str`,
//! `parse`, `Display` and serde comes from one table and cannot drift. Variants are declared in
//! the documented order and `Ord` follows it (this is what makes `EvidenceLevel` ordered).

use crate::error::{Localised, echo};

/// A value that is not one of an enumeration's spellings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind_en} '{value}': expected one of {allowed}")]
pub struct UnknownValue {
    /// What was being parsed, in English, e.g. `employment type`.
    pub kind_en: &'static str,
    /// What was being parsed, in Indonesian, e.g. `jenis hubungan kerja`.
    pub kind_id: &'static str,
    /// The rejected input (shortened).
    pub value: String,
    /// The allowed spellings, comma separated.
    pub allowed: String,
}

impl UnknownValue {
    pub(crate) fn new(
        kind_en: &'static str,
        kind_id: &'static str,
        value: &str,
        allowed: &[&'static str],
    ) -> Self {
        UnknownValue {
            kind_en,
            kind_id,
            value: echo(value),
            allowed: allowed.join(", "),
        }
    }
}

impl Localised for UnknownValue {
    fn code(&self) -> &'static str {
        "unknown_value"
    }

    fn message_id(&self) -> String {
        format!(
            "Nilai {} '{}' tidak dikenal: pilih salah satu dari {}",
            self.kind_id, self.value, self.allowed
        )
    }
}

/// Declares a closed enumeration with its spellings and labels.
///
/// ```text
/// vocabulary! {
///     /// doc
///     Name, "kind in English", "kind in Indonesian" {
///         Variant = "spelling", "Label Indonesia", "English label";
///     }
/// }
/// ```
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $kind_en:literal, $kind_id:literal {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal, $label_id:literal, $label_en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The exact spelling used in SQL, JSON and URLs.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }

            /// Human label in Bahasa Indonesia.
            pub const fn label_id(self) -> &'static str {
                match self { $( $name::$variant => $label_id, )+ }
            }

            /// Human label in English.
            pub const fn label_en(self) -> &'static str {
                match self { $( $name::$variant => $label_en, )+ }
            }

            /// Human label in the given language.
            pub const fn label(self, language: $crate::error::Language) -> &'static str {
                match language {
                    $crate::error::Language::Indonesian => self.label_id(),
                    $crate::error::Language::English => self.label_en(),
                }
            }

            /// Parses the exact spelling (case-sensitive).
            pub fn parse(value: &str) -> Result<$name, $crate::vocab::UnknownValue> {
                match value {
                    $( $code => Ok($name::$variant), )+
                    _ => Err($crate::vocab::UnknownValue::new(
                        $kind_en,
                        $kind_id,
                        value,
                        &[ $( $code, )+ ],
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::vocab::UnknownValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                $name::parse(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::vocab::UnknownValue;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                $name::parse(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// The role of a user account.
    UserRole, "user role", "peran pengguna" {
        /// A job seeker, trainee or graduate.
        Seeker = "seeker", "Pencari kerja", "Job seeker";
        /// Staff of one employer.
        Employer = "employer", "Pemberi kerja", "Employer";
        /// Staff of one training provider.
        Blk = "blk", "Staf lembaga pelatihan", "Training provider staff";
        /// Labour office officer (pengantar kerja).
        Officer = "officer", "Petugas Disnaker", "Labour office officer";
        /// Administrator of the service.
        Admin = "admin", "Administrator", "Administrator";
    }
}

vocabulary! {
    /// Sex as written on the NIK and counted in the IPK report: `L` laki-laki, `P` perempuan.
    Sex, "sex", "jenis kelamin" {
        /// Laki-laki.
        Male = "L", "Laki-laki", "Male";
        /// Perempuan.
        Female = "P", "Perempuan", "Female";
    }
}

vocabulary! {
    /// Highest formal education completed. Compare with [`EducationLevel::meets`], not `Ord`:
    /// SMA and SMK rank the same, as do D4 and S1.
    EducationLevel, "education level", "jenjang pendidikan" {
        /// No schooling completed.
        TidakSekolah = "tidak_sekolah", "Tidak/belum tamat sekolah", "No schooling";
        /// Primary school.
        Sd = "sd", "SD/sederajat", "Primary school";
        /// Junior secondary school.
        Smp = "smp", "SMP/sederajat", "Junior secondary school";
        /// General senior secondary school.
        Sma = "sma", "SMA/MA", "Senior secondary school";
        /// Vocational senior secondary school.
        Smk = "smk", "SMK", "Vocational secondary school";
        /// One-year diploma.
        D1 = "d1", "Diploma I", "One-year diploma (D1)";
        /// Two-year diploma.
        D2 = "d2", "Diploma II", "Two-year diploma (D2)";
        /// Three-year diploma.
        D3 = "d3", "Diploma III", "Three-year diploma (D3)";
        /// Applied bachelor.
        D4 = "d4", "Diploma IV/Sarjana Terapan", "Applied bachelor's degree (D4)";
        /// Bachelor.
        S1 = "s1", "Sarjana (S1)", "Bachelor's degree (S1)";
        /// Master.
        S2 = "s2", "Magister (S2)", "Master's degree (S2)";
        /// Doctorate.
        S3 = "s3", "Doktor (S3)", "Doctorate (S3)";
    }
}

impl EducationLevel {
    /// Rank for comparing levels: SMA = SMK and D4 = S1 share a rank.
    pub const fn rank(self) -> u8 {
        match self {
            EducationLevel::TidakSekolah => 0,
            EducationLevel::Sd => 1,
            EducationLevel::Smp => 2,
            EducationLevel::Sma | EducationLevel::Smk => 3,
            EducationLevel::D1 => 4,
            EducationLevel::D2 => 5,
            EducationLevel::D3 => 6,
            EducationLevel::D4 | EducationLevel::S1 => 7,
            EducationLevel::S2 => 8,
            EducationLevel::S3 => 9,
        }
    }

    /// Whether this level satisfies a vacancy's or programme's minimum.
    pub const fn meets(self, minimum: EducationLevel) -> bool {
        self.rank() >= minimum.rank()
    }
}

vocabulary! {
    /// Kind of employment relation offered by a vacancy.
    EmploymentType, "employment type", "jenis hubungan kerja" {
        /// Fixed-term contract (perjanjian kerja waktu tertentu).
        Pkwt = "pkwt", "PKWT (kontrak)", "Fixed-term contract (PKWT)";
        /// Permanent (perjanjian kerja waktu tidak tertentu).
        Pkwtt = "pkwtt", "PKWTT (tetap)", "Permanent (PKWTT)";
        /// Daily work.
        Harian = "harian", "Harian lepas", "Daily work";
        /// Apprenticeship.
        Magang = "magang", "Magang", "Apprenticeship";
        /// Part-time.
        ParuhWaktu = "paruh_waktu", "Paruh waktu", "Part-time";
    }
}

vocabulary! {
    /// The period a wage amount is paid for.
    WagePeriod, "wage period", "periode upah" {
        /// Per month.
        Bulanan = "bulanan", "Per bulan", "Per month";
        /// Per day.
        Harian = "harian", "Per hari", "Per day";
        /// Per hour.
        PerJam = "per_jam", "Per jam", "Per hour";
    }
}

vocabulary! {
    /// Legal form of an employer.
    LegalForm, "legal form", "bentuk badan usaha" {
        /// Perseroan terbatas.
        Pt = "pt", "Perseroan Terbatas (PT)", "Limited liability company (PT)";
        /// Persekutuan komanditer.
        Cv = "cv", "Persekutuan Komanditer (CV)", "Limited partnership (CV)";
        /// Firma.
        Firma = "firma", "Firma", "General partnership (firma)";
        /// Koperasi.
        Koperasi = "koperasi", "Koperasi", "Cooperative";
        /// Yayasan.
        Yayasan = "yayasan", "Yayasan", "Foundation";
        /// State-owned enterprise.
        Bumn = "bumn", "BUMN", "State-owned enterprise (BUMN)";
        /// Regional-government-owned enterprise.
        Bumd = "bumd", "BUMD", "Regional government enterprise (BUMD)";
        /// Sole proprietor.
        Perorangan = "perorangan", "Usaha perorangan", "Sole proprietorship";
        /// Anything else.
        Lainnya = "lainnya", "Lainnya", "Other";
    }
}

vocabulary! {
    /// Size class of an employer.
    CompanySize, "company size", "skala usaha" {
        /// Micro.
        Mikro = "mikro", "Mikro", "Micro";
        /// Small.
        Kecil = "kecil", "Kecil", "Small";
        /// Medium.
        Menengah = "menengah", "Menengah", "Medium";
        /// Large.
        Besar = "besar", "Besar", "Large";
    }
}

vocabulary! {
    /// Verification state of an employer; only verified employers' vacancies are public.
    VerificationStatus, "verification status", "status verifikasi" {
        /// Waiting for an officer.
        Pending = "pending", "Menunggu verifikasi", "Pending verification";
        /// Verified by an officer.
        Verified = "verified", "Terverifikasi", "Verified";
        /// Rejected by an officer, with a reason.
        Rejected = "rejected", "Ditolak", "Rejected";
        /// Suspended by an officer.
        Suspended = "suspended", "Ditangguhkan", "Suspended";
    }
}

vocabulary! {
    /// Lifecycle state of a vacancy; see `vacancy` for the allowed moves.
    VacancyStatus, "vacancy status", "status lowongan" {
        /// Being written by the employer.
        Draft = "draft", "Draf", "Draft";
        /// Submitted to the labour office (the legal report).
        Reported = "reported", "Dilaporkan", "Reported";
        /// Checked by an officer.
        Verified = "verified", "Terverifikasi", "Verified";
        /// Published and accepting applications.
        Open = "open", "Dibuka", "Open";
        /// Every opening filled (final).
        Filled = "filled", "Terisi", "Filled";
        /// Withdrawn by employer or officer (final).
        Closed = "closed", "Ditutup", "Closed";
        /// Validity period ended (final).
        Expired = "expired", "Kedaluwarsa", "Expired";
    }
}

vocabulary! {
    /// Whether a vacancy's competency unit must be covered or merely counts in favour.
    UnitRequirement, "unit requirement", "syarat unit kompetensi" {
        /// Must be covered.
        Required = "required", "Wajib", "Required";
        /// Counts in favour.
        Optional = "optional", "Diutamakan", "Optional";
    }
}

vocabulary! {
    /// Strength of a seeker's evidence for a competency unit: declared < trained < certified.
    EvidenceLevel, "evidence level", "tingkat bukti kompetensi" {
        /// Declared by the seeker.
        Declared = "declared", "Pernyataan sendiri", "Self-declared";
        /// Completed BLK training with a competent result.
        Trained = "trained", "Lulus pelatihan", "Trained";
        /// Backed by a valid BNSP/LSP certificate.
        Certified = "certified", "Bersertifikat", "Certified";
    }
}

vocabulary! {
    /// Stored status of a certificate; "expired" is derived from `valid_until`, never stored.
    CertificateStatus, "certificate status", "status sertifikat" {
        /// In force (unless past its validity date).
        Active = "active", "Aktif", "Active";
        /// Revoked by the issuer.
        Revoked = "revoked", "Dicabut", "Revoked";
    }
}

vocabulary! {
    /// Status of a seeker's AK/I card (kartu kuning, the job-seeker registration).
    SeekerStatus, "seeker status", "status pencari kerja" {
        /// Registered and looking for work.
        Active = "active", "Aktif", "Active";
        /// Started work.
        Placed = "placed", "Sudah bekerja", "Placed";
        /// Removed from the register.
        Removed = "removed", "Dihapus dari daftar", "Removed";
        /// Two-year validity ended.
        Expired = "expired", "Kedaluwarsa", "Expired";
    }
}

vocabulary! {
    /// What someone other than the seeker did with the seeker's personal data (the `audit_log`).
    AuditAction, "audit action", "jenis akses data" {
        /// Looked at it.
        Read = "read", "Melihat", "Read";
        /// Downloaded all of it.
        Export = "export", "Mengunduh", "Export";
        /// Changed it.
        Update = "update", "Mengubah", "Update";
        /// Erased it on request.
        Erase = "erase", "Menghapus", "Erase";
    }
}

vocabulary! {
    /// Driving licence class (SIM). `B1_umum`/`B2_umum` are the commercial variants.
    DrivingLicence, "driving licence class", "golongan SIM" {
        /// Cars and light vans.
        A = "A", "SIM A", "Class A (cars)";
        /// Trucks and buses over 3,500 kg.
        B1 = "B1", "SIM B1", "Class B1 (trucks and buses)";
        /// B1 for public and commercial transport.
        B1Umum = "B1_umum", "SIM B1 Umum", "Class B1 commercial";
        /// Heavy vehicles with trailers, heavy equipment.
        B2 = "B2", "SIM B2", "Class B2 (articulated and heavy vehicles)";
        /// B2 for public and commercial transport.
        B2Umum = "B2_umum", "SIM B2 Umum", "Class B2 commercial";
        /// Motorcycles.
        C = "C", "SIM C", "Class C (motorcycles)";
        /// Special vehicles for people with disabilities.
        D = "D", "SIM D", "Class D (adapted vehicles)";
    }
}

vocabulary! {
    /// Stage of an application in the hiring pipeline; see `application` for the allowed moves.
    ApplicationStage, "application stage", "tahap lamaran" {
        /// Invited by the employer, not yet accepted by the seeker.
        Invited = "invited", "Diundang", "Invited";
        /// Applied.
        Applied = "applied", "Melamar", "Applied";
        /// Documents being screened.
        Screening = "screening", "Seleksi berkas", "Screening";
        /// Interview stage.
        Interview = "interview", "Wawancara", "Interview";
        /// Offer made.
        Offer = "offer", "Penawaran kerja", "Offer";
        /// Hired (final).
        Hired = "hired", "Diterima bekerja", "Hired";
        /// Rejected by the employer, with a reason (final).
        Rejected = "rejected", "Tidak lolos", "Rejected";
        /// Withdrawn by the seeker (final).
        Withdrawn = "withdrawn", "Mengundurkan diri", "Withdrawn";
    }
}

vocabulary! {
    /// Why an application was rejected.
    RejectionReason, "rejection reason", "alasan penolakan" {
        /// Competencies do not match.
        CompetencyMismatch = "competency_mismatch", "Kompetensi tidak sesuai", "Competencies do not match";
        /// Education does not match.
        EducationMismatch = "education_mismatch", "Pendidikan tidak sesuai", "Education does not match";
        /// Not enough experience.
        ExperienceInsufficient = "experience_insufficient", "Pengalaman kurang", "Insufficient experience";
        /// Failed a test.
        FailedTest = "failed_test", "Tidak lulus tes", "Did not pass the test";
        /// Failed the interview.
        FailedInterview = "failed_interview", "Tidak lulus wawancara", "Did not pass the interview";
        /// The vacancy was filled.
        PositionFilled = "position_filled", "Posisi sudah terisi", "Position already filled";
        /// Did not attend.
        NoShow = "no_show", "Tidak hadir", "Did not attend";
        /// The seeker declined the offer.
        OfferDeclined = "offer_declined", "Menolak tawaran kerja", "Declined the offer";
        /// Another reason, explained in a note.
        Other = "other", "Lainnya", "Other";
    }
}

vocabulary! {
    /// How an application started.
    ApplicationOrigin, "application origin", "asal lamaran" {
        /// The seeker applied.
        Applied = "applied", "Melamar sendiri", "Applied";
        /// The employer invited the seeker from the shortlist.
        Invited = "invited", "Diundang pemberi kerja", "Invited by the employer";
    }
}

vocabulary! {
    /// Kind of training provider.
    ProviderKind, "provider kind", "jenis lembaga pelatihan" {
        /// The city's own training centre.
        UptdBlk = "uptd_blk", "UPTD BLK", "City training centre (UPTD BLK)";
        /// The ministry's vocational training centre.
        Bpvp = "bpvp", "BPVP", "Ministry vocational training centre (BPVP)";
        /// Private training institution.
        Lpk = "lpk", "LPK swasta", "Private training institution (LPK)";
        /// Anything else.
        Lainnya = "lainnya", "Lainnya", "Other";
    }
}

vocabulary! {
    /// How a training programme is delivered.
    TrainingMode, "training mode", "metode pelatihan" {
        /// In person.
        TatapMuka = "tatap_muka", "Tatap muka", "In person";
        /// Online.
        Daring = "daring", "Daring", "Online";
        /// Blended.
        Campuran = "campuran", "Campuran", "Blended";
    }
}

vocabulary! {
    /// Who pays for a training programme.
    FundingSource, "funding source", "sumber dana" {
        /// National budget.
        Apbn = "apbn", "APBN", "National budget (APBN)";
        /// Regional budget.
        Apbd = "apbd", "APBD", "Regional budget (APBD)";
        /// A company or its CSR programme.
        Swasta = "swasta", "Swasta/CSR", "Company or CSR";
        /// The trainee.
        Mandiri = "mandiri", "Biaya sendiri", "Self-funded";
    }
}

vocabulary! {
    /// Lifecycle state of a training cohort (angkatan).
    CohortStatus, "cohort status", "status angkatan pelatihan" {
        /// Announced.
        Planned = "planned", "Direncanakan", "Planned";
        /// Taking registrations.
        RegistrationOpen = "registration_open", "Pendaftaran dibuka", "Registration open";
        /// Selecting trainees.
        Selection = "selection", "Seleksi", "Selection";
        /// Training under way.
        Running = "running", "Berjalan", "Running";
        /// Finished (final).
        Completed = "completed", "Selesai", "Completed";
        /// Cancelled (final).
        Cancelled = "cancelled", "Dibatalkan", "Cancelled";
    }
}

vocabulary! {
    /// Status of a seeker's enrolment in a cohort; see `training` for the allowed moves.
    EnrolmentStatus, "enrolment status", "status pendaftaran pelatihan" {
        /// Applied to the cohort.
        Registered = "registered", "Terdaftar", "Registered";
        /// Passed the document check.
        PassedAdministration = "passed_administration", "Lolos administrasi", "Passed administration";
        /// Passed the written test.
        PassedTest = "passed_test", "Lolos tes tertulis", "Passed the written test";
        /// Given a seat.
        Accepted = "accepted", "Diterima", "Accepted";
        /// In training.
        Active = "active", "Sedang pelatihan", "In training";
        /// Graduated competent (final).
        GraduatedCompetent = "graduated_competent", "Lulus kompeten", "Graduated competent";
        /// Graduated not yet competent (final).
        GraduatedNotCompetent = "graduated_not_competent", "Lulus belum kompeten", "Graduated not yet competent";
        /// Withdrawn by the seeker or BLK (final).
        Withdrawn = "withdrawn", "Mengundurkan diri", "Withdrawn";
        /// Not selected (final).
        NotSelected = "not_selected", "Tidak lolos seleksi", "Not selected";
    }
}

vocabulary! {
    /// How a placement came about.
    PlacementChannel, "placement channel", "jalur penempatan" {
        /// Hired through an application in Jembatan.
        Jembatan = "jembatan", "Melalui Jembatan", "Through Jembatan";
        /// At a job fair.
        JobFair = "job_fair", "Bursa kerja", "Job fair";
        /// Referred by a BLK.
        BlkReferral = "blk_referral", "Rujukan BLK", "Training centre referral";
        /// Found directly by the seeker.
        Direct = "direct", "Melamar langsung", "Direct";
        /// Hired by the apprenticeship host.
        ApprenticeshipHire = "apprenticeship_hire", "Diangkat setelah magang", "Hired after apprenticeship";
        /// Through the labour office counter.
        Counter = "counter", "Layanan Disnaker", "Labour office counter";
    }
}

vocabulary! {
    /// Result of a placement follow-up.
    FollowupOutcome, "follow-up outcome", "hasil pemantauan" {
        /// Still working there.
        StillEmployed = "still_employed", "Masih bekerja", "Still employed";
        /// Left the job.
        Left = "left", "Sudah berhenti", "Left";
    }
}

vocabulary! {
    /// Status of an apprenticeship programme proposed by a host employer.
    ApprenticeshipProgrammeStatus, "apprenticeship programme status", "status program pemagangan" {
        /// Proposed by the host.
        Proposed = "proposed", "Diajukan", "Proposed";
        /// Approved by the labour office.
        Approved = "approved", "Disetujui", "Approved";
        /// Rejected by the labour office (final).
        Rejected = "rejected", "Ditolak", "Rejected";
        /// Closed (final).
        Closed = "closed", "Ditutup", "Closed";
    }
}

vocabulary! {
    /// Status of one apprentice's apprenticeship.
    ApprenticeshipStatus, "apprenticeship status", "status pemagangan" {
        /// Under way.
        Active = "active", "Berjalan", "Active";
        /// Completed (final).
        Completed = "completed", "Selesai", "Completed";
        /// Ended early (final).
        Discontinued = "discontinued", "Dihentikan", "Discontinued";
    }
}

vocabulary! {
    /// Status of an agreement with industry (nota kesepahaman).
    AgreementStatus, "agreement status", "status nota kesepahaman" {
        /// Being drafted.
        Draft = "draft", "Draf", "Draft";
        /// Signed and in force.
        Active = "active", "Berlaku", "Active";
        /// Term ended (final).
        Ended = "ended", "Berakhir", "Ended";
        /// Terminated early (final).
        Terminated = "terminated", "Diakhiri lebih awal", "Terminated";
    }
}

vocabulary! {
    /// What an agreement commits a party to.
    CommitmentKind, "commitment kind", "jenis komitmen" {
        /// Apprenticeship seats offered.
        ApprenticeshipSeats = "apprenticeship_seats", "Kuota peserta magang", "Apprenticeship seats";
        /// People placed in jobs.
        Placements = "placements", "Penempatan kerja", "Placements";
        /// Training supported (e.g. trainees funded).
        TrainingSupport = "training_support", "Dukungan pelatihan", "Training support";
    }
}

vocabulary! {
    /// Delivery state of a notification outbox row.
    OutboxStatus, "outbox status", "status pengiriman" {
        /// Not yet sent.
        Pending = "pending", "Menunggu", "Pending";
        /// Sent.
        Sent = "sent", "Terkirim", "Sent";
        /// Gave up after retries.
        Failed = "failed", "Gagal", "Failed";
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    /// Every enumeration: its spellings must round-trip through `parse`, `Display` and JSON.
    fn check_round_trips<T>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Result<T, UnknownValue>,
    ) where
        T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
    {
        for value in all.iter().copied() {
            assert_eq!(parse(as_str(value)).unwrap(), value);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{}\"", as_str(value)));
            let back: T = serde_json::from_str(&json).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn every_enumeration_round_trips_through_its_exact_spelling() {
        check_round_trips(UserRole::ALL, UserRole::as_str, UserRole::parse);
        check_round_trips(Sex::ALL, Sex::as_str, Sex::parse);
        check_round_trips(
            EducationLevel::ALL,
            EducationLevel::as_str,
            EducationLevel::parse,
        );
        check_round_trips(
            EmploymentType::ALL,
            EmploymentType::as_str,
            EmploymentType::parse,
        );
        check_round_trips(WagePeriod::ALL, WagePeriod::as_str, WagePeriod::parse);
        check_round_trips(LegalForm::ALL, LegalForm::as_str, LegalForm::parse);
        check_round_trips(CompanySize::ALL, CompanySize::as_str, CompanySize::parse);
        check_round_trips(
            VerificationStatus::ALL,
            VerificationStatus::as_str,
            VerificationStatus::parse,
        );
        check_round_trips(
            VacancyStatus::ALL,
            VacancyStatus::as_str,
            VacancyStatus::parse,
        );
        check_round_trips(
            UnitRequirement::ALL,
            UnitRequirement::as_str,
            UnitRequirement::parse,
        );
        check_round_trips(
            EvidenceLevel::ALL,
            EvidenceLevel::as_str,
            EvidenceLevel::parse,
        );
        check_round_trips(
            CertificateStatus::ALL,
            CertificateStatus::as_str,
            CertificateStatus::parse,
        );
        check_round_trips(SeekerStatus::ALL, SeekerStatus::as_str, SeekerStatus::parse);
        check_round_trips(
            DrivingLicence::ALL,
            DrivingLicence::as_str,
            DrivingLicence::parse,
        );
        check_round_trips(
            ApplicationStage::ALL,
            ApplicationStage::as_str,
            ApplicationStage::parse,
        );
        check_round_trips(
            RejectionReason::ALL,
            RejectionReason::as_str,
            RejectionReason::parse,
        );
        check_round_trips(
            ApplicationOrigin::ALL,
            ApplicationOrigin::as_str,
            ApplicationOrigin::parse,
        );
        check_round_trips(ProviderKind::ALL, ProviderKind::as_str, ProviderKind::parse);
        check_round_trips(TrainingMode::ALL, TrainingMode::as_str, TrainingMode::parse);
        check_round_trips(
            FundingSource::ALL,
            FundingSource::as_str,
            FundingSource::parse,
        );
        check_round_trips(CohortStatus::ALL, CohortStatus::as_str, CohortStatus::parse);
        check_round_trips(
            EnrolmentStatus::ALL,
            EnrolmentStatus::as_str,
            EnrolmentStatus::parse,
        );
        check_round_trips(
            PlacementChannel::ALL,
            PlacementChannel::as_str,
            PlacementChannel::parse,
        );
        check_round_trips(
            FollowupOutcome::ALL,
            FollowupOutcome::as_str,
            FollowupOutcome::parse,
        );
        check_round_trips(
            ApprenticeshipProgrammeStatus::ALL,
            ApprenticeshipProgrammeStatus::as_str,
            ApprenticeshipProgrammeStatus::parse,
        );
        check_round_trips(
            ApprenticeshipStatus::ALL,
            ApprenticeshipStatus::as_str,
            ApprenticeshipStatus::parse,
        );
        check_round_trips(
            AgreementStatus::ALL,
            AgreementStatus::as_str,
            AgreementStatus::parse,
        );
        check_round_trips(
            CommitmentKind::ALL,
            CommitmentKind::as_str,
            CommitmentKind::parse,
        );
        check_round_trips(OutboxStatus::ALL, OutboxStatus::as_str, OutboxStatus::parse);
    }

    #[test]
    fn spellings_match_the_data_model_document_exactly() {
        let spellings = |all: Vec<&'static str>| all.join(",");
        assert_eq!(
            spellings(Sex::ALL.iter().map(|v| v.as_str()).collect()),
            "L,P"
        );
        assert_eq!(
            spellings(DrivingLicence::ALL.iter().map(|v| v.as_str()).collect()),
            "A,B1,B1_umum,B2,B2_umum,C,D"
        );
        assert_eq!(
            spellings(EducationLevel::ALL.iter().map(|v| v.as_str()).collect()),
            "tidak_sekolah,sd,smp,sma,smk,d1,d2,d3,d4,s1,s2,s3"
        );
        assert_eq!(
            spellings(EnrolmentStatus::ALL.iter().map(|v| v.as_str()).collect()),
            "registered,passed_administration,passed_test,accepted,active,graduated_competent,\
             graduated_not_competent,withdrawn,not_selected"
        );
        assert_eq!(
            spellings(PlacementChannel::ALL.iter().map(|v| v.as_str()).collect()),
            "jembatan,job_fair,blk_referral,direct,apprenticeship_hire,counter"
        );
    }

    #[test]
    fn an_unknown_spelling_is_rejected_with_the_allowed_values_listed() {
        let error = EmploymentType::parse("kontrak").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown employment type 'kontrak': expected one of pkwt, pkwtt, harian, magang, paruh_waktu"
        );
        assert_eq!(
            error.message_id(),
            "Nilai jenis hubungan kerja 'kontrak' tidak dikenal: pilih salah satu dari pkwt, pkwtt, harian, magang, paruh_waktu"
        );
        assert_eq!(error.code(), "unknown_value");
    }

    #[test]
    fn spellings_are_case_sensitive() {
        assert!(Sex::parse("l").is_err());
        assert!(DrivingLicence::parse("b1_umum").is_err());
        assert!(VacancyStatus::parse("Open").is_err());
    }

    #[test]
    fn json_with_an_unknown_spelling_fails_to_deserialise_with_the_allowed_values() {
        let error = serde_json::from_str::<Sex>("\"X\"").unwrap_err();
        assert!(
            error.to_string().contains("expected one of L, P"),
            "{error}"
        );
    }

    #[test]
    fn sma_and_smk_rank_the_same_and_d4_meets_an_s1_minimum() {
        assert!(EducationLevel::Smk.meets(EducationLevel::Sma));
        assert!(EducationLevel::Sma.meets(EducationLevel::Smk));
        assert!(EducationLevel::D4.meets(EducationLevel::S1));
        assert!(EducationLevel::S1.meets(EducationLevel::D4));
        assert!(!EducationLevel::D3.meets(EducationLevel::S1));
        assert!(!EducationLevel::Smp.meets(EducationLevel::Smk));
    }

    #[test]
    fn evidence_levels_are_ordered_declared_trained_certified() {
        assert!(EvidenceLevel::Declared < EvidenceLevel::Trained);
        assert!(EvidenceLevel::Trained < EvidenceLevel::Certified);
    }

    #[test]
    fn every_value_has_both_labels() {
        for value in DrivingLicence::ALL {
            assert!(!value.label_id().is_empty() && !value.label_en().is_empty());
        }
        assert_eq!(Sex::Female.label_id(), "Perempuan");
        assert_eq!(Sex::Male.label(crate::error::Language::English), "Male");
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics_and_accepts_only_known_spellings(text in "\\PC{0,30}") {
            match EnrolmentStatus::parse(&text) {
                Ok(status) => prop_assert_eq!(status.as_str(), text.as_str()),
                Err(error) => prop_assert!(error.to_string().starts_with("unknown enrolment status")),
            }
        }

        #[test]
        fn education_rank_agrees_with_meets(
            a in proptest::sample::select(EducationLevel::ALL),
            b in proptest::sample::select(EducationLevel::ALL),
        ) {
            prop_assert_eq!(a.meets(b), a.rank() >= b.rank());
            prop_assert!(a.meets(b) || b.meets(a));
        }
    }
}
