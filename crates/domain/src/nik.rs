//! NIK (Nomor Induk Kependudukan), the 16-digit national identity number.
//!
//! Layout: digits 1–2 province, 3–4 regency/city, 5–6 district (kecamatan), 7–12 birth date
//! `DDMMYY` with 40 added to the day for women, 13–16 a serial from 0001. There is no check digit,
//! so only the structure is validated. The region is where the number was first issued and the
//! embedded date may differ from the true birth date: a mismatch is a [`NikWarning`], never an error.
//!
//! The number is personal data: `Debug` prints it masked, errors never contain it, and there is
//! deliberately no `Display` or `Serialize` — call [`Nik::as_str`] (owner and officers only) or
//! [`Nik::masked`] (everyone else) so every disclosure is an explicit choice.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::error::Localised;
use crate::vocab::Sex;

/// Province codes as used by Dukcapil (Kemendagri), including the four Papua provinces created
/// in 2022 (93–96). A NIK is never reissued, so every code that was ever in use must stay here.
pub const PROVINCE_CODES: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, // Sumatra, Kepulauan Riau
    31, 32, 33, 34, 35, 36, // Java
    51, 52, 53, // Bali, Nusa Tenggara
    61, 62, 63, 64, 65, // Kalimantan
    71, 72, 73, 74, 75, 76, // Sulawesi
    81, 82, // Maluku
    91, 92, 93, 94, 95, 96, // Papua
];

/// A structurally valid NIK. Construct with [`Nik::parse`].
#[derive(Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Nik(String);

/// Why a text is not a NIK. Messages never contain the number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    /// Something other than digits (spaces are allowed and ignored).
    #[error("nik must contain only digits")]
    NotDigits,
    /// Not 16 digits.
    #[error("nik must have 16 digits, got {got}")]
    Length {
        /// How many digits were given.
        got: usize,
    },
    /// Digits 1–2 are not a province code.
    #[error("nik digits 1-2 must be an indonesian province code")]
    UnknownProvince,
    /// Digits 3–4 are `00`.
    #[error("nik digits 3-4 (regency or city) must not be 00")]
    ZeroRegency,
    /// Digits 5–6 are `00`.
    #[error("nik digits 5-6 (district) must not be 00")]
    ZeroDistrict,
    /// Digits 7–8 are not a day (01–31, or 41–71 for women).
    #[error("nik digits 7-8 must be a birth day 01-31, or 41-71 for women")]
    BirthDay,
    /// Digits 9–10 are not a month.
    #[error("nik digits 9-10 must be a birth month 01-12")]
    BirthMonth,
    /// Digits 7–12 are not a date that exists (e.g. 31 April).
    #[error("nik digits 7-12 must be a birth date that exists")]
    BirthDate,
    /// Digits 13–16 are `0000`.
    #[error("nik digits 13-16 (serial) must not be 0000")]
    ZeroSerial,
}

impl Localised for NikError {
    fn code(&self) -> &'static str {
        match self {
            NikError::NotDigits => "nik_not_digits",
            NikError::Length { .. } => "nik_length",
            NikError::UnknownProvince => "nik_province",
            NikError::ZeroRegency => "nik_regency",
            NikError::ZeroDistrict => "nik_district",
            NikError::BirthDay => "nik_birth_day",
            NikError::BirthMonth => "nik_birth_month",
            NikError::BirthDate => "nik_birth_date",
            NikError::ZeroSerial => "nik_serial",
        }
    }

    fn message_id(&self) -> String {
        match self {
            NikError::NotDigits => "NIK hanya boleh berisi angka".to_string(),
            NikError::Length { got } => format!("NIK harus 16 digit, diterima {got}"),
            NikError::UnknownProvince => {
                "Digit 1-2 NIK harus kode provinsi yang terdaftar".to_string()
            }
            NikError::ZeroRegency => "Digit 3-4 NIK (kabupaten/kota) tidak boleh 00".to_string(),
            NikError::ZeroDistrict => "Digit 5-6 NIK (kecamatan) tidak boleh 00".to_string(),
            NikError::BirthDay => {
                "Digit 7-8 NIK harus tanggal lahir 01-31, atau 41-71 untuk perempuan".to_string()
            }
            NikError::BirthMonth => "Digit 9-10 NIK harus bulan lahir 01-12".to_string(),
            NikError::BirthDate => "Digit 7-12 NIK harus tanggal lahir yang ada".to_string(),
            NikError::ZeroSerial => "Digit 13-16 NIK (nomor urut) tidak boleh 0000".to_string(),
        }
    }
}

/// A difference between the NIK and what the person declared; shown to staff, never blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NikWarning {
    /// The embedded `DDMMYY` differs from the declared birth date.
    #[error("the birth date in the nik differs from the declared birth date")]
    BirthDateMismatch,
    /// The embedded sex (day + 40 for women) differs from the declared sex.
    #[error("the sex encoded in the nik differs from the declared sex")]
    SexMismatch,
}

impl Localised for NikWarning {
    fn code(&self) -> &'static str {
        match self {
            NikWarning::BirthDateMismatch => "nik_birth_date_mismatch",
            NikWarning::SexMismatch => "nik_sex_mismatch",
        }
    }

    fn message_id(&self) -> String {
        match self {
            NikWarning::BirthDateMismatch => {
                "Tanggal lahir pada NIK berbeda dengan tanggal lahir yang diisi".to_string()
            }
            NikWarning::SexMismatch => {
                "Jenis kelamin pada NIK berbeda dengan jenis kelamin yang diisi".to_string()
            }
        }
    }
}

impl Nik {
    /// Validates the structure; spaces between digit groups are ignored.
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        let mut digits = String::with_capacity(16);
        for character in input.chars() {
            if character.is_ascii_digit() {
                digits.push(character);
            } else if !character.is_whitespace() {
                return Err(NikError::NotDigits);
            }
        }
        if digits.len() != 16 {
            return Err(NikError::Length { got: digits.len() });
        }
        let province = two_digits(&digits, 0);
        if !PROVINCE_CODES.contains(&province) {
            return Err(NikError::UnknownProvince);
        }
        if two_digits(&digits, 2) == 0 {
            return Err(NikError::ZeroRegency);
        }
        if two_digits(&digits, 4) == 0 {
            return Err(NikError::ZeroDistrict);
        }
        let encoded_day = two_digits(&digits, 6);
        let day = match encoded_day {
            1..=31 => encoded_day,
            41..=71 => encoded_day - 40,
            _ => return Err(NikError::BirthDay),
        };
        let month = two_digits(&digits, 8);
        if !(1..=12).contains(&month) {
            return Err(NikError::BirthMonth);
        }
        let year = i32::from(two_digits(&digits, 10));
        let exists_in_some_century = [1900 + year, 2000 + year].iter().any(|full_year| {
            NaiveDate::from_ymd_opt(*full_year, u32::from(month), u32::from(day)).is_some()
        });
        if !exists_in_some_century {
            return Err(NikError::BirthDate);
        }
        if &digits[12..16] == "0000" {
            return Err(NikError::ZeroSerial);
        }
        Ok(Nik(digits))
    }

    /// The 16 digits. Personal data: only for the owner, officers, encryption and keyed hashing.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What everyone else sees: only the last four digits, e.g. `************1234`.
    pub fn masked(&self) -> String {
        format!("************{}", &self.0[12..16])
    }

    /// Digits 1–6: province, regency/city and district where the number was first issued.
    pub fn region_code(&self) -> &str {
        &self.0[0..6]
    }

    /// Digits 1–2: the issuing province.
    pub fn province_code(&self) -> &str {
        &self.0[0..2]
    }

    /// The sex encoded by the day (+40 for women): `L` or `P`.
    pub fn embedded_sex(&self) -> Sex {
        if two_digits(&self.0, 6) > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// The embedded birth date. The two-digit year is read as 20YY unless that would be after
    /// `today`, then as 19YY (so nobody is born in the future; people over 100 read wrongly).
    pub fn embedded_birth_date(&self, today: NaiveDate) -> NaiveDate {
        let (day, month, year) = self.embedded_day_month_year();
        let this_century = NaiveDate::from_ymd_opt(2000 + year, month, day);
        let last_century = NaiveDate::from_ymd_opt(1900 + year, month, day);
        match (this_century, last_century) {
            (Some(date), _) if date <= today => date,
            (_, Some(date)) => date,
            (Some(date), None) => date,
            // parse() guarantees the date exists in at least one century.
            (None, None) => NaiveDate::MIN,
        }
    }

    /// Compares the NIK with the declared birth date and sex. Differences are warnings for staff:
    /// the embedded date is never corrected by Dukcapil, so a mismatch is not a reason to refuse.
    pub fn check_against(&self, birth_date: NaiveDate, sex: Sex) -> Vec<NikWarning> {
        let mut warnings = Vec::new();
        let (day, month, year) = self.embedded_day_month_year();
        let declared_year_in_century = birth_date.year().rem_euclid(100);
        if day != birth_date.day()
            || month != birth_date.month()
            || year != declared_year_in_century
        {
            warnings.push(NikWarning::BirthDateMismatch);
        }
        if self.embedded_sex() != sex {
            warnings.push(NikWarning::SexMismatch);
        }
        warnings
    }

    /// Day (with the +40 removed), month and two-digit year of digits 7–12.
    fn embedded_day_month_year(&self) -> (u32, u32, i32) {
        let encoded_day = u32::from(two_digits(&self.0, 6));
        let day = if encoded_day > 40 {
            encoded_day - 40
        } else {
            encoded_day
        };
        let month = u32::from(two_digits(&self.0, 8));
        let year = i32::from(two_digits(&self.0, 10));
        (day, month, year)
    }
}

/// The two-digit number at `start` of an all-ASCII-digit string.
fn two_digits(digits: &str, start: usize) -> u8 {
    let bytes = digits.as_bytes();
    (bytes[start] - b'0') * 10 + (bytes[start + 1] - b'0')
}

impl std::fmt::Debug for Nik {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl TryFrom<String> for Nik {
    type Error = NikError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Nik::parse(&value)
    }
}

impl TryFrom<&str> for Nik {
    type Error = NikError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Nik::parse(value)
    }
}

impl std::str::FromStr for Nik {
    type Err = NikError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Nik::parse(value)
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 3, 1);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    // 64 71 03 = Balikpapan Utara; born 17 August 1998; serial 0042.
    const MAN: &str = "6471031708980042";
    // The same, for a woman: day 17 + 40 = 57.
    const WOMAN: &str = "6471035708980042";

    #[test]
    fn a_well_formed_nik_is_accepted_and_keeps_its_digits() {
        let nik = Nik::parse(MAN).unwrap();
        assert_eq!(nik.as_str(), MAN);
        assert_eq!(nik.region_code(), "647103");
        assert_eq!(nik.province_code(), "64");
    }

    #[test]
    fn spaces_between_digit_groups_are_ignored() {
        let nik = Nik::parse(" 6471 0317 0898 0042 ").unwrap();
        assert_eq!(nik.as_str(), MAN);
    }

    #[test]
    fn nik_of_a_woman_has_forty_added_to_the_day() {
        let nik = Nik::parse(WOMAN).unwrap();
        assert_eq!(nik.embedded_sex(), Sex::Female);
        assert_eq!(nik.embedded_birth_date(today()), date(1998, 8, 17));
        assert_eq!(Nik::parse(MAN).unwrap().embedded_sex(), Sex::Male);
    }

    #[test]
    fn a_two_digit_year_is_read_in_the_century_that_is_not_in_the_future() {
        let born_2005 = Nik::parse("6471031708050042").unwrap();
        assert_eq!(born_2005.embedded_birth_date(today()), date(2005, 8, 17));
        let born_1930 = Nik::parse("6471031708300042").unwrap();
        assert_eq!(born_1930.embedded_birth_date(today()), date(1930, 8, 17));
        // Born 2 March 2026 would be tomorrow, so it is read as 1926.
        let tomorrow = Nik::parse("6471030203260042").unwrap();
        assert_eq!(tomorrow.embedded_birth_date(today()), date(1926, 3, 2));
    }

    #[test]
    fn the_twenty_ninth_of_february_is_accepted_only_for_a_leap_year() {
        assert!(
            Nik::parse("6471032902000042").is_ok(),
            "2000 is a leap year"
        );
        assert!(
            Nik::parse("6471032902960042").is_ok(),
            "1996 is a leap year"
        );
        assert_eq!(Nik::parse("6471032902970042"), Err(NikError::BirthDate));
        assert_eq!(Nik::parse("6471033104980042"), Err(NikError::BirthDate));
    }

    #[test]
    fn wrong_length_is_rejected_with_the_count_but_never_the_number() {
        let error = Nik::parse("647103170898004").unwrap_err();
        assert_eq!(error, NikError::Length { got: 15 });
        assert_eq!(error.to_string(), "nik must have 16 digits, got 15");
        assert_eq!(error.message_id(), "NIK harus 16 digit, diterima 15");
        assert!(!error.to_string().contains("6471"));
    }

    #[test]
    fn each_structural_rule_has_its_own_error() {
        assert_eq!(Nik::parse("6471-031708980042"), Err(NikError::NotDigits));
        assert_eq!(
            Nik::parse("2071031708980042"),
            Err(NikError::UnknownProvince)
        );
        assert_eq!(
            Nik::parse("9771031708980042"),
            Err(NikError::UnknownProvince)
        );
        assert_eq!(Nik::parse("6400031708980042"), Err(NikError::ZeroRegency));
        assert_eq!(Nik::parse("6471001708980042"), Err(NikError::ZeroDistrict));
        assert_eq!(Nik::parse("6471033208980042"), Err(NikError::BirthDay));
        assert_eq!(Nik::parse("6471030008980042"), Err(NikError::BirthDay));
        assert_eq!(Nik::parse("6471037208980042"), Err(NikError::BirthDay));
        assert_eq!(Nik::parse("6471031713980042"), Err(NikError::BirthMonth));
        assert_eq!(Nik::parse("6471031708980000"), Err(NikError::ZeroSerial));
    }

    #[test]
    fn the_new_papua_provinces_are_accepted() {
        assert!(Nik::parse("9601031708980042").is_ok());
        assert!(Nik::parse("6501031708980042").is_ok());
    }

    #[test]
    fn debug_and_masked_show_only_the_last_four_digits() {
        let nik = Nik::parse(MAN).unwrap();
        assert_eq!(nik.masked(), "************0042");
        let debug = format!("{nik:?}");
        assert_eq!(debug, "Nik(************0042)");
        assert!(!debug.contains("647103"));
    }

    #[test]
    fn a_matching_birth_date_and_sex_give_no_warning() {
        let nik = Nik::parse(WOMAN).unwrap();
        assert!(nik.check_against(date(1998, 8, 17), Sex::Female).is_empty());
    }

    #[test]
    fn a_mismatch_with_the_declared_data_is_a_warning_not_an_error() {
        let nik = Nik::parse(MAN).unwrap();
        assert_eq!(
            nik.check_against(date(1998, 8, 18), Sex::Male),
            vec![NikWarning::BirthDateMismatch]
        );
        assert_eq!(
            nik.check_against(date(1998, 8, 17), Sex::Female),
            vec![NikWarning::SexMismatch]
        );
        assert_eq!(
            nik.check_against(date(1898, 8, 17), Sex::Male),
            Vec::<NikWarning>::new(),
            "only the two-digit year is encoded"
        );
    }

    #[test]
    fn deserialising_validates_the_number() {
        let nik: Nik = serde_json::from_str(&format!("\"{MAN}\"")).unwrap();
        assert_eq!(nik.as_str(), MAN);
        let error = serde_json::from_str::<Nik>("\"6471031708980000\"").unwrap_err();
        assert!(error.to_string().contains("serial"), "{error}");
        assert!(!error.to_string().contains("64710317"));
    }

    /// Any structurally valid NIK, with the day possibly shifted by 40.
    fn valid_nik() -> impl Strategy<Value = String> {
        (
            proptest::sample::select(PROVINCE_CODES),
            1u8..=99,
            1u8..=99,
            1u32..=28,
            any::<bool>(),
            1u32..=12,
            0u32..=99,
            1u32..=9999,
        )
            .prop_map(|(province, regency, district, day, female, month, year, serial)| {
                let encoded_day = if female { day + 40 } else { day };
                format!(
                    "{province:02}{regency:02}{district:02}{encoded_day:02}{month:02}{year:02}{serial:04}"
                )
            })
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,40}") {
            let _ = Nik::parse(&text);
        }

        #[test]
        fn parsing_arbitrary_digit_strings_never_panics_and_errors_never_leak_digits(text in "[0-9]{16}") {
            if let Err(error) = Nik::parse(&text) {
                prop_assert!(!error.to_string().contains(&text[0..6]));
                prop_assert!(!error.message_id().contains(&text[0..6]));
            }
        }

        #[test]
        fn every_valid_nik_round_trips_and_parsing_is_idempotent(text in valid_nik()) {
            let nik = Nik::parse(&text).unwrap();
            prop_assert_eq!(nik.as_str(), text.as_str());
            prop_assert_eq!(Nik::parse(nik.as_str()).unwrap(), nik.clone());
            prop_assert!(nik.embedded_birth_date(today()) <= today());
            prop_assert_eq!(nik.masked().len(), 16);
        }

        #[test]
        fn the_embedded_data_never_warns_against_itself(text in valid_nik()) {
            let nik = Nik::parse(&text).unwrap();
            let birth_date = nik.embedded_birth_date(today());
            prop_assert!(nik.check_against(birth_date, nik.embedded_sex()).is_empty());
        }
    }
}
