//! `funnel campaign list`: every campaign with the Plan tab's scoreboard
//! columns (pacing by the one rule, conversions, cost per conversion,
//! revenue, ROAS, task progress), as a table or as JSON.

use serde::Serialize;

use super::output::{fit, json, line, table};
use super::{CliResult, Context};
use crate::analysis::Analysis;
use crate::domain::{Amount, Campaign};
use crate::metrics::pacing::Pace;
use crate::metrics::scoreboard::CampaignScore;
use crate::scoreboard::{Column, Scored};
use crate::store::Store;
use crate::taskview::workload::progress_from_counts;

/// Widest a name is printed in the table; `--json` has it whole.
const NAME_WIDTH: usize = 36;

/// A campaign in `--json`: its own fields, then the scoreboard's.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    campaign: &'a Campaign,
    spent: Amount,
    /// What the budget allows by today.
    allowance: Amount,
    /// spent / budget; null without a budget.
    used: Option<f64>,
    pace: Pace,
    over_budget: bool,
    conversions: Option<Amount>,
    cost_per_conversion: Option<Amount>,
    revenue: Option<Amount>,
    return_on_ad_spend: Option<f64>,
    tasks_done: usize,
    tasks_total: usize,
}

pub fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult {
    let today = ctx.today();
    let analysis = Analysis::new(store, &ctx.config, today);
    let campaigns = store.campaigns()?;
    let scores = campaigns
        .iter()
        .map(|k| analysis.campaign_score(k))
        .collect::<crate::store::Result<Vec<CampaignScore>>>()?;
    let progress = progress_from_counts(&store.task_counts_by_campaign(today)?);
    let rows: Vec<Scored<'_>> = campaigns
        .iter()
        .zip(&scores)
        .map(|(campaign, score)| Scored {
            campaign,
            score,
            tasks: progress.get(&campaign.id).copied().unwrap_or_default(),
        })
        .collect();
    if as_json {
        let listed: Vec<Listed<'_>> = rows
            .iter()
            .map(|r| Listed {
                campaign: r.campaign,
                spent: r.score.pacing.spent,
                allowance: r.score.pacing.allowance,
                used: r.score.pacing.used,
                pace: r.score.pacing.pace,
                over_budget: r.score.pacing.is_over_budget(),
                conversions: r.score.conversions,
                cost_per_conversion: r.score.cost_per_conversion(),
                revenue: r.score.revenue,
                return_on_ad_spend: r.score.return_on_ad_spend(),
                tasks_done: r.tasks.done,
                tasks_total: r.tasks.total,
            })
            .collect();
        return json(&listed);
    }
    let words = ctx.format().words();
    if rows.is_empty() {
        return line(words.cli.none_yet);
    }
    let people = store.people()?;
    let fmt = ctx.format();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.campaign.id.to_string()];
            for col in Column::ALL {
                let text = r.cell(col, fmt, &words.ui.plan);
                cells.push(if col == Column::Name {
                    fit(&text, NAME_WIDTH)
                } else {
                    text
                });
            }
            cells.push(
                r.campaign
                    .owner
                    .and_then(|o| people.iter().find(|p| p.id == o))
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            );
            cells
        })
        .collect();
    line(&table(&words.cli.campaign_columns, &body))
}
