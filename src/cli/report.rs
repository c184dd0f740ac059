//! `funnel report`: the period report as text, markdown or JSON.

use clap::{Args, ValueEnum};

use super::output::{json, line, table};
use super::{CliError, CliResult, Context};
use crate::i18n::Format;
use crate::metrics::kpi::metric_label;
use crate::metrics::{Compare, Granularity, Period};
use crate::report::Report;
use chrono::NaiveDate;

use crate::report::DueTask;
use crate::report::text::{
    DASH, REPORT_WIDTH, capitalised, fit_column, in_unit, judged, label, show,
};
use crate::taskview::DueBucket;

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
    let mut rows: Vec<Vec<String>> = r
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
    if !markdown {
        // Long metric names (Vietnamese ones above all) give way to the
        // figures.
        fit_column(&header, &mut rows, 0, REPORT_WIDTH);
    }
    heading(&mut out, w.period);
    out.push(grid(&header, &rows, markdown));

    heading(&mut out, w.funnel.title);
    let span = r.previous.as_ref().map(|_| previous.as_str());
    out.push(funnel_section(r, fmt, markdown, span));

    heading(&mut out, w.objectives);
    out.push(objectives(r, fmt, markdown));

    forecasts(&mut out, r, fmt, markdown);

    heading(&mut out, w.overdue_tasks);
    out.push(tasks(&r.overdue_tasks, fmt, markdown, true, r.as_of));
    if r.overdue_total > r.overdue_tasks.len() {
        out.push(Format::fill(
            w.and_more,
            r.overdue_total - r.overdue_tasks.len(),
        ));
    }

    heading(&mut out, w.due_this_week);
    out.push(tasks(&r.due_this_week, fmt, markdown, false, r.as_of));

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
        let used = w.ui.plan.columns[crate::scoreboard::Column::Used.index()];
        let (budget, spent) = (capitalised(w.budget), capitalised(w.spent));
        out.push(grid(&[w.campaign, &budget, &spent, used], &rows, markdown));
    }

    if !r.notes.is_empty() {
        heading(&mut out, w.notes);
        for n in &r.notes {
            let text = format!(
                "[{} · {}] {}",
                w.note_kind(n.kind),
                w.category(n.category),
                n.text.replace('\n', " ")
            );
            if markdown {
                out.push(format!("- {text}"));
            } else {
                // A long note wraps under its bullet.
                for (i, l) in crate::text::wrap(&text, REPORT_WIDTH - 2)
                    .iter()
                    .enumerate()
                {
                    out.push(format!("{}{l}", if i == 0 { "• " } else { "  " }));
                }
            }
        }
    }
    out.join("\n")
}

/// The objectives against their targets; in text, the titles (and where
/// need be the metrics' names) are cut so that the table fits
/// [`REPORT_WIDTH`].
fn objectives(r: &Report, fmt: Format, markdown: bool) -> String {
    let w = fmt.words();
    if r.objectives.is_empty() {
        return w.none.into();
    }
    let mut rows: Vec<Vec<String>> = r
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
                w.objective_status(o.progress.status).to_string(),
                fmt.date(obj.deadline),
            ]
        })
        .collect();
    let (target, due) = (capitalised(w.target), capitalised(w.due));
    let header = [w.objectives, w.metric, w.now, &target, "%", w.status, &due];
    if !markdown {
        // The title gives way first; where it is as short as it goes, the
        // metric's name too.
        fit_column(&header, &mut rows, 0, REPORT_WIDTH);
        fit_column(&header, &mut rows, 1, REPORT_WIDTH);
    }
    grid(&header, &rows, markdown)
}

/// The widest an assignee's or a campaign's name is in a text report.
const NAME_WIDTH: usize = 18;

/// Tasks with their due dates: days late where `late`, else "today" on
/// those due today.
fn tasks(list: &[DueTask], fmt: Format, markdown: bool, late: bool, today: NaiveDate) -> String {
    let w = fmt.words();
    if list.is_empty() {
        return w.none.into();
    }
    let today_bucket = DueBucket::ALL
        .iter()
        .position(|b| *b == DueBucket::Today)
        .unwrap_or(0);
    let today_word = w.ui.due_groups[today_bucket].to_lowercase();
    let mut rows: Vec<Vec<String>> = list
        .iter()
        .map(|t| {
            let when = if late && t.days_late == 1 {
                w.day_late.to_string()
            } else if late {
                Format::fill(w.days_late, t.days_late)
            } else if t.due == today {
                today_word.clone()
            } else {
                String::new()
            };
            let due = if when.is_empty() {
                fmt.date(t.due)
            } else {
                format!("{} ({when})", fmt.date(t.due))
            };
            vec![
                t.id.to_string(),
                t.title.clone(),
                due,
                t.assignee.clone().unwrap_or_default(),
                t.campaign.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let header = ["ID", w.task, &capitalised(w.due), w.assignee, w.campaign];
    if !markdown {
        // Names give way before the title does.
        for row in &mut rows {
            for cell in &mut row[3..] {
                *cell = crate::text::fit(cell, NAME_WIDTH);
            }
        }
        fit_column(&header, &mut rows, 1, REPORT_WIDTH);
    }
    grid(&header, &rows, markdown)
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
        if markdown {
            let header = [
                fmt.words().objectives,
                w.columns[1],
                w.columns[2],
                w.columns[3],
            ];
            out.push(grid(&header, &rows, markdown));
        } else {
            // Each objective's title on its line, its outlook under it:
            // four columns side by side would not fit a mail.
            for row in &rows {
                out.push(crate::text::fit(&row[0], REPORT_WIDTH));
                let outlook: Vec<&str> = row[1..]
                    .iter()
                    .map(String::as_str)
                    .filter(|c| *c != DASH)
                    .collect();
                out.push(crate::text::fit(
                    &format!("  {}", outlook.join(" · ")),
                    REPORT_WIDTH,
                ));
            }
        }
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
        let (budget, spent) = (capitalised(words.budget), capitalised(words.spent));
        let header = [
            fmt.words().ui.strategy.budgets,
            &budget,
            &spent,
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
