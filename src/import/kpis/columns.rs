//! Which column holds what: the recognised headers of dates, dimensions
//! and metrics, and the columns a file's header resolves to.

use super::{KpiColumns, Profile};
use crate::import::error::{ImportError, quoted};
use crate::import::table::{Header, fold};

/// `Day Index`: Universal Analytics; `Reporting starts`: Meta Ads Manager
/// (with `Reporting ends`); `Send Date`: Mailchimp's campaign report.
pub(super) const DATE_ALIASES: &[&str] = &[
    "Date",
    "Day",
    "Ngày",
    "Day Index",
    "Reporting starts",
    "Send Date",
    "Thời gian",
];

/// The last day a row covers, where an export gives a range per row.
pub(super) const END_ALIASES: &[&str] = &["Reporting ends"];

/// Cells that say "no value" (Google Ads' `--`, Mailchimp's `n/a`).
pub(super) const NO_VALUE: &[&str] = &["--", "n/a", "N/A", "-"];

/// A column naming each row's currency (Google Ads' `Currency code`).
pub(crate) const CURRENCY_ALIASES: &[&str] =
    &["Currency code", "Currency", "Tiền tệ", "Mã tiền tệ"];

/// Dimensions: name, flag, recognised headers.
pub(super) const DIMENSIONS: [(&str, &str, &[&str]); 3] = [
    ("segment", "--segment-column", &["Segment", "Phân khúc"]),
    (
        "channel",
        "--channel-column",
        &[
            "Channel",
            "Kênh",
            "Session primary channel group",
            "Session default channel group",
            "Default channel group",
            "Default Channel Grouping",
        ],
    ),
    (
        "campaign",
        "--campaign-column",
        &[
            "Campaign",
            "Campaign name",
            "Chiến dịch",
            "Session campaign",
        ],
    ),
];

/// Common analytics headers and the metric each means.
pub(super) const METRIC_ALIASES: &[(&str, &str)] = &[
    ("Sessions", "visits"),
    ("Visits", "visits"),
    ("Lượt truy cập", "visits"),
    ("Conversions", "conversions"),
    ("Conv.", "conversions"),
    ("Transactions", "conversions"),
    ("Purchases", "conversions"),
    ("Key events", "conversions"),
    ("Đơn hàng", "conversions"),
    ("Leads", "leads"),
    ("Sign-ups", "leads"),
    ("Đăng ký", "leads"),
    ("Cost", "spend"),
    ("Spend", "spend"),
    ("Amount spent", "spend"),
    ("Chi phí", "spend"),
    ("Revenue", "revenue"),
    ("Purchase revenue", "revenue"),
    ("Total revenue", "revenue"),
    ("Doanh thu", "revenue"),
    ("Link clicks", "clicks"),
    ("Unique Clicks", "clicks"),
    ("Impr.", "impressions"),
    // Only where a metric of that name was added (`funnel metric add`).
    ("Unique Opens", "opens"),
];

/// Which column holds what.
pub(super) struct Layout {
    pub(super) profile: Profile,
    pub(super) date: usize,
    pub(super) dims: [Option<usize>; 3],
    /// A column naming each row's currency.
    pub(super) currency: Option<usize>,
    /// A column with the last day each row covers.
    pub(super) end: Option<usize>,
    /// `(column, metric)` in file order.
    pub(super) metrics: Vec<(usize, String)>,
    pub(super) ignored: Vec<usize>,
}

impl Layout {
    pub(super) fn resolve(
        file: &str,
        header: &Header,
        cols: &KpiColumns,
        known: &[&str],
    ) -> Result<Layout, ImportError> {
        let err = |text: &str, message: String| ImportError::line(file, header.line, text, message);
        let named = |flag: &str, name: &str| {
            header.find(name).ok_or_else(|| {
                err(
                    name,
                    format!(
                        "{flag} names the column {}, which is not in the header (columns: {})",
                        quoted(name),
                        header.list()
                    ),
                )
            })
        };
        let known_list = known.join(", ");
        let profile = cols.profile.unwrap_or_else(|| Profile::detect(header));
        let date = match (&cols.date, profile.date_header()) {
            (Some(name), _) => named("--date-column", name)?,
            (None, Some(wanted)) if cols.profile.is_some() => {
                header.find(wanted).ok_or_else(|| {
                    let message = format!(
                        "--from {}: this file has no {} column, so it is not that export (columns: {})",
                        profile.name(),
                        quoted(wanted),
                        header.list()
                    );
                    err("", message)
                })?
            }
            (None, _) => header.find_alias(DATE_ALIASES, &[]).ok_or_else(|| {
                let list = header.list();
                err(
                    "",
                    format!(
                        "no date column found (columns: {list}); name it with --date-column COLUMN"
                    ),
                )
            })?,
        };
        let mut taken = vec![date];
        let given = [&cols.segment, &cols.channel, &cols.campaign];
        let mut dims = [None; 3];
        for (kind, (_, flag, _)) in DIMENSIONS.iter().enumerate() {
            if let Some(name) = given[kind] {
                dims[kind] = Some(named(flag, name)?);
                taken.extend(dims[kind]);
            }
        }
        let mut metrics: Vec<(usize, String)> = Vec::new();
        for (column, metric) in &cols.map {
            let canonical = known
                .iter()
                .find(|k| fold(k) == fold(metric))
                .ok_or_else(|| {
                    err(
                        metric,
                        format!("unknown metric {} (known: {known_list})", quoted(metric)),
                    )
                })?;
            let i = named("--map", column)?;
            if taken.contains(&i) {
                let message = format!(
                    "--map {}: that column is the date or a dimension",
                    quoted(column)
                );
                return Err(err(column, message));
            }
            if let Some((j, _)) = metrics.iter().find(|(j, m)| *j == i || m == canonical) {
                let message = format!(
                    "--map gives {} and {} the same column or metric",
                    quoted(&header.name(*j)),
                    quoted(column)
                );
                return Err(err(column, message));
            }
            metrics.push((i, canonical.to_string()));
        }
        let explicit: Vec<usize> = metrics.iter().map(|(i, _)| *i).collect();
        for (kind, (_, _, aliases)) in DIMENSIONS.iter().enumerate() {
            if dims[kind].is_none() {
                let mut busy = taken.clone();
                busy.extend(&explicit);
                dims[kind] = header.find_alias(aliases, &busy);
                taken.extend(dims[kind]);
            }
        }
        let mut busy = taken.clone();
        busy.extend(&explicit);
        let currency = header.find_alias(CURRENCY_ALIASES, &busy);
        taken.extend(currency);
        let end = header.find_alias(END_ALIASES, &taken);
        taken.extend(end);
        // Mailchimp names each campaign in its `Title`.
        if dims[2].is_none() && profile == Profile::Mailchimp {
            dims[2] = header.find_alias(&["Title"], &taken);
            taken.extend(dims[2]);
        }
        let mut ignored = Vec::new();
        for (i, name) in header.names.iter().enumerate() {
            if taken.contains(&i) || explicit.contains(&i) {
                continue;
            }
            let f = fold(name);
            let metric = known.iter().find(|k| fold(k) == f).copied().or_else(|| {
                METRIC_ALIASES
                    .iter()
                    .find(|(alias, m)| fold(alias) == f && known.contains(m))
                    .map(|(_, m)| *m)
            });
            match metric {
                Some(m) if !f.is_empty() && !metrics.iter().any(|(_, used)| used == m) => {
                    metrics.push((i, m.to_string()));
                }
                _ => ignored.push(i),
            }
        }
        if metrics.is_empty() {
            let list = header.list();
            let message = format!(
                "no metric column found (columns: {list}); map one with --map COLUMN=METRIC (known: {known_list})"
            );
            return Err(err("", message));
        }
        metrics.sort_by_key(|(i, _)| *i);
        Ok(Layout {
            profile,
            date,
            dims,
            currency,
            end,
            metrics,
            ignored,
        })
    }
}
