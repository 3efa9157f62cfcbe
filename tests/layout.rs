//! Many environments, short documents: a section that differs only by
//! values grows with what differs, not with every step. The same runbook
//! (the auth service, deployed per region) with one region and with three:
//! the three-region operations document is at most 1.6 times as long in
//! bytes (the measure of the target: what there is to read), and each
//! region's commands are complete in it. In lines it is under twice as long:
//! each collapsed environment adds short `<details>` lines that markdownlint
//! wants apart from the code blocks.

#[path = "shapes/regions.rs"]
mod regions;

use regions::{ONE_REGION, THREE_REGIONS};

/// The longest the three-region document may be, in bytes, as a multiple of the one-region one.
const TARGET: f64 = 1.6;
/// The same in lines: still well under the 3x of repeating every step per environment.
const TARGET_LINES: f64 = 2.0;

#[test]
fn three_regions_cost_at_most_sixty_percent_more_than_one() {
    let [one_ops, one_ts, _] = runbook_dsl::documents(&ONE_REGION);
    let [three_ops, three_ts, _] = runbook_dsl::documents(&THREE_REGIONS);
    let bytes = three_ops.contents.len() as f64 / one_ops.contents.len() as f64;
    let lines = three_ops.contents.lines().count() as f64 / one_ops.contents.lines().count() as f64;
    eprintln!(
        "operations: {} -> {} bytes ({bytes:.2}x), {} -> {} lines ({lines:.2}x)",
        one_ops.contents.len(),
        three_ops.contents.len(),
        one_ops.contents.lines().count(),
        three_ops.contents.lines().count()
    );
    assert!(bytes <= TARGET, "operations document: {bytes:.2}x the bytes with three regions");
    assert!(lines <= TARGET_LINES, "operations document: {lines:.2}x the lines with three regions");
    // The troubleshooting guide holds fewer steps per page: it grows less still than repeating it.
    let ts = three_ts.contents.len() as f64 / one_ts.contents.len() as f64;
    eprintln!("troubleshooting: {ts:.2}x the bytes");
    assert!(ts <= TARGET, "troubleshooting guide: {ts:.2}x the bytes with three regions");
}

#[test]
fn every_region_gets_its_own_complete_commands() {
    let m = THREE_REGIONS.model();
    let ops = &runbook_dsl::documents(&THREE_REGIONS)[0].contents;
    // The var built from each region's value is substituted in each region's block.
    for region in ["tokyo", "osaka", "singapore"] {
        assert!(ops.contains(&format!("sudo systemctl restart authd-{region}")), "{region}");
    }
    // A step the same in every region is shown once.
    let once = "psql -h localhost -U auth_app -d auth -c \"SELECT 1;\"";
    assert_eq!(ops.matches(once).count(), 1, "{once}");
    // The first region is open, the others collapsed, each in its own block.
    assert!(ops.contains("<details open><summary>Environment: Tokyo (ap-northeast-1)</summary>"));
    assert!(ops.contains("<details><summary>Environment: Singapore (ap-southeast-1)</summary>"));
    assert_eq!(m.environments.len(), 3);
    // With one region there is nothing to choose: no `<details>` at all.
    let one = &runbook_dsl::documents(&ONE_REGION)[0].contents;
    assert!(!one.contains("<details") && one.contains("sudo systemctl restart authd-tokyo"));
}
