//! The add/edit objective form: a title, the metric it is measured by
//! (completing to the store's metrics), baseline and target, the
//! direction (in the reader's words; empty: the one the values imply),
//! start and deadline, and optionally the segment or channel it is for.

use chrono::NaiveDate;

use super::{Choices, Purpose, choice_field, chosen, date, date_field, name_of, named, names};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{ChannelId, Direction, Objective, ObjectiveId, SegmentId};
use crate::i18n::Format;
use crate::store::{Store, StoreError};

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Metric,
    Baseline,
    Target,
    Direction,
    Start,
    Deadline,
    Segment,
    Channel,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new objective starting `today` (`o` none) or holding
/// `o`'s values.
pub fn open(o: Option<&Objective>, choices: &Choices, today: NaiveDate, fmt: Format) -> Form {
    let w = fmt.words();
    let ui = &w.ui;
    let r = &ui.records;
    let st = &ui.strategy;
    let number = |v: Option<crate::domain::Amount>| v.map(|a| a.to_string()).unwrap_or_default();
    let direction = o.map_or("", |o| st.direction(o.direction));
    let fields = vec![
        Input::text(ui.title, o.map_or("", |o| o.title.as_str())),
        Input::value(w.metric, o.map_or("", |o| o.metric.as_str()))
            .choices(choices.metrics.clone()),
        Input::value(st.baseline, &number(o.map(|o| o.baseline))).hint(r.amount_hint),
        Input::value(r.target, &number(o.map(|o| o.target))).hint(r.amount_hint),
        choice_field(r.direction, direction, &st.directions).hint(r.direction_hint),
        date_field(st.start, &fmt.date(o.map_or(today, |o| o.start)), ui),
        date_field(
            st.deadline,
            &o.map(|o| fmt.date(o.deadline)).unwrap_or_default(),
            ui,
        ),
        Input::value(
            ui.plan.segment,
            name_of(&choices.segments, o.and_then(|o| o.segment)),
        )
        .choices(names(&choices.segments))
        .hint(ui.optional),
        Input::value(
            ui.plan.channel,
            name_of(&choices.channels, o.and_then(|o| o.channel)),
        )
        .choices(names(&choices.channels))
        .hint(ui.optional),
    ];
    let editing = o.map(|o| o.id);
    Form::new(
        super::title(RecordKind::Objective, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The objective the form describes, each mistake on its field; the
/// store checks the rest when it is saved (see [`refused`]).
pub fn read(
    form: &Form,
    store: &Store,
    today: NaiveDate,
    fmt: Format,
) -> Result<Objective, FieldError> {
    let ui = &fmt.words().ui;
    let metric = match form.value(Field::Metric) {
        m if m.is_empty() => return Err(FieldError::at(Field::Metric, ui.required)),
        m => {
            store
                .metric(&m)
                .map_err(|e| FieldError::at(Field::Metric, fmt.error(&e)))?
                .name
        }
    };
    let value = |field: Field| match super::amount(form, field, fmt)? {
        Some(a) => Ok(a),
        None => Err(FieldError::at(field, ui.required)),
    };
    let baseline = value(Field::Baseline)?;
    let target = value(Field::Target)?;
    let direction = if form.value(Field::Direction).is_empty() {
        Direction::implied(baseline, target)
    } else {
        chosen(
            form,
            Field::Direction,
            Direction::ALL,
            |d| ui.strategy.direction(d),
            Direction::as_str,
            ui,
        )?
    };
    let id = form.purpose.editing().unwrap_or(ObjectiveId(0));
    Ok(Objective {
        id,
        title: form.value(Field::Title),
        metric,
        baseline,
        target,
        direction,
        start: date(form, Field::Start, today, fmt)?,
        deadline: date(form, Field::Deadline, today, fmt)?,
        segment: named(form, Field::Segment, store, RecordKind::Segment, fmt)?.map(SegmentId),
        channel: named(form, Field::Channel, store, RecordKind::Channel, fmt)?.map(ChannelId),
    })
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::ObjectiveTitle, Field::Title.into()),
            (Named::Objective, Field::Deadline.into()),
        ],
        // Objectives may share a title: the store's only conflict is an
        // unknown metric.
        Field::Metric.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Amount;
    use crate::i18n::testing::{EN, VI};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    fn filled(values: &[(Field, &str)], fmt: Format, store: &Store) -> Form {
        let choices = Choices::read(store).expect("choices");
        let mut form = open(None, &choices, day(11, 22), fmt);
        for (field, text) in values {
            while form.focus != usize::from(*field) {
                form.prev();
            }
            for c in text.chars() {
                form.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
        }
        form
    }

    #[test]
    fn a_decreasing_objective_is_read_in_the_readers_words() {
        let mut store = Store::open_in_memory().expect("store");
        let form = filled(
            &[
                (Field::Title, "Giảm khách rời bỏ"),
                (Field::Metric, "churned_customers"),
                (Field::Baseline, "40"),
                (Field::Target, "25"),
                (Field::Direction, "giam"),
                (Field::Deadline, "31/12/2026"),
            ],
            VI,
            &store,
        );
        let o = read(&form, &store, day(11, 22), VI).expect("valid");
        assert_eq!(o.direction, Direction::Decrease);
        assert_eq!(
            (o.baseline, o.target),
            (Amount::from_int(40), Amount::from_int(25))
        );
        assert_eq!((o.start, o.deadline), (day(11, 22), day(12, 31)));
        let saved = store.save_objective(&o).expect("saved");
        // Edited: the values come back as typed, the direction in words.
        let choices = Choices::read(&store).expect("choices");
        let form = open(Some(&saved), &choices, day(11, 22), VI);
        assert_eq!(form.value(Field::Direction), "giảm");
        assert_eq!(form.value(Field::Deadline), "31/12/2026");
        assert_eq!(
            form.purpose,
            Purpose::Edit(crate::domain::RecordRef::of(saved.id))
        );
        let again = read(&form, &store, day(11, 22), VI).expect("valid");
        assert_eq!(again, saved);
    }

    #[test]
    fn an_empty_direction_is_the_one_the_values_imply() {
        let store = Store::open_in_memory().expect("store");
        let form = filled(
            &[
                (Field::Title, "x"),
                (Field::Metric, "visits"),
                (Field::Baseline, "10"),
                (Field::Target, "5"),
                (Field::Deadline, "2026-12-31"),
            ],
            EN,
            &store,
        );
        let o = read(&form, &store, day(11, 22), EN).expect("valid");
        assert_eq!(o.direction, Direction::Decrease);
    }

    /// What is typed, the field the mistake is on, words of its message.
    type Case = (Vec<(Field, &'static str)>, Field, &'static str);

    #[test]
    fn each_mistake_is_on_its_field() {
        let mut store = Store::open_in_memory().expect("store");
        let good: [(Field, &str); 5] = [
            (Field::Title, "x"),
            (Field::Metric, "visits"),
            (Field::Baseline, "1"),
            (Field::Target, "2"),
            (Field::Deadline, "2026-12-31"),
        ];
        let with = |over: (Field, &'static str)| -> Vec<(Field, &'static str)> {
            let mut v: Vec<_> = good.iter().copied().filter(|(f, _)| *f != over.0).collect();
            v.push(over);
            v
        };
        let cases: Vec<Case> = vec![
            (
                with((Field::Metric, "sales")),
                Field::Metric,
                "unknown metric 'sales'",
            ),
            (
                with((Field::Baseline, "1,5")),
                Field::Baseline,
                "'1,5' is not a number",
            ),
            (with((Field::Target, "")), Field::Target, "required"),
            (
                with((Field::Direction, "up")),
                Field::Direction,
                "'up' is not one of",
            ),
            (
                with((Field::Deadline, "soon")),
                Field::Deadline,
                "'soon' is not a date",
            ),
            (
                with((Field::Segment, "teens")),
                Field::Segment,
                "segment 'teens' not found",
            ),
        ];
        for (values, field, message) in &cases {
            let form = filled(values, EN, &store);
            let e = read(&form, &store, day(11, 22), EN).expect_err("a mistake");
            assert_eq!(e.field, Some(usize::from(*field)), "{values:?}");
            assert!(e.message.contains(message), "{values:?}: {}", e.message);
        }
        // What the store refuses lands on its field too.
        for (over, field, message) in [
            (
                (Field::Title, " "),
                Field::Title,
                "objective title is empty",
            ),
            (
                (Field::Deadline, "2026-01-01"),
                Field::Deadline,
                "before it starts",
            ),
        ] {
            let form = filled(&with(over), EN, &store);
            let o = read(&form, &store, day(11, 22), EN).expect("read");
            let e = refused(store.save_objective(&o).expect_err("refused"), EN);
            assert_eq!(e.field, Some(usize::from(field)), "{over:?}");
            assert!(e.message.contains(message), "{}", e.message);
        }
        assert!(store.objectives().expect("none").is_empty());
    }
}
