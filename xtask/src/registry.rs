//! What the commands share about the runbook registry (`runbooks::ALL`):
//! picking runbooks by `--feature`, and today's date for review dates.

use runbook_dsl::{Date, Runbook};

use crate::cli::Usage;

/// The runbooks named by `features`, in the order given, each once (`--feature
/// a --feature a` is `a`); all of them when `features` is empty. An unknown
/// name is a usage error listing the features.
pub fn select<'a>(all: &[&'a Runbook], features: &[String]) -> Result<Vec<&'a Runbook>, Usage> {
    if features.is_empty() {
        return Ok(all.to_vec());
    }
    let mut seen = std::collections::BTreeSet::new();
    features
        .iter()
        .filter(|f| seen.insert(f.as_str()))
        .map(|f| {
            all.iter().copied().find(|rb| rb.feature == f.as_str()).ok_or_else(|| {
                let names: Vec<&str> = all.iter().map(|rb| rb.feature).collect();
                Usage(format!("unknown feature `{f}`; the features are: {}", names.join(", ")))
            })
        })
        .collect()
}

/// Today's date in UTC, from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_feature_selects_every_runbook() {
        let all = select(runbooks::ALL, &[]).expect("all");
        assert_eq!(all.len(), runbooks::ALL.len());
    }

    #[test]
    fn features_are_selected_in_the_order_given() {
        let names: Vec<String> = runbooks::ALL.iter().rev().map(|rb| rb.feature.to_string()).collect();
        let picked: Vec<&str> = select(runbooks::ALL, &names).expect("known").iter().map(|rb| rb.feature).collect();
        assert_eq!(picked, names);
    }

    #[test]
    fn a_feature_named_twice_is_selected_once() {
        let name = runbooks::ALL[0].feature.to_string();
        let picked = select(runbooks::ALL, &[name.clone(), name]).expect("known");
        assert_eq!(picked.len(), 1);
    }

    #[test]
    fn an_unknown_feature_names_the_known_ones() {
        let err = select(runbooks::ALL, &["no_such_feature".into()]).expect_err("unknown");
        assert!(err.0.contains("`no_such_feature`"), "{err}");
        for rb in runbooks::ALL {
            assert!(err.0.contains(rb.feature), "{err}");
        }
    }

    #[test]
    fn today_is_after_the_project_began() {
        assert!(today() > Date { year: 2025, month: 1, day: 1 }, "{}", today());
    }
}
