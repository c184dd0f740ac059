//! A customer timeline as bytes, and back: what a store keeps so that it
//! need not walk every order again. Format 1, in order: the format byte;
//! W and L; the as-of day; whether later orders were left out; the last
//! order day if any; the six event counts (see [`DayCounts::write`]); the
//! cohorts, each as its month (a delta from the previous one), the number
//! acquired and its cells (k as a delta, the customers who ordered, the
//! revenue). Format 1 counted active customers at month ends: its bytes
//! are refused, and the reader builds the timeline again.

use chrono::{Datelike, NaiveDate};

use super::cohorts::{CohortCounts, month_of};
use super::{CustomerParams, CustomerTimeline, from_day_number};
use crate::metrics::bytes::{DecodeError, Reader, Writer};
use crate::metrics::day_counts::DayCounts;

const FORMAT: u8 = 2;

impl CustomerTimeline {
    /// The timeline as bytes; [`CustomerTimeline::decode`] reads them back
    /// into an equal timeline.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.byte(FORMAT);
        w.unsigned(u64::from(self.params.window_days));
        w.unsigned(u64::from(self.params.loyalty_threshold));
        w.signed(self.as_of);
        w.byte(u8::from(self.left_out_later));
        match self.last_order {
            None => w.byte(0),
            Some(day) => {
                w.byte(1);
                w.signed(day);
            }
        }
        for counts in self.counts() {
            counts.write(&mut w);
        }
        w.count(self.cohorts.len() as i64);
        let mut previous_month = 0;
        for c in &self.cohorts {
            w.signed(c.month - previous_month);
            previous_month = c.month;
            w.count(c.acquired);
            w.count(c.cells.len() as i64);
            let mut previous_k = -1;
            for &(k, ordered, revenue) in &c.cells {
                w.count(k - previous_k);
                w.count(ordered);
                w.signed(revenue);
                previous_k = k;
            }
        }
        w.bytes
    }

    /// Reads a timeline written by [`CustomerTimeline::encode`]; bytes of
    /// another format or damaged ones are an error.
    pub fn decode(bytes: &[u8]) -> Result<CustomerTimeline, DecodeError> {
        let mut r = Reader::new(bytes);
        let format = r.byte()?;
        if format != FORMAT {
            return Err(DecodeError::Version(format));
        }
        let param = |v: u64| u32::try_from(v).map_err(|_| DecodeError::Malformed("W or L"));
        let params = CustomerParams {
            window_days: param(r.unsigned()?)?,
            loyalty_threshold: param(r.unsigned()?)?,
        };
        let as_of = valid_day(r.signed()?)?;
        let left_out_later = flag(r.byte()?)?;
        let last_order = if flag(r.byte()?)? {
            Some(valid_day(r.signed()?)?)
        } else {
            None
        };
        let mut t = CustomerTimeline {
            params,
            as_of,
            last_order,
            left_out_later,
            ..CustomerTimeline::default()
        };
        for counts in t.counts_mut() {
            *counts = DayCounts::read(&mut r)?;
        }
        let n = r.len()?;
        let first_month = month_of(i64::from(NaiveDate::MIN.num_days_from_ce()));
        let last_month = month_of(as_of);
        let mut month = 0i64;
        for i in 0..n {
            let step = r.signed()?;
            month = month
                .checked_add(step)
                .ok_or(DecodeError::Malformed("a cohort month"))?;
            if (i > 0 && step < 1) || month < first_month || month > last_month {
                return Err(DecodeError::Malformed("a cohort month"));
            }
            let acquired = r.count()?;
            let cells_len = r.len()?;
            let mut cells = Vec::with_capacity(cells_len);
            let mut k = -1i64;
            for _ in 0..cells_len {
                let step = r.count()?;
                k = k
                    .checked_add(step)
                    .filter(|_| step >= 1)
                    .ok_or(DecodeError::Malformed("cohort months out of order"))?;
                let ordered = r.count()?;
                let revenue = r.signed()?;
                if ordered == 0 && revenue == 0 {
                    return Err(DecodeError::Malformed("an empty cohort cell"));
                }
                cells.push((k, ordered, revenue));
            }
            t.cohorts.push(CohortCounts {
                month,
                acquired,
                cells,
            });
        }
        r.finish()?;
        Ok(t)
    }

    fn counts(&self) -> [&DayCounts; 6] {
        [
            &self.active_starts,
            &self.active_ends,
            &self.new_days,
            &self.reactivation_days,
            &self.loyal_starts,
            &self.loyal_ends,
        ]
    }

    fn counts_mut(&mut self) -> [&mut DayCounts; 6] {
        [
            &mut self.active_starts,
            &mut self.active_ends,
            &mut self.new_days,
            &mut self.reactivation_days,
            &mut self.loyal_starts,
            &mut self.loyal_ends,
        ]
    }
}

/// A day number chrono can represent.
fn valid_day(n: i64) -> Result<i64, DecodeError> {
    from_day_number(n)
        .map(|_| n)
        .ok_or(DecodeError::Malformed("a day out of range"))
}

fn flag(b: u8) -> Result<bool, DecodeError> {
    match b {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(DecodeError::Malformed("a flag")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Amount;
    use crate::metrics::period::{Granularity, periods_covering};
    use chrono::Weekday::Mon;
    use proptest::prelude::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + chrono::Duration::days(n)
    }

    fn params(window_days: u32, loyalty_threshold: u32) -> CustomerParams {
        CustomerParams {
            window_days,
            loyalty_threshold,
        }
    }

    #[test]
    fn an_empty_timeline_reads_back() {
        let t = CustomerTimeline::build(&[], params(90, 3), day(0));
        assert_eq!(CustomerTimeline::decode(&t.encode()), Ok(t));
    }

    #[test]
    fn other_formats_and_damaged_bytes_are_refused() {
        let orders = [(1, day(3)), (1, day(40)), (2, day(5)), (2, day(300))];
        let bytes = CustomerTimeline::build(&orders, params(30, 2), day(200)).encode();
        let mut other = bytes.clone();
        other[0] = 1;
        assert_eq!(
            CustomerTimeline::decode(&other),
            Err(DecodeError::Version(1))
        );
        assert!(CustomerTimeline::decode(&[]).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(CustomerTimeline::decode(&longer).is_err());
        // Every cut is an error, never a panic or a wrong timeline.
        for cut in 0..bytes.len() {
            assert!(
                CustomerTimeline::decode(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        // Flipped bytes never panic (they may or may not still decode).
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0xff;
            let _ = CustomerTimeline::decode(&flipped);
        }
    }

    proptest! {
        /// decode(encode(t)) is t, and answers every question as t does.
        #[test]
        fn a_timeline_reads_back_and_answers_the_same(
            raw in prop::collection::vec((0u32..8, 0i64..400, -50i64..5000), 0..40),
            w in 1u32..120,
            l in 1u32..5,
            as_of in 0i64..450,
        ) {
            let orders: Vec<_> = raw.iter().map(|&(c, n, _)| (c, day(n))).collect();
            let amounts: Vec<_> = raw.iter().map(|&(_, _, a)| Amount::from_int(a)).collect();
            let t = CustomerTimeline::build_with_amounts(&orders, &amounts, params(w, l), day(as_of));
            let back = CustomerTimeline::decode(&t.encode());
            prop_assert_eq!(back.as_ref(), Ok(&t));
            let back = back.expect("checked");
            for x in -3..460 {
                let dx = day(x);
                prop_assert_eq!(back.active_on(dx), t.active_on(dx));
                prop_assert_eq!(back.loyal_on(dx), t.loyal_on(dx));
                prop_assert_eq!(back.new_between(dx, dx), t.new_between(dx, dx));
                prop_assert_eq!(back.churned_between(dx, dx), t.churned_between(dx, dx));
                prop_assert_eq!(back.reactivated_between(dx, dx), t.reactivated_between(dx, dx));
            }
            for p in periods_covering(Granularity::Month, day(-40), day(480), Mon) {
                prop_assert_eq!(back.figures(&p), t.figures(&p));
            }
            prop_assert_eq!(back.cohorts(), t.cohorts());
            prop_assert_eq!(back.first_day(), t.first_day());
            prop_assert_eq!(back.last_order_day(), t.last_order_day());
            prop_assert_eq!(back.params(), t.params());
        }
    }
}
