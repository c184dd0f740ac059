//! Headers folded for comparison, whatever their case, spacing and accents.

/// A header folded for comparison: lower case, without spaces, `_`, `-`,
/// `.`, without accents (`Ngày đặt` = `ngay dat` = `NGAY_DAT`, also where
/// the text is decomposed) and without a trailing `(…)` such as `(VND)`.
pub(crate) fn fold(header: &str) -> String {
    let mut h = header.trim();
    if h.ends_with(')')
        && let Some(open) = h.rfind('(')
        && open > 0
    {
        h = &h[..open];
    }
    let mut out = String::with_capacity(h.len());
    for c in h.chars().flat_map(char::to_lowercase) {
        if matches!(c, ' ' | '_' | '-' | '.' | '\u{a0}') || ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        out.push(base_letter(c));
    }
    out
}

/// The letter without its accent, for the Vietnamese (and common Latin)
/// accented lower-case letters.
fn base_letter(c: char) -> char {
    const FOLDS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậäå", 'a'),
        ("èéẻẽẹêềếểễệë", 'e'),
        ("ìíỉĩịïî", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợö", 'o'),
        ("ùúủũụưừứửữựüû", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    if c.is_ascii() {
        return c;
    }
    FOLDS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map_or(c, |(_, base)| *base)
}
