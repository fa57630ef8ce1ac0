//! The list of one's API tokens, each with a revoke button (a plain form, so it works without
//! JavaScript).

use crate::{api::api_tokens::RevokeApiToken, components::format::when};
use domain::api_tokens::TokenView;
use leptos::prelude::*;

#[component]
pub fn TokenTable(tokens: Vec<TokenView>, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="muted">"No tokens yet."</p> }.into_any();
    }
    let rows = tokens
        .into_iter()
        .map(|t| {
            let label = format!("Revoke the token {}", t.name);
            let expires = match (t.expires_at, t.expired) {
                (None, _) => "Never".to_owned(),
                (Some(at), true) => format!("Expired {}", when(at)),
                (Some(at), false) => when(at),
            };
            view! {
                <tr>
                    <td>{t.name}</td>
                    <td><code>{format!("{}…", t.prefix)}</code></td>
                    <td>{t.scope.label()}</td>
                    <td>{when(t.created_at)}</td>
                    <td>{t.last_used_at.map_or_else(|| "Never".to_owned(), when)}</td>
                    <td>{expires}</td>
                    <td>
                        <ActionForm action=revoke attr:class="inline">
                            <input type="hidden" name="token_id" value=t.id.to_string()/>
                            <button type="submit" class="btn btn-link btn-small" aria-label=label>"Revoke"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>"Name"</th>
                        <th>"Token"</th>
                        <th>"Scope"</th>
                        <th>"Created"</th>
                        <th>"Last used"</th>
                        <th>"Expires"</th>
                        <th><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
