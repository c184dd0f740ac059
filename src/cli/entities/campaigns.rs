//! `funnel campaign add|list|edit|rm`.

use clap::Args;

use super::{Context, Entity, amount, opt_id, record_commands, run};
use crate::cli::{CliError, CliResult};
use crate::domain::{
    Amount, Campaign, CampaignId, CampaignStatus, ChannelId, ObjectiveId, PersonId, RecordKind,
    SegmentId,
};
use crate::i18n::{CliWords, EntityWords};
use crate::store::Store;

record_commands! {
    CampaignCommand(CampaignArgs) {
        add: "Add a campaign.",
        list: "List the campaigns (--json for scripts).",
        edit: "Change a campaign's fields; the ones not given stay.",
        rm: "Remove a campaign; its tasks stay, without a campaign.",
    }
}

#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub end: Option<String>,
    #[arg(long)]
    pub budget: Option<String>,
    /// The objective it serves: its title or id.
    #[arg(long)]
    pub objective: Option<String>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long)]
    pub status: Option<CampaignStatus>,
    #[arg(long)]
    pub description: Option<String>,
}

pub fn campaign(ctx: &Context, cmd: CampaignCommand) -> CliResult {
    run::<Campaign>(ctx, cmd.into())
}

impl Entity for Campaign {
    type Args = CampaignArgs;

    fn words(w: &'static CliWords) -> &'static EntityWords {
        &w.campaign
    }

    fn blank(ctx: &Context, a: &CampaignArgs) -> CliResult<Campaign> {
        if a.start.is_none() || a.end.is_none() {
            return Err(CliError::CampaignNeedsDays);
        }
        Ok(Campaign {
            id: CampaignId(0),
            name: String::new(),
            objective: None,
            segment: None,
            channel: None,
            start: ctx.today(),
            end: ctx.today(),
            budget: Amount::ZERO,
            owner: None,
            status: CampaignStatus::Planned,
            description: String::new(),
        })
    }

    fn apply(mut self, ctx: &Context, store: &Store, a: CampaignArgs) -> CliResult<Campaign> {
        self.name = a.name.unwrap_or(self.name);
        if let Some(s) = &a.start {
            self.start = ctx.parse_date("--start", s)?;
        }
        if let Some(e) = &a.end {
            self.end = ctx.parse_date("--end", e)?;
        }
        if let Some(b) = &a.budget {
            self.budget = amount(ctx, "budget", b)?;
        }
        if let Some(o) = &a.objective {
            self.objective = Some(ObjectiveId(store.resolve(RecordKind::Objective, o)?));
        }
        if a.segment.is_some() {
            self.segment = opt_id(store, RecordKind::Segment, a.segment.as_deref(), SegmentId)?;
        }
        if a.channel.is_some() {
            self.channel = opt_id(store, RecordKind::Channel, a.channel.as_deref(), ChannelId)?;
        }
        if a.owner.is_some() {
            self.owner = opt_id(store, RecordKind::Person, a.owner.as_deref(), PersonId)?;
        }
        self.status = a.status.unwrap_or(self.status);
        self.description = a.description.unwrap_or(self.description);
        Ok(self)
    }

    fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult {
        crate::cli::campaigns::list(ctx, store, as_json)
    }
}
