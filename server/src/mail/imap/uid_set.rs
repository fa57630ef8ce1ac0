//! UID arithmetic for polling: which UIDs a search really matched above a cursor, and the compact
//! sequence set that fetches exactly those.

/// The `limit` lowest UIDs above `after_uid`, ascending. A search for `n:*` always matches the
/// highest UID in the folder, even below `n` (RFC 3501 §6.4.8), hence the filter.
pub(super) fn above(found: impl IntoIterator<Item = u32>, after_uid: u32, limit: usize) -> Vec<u32> {
    let mut uids: Vec<u32> = found.into_iter().filter(|&uid| uid > after_uid).collect();
    uids.sort_unstable();
    uids.dedup();
    uids.truncate(limit);
    uids
}

/// `1:3,7,9:10` for ascending, distinct UIDs: one short command however many messages.
pub(super) fn sequence_set(uids: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &uid in uids {
        match ranges.last_mut() {
            Some((_, end)) if end.checked_add(1) == Some(uid) => *end = uid,
            _ => ranges.push((uid, uid)),
        }
    }
    let parts: Vec<String> = ranges
        .into_iter()
        .map(|(start, end)| if start == end { start.to_string() } else { format!("{start}:{end}") })
        .collect();
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn above_drops_what_n_star_adds_and_keeps_the_oldest() {
        let cases: &[(&[u32], u32, usize, &[u32])] = &[
            (&[], 0, 10, &[]),
            (&[7], 7, 10, &[]),
            (&[3], 7, 10, &[]),
            (&[9, 8, 10], 7, 10, &[8, 9, 10]),
            (&[9, 8, 10, 8], 7, 2, &[8, 9]),
            (&[1, 2, 3], 0, 0, &[]),
            (&[u32::MAX], u32::MAX - 1, 5, &[u32::MAX]),
        ];
        for &(found, after, limit, want) in cases {
            assert_eq!(above(found.iter().copied(), after, limit), want, "{found:?} after {after} limit {limit}");
        }
    }

    #[test]
    fn sequence_set_joins_runs() {
        let cases: &[(&[u32], &str)] = &[
            (&[], ""),
            (&[5], "5"),
            (&[1, 2, 3], "1:3"),
            (&[1, 2, 3, 7, 9, 10], "1:3,7,9:10"),
            (&[4, 6, 8], "4,6,8"),
            (&[u32::MAX - 1, u32::MAX], "4294967294:4294967295"),
        ];
        for &(uids, want) in cases {
            assert_eq!(sequence_set(uids), want, "{uids:?}");
        }
    }
}
