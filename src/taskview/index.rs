//! The search text of many task lines, folded once and laid end to end, so
//! a filter term is one fast substring scan over all lines, not 50,000
//! small ones.

use memchr::memmem::Finder;

use super::TaskLine;
use crate::text::fold::{FIELD_SEP, Needle, fold, lower};

/// Which part of a line a needle must be found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// Title, notes, campaign, assignee or tags.
    Any,
    Campaign,
    Assignee,
    /// The tag list `␟tag␟tag␟`, searched with [`Needle::whole_tag`].
    Tags,
}

/// One line's text within a [`Column`], as absolute byte offsets:
/// `campaign␟assignee␟title␟notes␟tag␟tag␟`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: usize,
    /// End of the campaign name.
    campaign_end: usize,
    /// End of the assignee name.
    assignee_end: usize,
    /// The separator before the first tag.
    tags_start: usize,
    end: usize,
}

impl Segment {
    fn range(&self, field: Field) -> (usize, usize) {
        let sep = FIELD_SEP.len_utf8();
        match field {
            Field::Any => (self.start, self.end),
            Field::Campaign => (self.start, self.campaign_end),
            Field::Assignee => (self.campaign_end + sep, self.assignee_end),
            Field::Tags => (self.tags_start, self.end),
        }
    }
}

/// The text of every segment in one form (folded, or lowercase).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Column {
    text: String,
    segments: Vec<Segment>,
}

impl Column {
    fn push(&mut self, line: &TaskLine, form: fn(&str) -> String) {
        let t = &mut self.text;
        let start = t.len();
        t.push_str(&form(line.campaign.as_deref().unwrap_or("")));
        let campaign_end = t.len();
        t.push(FIELD_SEP);
        t.push_str(&form(line.assignee.as_deref().unwrap_or("")));
        let assignee_end = t.len();
        for field in [&line.task.title, &line.task.notes] {
            t.push(FIELD_SEP);
            t.push_str(&form(field));
        }
        let tags_start = t.len();
        t.push(FIELD_SEP);
        for tag in &line.task.tags {
            t.push_str(&form(tag));
            t.push(FIELD_SEP);
        }
        self.segments.push(Segment {
            start,
            campaign_end,
            assignee_end,
            tags_start,
            end: t.len(),
        });
    }

    /// An empty segment, where nothing is ever found.
    fn push_empty(&mut self) {
        let at = self.text.len();
        self.segments.push(Segment {
            start: at,
            campaign_end: at,
            assignee_end: at,
            tags_start: at,
            end: at,
        });
    }

    fn pop_if_same_as(&mut self, other: &Column) -> bool {
        let (Some(mine), Some(theirs)) = (self.segments.last(), other.segments.last()) else {
            return false;
        };
        let same = self.text.get(mine.start..mine.end) == other.text.get(theirs.start..theirs.end);
        if same {
            self.text.truncate(mine.start);
            self.segments.pop();
        }
        same
    }

    /// Calls `hit` with every segment whose `field` contains the needle,
    /// at most once each.
    fn search(&self, finder: &Finder<'_>, field: Field, mut hit: impl FnMut(usize)) {
        let bytes = self.text.as_bytes();
        let len = finder.needle().len();
        let mut from = 0;
        // Matches come in order, so the segment of one is at or after the
        // segment of the one before.
        let mut s = 0;
        while let Some(found) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
            let pos = from + found;
            s = self.segment_at(s, pos);
            let Some(seg) = self.segments.get(s) else {
                return;
            };
            let (field_start, field_end) = seg.range(field);
            if pos < field_start {
                from = field_start;
                continue;
            }
            if pos + len <= field_end {
                hit(s);
            }
            // A later match in this segment's field would end later still.
            from = seg.end.max(pos + 1);
        }
    }

    /// Whether segment `s`'s `field` contains the needle.
    fn segment_contains(&self, s: usize, finder: &Finder<'_>, field: Field) -> bool {
        let Some(seg) = self.segments.get(s) else {
            return false;
        };
        let (start, end) = seg.range(field);
        self.text
            .as_bytes()
            .get(start..end)
            .is_some_and(|text| finder.find(text).is_some())
    }

    /// The segment holding byte `pos`, searching from segment `s` on: a
    /// few steps forward, then a binary search.
    fn segment_at(&self, s: usize, pos: usize) -> usize {
        for step in 0..4 {
            match self.segments.get(s + step) {
                Some(seg) if seg.end <= pos => {}
                _ => return s + step,
            }
        }
        let rest = self.segments.get(s..).unwrap_or(&[]);
        s + rest.partition_point(|seg| seg.end <= pos)
    }
}

/// Marks a segment no line uses any more.
const DEAD: usize = usize::MAX;

/// The search text of a list of lines. Segment `s` belongs to line
/// `owner[s]`; a changed line gets a new segment and its old one is left
/// dead until the next compaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SearchIndex {
    folded: Column,
    /// Lowercase text, only where it differs from the folded text: an
    /// accented needle can match nothing else.
    lower: Column,
    owner: Vec<usize>,
    segment_of: Vec<usize>,
    dead: usize,
}

impl SearchIndex {
    pub fn new(lines: &[TaskLine]) -> SearchIndex {
        let mut index = SearchIndex::default();
        for line in lines {
            index.push(line);
        }
        index
    }

    fn append(&mut self, line: &TaskLine, owner: usize) -> usize {
        self.folded.push(line, fold);
        self.lower.push(line, lower);
        if self.lower.pop_if_same_as(&self.folded) {
            self.lower.push_empty();
        }
        self.owner.push(owner);
        self.owner.len() - 1
    }

    pub fn push(&mut self, line: &TaskLine) {
        let s = self.append(line, self.segment_of.len());
        self.segment_of.push(s);
    }

    /// Refreshes line `row` after it changed; `lines` is the whole list.
    pub fn replace(&mut self, lines: &[TaskLine], row: usize) {
        let (Some(line), Some(&old)) = (lines.get(row), self.segment_of.get(row)) else {
            return;
        };
        if let Some(o) = self.owner.get_mut(old) {
            *o = DEAD;
        }
        let s = self.append(line, row);
        if let Some(slot) = self.segment_of.get_mut(row) {
            *slot = s;
        }
        self.dead += 1;
        self.compact_if_worth_it(lines);
    }

    /// Forgets line `row`; the lines after it move up by one, as in
    /// `lines`, which is the list after the removal.
    pub fn remove(&mut self, lines: &[TaskLine], row: usize) {
        if row >= self.segment_of.len() {
            return;
        }
        self.segment_of.remove(row);
        for o in &mut self.owner {
            if *o == row {
                *o = DEAD;
            } else if *o != DEAD && *o > row {
                *o -= 1;
            }
        }
        self.dead += 1;
        self.compact_if_worth_it(lines);
    }

    fn compact_if_worth_it(&mut self, lines: &[TaskLine]) {
        if self.dead > 64 && self.dead > self.segment_of.len() {
            *self = SearchIndex::new(lines);
        }
    }

    /// For each line, whether its `field` contains the needle; lines not
    /// in `wanted` (when given) may be answered false without a look.
    pub fn hits(&self, needle: &Needle, field: Field, wanted: Option<&[bool]>) -> Vec<bool> {
        let column = if needle.accented {
            &self.lower
        } else {
            &self.folded
        };
        let few = wanted.filter(|w| w.iter().filter(|k| **k).count() * 4 < w.len());
        if let Some(wanted) = few {
            // Few lines left: look in theirs alone rather than scan all.
            return self
                .segment_of
                .iter()
                .zip(wanted.iter().chain(std::iter::repeat(&false)))
                .map(|(&s, &want)| want && column.segment_contains(s, needle.finder(), field))
                .collect();
        }
        let mut hits = vec![false; self.segment_of.len()];
        column.search(needle.finder(), field, |s| {
            if let Some(h) = self.owner.get(s).and_then(|&line| hits.get_mut(line)) {
                *h = true;
            }
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taskview::testdata::line;

    fn hits(index: &SearchIndex, needle: Needle, field: Field) -> Vec<bool> {
        let all = index.hits(&needle, field, None);
        let few = vec![true; all.len()];
        let mut one = vec![false; all.len()];
        for (i, hit) in all.iter().enumerate() {
            one[i] = true;
            assert_eq!(index.hits(&needle, field, Some(&one))[i], *hit);
            one[i] = false;
        }
        assert_eq!(index.hits(&needle, field, Some(&few)), all);
        all
    }

    #[test]
    fn fields_are_found_only_where_they_are() {
        let mut a = line(1, "Viết bài SEO");
        a.campaign = Some("Tết 2027".into());
        a.assignee = Some("Đăng".into());
        a.task.notes = "gọi lại".into();
        a.task.tags = vec!["Blog".into(), "seo".into()];
        let mut b = line(2, "Plan bai");
        b.task.tags = vec!["blog-post".into()];
        let index = SearchIndex::new(&[a, b]);
        let n = Needle::new;
        assert_eq!(hits(&index, n("bai"), Field::Any), [true, true]);
        assert_eq!(hits(&index, n("bài"), Field::Any), [true, false]);
        assert_eq!(hits(&index, n("goi"), Field::Any), [true, false]);
        assert_eq!(hits(&index, n("tet"), Field::Campaign), [true, false]);
        assert_eq!(hits(&index, n("Tết"), Field::Campaign), [true, false]);
        assert_eq!(hits(&index, n("dang"), Field::Campaign), [false, false]);
        assert_eq!(hits(&index, n("dang"), Field::Assignee), [true, false]);
        assert_eq!(hits(&index, n("bai"), Field::Assignee), [false, false]);
        assert_eq!(
            hits(&index, Needle::whole_tag("BLOG"), Field::Tags),
            [true, false]
        );
        assert_eq!(
            hits(&index, Needle::whole_tag("blog-post"), Field::Tags),
            [false, true]
        );
        assert_eq!(
            hits(&index, Needle::whole_tag("blo"), Field::Tags),
            [false, false]
        );
        assert_eq!(hits(&index, n("tết 2027 đăng"), Field::Any), [false, false]);
        assert_eq!(hits(&index, n(""), Field::Any), [true, true]);
    }

    #[test]
    fn replaced_and_removed_lines_are_searched_as_they_are_now() {
        let mut lines = vec![line(1, "alpha"), line(2, "beta"), line(3, "alphabet")];
        let mut index = SearchIndex::new(&lines);
        lines[1].task.title = "alpha two".into();
        index.replace(&lines, 1);
        assert_eq!(
            hits(&index, Needle::new("alpha"), Field::Any),
            [true, true, true]
        );
        assert_eq!(
            hits(&index, Needle::new("beta"), Field::Any),
            [false, false, false]
        );
        lines.remove(0);
        index.remove(&lines, 0);
        assert_eq!(hits(&index, Needle::new("alpha"), Field::Any), [true, true]);
        assert_eq!(hits(&index, Needle::new("bet"), Field::Any), [false, true]);
        for round in 0..200 {
            lines[0].task.title = format!("round {round}");
            index.replace(&lines, 0);
        }
        assert_eq!(
            hits(&index, Needle::new("round 199"), Field::Any),
            [true, false]
        );
        assert_eq!(
            hits(&index, Needle::new("round 19 "), Field::Any),
            [false, false]
        );
        assert!(index.owner.len() < 100, "compacted: {}", index.owner.len());
    }
}
