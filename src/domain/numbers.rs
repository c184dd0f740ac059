//! Numbers as people type them, in their locale. The plain form
//! (`1234.5`, see [`Amount`]'s parser) is read everywhere. Under the
//! Vietnamese locale the forms Vietnamese write are read too:
//!
//! - a dot groups thousands and a comma marks the decimals: `30.000.000`,
//!   `1,5`, `2.500,75`; where both appear the last one marks the decimals
//!   (`1,234.5` is also read);
//! - a single dot followed by exactly three digits groups thousands
//!   (`1.500` is one thousand five hundred); with any other number of
//!   digits after it, it marks the decimals as in the plain form (`2.5`);
//! - `k`/`nghìn`/`ngàn` (thousand), `tr`/`triệu` (million) and `tỷ`/`tỉ`
//!   (billion) multiply: `30tr`, `1,5tr`, `2 triệu`, `500k`;
//! - a trailing `₫`, `đ`, `đồng` or `VND`, as amounts are shown, is left
//!   out: `30.000.000 ₫`.
//!
//! Under English the reverse stays: `1.500` is one and a half, and `1,5`
//! is not a number.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::amount::{Amount, AmountError};
use crate::i18n::Locale;
use crate::text::fold::fold;

/// Multipliers written after a Vietnamese number, folded (no accents).
const MULTIPLIERS: [(&str, i64); 7] = [
    ("trieu", 1_000_000),
    ("tr", 1_000_000),
    ("nghin", 1_000),
    ("ngan", 1_000),
    ("k", 1_000),
    ("ty", 1_000_000_000),
    ("ti", 1_000_000_000),
];

/// Currency written after an amount, folded.
const CURRENCY: [&str; 4] = ["₫", "vnd", "dong", "d"];

/// The amount typed, read as the locale writes numbers.
pub fn parse_amount(typed: &str, locale: Locale) -> Result<Amount, AmountError> {
    match locale {
        Locale::En => typed.parse(),
        Locale::Vi => vietnamese(typed),
    }
}

fn vietnamese(typed: &str) -> Result<Amount, AmountError> {
    let not_a_number = || AmountError::NotANumber(typed.to_string());
    let mut s = fold(typed.trim());
    for c in CURRENCY {
        if let Some(rest) = s.strip_suffix(c) {
            s = rest.trim_end().to_string();
            break;
        }
    }
    let mut times = 1;
    for (word, n) in MULTIPLIERS {
        if let Some(rest) = s.strip_suffix(word) {
            s = rest.trim_end().to_string();
            times = n;
            break;
        }
    }
    let plain = plain(&s).ok_or_else(not_a_number)?;
    let n: Amount = plain.parse().map_err(|e| match e {
        AmountError::NotANumber(_) => not_a_number(),
        AmountError::TooLarge(_) => AmountError::TooLarge(typed.to_string()),
        AmountError::TooPrecise(_) => AmountError::TooPrecise(typed.to_string()),
    })?;
    if times == 1 {
        return Ok(n);
    }
    let product = Decimal::from_str(&n.to_string())
        .ok()
        .and_then(|d| d.checked_mul(Decimal::from(times)))
        .ok_or_else(|| AmountError::TooLarge(typed.to_string()))?;
    Amount::from_decimal(product)
        .filter(|a| a.within_limit())
        .ok_or_else(|| AmountError::TooLarge(typed.to_string()))
}

/// The plain form of a Vietnamese number (no multiplier), or none where
/// its separators make no number.
fn plain(s: &str) -> Option<String> {
    let (sign, digits) = match s.strip_prefix(['-', '+']) {
        Some(rest) => (&s[..1], rest),
        None => ("", s),
    };
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let (whole, decimals) = match (dots, commas) {
        (0, 0) => (digits, None),
        (_, 0) => match digits.split_once('.') {
            Some((w, d)) if dots == 1 && d.len() != 3 => (w, Some(d)),
            _ => return grouped(digits, '.').map(|w| format!("{sign}{w}")),
        },
        (0, 1) => {
            let (w, d) = digits.split_once(',')?;
            (w, Some(d))
        }
        (0, _) => return grouped(digits, ',').map(|w| format!("{sign}{w}")),
        _ => {
            // Both: the last one marks the decimals.
            let at = digits.rfind(['.', ','])?;
            let mark = digits[at..].chars().next()?;
            let group = if mark == ',' { '.' } else { ',' };
            let (w, d) = (&digits[..at], &digits[at + 1..]);
            if d.contains([',', '.']) {
                return None;
            }
            let w = grouped(w, group)?;
            return Some(format!("{sign}{w}.{d}"));
        }
    };
    let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || decimals.is_some_and(str::is_empty) {
        return None;
    }
    if !all_digits(whole) || !decimals.is_none_or(all_digits) {
        return None;
    }
    Some(match decimals {
        Some(d) => format!("{sign}{whole}.{d}"),
        None => format!("{sign}{whole}"),
    })
}

/// Digits grouped by thousands with `sep` (`30.000.000`), without the
/// separators; none where a group is not three digits (the first: one
/// to three).
fn grouped(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    if first.is_empty() || first.len() > 3 || !digits(first) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !digits(g) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        s.parse().expect("plain amount")
    }

    #[test]
    fn vietnamese_numbers_read_as_vietnamese_write_them() {
        for (typed, want) in [
            ("30.000.000", "30000000"),
            ("30.000.000 ₫", "30000000"),
            ("30.000.000đ", "30000000"),
            ("1.500", "1500"),
            ("1,5", "1.5"),
            ("2.500,75", "2500.75"),
            ("-1.200", "-1200"),
            ("30tr", "30000000"),
            ("30 tr", "30000000"),
            ("1,5tr", "1500000"),
            ("2 triệu", "2000000"),
            ("2 TRIỆU", "2000000"),
            ("500k", "500000"),
            ("10 nghìn", "10000"),
            ("1,2 tỷ", "1200000000"),
            ("0,25", "0.25"),
            // English forms keep working where they are not ambiguous.
            ("1200", "1200"),
            ("2.5", "2.5"),
            ("2500.50", "2500.5"),
            ("1,234.5", "1234.5"),
            ("1,234,567", "1234567"),
        ] {
            assert_eq!(
                parse_amount(typed, Locale::Vi),
                Ok(a(want)),
                "{typed} under vi"
            );
        }
    }

    #[test]
    fn english_keeps_the_plain_form() {
        assert_eq!(parse_amount("1.500", Locale::En), Ok(a("1.5")));
        assert_eq!(parse_amount("2500.50", Locale::En), Ok(a("2500.5")));
        for bad in ["1,5", "30tr", "30.000.000"] {
            assert_eq!(
                parse_amount(bad, Locale::En),
                Err(AmountError::NotANumber(bad.into())),
                "{bad} under en"
            );
        }
    }

    #[test]
    fn what_makes_no_number_is_refused_with_the_text_typed() {
        for bad in [
            "",
            "tr",
            "1.50.000",
            "1,5,5",
            "1.2.3",
            "1,5.000,5",
            "abc",
            "1,",
            ",5",
            "12.34.5",
            "--1",
            "1 2",
        ] {
            let e = parse_amount(bad, Locale::Vi);
            assert!(
                matches!(&e, Err(AmountError::NotANumber(t)) if t == bad),
                "{bad}: {e:?}"
            );
        }
        assert!(matches!(
            parse_amount("2.000.000 tỷ", Locale::Vi),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(
            parse_amount("1,23456", Locale::Vi),
            Err(AmountError::TooPrecise(_))
        ));
    }
}
