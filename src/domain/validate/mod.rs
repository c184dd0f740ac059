//! Rules for what a user gives funnel: titles, names and tags, days and
//! times, amounts. Every way in (the command line, the dashboard's forms,
//! CSV and JSON imports) holds values to these, and `funnel check` holds
//! what is stored to them, so whatever gets in can be read back. Each
//! failure says which field and what is wrong with it.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use unicode_normalization::UnicodeNormalization;

use super::Amount;
use super::amount::LIMIT;

/// Longest title, in characters (a task, an objective, a procedure).
pub const MAX_TITLE: usize = 200;
/// Longest name, in characters (a person, a segment, a channel, a campaign).
pub const MAX_NAME: usize = 80;
/// Longest free text, in characters (notes, descriptions, procedure steps).
pub const MAX_TEXT: usize = 100_000;

/// The first and last year of a day or time funnel keeps. The store
/// writes a day as `YYYY-MM-DD` and reads no other form (no fifth digit,
/// no sign), and a year typed outside these is taken for a mistake; the
/// margin on both sides lets a period, a week or a churn window around
/// any stored day be worked out and written in the same form.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2999;

/// A value a rule refuses, typed: the catalogs word it (see
/// [`crate::i18n::Localized`]); `Display` gives the English words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Empty {
        field: Field,
    },
    TooLong {
        field: Field,
        len: usize,
        max: usize,
    },
    ControlCharacter {
        field: Field,
        code: u32,
    },
    BadTag(String),
    Rule {
        field: Field,
        rule: Broken,
    },
    /// Values whose magnitudes would add up past [`LIMIT`]: `what` names
    /// them ("spend of the whole business"), `total` is the raw sum.
    TooMuch {
        what: String,
        total: i128,
    },
}

/// What is wrong with a field's value, beyond empty or too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// A day or time (as shown) outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    OutsideYears(String),
    /// Text that is not a day written `YYYY-MM-DD`.
    NotADay(String),
    /// An amount past [`LIMIT`].
    TooLarge(Amount),
    Negative,
    EndsBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A metric name that is not snake_case.
    NotSnakeCase(String),
    /// A metric worked out from others, which cannot be recorded.
    Derived(String),
    /// More than one of segment, channel and campaign.
    OneDimension,
    /// A metric's value on a day that its unit does not take.
    Value(NaiveDate, BadValue),
    /// A period that does not read, with the period reader's (English)
    /// words for why.
    Period(String),
}

/// A value a metric's unit does not take, or typed text that is no number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue {
    pub metric: String,
    pub problem: ValueProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    TooLarge(Amount),
    /// A count that may hold fractions, below 0.
    Negative(Amount),
    NotWhole(Amount),
    NegativeMoney(Amount),
    Unreadable(super::amount::AmountError),
}

impl std::error::Error for Invalid {}
impl std::error::Error for BadValue {}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Localized::localized(
            self,
            crate::i18n::Format::ENGLISH,
        ))
    }
}

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Localized::localized(
            self,
            crate::i18n::Format::ENGLISH,
        ))
    }
}

impl Invalid {
    /// The field the mistake is about, so a form can show it on its own
    /// field.
    pub fn field(&self) -> Option<Field> {
        match self {
            Invalid::Empty { field }
            | Invalid::TooLong { field, .. }
            | Invalid::ControlCharacter { field, .. }
            | Invalid::Rule { field, .. } => Some(*field),
            Invalid::BadTag(_) | Invalid::TooMuch { .. } => None,
        }
    }
}

/// Characters that take no room and show nothing: a title of only these
/// would look empty.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}')
}

fn checked(field: Field, s: &str, max: usize, multiline: bool) -> Result<String, Invalid> {
    // One form for the same letters: "ế" typed as e + two marks (NFD, as
    // some Vietnamese keyboards send it) is stored as the one letter.
    let nfc: String = s.nfc().collect();
    let t = nfc.trim_matches(|c: char| c.is_whitespace() || invisible(c));
    let len = t.chars().count();
    if len > max {
        return Err(Invalid::TooLong { field, len, max });
    }
    let bad = |c: &char| crate::text::is_hostile(*c) && !(multiline && (*c == '\n' || *c == '\t'));
    if let Some(c) = t.chars().find(bad) {
        return Err(Invalid::ControlCharacter {
            field,
            code: c as u32,
        });
    }
    Ok(t.to_string())
}

/// A one-line title: trimmed, not empty, at most [`MAX_TITLE`] characters.
pub fn title(field: Field, s: &str) -> Result<String, Invalid> {
    let t = checked(field, s, MAX_TITLE, false)?;
    if t.is_empty() {
        return Err(Invalid::Empty { field });
    }
    Ok(t)
}

/// A one-line name: trimmed, not empty, at most [`MAX_NAME`] characters.
pub fn name(field: Field, s: &str) -> Result<String, Invalid> {
    let t = checked(field, s, MAX_NAME, false)?;
    if t.is_empty() {
        return Err(Invalid::Empty { field });
    }
    Ok(t)
}

/// A one-line value that may be empty (a role, a contact).
pub fn name_or_empty(field: Field, s: &str) -> Result<String, Invalid> {
    checked(field, s, MAX_NAME, false)
}

/// Free text, possibly empty and multi-line.
pub fn text(field: Field, s: &str) -> Result<String, Invalid> {
    checked(field, s, MAX_TEXT, true)
}

/// A tag: `#` stripped, lower-cased, letters (any script), digits, `-`, `_`.
pub fn tag(s: &str) -> Result<String, Invalid> {
    let composed: String = s.nfc().collect();
    let t = composed.trim().trim_start_matches('#').to_lowercase();
    let ok = !t.is_empty()
        && t.chars().count() <= 40
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(t)
    } else {
        Err(Invalid::BadTag(s.to_string()))
    }
}

/// Why a day or time (as shown) is refused, in English: outside
/// [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn outside_years(shown: impl std::fmt::Display) -> String {
    crate::i18n::Localized::localized(
        &Broken::OutsideYears(shown.to_string()),
        crate::i18n::Format::ENGLISH,
    )
}

/// Whether a day is one funnel keeps.
pub fn in_years(d: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&d.year())
}

/// A day within the years funnel keeps.
pub fn day(field: Field, d: NaiveDate) -> Result<NaiveDate, Invalid> {
    if in_years(d) {
        Ok(d)
    } else {
        Err(Invalid::Rule {
            field,
            rule: Broken::OutsideYears(d.to_string()),
        })
    }
}

/// A day written as the store writes it, `YYYY-MM-DD`, within the years
/// funnel keeps. A year of more digits or with a sign is named as outside
/// those years; anything else is no day.
pub fn day_text(field: Field, s: &str) -> Result<NaiveDate, Invalid> {
    let rule = |rule| Invalid::Rule { field, rule };
    let not_a_day = || rule(Broken::NotADay(s.to_string()));
    let digits = |p: &str, n: usize| p.len() >= n && p.bytes().all(|b| b.is_ascii_digit());
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = unsigned.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(not_a_day());
    };
    if !(digits(y, 4) && digits(m, 2) && m.len() == 2 && digits(d, 2) && d.len() == 2) {
        return Err(not_a_day());
    }
    let year = y
        .parse::<i32>()
        .ok()
        .map(|y| if s.starts_with('-') { -y } else { y });
    let year = match year {
        Some(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => y,
        _ => return Err(rule(Broken::OutsideYears(format!("'{s}'")))),
    };
    if unsigned.len() != s.len() || y.len() != 4 {
        return Err(not_a_day());
    }
    let (Ok(m), Ok(d)) = (m.parse(), d.parse()) else {
        return Err(not_a_day());
    };
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(not_a_day)
}

/// A moment (a creation or done time) within the years funnel keeps.
pub fn time(field: Field, t: DateTime<Utc>) -> Result<DateTime<Utc>, Invalid> {
    if in_years(t.date_naive()) {
        Ok(t)
    } else {
        Err(Invalid::Rule {
            field,
            rule: Broken::OutsideYears(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        })
    }
}

/// An amount within [`LIMIT`] either way.
pub fn amount(field: Field, a: Amount) -> Result<Amount, Invalid> {
    if a.within_limit() {
        Ok(a)
    } else {
        Err(Invalid::Rule {
            field,
            rule: Broken::TooLarge(a),
        })
    }
}

/// An amount that is 0 or more, within [`LIMIT`] (a budget).
pub fn non_negative(field: Field, a: Amount) -> Result<Amount, Invalid> {
    if a < Amount::ZERO {
        return Err(Invalid::Rule {
            field,
            rule: Broken::Negative,
        });
    }
    amount(field, a)
}

/// Whether values whose magnitudes add up to `total` (raw) can be kept:
/// at most [`LIMIT`], so that no figure made from them overflows.
pub fn total(what: impl FnOnce() -> String, total: i128) -> Result<(), Invalid> {
    if total <= i128::from(LIMIT.raw()) {
        Ok(())
    } else {
        Err(Invalid::TooMuch {
            what: what(),
            total,
        })
    }
}

/// An order's customer, kept as given and shown: not empty, nothing that
/// acts on a terminal.
pub fn customer(s: &str) -> Result<(), Invalid> {
    if s.trim().is_empty() {
        return Err(Invalid::Empty {
            field: Field::Customer,
        });
    }
    shown_as_given(Field::Customer, s)
}

/// A shop's order id, kept as given and shown: nothing that acts on a
/// terminal.
pub fn order_id(s: &str) -> Result<(), Invalid> {
    shown_as_given(Field::OrderId, s)
}

fn shown_as_given(field: Field, s: &str) -> Result<(), Invalid> {
    match s.chars().find(|c| crate::text::is_hostile(*c)) {
        Some(c) => Err(Invalid::ControlCharacter {
            field,
            code: c as u32,
        }),
        None => Ok(()),
    }
}

mod field;
pub mod from_file;
mod metric;

pub use field::Field;
pub use metric::{fractional_count, metric_input, metric_name, metric_value};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Unit;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(
            title(Field::TaskTitle, "  Viết bài Tết  "),
            Ok("Viết bài Tết".into())
        );
        assert_eq!(
            title(Field::TaskTitle, "   "),
            Err(Invalid::Empty {
                field: Field::TaskTitle
            })
        );
        let long = "ă".repeat(MAX_TITLE + 1);
        assert_eq!(
            title(Field::TaskTitle, &long),
            Err(Invalid::TooLong {
                field: Field::TaskTitle,
                len: 201,
                max: 200
            })
        );
        assert_eq!(
            title(Field::TaskTitle, "a\u{7}b"),
            Err(Invalid::ControlCharacter {
                field: Field::TaskTitle,
                code: 7
            })
        );
        assert_eq!(
            text(Field::TaskNotes, "abc\u{202e}cba").map_err(|e| e.to_string()),
            Err("task notes contains a control character (U+202E); escape sequences, bells, carriage returns, NUL and bidirectional overrides are not allowed".into())
        );
        assert!(text(Field::TaskNotes, "x\u{1b}[2J").is_err());
        assert!(title(Field::TaskTitle, "two\nlines").is_err());
        assert_eq!(
            title(Field::TaskTitle, "\u{200b}\u{200b}"),
            Err(Invalid::Empty {
                field: Field::TaskTitle
            })
        );
        assert_eq!(
            title(Field::TaskTitle, "Vie\u{302}\u{323}t"),
            Ok("Việt".into()),
            "NFC"
        );
        assert_eq!(
            text(Field::TaskNotes, "two\nlines"),
            Ok("two\nlines".into())
        );
    }

    #[test]
    fn a_day_from_a_file_is_written_as_the_store_writes_it() {
        let read = |s: &str| day_text(Field::TaskDue, s).map_err(|e| e.to_string());
        assert_eq!(
            read("2026-11-22"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 22).expect("day"))
        );
        let outside = |s: &str| {
            Err(format!(
                "task due: '{s}' is outside the years funnel keeps (1900 to 2999)"
            ))
        };
        for s in [
            "10000-11-19",
            "+10000-12-01",
            "-0001-01-01",
            "0200-01-06",
            "3000-01-01",
        ] {
            assert_eq!(read(s), outside(s), "{s}");
        }
        let no_day = |s: &str| Err(format!("task due: '{s}' is not a day (YYYY-MM-DD)"));
        for s in [
            "",
            "2026-02-31",
            "2026-1-5",
            "+2026-01-05",
            "2026-11-22T00:00:00",
            "22/11/2026",
            "2026-11",
            "x",
        ] {
            assert_eq!(read(s), no_day(s), "{s}");
        }
    }

    #[test]
    fn tags_accept_vietnamese_and_reject_spaces() {
        assert_eq!(tag("#SEO"), Ok("seo".into()));
        assert_eq!(tag("khuyến_mãi"), Ok("khuyến_mãi".into()));
        // Typed decomposed (NFD), stored as the same composed tag.
        assert_eq!(
            tag("khuye\u{302}\u{301}n_ma\u{303}i"),
            Ok("khuyến_mãi".into())
        );
        assert!(tag("two words").is_err());
        assert!(tag("#").is_err());
    }

    #[test]
    fn metric_values_fit_their_unit() {
        let a = |s: &str| s.parse::<Amount>().expect("amount");
        assert!(metric_value("visits", Unit::Count, a("12")).is_ok());
        assert_eq!(
            metric_value("visits", Unit::Count, a("-5")).map_err(|e| e.to_string()),
            Err("visits is a count: '-5' must be a whole number, 0 or more".into())
        );
        assert!(metric_value("visits", Unit::Count, a("12.5")).is_err());
        assert!(metric_value("spend", Unit::Money, a("12.5")).is_ok());
        assert!(metric_value("spend", Unit::Money, a("-1")).is_err());
        assert!(metric_value("nps", Unit::Number, a("-30")).is_ok());
    }

    #[test]
    fn typed_metric_values_are_parsed_then_checked() {
        use crate::i18n::Locale;
        assert_eq!(
            metric_input("visits", Unit::Count, " 1200 ", Locale::En),
            Ok(Amount::from_int(1200))
        );
        assert_eq!(
            metric_input("visits", Unit::Count, "12,5", Locale::En).map_err(|e| e.to_string()),
            Err("visits: '12,5' is not a number".into())
        );
        assert_eq!(
            metric_input("visits", Unit::Count, "12.5", Locale::En).map_err(|e| e.to_string()),
            Err("visits is a count: '12.5' must be a whole number, 0 or more".into())
        );
        assert!(metric_input("spend", Unit::Money, "350000.5", Locale::En).is_ok());
        assert!(metric_input("nps", Unit::Number, "-30", Locale::En).is_ok());
        assert_eq!(
            metric_input("spend", Unit::Money, "1,5tr", Locale::Vi),
            Ok(Amount::from_int(1_500_000))
        );
        assert_eq!(
            metric_input("visits", Unit::Count, "1.200", Locale::Vi),
            Ok(Amount::from_int(1200))
        );
    }
}
