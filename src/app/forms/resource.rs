//! The question the Strategy tab's resources ask before adding: a budget,
//! a person or a tool (in the reader's words), as a one-field form whose
//! answer opens that record's form.

use super::{Purpose, choice_field, chosen};
use crate::app::form::{FieldError, Form};
use crate::domain::RecordKind;
use crate::i18n::Format;

/// The kinds of resource, in the order offered.
const KINDS: [RecordKind; 3] = [RecordKind::Budget, RecordKind::Person, RecordKind::Tool];

/// The kind's word on the command line, where a reader may type it.
fn english(k: RecordKind) -> &'static str {
    crate::i18n::EN.ui.records.item(k)
}

/// The question, answered at first with `kind` (the kind of the row the
/// selection is on).
pub fn open(kind: RecordKind, fmt: Format) -> Form {
    let ui = &fmt.words().ui;
    let item = |k| ui.records.item(k);
    let words: Vec<&str> = KINDS.iter().map(|k| item(*k)).collect();
    let field = choice_field(ui.kind, item(kind), &words);
    Form::new(ui.records.add_resource, Purpose::Resource, vec![field])
}

/// The kind of resource chosen.
pub fn read(form: &Form, fmt: Format) -> Result<RecordKind, FieldError> {
    let ui = &fmt.words().ui;
    chosen(form, 0usize, &KINDS, |k| ui.records.item(k), english, ui)
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
        let mut form = open(RecordKind::Person, vi);
        assert_eq!(form.value(0usize), "thành viên");
        assert_eq!(read(&form, vi), Ok(RecordKind::Person));
        form.set(0usize, "cong cu");
        assert_eq!(read(&form, vi), Ok(RecordKind::Tool));
        form.set(0usize, "budget");
        assert_eq!(read(&form, vi), Ok(RecordKind::Budget));
        form.set(0usize, "xe");
        assert_eq!(read(&form, vi).map_err(|e| e.field), Err(Some(0)));
    }
}
