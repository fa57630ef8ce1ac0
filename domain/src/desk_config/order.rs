//! Ordered lists that admins rearrange one step at a time (SLA policies, routing rules,
//! automation rules): which positions to write when an item moves one place up or down. Pure.

use crate::error::DomainError;

/// The new positions (from 1) of the items whose position changes when `id` moves one place
/// earlier (`up`) or later among `items` (id and position, in their current order); empty when it
/// is already at that end.
pub fn moved(items: &[(i64, i32)], id: i64, up: bool) -> Result<Vec<(i64, i32)>, DomainError> {
    let mut ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
    let at = ids.iter().position(|i| *i == id).ok_or(DomainError::NotFound)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|i| *i < ids.len()) };
    let Some(other) = other else { return Ok(Vec::new()) };
    ids.swap(at, other);
    Ok(ids
        .into_iter()
        .enumerate()
        .map(|(index, id)| (id, i32::try_from(index + 1).unwrap_or(i32::MAX)))
        .filter(|(id, position)| items.iter().any(|(i, p)| i == id && p != position))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn one_step_and_positions_made_whole() {
        let items = [(7, 1), (3, 2), (9, 5)];
        assert_eq!(moved(&items, 3, true).unwrap(), [(3, 1), (7, 2), (9, 3)]);
        assert_eq!(moved(&items, 3, false).unwrap(), [(9, 2), (3, 3)]);
        assert!(moved(&items, 7, true).unwrap().is_empty(), "already first");
        assert!(moved(&items, 4, true).is_err());
    }
}
