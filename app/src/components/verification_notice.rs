//! The portal's notice about the customer's address: to confirm it (with "send it again") while
//! unconfirmed, and a word when it has just been confirmed.

use crate::{
    api::auth::ResendVerification,
    auth::Auth,
    components::form_feedback::{FormBanner, action_error},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn VerificationNotice() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let resend = ServerAction::<ResendVerification>::new();
    let error = action_error(resend);
    let query = use_query_map();
    let flag = move |name: &str| query.read().get(name).as_deref() == Some("1");
    let resent = move || flag("resent") || matches!(resend.value().get(), Some(Ok(())));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten()?;
                if user.email_verified {
                    return flag("verified").then(|| view! {
                        <div class="notice notice-success" role="status">"Thank you: your address is confirmed."</div>
                    }.into_any());
                }
                Some(view! {
                    <section class="notice notice-info" aria-labelledby="verify-heading">
                        <h2 id="verify-heading">"Confirm your email address"</h2>
                        <p>{format!("We have emailed a link to {}. Until you open it, you see only the requests you raise yourself.", user.email)}</p>
                        <FormBanner error/>
                        <Show when=resent>
                            <p role="status">"We have sent the link again."</p>
                        </Show>
                        <ActionForm action=resend attr:class="inline">
                            <button type="submit" class="btn btn-secondary">"Send the link again"</button>
                        </ActionForm>
                    </section>
                }.into_any())
            })}
        </Transition>
    }
}
