//! `funnel kpi …`: record values, import a CSV series, show period figures.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::output::{amount, count, line};
use super::{CliError, CliResult, Context};
use crate::domain::{Amount, ValueSource};
use crate::i18n::{CliWords, Format};
use crate::import::Money;
use crate::metrics::{Compare, Granularity};
use crate::store::kpis::{KpiInput, RecordOutcome};

mod import;
mod show;

use import::import;
pub(super) use import::{nothing_written, say_read_as, say_would_land};
use show::show;

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Record values for a day: funnel kpi record today visits=1200 spend=350000
    Record(RecordArgs),
    /// Import a CSV with a date column and one column per metric.
    Import(ImportArgs),
    /// Period figures: every metric and derived ratio per period.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct Dims {
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub campaign: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The day: 2026-11-22, 22/11/2026, today, yesterday, -1d …
    #[arg(allow_hyphen_values = true)]
    pub date: String,
    /// METRIC=VALUE pairs.
    #[arg(required = true, value_name = "METRIC=VALUE")]
    pub values: Vec<String>,
    #[command(flatten)]
    pub dims: Dims,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Read COLUMN as METRIC (repeatable).
    #[arg(long = "map", value_name = "COLUMN=METRIC")]
    pub map: Vec<String>,
    #[arg(long, value_name = "COLUMN")]
    pub date_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub segment_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub channel_column: Option<String>,
    #[arg(long, value_name = "COLUMN")]
    pub campaign_column: Option<String>,
    /// Numbers use a decimal point (1,234.5), where a column could be read both ways.
    #[arg(long, conflicts_with = "decimal_comma")]
    pub decimal_point: bool,
    /// Numbers use a decimal comma (1.234,5), where a column could be read both ways.
    #[arg(long)]
    pub decimal_comma: bool,
    /// Convert money in CODE at RATE units of the database's currency for one (repeatable).
    #[arg(long = "rate", value_name = "CODE=RATE")]
    pub rate: Vec<String>,
    /// Read the file as this export: ga4, ua, google-ads, meta-ads, search-console, mailchimp, generic.
    #[arg(long = "from", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Refuse a channel or campaign that does not exist instead of creating it.
    #[arg(long)]
    pub no_create: bool,
    /// Say what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(long, default_value = "month")]
    pub period: Granularity,
    /// First day to cover (default: 6 periods back).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last day to cover (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    #[command(flatten)]
    pub dims: Dims,
    #[arg(long)]
    pub json: bool,
    /// previous (the period before) or year (the same period a year
    /// earlier): what the last period is compared with, like for like.
    #[arg(long, default_value = "previous")]
    pub compare: Compare,
}

pub fn run(ctx: &Context, cmd: KpiCommand) -> CliResult {
    match cmd {
        KpiCommand::Record(a) => record(ctx, &a),
        KpiCommand::Import(a) => import(ctx, &a),
        KpiCommand::Show(a) => show(ctx, &a),
    }
}

fn split_pair(s: &str) -> CliResult<(String, String)> {
    s.split_once('=')
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| CliError::NotAPair(s.to_string()))
}

/// The database's currency with the `--rate CODE=RATE`s given.
pub(super) fn money(ctx: &Context, rates: &[String]) -> CliResult<Money> {
    let currency = ctx.config.currency;
    Ok(Money {
        currency: currency.code().to_string(),
        places: currency.places() as u32,
        rates: rates
            .iter()
            .map(|r| rate(r, currency.code()))
            .collect::<CliResult<_>>()?,
    })
}

/// `USD=25400`: a currency code other than the database's and a rate
/// above 0.
fn rate(text: &str, own: &str) -> CliResult<(String, Amount)> {
    let bad = || CliError::BadRate {
        text: text.to_string(),
        own: own.to_string(),
    };
    let (code, rate) = split_pair(text).map_err(|_| bad())?;
    let code = crate::import::currency_code(&code).ok_or_else(bad)?;
    let rate: Amount = rate.parse().map_err(|_| bad())?;
    if rate <= Amount::ZERO || code == own {
        return Err(bad());
    }
    Ok((code, rate))
}

fn record(ctx: &Context, a: &RecordArgs) -> CliResult {
    let mut store = ctx.open()?;
    let day = ctx.parse_date("DATE", &a.date)?;
    let dimension = store.dimension(
        a.dims.segment.as_deref(),
        a.dims.channel.as_deref(),
        a.dims.campaign.as_deref(),
    )?;
    let mut values = Vec::new();
    for pair in &a.values {
        let (metric, value) = split_pair(pair)?;
        let metric = store.metric(&metric)?;
        let value = crate::domain::validate::metric_input(
            &metric.name,
            metric.unit,
            &value,
            ctx.config.locale,
        )?;
        values.push(KpiInput {
            day,
            metric: metric.name,
            dimension,
            value,
        });
    }
    let label = crate::store::ChangeLabel::RecordKpis {
        day: day.to_string(),
    };
    let out = store.record_kpis(&values, ValueSource::Recorded, label, true)?;
    summary(ctx.format(), &out, false)
}

fn summary(fmt: Format, out: &RecordOutcome, dry_run: bool) -> CliResult {
    let w = &fmt.words().cli;
    let verb = if dry_run {
        w.kpi_would_record
    } else {
        w.kpi_recorded
    };
    line(&Format::fill_all(
        verb,
        &[
            &count(fmt, out.added),
            &count(fmt, out.replaced.len()),
            &count(fmt, out.unchanged),
        ],
    ))?;
    for (v, old) in out.replaced.iter().take(20) {
        line(&format!(
            "  {} {} {}: {} → {}",
            fmt.date(v.day),
            v.metric,
            dimension_label(w, v),
            amount(fmt, *old),
            amount(fmt, v.value)
        ))?;
    }
    if out.replaced.len() > 20 {
        line(&Format::fill(
            w.kpi_more_replaced,
            count(fmt, out.replaced.len() - 20),
        ))?;
    }
    Ok(())
}

fn dimension_label(w: &CliWords, v: &KpiInput) -> String {
    use crate::domain::Dimension;
    match v.dimension {
        Dimension::Total => w.dimension_total.into(),
        Dimension::Segment(s) => Format::fill(w.dimension_segment, s),
        Dimension::Channel(c) => Format::fill(w.dimension_channel, c),
        Dimension::Campaign(k) => Format::fill(w.dimension_campaign, k),
    }
}
