//! The rule each stored column is held to, table by table.

use super::{Rule, one_of, rule};
use crate::domain::validate::{self, Invalid};
use crate::domain::{
    CampaignStatus, CauseCategory, ChannelKind, Direction, MetricKind, NoteKind, Priority,
    TaskStatus, Unit,
};
use crate::store::records::budget_period;

/// A table, the column that names its rows, which rows, and the rule of
/// each column checked.
pub(super) struct Table {
    pub(super) name: &'static str,
    pub(super) key: &'static str,
    pub(super) only: &'static str,
    pub(super) columns: Vec<(&'static str, Rule)>,
}

pub(super) fn tables() -> Vec<Table> {
    use Rule::*;
    let id = Id { nullable: false };
    let link = Id { nullable: true };
    let day = Day { nullable: false };
    let table = |name, columns| Table {
        name,
        key: "id",
        only: "",
        columns,
    };
    vec![
        Table {
            name: "message",
            key: "id",
            only: "",
            columns: vec![
                (
                    "brand_message",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::BrandMessage,
                            s,
                        ))
                    }),
                ),
                (
                    "positioning",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::Positioning,
                            s,
                        ))
                    }),
                ),
            ],
        },
        Table {
            name: "metrics",
            key: "name",
            only: "WHERE builtin = 0",
            columns: vec![
                ("name", Text(|s| rule(validate::metric_name(s)))),
                ("kind", Text(one_of::<MetricKind>)),
                ("unit", Text(one_of::<Unit>)),
                (
                    "description",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::Description,
                            s,
                        ))
                    }),
                ),
            ],
        },
        table(
            "segments",
            vec![
                ("id", id),
                (
                    "name",
                    Text(|s| {
                        rule(validate::name(
                            crate::domain::validate::Field::SegmentName,
                            s,
                        ))
                    }),
                ),
                (
                    "description",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::Description,
                            s,
                        ))
                    }),
                ),
                (
                    "demographics",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::Demographics,
                            s,
                        ))
                    }),
                ),
                (
                    "needs",
                    Text(|s| rule(validate::text(crate::domain::validate::Field::Needs, s))),
                ),
                (
                    "habits",
                    Text(|s| rule(validate::text(crate::domain::validate::Field::Habits, s))),
                ),
                ("market_size", Count),
            ],
        ),
        table(
            "channels",
            vec![
                ("id", id),
                (
                    "name",
                    Text(|s| {
                        rule(validate::name(
                            crate::domain::validate::Field::ChannelName,
                            s,
                        ))
                    }),
                ),
                ("kind", Text(one_of::<ChannelKind>)),
                ("active", Flag),
                (
                    "description",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::Description,
                            s,
                        ))
                    }),
                ),
            ],
        ),
        table(
            "people",
            vec![
                ("id", id),
                (
                    "name",
                    Text(|s| {
                        rule(validate::name(
                            crate::domain::validate::Field::PersonName,
                            s,
                        ))
                    }),
                ),
                (
                    "role",
                    Text(|s| {
                        rule(validate::name_or_empty(
                            crate::domain::validate::Field::Role,
                            s,
                        ))
                    }),
                ),
                (
                    "contact",
                    Text(|s| {
                        rule(validate::name_or_empty(
                            crate::domain::validate::Field::Contact,
                            s,
                        ))
                    }),
                ),
            ],
        ),
        table(
            "tools",
            vec![
                ("id", id),
                (
                    "name",
                    Text(|s| rule(validate::name(crate::domain::validate::Field::ToolName, s))),
                ),
                (
                    "purpose",
                    Text(|s| rule(validate::text(crate::domain::validate::Field::Purpose, s))),
                ),
            ],
        ),
        table(
            "budgets",
            vec![
                ("id", id),
                ("period", Text(|s| rule(budget_period(s)))),
                ("amount", Amount { non_negative: true }),
                (
                    "note",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::BudgetNote,
                            s,
                        ))
                    }),
                ),
            ],
        ),
        table(
            "procedures",
            vec![
                ("id", id),
                (
                    "title",
                    Text(|s| {
                        rule(validate::title(
                            crate::domain::validate::Field::ProcedureTitle,
                            s,
                        ))
                    }),
                ),
                ("owner_id", link),
                (
                    "steps",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::ProcedureSteps,
                            s,
                        ))
                    }),
                ),
            ],
        ),
        table(
            "objectives",
            vec![
                ("id", id),
                (
                    "title",
                    Text(|s| {
                        rule(validate::title(
                            crate::domain::validate::Field::ObjectiveTitle,
                            s,
                        ))
                    }),
                ),
                (
                    "baseline",
                    Amount {
                        non_negative: false,
                    },
                ),
                (
                    "target",
                    Amount {
                        non_negative: false,
                    },
                ),
                ("direction", Text(one_of::<Direction>)),
                ("start_day", day),
                ("deadline", day),
                ("segment_id", link),
                ("channel_id", link),
            ],
        ),
        table(
            "campaigns",
            vec![
                ("id", id),
                (
                    "name",
                    Text(|s| {
                        rule(validate::name(
                            crate::domain::validate::Field::CampaignName,
                            s,
                        ))
                    }),
                ),
                ("objective_id", link),
                ("segment_id", link),
                ("channel_id", link),
                ("start_day", day),
                ("end_day", day),
                ("budget", Amount { non_negative: true }),
                ("owner_id", link),
                ("status", Text(one_of::<CampaignStatus>)),
                (
                    "description",
                    Text(|s| {
                        rule(validate::text(
                            crate::domain::validate::Field::CampaignDescription,
                            s,
                        ))
                    }),
                ),
            ],
        ),
        table(
            "notes",
            vec![
                ("id", id),
                ("kind", Text(one_of::<NoteKind>)),
                ("category", Text(one_of::<CauseCategory>)),
                ("start_day", day),
                ("end_day", day),
                ("text", Text(note_text)),
                ("created_at", Time { nullable: false }),
            ],
        ),
        table(
            "tasks",
            vec![
                ("id", id),
                (
                    "title",
                    Text(|s| {
                        rule(validate::title(
                            crate::domain::validate::Field::TaskTitle,
                            s,
                        ))
                    }),
                ),
                ("campaign_id", link),
                ("assignee_id", link),
                ("status", Text(one_of::<TaskStatus>)),
                ("priority", Text(one_of::<Priority>)),
                ("due", Day { nullable: true }),
                ("tags", Text(tags)),
                (
                    "notes",
                    Text(|s| rule(validate::text(crate::domain::validate::Field::TaskNotes, s))),
                ),
                ("note_id", link),
                ("created_at", Time { nullable: false }),
                ("updated_at", Time { nullable: false }),
                ("done_at", Time { nullable: true }),
            ],
        ),
        table(
            "kpi_values",
            vec![
                ("id", id),
                ("day", day),
                (
                    "value",
                    Amount {
                        non_negative: false,
                    },
                ),
                (
                    "source",
                    Text(|s| match s {
                        "recorded" | "imported" => Ok(()),
                        _ => Err(format!(
                            "'{s}' is not a source (one of: recorded, imported)"
                        )),
                    }),
                ),
            ],
        ),
        table(
            "orders",
            vec![
                ("id", id),
                ("order_ref", OptionalText(|s| rule(validate::order_id(s)))),
                (
                    "customer",
                    Text(|s| rule(crate::store::orders::order_customer(s))),
                ),
                ("day", day),
                ("amount", Amount { non_negative: true }),
                ("segment_id", link),
            ],
        ),
    ]
}

fn note_text(s: &str) -> Result<(), String> {
    match validate::text(crate::domain::validate::Field::Note, s) {
        Ok(t) if t.is_empty() => Err(Invalid::Empty {
            field: crate::domain::validate::Field::Note,
        }
        .to_string()),
        r => rule(r),
    }
}

fn tags(s: &str) -> Result<(), String> {
    s.split_whitespace()
        .try_for_each(|t| rule(validate::tag(t)))
}

#[cfg(test)]
mod tests {
    use crate::domain::RecordKind;
    use crate::store::records::table;

    /// A kind added to the store and not here would never be checked by
    /// `funnel check`.
    #[test]
    fn every_record_kind_is_checked() {
        let tables = super::tables();
        for kind in RecordKind::ALL {
            assert!(
                tables.iter().any(|t| t.name == table(*kind)),
                "{kind} ({}) has no rules in the check",
                table(*kind)
            );
        }
    }
}
