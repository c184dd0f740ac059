//! The fields the rules name: a form focuses the one a mistake is about,
//! an import points at it, and a message names it in the reader's words
//! (the catalogs' `errors.field`).

macro_rules! fields {
    ($($variant:ident),+ $(,)?) => {
        /// A field a rule is about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($variant),+
        }

        impl Field {
            /// Every field, for checks that span the catalogs.
            pub const ALL: &[Field] = &[$(Field::$variant),+];
        }
    };
}

fields!(
    TaskTitle,
    TaskNotes,
    TaskDue,
    TaskCreatedAt,
    TaskUpdatedAt,
    TaskDoneAt,
    ObjectiveTitle,
    ObjectiveBaseline,
    ObjectiveTarget,
    ObjectiveStart,
    ObjectiveDeadline,
    Objective,
    ProcedureTitle,
    ProcedureSteps,
    SegmentName,
    ChannelName,
    PersonName,
    ToolName,
    CampaignName,
    CampaignDescription,
    CampaignStart,
    CampaignEnd,
    CampaignBudget,
    Campaign,
    Role,
    Contact,
    Description,
    Demographics,
    Needs,
    Habits,
    MarketSize,
    Purpose,
    BudgetAmount,
    BudgetNote,
    BudgetPeriod,
    BrandMessage,
    Positioning,
    MetricName,
    MetricDescription,
    Metric,
    Value,
    Dimension,
    KpiDay,
    Note,
    NoteStart,
    NoteEnd,
    NoteCreatedAt,
    Text,
    OrderId,
    OrderDay,
    OrderAmount,
    Customer,
);
