//! `funnel kpi show`: period figures, compared like for like.

use chrono::NaiveDate;

use crate::analysis::{CustomerSource, Origin};
use crate::cli::output::{json, line, table};
use crate::cli::{CliError, CliResult, Context};
use crate::i18n::Format;
use crate::metrics::{Compare, Comparison, FigureRow, Period, PeriodFigures, periods_covering};
use crate::report::{Headline, headlines_of};

use super::ShowArgs;

/// The span a period is compared with, as `kpi show --json` says it.
#[derive(Debug, serde::Serialize)]
struct ComparedWith {
    compare: Compare,
    period: String,
    start: NaiveDate,
    end: NaiveDate,
}

/// One period of `kpi show --json`: its figures, the last day they count
/// (today while it runs) and the same days it is compared with.
#[derive(Debug, serde::Serialize)]
struct ShownRow {
    #[serde(flatten)]
    row: FigureRow,
    through: NaiveDate,
    compared_with: ComparedWith,
}

pub(super) fn show(ctx: &Context, a: &ShowArgs) -> CliResult {
    let store = ctx.open_existing()?;
    let today = ctx.today();
    let to = match &a.to {
        Some(d) => ctx.parse_date("--to", d)?,
        None => today,
    };
    let from = match &a.from {
        Some(d) => ctx.parse_date("--from", d)?,
        None => {
            let mut p = Period::containing(a.period, to, ctx.config.week_start);
            for _ in 0..5 {
                p = p.prev();
            }
            p.start
        }
    };
    if from > to {
        return Err(CliError::FromAfterTo { from, to });
    }
    let periods = periods_covering(a.period, from, to, ctx.config.week_start);
    if periods.len() > 5000 {
        return Err(CliError::TooManyPeriods(periods.len()));
    }
    let dimension = store.dimension(
        a.dims.segment.as_deref(),
        a.dims.channel.as_deref(),
        a.dims.campaign.as_deref(),
    )?;
    let analysis = crate::analysis::Analysis::new(&store, &ctx.config, today);
    let f = analysis.figures(&periods, dimension)?;
    if a.json {
        let rows: Vec<ShownRow> = periods
            .iter()
            .zip(f.figures)
            .map(|(p, fig)| {
                let c = Comparison::of(*p, today, a.compare);
                ShownRow {
                    row: FigureRow::new(p, fig),
                    through: c.current.end,
                    compared_with: ComparedWith {
                        compare: a.compare,
                        period: c.other.label(),
                        start: c.previous.start,
                        end: c.previous.end,
                    },
                }
            })
            .collect();
        return json(&rows);
    }
    let fmt = ctx.format();
    let none = PeriodFigures::default();
    let ads = f.figures.iter().any(crate::report::has_ads);
    let columns: Vec<Vec<Headline>> = f
        .figures
        .iter()
        .map(|fig| headlines_of(fig, &none, ads))
        .collect();
    // The last period against the same days of the one it is compared
    // with: the column a morning check reads.
    let last = match periods.last() {
        Some(p) => Some(crate::compare::compared(
            &store, &analysis, today, *p, a.compare, dimension,
        )?),
        None => None,
    };
    let changes = last
        .as_ref()
        .map(|c| headlines_of(&c.current, &c.previous_or_empty(), ads));
    let mut header: Vec<String> = vec![String::new()];
    header.extend(periods.iter().map(Period::label));
    if let Some(c) = &last {
        let span = &c.comparison;
        let other = if span.partial() {
            format!(
                "{} {}",
                span.other.label(),
                Format::fill(fmt.words().compare.through, fmt.day(span.previous.end))
            )
        } else {
            span.other.label()
        };
        header.push(Format::fill(fmt.words().compare.vs, other));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let keys = headlines_of(&none, &none, ads);
    let rows: Vec<Vec<String>> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let mut row = vec![key.key.to_string()];
            row.extend(
                columns
                    .iter()
                    .map(|c| crate::report::text::show(fmt, c[i].measure, c[i].current)),
            );
            if let Some(h) = changes.as_ref().and_then(|c| c.get(i)) {
                row.push(crate::report::text::judged(fmt, h));
            }
            row
        })
        .collect();
    line(&table(&header, &rows))?;
    if let Some(c) = &last {
        let span = &c.comparison;
        let label = if span.partial() {
            format!(
                "{} {}",
                span.period.label(),
                Format::fill(fmt.words().compare.through, fmt.day(span.current.end))
            )
        } else {
            span.period.label()
        };
        let said = match c.previous {
            Some(_) => Format::fill_all(
                fmt.words().compare.against,
                &[
                    &span.other.label(),
                    &fmt.date(span.previous.start),
                    &fmt.date(span.previous.end),
                ],
            ),
            None => fmt.words().compare.nothing_before.to_string(),
        };
        line(&format!("{label}: {said}"))?;
    }
    let w = &fmt.words().cli;
    for (metric, origins) in &f.origins {
        if origins.as_slice() == [Origin::Recorded] {
            continue;
        }
        let from: Vec<&str> = origins
            .iter()
            .map(|o| match o {
                Origin::Recorded => w.origin_recorded,
                Origin::Channels => w.origin_channels,
                Origin::Campaigns => w.origin_campaigns,
                Origin::Orders => w.origin_orders,
            })
            .collect();
        let label = crate::report::text::label(fmt.words(), metric).to_lowercase();
        line(&Format::fill_all(
            w.total_origin,
            &[&label, &from.join("; ")],
        ))?;
    }
    line(match f.customer_source {
        CustomerSource::Orders => w.customers_from_orders,
        CustomerSource::Recorded => w.customers_as_recorded,
    })
}
