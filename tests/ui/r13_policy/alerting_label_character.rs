// A rule label with a space: Alertmanager routes match it as it is. The
// error is at the label, with one that every matcher takes.
use runbook_dsl::{alerting, Alerting};

const TEAM_ALERTING: Alerting = alerting! {
    base_url: "https://github.com/org/runbooks/blob/main/",
    P1 => "page now", respond 30min, by "On-call engineer";
};

fn main() {
    let _ = TEAM_ALERTING;
}
