// A misspelt key is named with the one meant, and the lines after it are
// still read.
use runbook_dsl::{alerting, Alerting};

const TEAM_ALERTING: Alerting = alerting! {
    base_uri: "https://github.com/org/runbooks/blob/main/",
    P1 => "critical", respond 30min, by "On-call engineer";
};

fn main() {
    let _ = TEAM_ALERTING;
}
