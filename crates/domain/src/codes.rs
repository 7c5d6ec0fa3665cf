//! Codes of the national classifications and business registers: SKKNI competency units, KBJI 2014
//! occupations, KBLI 2020 industries, NIB and NPWP. Each is a validated newtype.

use serde::{Deserialize, Serialize};

use crate::error::Localised;

/// Why a text is not a valid code. Codes are not personal data, but messages still describe the
/// rule rather than echo the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not `<A-U>.<6 digits>.<3 digits>.<2 digits>`.
    #[error(
        "competency unit code must look like J.620100.005.02: a letter A-U, 6 digits, 3 digits and 2 digits separated by dots"
    )]
    CompetencyUnitFormat,
    /// Not `dddd.dd`.
    #[error("kbji code must look like 7212.01: 4 digits, a dot and 2 digits")]
    KbjiFormat,
    /// Not 5 digits.
    #[error("kbli code must have 5 digits")]
    KbliFormat,
    /// The first two digits are not a KBLI 2020 division.
    #[error("kbli code must start with a kbli 2020 division, got {division:02}")]
    KbliDivision {
        /// The two leading digits.
        division: u8,
    },
    /// Not 13 digits.
    #[error("nib must have 13 digits, got {got}")]
    NibLength {
        /// Digits given.
        got: usize,
    },
    /// NIB with something other than digits.
    #[error("nib must contain only digits")]
    NibCharacter,
    /// Not 15 or 16 digits.
    #[error("npwp must have 15 or 16 digits, got {got}")]
    NpwpLength {
        /// Digits given.
        got: usize,
    },
    /// NPWP with something other than digits, dots, dashes and spaces.
    #[error("npwp may contain only digits, dots, dashes and spaces")]
    NpwpCharacter,
}

impl Localised for CodeError {
    fn code(&self) -> &'static str {
        match self {
            CodeError::CompetencyUnitFormat => "competency_unit_format",
            CodeError::KbjiFormat => "kbji_format",
            CodeError::KbliFormat => "kbli_format",
            CodeError::KbliDivision { .. } => "kbli_division",
            CodeError::NibLength { .. } => "nib_length",
            CodeError::NibCharacter => "nib_character",
            CodeError::NpwpLength { .. } => "npwp_length",
            CodeError::NpwpCharacter => "npwp_character",
        }
    }

    fn message_id(&self) -> String {
        match self {
            CodeError::CompetencyUnitFormat => "Kode unit kompetensi harus berbentuk seperti J.620100.005.02: huruf A-U, 6 digit, 3 digit, dan 2 digit dipisah titik".to_string(),
            CodeError::KbjiFormat => {
                "Kode KBJI harus berbentuk seperti 7212.01: 4 digit, titik, dan 2 digit".to_string()
            }
            CodeError::KbliFormat => "Kode KBLI harus 5 digit".to_string(),
            CodeError::KbliDivision { division } => {
                format!("Kode KBLI harus diawali golongan pokok KBLI 2020, diterima {division:02}")
            }
            CodeError::NibLength { got } => format!("NIB harus 13 digit, diterima {got}"),
            CodeError::NibCharacter => "NIB hanya boleh berisi angka".to_string(),
            CodeError::NpwpLength { got } => {
                format!("NPWP harus 15 atau 16 digit, diterima {got}")
            }
            CodeError::NpwpCharacter => {
                "NPWP hanya boleh berisi angka, titik, tanda hubung, dan spasi".to_string()
            }
        }
    }
}

/// The KBLI 2020 (ISIC rev. 4) category letter of a two-digit division, or `None` for numbers
/// that are not a division (e.g. 04, 34, 40).
pub const fn kbli_category_of_division(division: u8) -> Option<char> {
    match division {
        1..=3 => Some('A'),
        5..=9 => Some('B'),
        10..=33 => Some('C'),
        35 => Some('D'),
        36..=39 => Some('E'),
        41..=43 => Some('F'),
        45..=47 => Some('G'),
        49..=53 => Some('H'),
        55..=56 => Some('I'),
        58..=63 => Some('J'),
        64..=66 => Some('K'),
        68 => Some('L'),
        69..=75 => Some('M'),
        77..=82 => Some('N'),
        84 => Some('O'),
        85 => Some('P'),
        86..=88 => Some('Q'),
        90..=93 => Some('R'),
        94..=96 => Some('S'),
        97..=98 => Some('T'),
        99 => Some('U'),
        _ => None,
    }
}

fn all_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Implements `TryFrom<String>`, `TryFrom<&str>`, `FromStr`, `Display` and `Into<String>` for a
/// code newtype with a `parse` function and a `.0: String` field.
macro_rules! string_code_conversions {
    ($name:ident) => {
        impl TryFrom<String> for $name {
            type Error = CodeError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = CodeError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                $name::parse(value)
            }
        }

        impl std::str::FromStr for $name {
            type Err = CodeError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                $name::parse(value)
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> String {
                code.0
            }
        }
    };
}

/// An SKKNI competency unit code (unit kompetensi), e.g. `J.620100.005.02`: KBLI category letter,
/// 6-digit sector, 3-digit serial, 2-digit version. Whether the letter matches the sector's
/// KBLI category is not enforced: published SKKNI do not always follow it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompetencyUnitCode(String);

impl CompetencyUnitCode {
    /// Trims and uppercases the category letter, then checks the shape.
    pub fn parse(input: &str) -> Result<CompetencyUnitCode, CodeError> {
        let trimmed = input.trim();
        let mut parts = trimmed.split('.');
        let (Some(letter), Some(sector), Some(serial), Some(version), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(CodeError::CompetencyUnitFormat);
        };
        let letter = letter.to_ascii_uppercase();
        let letter_ok = letter.len() == 1 && matches!(letter.as_bytes()[0], b'A'..=b'U');
        let shape_ok = letter_ok
            && sector.len() == 6
            && all_ascii_digits(sector)
            && serial.len() == 3
            && all_ascii_digits(serial)
            && version.len() == 2
            && all_ascii_digits(version);
        if !shape_ok {
            return Err(CodeError::CompetencyUnitFormat);
        }
        Ok(CompetencyUnitCode(format!(
            "{letter}.{sector}.{serial}.{version}"
        )))
    }

    /// The code, e.g. `J.620100.005.02`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The KBLI category letter, e.g. `J`.
    pub fn category(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }

    /// The 6-digit sector, e.g. `620100`.
    pub fn sector(&self) -> &str {
        &self.0[2..8]
    }

    /// The 3-digit serial within the sector, e.g. `005`.
    pub fn serial(&self) -> &str {
        &self.0[9..12]
    }

    /// The 2-digit version of the standard, e.g. `02`.
    pub fn version(&self) -> &str {
        &self.0[13..15]
    }
}

impl std::fmt::Display for CompetencyUnitCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

string_code_conversions!(CompetencyUnitCode);

/// A KBJI 2014 occupation code: the ISCO-08 4-digit unit group and a 2-digit jabatan,
/// e.g. `7212.01` (welder). `721201` is accepted and written with the dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KbjiCode(String);

impl KbjiCode {
    /// Accepts `dddd.dd` or `dddddd`.
    pub fn parse(input: &str) -> Result<KbjiCode, CodeError> {
        let trimmed = input.trim();
        let (unit_group, jabatan) = match trimmed.split_once('.') {
            Some(parts) => parts,
            None if trimmed.len() == 6 && trimmed.is_ascii() => trimmed.split_at(4),
            None => return Err(CodeError::KbjiFormat),
        };
        let shape_ok = unit_group.len() == 4
            && all_ascii_digits(unit_group)
            && jabatan.len() == 2
            && all_ascii_digits(jabatan);
        if !shape_ok {
            return Err(CodeError::KbjiFormat);
        }
        Ok(KbjiCode(format!("{unit_group}.{jabatan}")))
    }

    /// The code, e.g. `7212.01`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISCO-08 unit group, e.g. `7212`.
    pub fn isco_unit_group(&self) -> &str {
        &self.0[0..4]
    }

    /// The ISCO-08 major group digit, e.g. `'7'` (craft and related trades).
    pub fn major_group(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }

    /// The ISCO-08 sub-major group, e.g. `72`.
    pub fn sub_major_group(&self) -> &str {
        &self.0[0..2]
    }
}

impl std::fmt::Display for KbjiCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

string_code_conversions!(KbjiCode);

/// A KBLI 2020 industry code: 5 digits, whose first two are a division that determines the
/// category letter A–U (e.g. `62019` → division 62 → `J`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KbliCode(String);

impl KbliCode {
    /// Checks 5 digits and a real division.
    pub fn parse(input: &str) -> Result<KbliCode, CodeError> {
        let trimmed = input.trim();
        if trimmed.len() != 5 || !all_ascii_digits(trimmed) {
            return Err(CodeError::KbliFormat);
        }
        let bytes = trimmed.as_bytes();
        let division = (bytes[0] - b'0') * 10 + (bytes[1] - b'0');
        if kbli_category_of_division(division).is_none() {
            return Err(CodeError::KbliDivision { division });
        }
        Ok(KbliCode(trimmed.to_string()))
    }

    /// The code, e.g. `62019`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 2-digit division, e.g. 62.
    pub fn division(&self) -> u8 {
        let bytes = self.0.as_bytes();
        (bytes[0] - b'0') * 10 + (bytes[1] - b'0')
    }

    /// The category letter A–U, e.g. `'J'`.
    pub fn category(&self) -> char {
        // parse() only accepts divisions that have a category.
        kbli_category_of_division(self.division()).unwrap_or('?')
    }
}

impl std::fmt::Display for KbliCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

string_code_conversions!(KbliCode);

/// NIB (Nomor Induk Berusaha), the 13-digit business number from the OSS licensing system.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nib(String);

impl Nib {
    /// Checks 13 digits; spaces are ignored.
    pub fn parse(input: &str) -> Result<Nib, CodeError> {
        let mut digits = String::with_capacity(13);
        for character in input.chars() {
            if character.is_ascii_digit() {
                digits.push(character);
            } else if !character.is_whitespace() {
                return Err(CodeError::NibCharacter);
            }
        }
        if digits.len() != 13 {
            return Err(CodeError::NibLength { got: digits.len() });
        }
        Ok(Nib(digits))
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Nib {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

string_code_conversions!(Nib);

/// NPWP (tax number): 15 digits (`01.234.567.8-901.000`) or, since 2024, 16 digits (for
/// individuals the 16-digit NPWP is their NIK). Stored as bare digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Npwp(String);

impl Npwp {
    /// Removes dots, dashes and spaces, then checks 15 or 16 digits.
    pub fn parse(input: &str) -> Result<Npwp, CodeError> {
        let mut digits = String::with_capacity(16);
        for character in input.chars() {
            match character {
                '0'..='9' => digits.push(character),
                '.' | '-' | ' ' => {}
                _ => return Err(CodeError::NpwpCharacter),
            }
        }
        if digits.len() != 15 && digits.len() != 16 {
            return Err(CodeError::NpwpLength { got: digits.len() });
        }
        Ok(Npwp(digits))
    }

    /// The bare digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The familiar punctuation for 15-digit numbers (`01.234.567.8-901.000`); 16-digit numbers
    /// are shown as digits.
    pub fn formatted(&self) -> String {
        if self.0.len() == 15 {
            let d = &self.0;
            format!(
                "{}.{}.{}.{}-{}.{}",
                &d[0..2],
                &d[2..5],
                &d[5..8],
                &d[8..9],
                &d[9..12],
                &d[12..15]
            )
        } else {
            self.0.clone()
        }
    }
}

impl std::fmt::Debug for Npwp {
    /// A 16-digit NPWP of a person is their NIK, so it is masked like one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.len() == 16 {
            write!(f, "Npwp(************{})", &self.0[12..16])
        } else {
            write!(f, "Npwp({})", self.formatted())
        }
    }
}

string_code_conversions!(Npwp);

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_competency_unit_code_exposes_its_parts() {
        let code = CompetencyUnitCode::parse("J.620100.005.02").unwrap();
        assert_eq!(code.category(), 'J');
        assert_eq!(code.sector(), "620100");
        assert_eq!(code.serial(), "005");
        assert_eq!(code.version(), "02");
        assert_eq!(code.to_string(), "J.620100.005.02");
    }

    #[test]
    fn a_lowercase_category_letter_is_normalised() {
        let code = CompetencyUnitCode::parse(" c.251100.001.01 ").unwrap();
        assert_eq!(code.as_str(), "C.251100.001.01");
    }

    #[test]
    fn malformed_competency_unit_codes_are_rejected() {
        for bad in [
            "",
            "J620100.005.02",
            "V.620100.005.02",
            "J.62010.005.02",
            "J.620100.05.02",
            "J.620100.005.2",
            "J.620100.005.02.1",
            "JJ.620100.005.02",
            "J.62O100.005.02",
        ] {
            assert_eq!(
                CompetencyUnitCode::parse(bad),
                Err(CodeError::CompetencyUnitFormat),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_kbji_code_gives_its_isco_groups() {
        let code = KbjiCode::parse("7212.01").unwrap();
        assert_eq!(code.isco_unit_group(), "7212");
        assert_eq!(code.major_group(), '7');
        assert_eq!(code.sub_major_group(), "72");
        assert_eq!(KbjiCode::parse("834201").unwrap().as_str(), "8342.01");
        assert_eq!(KbjiCode::parse("7212.1"), Err(CodeError::KbjiFormat));
        assert_eq!(KbjiCode::parse("72120"), Err(CodeError::KbjiFormat));
    }

    #[test]
    fn a_kbli_code_derives_its_category_from_the_division() {
        assert_eq!(KbliCode::parse("62019").unwrap().category(), 'J');
        assert_eq!(KbliCode::parse("06100").unwrap().category(), 'B');
        assert_eq!(KbliCode::parse("41011").unwrap().category(), 'F');
        assert_eq!(KbliCode::parse("52101").unwrap().category(), 'H');
        assert_eq!(KbliCode::parse("55110").unwrap().category(), 'I');
        assert_eq!(KbliCode::parse("99000").unwrap().category(), 'U');
        assert_eq!(KbliCode::parse("01111").unwrap().division(), 1);
    }

    #[test]
    fn a_kbli_code_with_an_unassigned_division_is_rejected() {
        assert_eq!(
            KbliCode::parse("34000"),
            Err(CodeError::KbliDivision { division: 34 })
        );
        assert_eq!(
            KbliCode::parse("00000").unwrap_err().to_string(),
            "kbli code must start with a kbli 2020 division, got 00"
        );
        assert_eq!(KbliCode::parse("6201"), Err(CodeError::KbliFormat));
    }

    #[test]
    fn nib_must_have_thirteen_digits() {
        assert_eq!(
            Nib::parse("9120 1012 3456 7").unwrap().as_str(),
            "9120101234567"
        );
        assert_eq!(
            Nib::parse("912010123456"),
            Err(CodeError::NibLength { got: 12 })
        );
        assert_eq!(Nib::parse("912010123456A"), Err(CodeError::NibCharacter));
    }

    #[test]
    fn npwp_punctuation_is_accepted_and_normalised() {
        let npwp = Npwp::parse("01.234.567.8-901.000").unwrap();
        assert_eq!(npwp.as_str(), "012345678901000");
        assert_eq!(npwp.formatted(), "01.234.567.8-901.000");
        assert_eq!(Npwp::parse("0123456789010001").unwrap().as_str().len(), 16);
        assert_eq!(
            Npwp::parse("01.234.567.8-901"),
            Err(CodeError::NpwpLength { got: 12 })
        );
        assert_eq!(Npwp::parse("01/234"), Err(CodeError::NpwpCharacter));
    }

    #[test]
    fn a_sixteen_digit_npwp_is_masked_in_debug_because_it_is_a_nik() {
        let npwp = Npwp::parse("6471031708980042").unwrap();
        assert_eq!(format!("{npwp:?}"), "Npwp(************0042)");
    }

    #[test]
    fn codes_deserialise_only_when_valid() {
        let code: CompetencyUnitCode = serde_json::from_str("\"j.620100.005.02\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"J.620100.005.02\"");
        assert!(serde_json::from_str::<KbliCode>("\"04000\"").is_err());
    }

    #[test]
    fn error_messages_exist_in_both_languages() {
        let error = CodeError::NibLength { got: 12 };
        assert_eq!(error.to_string(), "nib must have 13 digits, got 12");
        assert_eq!(error.message_id(), "NIB harus 13 digit, diterima 12");
    }

    proptest! {
        #[test]
        fn parsers_never_panic_on_arbitrary_text(text in "\\PC{0,30}") {
            let _ = CompetencyUnitCode::parse(&text);
            let _ = KbjiCode::parse(&text);
            let _ = KbliCode::parse(&text);
            let _ = Nib::parse(&text);
            let _ = Npwp::parse(&text);
        }

        #[test]
        fn competency_unit_codes_round_trip(letter in "[A-Ua-u]", sector in "[0-9]{6}", serial in "[0-9]{3}", version in "[0-9]{2}") {
            let input = format!("{letter}.{sector}.{serial}.{version}");
            let code = CompetencyUnitCode::parse(&input).unwrap();
            prop_assert_eq!(CompetencyUnitCode::parse(code.as_str()).unwrap(), code.clone());
            prop_assert_eq!(code.as_str(), input.to_ascii_uppercase());
            prop_assert_eq!(code.sector(), sector.as_str());
        }

        #[test]
        fn kbji_codes_round_trip_with_or_without_the_dot(group in "[0-9]{4}", jabatan in "[0-9]{2}") {
            let dotted = KbjiCode::parse(&format!("{group}.{jabatan}")).unwrap();
            let bare = KbjiCode::parse(&format!("{group}{jabatan}")).unwrap();
            prop_assert_eq!(&dotted, &bare);
            prop_assert_eq!(KbjiCode::parse(dotted.as_str()).unwrap(), dotted.clone());
            prop_assert_eq!(dotted.isco_unit_group(), group.as_str());
        }

        #[test]
        fn kbli_codes_are_accepted_exactly_when_the_division_has_a_category(code in "[0-9]{5}") {
            let division: u8 = code[0..2].parse().unwrap();
            match KbliCode::parse(&code) {
                Ok(kbli) => {
                    prop_assert_eq!(Some(kbli.category()), kbli_category_of_division(division));
                    prop_assert_eq!(KbliCode::parse(kbli.as_str()).unwrap(), kbli);
                }
                Err(_) => prop_assert!(kbli_category_of_division(division).is_none()),
            }
        }

        #[test]
        fn npwp_normalisation_is_idempotent(digits in "[0-9]{15,16}") {
            let npwp = Npwp::parse(&digits).unwrap();
            prop_assert_eq!(Npwp::parse(&npwp.formatted()).unwrap(), npwp.clone());
            prop_assert_eq!(Npwp::parse(npwp.as_str()).unwrap(), npwp);
        }
    }
}
