//! The banner on a ticket opened by its magic link: who is viewing, and the way to the rest of
//! their requests (sign in, or have a link mailed to set a password and claim the account).

use crate::{api::access::ClaimAccountFromLink, auth::Auth};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LinkBanner() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let claim = ServerAction::<ClaimAccountFromLink>::new();
    let query = use_query_map();
    let mailed =
        move || query.read().get("claim").as_deref() == Some("1") || matches!(claim.value().get(), Some(Ok(())));
    let failed = move || claim.value().get().and_then(Result::err).map(|e| e.message);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten().filter(|u| u.link_ticket_id.is_some())?;
                Some(view! {
                    <aside class="notice notice-info link-banner" aria-label="Viewing from an email link">
                        <p>{format!("You are viewing this request as {} from a link in our email. It opens this request only.", user.name)}</p>
                        <p>
                            <a class="btn btn-secondary" href="/signin?next=/portal">"Sign in to see all your requests"</a>
                        </p>
                        {if user.has_password {
                            view! {
                                <p class="muted">"Forgot your password? " <a href="/password/forgot">"Reset it"</a></p>
                            }.into_any()
                        } else {
                            view! {
                                <ActionForm action=claim attr:class="inline">
                                    <p class="muted">"No password yet? "
                                        <button type="submit" class="btn btn-link">"Email me a link to set one"</button>
                                    </p>
                                </ActionForm>
                            }.into_any()
                        }}
                        <Show when=mailed>
                            <p role="status">{format!("We have emailed {} a link to set your password.", user.email)}</p>
                        </Show>
                        {move || failed().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    </aside>
                })
            })}
        </Transition>
    }
}
