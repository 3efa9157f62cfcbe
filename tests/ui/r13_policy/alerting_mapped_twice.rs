// Two lines for one severity: one of them would be ignored. Every mistake
// of the policy is reported together: here also a line without `by`.
use runbook_dsl::{alerting, Alerting};

const TEAM_ALERTING: Alerting = alerting! {
    base_url: "https://github.com/org/runbooks/blob/main/",
    P1 => "critical", respond 30min, by "On-call engineer";
    P1 => "warning", respond 4h, by "SRE";
    P3 => "info", respond 2bd;
};

fn main() {
    let _ = TEAM_ALERTING;
}
