//! The add/edit campaign form: a name, the objective, segment and channel
//! it serves (completing to their names), its dates, budget and owner,
//! its status (in the reader's words) and a description.

use chrono::NaiveDate;

use super::{Choices, Purpose, choice_field, chosen, date, date_field, name_of, named, names};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{
    Amount, Campaign, CampaignId, CampaignStatus, ChannelId, ObjectiveId, PersonId, SegmentId,
};
use crate::i18n::Format;
use crate::store::{Store, StoreError};

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Objective,
    Segment,
    Channel,
    Start,
    End,
    Budget,
    Owner,
    Status,
    Description,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new planned campaign running `days` (`c` none) or
/// holding `c`'s values.
pub fn open(
    c: Option<&Campaign>,
    days: (NaiveDate, NaiveDate),
    choices: &Choices,
    fmt: Format,
) -> Form {
    let w = fmt.words();
    let ui = &w.ui;
    let plan = &ui.plan;
    let r = &ui.records;
    let status = plan.status(c.map_or(CampaignStatus::Planned, |c| c.status));
    let optional = |label, choices: Vec<String>, name: &str| {
        Input::value(label, name).choices(choices).hint(ui.optional)
    };
    let fields = vec![
        Input::value(r.name, c.map_or("", |c| c.name.as_str())),
        optional(
            plan.objective,
            names(&choices.objectives),
            name_of(&choices.objectives, c.and_then(|c| c.objective)),
        ),
        optional(
            plan.segment,
            names(&choices.segments),
            name_of(&choices.segments, c.and_then(|c| c.segment)),
        ),
        optional(
            plan.channel,
            names(&choices.channels),
            name_of(&choices.channels, c.and_then(|c| c.channel)),
        ),
        date_field(
            ui.strategy.start,
            &fmt.date(c.map_or(days.0, |c| c.start)),
            ui,
        ),
        date_field(r.end, &fmt.date(c.map_or(days.1, |c| c.end)), ui),
        Input::value(
            plan.budget,
            &c.map(|c| c.budget.to_string()).unwrap_or_default(),
        )
        .hint(r.amount_hint)
        .money(),
        optional(
            plan.owner,
            names(&choices.people),
            name_of(&choices.people, c.and_then(|c| c.owner)),
        ),
        choice_field(w.status, status, &plan.statuses),
        Input::text(
            ui.strategy.description,
            c.map_or("", |c| c.description.as_str()),
        ),
    ];
    let editing = c.map(|c| c.id);
    Form::new(
        super::title(RecordKind::Campaign, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The campaign the form describes, each mistake on its field; the
/// store checks the rest when it is saved (see [`refused`]).
pub fn read(
    form: &Form,
    store: &Store,
    today: NaiveDate,
    fmt: Format,
) -> Result<Campaign, FieldError> {
    let ui = &fmt.words().ui;
    let objective =
        named(form, Field::Objective, store, RecordKind::Objective, fmt)?.map(ObjectiveId);
    let segment = named(form, Field::Segment, store, RecordKind::Segment, fmt)?.map(SegmentId);
    let channel = named(form, Field::Channel, store, RecordKind::Channel, fmt)?.map(ChannelId);
    let start = date(form, Field::Start, today, fmt)?;
    let end = date(form, Field::End, today, fmt)?;
    // No budget is a budget of nothing, as on the command line.
    let budget = super::amount(form, Field::Budget, fmt)?.unwrap_or(Amount::ZERO);
    let owner = named(form, Field::Owner, store, RecordKind::Person, fmt)?.map(PersonId);
    let status = chosen(
        form,
        Field::Status,
        CampaignStatus::ALL,
        |s| ui.plan.status(s),
        CampaignStatus::as_str,
        ui,
    )?;
    let id = form.purpose.editing().unwrap_or(CampaignId(0));
    Ok(Campaign {
        id,
        name: form.value(Field::Name),
        objective,
        segment,
        channel,
        start,
        end,
        budget,
        owner,
        status,
        description: form.value(Field::Description),
    })
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::CampaignName, Field::Name.into()),
            (Named::CampaignDescription, Field::Description.into()),
            (Named::Campaign, Field::End.into()),
            (Named::CampaignBudget, Field::Budget.into()),
        ],
        Field::Name.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::testing::{EN, VI};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    #[test]
    fn a_new_campaign_runs_the_days_given_and_reads_back_when_edited() {
        let mut store = Store::open_in_memory().expect("store");
        let choices = Choices::read(&store).expect("choices");
        let mut form = open(None, (day(11, 9), day(11, 15)), &choices, VI);
        assert_eq!(form.value(Field::Start), "09/11/2026");
        assert_eq!(form.value(Field::End), "15/11/2026");
        assert_eq!(form.value(Field::Status), "dự kiến");
        form.set(Field::Name, "Tết 2027");
        form.set(Field::Budget, "45000000");
        form.set(Field::Status, "dang chay");
        let k = read(&form, &store, day(11, 22), VI).expect("valid");
        assert_eq!(k.status, CampaignStatus::Active);
        assert_eq!(k.budget, Amount::from_int(45_000_000));
        let saved = store.save_campaign(&k).expect("saved");
        let form = open(Some(&saved), (day(1, 1), day(1, 1)), &choices, VI);
        assert_eq!(read(&form, &store, day(11, 22), VI).expect("valid"), saved);
    }

    #[test]
    fn mistakes_are_on_their_fields() {
        let mut store = Store::open_in_memory().expect("store");
        let choices = Choices::read(&store).expect("choices");
        let mut form = open(None, (day(11, 9), day(11, 15)), &choices, EN);
        form.set(Field::Name, "x");
        form.set(Field::Owner, "An");
        let e = read(&form, &store, day(11, 22), EN).expect_err("nobody");
        assert_eq!(e.field, Some(Field::Owner.into()));
        assert_eq!(e.message, "person 'An' not found");
        form.set(Field::Owner, "");
        form.set(Field::Budget, "10tr");
        let e = read(&form, &store, day(11, 22), EN).expect_err("not a number");
        assert_eq!(e.field, Some(Field::Budget.into()));
        form.set(Field::Budget, "-1");
        let e = refused(
            store
                .save_campaign(&read(&form, &store, day(11, 22), EN).expect("read"))
                .expect_err("negative"),
            EN,
        );
        assert_eq!(e.field, Some(Field::Budget.into()));
        form.set(Field::Budget, "");
        form.set(Field::End, "2026-11-01");
        let e = refused(
            store
                .save_campaign(&read(&form, &store, day(11, 22), EN).expect("read"))
                .expect_err("backwards"),
            EN,
        );
        assert_eq!(e.field, Some(Field::End.into()));
        assert!(e.message.contains("before it starts"), "{}", e.message);
        assert!(store.campaigns().expect("none").is_empty());
    }
}
