//! The add/edit segment form: a name, what characterises the segment
//! (description, demographics, needs, buying habits) and the estimated
//! size of its market.

use super::Purpose;
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{Segment, SegmentId};
use crate::i18n::Format;
use crate::store::StoreError;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
    Demographics,
    Needs,
    Habits,
    MarketSize,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new segment (`s` none) or holding `s`'s values.
pub fn open(s: Option<&Segment>, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let st = &ui.strategy;
    let text = |f: fn(&Segment) -> &str| s.map_or("", f);
    let fields = vec![
        Input::value(ui.records.name, text(|s| &s.name)),
        Input::text(st.description, text(|s| &s.description)),
        Input::text(st.demographics, text(|s| &s.demographics)),
        Input::text(st.needs, text(|s| &s.needs)),
        Input::text(st.habits, text(|s| &s.habits)),
        Input::value(
            st.market_size,
            &s.and_then(|s| s.market_size)
                .map(|m| m.to_string())
                .unwrap_or_default(),
        )
        .hint(ui.records.whole_hint),
    ];
    let editing = s.map(|s| s.id);
    Form::new(
        super::title(RecordKind::Segment, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The segment the form describes; the store checks the rest when it is
/// saved (see [`refused`]).
pub fn read(form: &Form, fmt: Format) -> Result<Segment, FieldError> {
    let r = &fmt.words().ui.records;
    let market_size = match form.value(Field::MarketSize) {
        m if m.is_empty() => None,
        // A whole number, as the command line's --market-size.
        m => Some(
            m.parse::<i64>()
                .map_err(|_| FieldError::at(Field::MarketSize, Format::fill(r.not_whole, &m)))?,
        ),
    };
    let id = form.purpose.editing().unwrap_or(SegmentId(0));
    Ok(Segment {
        id,
        name: form.value(Field::Name),
        description: form.value(Field::Description),
        demographics: form.value(Field::Demographics),
        needs: form.value(Field::Needs),
        habits: form.value(Field::Habits),
        market_size,
    })
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::SegmentName, Field::Name.into()),
            (Named::Description, Field::Description.into()),
            (Named::Demographics, Field::Demographics.into()),
            (Named::Needs, Field::Needs.into()),
            (Named::Habits, Field::Habits.into()),
            (Named::MarketSize, Field::MarketSize.into()),
        ],
        Field::Name.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::testing::VI;
    use crate::store::Store;

    fn segment(market_size: Option<i64>) -> Segment {
        Segment {
            id: SegmentId(0),
            name: "Văn phòng".into(),
            description: "Dân văn phòng".into(),
            demographics: "25–40 tuổi".into(),
            needs: "Quà biếu".into(),
            habits: "Mua online".into(),
            market_size,
        }
    }

    #[test]
    fn a_segment_reads_back_as_it_was_and_a_bad_size_is_on_its_field() {
        let mut store = Store::open_in_memory().expect("store");
        let saved = store.save_segment(&segment(Some(250_000))).expect("saved");
        let form = open(Some(&saved), VI);
        assert_eq!(read(&form, VI).expect("valid"), saved);
        let mut form = open(None, VI);
        form.set(Field::MarketSize, "12.000");
        let e = read(&form, VI).expect_err("not whole");
        assert_eq!(e.field, Some(Field::MarketSize.into()));
        assert_eq!(e.message, "'12.000' không phải là số nguyên");
        form.set(Field::MarketSize, "-5");
        form.set(Field::Name, "Sinh viên");
        let e = refused(
            store
                .save_segment(&read(&form, VI).expect("read"))
                .expect_err("negative"),
            VI,
        );
        assert_eq!(e.field, Some(Field::MarketSize.into()));
        form.set(Field::MarketSize, "");
        form.set(Field::Name, "văn phòng");
        let e = refused(
            store
                .save_segment(&read(&form, VI).expect("read"))
                .expect_err("taken"),
            VI,
        );
        assert_eq!(e.field, Some(Field::Name.into()), "{}", e.message);
        assert_eq!(store.segments().expect("segments").len(), 1);
    }
}
