//! What the first line and the quotes of a CSV body say before the csv
//! reader reads it: the delimiter, and a quoted field that never closes.

/// The most frequent of `,`, `;`, tab on the first line, outside quotes.
pub(super) fn sniff(from: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in from {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The line (1-based within `body`) where a quoted field that never closes
/// opens; the csv reader would silently read the rest of the file into it.
pub(super) fn unclosed_quote(body: &[u8], delimiter: u8) -> Option<usize> {
    let mut line = 1;
    let mut at_field_start = true;
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        match open {
            Some(_) if b == b'"' => {
                if body.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
            Some(_) => {}
            None if b == b'"' && at_field_start => open = Some(line),
            None => {}
        }
        if b == b'\n' {
            line += 1;
        }
        at_field_start = open.is_none() && (b == delimiter || b == b'\n');
        i += 1;
    }
    open
}
