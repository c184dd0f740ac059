//! The fixed texts of the small demo, shipped in `assets/demo/` and parsed
//! with two simple formats: blocks of `key: value` fields separated by
//! lines of `---`, and one-record-per-line lists separated by `|`.

pub(super) const STRATEGY: &str = include_str!("../../assets/demo/strategy.txt");
pub(super) const PROCEDURES: &str = include_str!("../../assets/demo/procedures.txt");
pub(super) const CAMPAIGNS: &str = include_str!("../../assets/demo/campaigns.txt");
pub(super) const TASKS: &str = include_str!("../../assets/demo/tasks.txt");
pub(super) const NOTES: &str = include_str!("../../assets/demo/notes.txt");

/// One block: its fields in file order.
#[derive(Debug, Clone, Default)]
pub(super) struct Block {
    fields: Vec<(&'static str, String)>,
}

impl Block {
    /// The field's text, or `""` where the block has none (the tests check
    /// that every text the UI shows is present).
    pub(super) fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    /// A 1-based position field (`owner: 2`) as a number; 0 where absent.
    pub(super) fn position(&self, key: &str) -> usize {
        self.get(key).parse().unwrap_or(0)
    }

    /// A whitespace-separated list of 1-based positions (`segments: 1 3`).
    pub(super) fn positions(&self, key: &str) -> Vec<usize> {
        self.get(key)
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }
}

/// A field starts with a lower-case key and a colon at the start of a line.
fn field_start(line: &'static str) -> Option<(&'static str, &'static str)> {
    let (key, rest) = line.split_once(':')?;
    let is_key = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    is_key.then(|| (key, rest.trim()))
}

/// Parses `---`-separated blocks; `#` lines outside a field are comments.
pub(super) fn blocks(src: &'static str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = Block::default();
    for line in src.lines() {
        if line.trim() == "---" {
            out.push(std::mem::take(&mut current));
            continue;
        }
        if let Some((key, value)) = field_start(line) {
            current.fields.push((key, value.to_string()));
        } else if let Some((_, value)) = current.fields.last_mut() {
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(line.trim_end());
        }
    }
    out.push(current);
    out.retain(|b| !b.fields.is_empty());
    for b in &mut out {
        for (_, v) in &mut b.fields {
            let trimmed = v.trim_end().len();
            v.truncate(trimmed);
        }
    }
    out
}

/// One task template from `tasks.txt`.
#[derive(Debug, Clone, Copy)]
pub(super) struct TaskLine {
    pub key: &'static str,
    pub tags: &'static str,
    /// 1-based position of the assignee.
    pub assignee: usize,
    pub title: &'static str,
}

pub(super) fn task_lines() -> Vec<TaskLine> {
    TASKS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.splitn(4, '|').map(str::trim);
            Some(TaskLine {
                key: parts.next()?,
                tags: parts.next()?,
                assignee: parts.next()?.parse().ok()?,
                title: parts.next()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_multi_line_fields_and_skip_comments() {
        let b = blocks(PROCEDURES);
        assert_eq!(b.len(), 6);
        assert!(b[0].get("steps").starts_with("1. "));
        assert!(b[0].get("steps").contains("\n2. "));
        assert!(b.iter().all(|p| p.position("owner") >= 1));
    }

    #[test]
    fn every_task_line_parses() {
        let n = TASKS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(task_lines().len(), n);
    }
}
