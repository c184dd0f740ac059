//! The add/edit tool form: the tool's name and what it is used for.

use super::Purpose;
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{Tool, ToolId};
use crate::i18n::Format;
use crate::store::StoreError;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Purpose,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new tool (`t` none) or holding `t`'s values.
pub fn open(t: Option<&Tool>, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let fields = vec![
        Input::value(ui.records.name, t.map_or("", |t| t.name.as_str())),
        Input::text(ui.strategy.purpose, t.map_or("", |t| t.purpose.as_str())),
    ];
    let editing = t.map(|t| t.id);
    Form::new(
        super::title(RecordKind::Tool, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The tool the form describes; the store checks it when it is saved.
pub fn read(form: &Form) -> Tool {
    let id = form.purpose.editing().unwrap_or(ToolId(0));
    Tool {
        id,
        name: form.value(Field::Name),
        purpose: form.value(Field::Purpose),
    }
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::ToolName, Field::Name.into()),
            (Named::Purpose, Field::Purpose.into()),
        ],
        Field::Name.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Currency, Locale};
    use crate::store::Store;

    #[test]
    fn a_tool_reads_back_as_it_was() {
        let fmt = Format {
            locale: Locale::Vi,
            currency: Currency::Vnd,
        };
        let mut store = Store::open_in_memory().expect("store");
        let mut form = open(None, fmt);
        form.set(Field::Name, "Canva");
        form.set(Field::Purpose, "thiết kế ảnh");
        let saved = store.save_tool(&read(&form)).expect("saved");
        assert_eq!(read(&open(Some(&saved), fmt)), saved);
        let e = refused(
            store.save_tool(&read(&form)).expect_err("taken"),
            crate::i18n::testing::EN,
        );
        assert_eq!(e.field, Some(Field::Name.into()));
    }
}
