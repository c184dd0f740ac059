//! The add/edit channel form: a name, its kind and whether it is in use
//! (both in the reader's words), the segments it reaches (a comma list
//! completing to their names) and a description.

use super::{Choices, Purpose, choice_field, chosen, names};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate::Field as Named;
use crate::domain::{Channel, ChannelId, ChannelKind, SegmentId};
use crate::i18n::Format;
use crate::store::{Store, StoreError};

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Kind,
    Active,
    Reaches,
    Description,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// A form for a new channel (`c` none: of kind other, in use) or holding
/// `c`'s values.
pub fn open(c: Option<&Channel>, choices: &Choices, fmt: Format) -> Form {
    let w = fmt.words();
    let ui = &w.ui;
    let st = &ui.strategy;
    let kind = st.channel_kind(c.map_or(ChannelKind::Other, |c| c.kind));
    let active = if c.is_none_or(|c| c.active) {
        w.cli.yes
    } else {
        w.cli.no
    };
    let reaches: Vec<&str> = c
        .map(|c| c.segments.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|id| choices.segments.iter().find(|(s, _)| s == id))
        .map(|(_, n)| n.as_str())
        .collect();
    let fields = vec![
        Input::value(ui.records.name, c.map_or("", |c| c.name.as_str())),
        choice_field(st.kind, kind, &st.channel_kinds),
        choice_field(ui.records.active, active, &[w.cli.yes, w.cli.no]),
        Input::text(st.reaches, &reaches.join(", "))
            .choices(names(&choices.segments))
            .list()
            .hint(ui.records.list_hint),
        Input::text(st.description, c.map_or("", |c| c.description.as_str())),
    ];
    let editing = c.map(|c| c.id);
    Form::new(
        super::title(RecordKind::Channel, editing.is_some(), ui),
        Purpose::item(editing),
        fields,
    )
}

/// The channel the form describes, each mistake on its field; the store
/// checks the rest when it is saved (see [`refused`]).
pub fn read(form: &Form, store: &Store, fmt: Format) -> Result<Channel, FieldError> {
    let w = fmt.words();
    let ui = &w.ui;
    let kind = chosen(
        form,
        Field::Kind,
        ChannelKind::ALL,
        |k| ui.strategy.channel_kind(k),
        ChannelKind::as_str,
        ui,
    )?;
    let active = chosen(
        form,
        Field::Active,
        &[true, false],
        |a| if a { w.cli.yes } else { w.cli.no },
        |a| if a { "yes" } else { "no" },
        ui,
    )?;
    let mut segments = Vec::new();
    for name in form.value(Field::Reaches).split(',').map(str::trim) {
        if name.is_empty() {
            continue;
        }
        let id = store
            .resolve(RecordKind::Segment, name)
            .map_err(|e| FieldError::at(Field::Reaches, fmt.error(&e)))?;
        if !segments.contains(&SegmentId(id)) {
            segments.push(SegmentId(id));
        }
    }
    let id = form.purpose.editing().unwrap_or(ChannelId(0));
    Ok(Channel {
        id,
        name: form.value(Field::Name),
        kind,
        active,
        description: form.value(Field::Description),
        segments,
    })
}

/// What the store refused, on its field.
pub fn refused(e: StoreError, fmt: Format) -> FieldError {
    super::refused(
        e,
        fmt,
        &[
            (Named::ChannelName, Field::Name.into()),
            (Named::Description, Field::Description.into()),
        ],
        Field::Name.into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Segment;
    use crate::i18n::testing::VI;

    fn store() -> Store {
        let mut s = Store::open_in_memory().expect("store");
        for name in ["Văn phòng", "Sinh viên"] {
            s.save_segment(&Segment {
                id: SegmentId(0),
                name: name.into(),
                description: String::new(),
                demographics: String::new(),
                needs: String::new(),
                habits: String::new(),
                market_size: None,
            })
            .expect("segment");
        }
        s
    }

    #[test]
    fn kind_active_and_segments_read_in_the_readers_words() {
        let mut s = store();
        let choices = Choices::read(&s).expect("choices");
        let mut form = open(None, &choices, VI);
        assert_eq!(form.value(Field::Kind), "khác");
        assert_eq!(form.value(Field::Active), "có");
        form.set(Field::Name, "Zalo OA");
        form.set(Field::Kind, "mang xa hoi");
        form.set(Field::Active, "không");
        form.set(Field::Reaches, "sinh vien, văn phòng, Sinh viên,");
        let c = read(&form, &s, VI).expect("valid");
        assert_eq!(c.kind, ChannelKind::Social);
        assert!(!c.active);
        let ids: Vec<SegmentId> = ["Sinh viên", "Văn phòng"]
            .iter()
            .map(|n| SegmentId(s.resolve(RecordKind::Segment, n).expect("id")))
            .collect();
        assert_eq!(c.segments, ids, "in the order typed, once each");
        let saved = s.save_channel(&c).expect("saved");
        let form = open(Some(&saved), &choices, VI);
        assert_eq!(form.value(Field::Reaches), "Văn phòng, Sinh viên");
        assert_eq!(
            read(&form, &s, VI).expect("valid").kind,
            ChannelKind::Social
        );
    }

    #[test]
    fn an_unknown_segment_or_kind_is_on_its_field() {
        let s = store();
        let choices = Choices::read(&s).expect("choices");
        let mut form = open(None, &choices, VI);
        form.set(Field::Reaches, "Văn phòng, Gen Z");
        let e = read(&form, &s, VI).expect_err("unknown");
        assert_eq!(e.field, Some(Field::Reaches.into()));
        assert_eq!(e.message, "không tìm thấy phân khúc 'Gen Z'");
        form.set(Field::Kind, "tivi");
        let e = read(&form, &s, VI).expect_err("unknown kind");
        assert_eq!(e.field, Some(Field::Kind.into()));
        assert!(
            e.message
                .starts_with("'tivi' không nằm trong: SEO, mạng xã hội")
        );
    }
}
