//! Money in whole rupiah (never floating point), and wage ranges.

use serde::{Deserialize, Serialize};

use crate::error::Localised;

/// A non-negative amount in whole rupiah, shown as `Rp 5.250.000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Rupiah(i64);

/// Why an amount is not a valid rupiah amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Below zero.
    #[error("amount must not be negative")]
    Negative,
    /// The sum or product does not fit.
    #[error("amount is too large")]
    Overflow,
    /// Text that is not a whole rupiah amount.
    #[error("amount must be whole rupiah, like 5250000 or Rp 5.250.000")]
    Format,
    /// A wage range whose minimum exceeds its maximum.
    #[error("wage minimum must not exceed the maximum")]
    RangeInverted,
}

impl Localised for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Negative => "amount_negative",
            MoneyError::Overflow => "amount_overflow",
            MoneyError::Format => "amount_format",
            MoneyError::RangeInverted => "wage_range_inverted",
        }
    }

    fn message_id(&self) -> String {
        match self {
            MoneyError::Negative => "Jumlah uang tidak boleh negatif".to_string(),
            MoneyError::Overflow => "Jumlah uang terlalu besar".to_string(),
            MoneyError::Format => {
                "Jumlah harus rupiah bulat, misalnya 5250000 atau Rp 5.250.000".to_string()
            }
            MoneyError::RangeInverted => {
                "Upah minimum tidak boleh lebih besar dari upah maksimum".to_string()
            }
        }
    }
}

impl Rupiah {
    /// Zero rupiah.
    pub const ZERO: Rupiah = Rupiah(0);

    /// An amount from whole rupiah; negative amounts are refused.
    pub fn new(amount: i64) -> Result<Rupiah, MoneyError> {
        if amount < 0 {
            return Err(MoneyError::Negative);
        }
        Ok(Rupiah(amount))
    }

    /// Parses `5250000`, `5.250.000`, `Rp 5.250.000`, `Rp5.250.000` or `IDR 5250000`. Dots must
    /// group thousands; decimals are refused (rupiah amounts here are whole).
    pub fn parse(input: &str) -> Result<Rupiah, MoneyError> {
        let trimmed = input.trim();
        let without_currency = trimmed
            .strip_prefix("Rp")
            .or_else(|| trimmed.strip_prefix("rp"))
            .or_else(|| trimmed.strip_prefix("RP"))
            .or_else(|| trimmed.strip_prefix("IDR"))
            .unwrap_or(trimmed)
            .trim_start();
        if without_currency.is_empty() {
            return Err(MoneyError::Format);
        }
        let groups: Vec<&str> = without_currency.split('.').collect();
        let grouping_ok = groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|group| group.len() == 3));
        let digits: String = groups.concat();
        if !grouping_ok || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::Format);
        }
        let amount: i64 = digits.parse().map_err(|_| MoneyError::Overflow)?;
        Ok(Rupiah(amount))
    }

    /// Whole rupiah, for the `*_rupiah bigint` columns.
    pub const fn as_i64(self) -> i64 {
        self.0
    }

    /// Sum, or `Overflow`.
    pub fn checked_add(self, other: Rupiah) -> Result<Rupiah, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Rupiah)
            .ok_or(MoneyError::Overflow)
    }

    /// Difference, or `Negative` when `other` is larger.
    pub fn checked_sub(self, other: Rupiah) -> Result<Rupiah, MoneyError> {
        Rupiah::new(self.0 - other.0)
    }

    /// Product with a count (e.g. a daily wage times days), or `Overflow`.
    pub fn checked_mul(self, factor: u32) -> Result<Rupiah, MoneyError> {
        self.0
            .checked_mul(i64::from(factor))
            .map(Rupiah)
            .ok_or(MoneyError::Overflow)
    }
}

impl std::fmt::Display for Rupiah {
    /// `Rp 5.250.000`: dots group thousands, as written in Indonesia.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.0.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        write!(f, "Rp {grouped}")
    }
}

impl TryFrom<i64> for Rupiah {
    type Error = MoneyError;

    fn try_from(amount: i64) -> Result<Self, Self::Error> {
        Rupiah::new(amount)
    }
}

impl From<Rupiah> for i64 {
    fn from(amount: Rupiah) -> i64 {
        amount.0
    }
}

impl std::str::FromStr for Rupiah {
    type Err = MoneyError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Rupiah::parse(value)
    }
}

/// A wage range with `min <= max`; a single figure is a range with `min == max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WageRangeFields")]
pub struct WageRange {
    min: Rupiah,
    max: Rupiah,
}

/// The unchecked shape of a [`WageRange`] in JSON.
#[derive(Deserialize)]
struct WageRangeFields {
    min: Rupiah,
    max: Rupiah,
}

impl TryFrom<WageRangeFields> for WageRange {
    type Error = MoneyError;

    fn try_from(fields: WageRangeFields) -> Result<Self, Self::Error> {
        WageRange::new(fields.min, fields.max)
    }
}

impl WageRange {
    /// A range; `min` must not exceed `max`.
    pub fn new(min: Rupiah, max: Rupiah) -> Result<WageRange, MoneyError> {
        if min > max {
            return Err(MoneyError::RangeInverted);
        }
        Ok(WageRange { min, max })
    }

    /// A single figure.
    pub fn exactly(amount: Rupiah) -> WageRange {
        WageRange {
            min: amount,
            max: amount,
        }
    }

    /// The lower bound.
    pub fn min(&self) -> Rupiah {
        self.min
    }

    /// The upper bound.
    pub fn max(&self) -> Rupiah {
        self.max
    }

    /// Whether `amount` lies within the range (inclusive).
    pub fn contains(&self, amount: Rupiah) -> bool {
        self.min <= amount && amount <= self.max
    }

    /// Whether a seeker expecting at least `expected` could be satisfied (the top reaches it).
    pub fn can_meet(&self, expected: Rupiah) -> bool {
        self.max >= expected
    }
}

impl std::fmt::Display for WageRange {
    /// `Rp 4.500.000 – Rp 6.000.000`, or one figure when min equals max.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{} – {}", self.min, self.max)
        }
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;
    use proptest::prelude::*;

    fn rp(amount: i64) -> Rupiah {
        Rupiah::new(amount).unwrap()
    }

    #[test]
    fn amounts_are_shown_with_dots_grouping_thousands() {
        assert_eq!(rp(5_250_000).to_string(), "Rp 5.250.000");
        assert_eq!(rp(0).to_string(), "Rp 0");
        assert_eq!(rp(999).to_string(), "Rp 999");
        assert_eq!(rp(1_000).to_string(), "Rp 1.000");
        assert_eq!(rp(i64::MAX).to_string(), "Rp 9.223.372.036.854.775.807");
    }

    #[test]
    fn negative_amounts_are_refused() {
        assert_eq!(Rupiah::new(-1), Err(MoneyError::Negative));
        assert!(serde_json::from_str::<Rupiah>("-5").is_err());
    }

    #[test]
    fn addition_is_checked_for_overflow() {
        assert_eq!(rp(1).checked_add(rp(2)).unwrap(), rp(3));
        assert_eq!(rp(i64::MAX).checked_add(rp(1)), Err(MoneyError::Overflow));
        assert_eq!(rp(1).checked_sub(rp(2)), Err(MoneyError::Negative));
        assert_eq!(rp(150_000).checked_mul(22).unwrap(), rp(3_300_000));
    }

    #[test]
    fn written_amounts_parse_in_the_common_indonesian_forms() {
        for written in [
            "5250000",
            "5.250.000",
            "Rp 5.250.000",
            "Rp5.250.000",
            "IDR 5250000",
        ] {
            assert_eq!(Rupiah::parse(written).unwrap(), rp(5_250_000), "{written}");
        }
        for bad in [
            "",
            "Rp",
            "5,250,000",
            "52.50.000",
            "5.250.000,50",
            "-5",
            ".250",
        ] {
            assert!(Rupiah::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_wage_range_must_not_be_inverted() {
        assert_eq!(WageRange::new(rp(6), rp(5)), Err(MoneyError::RangeInverted));
        let range = WageRange::new(rp(4_500_000), rp(6_000_000)).unwrap();
        assert!(range.contains(rp(5_000_000)));
        assert!(!range.contains(rp(6_000_001)));
        assert!(range.can_meet(rp(6_000_000)));
        assert_eq!(range.to_string(), "Rp 4.500.000 – Rp 6.000.000");
        assert_eq!(
            WageRange::exactly(rp(3_900_000)).to_string(),
            "Rp 3.900.000"
        );
    }

    #[test]
    fn a_wage_range_deserialises_only_when_ordered() {
        let range: WageRange = serde_json::from_str(r#"{"min":1,"max":2}"#).unwrap();
        assert_eq!(range.max(), rp(2));
        assert_eq!(
            serde_json::to_string(&range).unwrap(),
            r#"{"min":1,"max":2}"#
        );
        assert!(serde_json::from_str::<WageRange>(r#"{"min":3,"max":2}"#).is_err());
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(amount in 0i64..=i64::MAX) {
            let money = rp(amount);
            prop_assert_eq!(Rupiah::parse(&money.to_string()).unwrap(), money);
            prop_assert_eq!(Rupiah::parse(&amount.to_string()).unwrap(), money);
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,30}") {
            if let Ok(money) = Rupiah::parse(&text) {
                prop_assert!(money.as_i64() >= 0);
            }
        }

        #[test]
        fn checked_add_never_goes_negative_or_wraps(a in 0i64..=i64::MAX, b in 0i64..=i64::MAX) {
            match rp(a).checked_add(rp(b)) {
                Ok(sum) => prop_assert_eq!(sum.as_i64(), a + b),
                Err(error) => {
                    prop_assert_eq!(error, MoneyError::Overflow);
                    prop_assert!(a.checked_add(b).is_none());
                }
            }
        }

        #[test]
        fn a_range_built_from_any_two_amounts_in_order_contains_both(a in 0i64..1_000_000_000, b in 0i64..1_000_000_000) {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            let range = WageRange::new(rp(low), rp(high)).unwrap();
            prop_assert!(range.contains(rp(a)) && range.contains(rp(b)));
        }
    }
}
