//! `funnel orders import`: an order export from a shop or CRM.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::output::{count, line};
use super::{CliError, CliResult, Context};
use crate::i18n::Format;
use crate::import::{OrderColumns, read_orders};
use crate::store::orders::OrderInput;

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// Import orders (a shop's export, or one row per order); importing the
    /// same file again changes nothing.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[arg(long, value_name = "COLUMN")]
    pub order_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub customer_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub date_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub amount_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub segment_column: Option<String>,
    /// Say what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, cmd: OrdersCommand) -> CliResult {
    let OrdersCommand::Import(a) = cmd;
    let mut store = ctx.open()?;
    let label = a.file.display().to_string();
    let bytes = std::fs::read(&a.file).map_err(|e| CliError::user(format!("{label}: {e}")))?;
    let cols = OrderColumns {
        order: a.order_column,
        customer: a.customer_column,
        date: a.date_column,
        amount: a.amount_column,
        segment: a.segment_column,
    };
    let file = read_orders(&label, &bytes, &cols)?;
    // The rows own their text: the file need not be held while they are stored.
    drop(bytes);
    let summary = file.summary;
    let orders: Vec<OrderInput> = file
        .rows
        .into_iter()
        .map(|r| OrderInput {
            order_ref: r.order_ref,
            customer: r.customer,
            day: r.day,
            amount: r.amount,
            segment: r.segment,
        })
        .collect();
    let used: Vec<String> = file
        .columns_used
        .iter()
        .map(|(role, col)| format!("{role} ← {col}"))
        .collect();
    let fmt = ctx.format();
    let w = &fmt.words().cli;
    let mut read = Format::fill_all(
        w.orders_file,
        &[
            &label,
            &count(fmt, orders.len()),
            &count(fmt, summary.rows),
            &used.join(", "),
            &file.date_format,
        ],
    );
    if file.decimal_comma {
        read.push_str(w.decimal_comma);
    }
    line(&read)?;
    let reasons = [
        (summary.voided, w.orders_voided),
        (summary.refunded, w.orders_refunded),
        (summary.orphan_refunds, w.orders_orphan_refunds),
        (summary.walk_in, w.orders_walk_in),
        (summary.by_name, w.orders_by_name),
    ];
    let mut said: Vec<String> = reasons
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, text)| Format::fill(text, count(fmt, *n)))
        .collect();
    if summary.partly_refunded > 0 {
        let netted = Format::fill_all(
            w.orders_partly_refunded,
            &[
                &count(fmt, summary.partly_refunded),
                &fmt.money(summary.netted),
            ],
        );
        // After the orders left out, before the ones counted.
        let at = reasons[..3].iter().filter(|(n, _)| *n > 0).count();
        said.insert(at, netted);
    }
    if !said.is_empty() {
        line(&said.join("; "))?;
    }
    let out = store.import_orders_withdrawing(&label, &orders, &summary.withdrawn, !a.dry_run)?;
    // Stored now: building the rollups reads them back from the file.
    drop(orders);
    if !a.dry_run {
        refresh_rollups(ctx, &store);
    }
    let verb = if a.dry_run {
        w.orders_would_import
    } else {
        w.orders_imported
    };
    line(&Format::fill_all(
        verb,
        &[
            &count(fmt, out.added),
            &count(fmt, out.updated),
            &count(fmt, out.unchanged),
        ],
    ))?;
    if out.removed > 0 {
        let removed = if a.dry_run {
            w.orders_would_remove
        } else {
            w.orders_removed
        };
        line(&Format::fill(removed, count(fmt, out.removed)))?;
    }
    if !out.new_segments.is_empty() {
        let created = if a.dry_run {
            w.segments_would_create
        } else {
            w.segments_created
        };
        line(&Format::fill(created, out.new_segments.join(", ")))?;
    }
    Ok(())
}

/// Builds the customer rollups after a write to the orders, where the user
/// expects to wait, so that the next start need not walk every order. A
/// failure only leaves that to the next reader.
pub(super) fn refresh_rollups(ctx: &Context, store: &crate::store::Store) {
    crate::analysis::Analysis::new(store, &ctx.config, ctx.today())
        .refresh_rollups()
        .ok();
}
