//! Events counted by day, run-length compressed: the sorted distinct days
//! on which events fall, each with the number of events on or before it.
//! However many events there are, the size is bounded by the days they
//! span (ten years of daily data: a few thousand entries), and a count
//! over any span of days is one or two binary searches.

use super::bytes::{DecodeError, Reader, Writer};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DayCounts {
    /// Distinct day numbers, strictly increasing.
    days: Vec<i64>,
    /// `running[i]`: events on `days[..=i]`, strictly increasing.
    running: Vec<i64>,
}

impl DayCounts {
    /// From event days sorted in increasing order, repeats allowed.
    pub fn from_sorted(days: &[i64]) -> Self {
        let mut out = DayCounts::default();
        for (total, &day) in (1i64..).zip(days) {
            if out.days.last() == Some(&day) {
                if let Some(last) = out.running.last_mut() {
                    *last = total;
                }
            } else {
                out.days.push(day);
                out.running.push(total);
            }
        }
        out
    }

    /// Events on days up to and including `day`.
    pub fn on_or_before(&self, day: i64) -> i64 {
        let i = self.days.partition_point(|&d| d <= day);
        i.checked_sub(1).map_or(0, |i| self.running[i])
    }

    /// Events on days `from..=to` (0 when `from > to`).
    pub fn between(&self, from: i64, to: i64) -> i64 {
        if from > to {
            return 0;
        }
        self.on_or_before(to) - self.on_or_before(from - 1)
    }

    /// The first day with an event.
    pub fn first(&self) -> Option<i64> {
        self.days.first().copied()
    }

    /// Days as deltas from the previous one, counts per day: small numbers.
    pub fn write(&self, w: &mut Writer) {
        w.count(self.days.len() as i64);
        let mut previous_day = 0;
        let mut previous_total = 0;
        for (&day, &total) in self.days.iter().zip(&self.running) {
            w.signed(day - previous_day);
            w.count(total - previous_total);
            previous_day = day;
            previous_total = total;
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let n = r.len()?;
        let mut out = DayCounts {
            days: Vec::with_capacity(n),
            running: Vec::with_capacity(n),
        };
        let mut day = 0i64;
        let mut total = 0i64;
        for i in 0..n {
            let step = r.signed()?;
            if i > 0 && step < 1 {
                return Err(DecodeError::Malformed("days out of order"));
            }
            let count = r.count()?;
            if count < 1 {
                return Err(DecodeError::Malformed("a day without events"));
            }
            day = day
                .checked_add(step)
                .ok_or(DecodeError::Malformed("a day out of range"))?;
            total = total
                .checked_add(count)
                .ok_or(DecodeError::Malformed("a count out of range"))?;
            out.days.push(day);
            out.running.push(total);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_day_from_sorted_days() {
        // Two events on day 10, none on 11, one on 12, three on 14.
        let c = DayCounts::from_sorted(&[10, 10, 12, 14, 14, 14]);
        assert_eq!(c.days, [10, 12, 14]);
        assert_eq!(c.running, [2, 3, 6]);
        assert_eq!(c.on_or_before(9), 0);
        assert_eq!(c.on_or_before(10), 2);
        assert_eq!(c.on_or_before(13), 3);
        assert_eq!(c.on_or_before(100), 6);
        assert_eq!(c.between(11, 14), 4);
        assert_eq!(c.between(11, 11), 0);
        assert_eq!(c.between(14, 10), 0);
        assert_eq!(c.first(), Some(10));
        assert_eq!(DayCounts::default().first(), None);
    }

    #[test]
    fn reads_back_what_it_wrote_and_refuses_disorder() {
        let c = DayCounts::from_sorted(&[-5, -2, -2, -2, -2, -2, -2, -2, -1]);
        let mut w = Writer::default();
        c.write(&mut w);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(DayCounts::read(&mut r), Ok(c));
        assert_eq!(r.finish(), Ok(()));
        // Two entries, the second on the same day as the first.
        let mut w = Writer::default();
        for v in [2, 10, 1, 0, 1] {
            w.unsigned(v);
        }
        assert!(DayCounts::read(&mut Reader::new(&w.bytes)).is_err());
    }
}
