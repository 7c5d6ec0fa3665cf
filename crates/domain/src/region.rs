//! Regions of Balikpapan: the six kecamatan (districts) as a closed enum, the region code used by
//! the `regions` table (the city itself or one kecamatan), and where a job is located.
//!
//! Codes are Kemendagri codes (`64` Kalimantan Timur, `64.71` Kota Balikpapan, `64.71.0x`
//! kecamatan). 64.71.01 Balikpapan Timur and 64.71.06 Balikpapan Kota are confirmed from public
//! data; the other four follow the Kepmendagri order as remembered (to confirm).

use serde::{Deserialize, Serialize};

use crate::error::Localised;
use crate::vocab::vocabulary;

/// Kemendagri code of Kota Balikpapan.
pub const BALIKPAPAN_CITY_CODE: &str = "64.71";

vocabulary! {
    /// One of the six kecamatan (districts) of Kota Balikpapan. The spelling (`balikpapan_barat`)
    /// is what JSON and URLs use; [`Kecamatan::code`] is the Kemendagri code.
    Kecamatan, "kecamatan", "kecamatan" {
        /// Balikpapan Barat.
        BalikpapanBarat = "balikpapan_barat", "Balikpapan Barat", "West Balikpapan";
        /// Balikpapan Kota.
        BalikpapanKota = "balikpapan_kota", "Balikpapan Kota", "Balikpapan City";
        /// Balikpapan Selatan.
        BalikpapanSelatan = "balikpapan_selatan", "Balikpapan Selatan", "South Balikpapan";
        /// Balikpapan Tengah.
        BalikpapanTengah = "balikpapan_tengah", "Balikpapan Tengah", "Central Balikpapan";
        /// Balikpapan Timur.
        BalikpapanTimur = "balikpapan_timur", "Balikpapan Timur", "East Balikpapan";
        /// Balikpapan Utara.
        BalikpapanUtara = "balikpapan_utara", "Balikpapan Utara", "North Balikpapan";
    }
}

impl Kecamatan {
    /// The Kemendagri code, e.g. `64.71.02` (see the module note on which are confirmed).
    pub const fn code(self) -> &'static str {
        match self {
            Kecamatan::BalikpapanTimur => "64.71.01",
            Kecamatan::BalikpapanBarat => "64.71.02",
            Kecamatan::BalikpapanUtara => "64.71.03",
            Kecamatan::BalikpapanTengah => "64.71.04",
            Kecamatan::BalikpapanSelatan => "64.71.05",
            Kecamatan::BalikpapanKota => "64.71.06",
        }
    }

    /// The kecamatan with this Kemendagri code (dotted).
    pub fn from_code(code: &str) -> Option<Kecamatan> {
        Kecamatan::ALL
            .iter()
            .copied()
            .find(|kecamatan| kecamatan.code() == code)
    }
}

/// Why a text is not a Balikpapan region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("region code must be 64.71 (Kota Balikpapan) or one of its kecamatan 64.71.01 to 64.71.06")]
pub struct RegionCodeError;

impl Localised for RegionCodeError {
    fn code(&self) -> &'static str {
        "region_code"
    }

    fn message_id(&self) -> String {
        "Kode wilayah harus 64.71 (Kota Balikpapan) atau salah satu kecamatannya, 64.71.01 sampai 64.71.06"
            .to_string()
    }
}

/// A key of the `regions` code table: the city itself or one of its kecamatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum RegionCode {
    /// Kota Balikpapan as a whole (`64.71`).
    City,
    /// One kecamatan (`64.71.0x`).
    Kecamatan(Kecamatan),
}

impl RegionCode {
    /// Accepts `64.71`, `6471`, `64.71.0x`, `64710x` and a kecamatan spelling such as
    /// `balikpapan_barat`.
    pub fn parse(input: &str) -> Result<RegionCode, RegionCodeError> {
        if let Ok(kecamatan) = Kecamatan::parse(input.trim()) {
            return Ok(RegionCode::Kecamatan(kecamatan));
        }
        let digits: String = input.trim().chars().filter(|c| *c != '.').collect();
        if digits == "6471" {
            return Ok(RegionCode::City);
        }
        if digits.len() != 6 || !digits.is_ascii() {
            return Err(RegionCodeError);
        }
        let dotted = format!("{}.{}.{}", &digits[0..2], &digits[2..4], &digits[4..6]);
        Kecamatan::from_code(&dotted)
            .map(RegionCode::Kecamatan)
            .ok_or(RegionCodeError)
    }

    /// The dotted Kemendagri code.
    pub const fn as_str(self) -> &'static str {
        match self {
            RegionCode::City => BALIKPAPAN_CITY_CODE,
            RegionCode::Kecamatan(kecamatan) => kecamatan.code(),
        }
    }

    /// Indonesian name, e.g. `Kota Balikpapan` or `Balikpapan Utara`.
    pub const fn name(self) -> &'static str {
        match self {
            RegionCode::City => "Kota Balikpapan",
            RegionCode::Kecamatan(kecamatan) => kecamatan.label_id(),
        }
    }
}

impl std::fmt::Display for RegionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        RegionCode::parse(&value)
    }
}

impl TryFrom<&str> for RegionCode {
    type Error = RegionCodeError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        RegionCode::parse(value)
    }
}

impl std::str::FromStr for RegionCode {
    type Err = RegionCodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        RegionCode::parse(value)
    }
}

impl From<RegionCode> for String {
    fn from(code: RegionCode) -> String {
        code.as_str().to_string()
    }
}

/// Where a job is done: in Balikpapan (a kecamatan, or the city as a whole), or outside the city
/// (e.g. a mining site or the new capital), described in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkLocation {
    /// Inside the city.
    InCity {
        /// The kecamatan, or the city as a whole.
        region_code: RegionCode,
    },
    /// Outside the city.
    OutsideCity {
        /// Where, e.g. "Penajam Paser Utara (IKN)".
        description: String,
    },
}

impl WorkLocation {
    /// The region code, when the job is in the city.
    pub fn region_code(&self) -> Option<RegionCode> {
        match self {
            WorkLocation::InCity { region_code } => Some(*region_code),
            WorkLocation::OutsideCity { .. } => None,
        }
    }

    /// The kecamatan, when the job is in one.
    pub fn kecamatan(&self) -> Option<Kecamatan> {
        match self.region_code() {
            Some(RegionCode::Kecamatan(kecamatan)) => Some(kecamatan),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn balikpapan_has_exactly_six_kecamatan_with_distinct_codes() {
        assert_eq!(Kecamatan::ALL.len(), 6);
        let mut codes: Vec<&str> = Kecamatan::ALL.iter().map(|k| k.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 6);
        assert!(codes.iter().all(|code| code.starts_with("64.71.")));
    }

    #[test]
    fn region_codes_parse_with_or_without_dots() {
        assert_eq!(RegionCode::parse("64.71").unwrap(), RegionCode::City);
        assert_eq!(RegionCode::parse("6471").unwrap(), RegionCode::City);
        assert_eq!(
            RegionCode::parse("647106").unwrap(),
            RegionCode::Kecamatan(Kecamatan::BalikpapanKota)
        );
        assert_eq!(
            RegionCode::parse("64.71.01").unwrap().name(),
            "Balikpapan Timur"
        );
        assert_eq!(
            RegionCode::parse("balikpapan_tengah").unwrap().as_str(),
            "64.71.04"
        );
        assert_eq!(RegionCode::parse("64.72.01"), Err(RegionCodeError));
        assert_eq!(RegionCode::parse("64.71.07"), Err(RegionCodeError));
    }

    #[test]
    fn work_location_serialises_with_a_kind_tag() {
        let location = WorkLocation::InCity {
            region_code: RegionCode::Kecamatan(Kecamatan::BalikpapanUtara),
        };
        assert_eq!(
            serde_json::to_string(&location).unwrap(),
            r#"{"kind":"in_city","region_code":"64.71.03"}"#
        );
        assert_eq!(location.kecamatan(), Some(Kecamatan::BalikpapanUtara));
        let outside: WorkLocation =
            serde_json::from_str(r#"{"kind":"outside_city","description":"IKN"}"#).unwrap();
        assert_eq!(outside.kecamatan(), None);
    }

    proptest! {
        #[test]
        fn region_code_parsing_never_panics_and_round_trips(text in "\\PC{0,12}") {
            if let Ok(code) = RegionCode::parse(&text) {
                prop_assert_eq!(RegionCode::parse(code.as_str()).unwrap(), code);
            }
        }

        #[test]
        fn every_kecamatan_round_trips_through_its_code(kecamatan in proptest::sample::select(Kecamatan::ALL)) {
            prop_assert_eq!(Kecamatan::from_code(kecamatan.code()), Some(kecamatan));
            prop_assert_eq!(RegionCode::parse(kecamatan.code()).unwrap(), RegionCode::Kecamatan(kecamatan));
        }
    }
}
