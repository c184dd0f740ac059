//! `funnel objective add|list|edit|rm`.

use clap::Args;

use super::{Context, Entity, amount, listing, opt_id, record_commands, run, words};
use crate::cli::output::fit;
use crate::cli::{CliError, CliResult};
use crate::domain::{ChannelId, Direction, Objective, ObjectiveId, RecordKind, SegmentId};
use crate::i18n::{CliWords, EntityWords};
use crate::report::text::in_unit;
use crate::store::Store;

record_commands! {
    ObjectiveCommand(ObjectiveArgs) {
        add: "Add a SMART objective: a metric from a baseline to a target by a deadline.",
        list: "List objectives with their progress and status.",
        edit: "Change a objective's fields; the ones not given stay.",
        rm: "Remove a objective (funnel undo brings it back).",
    }
}

#[derive(Debug, Args)]
pub struct ObjectiveArgs {
    /// The title (needed to add).
    pub title: Option<String>,
    #[arg(long)]
    pub metric: Option<String>,
    #[arg(long)]
    pub baseline: Option<String>,
    #[arg(long)]
    pub target: Option<String>,
    /// increase or decrease (default: from baseline and target).
    #[arg(long)]
    pub direction: Option<Direction>,
    /// Start (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub deadline: Option<String>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
}

pub fn objective(ctx: &Context, cmd: ObjectiveCommand) -> CliResult {
    run::<Objective>(ctx, cmd.into())
}

impl Entity for Objective {
    type Args = ObjectiveArgs;

    fn words(w: &'static CliWords) -> &'static EntityWords {
        &w.objective
    }

    fn blank(ctx: &Context, a: &ObjectiveArgs) -> CliResult<Objective> {
        let need = |v: &Option<String>, flag: Option<&'static str>| {
            v.clone().ok_or(CliError::ObjectiveNeeds(flag))
        };
        Ok(Objective {
            id: ObjectiveId(0),
            title: need(&a.title, None)?,
            metric: need(&a.metric, Some("--metric"))?,
            baseline: amount(ctx, "baseline", &need(&a.baseline, Some("--baseline"))?)?,
            target: amount(ctx, "target", &need(&a.target, Some("--target"))?)?,
            direction: Direction::Increase,
            start: ctx.today(),
            deadline: ctx.parse_date("--deadline", &need(&a.deadline, Some("--deadline"))?)?,
            segment: None,
            channel: None,
        })
    }

    fn apply(mut self, ctx: &Context, store: &Store, a: ObjectiveArgs) -> CliResult<Objective> {
        if let Some(t) = a.title {
            self.title = t;
        }
        if let Some(m) = a.metric {
            self.metric = m;
        }
        if let Some(b) = &a.baseline {
            self.baseline = amount(ctx, "baseline", b)?;
        }
        if let Some(t) = &a.target {
            self.target = amount(ctx, "target", t)?;
        }
        self.direction = a
            .direction
            .unwrap_or(Direction::implied(self.baseline, self.target));
        if let Some(s) = &a.start {
            self.start = ctx.parse_date("--start", s)?;
        }
        if let Some(d) = &a.deadline {
            self.deadline = ctx.parse_date("--deadline", d)?;
        }
        if a.segment.is_some() {
            self.segment = opt_id(store, RecordKind::Segment, a.segment.as_deref(), SegmentId)?;
        }
        if a.channel.is_some() {
            self.channel = opt_id(store, RecordKind::Channel, a.channel.as_deref(), ChannelId)?;
        }
        Ok(self)
    }

    fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult {
        let analysis = crate::analysis::Analysis::new(store, &ctx.config, ctx.today());
        let states = store
            .objectives()?
            .iter()
            .map(|o| analysis.objective_state(o, ctx.today()))
            .collect::<Result<Vec<_>, _>>()?;
        let fmt = ctx.format();
        listing(ctx, as_json, &states, &words(ctx).objective_columns, |s| {
            let o = &s.objective;
            vec![
                o.id.to_string(),
                fit(&o.title, 40),
                o.metric.clone(),
                s.current
                    .map(|c| in_unit(fmt, s.unit, c))
                    .unwrap_or_else(|| "—".into()),
                in_unit(fmt, s.unit, o.target),
                s.progress
                    .done
                    .map(|d| fmt.percent(d))
                    .unwrap_or_else(|| "—".into()),
                fmt.words().objective_status(s.progress.status).into(),
                fmt.date(o.deadline),
            ]
        })
    }
}
