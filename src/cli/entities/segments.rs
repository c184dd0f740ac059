//! `funnel segment add|list|edit|rm`.

use clap::Args;

use super::{Context, Entity, listing, record_commands, run, words};
use crate::cli::CliResult;
use crate::cli::output::fit;
use crate::domain::{Amount, Segment, SegmentId};
use crate::i18n::{CliWords, EntityWords};
use crate::store::Store;

record_commands! {
    SegmentCommand(SegmentArgs) {
        add: "Add a segment.",
        list: "List the segments (--json for scripts).",
        edit: "Change a segment's fields; the ones not given stay.",
        rm: "Remove a segment (funnel undo brings it back).",
    }
}

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub demographics: Option<String>,
    #[arg(long)]
    pub needs: Option<String>,
    #[arg(long)]
    pub habits: Option<String>,
    /// Estimated number of potential customers.
    #[arg(long)]
    pub market_size: Option<i64>,
}

pub fn segment(ctx: &Context, cmd: SegmentCommand) -> CliResult {
    run::<Segment>(ctx, cmd.into())
}

impl Entity for Segment {
    type Args = SegmentArgs;

    fn words(w: &'static CliWords) -> &'static EntityWords {
        &w.segment
    }

    fn blank(_: &Context, _: &SegmentArgs) -> CliResult<Segment> {
        Ok(Segment {
            id: SegmentId(0),
            name: String::new(),
            description: String::new(),
            demographics: String::new(),
            needs: String::new(),
            habits: String::new(),
            market_size: None,
        })
    }

    fn apply(mut self, _: &Context, _: &Store, a: SegmentArgs) -> CliResult<Segment> {
        self.name = a.name.unwrap_or(self.name);
        self.description = a.description.unwrap_or(self.description);
        self.demographics = a.demographics.unwrap_or(self.demographics);
        self.needs = a.needs.unwrap_or(self.needs);
        self.habits = a.habits.unwrap_or(self.habits);
        self.market_size = a.market_size.or(self.market_size);
        Ok(self)
    }

    fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult {
        let fmt = ctx.format();
        let segments = store.segments()?;
        listing(ctx, as_json, &segments, &words(ctx).segment_columns, |s| {
            vec![
                s.id.to_string(),
                s.name.clone(),
                s.market_size
                    .map(|m| fmt.count(Amount::from_int(m)))
                    .unwrap_or_default(),
                fit(&s.description, 60),
            ]
        })
    }
}
