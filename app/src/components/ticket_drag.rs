//! Dragging a ticket (a board card, a calendar entry) onto a drop target: the payload is the
//! ticket's id as text.

use web_sys::DragEvent;

const DRAG_TYPE: &str = "text/plain";

/// Starts dragging the ticket `id`.
pub fn start(ev: &DragEvent, id: i64) {
    if let Some(data) = ev.data_transfer() {
        data.set_data(DRAG_TYPE, &id.to_string()).ok();
        data.set_effect_allowed("move");
    }
}

/// The ticket dropped, if the drop carries one.
pub fn dropped(ev: &DragEvent) -> Option<i64> {
    ev.data_transfer()?.get_data(DRAG_TYPE).ok()?.parse().ok()
}
