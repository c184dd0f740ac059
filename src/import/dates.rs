//! Dates as exports write them, with one format decided per column:
//! ISO (also with a time and offset), `yyyymmdd`, day-first or month-first.

use chrono::NaiveDate;

use super::error::quoted;

/// The order of the parts in a column's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// `2026-11-22` (also `/` or `.`), any time after it ignored.
    Iso,
    /// `20261122`, as Google Analytics writes it.
    Compact,
    DayFirst,
    MonthFirst,
}

/// A column's date format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateFormat {
    pub order: Order,
    sep: char,
    /// Day-first chosen because no part said otherwise (all ≤ 12).
    assumed: bool,
    with_time: bool,
    /// A two-digit year (`3/20/26`, as Universal Analytics writes).
    short_year: bool,
}

/// A column's date format in parts, for a summary in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateForm {
    /// `dd/mm/yyyy`, `yyyy-mm-dd`, `Mon dd, yyyy`.
    pub pattern: String,
    /// Numbers month first (`11/22/2026`).
    pub month_first: bool,
    /// Day first because no part above 12 said otherwise.
    pub assumed_day_first: bool,
    /// The dates have a time, not kept.
    pub time_ignored: bool,
}

impl DateFormat {
    /// The format in parts.
    pub fn form(&self) -> DateForm {
        let s = self.sep;
        let y = if self.short_year { "yy" } else { "yyyy" };
        let pattern = match self.order {
            Order::Iso => format!("yyyy{s}mm{s}dd"),
            Order::Compact => "yyyymmdd".to_string(),
            Order::MonthFirst if s == ' ' => "Mon dd, yyyy".to_string(),
            Order::DayFirst => format!("dd{s}mm{s}{y}"),
            Order::MonthFirst => format!("mm{s}dd{s}{y}"),
        };
        DateForm {
            pattern,
            month_first: self.order == Order::MonthFirst && s != ' ',
            assumed_day_first: self.assumed,
            time_ignored: self.with_time,
        }
    }

    /// For messages and the dry run: `dd/mm/yyyy`, `yyyy-mm-dd (time ignored)`.
    pub fn describe(&self) -> String {
        let form = self.form();
        let mut d = form.pattern;
        if form.month_first {
            d.push_str(" (month first)");
        }
        if form.assumed_day_first {
            d.push_str(" (day first: no part above 12 tells, so assumed)");
        }
        if form.time_ignored {
            d.push_str(" (time ignored)");
        }
        d
    }

    /// Reads one value; the error is a complete sentence.
    pub fn parse(&self, text: &str) -> Result<NaiveDate, String> {
        let mismatch = || {
            format!(
                "{} does not match this column's date format, {}",
                quoted(text),
                self.describe()
            )
        };
        let parts = split(text).ok_or_else(|| not_a_date(text))?;
        let same_family = match self.order {
            Order::Iso => parts.iso && parts.sep == self.sep,
            Order::Compact => parts.sep == '\0',
            Order::DayFirst | Order::MonthFirst => {
                !parts.iso && parts.sep == self.sep && parts.short_year == self.short_year
            }
        };
        if !same_family {
            return Err(mismatch());
        }
        let (y, m, d) = match self.order {
            Order::Iso | Order::Compact => (parts.p[0], parts.p[1], parts.p[2]),
            Order::DayFirst => (parts.p[2], parts.p[1], parts.p[0]),
            Order::MonthFirst => (parts.p[2], parts.p[0], parts.p[1]),
        };
        let day = NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
            format!(
                "{} is not a valid date (read as {})",
                quoted(text),
                self.describe()
            )
        })?;
        if crate::domain::validate::in_years(day) {
            Ok(day)
        } else {
            Err(crate::domain::validate::outside_years(quoted(text)))
        }
    }
}

fn not_a_date(text: &str) -> String {
    format!(
        "{} is not a date (use 2026-11-22, 22/11/2026 or 11/22/2026, optionally with a time)",
        quoted(text)
    )
}

/// The three numbers of a date, in the order written.
struct Parts {
    p: [u32; 3],
    /// `-`, `/`, `.`; `\0` for `yyyymmdd`.
    sep: char,
    iso: bool,
    with_time: bool,
    short_year: bool,
}

/// English month names, as Mailchimp writes them (`Sep 02, 2026`).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Sep 02, 2026` or `September 2, 2026`, optionally with a time
/// (`09:00 am`): the parts in the order month, day, year; `sep` is ' '.
fn split_month_name(text: &str) -> Option<Parts> {
    let (name, rest) = text.split_once(' ')?;
    let name = name.to_ascii_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| name.len() >= 3 && m.starts_with(&name))?;
    let (day, rest) = rest.trim_start().split_once(',')?;
    let rest = rest.trim_start();
    let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let ok = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|c| c.is_ascii_digit())
    };
    if !ok(day, 1..=2) || year_len != 4 {
        return None;
    }
    let with_time = time_follows(&rest[4..])?;
    Some(Parts {
        p: [month as u32 + 1, day.parse().ok()?, rest[..4].parse().ok()?],
        sep: ' ',
        iso: false,
        with_time,
        short_year: false,
    })
}

fn split(text: &str) -> Option<Parts> {
    let b = text.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) {
        return split_month_name(text);
    }
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let number = |from: usize, len: usize| -> u32 {
        b[from..from + len]
            .iter()
            .fold(0, |n, c| n * 10 + u32::from(c - b'0'))
    };
    let n1 = digits(0);
    if n1 == 8 {
        let with_time = time_follows(&text[8..])?;
        let p = [number(0, 4), number(4, 2), number(6, 2)];
        return Some(Parts {
            p,
            sep: '\0',
            iso: true,
            with_time,
            short_year: false,
        });
    }
    let sep = *b.get(n1)?;
    if !matches!(sep, b'-' | b'/' | b'.') || n1 == 0 {
        return None;
    }
    let n2 = digits(n1 + 1);
    let at3 = n1 + 1 + n2;
    if n2 == 0 || b.get(at3) != Some(&sep) {
        return None;
    }
    let n3 = digits(at3 + 1);
    let end = at3 + 1 + n3;
    let iso = n1 == 4 && (1..=2).contains(&n2) && (1..=2).contains(&n3);
    let short_year = n3 == 2 && !iso;
    let dmy = (n3 == 4 || short_year) && (1..=2).contains(&n1) && (1..=2).contains(&n2);
    if !iso && !dmy {
        return None;
    }
    let with_time = time_follows(&text[end..])?;
    let year = number(at3 + 1, n3) + if short_year { 2000 } else { 0 };
    Some(Parts {
        p: [number(0, n1), number(n1 + 1, n2), year],
        sep: sep as char,
        iso,
        with_time,
        short_year,
    })
}

/// Whether a time follows (`None`: something else follows, not a date).
/// A time is ` ` or `T`, a digit, then digits, `:`, `.`, an offset, `Z`,
/// `AM`/`PM` or `UTC`/`GMT`.
fn time_follows(rest: &str) -> Option<bool> {
    if rest.is_empty() {
        return Some(false);
    }
    let body = rest.strip_prefix([' ', 'T'])?.trim_start();
    let starts_with_digit = body.bytes().next().is_some_and(|c| c.is_ascii_digit());
    let allowed = body.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(c, ':' | '.' | '+' | '-' | ' ' | 'Z' | 'z')
            || "AMPUTCGamputcg".contains(c)
    });
    (starts_with_digit && allowed).then_some(true)
}

/// Decides a column's format from its values: the first non-empty value
/// gives the family (ISO, `yyyymmdd`, or numeric with its separator);
/// for numeric dates, any first part above 12 means day-first, else any
/// second part above 12 means month-first, else day-first is assumed
/// (the Vietnamese convention). `Err` carries the first value that is no
/// date at all, with its row index.
pub(crate) fn detect<'a>(
    values: impl Iterator<Item = &'a str>,
) -> Result<Option<DateFormat>, usize> {
    detect_preferring(values, false)
}

/// [`detect`], where a column whose numeric dates do not tell is
/// month-first if `month_first` (an export known to write US dates).
/// Month names are always month first.
pub(crate) fn detect_preferring<'a>(
    values: impl Iterator<Item = &'a str>,
    month_first: bool,
) -> Result<Option<DateFormat>, usize> {
    let mut format: Option<DateFormat> = None;
    let (mut first_big, mut second_big) = (false, false);
    for (row, v) in values.enumerate() {
        if v.is_empty() {
            continue;
        }
        let Some(f) = format else {
            let parts = split(v).ok_or(row)?;
            let order = match (parts.iso, parts.sep) {
                (true, '\0') => Order::Compact,
                (true, _) => Order::Iso,
                (false, ' ') => Order::MonthFirst,
                _ => Order::DayFirst,
            };
            format = Some(DateFormat {
                order,
                sep: parts.sep,
                assumed: false,
                with_time: parts.with_time,
                short_year: parts.short_year,
            });
            first_big |= !parts.iso && parts.p[0] > 12;
            second_big |= !parts.iso && parts.p[1] > 12;
            continue;
        };
        // Only numeric dates need every value to decide their order.
        if f.order == Order::DayFirst
            && let Some(parts) = split(v).filter(|p| !p.iso && p.sep == f.sep)
        {
            first_big |= parts.p[0] > 12;
            second_big |= parts.p[1] > 12;
        }
    }
    Ok(format.map(|mut f| {
        if f.order == Order::DayFirst {
            if !first_big && (second_big || month_first) {
                f.order = Order::MonthFirst;
            }
            f.assumed = !first_big && !second_big && !month_first;
        }
        f
    }))
}

/// Whether `text` has the shape of a date in some format (a totals row's
/// `Total: Account` or an empty cell has not).
pub(crate) fn looks_like_date(text: &str) -> bool {
    split(text).is_some()
}

/// The message for a value no format can read.
pub(crate) fn not_a_date_message(text: &str) -> String {
    not_a_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn format_of(values: &[&str]) -> DateFormat {
        detect(values.iter().copied())
            .expect("dates")
            .expect("a non-empty column")
    }

    #[test]
    fn iso_with_time_and_offset_keeps_the_written_date() {
        let f = format_of(&["2026-01-05 10:22:03 +0700", "2026-11-22T23:59:03Z"]);
        assert_eq!(f.order, Order::Iso);
        assert_eq!(f.describe(), "yyyy-mm-dd (time ignored)");
        assert_eq!(f.parse("2026-01-05 10:22:03 +0700"), Ok(day(2026, 1, 5)));
        assert_eq!(f.parse("2026-11-22T23:59:03-05:00"), Ok(day(2026, 11, 22)));
        assert_eq!(f.parse("2026-11-22"), Ok(day(2026, 11, 22)));
    }

    #[test]
    fn numeric_dates_are_day_first_unless_the_column_says_otherwise() {
        let f = format_of(&["05/01/2026", "22/11/2026"]);
        assert_eq!(f.order, Order::DayFirst);
        assert_eq!(f.describe(), "dd/mm/yyyy");
        assert_eq!(f.parse("05/01/2026"), Ok(day(2026, 1, 5)));

        let f = format_of(&["01/05/2026", "11/22/2026", "", "12/31/2026"]);
        assert_eq!(f.order, Order::MonthFirst);
        assert_eq!(f.describe(), "mm/dd/yyyy (month first)");
        assert_eq!(f.parse("01/05/2026"), Ok(day(2026, 1, 5)));

        let f = format_of(&["01/05/2026", "11/12/2026"]);
        assert_eq!(f.order, Order::DayFirst);
        assert!(f.describe().contains("assumed"), "{}", f.describe());
        assert_eq!(f.parse("01/05/2026"), Ok(day(2026, 5, 1)));

        let f = format_of(&["22.11.2026", "1.2.2027 08:00"]);
        assert_eq!(f.parse("1.2.2027 08:00"), Ok(day(2027, 2, 1)));
        let f = format_of(&["22-11-2026"]);
        assert_eq!(f.parse("22-11-2026"), Ok(day(2026, 11, 22)));
        let f = format_of(&["20261122"]);
        assert_eq!(f.parse("20270201"), Ok(day(2027, 2, 1)));
    }

    #[test]
    fn mixed_columns_fail_on_the_odd_row() {
        // Day-first (a first part above 12), so 11/22 cannot be read.
        let f = format_of(&["22/11/2026", "11/22/2026"]);
        assert_eq!(
            f.parse("11/22/2026"),
            Err("'11/22/2026' is not a valid date (read as dd/mm/yyyy)".into())
        );
        assert_eq!(
            f.parse("2026-11-22"),
            Err("'2026-11-22' does not match this column's date format, dd/mm/yyyy".into())
        );
        assert_eq!(
            f.parse("22-11-2026"),
            Err("'22-11-2026' does not match this column's date format, dd/mm/yyyy".into())
        );
        assert_eq!(
            f.parse("soon"),
            Err("'soon' is not a date (use 2026-11-22, 22/11/2026 or 11/22/2026, optionally with a time)".into())
        );
        assert!(f.parse("22/11/26").is_err());
        assert_eq!(
            f.parse("01/01/0200"),
            Err("'01/01/0200' is outside the years funnel keeps (1900 to 2999)".into())
        );
        assert!(f.parse("22/11/2026 noon").is_err());
    }

    #[test]
    fn detection_reports_the_first_value_that_is_no_date() {
        assert_eq!(detect(["", "Jan 5", "2026-01-05"].into_iter()), Err(1));
        assert_eq!(detect(["", ""].into_iter()), Ok(None));
    }

    #[test]
    fn short_years_and_month_names() {
        let f = format_of(&["3/20/26", "4/1/26"]);
        assert_eq!(f.describe(), "mm/dd/yy (month first)");
        assert_eq!(f.parse("4/1/26"), Ok(day(2026, 4, 1)));
        assert!(f.parse("4/1/2026").is_err(), "one year width per column");
        let us = detect_preferring(["3/1/26", "3/2/26"].into_iter(), true)
            .expect("dates")
            .expect("a column");
        assert_eq!(us.parse("3/2/26"), Ok(day(2026, 3, 2)));
        let f = format_of(&["Sep 02, 2026 09:00 am", "Oct 1, 2026 11:30 pm"]);
        assert_eq!(f.describe(), "Mon dd, yyyy (time ignored)");
        assert_eq!(f.parse("Sep 02, 2026 09:00 am"), Ok(day(2026, 9, 2)));
        assert_eq!(f.parse("September 30, 2026"), Ok(day(2026, 9, 30)));
        assert!(f.parse("Sep 31, 2026").is_err());
        assert!(f.parse("Smarch 3, 2026").is_err());
        assert_eq!(detect(["Total: Account"].into_iter()), Err(0));
    }
}
