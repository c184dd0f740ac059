//! The note form of the KPIs tab: kind and category (in the reader's
//! words), the days it is about, the metric it explains if any, and its
//! text.

use chrono::{NaiveDate, Utc};

use super::{Purpose, choice_field, chosen, date, date_field};
use crate::app::form::{Field as Input, FieldError, Form, choose};
use crate::domain::{CauseCategory, Note, NoteId, NoteKind, validate};
use crate::i18n::Format;
use crate::metrics::kpi::metric_label;
use crate::store::Store;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Category,
    From,
    To,
    Metric,
    Text,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form holding `note`'s values; a new note has id 0 and says which
/// days it covers at first. The metrics (by name) are offered and shown in
/// the reader's words.
pub fn open(note: &Note, metrics: Vec<String>, fmt: Format) -> Form {
    let w = fmt.words();
    let ui = &w.ui;
    let metric = note.metric.as_deref().map_or("", |m| metric_label(m, w));
    let metrics = metrics
        .iter()
        .map(|m| metric_label(m, w).to_string())
        .collect();
    let fields = vec![
        choice_field(ui.kind, w.note_kind(note.kind), &w.note_kinds),
        choice_field(ui.category, w.category(note.category), &w.categories),
        date_field(ui.from, &fmt.date(note.start), ui),
        date_field(ui.to, &fmt.date(note.end), ui),
        Input::value(w.metric, metric)
            .choices(metrics)
            .hint(ui.optional),
        Input::text(ui.text, &note.text),
    ];
    let (title, editing) = if note.id.0 > 0 {
        (ui.edit_note, Some(note.id))
    } else {
        (ui.new_note, None)
    };
    Form::new(title, Purpose::Note(editing), fields)
}

/// The metric typed in the form, in the reader's words or by its name.
fn metric_named(typed: &str, store: &Store, fmt: Format) -> Result<String, FieldError> {
    let names: Vec<String> = store
        .metrics()
        .map_err(|e| FieldError::at(Field::Metric, fmt.error(&e)))?
        .into_iter()
        .map(|m| m.name)
        .collect();
    let words: Vec<(&str, usize)> = names
        .iter()
        .enumerate()
        .flat_map(|(i, n)| [(metric_label(n, fmt.words()), i), (n.as_str(), i)])
        .collect();
    match choose(typed, &words).and_then(|i| names.get(i)) {
        Some(name) => Ok(name.clone()),
        None => Ok(store
            .metric(typed)
            .map_err(|e| FieldError::at(Field::Metric, fmt.error(&e)))?
            .name),
    }
}

/// The note the form describes, each mistake on its field.
pub fn read(form: &Form, store: &Store, today: NaiveDate, fmt: Format) -> Result<Note, FieldError> {
    let w = fmt.words();
    let ui = &w.ui;
    let kind = chosen(
        form,
        Field::Kind,
        NoteKind::ALL,
        |k| w.note_kind(k),
        NoteKind::as_str,
        ui,
    )?;
    let category = chosen(
        form,
        Field::Category,
        CauseCategory::ALL,
        |c| w.category(c),
        CauseCategory::as_str,
        ui,
    )?;
    let start = date(form, Field::From, today, fmt)?;
    let end = date(form, Field::To, today, fmt)?;
    if end < start {
        return Err(FieldError::at(
            Field::To,
            Format::fill(ui.before_start, fmt.date(start)),
        ));
    }
    let metric = match form.value(Field::Metric) {
        m if m.is_empty() => None,
        m => Some(metric_named(&m, store, fmt)?),
    };
    let text = validate::text(
        crate::domain::validate::Field::Note,
        &form.value(Field::Text),
    )
    .map_err(|e| FieldError::at(Field::Text, fmt.error(&e)))?;
    if text.is_empty() {
        return Err(FieldError::at(Field::Text, ui.required));
    }
    let id = match form.purpose {
        Purpose::Note(Some(id)) => id,
        _ => NoteId(0),
    };
    Ok(Note {
        id,
        kind,
        category,
        start,
        end,
        metric,
        text,
        created_at: Utc::now(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::testing::VI;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    fn blank() -> Note {
        Note {
            id: NoteId(0),
            kind: NoteKind::Cause,
            category: CauseCategory::Other,
            start: day(11, 1),
            end: day(11, 30),
            metric: None,
            text: String::new(),
            created_at: Utc::now(),
        }
    }

    fn filled(note: &Note, values: &[(Field, &str)]) -> Form {
        let mut form = open(note, vec!["revenue".into(), "visits".into()], VI);
        for (field, text) in values {
            while form.focus != usize::from(*field) {
                form.next();
            }
            // A field is entered with the cursor after its text.
            for _ in form.value(*field).chars() {
                form.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
            for c in text.chars() {
                form.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
        }
        form
    }

    #[test]
    fn a_new_note_reads_the_readers_words_and_keeps_the_period() {
        let store = Store::open_in_memory().expect("store");
        let form = filled(
            &blank(),
            &[
                (Field::Kind, "danh gia"),
                (Field::Category, "Khuyến mãi"),
                (Field::Metric, "revenue"),
                (Field::Text, "Giảm giá 20% cho khách cũ"),
            ],
        );
        let n = read(&form, &store, day(11, 22), VI).expect("valid");
        assert_eq!(n.kind, NoteKind::Review);
        assert_eq!(n.category, CauseCategory::Promotion);
        assert_eq!((n.start, n.end), (day(11, 1), day(11, 30)));
        assert_eq!(n.metric.as_deref(), Some("revenue"));
        assert_eq!(n.text, "Giảm giá 20% cho khách cũ");
        assert_eq!(n.id, NoteId(0));
    }

    /// What is typed in which fields, the field the mistake is on, and
    /// words of its message.
    type Case<'a> = (&'a [(Field, &'a str)], Field, &'a str);

    #[test]
    fn each_mistake_is_on_its_field() {
        let store = Store::open_in_memory().expect("store");
        let text = (Field::Text, "x");
        let cases: [Case<'_>; 6] = [
            (
                &[(Field::Kind, "ý kiến"), text],
                Field::Kind,
                "'ý kiến' không nằm trong: nguyên nhân, đánh giá",
            ),
            (
                &[(Field::Category, "customer_care!"), text],
                Field::Category,
                "không nằm trong",
            ),
            (
                &[(Field::From, "32/11/2026"), text],
                Field::From,
                "'32/11/2026' không phải là ngày",
            ),
            (
                &[(Field::To, "2026-10-31"), text],
                Field::To,
                "trước ngày bắt đầu (01/11/2026)",
            ),
            (
                &[(Field::Metric, "sales"), text],
                Field::Metric,
                "không có chỉ số 'sales'",
            ),
            (&[], Field::Text, "cần nhập"),
        ];
        for (values, field, message) in cases {
            let form = filled(&blank(), values);
            let e = read(&form, &store, day(11, 22), VI).expect_err("a mistake");
            assert_eq!(e.field, Some(usize::from(field)), "{values:?}");
            assert!(e.message.contains(message), "{values:?}: {}", e.message);
        }
    }

    #[test]
    fn an_edited_note_keeps_its_id_and_its_line_breaks() {
        let store = Store::open_in_memory().expect("store");
        let note = Note {
            id: NoteId(7),
            kind: NoteKind::Review,
            category: CauseCategory::CustomerCare,
            text: "một\nhai".into(),
            ..blank()
        };
        let form = filled(&note, &[]);
        assert_eq!(form.value(Field::Category), "chăm sóc khách hàng");
        let n = read(&form, &store, day(11, 22), VI).expect("valid");
        assert_eq!(n.id, NoteId(7));
        assert_eq!(n.text, "một\nhai");
        assert_eq!(n.category, CauseCategory::CustomerCare);
    }
}
