//! Locales: how numbers, money, rates and dates are written for a reader,
//! and the catalog of every word the program shows, in English and
//! Vietnamese.

mod en;
mod vi;
mod words;

use std::str::FromStr;

pub use en::EN;
pub use vi::VI;
pub use words::{UiWords, Words};

use chrono::NaiveDate;

use crate::domain::Amount;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Vi,
}

impl FromStr for Locale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "en" | "en_us" | "en-us" | "en_gb" => Ok(Locale::En),
            "vi" | "vi_vn" | "vi-vn" => Ok(Locale::Vi),
            other => Err(format!("locale '{other}' is not one of: en, vi")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Vnd,
    Usd,
    Eur,
}

impl FromStr for Currency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_uppercase().as_str() {
            "VND" => Ok(Currency::Vnd),
            "USD" => Ok(Currency::Usd),
            "EUR" => Ok(Currency::Eur),
            other => Err(format!("currency '{other}' is not one of: VND, USD, EUR")),
        }
    }
}

impl Currency {
    /// Decimal places shown.
    fn places(self) -> usize {
        match self {
            Currency::Vnd => 0,
            Currency::Usd | Currency::Eur => 2,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::Vnd => "VND",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }
}

/// Formats for one reader: locale plus currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub locale: Locale,
    pub currency: Currency,
}

impl Format {
    fn separators(self) -> (char, char) {
        match self.locale {
            Locale::En => (',', '.'),
            Locale::Vi => ('.', ','),
        }
    }

    /// A number rounded to `places` decimals with grouped thousands:
    /// `1,234,567.5` (en), `1.234.567,5` (vi).
    pub fn number(self, a: Amount, places: usize) -> String {
        let (group, point) = self.separators();
        let d = a.to_decimal().round_dp(places as u32);
        let negative = d.is_sign_negative() && !d.is_zero();
        let text = format!("{:.*}", places, d.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::with_capacity(int.len() + int.len() / 3);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if negative { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{frac}")
        }
    }

    /// A whole count: `1,234` (en), `1.234` (vi).
    pub fn count(self, a: Amount) -> String {
        self.number(a, 0)
    }

    /// Money in the currency: `1.234.567 ₫` (vi), `1,234,567 ₫` (en),
    /// `$1,234.50` (en), `1.234,50 $` (vi).
    pub fn money(self, a: Amount) -> String {
        let n = self.number(a, self.currency.places());
        match (self.currency, self.locale) {
            (Currency::Vnd, _) => format!("{n} ₫"),
            (Currency::Usd, Locale::En) => match n.strip_prefix('-') {
                Some(abs) => format!("-${abs}"),
                None => format!("${n}"),
            },
            (Currency::Eur, Locale::En) => match n.strip_prefix('-') {
                Some(abs) => format!("-€{abs}"),
                None => format!("€{n}"),
            },
            (Currency::Usd, Locale::Vi) => format!("{n} $"),
            (Currency::Eur, Locale::Vi) => format!("{n} €"),
        }
    }

    /// A fraction as a percentage with one decimal: `3.4%` / `3,4%`.
    pub fn percent(self, fraction: f64) -> String {
        let (_, point) = self.separators();
        let text = format!("{:.1}%", fraction * 100.0);
        let text = if text == "-0.0%" {
            "0.0%".to_string()
        } else {
            text
        };
        text.replace('.', &point.to_string())
    }

    /// A change of a rate in percentage points, signed: `+1.25 pt`.
    pub fn points(self, fraction_change: f64) -> String {
        let (_, point) = self.separators();
        let text = format!("{:+.2}", fraction_change * 100.0);
        let text = if text == "-0.00" {
            "+0.00".to_string()
        } else {
            text
        };
        format!(
            "{} {}",
            text.replace('.', &point.to_string()),
            self.words().points
        )
    }

    /// A catalog template with its `{}` filled.
    pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
        template.replacen("{}", &value.to_string(), 1)
    }

    /// A multiple such as return on ad spend: `22.57×`.
    pub fn times(self, x: f64) -> String {
        let (_, point) = self.separators();
        format!("{x:.2}×").replace('.', &point.to_string())
    }

    /// A date for reading: `2026-11-22` (en), `22/11/2026` (vi).
    pub fn date(self, d: NaiveDate) -> String {
        match self.locale {
            Locale::En => d.format("%Y-%m-%d").to_string(),
            Locale::Vi => d.format("%d/%m/%Y").to_string(),
        }
    }

    pub fn words(self) -> &'static Words {
        match self.locale {
            Locale::En => &EN,
            Locale::Vi => &VI,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        s.parse().expect("amount")
    }

    const VI_VND: Format = Format {
        locale: Locale::Vi,
        currency: Currency::Vnd,
    };
    const EN_USD: Format = Format {
        locale: Locale::En,
        currency: Currency::Usd,
    };

    #[test]
    fn money_follows_the_locale() {
        assert_eq!(VI_VND.money(a("1234567")), "1.234.567 ₫");
        assert_eq!(VI_VND.money(a("999.6")), "1.000 ₫");
        assert_eq!(EN_USD.money(a("1234.5")), "$1,234.50");
        assert_eq!(EN_USD.money(a("-12")), "-$12.00");
        assert_eq!(
            Format {
                locale: Locale::En,
                currency: Currency::Vnd
            }
            .money(a("1234567")),
            "1,234,567 ₫"
        );
    }

    #[test]
    fn numbers_percent_and_dates() {
        assert_eq!(VI_VND.count(a("1234")), "1.234");
        assert_eq!(EN_USD.count(a("123")), "123");
        assert_eq!(EN_USD.count(a("-1234567")), "-1,234,567");
        assert_eq!(VI_VND.percent(0.034), "3,4%");
        assert_eq!(EN_USD.percent(0.034), "3.4%");
        assert_eq!(EN_USD.percent(-0.0001), "0.0%");
        assert_eq!(EN_USD.points(0.0125), "+1.25 pt");
        assert_eq!(VI_VND.points(-0.0125), "-1,25 điểm %");
        assert_eq!(EN_USD.points(-0.00001), "+0.00 pt");
        assert_eq!(VI_VND.times(22.566), "22,57×");
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        assert_eq!(VI_VND.date(d), "02/11/2026");
        assert_eq!(EN_USD.date(d), "2026-11-02");
    }
}
