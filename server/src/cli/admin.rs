//! `docket admin create`: make an admin (or agent) from the shell, password from stdin or a prompt.

use anyhow::{Context, bail};
use clap::Subcommand;
use domain::{
    Actor, DomainError, Role,
    accounts::{NewUser, commands},
};
use sea_orm::DatabaseConnection;
use std::io::{IsTerminal, Read};

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user; the password is read from standard input, or asked for on a terminal
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, manager or agent
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

pub async fn run(db: &DatabaseConnection, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::Create { email, name, role } => {
            let role = Role::parse(&role).filter(|r| r.is_staff()).context("--role must be admin, manager or agent")?;
            let password = read_password()?;
            let input = NewUser { name, email, password, role, organization_id: None };
            match commands::create_user(db, &Actor::System, input).await {
                Ok(user) => {
                    println!("created {} {} (id {})", user.role.as_str(), user.email, user.id);
                    Ok(())
                }
                Err(DomainError::Validation(fields)) => {
                    let text: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect();
                    bail!("{}", text.join("; "))
                }
                Err(other) => Err(other).context("creating the user"),
            }
        }
    }
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("reading the password")?;
        let again = rpassword::prompt_password("Repeat password: ").context("reading the password")?;
        if first != again {
            bail!("the passwords differ");
        }
        Ok(first)
    } else {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input).context("reading the password from standard input")?;
        Ok(input.trim_end_matches(['\r', '\n']).to_owned())
    }
}
