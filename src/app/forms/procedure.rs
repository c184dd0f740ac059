//! The add/edit procedure form: a title and the person who owns it. The
//! steps are long text, written in the editor once the procedure exists.

use super::{Choices, Purpose, name_of, named, names};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{PersonId, Procedure, ProcedureId};
use crate::i18n::Format;
use crate::store::{Store, StoreError};

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Owner,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new procedure (`p` none) or holding `p`'s title and owner.
pub fn open(p: Option<&Procedure>, choices: &Choices, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let fields = vec![
        Input::text(ui.title, p.map_or("", |p| p.title.as_str())),
        Input::value(
            ui.strategy.owner,
            name_of(&choices.people, p.and_then(|p| p.owner)),
        )
        .choices(names(&choices.people))
        .hint(ui.optional),
    ];
    let editing = p.map(|p| p.id);
    Form::new(
        super::title(RecordKind::Procedure, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The procedure the form describes, with the steps it has (none yet
/// where new); the store checks it when it is saved.
pub fn read(form: &Form, store: &Store, fmt: Format) -> Result<Procedure, FieldError> {
    let owner = named(form, Field::Owner, store, RecordKind::Person, fmt)?.map(PersonId);
    let (id, steps) = match form.purpose.editing::<ProcedureId>() {
        Some(id) => (id, store.procedure(id).map_err(FieldError::general)?.steps),
        None => (ProcedureId(0), String::new()),
    };
    Ok(Procedure {
        id,
        title: form.value(Field::Title),
        owner,
        steps,
    })
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[(Named::ProcedureTitle, Field::Title.into())],
        Field::Title.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;
    use crate::i18n::{Currency, Locale};

    #[test]
    fn editing_keeps_the_steps() {
        let fmt = Format {
            locale: Locale::En,
            currency: Currency::Vnd,
        };
        let mut store = Store::open_in_memory().expect("store");
        store
            .save_person(&Person {
                id: PersonId(0),
                name: "An".into(),
                role: String::new(),
                contact: String::new(),
            })
            .expect("person");
        let p = store
            .save_procedure(&Procedure {
                id: ProcedureId(0),
                title: "Publish a post".into(),
                owner: None,
                steps: "1. Write\n2. Check".into(),
            })
            .expect("procedure");
        let choices = Choices::read(&store).expect("choices");
        let mut form = open(Some(&p), &choices, fmt);
        form.set(Field::Owner, "an");
        let edited = read(&form, &store, crate::i18n::testing::EN).expect("valid");
        assert_eq!(edited.steps, p.steps);
        assert!(edited.owner.is_some());
        form.set(Field::Title, "");
        let e = refused(
            store
                .save_procedure(&read(&form, &store, crate::i18n::testing::EN).expect("read"))
                .expect_err("empty"),
            crate::i18n::testing::EN,
        );
        assert_eq!(e.field, Some(Field::Title.into()));
    }
}
