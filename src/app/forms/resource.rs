//! The question the Strategy tab's resources ask before adding: a budget,
//! a person or a tool (in the reader's words), as a one-field form whose
//! answer opens that record's form.

use super::{Kind, Purpose, choice_field, chosen};
use crate::app::form::{FieldError, Form};
use crate::i18n::Format;

/// The kinds of resource, in the order offered.
const KINDS: [Kind; 3] = [Kind::Budget, Kind::Person, Kind::Tool];

/// The kind's word on the command line, where a reader may type it.
fn english(k: Kind) -> &'static str {
    crate::i18n::EN.ui.records.items[k.index()]
}

/// The question, answered at first with `kind` (the kind of the row the
/// selection is on).
pub fn open(kind: Kind, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let items = &ui.records.items;
    let words: Vec<&str> = KINDS.iter().map(|k| items[k.index()]).collect();
    let field = choice_field(ui.kind, items[kind.index()], &words);
    Form::new(ui.records.add_resource, Purpose::Resource, vec![field])
}

/// The kind of resource chosen.
pub fn read(form: &Form, fmt: Format) -> Result<Kind, FieldError> {
    let ui = &fmt.words().ui;
    chosen(
        form,
        0usize,
        &KINDS,
        |k| ui.records.items[k.index()],
        english,
        ui,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Currency, Locale};

    #[test]
    fn the_kind_reads_in_either_language() {
        let vi = Format {
            locale: Locale::Vi,
            currency: Currency::Vnd,
        };
        let mut form = open(Kind::Person, vi);
        assert_eq!(form.value(0usize), "thành viên");
        assert_eq!(read(&form, vi), Ok(Kind::Person));
        form.set(0usize, "cong cu");
        assert_eq!(read(&form, vi), Ok(Kind::Tool));
        form.set(0usize, "budget");
        assert_eq!(read(&form, vi), Ok(Kind::Budget));
        form.set(0usize, "xe");
        assert_eq!(read(&form, vi).map_err(|e| e.field), Err(Some(0)));
    }
}
