//! Whole-database commands: export, import, undo, redo, check, demo.

use std::path::Path;

use clap::Args;

use super::output::{count, json, line, time};
use super::{CliError, CliResult, Context};
use crate::demo::Scale;
use crate::domain::Dimension;
use crate::i18n::Format;
use crate::metrics::{CustomerTimeline, Granularity, PeriodFigures, periods_covering};
use crate::store::transfer::Export;

pub fn export(ctx: &Context) -> CliResult {
    let store = ctx.open_existing()?;
    json(&store.export()?)
}

pub fn import(ctx: &Context, file: &Path) -> CliResult {
    let label = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| CliError::user(format!("{label}: {e}")))?;
    let text = crate::import::decode(&label, &bytes)?;
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    let doc: Export = serde_json::from_slice(text).map_err(|e| {
        // serde_json ends its message with the place; it goes in front.
        let place = format!(" at line {} column {}", e.line(), e.column());
        let message = e.to_string();
        let message = message.strip_suffix(&place).unwrap_or(&message);
        CliError::user(format!("{label}:{}:{}: {message}", e.line(), e.column()))
    })?;
    let mut store = ctx.open()?;
    store.import(&doc)?;
    super::orders::refresh_rollups(ctx, &store);
    let fmt = ctx.format();
    line(&Format::fill_all(
        fmt.words().cli.imported,
        &[
            &label,
            &count(fmt, doc.tasks.len()),
            &count(fmt, doc.campaigns.len()),
            &count(fmt, doc.objectives.len()),
            &count(fmt, doc.kpi_values.len()),
            &count(fmt, doc.orders.len()),
        ],
    ))
}

pub fn undo(ctx: &Context, redo: bool) -> CliResult {
    let mut store = ctx.open()?;
    let r = if redo { store.redo()? } else { store.undo()? };
    let fmt = ctx.format();
    let w = &fmt.words().cli;
    let done = if redo { w.redid } else { w.undid };
    let label = fmt.words().ui.change(&r.label);
    line(&Format::fill_all(done, &[&label, &time(fmt, &r.at)]))
}

/// SQLite's integrity and foreign-key checks, then the product's own
/// invariants; any problem makes the command fail.
pub fn check(ctx: &Context) -> CliResult {
    let store = ctx.open_existing()?;
    let mut problems: Vec<String> = Vec::new();
    let integrity = store.integrity_check()?;
    if integrity != ["ok"] {
        problems.extend(integrity.into_iter().map(|p| format!("integrity: {p}")));
    }
    problems.extend(
        store
            .foreign_key_check()?
            .into_iter()
            .map(|p| format!("foreign key: {p}")),
    );
    for t in store.tasks(&Default::default())? {
        if (t.status == crate::domain::TaskStatus::Done) != t.done_at.is_some() {
            problems.push(format!(
                "task {}: status {} but done time {:?}",
                t.id, t.status, t.done_at
            ));
        }
    }
    let points = store.order_points()?;
    if let Some(first) = points.total.points.iter().map(|p| p.1).min() {
        let today = ctx.today();
        let params = crate::analysis::customer_params(&ctx.config);
        let timeline = CustomerTimeline::build(&points.total.points, params, today);
        let months = periods_covering(Granularity::Month, first, today, ctx.config.week_start);
        for p in &months {
            let f = timeline.figures(p);
            if !f.balances() {
                problems.push(format!(
                    "customers {}: {} + {} new + {} reactivated − {} churned ≠ {}",
                    p.label(),
                    f.customers_start,
                    f.new,
                    f.reactivated,
                    f.churned,
                    f.customers_end
                ));
            }
        }
        // What a reader gets (from the stored rollup where valid) against
        // a timeline built here from the orders, for every scope.
        let analysis = crate::analysis::Analysis::new(&store, &ctx.config, today);
        let mut scopes = vec![(Dimension::Total, &points.total)];
        scopes.extend(
            points
                .by_segment
                .iter()
                .map(|(s, orders)| (Dimension::Segment(*s), orders)),
        );
        for (scope, orders) in scopes {
            let fresh = CustomerTimeline::build(&orders.points, params, today);
            let read = analysis.figures(&months, scope)?;
            let differs = months.iter().zip(&read.figures).find(|(p, f)| {
                let mut want = PeriodFigures::default();
                want.set_customers(&fresh.figures(p));
                customers_of(f) != customers_of(&want)
            });
            if let Some((p, _)) = differs {
                let what = match scope {
                    Dimension::Segment(s) => format!("segment {s}"),
                    _ => "whole business".to_string(),
                };
                let then = if store.drop_rollups()? {
                    "dropped, the next reader builds it again"
                } else {
                    "run funnel check without --read-only to drop it"
                };
                problems.push(format!(
                    "customers {} of the {what}: the stored customer rollup disagrees with the orders (changed outside funnel?); {then}",
                    p.label()
                ));
                break;
            }
        }
    }
    if problems.is_empty() {
        let fmt = ctx.format();
        line(&Format::fill_all(
            fmt.words().cli.check_ok,
            &[
                &ctx.db_path().display(),
                &count(fmt, store.count_tasks()?),
                &count(fmt, points.total.points.len()),
                &count(fmt, points.customers),
            ],
        ))
    } else {
        for p in &problems {
            line(p)?;
        }
        Err(CliError::user(format!("{} problems found", problems.len())))
    }
}

/// The six customer figures of a period.
fn customers_of(f: &PeriodFigures) -> [Option<crate::domain::Amount>; 6] {
    [
        f.customers_start,
        f.customers_end,
        f.new_customers,
        f.churned_customers,
        f.reactivated_customers,
        f.loyal_customers,
    ]
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// small: a believable shop; large: the benchmark data set.
    #[arg(long, default_value = "small")]
    pub scale: Scale,
    /// Seed of the generated data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn demo(ctx: &Context, a: &DemoArgs) -> CliResult {
    let mut store = ctx.open()?;
    let s = crate::demo::fill(&mut store, a.scale, ctx.today(), a.seed)?;
    super::orders::refresh_rollups(ctx, &store);
    let fmt = ctx.format();
    line(&Format::fill_all(
        fmt.words().cli.demo_filled,
        &[
            &ctx.db_path().display(),
            &count(fmt, s.tasks),
            &count(fmt, s.campaigns),
            &count(fmt, s.orders),
            &count(fmt, s.customers),
            &count(fmt, s.kpi_values),
        ],
    ))
}
