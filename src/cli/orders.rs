//! `funnel orders import`: an order export from a shop or CRM.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::output::{amount, count, line};
use super::{CliError, CliResult, Context};
use crate::domain::Amount;
use crate::i18n::Format;
use crate::import::{OrderColumns, OrderProfile, OrderView, Orders, read_order_table};
use crate::store::orders::OrderLike;

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
    /// Read the file as this shop's export: shopify, woocommerce, haravan, sapo, kiotviet, generic.
    #[arg(long = "from", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Convert money in CODE at RATE units of the database's currency for one (repeatable).
    #[arg(long = "rate", value_name = "CODE=RATE")]
    pub rate: Vec<String>,
    /// Say what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, cmd: OrdersCommand) -> CliResult {
    let OrdersCommand::Import(a) = cmd;
    // Orders are written all at once at the end, or not at all.
    import(ctx, a).map_err(super::kpi::nothing_written)
}

fn import(ctx: &Context, a: ImportArgs) -> CliResult {
    let mut store = ctx.open()?;
    let label = a.file.display().to_string();
    let bytes = std::fs::read(&a.file).map_err(|e| CliError::user(format!("{label}: {e}")))?;
    let cols = OrderColumns {
        order: a.order_column,
        customer: a.customer_column,
        date: a.date_column,
        amount: a.amount_column,
        segment: a.segment_column,
        money: super::kpi::money(ctx, &a.rate)?,
        profile: a
            .profile
            .as_deref()
            .map(str::parse::<OrderProfile>)
            .transpose()
            .map_err(CliError::user)?,
    };
    // The file is let go of once read: the orders hold their own text.
    let file = read_order_table(&label, bytes.into(), &cols)?;
    let summary = file.summary;
    let orders = file.rows;
    let fmt = ctx.format();
    let w = &fmt.words().cli;
    let used: Vec<String> = file
        .columns
        .iter()
        .map(|(role, cols)| {
            let role = w.order_roles.get(*role).copied().unwrap_or_default();
            format!("{role} ← {}", cols.join(w.orders_customer_then))
        })
        .collect();
    let dates = match &file.date_form {
        None => w.dates_no_rows.to_string(),
        Some(form) => {
            let notes = [
                (form.month_first, w.dates_month_first),
                (form.assumed_day_first, w.dates_day_first_assumed),
                (form.time_ignored, w.dates_time_ignored),
            ];
            let mut text = form.pattern.clone();
            for (_, note) in notes.iter().filter(|(on, _)| *on) {
                text.push(' ');
                text.push_str(note);
            }
            text
        }
    };
    let mut read = Format::fill_all(
        w.orders_file,
        &[
            &label,
            &count(fmt, orders.len()),
            &count(fmt, summary.rows),
            &used.join(", "),
            &dates,
        ],
    );
    if file.decimal_comma {
        read.push_str(w.decimal_comma);
    }
    line(&read)?;
    super::kpi::say_read_as(fmt, file.profile.name(), file.detected)?;
    for (code, rate, orders) in &summary.converted {
        line(&Format::fill_all(
            w.orders_converted,
            &[
                &count(fmt, *orders),
                code,
                &amount(fmt, *rate),
                &ctx.config.currency.code(),
                code,
            ],
        ))?;
    }
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
    if a.dry_run {
        would_land(fmt, &store, &orders)?;
    }
    let out =
        store.import_orders_withdrawing(&label, orders.iter(), &summary.withdrawn, !a.dry_run)?;
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

/// The file's orders per month: how many, their revenue, and the
/// customers whose first order (among those stored and these) is one of
/// them.
fn would_land(fmt: Format, store: &crate::store::Store, orders: &Orders) -> CliResult {
    let stored = store.first_order_days()?;
    let lines: Vec<(String, Vec<String>)> = crate::import::orders_per_month(orders, &stored)
        .into_iter()
        .map(|m| {
            let list = vec![
                format!("orders {}", count(fmt, m.orders)),
                format!("revenue {}", fmt.money(m.revenue)),
                format!("new_customers {}", count(fmt, m.new_customers)),
            ];
            (m.month.format("%Y-%m").to_string(), list)
        })
        .collect();
    super::kpi::say_would_land(fmt, &lines)
}

/// Builds the customer rollups after a write to the orders, where the user
/// expects to wait, so that the next start need not walk every order. A
/// failure only leaves that to the next reader.
pub(super) fn refresh_rollups(ctx: &Context, store: &crate::store::Store) {
    crate::analysis::Analysis::new(store, &ctx.config, ctx.today())
        .refresh_rollups()
        .ok();
}

impl OrderLike for OrderView<'_> {
    fn order_ref(&self) -> Option<&str> {
        self.order_ref
    }
    fn customer(&self) -> &str {
        self.customer
    }
    fn day(&self) -> chrono::NaiveDate {
        self.day
    }
    fn amount(&self) -> Amount {
        self.amount
    }
    fn segment(&self) -> Option<&str> {
        self.segment
    }
}
