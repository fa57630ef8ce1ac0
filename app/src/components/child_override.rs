//! Inside the agent's ticket form: what open child tickets mean for solving the parent, and for
//! admins the override.

use leptos::prelude::*;

#[component]
pub fn ChildOverride(open_children: usize, can_override: bool) -> impl IntoView {
    let count = match open_children {
        1 => "1 child ticket is".to_owned(),
        n => format!("{n} child tickets are"),
    };
    (open_children > 0).then(|| {
        if can_override {
            view! {
                <div class="field">
                    <label>
                        <input type="checkbox" name="override_children" value="on"/>
                        {format!(" Solve or close although {count} still open (admin override, recorded)")}
                    </label>
                </div>
            }
            .into_any()
        } else {
            view! { <p class="hint">{format!("{count} still open; solve them before this one.")}</p> }.into_any()
        }
    })
}
