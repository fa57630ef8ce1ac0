//! Who reads and who writes knowledge-base articles. Readers: anyone reads published public
//! articles, signed-in customers also the customers' ones, staff every article in any state.
//! Writers: admins, and the agents and managers an admin allows (`users.writes_articles`).

use super::Actor;
use crate::kb::types::{ArticleState, ArticleVisibility};

/// What one reader may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleReading {
    pub visibilities: &'static [ArticleVisibility],
    /// Drafts and archived articles too (staff); otherwise only published ones.
    pub unpublished: bool,
}

impl ArticleReading {
    pub fn allows(&self, visibility: ArticleVisibility, state: ArticleState) -> bool {
        self.visibilities.contains(&visibility) && (self.unpublished || state == ArticleState::Published)
    }

    pub fn states(&self) -> &'static [ArticleState] {
        if self.unpublished { &ArticleState::ALL } else { &[ArticleState::Published] }
    }
}

/// The articles `actor` may read. A magic link's holder is not signed in: they read what the
/// public reads.
pub fn article_reading(actor: &Actor) -> ArticleReading {
    use ArticleVisibility::*;
    match actor {
        Actor::System => ArticleReading { visibilities: &ArticleVisibility::ALL, unpublished: true },
        Actor::User(p) if p.role.is_staff() => {
            ArticleReading { visibilities: &ArticleVisibility::ALL, unpublished: true }
        }
        Actor::User(_) => ArticleReading { visibilities: &[Public, Customers], unpublished: false },
        Actor::Anonymous | Actor::Link { .. } => ArticleReading { visibilities: &[Public], unpublished: false },
    }
}

/// Whether `actor` may write, publish and archive articles and arrange categories; `allowed` is
/// the admin's permission on their account.
pub fn can_write_articles(actor: &Actor, allowed: bool) -> bool {
    match actor {
        Actor::System => true,
        Actor::User(p) => p.role == crate::role::Role::Admin || (p.role.is_staff() && allowed),
        Actor::Anonymous | Actor::Link { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{policy::Principal, role::Role};

    fn user(role: Role) -> Actor {
        Actor::User(Principal { user_id: 3, role, organization_id: None })
    }

    #[test]
    fn readers_see_what_their_role_allows() {
        use ArticleState::*;
        use ArticleVisibility::*;
        let link = Actor::Link {
            principal: Principal { user_id: 3, role: Role::Customer, organization_id: None },
            ticket_id: 1,
        };
        // (actor, public, customers, agents, drafts)
        let table = [
            (Actor::Anonymous, true, false, false, false),
            (link, true, false, false, false),
            (user(Role::Customer), true, true, false, false),
            (user(Role::Agent), true, true, true, true),
            (user(Role::Manager), true, true, true, true),
            (user(Role::Admin), true, true, true, true),
        ];
        for (actor, public, customers, agents, drafts) in table {
            let r = article_reading(&actor);
            assert_eq!(r.allows(Public, Published), public, "{actor:?}");
            assert_eq!(r.allows(Customers, Published), customers, "{actor:?}");
            assert_eq!(r.allows(Agents, Published), agents, "{actor:?}");
            assert_eq!(r.allows(Public, Draft), drafts, "{actor:?}");
            assert_eq!(r.allows(Public, Archived), drafts, "{actor:?}");
        }
    }

    #[test]
    fn writers_are_admins_and_allowed_staff() {
        assert!(can_write_articles(&user(Role::Admin), false));
        assert!(can_write_articles(&user(Role::Agent), true));
        assert!(!can_write_articles(&user(Role::Agent), false));
        assert!(!can_write_articles(&user(Role::Customer), true));
        assert!(!can_write_articles(&Actor::Anonymous, true));
    }
}
