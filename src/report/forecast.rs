//! Forecasts as a reader sees them: where the pace leads, the target day
//! and what is needed from now, in the metric's unit; a week's need where
//! two weeks or more are left (a day's need of a count reads as a fraction
//! of a customer), a day's otherwise.

use super::text::in_unit;
use crate::analysis::ObjectiveState;
use crate::domain::{Amount, Unit};
use crate::i18n::Format;
use crate::metrics::forecast::{Forecast, Outlook, is_ceiling};

/// From how many days left the need is given a week.
const WEEKLY_FROM: i64 = 14;

/// A value in `unit`; a projected count in whole units, but a small one
/// with its tenth (0.4 a day is not 0).
fn value(fmt: Format, unit: Unit, v: Amount) -> String {
    match unit {
        Unit::Count if v.to_f64().abs() < 10.0 && v != Amount::from_int(v.round_to_int()) => {
            fmt.number(v, 1)
        }
        Unit::Count => fmt.count(Amount::from_int(v.round_to_int())),
        _ => in_unit(fmt, unit, v),
    }
}

/// A plus sign before a positive change.
fn signed(fmt: Format, unit: Unit, v: Amount) -> String {
    let s = value(fmt, unit, v);
    if v > Amount::ZERO { format!("+{s}") } else { s }
}

/// The three cells of an objective's forecast: where it lands at the
/// deadline, the day it reaches its target, what it needs from now; the
/// outlook and dashes where nothing is projected.
pub fn objective(fmt: Format, o: &ObjectiveState) -> [String; 3] {
    let w = &fmt.words().forecast;
    let f = &o.forecast;
    let ceiling = is_ceiling(o.kind, o.objective.direction);
    let Some(lands) = f.at_deadline.filter(|_| f.outlook == Outlook::Projected) else {
        return [w.outlook(f.outlook).into(), "—".into(), "—".into()];
    };
    let day = match (f.target_on, ceiling) {
        (Some(d), false) => Format::fill(w.target_on, fmt.date(d)),
        (Some(d), true) => Format::fill(w.used_up_on, fmt.date(d)),
        (None, false) => w.not_by_deadline.into(),
        (None, true) => w.stays_within.into(),
    };
    [
        Format::fill(w.at_deadline, value(fmt, o.unit, lands)),
        day,
        needed(fmt, o.unit, f, ceiling),
    ]
}

fn needed(fmt: Format, unit: Unit, f: &Forecast, ceiling: bool) -> String {
    let w = &fmt.words().forecast;
    let weekly = f.days_left.is_some_and(|d| d >= WEEKLY_FROM);
    let (v, template) = match (weekly, ceiling) {
        (true, false) => (f.needed_per_week, w.needs_a_week),
        (false, false) => (f.needed_per_day, w.needs_a_day),
        (true, true) => (f.needed_per_week, w.at_most_a_week),
        (false, true) => (f.needed_per_day, w.at_most_a_day),
    };
    match v {
        Some(v) if ceiling => Format::fill(template, value(fmt, unit, v)),
        Some(v) => Format::fill(template, signed(fmt, unit, v)),
        None => "—".into(),
    }
}

/// One phrase for a row: the target day where the pace reaches it by the
/// deadline, else where it lands; the outlook where nothing is projected.
pub fn summary(fmt: Format, o: &ObjectiveState) -> String {
    let [lands, day, _] = objective(fmt, o);
    if o.forecast.outlook != Outlook::Projected {
        lands
    } else if o.forecast.target_on.is_some() {
        day
    } else {
        lands
    }
}

/// A budget's two cells: where its spend lands at the period's end, and
/// the day it runs out (or that it lasts); the outlook where nothing is
/// projected.
pub fn budget(fmt: Format, f: &Forecast) -> [String; 2] {
    let w = &fmt.words().forecast;
    let Some(lands) = f.at_deadline.filter(|_| f.outlook == Outlook::Projected) else {
        return [w.outlook(f.outlook).into(), "—".into()];
    };
    [
        Format::fill(w.at_end, fmt.money(lands)),
        match f.target_on {
            Some(d) => Format::fill(w.runs_out_on, fmt.date(d)),
            None => w.lasts.into(),
        },
    ]
}
