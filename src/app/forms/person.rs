//! The add/edit person form: a name (the one tasks are assigned to and
//! campaigns owned by), a role and a contact.

use super::Purpose;
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{Person, PersonId};
use crate::i18n::Format;
use crate::store::StoreError;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Role,
    Contact,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new person (`p` none) or holding `p`'s values.
pub fn open(p: Option<&Person>, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let st = &ui.strategy;
    let fields = vec![
        Input::value(ui.records.name, p.map_or("", |p| p.name.as_str())),
        Input::text(st.role, p.map_or("", |p| p.role.as_str())),
        Input::text(st.contact, p.map_or("", |p| p.contact.as_str())),
    ];
    let editing = p.map(|p| p.id);
    Form::new(
        super::title(RecordKind::Person, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The person the form describes; the store checks it when it is saved.
pub fn read(form: &Form) -> Person {
    let id = form.purpose.editing().unwrap_or(PersonId(0));
    Person {
        id,
        name: form.value(Field::Name),
        role: form.value(Field::Role),
        contact: form.value(Field::Contact),
    }
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::PersonName, Field::Name.into()),
            (Named::Role, Field::Role.into()),
            (Named::Contact, Field::Contact.into()),
        ],
        Field::Name.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::testing::EN;
    use crate::store::Store;

    #[test]
    fn a_person_reads_back_and_a_taken_name_is_on_its_field() {
        let mut store = Store::open_in_memory().expect("store");
        let mut form = open(None, EN);
        form.set(Field::Name, "An Nguyễn");
        form.set(Field::Role, "Content");
        let saved = store.save_person(&read(&form)).expect("saved");
        assert_eq!(read(&open(Some(&saved), EN)), saved);
        let e = refused(store.save_person(&read(&form)).expect_err("taken"), EN);
        assert_eq!(e.field, Some(Field::Name.into()));
        form.set(Field::Name, "");
        let e = refused(store.save_person(&read(&form)).expect_err("empty"), EN);
        assert_eq!(
            (e.field, e.message.as_str()),
            (Some(Field::Name.into()), "person name is empty")
        );
    }
}
