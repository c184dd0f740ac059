//! `funnel kpi import`: a CSV series read, checked and recorded at once.

use crate::cli::output::{amount, count, line};
use crate::cli::{CliError, CliResult, Context};
use crate::domain::{Amount, Metric, Unit};
use crate::i18n::Format;
use crate::import::{DecimalMark, ImportError, KpiColumns, KpiRow, Profile, read_kpis};
use crate::store::kpis::{DimensionName, NamedInput};

use super::{ImportArgs, money, split_pair, summary};

/// Every refusal of a file says that nothing was written: the values are
/// recorded all at once at the end, or not at all.
pub(super) fn import(ctx: &Context, a: &ImportArgs) -> CliResult {
    import_file(ctx, a).map_err(nothing_written)
}

/// A file's refusal, saying that nothing was written.
pub(in crate::cli) fn nothing_written(e: CliError) -> CliError {
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
                .map_err(|e| cell(r, r.value_column, &r.value.to_string(), e.to_string()))?;
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
        crate::store::ChangeLabel::ImportKpis {
            file: label.clone(),
        },
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
pub(in crate::cli) fn say_would_land(fmt: Format, months: &[(String, Vec<String>)]) -> CliResult {
    for (month, list) in months {
        line(&Format::fill_all(
            fmt.words().cli.kpi_would_land,
            &[month, &list.join(", ")],
        ))?;
    }
    Ok(())
}

/// "Read as: meta-ads (detected; …)" or "Read as: shopify (--from)".
pub(in crate::cli) fn say_read_as(fmt: Format, profile: &str, detected: bool) -> CliResult {
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
