//! `funnel report`: the period report as text, markdown or JSON.

use clap::{Args, ValueEnum};

use super::output::{json, line, table};
use super::{CliError, CliResult, Context};
use crate::i18n::Format;
use crate::metrics::kpi::metric_label;
use crate::metrics::{Compare, Granularity, Period};
use crate::report::Report;
use crate::report::text::{DASH, in_unit, judged, label, show};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Default, Args)]
pub struct ReportArgs {
    /// week, month, quarter or year.
    #[arg(long, default_value = "month")]
    pub period: Option<Granularity>,
    /// A day inside the period to report (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// previous (the period before) or year (the same period a year
    /// earlier); a period still running meets the same number of days.
    #[arg(long, default_value = "previous")]
    pub compare: Compare,
}

pub fn run(ctx: &Context, a: &ReportArgs) -> CliResult {
    let store = ctx.open_existing()?;
    let at = match &a.at {
        Some(d) => ctx.parse_date("--at", d)?,
        None => ctx.today(),
    };
    let g = a.period.unwrap_or(Granularity::Month);
    let period = Period::containing(g, at, ctx.config.week_start);
    let report = crate::report::build_against(&store, period, a.compare, &ctx.config, ctx.today())?;
    match a.format {
        ReportFormat::Json => json(&report),
        ReportFormat::Text => line(&render(&report, ctx.format(), false)),
        ReportFormat::Markdown => line(&render(&report, ctx.format(), true)),
    }
}

fn render(r: &Report, fmt: Format, markdown: bool) -> String {
    let w = fmt.words();
    let mut out = Vec::new();
    let heading = |out: &mut Vec<String>, text: &str| {
        out.push(String::new());
        out.push(if markdown {
            format!("## {text}")
        } else {
            format!("{text}\n{}", "-".repeat(text.chars().count()))
        });
    };
    let running = if r.to_date {
        format!(", {}", Format::fill(w.to_date, fmt.date(r.as_of)))
    } else {
        String::new()
    };
    let title = format!(
        "{} · {} {} ({} – {}{running})",
        w.report_title,
        w.period,
        r.period,
        fmt.date(r.start),
        fmt.date(r.end)
    );
    out.push(if markdown {
        format!("# {title}")
    } else {
        title
    });
    let source = match r.customer_source {
        crate::analysis::CustomerSource::Orders => w.from_orders,
        crate::analysis::CustomerSource::Recorded => w.recorded,
    };
    out.push(format!(
        "{} {} · {}: {}",
        w.as_of,
        fmt.date(r.as_of),
        w.customers,
        source
    ));
    out.push(match &r.previous {
        Some(p) => Format::fill_all(
            w.compare.against,
            &[&r.previous_period, &fmt.date(p.start), &fmt.date(p.end)],
        ),
        None => w.compare.nothing_before.to_string(),
    });
    let rows: Vec<Vec<String>> = r
        .headlines
        .iter()
        .map(|h| {
            vec![
                label(w, h.key).to_string(),
                show(fmt, h.measure, h.current),
                show(fmt, h.measure, h.previous),
                judged(fmt, h),
            ]
        })
        .collect();
    let through = |label: &str, end| {
        if r.to_date {
            format!("{label} {}", Format::fill(w.compare.through, fmt.day(end)))
        } else {
            label.to_string()
        }
    };
    let current = through(&r.period, r.figures.end);
    let previous = match &r.previous {
        Some(p) => through(&r.previous_period, p.end),
        None => r.previous_period.clone(),
    };
    let vs = match r.compare {
        Compare::Previous => w.vs_previous,
        Compare::Year => w.compare.vs_year,
    };
    let header = [w.period, &current, &previous, vs];
    heading(&mut out, w.period);
    out.push(grid(&header, &rows, markdown));

    heading(&mut out, w.funnel.title);
    let span = r.previous.as_ref().map(|_| previous.as_str());
    out.push(funnel_section(r, fmt, markdown, span));

    heading(&mut out, w.objectives);
    if r.objectives.is_empty() {
        out.push(w.none.into());
    } else {
        let rows: Vec<Vec<String>> = r
            .objectives
            .iter()
            .map(|o| {
                let obj = &o.objective;
                vec![
                    obj.title.clone(),
                    metric_label(&obj.metric, w).to_string(),
                    o.current
                        .map(|c| in_unit(fmt, o.unit, c))
                        .unwrap_or_else(|| DASH.into()),
                    in_unit(fmt, o.unit, obj.target),
                    o.progress
                        .done
                        .map(|d| fmt.percent(d))
                        .unwrap_or_else(|| DASH.into()),
                    format!(
                        "{} ({} {})",
                        w.objective_status(o.progress.status),
                        w.due,
                        fmt.date(obj.deadline)
                    ),
                ]
            })
            .collect();
        out.push(grid(
            &[w.objectives, w.metric, w.now, w.target, "%", w.status],
            &rows,
            markdown,
        ));
    }

    forecasts(&mut out, r, fmt, markdown);

    heading(&mut out, w.overdue_tasks);
    if r.overdue_tasks.is_empty() {
        out.push(w.none.into());
    } else {
        let rows: Vec<Vec<String>> = r
            .overdue_tasks
            .iter()
            .map(|t| {
                vec![
                    t.id.to_string(),
                    t.title.clone(),
                    format!(
                        "{} ({})",
                        fmt.date(t.due),
                        Format::fill(w.days_late, t.days_late)
                    ),
                    t.assignee.clone().unwrap_or_default(),
                    t.campaign.clone().unwrap_or_default(),
                ]
            })
            .collect();
        out.push(grid(
            &["ID", w.task, w.due, w.assignee, w.campaign],
            &rows,
            markdown,
        ));
        if r.overdue_total > r.overdue_tasks.len() {
            out.push(Format::fill(
                w.and_more,
                r.overdue_total - r.overdue_tasks.len(),
            ));
        }
    }

    heading(&mut out, w.over_budget);
    if r.over_budget.is_empty() {
        out.push(w.none.into());
    } else {
        let rows: Vec<Vec<String>> = r
            .over_budget
            .iter()
            .map(|c| {
                let used = c.used.map_or_else(|| "—".into(), |u| fmt.percent(u));
                vec![
                    c.name.clone(),
                    fmt.money(c.budget),
                    fmt.money(c.spent),
                    used,
                ]
            })
            .collect();
        let used = w.ui.plan.columns[crate::scoreboard::Column::Used.index()].to_lowercase();
        out.push(grid(
            &[w.campaign, w.budget, w.spent, &used],
            &rows,
            markdown,
        ));
    }

    if !r.notes.is_empty() {
        heading(&mut out, w.notes);
        for n in &r.notes {
            let bullet = if markdown { "- " } else { "• " };
            out.push(format!(
                "{bullet}[{} · {}] {}",
                w.note_kind(n.kind),
                w.category(n.category),
                n.text.replace('\n', " ")
            ));
        }
    }
    out.join("\n")
}

/// The objectives' and budgets' forecasts at the current pace.
fn forecasts(out: &mut Vec<String>, r: &Report, fmt: Format, markdown: bool) {
    let w = &fmt.words().forecast;
    out.push(String::new());
    out.push(if markdown {
        format!("## {}", w.heading)
    } else {
        format!("{}\n{}", w.heading, "-".repeat(w.heading.chars().count()))
    });
    if r.objectives.is_empty() && r.budgets.is_empty() {
        out.push(fmt.words().none.into());
        return;
    }
    if !r.objectives.is_empty() {
        let rows: Vec<Vec<String>> = r
            .objectives
            .iter()
            .map(|o| {
                let mut row = vec![o.objective.title.clone()];
                row.extend(crate::report::forecast::objective(fmt, o));
                row
            })
            .collect();
        let header = [
            fmt.words().objectives,
            w.columns[1],
            w.columns[2],
            w.columns[3],
        ];
        out.push(grid(&header, &rows, markdown));
    }
    if !r.budgets.is_empty() {
        let rows: Vec<Vec<String>> = r
            .budgets
            .iter()
            .map(|b| {
                let [lands, runs_out] = crate::report::forecast::budget(fmt, &b.forecast);
                vec![
                    b.budget.period.clone(),
                    fmt.money(b.budget.amount),
                    b.spent.map(|s| fmt.money(s)).unwrap_or_else(|| DASH.into()),
                    lands,
                    runs_out,
                ]
            })
            .collect();
        let words = fmt.words();
        let header = [
            fmt.words().ui.strategy.budgets,
            words.budget,
            words.spent,
            w.columns[1],
            w.columns[4],
        ];
        if !r.objectives.is_empty() {
            out.push(String::new());
        }
        out.push(grid(&header, &rows, markdown));
    }
}

/// The funnel's steps with their rates and changes, the biggest drop
/// named in its own column (a report has no colour).
/// `span` is the one the changes are against ("2026-10 to 22 Oct").
fn funnel_section(r: &Report, fmt: Format, markdown: bool, span: Option<&str>) -> String {
    let fw = &fmt.words().funnel;
    if r.funnel.is_empty() {
        return fw.none.to_string();
    }
    let rows: Vec<Vec<String>> = r
        .funnel
        .steps
        .iter()
        .map(|s| {
            let mut row = crate::report::funnel::cells(fmt, s).to_vec();
            row.push(if s.biggest_drop {
                fw.biggest_drop.to_string()
            } else {
                String::new()
            });
            row
        })
        .collect();
    let header = [fw.step, fw.count, fw.change, fw.rate, fw.change, ""];
    let legend = crate::report::funnel::legend(fmt, r.compare, span);
    // A line right under a markdown table would read as one of its rows.
    let gap = if markdown { "\n\n" } else { "\n" };
    format!("{}{gap}{legend}", grid(&header, &rows, markdown))
}

fn grid(header: &[&str], rows: &[Vec<String>], markdown: bool) -> String {
    if !markdown {
        return table(header, rows);
    }
    let esc = |s: &str| s.replace('|', "\\|");
    let mut lines = vec![
        format!(
            "| {} |",
            header
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ),
        format!("|{}|", vec!["---"; header.len()].join("|")),
    ];
    for r in rows {
        lines.push(format!(
            "| {} |",
            r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    lines.join("\n")
}

impl From<crate::metrics::PeriodError> for CliError {
    fn from(e: crate::metrics::PeriodError) -> Self {
        CliError::User(e.to_string())
    }
}
