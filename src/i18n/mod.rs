//! Locales: how numbers, money, rates and dates are written for a reader,
//! and the catalog of every word the program shows, in English and
//! Vietnamese.

mod en;
mod errors;
mod undo;
mod vi;
mod words;

use std::str::FromStr;

pub use en::EN;
pub use undo::UndoWords;
pub use vi::VI;
pub use words::ImportWords;
pub use words::ViewWords;
pub use words::{
    CliWords, CompareWords, ElsewhereWords, EntityWords, ForecastWords, KindWords, KpiWords,
    PlanWords, RecordWords, StrategyWords, TaskWords, UiWords, Words,
};
pub use words::{CohortWords, FunnelWords, GuideWords};
pub use words::{DetailWords, FormWords};

use chrono::NaiveDate;

pub use errors::{ErrorWords, Localized};

use crate::config::ConfigProblem;
use crate::domain::Amount;
use crate::store::Origin;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Vi,
}

impl FromStr for Locale {
    type Err = ConfigProblem;
    fn from_str(s: &str) -> Result<Self, ConfigProblem> {
        match s.trim().to_lowercase().as_str() {
            "en" | "en_us" | "en-us" | "en_gb" => Ok(Locale::En),
            "vi" | "vi_vn" | "vi-vn" => Ok(Locale::Vi),
            other => Err(ConfigProblem::NotOneOf {
                what: "locale",
                given: other.to_string(),
                allowed: "en, vi",
            }),
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
    type Err = ConfigProblem;
    fn from_str(s: &str) -> Result<Self, ConfigProblem> {
        match s.trim().to_uppercase().as_str() {
            "VND" => Ok(Currency::Vnd),
            "USD" => Ok(Currency::Usd),
            "EUR" => Ok(Currency::Eur),
            other => Err(ConfigProblem::NotOneOf {
                what: "currency",
                given: other.to_string(),
                allowed: "VND, USD, EUR",
            }),
        }
    }
}

impl Currency {
    /// Decimal places shown: those of the currency's minor unit.
    pub fn places(self) -> usize {
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

    /// A count: `1,234` (en), `1.234` (vi); a fractional one (conversions
    /// shared out by attribution) with up to two decimals, `12.5`.
    pub fn count(self, a: Amount) -> String {
        let places = a.to_decimal().normalize().scale().min(2);
        self.number(a, places as usize)
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

    /// A catalog template with each `{}` filled in order by `values`; a
    /// `{}` inside a value is kept as it is. Placeholders without a value
    /// stay `{}`, values without a placeholder are dropped.
    pub fn fill_all(template: &str, values: &[&dyn std::fmt::Display]) -> String {
        let mut out = String::with_capacity(template.len() + 16 * values.len());
        let mut values = values.iter();
        let mut pieces = template.split("{}");
        if let Some(first) = pieces.next() {
            out.push_str(first);
        }
        for piece in pieces {
            match values.next() {
                Some(v) => out.push_str(&v.to_string()),
                None => out.push_str("{}"),
            }
            out.push_str(piece);
        }
        out
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

    /// A day of the year, short, for "to 7 Dec": `7 Dec` (en), `07/12` (vi).
    pub fn day(self, d: NaiveDate) -> String {
        match self.locale {
            Locale::En => d.format("%-d %b").to_string(),
            Locale::Vi => d.format("%d/%m").to_string(),
        }
    }

    /// A journal time (RFC 3339, UTC) in a message: as stored in English,
    /// `22/11/2026 09:30:00 UTC` in Vietnamese.
    pub fn stamp(self, at: &str) -> String {
        match (self.locale, chrono::DateTime::parse_from_rfc3339(at)) {
            (Locale::Vi, Ok(t)) => {
                let t = t.with_timezone(&chrono::Utc);
                format!("{} {} UTC", self.date(t.date_naive()), t.format("%H:%M:%S"))
            }
            _ => at.to_string(),
        }
    }

    /// Who made a journaled change, as seen by `me`.
    pub fn who(self, by: &Origin, me: &Origin) -> &'static str {
        let ui = &self.words().ui;
        match by {
            Origin::CommandLine => ui.who_cli,
            Origin::Dashboard(_) if by == me => ui.who_this_dashboard,
            Origin::Dashboard(_) => ui.who_dashboard,
        }
    }

    pub fn words(self) -> &'static Words {
        match self.locale {
            Locale::En => &EN,
            Locale::Vi => &VI,
        }
    }
}

/// The two formats tests write in: English and Vietnamese, in đồng.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Currency, Format, Locale};

    pub const EN: Format = Format {
        locale: Locale::En,
        currency: Currency::Vnd,
    };
    pub const VI: Format = Format {
        locale: Locale::Vi,
        currency: Currency::Vnd,
    };
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

    #[test]
    fn fill_all_fills_in_order() {
        assert_eq!(
            Format::fill_all("Task {} done: {}", &[&7, &"Viết bài"]),
            "Task 7 done: Viết bài"
        );
        assert_eq!(
            Format::fill_all("{} + {}", &[&"{}", &"x"]),
            "{} + x",
            "a value's own {{}} is not filled"
        );
        assert_eq!(Format::fill_all("{} and {}", &[&1]), "1 and {}");
        assert_eq!(Format::fill_all("none", &[&1]), "none");
        assert_eq!(Format::fill_all("{}{}", &[&1, &2]), "12");
    }

    /// The things a user types: flags and commands stay as they are.
    fn typed_tokens(t: &str) -> Vec<&str> {
        let mut tokens: Vec<&str> = t
            .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .filter(|w| w.starts_with("--"))
            .collect();
        if t.contains("funnel undo") {
            tokens.push("funnel undo");
        }
        tokens
    }

    #[test]
    fn every_translation_keeps_the_values_and_the_typed_words() {
        let en = EN.cli.templates();
        let vi = VI.cli.templates();
        assert_eq!(en.len(), vi.len());
        for ((name, e), (vname, v)) in en.iter().zip(&vi) {
            assert_eq!(name, vname);
            assert_eq!(
                e.matches("{}").count(),
                v.matches("{}").count(),
                "{name}: '{e}' vs '{v}'"
            );
            assert!(!v.trim().is_empty(), "{name} is empty in vi");
            for token in typed_tokens(e) {
                assert!(v.contains(token), "{name}: vi lost '{token}': '{v}'");
            }
        }
    }

    #[test]
    fn statuses_and_priorities_by_value() {
        use crate::domain::{Priority, TaskStatus};
        assert_eq!(EN.ui.task_status(TaskStatus::Blocked), "blocked");
        assert_eq!(VI.ui.task_status(TaskStatus::Doing), "đang làm");
        assert_eq!(EN.ui.priority(Priority::High), "high");
        assert_eq!(VI.ui.priority(Priority::Low), "thấp");
        // The English words are the text forms scripts already read.
        for s in [
            TaskStatus::Todo,
            TaskStatus::Doing,
            TaskStatus::Blocked,
            TaskStatus::Done,
        ] {
            assert_eq!(EN.ui.task_status(s), s.as_str());
        }
        for p in [Priority::High, Priority::Medium, Priority::Low] {
            assert_eq!(EN.ui.priority(p), p.as_str());
        }
    }
}
