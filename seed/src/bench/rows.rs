//! Multi-row INSERT statements for bulk seeding: one statement per few hundred rows, with
//! placeholders in each backend's style, so a million tickets load in minutes. Rows are written
//! only on `flush`, so the caller decides the order between tables (parents before children).

use domain::error::DomainError;
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

/// Rows waiting to be written into one table.
pub struct Rows {
    /// `INSERT INTO table (columns) VALUES`
    head: String,
    /// One row's SQL with `?` where each value goes, such as `(?, ?, lower(?))`.
    row: &'static str,
    arity: usize,
    values: Vec<Value>,
    count: usize,
}

impl Rows {
    pub fn new(table: &str, columns: &str, row: &'static str) -> Self {
        Rows {
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            row,
            arity: row.matches('?').count(),
            values: Vec::new(),
            count: 0,
        }
    }

    /// Queues one row; its values must match the row's placeholders.
    pub fn push(&mut self, values: Vec<Value>) -> Result<(), DomainError> {
        if values.len() != self.arity {
            return Err(DomainError::Internal);
        }
        self.values.extend(values);
        self.count += 1;
        Ok(())
    }

    /// Rows queued and not yet written.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Writes whatever is queued.
    pub async fn flush(&mut self, db: &impl ConnectionTrait) -> Result<(), DomainError> {
        if self.count == 0 {
            return Ok(());
        }
        let backend = db.get_database_backend();
        let mut sql = String::with_capacity(self.head.len() + self.count * (self.row.len() + 24));
        sql.push_str(&self.head);
        let mut n = 0;
        for i in 0..self.count {
            if i > 0 {
                sql.push(',');
            }
            for piece in self.row.split_inclusive('?') {
                match piece.strip_suffix('?') {
                    Some(before) => {
                        sql.push_str(before);
                        n += 1;
                        match backend {
                            DbBackend::Postgres => sql.push_str(&format!("${n}")),
                            _ => sql.push('?'),
                        }
                    }
                    None => sql.push_str(piece),
                }
            }
        }
        let values = std::mem::take(&mut self.values);
        self.count = 0;
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        Ok(())
    }
}
