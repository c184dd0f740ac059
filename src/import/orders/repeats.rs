//! Order ids repeated on later rows.

use std::hash::Hasher;

/// `(row, first row)` for each row whose order id is on an earlier row,
/// in row order. Sorting hashes keeps memory access sequential: a hash
/// map of a million ids spends most of its time waiting on cache misses.
pub(super) fn repeats<'a>(rows: usize, id: impl Fn(usize) -> &'a str) -> Vec<(usize, usize)> {
    let hash = |text: &str| {
        let mut h = FastHash::default();
        h.write(text.as_bytes());
        h.finish()
    };
    let mut keyed: Vec<(u64, usize)> = (0..rows)
        .filter_map(|r| Some(id(r)).filter(|t| !t.is_empty()).map(|t| (hash(t), r)))
        .collect();
    keyed.sort_unstable();
    let mut found = Vec::new();
    for group in keyed.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (k, &(_, row)) in group.iter().enumerate().skip(1) {
            let text = id(row);
            // Rows ascend within a group, so this is the first appearance.
            if let Some(&(_, first)) = group[..k].iter().find(|(_, f)| id(*f) == text) {
                found.push((row, first));
            }
        }
    }
    found.sort_unstable();
    found
}

/// A quick multiply-rotate hash (as in rustc's FxHash) for order ids:
/// SipHash's protection against crafted keys buys nothing for a local file.
#[derive(Default)]
pub(super) struct FastHash(u64);

impl Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}
