//! `funnel kpi …`: record values, import a CSV series, show period figures.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::output::{amount, count, json, line, table};
use super::{CliError, CliResult, Context};
use crate::analysis::{CustomerSource, Origin};
use crate::domain::{Amount, Metric, Unit, ValueSource};
use crate::i18n::{CliWords, Format};
use crate::import::{DecimalMark, ImportError, KpiColumns, KpiRow, Money, Profile, read_kpis};
use crate::metrics::{
    Compare, Comparison, FigureRow, Granularity, Period, PeriodFigures, periods_covering,
};
use crate::report::{Headline, headlines_of};
use crate::store::kpis::{DimensionName, KpiInput, NamedInput, RecordOutcome};

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
        .ok_or_else(|| CliError::user(format!("'{s}' is not METRIC=VALUE")))
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
    let bad = || {
        CliError::user(format!(
            "--rate '{text}' is not CODE=RATE, as USD=25400 ({own} for 1 USD)"
        ))
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
        )
        .map_err(CliError::user)?;
        values.push(KpiInput {
            day,
            metric: metric.name,
            dimension,
            value,
        });
    }
    let label = format!("record KPIs for {day}");
    let out = store.record_kpis(&values, ValueSource::Recorded, &label, true)?;
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

/// Every refusal of a file says that nothing was written: the values are
/// recorded all at once at the end, or not at all.
fn import(ctx: &Context, a: &ImportArgs) -> CliResult {
    import_file(ctx, a).map_err(nothing_written)
}

/// A file's refusal, saying that nothing was written.
pub(super) fn nothing_written(e: CliError) -> CliError {
    match e {
        CliError::Import(mut e) => {
            e.message.push_str("; nothing was written");
            CliError::Import(e)
        }
        other => other,
    }
}

fn import_file(ctx: &Context, a: &ImportArgs) -> CliResult {
    let mut store = ctx.open()?;
    let label = a.file.display().to_string();
    let bytes = std::fs::read(&a.file).map_err(|e| CliError::user(format!("{label}: {e}")))?;
    let map = a
        .map
        .iter()
        .map(|m| split_pair(m))
        .collect::<CliResult<Vec<_>>>()?;
    let metrics = store.metrics()?;
    // Derived figures are worked out, never imported.
    let known: Vec<(&str, Unit)> = metrics
        .iter()
        .map(|m| (m.name.as_str(), m.unit))
        .filter(|(n, _)| !crate::metrics::figures::is_derived(n))
        .collect();
    let currency = ctx.config.currency;
    let money = money(ctx, &a.rate)?;
    let cols = KpiColumns {
        date: a.date_column.clone(),
        map,
        segment: a.segment_column.clone(),
        channel: a.channel_column.clone(),
        campaign: a.campaign_column.clone(),
        profile: a
            .profile
            .as_deref()
            .map(str::parse::<Profile>)
            .transpose()
            .map_err(CliError::user)?,
        decimal: match (a.decimal_point, a.decimal_comma) {
            (true, _) => Some(DecimalMark::Point),
            (_, true) => Some(DecimalMark::Comma),
            _ => None,
        },
        money,
    };
    let file = read_kpis(&label, &bytes, &cols, &known)?;
    let mut values = Vec::with_capacity(file.rows.len());
    let cell = |r: &KpiRow, column: usize, text: &str, message: String| {
        let name = file.header.get(column).map_or("", String::as_str);
        ImportError::cell(&label, r.line, name, column, text, message)
    };
    let mut checked: Vec<DimensionName> = Vec::new();
    for r in &file.rows {
        if let Some(m) = metrics.iter().find(|m| m.name == r.metric) {
            crate::domain::validate::metric_value(&m.name, m.unit, r.value)
                .map_err(|e| cell(r, r.value_column, &r.value.to_string(), e))?;
        }
        let dimension = match (&r.segment, &r.channel, &r.campaign) {
            (Some(s), _, _) => DimensionName::Segment(s.clone()),
            (_, Some(c), _) => DimensionName::Channel(c.clone()),
            (_, _, Some(k)) => DimensionName::Campaign(k.clone()),
            _ => DimensionName::Total,
        };
        if !checked.contains(&dimension) {
            let creatable = matches!(
                dimension,
                DimensionName::Channel(_) | DimensionName::Campaign(_)
            ) && !a.no_create;
            if !creatable && !store.has_named(&dimension)? {
                let (what, name) = match &dimension {
                    DimensionName::Segment(n) => ("segment", n),
                    DimensionName::Channel(n) => ("channel", n),
                    DimensionName::Campaign(n) => ("campaign", n),
                    DimensionName::Total => ("", &String::new()),
                };
                let hint = if what == "segment" {
                    "add it first (funnel segment add)"
                } else {
                    "without --no-create the import creates it"
                };
                let message = format!("{what} '{name}' not found; {hint}");
                return Err(cell(r, r.dimension_column.unwrap_or(0), name, message).into());
            }
            checked.push(dimension.clone());
        }
        values.push(NamedInput {
            day: r.day,
            metric: r.metric.clone(),
            dimension,
            value: r.value,
        });
    }
    let mapped: Vec<String> = file
        .mapped
        .iter()
        .map(|(c, m)| format!("{c} → {m}"))
        .collect();
    let fmt = ctx.format();
    let w = &fmt.words().cli;
    line(&Format::fill_all(
        w.kpi_file,
        &[&label, &count(fmt, values.len()), &mapped.join(", ")],
    ))?;
    say_read_as(fmt, file.profile.name(), file.detected)?;
    if !file.ignored_columns.is_empty() {
        line(&Format::fill(
            w.ignored_columns,
            file.ignored_columns.join(", "),
        ))?;
    }
    for c in &file.converted {
        line(&Format::fill_all(
            w.kpi_converted,
            &[
                &count(fmt, c.values),
                &c.metric,
                &c.from,
                &amount(fmt, c.rate),
                &currency.code(),
                &c.from,
            ],
        ))?;
    }
    if !file.skipped_totals.is_empty() {
        let lines: Vec<String> = file.skipped_totals.iter().map(usize::to_string).collect();
        line(&Format::fill_all(
            w.kpi_skipped_totals,
            &[&count(fmt, lines.len()), &lines.join(", ")],
        ))?;
    }
    for (at, first, last) in &file.skipped_summaries {
        line(&Format::fill_all(
            w.kpi_skipped_summary,
            &[at, &fmt.date(*first), &fmt.date(*last)],
        ))?;
    }
    if let Some(at) = file.ignored_from {
        line(&Format::fill(w.kpi_ignored_block, at))?;
    }
    let out = store.import_kpis(
        &values,
        !a.no_create,
        ctx.today(),
        &format!("import KPIs from {label}"),
        !a.dry_run,
    )?;
    let (channels, campaigns) = if a.dry_run {
        (w.kpi_channels_would_create, w.kpi_campaigns_would_create)
    } else {
        (w.kpi_channels_created, w.kpi_campaigns_created)
    };
    if !out.new_channels.is_empty() {
        line(&Format::fill(channels, out.new_channels.join(", ")))?;
    }
    if !out.new_campaigns.is_empty() {
        let list: Vec<String> = out
            .new_campaigns
            .iter()
            .map(|(n, first, last)| format!("{n} ({} – {})", fmt.date(*first), fmt.date(*last)))
            .collect();
        line(&Format::fill(campaigns, list.join(", ")))?;
    }
    if a.dry_run {
        would_land(fmt, &values, &metrics)?;
    }
    summary(fmt, &out.recorded, a.dry_run)
}

/// The file's values summed per month and metric (over whatever channel,
/// campaign or segment each names): what a dry run would land.
fn would_land(fmt: Format, values: &[NamedInput], metrics: &[Metric]) -> CliResult {
    let mut months: std::collections::BTreeMap<(String, &str), Amount> =
        std::collections::BTreeMap::new();
    for v in values {
        let month = v.day.format("%Y-%m").to_string();
        let sum = months
            .entry((month, v.metric.as_str()))
            .or_insert(Amount::ZERO);
        *sum = sum.checked_add(v.value).unwrap_or(*sum);
    }
    let mut month_lines: Vec<(String, Vec<String>)> = Vec::new();
    for ((month, metric), sum) in &months {
        let unit = metrics.iter().find(|m| m.name == *metric).map(|m| m.unit);
        let shown = match unit {
            Some(Unit::Money) => fmt.money(*sum),
            Some(Unit::Count) => fmt.count(*sum),
            _ => amount(fmt, *sum),
        };
        let entry = format!("{metric} {shown}");
        match month_lines.last_mut() {
            Some((m, list)) if m == month => list.push(entry),
            _ => month_lines.push((month.clone(), vec![entry])),
        }
    }
    say_would_land(fmt, &month_lines)
}

/// "Would land in 2026-10: spend 2,530,000 ₫, …", a line per month.
pub(super) fn say_would_land(fmt: Format, months: &[(String, Vec<String>)]) -> CliResult {
    for (month, list) in months {
        line(&Format::fill_all(
            fmt.words().cli.kpi_would_land,
            &[month, &list.join(", ")],
        ))?;
    }
    Ok(())
}

/// "Read as: meta-ads (detected; …)" or "Read as: shopify (--from)".
pub(super) fn say_read_as(fmt: Format, profile: &str, detected: bool) -> CliResult {
    let w = &fmt.words().cli;
    line(&Format::fill(
        if detected {
            w.kpi_profile_detected
        } else {
            w.kpi_profile_given
        },
        profile,
    ))
}

fn show(ctx: &Context, a: &ShowArgs) -> CliResult {
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
        return Err(CliError::user(format!("--from {from} is after --to {to}")));
    }
    let periods = periods_covering(a.period, from, to, ctx.config.week_start);
    if periods.len() > 5000 {
        return Err(CliError::user(format!(
            "{} periods is too many; narrow --from/--to or use a longer --period",
            periods.len()
        )));
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
