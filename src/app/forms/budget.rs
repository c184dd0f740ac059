//! The add/edit budget form: the period it is for (a month, quarter or
//! year label), the amount, and a note.

use super::Purpose;
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{Budget, BudgetId};
use crate::i18n::Format;
use crate::store::StoreError;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Period,
    Amount,
    Note,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new budget of `period` (`b` none) or holding `b`'s values.
pub fn open(b: Option<&Budget>, period: &str, fmt: Format) -> Form {
    let w = fmt.words();
    let r = &w.ui.records;
    let fields = vec![
        Input::value(w.period, b.map_or(period, |b| b.period.as_str())).hint(r.period_hint),
        Input::value(
            r.amount,
            &b.map(|b| b.amount.to_string()).unwrap_or_default(),
        )
        .hint(r.amount_hint)
        .money(),
        Input::text(r.note, b.map_or("", |b| b.note.as_str())),
    ];
    let editing = b.map(|b| b.id);
    Form::new(
        super::title(RecordKind::Budget, editing.is_some(), &w.ui),
        Purpose::item(editing),
        fields,
    )
}

/// The budget the form describes, the amount read as the command line
/// reads amounts; the store checks the rest when it is saved.
pub fn read(form: &Form, fmt: Format) -> Result<Budget, FieldError> {
    let ui = &fmt.words().ui;
    let amount = super::amount(form, Field::Amount, fmt)?
        .ok_or_else(|| FieldError::at(Field::Amount, ui.required))?;
    let id = form.purpose.editing().unwrap_or(BudgetId(0));
    Ok(Budget {
        id,
        period: form.value(Field::Period),
        amount,
        note: form.value(Field::Note),
    })
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::BudgetPeriod, Field::Period.into()),
            (Named::BudgetAmount, Field::Amount.into()),
            (Named::BudgetNote, Field::Note.into()),
        ],
        Field::Period.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Amount;
    use crate::i18n::testing::EN;
    use crate::store::Store;

    #[test]
    fn a_budget_of_a_period_and_its_mistakes() {
        let mut store = Store::open_in_memory().expect("store");
        let mut form = open(None, "2026-11", EN);
        assert_eq!(form.value(Field::Period), "2026-11");
        let e = read(&form, EN).expect_err("no amount");
        assert_eq!(
            (e.field, e.message.as_str()),
            (Some(Field::Amount.into()), "required")
        );
        form.set(Field::Amount, "30000000");
        let saved = store
            .save_budget(&read(&form, EN).expect("valid"))
            .expect("saved");
        assert_eq!(saved.amount, Amount::from_int(30_000_000));
        assert_eq!(
            read(&open(Some(&saved), "2027", EN), EN).expect("valid"),
            saved
        );
        let e = refused(
            store
                .save_budget(&read(&form, EN).expect("valid"))
                .expect_err("taken"),
            EN,
        );
        assert_eq!(e.field, Some(Field::Period.into()));
        form.set(Field::Period, "November");
        let e = refused(
            store
                .save_budget(&read(&form, EN).expect("valid"))
                .expect_err("bad"),
            EN,
        );
        assert_eq!(e.field, Some(Field::Period.into()));
        assert!(
            e.message.contains("'November' is not a period"),
            "{}",
            e.message
        );
    }
}
