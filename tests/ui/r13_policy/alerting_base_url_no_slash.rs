// A base URL without its last `/`: each `runbook_url` would glue the
// document's path to the last segment. The error is at the literal, with
// the URL meant.
use runbook_dsl::{alerting, Alerting};

const TEAM_ALERTING: Alerting = alerting! {
    base_url: "https://github.com/org/runbooks/blob/main",
    P1 => "critical", respond 30min, by "On-call engineer";
};

fn main() {
    let _ = TEAM_ALERTING;
}
