//! Reading one daily metric series over periods: a counter is summed over
//! the period, a gauge is the last value on or before the period's last day.
//! Also: amounts summed per day into a series, and a series as bytes.
//!
//! Series are slices of [`DailyValue`] sorted by day with at most one value
//! per day (the store keeps one per date, metric and dimension). Sums are
//! taken in `i128` and clamped to the `Amount` range only at the end, so a
//! long run of large values is exact rather than saturated part-way. The
//! store refuses values whose magnitudes would add up past
//! `amount::LIMIT`, so the clamp never acts on what funnel let in: it only
//! keeps a file written by another tool readable (`funnel check` names
//! the values that break the limit).

use chrono::{Datelike, NaiveDate};

use crate::domain::{Amount, MetricKind};
use crate::metrics::bytes::{DecodeError, Reader, Writer};
use crate::metrics::period::Period;

/// One recorded value of a metric on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DailyValue {
    pub day: NaiveDate,
    pub value: Amount,
}

impl DailyValue {
    pub fn new(day: NaiveDate, value: Amount) -> Self {
        DailyValue { day, value }
    }
}

/// The figure of one period: for a counter, the sum of the values dated in
/// the period, `None` when none is (shown "—", not 0); for a gauge, the last
/// value on or before the period's last day, carried forward from earlier
/// periods, `None` when there is none yet.
pub fn aggregate(kind: MetricKind, values: &[DailyValue], period: &Period) -> Option<Amount> {
    match kind {
        MetricKind::Counter => {
            let (from, to) = index_range(values, period);
            (from < to).then(|| {
                clamp(
                    values[from..to]
                        .iter()
                        .map(|v| i128::from(v.value.raw()))
                        .sum(),
                )
            })
        }
        MetricKind::Gauge => gauge_on(values, period.end),
    }
}

/// [`aggregate`] for many periods at once, in the order given. Counters use
/// one prefix sum over the series and two binary searches per period;
/// gauges one binary search per period: ten years of daily values over
/// hundreds of periods cost a few microseconds per period.
pub fn aggregate_all(
    kind: MetricKind,
    values: &[DailyValue],
    periods: &[Period],
) -> Vec<Option<Amount>> {
    debug_assert!(
        values.windows(2).all(|w| w[0].day <= w[1].day),
        "series must be sorted by day"
    );
    match kind {
        MetricKind::Counter => {
            let mut prefix = Vec::with_capacity(values.len() + 1);
            prefix.push(0i128);
            let mut running = 0i128;
            for v in values {
                running += i128::from(v.value.raw());
                prefix.push(running);
            }
            periods
                .iter()
                .map(|p| {
                    let (from, to) = index_range(values, p);
                    (from < to).then(|| clamp(prefix[to] - prefix[from]))
                })
                .collect()
        }
        MetricKind::Gauge => periods.iter().map(|p| gauge_on(values, p.end)).collect(),
    }
}

/// The last value recorded on or before `day`, if any.
pub fn gauge_on(values: &[DailyValue], day: NaiveDate) -> Option<Amount> {
    let after = values.partition_point(|v| v.day <= day);
    after
        .checked_sub(1)
        .and_then(|i| values.get(i))
        .map(|v| v.value)
}

/// Indices `from..to` of the values dated inside the period.
fn index_range(values: &[DailyValue], period: &Period) -> (usize, usize) {
    let from = values.partition_point(|v| v.day < period.start);
    let to = values.partition_point(|v| v.day <= period.end);
    (from, to.max(from))
}

fn clamp(raw: i128) -> Amount {
    Amount::from_raw(raw.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// Amounts on days, summed per day: a daily series, sorted, one value per
/// day, each sum exact until it is clamped to the `Amount` range.
pub fn daily_sums(items: impl IntoIterator<Item = (NaiveDate, Amount)>) -> Vec<DailyValue> {
    let mut items: Vec<(NaiveDate, Amount)> = items.into_iter().collect();
    items.sort_unstable_by_key(|(day, _)| *day);
    let mut out: Vec<DailyValue> = Vec::new();
    let mut sum = 0i128;
    for (i, &(day, value)) in items.iter().enumerate() {
        sum += i128::from(value.raw());
        if items.get(i + 1).is_none_or(|next| next.0 != day) {
            out.push(DailyValue::new(day, clamp(sum)));
            sum = 0;
        }
    }
    out
}

const FORMAT: u8 = 1;

/// A daily series as bytes (days as deltas, raw amounts), for a store to
/// keep; [`decode`] reads them back.
pub fn encode(values: &[DailyValue]) -> Vec<u8> {
    let mut w = Writer::default();
    w.byte(FORMAT);
    w.count(values.len() as i64);
    let mut previous = 0i64;
    for v in values {
        let day = i64::from(v.day.num_days_from_ce());
        w.signed(day - previous);
        w.signed(v.value.raw());
        previous = day;
    }
    w.bytes
}

/// Reads a series written by [`encode`]: days must be valid and strictly
/// increasing.
pub fn decode(bytes: &[u8]) -> Result<Vec<DailyValue>, DecodeError> {
    let mut r = Reader::new(bytes);
    let format = r.byte()?;
    if format != FORMAT {
        return Err(DecodeError::Version(format));
    }
    let n = r.len()?;
    let mut out = Vec::with_capacity(n);
    let mut day = 0i64;
    for i in 0..n {
        let step = r.signed()?;
        if i > 0 && step < 1 {
            return Err(DecodeError::Malformed("days out of order"));
        }
        day = day
            .checked_add(step)
            .ok_or(DecodeError::Malformed("a day out of range"))?;
        let date = i32::try_from(day)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or(DecodeError::Malformed("a day out of range"))?;
        out.push(DailyValue::new(date, Amount::from_raw(r.signed()?)));
    }
    r.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::period::{Granularity, periods_covering};
    use chrono::Weekday::Mon;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn a(s: &str) -> Amount {
        s.parse().expect("test amount")
    }

    fn month(s: &str) -> Period {
        Period::parse(s, Mon).expect("test month")
    }

    fn series(items: &[(&str, &str)]) -> Vec<DailyValue> {
        items
            .iter()
            .map(|(day, v)| DailyValue::new(d(day), a(v)))
            .collect()
    }

    #[test]
    fn counter_sums_the_days_inside_the_period_only() {
        let s = series(&[
            ("2026-09-30", "100"),
            ("2026-10-01", "1.5"),
            ("2026-10-15", "2.25"),
            ("2026-10-31", "3"),
            ("2026-11-01", "100"),
        ]);
        assert_eq!(
            aggregate(MetricKind::Counter, &s, &month("2026-10")),
            Some(a("6.75"))
        );
        assert_eq!(aggregate(MetricKind::Counter, &s, &month("2026-08")), None);
        assert_eq!(aggregate(MetricKind::Counter, &[], &month("2026-10")), None);
    }

    #[test]
    fn counter_of_recorded_zeros_is_zero_not_missing() {
        let s = series(&[("2026-10-03", "0")]);
        assert_eq!(
            aggregate(MetricKind::Counter, &s, &month("2026-10")),
            Some(Amount::ZERO)
        );
    }

    #[test]
    fn gauge_reads_the_last_value_and_carries_it_forward() {
        let s = series(&[
            ("2026-09-10", "40"),
            ("2026-10-05", "42"),
            ("2026-10-20", "45"),
        ]);
        assert_eq!(
            aggregate(MetricKind::Gauge, &s, &month("2026-10")),
            Some(a("45"))
        );
        // No value in November or December: October's last one is carried.
        assert_eq!(
            aggregate(MetricKind::Gauge, &s, &month("2026-12")),
            Some(a("45"))
        );
        assert_eq!(aggregate(MetricKind::Gauge, &s, &month("2026-08")), None);
        assert_eq!(gauge_on(&s, d("2026-10-19")), Some(a("42")));
        assert_eq!(gauge_on(&s, d("2026-10-20")), Some(a("45")));
        assert_eq!(gauge_on(&s, d("2026-09-09")), None);
        assert_eq!(gauge_on(&[], d("2026-09-09")), None);
    }

    #[test]
    fn aggregate_all_matches_one_at_a_time() {
        let s = series(&[
            ("2026-01-05", "1"),
            ("2026-02-10", "2"),
            ("2026-02-11", "3"),
            ("2026-04-01", "4"),
        ]);
        let ps = periods_covering(Granularity::Month, d("2025-12-01"), d("2026-05-31"), Mon);
        assert_eq!(
            aggregate_all(MetricKind::Counter, &s, &ps),
            [None, Some(a("1")), Some(a("5")), None, Some(a("4")), None]
        );
        assert_eq!(
            aggregate_all(MetricKind::Gauge, &s, &ps),
            [
                None,
                Some(a("1")),
                Some(a("3")),
                Some(a("3")),
                Some(a("4")),
                Some(a("4"))
            ]
        );
    }

    #[test]
    fn huge_sums_clamp_instead_of_wrapping() {
        let big = Amount::from_raw(i64::MAX / 2 + 1);
        let s = vec![
            DailyValue::new(d("2026-10-01"), big),
            DailyValue::new(d("2026-10-02"), big),
            DailyValue::new(d("2026-10-03"), -big),
        ];
        let p = month("2026-10");
        assert_eq!(aggregate(MetricKind::Counter, &s, &p), Some(big));
        assert_eq!(aggregate_all(MetricKind::Counter, &s, &[p]), [Some(big)]);
    }

    #[test]
    fn daily_sums_add_up_each_day_in_order() {
        let sums = daily_sums([
            (d("2026-10-02"), a("5")),
            (d("2026-10-01"), a("1.5")),
            (d("2026-10-02"), a("-2")),
        ]);
        assert_eq!(sums, series(&[("2026-10-01", "1.5"), ("2026-10-02", "3")]));
        assert!(daily_sums([]).is_empty());
    }

    #[test]
    fn damaged_series_bytes_are_refused() {
        let bytes = encode(&series(&[("2026-10-01", "1"), ("2026-10-05", "2")]));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut other = bytes.clone();
        other[0] = 9;
        assert_eq!(decode(&other), Err(DecodeError::Version(9)));
    }

    proptest! {
        #[test]
        fn a_series_reads_back(
            raw in prop::collection::btree_map(-800i64..800, any::<i64>(), 0..40),
        ) {
            let base = d("2026-01-01");
            let s: Vec<_> = raw
                .iter()
                .map(|(off, v)| DailyValue::new(base + chrono::Duration::days(*off), Amount::from_raw(*v)))
                .collect();
            prop_assert_eq!(decode(&encode(&s)), Ok(s));
        }

        #[test]
        fn aggregate_all_agrees_with_a_naive_reading(
            raw in prop::collection::btree_map(0i64..400, -1_000_000i64..1_000_000, 0..60),
            g in prop::sample::select(Granularity::ALL),
        ) {
            let base = d("2026-01-01");
            let s: Vec<_> = raw
                .iter()
                .map(|(off, v)| DailyValue::new(base + chrono::Duration::days(*off), Amount::from_raw(*v)))
                .collect();
            let ps = periods_covering(g, base, base + chrono::Duration::days(420), Mon);
            let counters = aggregate_all(MetricKind::Counter, &s, &ps);
            let gauges = aggregate_all(MetricKind::Gauge, &s, &ps);
            for (i, p) in ps.iter().enumerate() {
                let inside: Vec<_> = s.iter().filter(|v| p.contains(v.day)).map(|v| v.value).collect();
                let naive_sum = (!inside.is_empty()).then(|| inside.iter().copied().sum::<Amount>());
                let naive_last = s.iter().rfind(|v| v.day <= p.end).map(|v| v.value);
                prop_assert_eq!(counters[i], naive_sum);
                prop_assert_eq!(gauges[i], naive_last);
                prop_assert_eq!(aggregate(MetricKind::Counter, &s, p), naive_sum);
            }
        }
    }
}
