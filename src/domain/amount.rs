//! Exact decimal quantities: every KPI value, money amount, target and
//! baseline is an `Amount`, a fixed-point number with four decimal places
//! stored as an `i64`, so sums are exact and money is never an `f64`.

use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Number of decimal places an `Amount` keeps.
pub const SCALE: u32 = 4;
const ONE: i64 = 10_000;

/// The largest amount funnel takes in, either way: a hundred trillion
/// (10^14, a ten-thousandth of what an `i64` of four places holds). The
/// store holds what it adds up to the same limit (all values of one
/// counter for one scope, all order amounts together), so every figure
/// worked out from stored amounts (a sum, a sum less a target, the
/// difference of two periods) fits with room to spare and is never
/// clamped.
pub const LIMIT: Amount = Amount(100_000_000_000_000 * ONE);

/// A fixed-point decimal with four places (`Amount(12_345)` is 1.2345).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// From the raw scaled representation, as stored in SQLite.
    pub const fn from_raw(raw: i64) -> Self {
        Amount(raw)
    }

    /// The raw scaled representation, as stored in SQLite.
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// A whole number (a count of visits, customers, orders ...).
    pub const fn from_int(n: i64) -> Self {
        Amount(n * ONE)
    }

    pub fn from_decimal(d: Decimal) -> Option<Self> {
        d.round_dp(SCALE)
            .checked_mul(Decimal::from(ONE))?
            .to_i64()
            .map(Amount)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, SCALE).normalize()
    }

    /// As a float, for ratios and chart coordinates only, never for sums.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / ONE as f64
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self / other` as a fraction; `None` where `other` is zero.
    pub fn ratio(self, other: Amount) -> Option<f64> {
        (other.0 != 0).then(|| self.0 as f64 / other.0 as f64)
    }

    /// `self / other` as an amount (money per conversion, say), rounded
    /// half away from zero to four places; `None` where `other` is zero.
    pub fn per(self, other: Amount) -> Option<Amount> {
        if other.0 == 0 {
            return None;
        }
        let q = self.to_decimal().checked_div(other.to_decimal())?;
        Amount::from_decimal(q)
    }

    /// Whole units, rounded half away from zero.
    pub fn round_to_int(self) -> i64 {
        let half = ONE / 2;
        if self.0 >= 0 {
            (self.0 + half) / ONE
        } else {
            (self.0 - half) / ONE
        }
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// Whether this is within [`LIMIT`] either way.
    pub fn within_limit(self) -> bool {
        self.0.unsigned_abs() <= LIMIT.0.unsigned_abs()
    }
}

impl Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Amount {
    fn add_assign(&mut self, rhs: Amount) {
        *self = *self + rhs;
    }
}

impl Sub for Amount {
    type Output = Amount;
    fn sub(self, rhs: Amount) -> Amount {
        Amount(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Amount {
    type Output = Amount;
    fn neg(self) -> Amount {
        Amount(-self.0)
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Amount {
    /// Plain machine form: `1234.5`, `-3`, `0.0001`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_decimal())
    }
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("'{0}' is not a number")]
    NotANumber(String),
    #[error("'{0}' is too large (the largest amount is {LIMIT})")]
    TooLarge(String),
    #[error("'{0}' has more than {SCALE} decimal places")]
    TooPrecise(String),
}

impl FromStr for Amount {
    type Err = AmountError;

    /// Parses the plain form: an optional sign, digits, an optional `.`
    /// and up to four decimals (`1234.5`, `-3`, `0.25`), within [`LIMIT`].
    /// Locale forms such as `1.234,5` are the importer's business.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let valid = !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
            && t.chars().any(|c| c.is_ascii_digit());
        if !valid {
            return Err(AmountError::NotANumber(s.to_string()));
        }
        let d = Decimal::from_str(t).map_err(|e| match e {
            rust_decimal::Error::ExceedsMaximumPossibleValue
            | rust_decimal::Error::LessThanMinimumPossibleValue => {
                AmountError::TooLarge(s.to_string())
            }
            _ => AmountError::NotANumber(s.to_string()),
        })?;
        if d.scale() > SCALE && d.round_dp(SCALE) != d {
            return Err(AmountError::TooPrecise(s.to_string()));
        }
        Amount::from_decimal(d)
            .filter(|a| a.within_limit())
            .ok_or_else(|| AmountError::TooLarge(s.to_string()))
    }
}

impl serde::Serialize for Amount {
    /// Serialized as an exact JSON number (`1234.5`), never through `f64`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n =
            serde_json::Number::from_str(&self.to_string()).map_err(serde::ser::Error::custom)?;
        n.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = serde_json::Number::deserialize(d)?;
        Amount::from_str(&n.to_string()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        s.parse().expect("valid amount")
    }

    #[test]
    fn parses_and_prints_the_plain_form() {
        assert_eq!(a("1234.5").raw(), 12_345_000);
        assert_eq!(a("-3").raw(), -30_000);
        assert_eq!(a("0.0001").raw(), 1);
        assert_eq!(a("1234.5").to_string(), "1234.5");
        assert_eq!(a("7").to_string(), "7");
        assert_eq!(a("1.50").to_string(), "1.5");
    }

    #[test]
    fn rejects_what_is_not_a_plain_number() {
        for bad in ["", "abc", "1,5", "1e3", "--", "12kg", "NaN", "inf"] {
            assert!(bad.parse::<Amount>().is_err(), "{bad} should fail");
        }
        assert!(matches!(
            "1.23456".parse::<Amount>(),
            Err(AmountError::TooPrecise(_))
        ));
        assert_eq!(a("100000000000000"), LIMIT);
        assert_eq!(a("-100000000000000"), -LIMIT);
        assert_eq!(
            "100000000000000.0001".parse::<Amount>(),
            Err(AmountError::TooLarge("100000000000000.0001".into()))
        );
        assert_eq!(
            AmountError::TooLarge("1e15".into()).to_string(),
            "'1e15' is too large (the largest amount is 100000000000000)"
        );
        for huge in [
            "922337203685477",
            "99999999999999999999",
            "99999999999999999999999999",
            "-99999999999999999999999999",
        ] {
            assert!(
                matches!(huge.parse::<Amount>(), Err(AmountError::TooLarge(_))),
                "{huge}"
            );
        }
    }

    #[test]
    fn sums_are_exact() {
        let tenth = a("0.1");
        let total: Amount = std::iter::repeat_n(tenth, 10).sum();
        assert_eq!(total, Amount::from_int(1));
    }

    #[test]
    fn ratios_are_none_on_zero_denominator() {
        assert_eq!(a("3").ratio(Amount::ZERO), None);
        assert_eq!(a("1").ratio(a("4")), Some(0.25));
        assert_eq!(a("10").per(a("3")), Some(a("3.3333")));
        assert_eq!(a("10").per(Amount::ZERO), None);
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(a("2.5").round_to_int(), 3);
        assert_eq!(a("-2.5").round_to_int(), -3);
        assert_eq!(a("2.4999").round_to_int(), 2);
    }

    #[test]
    fn json_is_an_exact_number() {
        assert_eq!(
            serde_json::to_string(&a("1234567.25")).ok(),
            Some("1234567.25".into())
        );
        let back: Amount = serde_json::from_str("0.1").expect("json");
        assert_eq!(back, a("0.1"));
    }
}
