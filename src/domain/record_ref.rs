//! A reference to one record of any kind: its [`RecordKind`] and id, so
//! that code handling every kind alike (lists, deletion, lookups, link
//! counts) holds one type, while each kind keeps its typed id.

use super::RecordKind;
use super::{
    BudgetId, CampaignId, ChannelId, ObjectiveId, PersonId, ProcedureId, SegmentId, ToolId,
};

/// The typed id of a record of one kind.
pub trait RecordId: Copy {
    const KIND: RecordKind;
    fn raw(self) -> i64;
    fn from_raw(id: i64) -> Self;
}

macro_rules! record_ids {
    ($($id:ident => $kind:ident),+ $(,)?) => {$(
        impl RecordId for $id {
            const KIND: RecordKind = RecordKind::$kind;
            fn raw(self) -> i64 {
                self.0
            }
            fn from_raw(id: i64) -> Self {
                $id(id)
            }
        }

        impl From<$id> for RecordRef {
            fn from(id: $id) -> RecordRef {
                RecordRef::of(id)
            }
        }
    )+};
}

record_ids!(
    ObjectiveId => Objective,
    SegmentId => Segment,
    ChannelId => Channel,
    CampaignId => Campaign,
    PersonId => Person,
    ToolId => Tool,
    BudgetId => Budget,
    ProcedureId => Procedure,
);

/// One record: which kind, and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: i64,
}

impl RecordRef {
    pub fn new(kind: RecordKind, id: i64) -> RecordRef {
        RecordRef { kind, id }
    }

    pub fn of<I: RecordId>(id: I) -> RecordRef {
        RecordRef::new(I::KIND, id.raw())
    }

    /// The typed id, where the record is of `I`'s kind.
    pub fn id_of<I: RecordId>(self) -> Option<I> {
        (self.kind == I::KIND).then(|| I::from_raw(self.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_id_comes_back_only_as_its_own_kind() {
        let r = RecordRef::of(SegmentId(7));
        assert_eq!(r, RecordRef::new(RecordKind::Segment, 7));
        assert_eq!(r.id_of::<SegmentId>(), Some(SegmentId(7)));
        assert_eq!(r.id_of::<ChannelId>(), None);
    }
}
