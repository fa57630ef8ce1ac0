//! A select of a settings form whose first option leaves the field as it is ("Leave the team"),
//! then one option per choice, the current one selected.

use crate::{components::form_feedback::invalid, error::AppError};
use domain::ticket_types::OptionView;
use leptos::prelude::*;

pub fn choice_select(
    id: String,
    field: &'static str,
    none: &'static str,
    options: &[OptionView],
    current: Option<i64>,
    error: Signal<Option<AppError>>,
) -> AnyView {
    let options = options
        .iter()
        .map(|o| view! { <option value=o.id.to_string() selected=current == Some(o.id)>{o.name.clone()}</option> })
        .collect_view();
    view! {
        <select id=id name=field aria-invalid=invalid(error, field)>
            <option value="">{none}</option>
            {options}
        </select>
    }
    .into_any()
}
