//! `funnel note add|list|edit|rm`: notes have no name, so they are
//! found by id.

use clap::{Args, Subcommand};

use super::{Context, listing, open_for, say, words};
use crate::cli::CliResult;
use crate::cli::output::fit;
use crate::domain::{CauseCategory, Note, NoteId, NoteKind};
use crate::metrics::Period;

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a cause or review note on a period.
    Add(NoteArgs),
    /// Change a note's text, kind, category, period or metric.
    Edit {
        id: i64,
        /// The new text.
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        kind: Option<NoteKind>,
        #[arg(long)]
        category: Option<CauseCategory>,
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        metric: Option<String>,
    },
    /// Remove a note (funnel undo brings it back).
    Rm { id: i64 },
    /// Notes overlapping a period (default: all).
    List {
        /// A period label: 2026-11, 2026-W47, 2026-Q4, 2026.
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    pub text: String,
    /// cause or review.
    #[arg(long, default_value = "cause")]
    pub kind: NoteKind,
    /// product, service, customer_care, promotion, seasonality, competition, other.
    #[arg(long, default_value = "other")]
    pub category: CauseCategory,
    /// The period it is about (default: this month).
    #[arg(long)]
    pub period: Option<String>,
    /// The metric it explains.
    #[arg(long)]
    pub metric: Option<String>,
}

fn period_of(ctx: &Context, label: Option<&str>) -> CliResult<Period> {
    match label {
        Some(l) => Ok(Period::parse(l, ctx.config.week_start)?),
        None => Ok(Period::containing(
            crate::metrics::Granularity::Month,
            ctx.today(),
            ctx.config.week_start,
        )),
    }
}

pub fn note(ctx: &Context, cmd: NoteCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, NoteCommand::List { .. }))?;
    match cmd {
        NoteCommand::Add(a) => {
            let p = period_of(ctx, a.period.as_deref())?;
            let n = Note {
                id: NoteId(0),
                kind: a.kind,
                category: a.category,
                start: p.start,
                end: p.end,
                metric: a.metric,
                text: a.text,
                created_at: chrono::Utc::now(),
            };
            let id = store.save_note(&n)?;
            say(
                words(ctx).note.added,
                &[&ctx.format().words().note_kind(n.kind), &id, &p.label()],
            )
        }
        NoteCommand::Edit {
            id,
            text,
            kind,
            category,
            period,
            metric,
        } => {
            let mut n = store
                .notes()?
                .into_iter()
                .find(|n| n.id == NoteId(id))
                .ok_or_else(|| crate::store::StoreError::NotFound {
                    what: crate::store::Thing::Note,
                    key: id.to_string(),
                })?;
            if let Some(t) = text {
                n.text = t;
            }
            n.kind = kind.unwrap_or(n.kind);
            n.category = category.unwrap_or(n.category);
            if let Some(l) = period {
                let p = period_of(ctx, Some(&l))?;
                (n.start, n.end) = (p.start, p.end);
            }
            if metric.is_some() {
                n.metric = metric.filter(|m| !m.eq_ignore_ascii_case("none"));
            }
            store.save_note(&n)?;
            say(words(ctx).note.edited, &[&id])
        }
        NoteCommand::Rm { id } => {
            store.delete_note(NoteId(id))?;
            say(words(ctx).note.removed, &[&id])
        }
        NoteCommand::List {
            period,
            json: as_json,
        } => {
            let notes = match period {
                Some(l) => {
                    let p = period_of(ctx, Some(&l))?;
                    store.notes_between(p.start, p.end)?
                }
                None => store.notes()?,
            };
            let fmt = ctx.format();
            listing(ctx, as_json, &notes, &words(ctx).note_columns, |n| {
                vec![
                    n.id.to_string(),
                    fmt.date(n.start),
                    fmt.date(n.end),
                    fmt.words().note_kind(n.kind).to_string(),
                    n.category.to_string(),
                    fit(&n.text.replace('\n', " "), 60),
                ]
            })
        }
    }
}
