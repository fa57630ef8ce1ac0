//! A model: linfa-bayes' multinomial naive Bayes learns, a batch at a time (so that a large
//! desk never needs its whole matrix in memory), with the ids of the field's values as classes;
//! what it learned (each class's log prior and log word probabilities) is then kept as `Model`,
//! which scores a ticket by summing over the counters its words set and turns the scores into
//! probabilities (the confidence shown to agents). linfa-bayes 0.7 keeps those numbers private
//! and offers no probabilities, so they are read from its serialised form (the crate is pinned,
//! and the tests below fail if that form changes).

use super::features::{DIM, dense};
use linfa::{DatasetBase, traits::FitWith};
use linfa_bayes::{MultinomialNb, MultinomialNbParams};
use ndarray::Array1;
use serde::{Deserialize, Serialize};

/// Learns from batches.
#[derive(Default)]
pub struct Trainer {
    nb: Option<MultinomialNb<f32, usize>>,
}

impl Trainer {
    pub fn new() -> Trainer {
        Trainer::default()
    }

    /// Learns from a batch of (features, value id).
    pub fn learn(&mut self, batch: &[(&[(u16, f32)], i64)]) -> Result<(), String> {
        if batch.is_empty() {
            return Ok(());
        }
        let rows: Vec<&[(u16, f32)]> = batch.iter().map(|(f, _)| *f).collect();
        let x = dense(&rows);
        let y: Array1<usize> = batch.iter().map(|(_, id)| usize::try_from(*id).unwrap_or(0)).collect();
        let dataset = DatasetBase::new(x, y);
        let fitted =
            MultinomialNbParams::new().alpha(1.0).fit_with(self.nb.take(), &dataset).map_err(|e| e.to_string())?;
        self.nb = fitted;
        Ok(())
    }

    /// What it learned, or `None` when it saw nothing.
    pub fn finish(self) -> Result<Option<Model>, String> {
        let Some(nb) = self.nb else { return Ok(None) };
        let learned = serde_json::to_value(&nb).map_err(|e| e.to_string())?;
        let classes = learned["class_info"].as_object().ok_or("no classes in the trained model")?;
        let mut out = Vec::with_capacity(classes.len());
        for (label, info) in classes {
            let id: i64 = label.parse().map_err(|_| format!("a class that is not an id: {label}"))?;
            let prior = info["prior"].as_f64().ok_or("a class without a prior")?;
            let log_prob: Vec<f32> = info["feature_log_prob"]["data"]
                .as_array()
                .ok_or("a class without word probabilities")?
                .iter()
                .map(|v| v.as_f64().unwrap_or(f64::NEG_INFINITY) as f32)
                .collect();
            if log_prob.len() != DIM {
                return Err(format!("{} word probabilities, not {DIM}", log_prob.len()));
            }
            out.push(Class { id, log_prior: prior.ln() as f32, log_prob });
        }
        out.sort_by_key(|c| c.id);
        Ok(Some(Model { classes: out }))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Class {
    id: i64,
    log_prior: f32,
    log_prob: Vec<f32>,
}

/// What a training learned.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    classes: Vec<Class>,
}

impl Model {
    /// The most likely value of each row, with its probability.
    pub fn predict(&self, rows: &[&[(u16, f32)]]) -> Vec<Option<(i64, f32)>> {
        rows.iter().map(|row| self.predict_one(row)).collect()
    }

    fn predict_one(&self, row: &[(u16, f32)]) -> Option<(i64, f32)> {
        let scores: Vec<f32> = self
            .classes
            .iter()
            .map(|c| {
                c.log_prior
                    + row.iter().map(|&(i, n)| n * c.log_prob.get(usize::from(i)).copied().unwrap_or(0.0)).sum::<f32>()
            })
            .collect();
        let best =
            scores.iter().copied().enumerate().filter(|(_, s)| s.is_finite()).max_by(|a, b| a.1.total_cmp(&b.1))?;
        // Probabilities from log scores, shifted by the best for stability.
        let total: f32 = scores.iter().filter(|s| s.is_finite()).map(|s| (s - best.1).exp()).sum();
        Some((self.classes[best.0].id, 1.0 / total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::features::{features, stemmer};

    #[test]
    fn learns_in_batches_and_predicts_with_a_probability() {
        let s = stemmer();
        let billing = [("Invoice is wrong", "the invoice total"), ("Refund please", "charged twice on the invoice")];
        let network = [("VPN drops", "the tunnel disconnects"), ("Wifi slow", "network is slow in the office")];
        let rows: Vec<(Vec<(u16, f32)>, i64)> = billing
            .iter()
            .map(|(a, b)| (features(&s, a, b), 7))
            .chain(network.iter().map(|(a, b)| (features(&s, a, b), 9)))
            .collect();
        let mut trainer = Trainer::new();
        for batch in rows.chunks(2) {
            let batch: Vec<(&[(u16, f32)], i64)> = batch.iter().map(|(f, id)| (f.as_slice(), *id)).collect();
            trainer.learn(&batch).unwrap();
        }
        let model = trainer.finish().unwrap().unwrap();
        let question = features(&s, "Second invoice", "why was I charged twice");
        let guess = model.predict(&[&question])[0].unwrap();
        assert_eq!(guess.0, 7);
        assert!(guess.1 > 0.5 && guess.1 <= 1.0, "{guess:?}");
        let vpn = features(&s, "VPN tunnel", "disconnects from the network");
        assert_eq!(model.predict(&[&vpn])[0].map(|g| g.0), Some(9));
        let json = serde_json::to_string(&model).unwrap();
        let back: Model = serde_json::from_str(&json).unwrap();
        assert_eq!(back.predict(&[&question])[0].map(|g| g.0), Some(7));
        assert!(Trainer::new().finish().unwrap().is_none());
    }
}
