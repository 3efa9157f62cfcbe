// A response time of zero reads as a typo for `immediately`.
use runbook_dsl::{alerting, Alerting};

const TEAM_ALERTING: Alerting = alerting! {
    base_url: "https://github.com/org/runbooks/blob/main/",
    P0 => "critical", respond 0min, by "On-call engineer";
};

fn main() {
    let _ = TEAM_ALERTING;
}
