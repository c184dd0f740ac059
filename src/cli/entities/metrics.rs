//! `funnel metric add|list`: the built-in metrics and the user's own.

use clap::Subcommand;

use super::{Context, ListArgs, listing, open_for, say, words};
use crate::cli::CliResult;
use crate::domain::{Metric, MetricKind, Unit};

#[derive(Debug, Subcommand)]
pub enum MetricCommand {
    /// Add your own metric (snake_case name), recorded like the built-ins.
    Add {
        name: String,
        /// counter (summed over a period) or gauge (read on its last day).
        #[arg(long)]
        kind: MetricKind,
        /// count, money, percent or number.
        #[arg(long, default_value = "number")]
        unit: Unit,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// The built-in metrics and your own.
    List(ListArgs),
}

pub fn metric(ctx: &Context, cmd: MetricCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, MetricCommand::List { .. }))?;
    match cmd {
        MetricCommand::Add {
            name,
            kind,
            unit,
            description,
        } => {
            store.add_metric(&Metric {
                name: name.clone(),
                kind,
                unit,
                builtin: false,
                description,
            })?;
            say(words(ctx).metric_added, &[&name, &kind, &unit])
        }
        MetricCommand::List(a) => listing(
            ctx,
            a.json,
            &store.metrics()?,
            &words(ctx).metric_columns,
            |m| {
                vec![
                    m.name.clone(),
                    m.kind.to_string(),
                    m.unit.to_string(),
                    if m.builtin {
                        words(ctx).yes
                    } else {
                        words(ctx).no
                    }
                    .into(),
                    m.description.clone(),
                ]
            },
        ),
    }
}
