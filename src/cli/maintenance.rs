//! Whole-database commands: export, import, undo, redo, check, demo.

use std::path::Path;

use clap::Args;

use super::output::{count, json, line};
use super::{CliError, CliResult, Context};
use crate::demo::Scale;
use crate::domain::Dimension;
use crate::i18n::Format;
use crate::metrics::{CustomerTimeline, Granularity, PeriodFigures, periods_covering};
use crate::store::transfer::{Export, value_start};
use crate::store::{Store, StoreError};

pub fn export(ctx: &Context) -> CliResult {
    let store = ctx.open_existing()?;
    json(&store.dump())
}

pub fn import(ctx: &Context, file: &Path) -> CliResult {
    let label = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| CliError::user(format!("{label}: {e}")))?;
    let text = crate::import::decode(&label, &bytes)?;
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    let doc: Export = serde_json::from_slice(text).map_err(|e| {
        // serde_json ends its message with the place; it goes in front,
        // at the start of the value as for the rules' refusals below.
        let place = format!(" at line {} column {}", e.line(), e.column());
        let message = e.to_string();
        let message = message.strip_suffix(&place).unwrap_or(&message);
        let column = value_start(&String::from_utf8_lossy(text), e.line(), e.column());
        CliError::user(format!(
            "{label}:{}:{column}: {message}; nothing was written",
            e.line()
        ))
    })?;
    let mut store = ctx.open()?;
    store.import(&doc).map_err(|e| match e {
        // A rule broken by one value: where it is in the file, as for a
        // value the parser refuses.
        StoreError::Document {
            place,
            message,
            also,
        } => {
            let json = String::from_utf8_lossy(text);
            let at = place
                .locate(&json)
                .map_or_else(|| format!(": {place}"), |(l, c)| format!(":{l}:{c}"));
            let also = also
                .and_then(|a| a.locate(&json))
                .map(|(l, _)| format!(" (also on line {l})"))
                .unwrap_or_default();
            let written = if message.ends_with("nothing was written") {
                ""
            } else {
                "; nothing was written"
            };
            CliError::user(format!("{label}{at}: {message}{also}{written}"))
        }
        e => e.into(),
    })?;
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

/// `funnel undo` / `funnel redo`: the latest change made from the command
/// line (never silently a dashboard's), or with `any` the latest whoever
/// made it; either way says what it reverted, from where and when.
pub fn undo(ctx: &Context, redo: bool, any: bool) -> CliResult {
    let mut store = ctx.open()?;
    let r = match (redo, any) {
        (false, false) => store.undo(),
        (false, true) => store.undo_any(),
        (true, false) => store.redo(),
        (true, true) => store.redo_any(),
    };
    let fmt = ctx.format();
    let w = &fmt.words().cli;
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            return Err(match fmt.journal_refusal(&e, store.origin()) {
                Some(why) => {
                    let hint = if redo {
                        w.redo_any_hint
                    } else {
                        w.undo_any_hint
                    };
                    CliError::user(format!("{why} {hint}"))
                }
                None => e.into(),
            });
        }
    };
    let done = if redo { w.redid } else { w.undid };
    let label = fmt.change(&r.what);
    line(&Format::fill_all(
        done,
        &[&label, &fmt.who(&r.by, store.origin()), &fmt.stamp(&r.at)],
    ))
}

/// The file's schema version and write-ahead log size, then SQLite's
/// integrity check, links that point nowhere, stored values that break
/// their rule (named by table, row, column and value) and the product's
/// own invariants; any problem makes the command fail.
pub fn check(ctx: &Context) -> CliResult {
    let store = ctx.open_existing()?;
    let fmt = ctx.format();
    line(&Format::fill_all(
        fmt.words().cli.check_file,
        &[
            &store.schema_version()?,
            &Store::known_schema_version(),
            &count(fmt, store.wal_size().div_ceil(1024)),
        ],
    ))?;
    let mut problems: Vec<String> = Vec::new();
    let integrity = store.integrity_check()?;
    if integrity != ["ok"] {
        problems.extend(integrity.into_iter().map(|p| format!("integrity: {p}")));
    }
    problems.extend(
        store
            .dangling_links()?
            .into_iter()
            .map(|p| format!("dangling link: {p}")),
    );
    let bad = store.bad_values()?;
    let readable = bad.is_empty();
    problems.extend(bad);
    problems.extend(store.order_key_mismatches()?);
    // The customer figures read every order and KPI value through the
    // readers, which a bad value stops: they wait until it is fixed.
    let points = if readable {
        store.order_points()?
    } else {
        Default::default()
    };
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
        line(&Format::fill_all(
            fmt.words().cli.check_ok,
            &[
                &ctx.db_path().display(),
                &count(fmt, store.count_tasks()?),
                &count(fmt, points.orders),
                &count(fmt, points.customers),
            ],
        ))
    } else {
        for p in &problems {
            line(p)?;
        }
        if !readable {
            line("customer figures not checked: they read every order and KPI value")?;
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
