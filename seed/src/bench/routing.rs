//! `docket bench routing`: the routing of a large desk on top of the bench desk, for W1 before
//! and after. Agents are added until the bench desk has the asked number, each in a team with two
//! skills; half have a capacity, set high (10,000), since nothing the load opens is ever solved
//! and a realistic one would stop assignment within a minute. With rules, the rules are a desk's
//! worth of filing: most name made-up words that the load's tickets never contain, one per product
//! that they do (spread over the teams), and a last one that sends whatever else came through the
//! API to a team, so every W1 ticket is filed. Unless told to keep them manual, the teams then
//! hand out their tickets by themselves (round robin, least loaded and skills in turn). Without
//! rules (the "before"), the teams stay manual.

use super::{AGENTS, agent_email, keyword};
use crate::demo::DEMO_PASSWORD;
use domain::{
    accounts::{NewUser, commands as accounts},
    desk_config::Config,
    error::DomainError,
    policy::Actor,
    role::Role,
    routing::{
        agents,
        rules::{self, RuleInput},
        types::Strategy,
    },
};
use sea_orm::DatabaseConnection;

/// Words of the load's subjects (W1's products), one rule each.
const PRODUCT_WORDS: [&str; 6] = ["vpn", "invoice", "mobile", "sign-on", "backup", "printer"];
const SKILLS: [&str; 6] = ["network", "billing", "mobile", "identity", "storage", "hardware"];
const STRATEGIES: [Strategy; 3] = [Strategy::RoundRobin, Strategy::LeastLoaded, Strategy::Skills];

/// What `seed` added.
#[derive(Debug, Default)]
pub struct RoutingSeeded {
    pub rules: usize,
    pub agents_added: usize,
    pub agents: usize,
    /// Teams that now assign by themselves.
    pub teams_automatic: usize,
}

/// A capacity that a bench run never reaches.
const CAPACITY: u32 = 10_000;

/// Adds `agent_count` bench agents (at least the 20 the bench desk has) and, with `rule_count`
/// above 0, that many rules and (unless `manual`) automatic assignment to a seeded bench desk.
pub async fn seed(
    db: &DatabaseConnection,
    rule_count: usize,
    agent_count: usize,
    manual: bool,
) -> Result<RoutingSeeded, DomainError> {
    let system = Actor::System;
    let config = Config::load(db).await?;
    let teams: Vec<i64> = config.teams.iter().map(|t| t.id).collect();
    if teams.is_empty() {
        return Err(DomainError::Conflict("The desk has no teams: run `docket bench seed` first".into()));
    }
    let mut seeded = RoutingSeeded::default();
    for n in 1..=agent_count.max(AGENTS) {
        let email = agent_email(n);
        let id = match domain::accounts::queries::find_by_email(db, &email).await? {
            Some(agent) => agent.id,
            None => {
                let input = NewUser {
                    name: format!("Bench Agent {n:02}"),
                    email,
                    password: DEMO_PASSWORD.into(),
                    role: Role::Agent,
                    organization_id: None,
                };
                let agent = accounts::create_user(db, &system, input).await?;
                domain::teams::commands::add_member(db, &system, teams[n % teams.len()], agent.id).await?;
                seeded.agents_added += 1;
                agent.id
            }
        };
        let capacity = (n % 2 == 1).then_some(CAPACITY);
        let skills = format!("{}, {}", SKILLS[n % SKILLS.len()], SKILLS[(n / SKILLS.len()) % SKILLS.len()]);
        agents::set_agent(db, &system, id, capacity, &skills).await?;
        seeded.agents += 1;
    }
    if rule_count > 0 && !manual {
        seeded.teams_automatic = teams.len();
        for (i, &team) in teams.iter().enumerate() {
            agents::set_strategy(db, &system, team, STRATEGIES[i % STRATEGIES.len()]).await?;
        }
    }
    let priorities: Vec<(i64, String)> =
        config.priorities.iter().filter(|p| p.active).map(|p| (p.id, p.name.to_lowercase())).collect();
    let categories: Vec<i64> = config.categories.iter().filter(|c| c.active).map(|c| c.id).collect();
    for i in 0..rule_count {
        let team = teams[i % teams.len()];
        let rule = if i + 1 == rule_count {
            RuleInput {
                name: "Everything through the API".into(),
                conditions: "channel:api".into(),
                team_id: Some(team),
                tags: "api".into(),
                ..RuleInput::default()
            }
        } else if i % 8 == 0 && i / 8 < PRODUCT_WORDS.len() {
            let word = PRODUCT_WORDS[i / 8];
            RuleInput {
                name: format!("Product {word}"),
                conditions: word.into(),
                team_id: Some(teams[(i / 8) % teams.len()]),
                category_id: categories.get(i % categories.len().max(1)).copied(),
                tags: word.replace('-', ""),
                skills: SKILLS[i / 8].into(),
                ..RuleInput::default()
            }
        } else {
            let (priority, name) = &priorities[i % priorities.len()];
            let conditions = match i % 4 {
                0 => format!("{} {}", keyword(i), keyword(i + 50)),
                1 => format!("priority:{name} {}", keyword(i)),
                2 => format!("channel:email channel:web \"{} {}\"", keyword(i), keyword(i + 1)),
                _ => format!("tag:{} -{}", keyword(i), keyword(i + 25)),
            };
            RuleInput {
                name: format!("Filing {i:02}"),
                conditions,
                team_id: (i % 3 == 0).then_some(team),
                priority_id: (i % 3 == 1).then_some(*priority),
                tags: keyword(i),
                skills: SKILLS[i % SKILLS.len()].into(),
                ..RuleInput::default()
            }
        };
        rules::create(db, &system, RuleInput { active: true, ..rule }).await?;
        seeded.rules += 1;
    }
    Ok(seeded)
}
