//! The marketing workflow's six steps (research, strategy, plan and
//! assign, execute, measure, refine) and when each counts as begun, from
//! how many records of each kind the store holds. The rules (README "A
//! first run that guides" says them to the user):
//!
//! - research: a segment, or a note (what was seen in the market);
//! - strategy: an objective and a channel;
//! - plan and assign: a campaign, and a task with an assignee;
//! - execute: a task done;
//! - measure: a KPI value or an order;
//! - refine: a review note (a lesson), or an objective edited since it
//!   was set.

/// The counts the steps are ticked from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkflowCounts {
    pub segments: i64,
    pub notes: i64,
    pub review_notes: i64,
    pub objectives: i64,
    pub objectives_edited: i64,
    pub channels: i64,
    pub campaigns: i64,
    pub tasks_assigned: i64,
    pub tasks_done: i64,
    pub kpi_values: i64,
    pub orders: i64,
}

/// A step of the workflow, in the order it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Research,
    Strategy,
    PlanAndAssign,
    Execute,
    Measure,
    Refine,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Research,
        Step::Strategy,
        Step::PlanAndAssign,
        Step::Execute,
        Step::Measure,
        Step::Refine,
    ];

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Whether the data shows this step begun.
    pub fn done(self, c: &WorkflowCounts) -> bool {
        match self {
            Step::Research => c.segments > 0 || c.notes > 0,
            Step::Strategy => c.objectives > 0 && c.channels > 0,
            Step::PlanAndAssign => c.campaigns > 0 && c.tasks_assigned > 0,
            Step::Execute => c.tasks_done > 0,
            Step::Measure => c.kpi_values > 0 || c.orders > 0,
            Step::Refine => c.review_notes > 0 || c.objectives_edited > 0,
        }
    }
}

/// Each step with whether it is done, in order.
pub fn checklist(c: &WorkflowCounts) -> [(Step, bool); 6] {
    Step::ALL.map(|s| (s, s.done(c)))
}

/// The first step not done yet: what to do next.
pub fn next_step(c: &WorkflowCounts) -> Option<Step> {
    Step::ALL.into_iter().find(|s| !s.done(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_database_has_nothing_ticked_and_research_next() {
        let c = WorkflowCounts::default();
        assert!(checklist(&c).iter().all(|(_, done)| !done));
        assert_eq!(next_step(&c), Some(Step::Research));
    }

    #[test]
    fn each_rule_ticks_on_the_records_it_names() {
        let cases: [(WorkflowCounts, Step); 10] = [
            (
                WorkflowCounts {
                    segments: 1,
                    ..Default::default()
                },
                Step::Research,
            ),
            (
                WorkflowCounts {
                    notes: 1,
                    ..Default::default()
                },
                Step::Research,
            ),
            (
                WorkflowCounts {
                    objectives: 1,
                    channels: 1,
                    ..Default::default()
                },
                Step::Strategy,
            ),
            (
                WorkflowCounts {
                    campaigns: 1,
                    tasks_assigned: 1,
                    ..Default::default()
                },
                Step::PlanAndAssign,
            ),
            (
                WorkflowCounts {
                    tasks_done: 1,
                    ..Default::default()
                },
                Step::Execute,
            ),
            (
                WorkflowCounts {
                    kpi_values: 1,
                    ..Default::default()
                },
                Step::Measure,
            ),
            (
                WorkflowCounts {
                    orders: 1,
                    ..Default::default()
                },
                Step::Measure,
            ),
            (
                WorkflowCounts {
                    review_notes: 1,
                    ..Default::default()
                },
                Step::Refine,
            ),
            (
                WorkflowCounts {
                    objectives_edited: 1,
                    ..Default::default()
                },
                Step::Refine,
            ),
            (
                WorkflowCounts {
                    segments: 2,
                    notes: 3,
                    ..Default::default()
                },
                Step::Research,
            ),
        ];
        for (c, step) in cases {
            let ticked: Vec<Step> = checklist(&c)
                .into_iter()
                .filter(|(_, d)| *d)
                .map(|(s, _)| s)
                .collect();
            assert_eq!(ticked, vec![step], "{c:?}");
        }
    }

    #[test]
    fn half_of_a_two_part_step_leaves_it_open() {
        for c in [
            WorkflowCounts {
                objectives: 1,
                ..Default::default()
            },
            WorkflowCounts {
                channels: 1,
                ..Default::default()
            },
            WorkflowCounts {
                campaigns: 1,
                ..Default::default()
            },
            WorkflowCounts {
                tasks_assigned: 1,
                ..Default::default()
            },
        ] {
            assert!(checklist(&c).iter().all(|(_, d)| !d), "{c:?}");
        }
    }

    #[test]
    fn the_next_step_is_the_first_not_done_even_after_later_ones() {
        let c = WorkflowCounts {
            segments: 1,
            kpi_values: 5,
            ..Default::default()
        };
        assert_eq!(next_step(&c), Some(Step::Strategy));
    }
}
