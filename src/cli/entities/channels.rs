//! `funnel channel add|list|edit|rm`.

use clap::Args;

use super::{Context, Entity, listing, record_commands, run, words};
use crate::cli::CliResult;
use crate::domain::{Channel, ChannelId, ChannelKind, RecordKind, SegmentId};
use crate::i18n::{CliWords, EntityWords};
use crate::store::Store;
use crate::store::records::Kept;

record_commands! {
    ChannelCommand(ChannelArgs) {
        add: "Add a channel.",
        list: "List the channels (--json for scripts).",
        edit: "Change a channel's fields; the ones not given stay.",
        rm: "Remove a channel (funnel undo brings it back).",
    }
}

#[derive(Debug, Args)]
pub struct ChannelArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    /// seo, social, email, ppc, content, events or other.
    #[arg(long)]
    pub kind: Option<ChannelKind>,
    /// A segment it reaches (repeatable; replaces the list).
    #[arg(long = "segment")]
    pub segments: Vec<String>,
    #[arg(long)]
    pub active: Option<bool>,
    #[arg(long)]
    pub description: Option<String>,
}

pub fn channel(ctx: &Context, cmd: ChannelCommand) -> CliResult {
    run::<Channel>(ctx, cmd.into())
}

impl Entity for Channel {
    type Args = ChannelArgs;

    fn words(w: &'static CliWords) -> &'static EntityWords {
        &w.channel
    }

    fn blank(_: &Context, _: &ChannelArgs) -> CliResult<Channel> {
        Ok(Channel {
            id: ChannelId(0),
            name: String::new(),
            kind: ChannelKind::Other,
            active: true,
            description: String::new(),
            segments: Vec::new(),
        })
    }

    fn apply(mut self, _: &Context, store: &Store, a: ChannelArgs) -> CliResult<Channel> {
        self.name = a.name.unwrap_or(self.name);
        self.kind = a.kind.unwrap_or(self.kind);
        self.active = a.active.unwrap_or(self.active);
        self.description = a.description.unwrap_or(self.description);
        if !a.segments.is_empty() {
            self.segments = a
                .segments
                .iter()
                .map(|s| store.resolve(RecordKind::Segment, s).map(SegmentId))
                .collect::<Result<_, _>>()?;
        }
        Ok(self)
    }

    fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult {
        let segments = store.segments()?;
        let w = words(ctx);
        listing(ctx, as_json, &store.channels()?, &w.channel_columns, |c| {
            let names: Vec<&str> = c
                .segments
                .iter()
                .filter_map(|id| segments.iter().find(|s| s.id == *id))
                .map(|s| s.name.as_str())
                .collect();
            vec![
                c.id.to_string(),
                c.name.clone(),
                c.kind.to_string(),
                if c.active { w.yes } else { w.no }.into(),
                names.join(", "),
            ]
        })
    }

    /// "Added channel {id}: {name} ({kind})".
    fn shown(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name().to_string(),
            self.kind.to_string(),
        ]
    }
}
