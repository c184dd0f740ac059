//! How a funnel step reads, for the KPIs tab and `funnel report` alike.

use crate::i18n::Format;
use crate::metrics::{Compare, FunnelStep};
use crate::report::text::{DASH, label};

/// A change as a signed percentage: "+12.5%".
fn signed_percent(fmt: Format, r: f64) -> String {
    let text = fmt.percent(r);
    if r > 0.0 && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

/// A step's name, count, the count's change, its rate from the step
/// before and the rate's change; "—" for what is missing, blank for the
/// first step's rate (there is no step before it).
pub fn cells(fmt: Format, s: &FunnelStep) -> [String; 5] {
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| DASH.to_string());
    let first = s.rate_key.is_none();
    [
        label(fmt.words(), s.key).to_string(),
        or_dash(s.count.map(|c| fmt.count(c))),
        or_dash(s.count_change().map(|r| signed_percent(fmt, r))),
        if first {
            String::new()
        } else {
            or_dash(s.rate.map(|r| fmt.percent(r)))
        },
        if first {
            String::new()
        } else {
            or_dash(s.rate_change().map(|p| fmt.points(p)))
        },
    ]
}

/// The footnote under the funnel: what its rates are and what its changes
/// are against, named with the span compared ("vs a year earlier (2025-11
/// to 22 Nov)"), or that nothing was recorded before.
pub fn legend(fmt: Format, compare: Compare, span: Option<&str>) -> String {
    let w = fmt.words();
    let against = match span {
        Some(span) => {
            let vs = match compare {
                Compare::Previous => w.vs_previous,
                Compare::Year => w.compare.vs_year,
            };
            format!("{vs} ({span})")
        }
        None => w.compare.nothing_before.to_string(),
    };
    Format::fill(w.funnel.legend, &against)
}
