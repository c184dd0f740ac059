//! The shopping calendar of a Vietnamese shop: Tết and Trung Thu (lunar,
//! from tables), 8/3, 20/11 and Black Friday, and the seasonal demand they
//! make.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

/// `d` moved by `days` days.
pub(super) fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    d + TimeDelta::days(days)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(super) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// A calendar day; `fallback` where `(y, m, d)` does not exist.
pub(super) fn ymd(y: i32, m: u32, d: u32, fallback: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(fallback)
}

/// Lunar New Year (mùng 1 Tết) for 2010–2045; 5 February outside it.
pub(super) fn tet(year: i32) -> NaiveDate {
    const TET: [(u32, u32); 36] = [
        (2, 14),
        (2, 3),
        (1, 23),
        (2, 10),
        (1, 31),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 16),
        (2, 5),
        (1, 25),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 29),
        (2, 17),
        (2, 6),
        (1, 26),
        (2, 13),
        (2, 3),
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 15),
        (2, 4),
        (1, 24),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 30),
        (2, 17),
    ];
    let (m, d) = usize::try_from(year - 2010)
        .ok()
        .and_then(|i| TET.get(i).copied())
        .unwrap_or((2, 5));
    ymd(year, m, d, NaiveDate::MIN)
}

/// Mid-Autumn Festival (rằm tháng Tám) for 2010–2045; 20 September outside it.
pub(super) fn trung_thu(year: i32) -> NaiveDate {
    const TRUNG_THU: [(u32, u32); 36] = [
        (9, 22),
        (9, 12),
        (9, 30),
        (9, 19),
        (9, 8),
        (9, 27),
        (9, 15),
        (10, 4),
        (9, 24),
        (9, 13),
        (10, 1),
        (9, 21),
        (9, 10),
        (9, 29),
        (9, 17),
        (10, 6),
        (9, 25),
        (9, 15),
        (10, 3),
        (9, 22),
        (9, 12),
        (10, 1),
        (9, 19),
        (9, 8),
        (9, 27),
        (9, 16),
        (10, 5),
        (9, 24),
        (9, 13),
        (10, 2),
        (9, 21),
        (9, 10),
        (9, 28),
        (9, 17),
        (10, 6),
        (9, 25),
    ];
    let (m, d) = usize::try_from(year - 2010)
        .ok()
        .and_then(|i| TRUNG_THU.get(i).copied())
        .unwrap_or((9, 20));
    ymd(year, m, d, NaiveDate::MIN)
}

/// Black Friday: the day after the fourth Thursday of November.
pub(super) fn black_friday(year: i32) -> NaiveDate {
    let thursday = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4).unwrap_or(ymd(
        year,
        11,
        26,
        NaiveDate::MIN,
    ));
    shift(thursday, 1)
}

/// How much busier than an ordinary day `d` is (1.0 ordinary); `gifts`
/// for gift buyers, whose peaks are much sharper.
pub(super) fn season(d: NaiveDate, gifts: bool) -> f64 {
    let y = d.year();
    let peak = if gifts { 3.0 } else { 1.0 };
    // Tết of this year or, in December, of the next.
    let t = if d.month() == 12 { tet(y + 1) } else { tet(y) };
    let to_tet = days_between(d, t);
    if (2..=30).contains(&to_tet) {
        return 1.0 + peak * 1.4 * (1.0 - (to_tet - 2) as f64 / 28.0);
    }
    if (-5..=1).contains(&to_tet) {
        return 0.3; // the shop and the couriers rest over Tết
    }
    let to_tt = days_between(d, trung_thu(y));
    if (0..=21).contains(&to_tt) {
        return 1.0 + peak * 0.8 * (1.0 - to_tt as f64 / 21.0);
    }
    let bf = days_between(black_friday(y), d);
    if (0..=3).contains(&bf) {
        return 2.2;
    }
    match (d.month(), d.day()) {
        (11, 5..=19) => 1.0 + peak * 0.35,
        (3, 1..=7) => 1.3,
        (6 | 7, _) => 0.85,
        _ => 1.0,
    }
}

/// The highest value [`season`] takes, for thinning.
pub(super) fn season_max(gifts: bool) -> f64 {
    if gifts { 1.0 + 3.0 * 1.4 } else { 2.4 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_festival_days() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid day");
        assert_eq!(tet(2026), d(2026, 2, 17));
        assert_eq!(tet(2025), d(2025, 1, 29));
        assert_eq!(trung_thu(2026), d(2026, 9, 25));
        assert_eq!(black_friday(2026), d(2026, 11, 27));
        assert_eq!(black_friday(2025), d(2025, 11, 28));
    }

    #[test]
    fn season_never_exceeds_its_max() {
        let mut d = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid day");
        for _ in 0..1100 {
            for gifts in [false, true] {
                assert!(season(d, gifts) <= season_max(gifts) + 1e-9);
            }
            d = shift(d, 1);
        }
    }
}
