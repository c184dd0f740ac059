//! Dates as people type them, the injected clock that says what "today"
//! is, so every date rule can be tested on a fixed day, and the week
//! holding a day.
//!
//! Weeks start on the configured day (`week_start`: Monday, Sunday or
//! Saturday). [`first_of_week`] and [`last_of_week`] are the only place
//! that works out a week's bounds: the Tasks tab's "this week", the Plan
//! tab's weeks and the KPIs' weekly periods all use them, so they agree.

use chrono::{Datelike, Days, Local, NaiveDate, Weekday};

use super::validate::{FIRST_YEAR, LAST_YEAR};

/// Where "today" comes from. The real program uses the local date; tests
/// pin a day.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::System => Local::now().date_naive(),
            Clock::Fixed(d) => d,
        }
    }

    /// Honours `FUNNEL_TODAY=YYYY-MM-DD` so scripted sessions and tests can
    /// run the binary on a fixed day.
    pub fn from_env() -> Result<Clock, DateError> {
        match std::env::var("FUNNEL_TODAY") {
            Ok(s) if !s.trim().is_empty() => {
                let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .map_err(|_| DateError::Invalid(s.clone()))?;
                kept(d, &s).map(Clock::Fixed)
            }
            _ => Ok(Clock::System),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "'{0}' is not a date (use 2026-11-22, 22/11/2026, today, tomorrow, yesterday, mon..sun, +3d, -1w)"
    )]
    Invalid(String),
    #[error("'{0}' is outside the years funnel keeps ({FIRST_YEAR} to {LAST_YEAR})")]
    OutOfRange(String),
}

/// `d`, read from `input`, where it is a day funnel keeps.
fn kept(d: NaiveDate, input: &str) -> Result<NaiveDate, DateError> {
    if super::validate::in_years(d) {
        Ok(d)
    } else {
        Err(DateError::OutOfRange(input.to_string()))
    }
}

/// Parses a date in the forms README "The command line" lists: ISO
/// `2026-11-22`, day-first
/// `22/11/2026` (also with `-` or `.`), `today`, `tomorrow`, `yesterday`,
/// a weekday name (`mon`, `monday`: the next one, never today), and offsets
/// `+3d`, `-2d`, `+2w`, `+1m` (months, clamped to the month's last day).
/// A day outside the years funnel keeps (an offset far ahead) is refused.
///
/// The Vietnamese forms are read too, in every locale (none of them means
/// anything else in English), accents or not: `hôm nay`, `mai` / `ngày
/// mai`, `mốt` / `ngày kia`, `hôm qua`, `t2`…`t7` / `thứ hai`…`thứ bảy`,
/// `cn` / `chủ nhật`, and offsets in `ngày`, `tuần`, `tháng` (`+3 ngày`).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_any(input, today).and_then(|d| kept(d, input))
}

fn parse_any(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim().to_lowercase();
    let err = || DateError::Invalid(input.to_string());
    let folded = crate::text::fold::fold(&s);
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    match (s.as_str(), folded.as_str()) {
        ("today", _) | (_, "hom nay" | "hnay" | "nay") => return Ok(today),
        ("tomorrow", _) | (_, "mai" | "ngay mai") => {
            return today.checked_add_days(Days::new(1)).ok_or_else(err);
        }
        (_, "mot" | "ngay mot" | "ngay kia") => {
            return today.checked_add_days(Days::new(2)).ok_or_else(err);
        }
        ("yesterday", _) | (_, "hom qua") => {
            return today.checked_sub_days(Days::new(1)).ok_or_else(err);
        }
        _ => {}
    }
    if let Some(wd) = weekday(&s).or_else(|| thu(&folded)) {
        let ahead = (7 + wd.num_days_from_monday() as i64
            - today.weekday().num_days_from_monday() as i64)
            % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today
            .checked_add_days(Days::new(ahead as u64))
            .ok_or_else(err);
    }
    if let Some(d) = offset(&s, today).or_else(|| offset(&vietnamese_offset(&folded)?, today)) {
        return Ok(d);
    }
    numeric(&s).ok_or_else(err)
}

/// `2026-11-22`, or day first `22/11/2026`, `22-11-2026`, `22.11.2026`,
/// where a two-digit year is in this century (`22/11/26`). Years outside
/// 1900..=2999 are taken for typing mistakes.
fn numeric(s: &str) -> Option<NaiveDate> {
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 && sep == '-' {
        (num(a)?, num(b)?, num(c)?)
    } else {
        let y = match c.len() {
            2 => 2000 + num(c)?,
            4 => num(c)?,
            _ => return None,
        };
        (y, num(b)?, num(a)?)
    };
    if !(1900..=2999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

fn weekday(s: &str) -> Option<Weekday> {
    let names = [
        ("mon", "monday", Weekday::Mon),
        ("tue", "tuesday", Weekday::Tue),
        ("wed", "wednesday", Weekday::Wed),
        ("thu", "thursday", Weekday::Thu),
        ("fri", "friday", Weekday::Fri),
        ("sat", "saturday", Weekday::Sat),
        ("sun", "sunday", Weekday::Sun),
    ];
    names
        .iter()
        .find(|(short, long, _)| s == *short || s == *long)
        .map(|(_, _, wd)| *wd)
}

/// A Vietnamese weekday, folded: `t2`…`t7`, `thu 2`…`thu 7`, `thu
/// hai`…`thu bay`, `cn`, `chu nhat`.
fn thu(folded: &str) -> Option<Weekday> {
    let names = [
        ("2", "hai", Weekday::Mon),
        ("3", "ba", Weekday::Tue),
        ("4", "tu", Weekday::Wed),
        ("5", "nam", Weekday::Thu),
        ("6", "sau", Weekday::Fri),
        ("7", "bay", Weekday::Sat),
    ];
    if matches!(folded, "cn" | "chu nhat") {
        return Some(Weekday::Sun);
    }
    let day = folded
        .strip_prefix("thu ")
        .or_else(|| folded.strip_prefix('t'))?;
    names
        .iter()
        .find(|(n, word, _)| day == *n || day == *word)
        .map(|(_, _, wd)| *wd)
}

/// `+3 ngay`, `-1 tuan`, `+2 thang` (folded) as `+3d`, `-1w`, `+2m`.
fn vietnamese_offset(folded: &str) -> Option<String> {
    let units = [("ngay", 'd'), ("tuan", 'w'), ("thang", 'm')];
    units.iter().find_map(|(word, unit)| {
        let n = folded.strip_suffix(word)?.trim_end();
        Some(format!("{n}{unit}"))
    })
}

fn offset(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let sign: i64 = match s.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let unit = s.chars().last()?;
    let n: i64 = s.get(1..s.len() - 1)?.parse().ok()?;
    if n > 100_000 {
        return None;
    }
    let n = sign * n;
    match unit {
        'd' => today.checked_add_signed(chrono::Duration::days(n)),
        'w' => today.checked_add_signed(chrono::Duration::weeks(n)),
        'm' if n >= 0 => today.checked_add_months(chrono::Months::new(n as u32)),
        'm' => today.checked_sub_months(chrono::Months::new((-n) as u32)),
        _ => None,
    }
}

/// A date in ISO form, the only form stored and printed by the machine
/// interfaces.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The first day of the week holding `day`, for weeks starting on `start`;
/// the first day chrono knows where that week begins before it.
pub fn first_of_week(day: NaiveDate, start: Weekday) -> NaiveDate {
    day.checked_sub_days(Days::new(days_into_week(day, start)))
        .unwrap_or(NaiveDate::MIN)
}

/// The last day of the week holding `day`, for weeks starting on `start`;
/// the last day chrono knows where that week ends after it.
pub fn last_of_week(day: NaiveDate, start: Weekday) -> NaiveDate {
    day.checked_add_days(Days::new(6 - days_into_week(day, start)))
        .unwrap_or(NaiveDate::MAX)
}

/// How many days of its week come before `day`: 0 on `start`, 6 on the
/// day before it.
fn days_into_week(day: NaiveDate, start: Weekday) -> u64 {
    u64::from((7 + day.weekday().num_days_from_monday() - start.num_days_from_monday()) % 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_runs_from_its_start_day_for_seven_days() {
        use Weekday::{Mon, Sat, Sun};
        let (sat, sun, mon) = (day(2026, 11, 21), day(2026, 11, 22), day(2026, 11, 23));
        assert_eq!(first_of_week(sun, Mon), day(2026, 11, 16));
        assert_eq!(last_of_week(sun, Mon), sun);
        assert_eq!(last_of_week(sat, Mon), sun);
        assert_eq!(first_of_week(mon, Mon), mon);
        assert_eq!(last_of_week(day(2026, 12, 31), Mon), day(2027, 1, 3));
        assert_eq!(first_of_week(sun, Sun), sun);
        assert_eq!(last_of_week(sun, Sun), day(2026, 11, 28));
        assert_eq!(last_of_week(sat, Sun), sat);
        assert_eq!(first_of_week(sat, Sun), day(2026, 11, 15));
        assert_eq!(first_of_week(sat, Sat), sat);
        assert_eq!(last_of_week(day(2026, 11, 20), Sat), day(2026, 11, 20));
        assert_eq!(last_of_week(NaiveDate::MAX, Mon), NaiveDate::MAX);
        assert_eq!(first_of_week(NaiveDate::MIN, Mon), NaiveDate::MIN);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    // 2026-11-22 is a Sunday.
    const TODAY: (i32, u32, u32) = (2026, 11, 22);

    fn p(s: &str) -> Result<NaiveDate, DateError> {
        parse_date(s, day(TODAY.0, TODAY.1, TODAY.2))
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(p("2026-11-22"), Ok(day(2026, 11, 22)));
        assert_eq!(p("22/11/2026"), Ok(day(2026, 11, 22)));
        assert_eq!(p("01/02/2027"), Ok(day(2027, 2, 1)), "day first");
        assert_eq!(p(" 2026-01-05 "), Ok(day(2026, 1, 5)));
        assert_eq!(p("22/11/26"), Ok(day(2026, 11, 22)), "two-digit year");
        assert_eq!(p("5.1.2027"), Ok(day(2027, 1, 5)));
    }

    #[test]
    fn relative_forms() {
        assert_eq!(p("today"), Ok(day(2026, 11, 22)));
        assert_eq!(p("Tomorrow"), Ok(day(2026, 11, 23)));
        assert_eq!(p("yesterday"), Ok(day(2026, 11, 21)));
        assert_eq!(p("+3d"), Ok(day(2026, 11, 25)));
        assert_eq!(p("-1d"), Ok(day(2026, 11, 21)));
        assert_eq!(p("+2w"), Ok(day(2026, 12, 6)));
        assert_eq!(p("+1m"), Ok(day(2026, 12, 22)));
    }

    #[test]
    fn vietnamese_forms_are_read_with_or_without_accents() {
        for (typed, want) in [
            ("hôm nay", day(2026, 11, 22)),
            ("Hom nay", day(2026, 11, 22)),
            ("mai", day(2026, 11, 23)),
            ("ngày mai", day(2026, 11, 23)),
            ("ngày  mai", day(2026, 11, 23)),
            ("mốt", day(2026, 11, 24)),
            ("ngày kia", day(2026, 11, 24)),
            ("hôm qua", day(2026, 11, 21)),
            ("t2", day(2026, 11, 23)),
            ("T6", day(2026, 11, 27)),
            ("t7", day(2026, 11, 28)),
            ("thứ 3", day(2026, 11, 24)),
            ("thứ tư", day(2026, 11, 25)),
            ("thứ năm", day(2026, 11, 26)),
            ("thứ sáu", day(2026, 11, 27)),
            ("thứ bảy", day(2026, 11, 28)),
            ("cn", day(2026, 11, 29)),
            ("chủ nhật", day(2026, 11, 29)),
            ("+3 ngày", day(2026, 11, 25)),
            ("+3ngày", day(2026, 11, 25)),
            ("-1 ngày", day(2026, 11, 21)),
            ("+2 tuần", day(2026, 12, 6)),
            ("+1 tháng", day(2026, 12, 22)),
        ] {
            assert_eq!(p(typed), Ok(want), "{typed}");
        }
        for bad in ["t8", "t1", "thứ", "+ ngày", "3 ngày", "mai mai"] {
            assert_eq!(p(bad), Err(DateError::Invalid(bad.into())), "{bad}");
        }
        assert_eq!(
            p("+100000 tháng"),
            Err(DateError::OutOfRange("+100000 tháng".into()))
        );
    }

    #[test]
    fn weekday_is_the_next_one_never_today() {
        assert_eq!(p("mon"), Ok(day(2026, 11, 23)));
        assert_eq!(p("fri"), Ok(day(2026, 11, 27)));
        assert_eq!(p("sun"), Ok(day(2026, 11, 29)), "today is Sunday");
        assert_eq!(p("saturday"), Ok(day(2026, 11, 28)));
    }

    #[test]
    fn rejects_nonsense_with_the_text_in_the_message() {
        for far in ["+100000m", "-100000w", "+100000w"] {
            assert_eq!(p(far), Err(DateError::OutOfRange(far.into())));
        }
        assert_eq!(
            DateError::OutOfRange("+100000m".into()).to_string(),
            "'+100000m' is outside the years funnel keeps (1900 to 2999)"
        );
        assert_eq!(p("+900m"), Ok(day(2101, 11, 22)), "within the years");
        for bad in [
            "",
            "31/02/2026",
            "2026-13-01",
            "soon",
            "+d",
            "+3x",
            "32/1/2026",
        ] {
            let e = p(bad).expect_err(bad);
            assert!(e.to_string().contains(&format!("'{bad}'")), "{e}");
        }
    }
}
