//! Text forms for searching: lowercase, and folded (lowercase without
//! diacritics), so `tra o long` finds `trà ô long` and `dang` finds `Đăng`.

use std::borrow::Cow;
use std::sync::OnceLock;

use memchr::memmem::Finder;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Separates the fields of a search text. [`lower`] and [`fold`] turn every
/// control character into a space, so no needle or field ever contains it
/// and a match never spans two fields.
pub(crate) const FIELD_SEP: char = '\u{1f}';

fn ascii_lower(b: u8) -> char {
    if b.is_ascii_control() {
        ' '
    } else {
        b.to_ascii_lowercase() as char
    }
}

fn push_lower(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        out.push(if l.is_control() { ' ' } else { l });
    }
}

/// Characters below this have their folded and lowercase forms looked up
/// in a table (Latin, Greek, Cyrillic and Vietnamese's U+1EA0..U+1EF9), so
/// folding 50,000 lines does not decompose each letter again.
const TABLE_END: u32 = 0x2000;
/// In a table: the character has no single-character form.
const NOT_ONE: u32 = u32::MAX;
/// In the fold table: the character folds to nothing (a combining mark).
const NOTHING: u32 = u32::MAX - 1;

/// `(lowercase, folded)` of every character below [`TABLE_END`].
fn tables() -> &'static (Vec<u32>, Vec<u32>) {
    static TABLES: OnceLock<(Vec<u32>, Vec<u32>)> = OnceLock::new();
    TABLES.get_or_init(|| {
        let one = |s: &str| {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (None, _) => NOTHING,
                (Some(c), None) => u32::from(c),
                _ => NOT_ONE,
            }
        };
        (0..TABLE_END)
            .map(|u| match char::from_u32(u) {
                Some(c) => {
                    let mut lowered = String::new();
                    push_lower(c, &mut lowered);
                    let mut folded = String::new();
                    fold_char(c, &mut folded);
                    (one(&lowered), one(&folded))
                }
                None => (NOT_ONE, NOT_ONE),
            })
            .unzip()
    })
}

/// Pushes `table[c]` if the table has a single-character answer for `c`.
fn from_table(table: &[u32], c: char, out: &mut String) -> bool {
    match table.get(c as usize).copied() {
        Some(NOTHING) => true,
        Some(NOT_ONE) | None => false,
        Some(u) => match char::from_u32(u) {
            Some(mapped) => {
                out.push(mapped);
                true
            }
            None => false,
        },
    }
}

fn fold_char(c: char, out: &mut String) {
    // Char by char: the marks are dropped, so NFD's reordering of them
    // does not matter.
    decompose_canonical(c, |d| match d {
        'đ' | 'Đ' => out.push('d'),
        d if is_combining_mark(d) => {}
        d => push_lower(d, out),
    });
}

/// Unicode lowercase in composed form (NFC), control characters as spaces:
/// what an accented needle is compared against.
pub(crate) fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.bytes().map(ascii_lower).collect();
    }
    let composed: Cow<'_, str> = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    };
    let table = &tables().0;
    let mut out = String::with_capacity(composed.len());
    for c in composed.chars() {
        if c.is_ascii() {
            out.push(ascii_lower(c as u8));
        } else if !from_table(table, c, &mut out) {
            push_lower(c, &mut out);
        }
    }
    out
}

/// Lowercase with diacritics dropped: decomposed (NFD), combining marks
/// removed, `đ` read as `d`; control characters as spaces.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.bytes().map(ascii_lower).collect();
    }
    let table = &tables().1;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(ascii_lower(c as u8));
        } else if !from_table(table, c, &mut out) {
            fold_char(c, &mut out);
        }
    }
    out
}

/// A word to find, in the form it is compared in.
///
/// A needle typed without diacritics ignores them (`tet` finds `Tết`); a
/// needle typed with any keeps them all (`tết` finds `Tết` but not `tệt`),
/// the way smart case works for capitals in many editors.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    pub text: String,
    /// True: compare with the lowercase text; false: with the folded text.
    pub accented: bool,
    /// A substring searcher built once per filter, not once per line.
    finder: Finder<'static>,
}

impl PartialEq for Needle {
    fn eq(&self, other: &Needle) -> bool {
        self.text == other.text && self.accented == other.accented
    }
}

impl Eq for Needle {}

impl Needle {
    pub fn new(s: &str) -> Needle {
        let lowered = lower(s);
        let folded = fold(s);
        if lowered == folded {
            Needle::from_form(folded, false)
        } else {
            Needle::from_form(lowered, true)
        }
    }

    /// A needle that matches only a whole tag in a tag list laid out as
    /// `␟tag␟tag␟`.
    pub fn whole_tag(tag: &str) -> Needle {
        let n = Needle::new(tag);
        Needle::from_form(format!("{FIELD_SEP}{}{FIELD_SEP}", n.text), n.accented)
    }

    fn from_form(text: String, accented: bool) -> Needle {
        let finder = Finder::new(text.as_bytes()).into_owned();
        Needle {
            text,
            accented,
            finder,
        }
    }

    pub fn finder(&self) -> &Finder<'static> {
        &self.finder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_and_keeps_the_rest() {
        let cases = [
            ("Trà Ô Long", "trà ô long", "tra o long"),
            ("Tết 2027", "tết 2027", "tet 2027"),
            ("Đăng bài", "đăng bài", "dang bai"),
            ("Ưu đãi Phở", "ưu đãi phở", "uu dai pho"),
            ("SEO\tplan", "seo plan", "seo plan"),
            ("Größe", "größe", "große"),
        ];
        for (input, want_lower, want_fold) in cases {
            assert_eq!(lower(input), want_lower, "lower {input}");
            assert_eq!(fold(input), want_fold, "fold {input}");
        }
    }

    #[test]
    fn decomposed_input_compares_equal_to_composed() {
        let decomposed = "Te\u{302}\u{301}t";
        assert_eq!(lower(decomposed), "tết");
        assert_eq!(fold(decomposed), "tet");
    }

    #[test]
    fn needle_is_accented_only_when_it_has_marks() {
        let tet = Needle::new("TET");
        assert_eq!((tet.text.as_str(), tet.accented), ("tet", false));
        let tet = Needle::new("Tết");
        assert_eq!((tet.text.as_str(), tet.accented), ("tết", true));
        assert!(tet.finder().find("chúc tết".as_bytes()).is_some());
        assert!(tet.finder().find(b"chuc tet").is_none());
        assert!(Needle::new("đ").accented);
        assert!(!fold("a\u{1f}b").contains(FIELD_SEP));
    }
}
