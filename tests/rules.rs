//! The Prometheus rules: every `runbook_url` of every rule file leads to an
//! anchor that exists; one threshold changed in the runbook changes the
//! monitoring table, the rule and its tests together; every form of the
//! DSL becomes the rule it says; and, where promtool is installed (CI
//! installs it), the rules load, their generated tests pass, and the tests
//! catch a rule that fires at the wrong value or too early.

use std::path::Path;
use std::process::Command;

use runbook_dsl::render::rules::{self, Threshold};
use runbook_dsl::render::{body, Kind};
use runbook_dsl::{runbook, Band, Level, Model, Runbook};
use runbooks::common::{BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

#[path = "shapes/alertmanager.rs"]
mod alertmanager;
#[path = "shapes/etcd_vms.rs"]
mod etcd_vms;
#[path = "leftover.rs"]
mod leftover;

fn all_rule_documents() -> Vec<runbook_dsl::Document> {
    runbooks::ALL.iter().flat_map(|rb| rules::documents(rb)).collect()
}

/// The value of every `key: "..."` line of a rule file.
fn values<'a>(yaml: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key}: \"");
    yaml.lines()
        .filter_map(|l| l.trim_start().strip_prefix(prefix.as_str()))
        .filter_map(|rest| rest.strip_suffix('"'))
        .collect()
}

/// Every `runbook_url` of the rule files of `rbs` is an anchor of their
/// rendered documents; how many were resolved.
fn resolve_runbook_urls(rbs: &[&Runbook]) -> usize {
    let docs: Vec<runbook_dsl::Document> = rbs.iter().flat_map(|rb| runbook_dsl::documents(rb)).collect();
    let mut checked = 0;
    for rb in rbs {
        let base = rb.model().alerting.expect("the runbook names its alerting policy").base_url();
        for file in rules::documents(rb).iter().filter(|d| d.path.ends_with(rules::RULES_SUFFIX)) {
            let alerts = values(&file.contents, "- alert").len();
            let urls = values(&file.contents, "runbook_url");
            assert_eq!(urls.len(), alerts, "{}: every alert has a runbook_url", file.path);
            for url in urls {
                let rest = url.strip_prefix(base).unwrap_or_else(|| panic!("{url} is not under {base}"));
                let (path, anchor) = rest.split_once('#').unwrap_or_else(|| panic!("{url} has no anchor"));
                let doc = docs.iter().find(|d| d.path == path).unwrap_or_else(|| panic!("{url}: no document {path}"));
                assert!(
                    doc.contents.contains(&format!("<a id=\"{anchor}\"></a>")),
                    "{url}: no anchor {anchor} in {path}"
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn every_runbook_url_resolves_to_an_anchor_in_the_rendered_docs() {
    let checked = resolve_runbook_urls(runbooks::ALL);
    let alerts: usize = runbooks::ALL.iter().map(|rb| rb.model().alerts.len()).sum();
    assert_eq!(checked, alerts, "every shipped alert is a rule with a resolving runbook_url");
    // The real services' rules, under their upstream names, resolve too.
    let real = [&alertmanager::ALERTMANAGER, &etcd_vms::ETCD_VMS];
    assert_eq!(resolve_runbook_urls(&real), 8);
    let etcd = rules::documents(&etcd_vms::ETCD_VMS);
    let file = etcd.iter().find(|d| d.path.ends_with(rules::RULES_SUFFIX)).expect("a rule file");
    let names = values(&file.contents, "- alert");
    assert_eq!(
        names,
        ["etcdMembersDown", "etcdNoLeader", "etcdHighNumberOfLeaderChanges", "etcdDatabaseQuotaLowSpace"]
    );
}

/// knowledge_api with the critical band of `cpu` moved from 85% to 80%.
fn with_cpu_critical_at_80() -> Model {
    let m = runbooks::knowledge_api::RUNBOOK.model();
    let mut spec = m.spec;
    let groups: Vec<_> = spec
        .monitoring
        .iter()
        .map(|g| {
            let mut g = *g;
            let metrics: Vec<_> = g
                .metrics
                .iter()
                .map(|x| {
                    let mut x = *x;
                    if x.id == "cpu" {
                        x.warning = Some(Band::Between { low: 70.0, high: 80.0 });
                        x.critical = Some(Band::Above { value: 80.0 });
                    }
                    x
                })
                .collect();
            g.metrics = Vec::leak(metrics);
            g
        })
        .collect();
    spec.monitoring = Vec::leak(groups);
    Model { spec, source: m.source, checklist: m.checklist, contacts: m.contacts, alerting: m.alerting }
}

#[test]
fn one_threshold_changes_the_table_the_rule_and_its_tests_together() {
    let before = runbooks::knowledge_api::RUNBOOK.model();
    let after = with_cpu_critical_at_80();
    let (ops_before, ops_after) = (body(before, Kind::Operations), body(&after, Kind::Operations));
    let (rules_before, tests_before) = rules::bodies(before).expect("rules");
    let (rules_after, tests_after) = rules::bodies(&after).expect("rules");
    let row = |ops: &str| ops.lines().find(|l| l.contains("id=\"metric-cpu\"")).expect("the cpu row").to_string();
    assert!(row(&ops_before).contains("> 85%") && row(&ops_after).contains("> 80%"), "{}", row(&ops_after));
    assert!(rules_before.contains("knowledge_api:cpu:value > 0.85"), "{rules_before}");
    assert!(
        rules_after.contains("knowledge_api:cpu:value > 0.8\"") && !rules_after.contains("> 0.85"),
        "{rules_after}"
    );
    assert!(tests_before.contains("\"0.84915+0x20\"") && tests_before.contains("\"0.85085+0x20\""));
    assert!(tests_after.contains("\"0.7992+0x20\"") && tests_after.contains("\"0.8008+0x20\""), "{tests_after}");
}

const EDGES: Runbook = runbook! {
    feature: rule_edges,
    title: "Rule edges",
    owner: "sre",
    updated: 2026-01-31,
    review_every: 90d,
    version: "1.0",
    lang: en,
    vars { root = "/srv/app" }
    environments { production { unit = "app" } }
    architecture { app { name: "App", kind: "App Server", version: "1.0" } }
    deploy {
        precheck { "Disk" => "df -h {root}" }
        execute { "Restart" => "sudo systemctl restart {unit}" }
        verify { "Health" => "curl -f http://localhost:8080/health" }
    }
    service {
        start => "sudo systemctl start {unit}",
        stop => "sudo systemctl stop {unit}",
        restart => "sudo systemctl restart {unit}",
        status => "sudo systemctl status {unit}",
    }
    monitoring {
        system "System" {
            free "Free disk": normal > 20%, warning 10%..20%, critical < 10%,
                query "100 * node_filesystem_avail_bytes / node_filesystem_size_bytes" in %;
            p95 "Latency P95": normal < 300ms, warning 300ms..1000ms, critical > 1000ms,
                query "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))";
            errors "Errors": normal == 0/day, warning 1..3/day, critical > 3/day,
                query "increase(app_errors_total[1d])" in /day;
        }
    }
    backup { "Files" => "tar -czf /backups/app.tar.gz {root}" }
    restore { "Files" => "tar -xzf /backups/app.tar.gz -C /" }
    logs {
        app "App log": "/var/log/app.log", "everything";
        logrotate "/etc/logrotate.d/app" for "/var/log/app*.log" { daily; rotate 7; compress; }
    }
    maintenance {
        daily { disk "Disk" cron("0 3 * * *") => "df -h" }
        weekly { errors "Error review" => "grep -c error /var/log/app.log" }
        monthly { certs "Certificates" => "openssl x509 -in /etc/ssl/app.pem -noout -enddate" }
    }
    alerts {
        disk_low "Disk low": P1, respond 1h, by "SRE", when free critical, for 5min, see disk,
            label component = "storage", meaning "Less than 10% of the disk is free", impact "Writes will fail";
        disk_filling "Disk filling": P2, respond 1bd, by "SRE", when free warning, for 1h, see disk;
        slow "Slow requests": P3, respond 2bd, by "SRE", when p95 warning, for 90s;
        errors_daily "Errors": P3, respond 2bd, by "SRE", when errors critical;
        down "Instance down": P0, respond immediately, by "SRE", see disk,
            expr "up{job=\"app\"} == 0";
    }
    troubleshooting {
        disk "Disk full" {
            symptom { "Writes fail" }
            causes { "Logs" }
            diagnose { "Usage" => "df -h" }
            remedy { "Clean" => "sudo journalctl --vacuum-size=500M" }
        }
    }
    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: runbooks::ALERTING_EN,
};

#[test]
fn every_form_becomes_the_rule_it_says() {
    let m = EDGES.model();
    let metric = |id: &str| m.monitoring.iter().flat_map(|g| g.metrics).find(|x| x.id == id).expect("metric");
    // Lower is worse, the query in percent: compared as written.
    assert_eq!(rules::threshold(metric("free"), Level::Critical), Some(Threshold { op: "<", value: 10.0 }));
    assert_eq!(rules::threshold(metric("free"), Level::Warning), Some(Threshold { op: "<=", value: 20.0 }));
    // Milliseconds shown, seconds queried; a warning band fires from its lower edge.
    assert_eq!(rules::threshold(metric("p95"), Level::Warning), Some(Threshold { op: ">=", value: 0.3 }));
    // A rate per day, the query in per day.
    assert_eq!(rules::threshold(metric("errors"), Level::Critical), Some(Threshold { op: ">", value: 3.0 }));
    let (yaml, tests) = rules::bodies(m).expect("rules");
    for line in [
        "expr: \"rule_edges:free:value < 10\"",
        "for: 5m",
        "component: \"storage\"",
        "description: \"Free disk: critical (< 10%) / Less than 10% of the disk is free / Writes will fail\"",
        "expr: \"rule_edges:free:value <= 20\"",
        "for: 1h",
        "for: 90s",
        "alert: \"RuleEdgesDown\"",
        "expr: \"up{job=\\\"app\\\"} == 0\"",
    ] {
        assert!(yaml.contains(line), "missing `{line}` in\n{yaml}");
    }
    // The verbatim expression has no generated test; every banded alert has two.
    assert!(!tests.contains("RuleEdgesDown"), "{tests}");
    assert_eq!(tests.matches("stays quiet").count(), 4, "{tests}");
    assert_eq!(tests.matches("fires at").count(), 4, "{tests}");
}

/// promtool from PATH, or from where `.ci/run` unpacks it.
fn promtool() -> Option<std::path::PathBuf> {
    let local = tests::workspace_root().join("target/promtool/usr/bin/promtool");
    if local.is_file() {
        return Some(local);
    }
    Command::new("promtool").arg("--version").output().ok().filter(|o| o.status.success()).map(|_| "promtool".into())
}

fn promtool_passes(tool: &Path, dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool).args(args).current_dir(dir).output().expect("run promtool");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn promtool_loads_the_rules_passes_their_tests_and_catches_a_wrong_rule() {
    let Some(tool) = promtool() else {
        eprintln!("skipped: promtool is not installed (`.ci/run` installs it; `cargo xtask verify` says so too)");
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let mut docs = all_rule_documents();
    docs.extend(rules::documents(&EDGES));
    docs.extend(rules::documents(&alertmanager::ALERTMANAGER));
    docs.extend(rules::documents(&etcd_vms::ETCD_VMS));
    for doc in &docs {
        let name = doc.path.rsplit('/').next().expect("file name");
        std::fs::write(dir.path().join(name), &doc.contents).expect("write");
    }
    for doc in docs.iter().filter(|d| d.path.ends_with(rules::TESTS_SUFFIX)) {
        let name = doc.path.rsplit('/').next().expect("file name");
        let rules_file = name.replace(rules::TESTS_SUFFIX, rules::RULES_SUFFIX);
        let (ok, out) = promtool_passes(&tool, dir.path(), &["check", "rules", &rules_file]);
        assert!(ok, "{out}");
        let (ok, out) = promtool_passes(&tool, dir.path(), &["test", "rules", name]);
        assert!(ok, "{out}");
    }
    // A rule that fires at another value than the runbook says, or sooner.
    let file = dir.path().join("knowledge_api.rules.yml");
    let good = std::fs::read_to_string(&file).expect("read");
    for (from, to) in [("knowledge_api:cpu:value > 0.85", "knowledge_api:cpu:value > 0.86"), ("for: 15m", "for: 10m")] {
        assert!(good.contains(from), "{from}");
        std::fs::write(&file, good.replacen(from, to, 1)).expect("write");
        let (ok, out) = promtool_passes(&tool, dir.path(), &["test", "rules", "knowledge_api.rules.test.yml"]);
        assert!(!ok, "the tests passed with `{to}`:\n{out}");
    }
}

#[test]
fn a_runbook_without_a_policy_has_no_rule_file_and_says_so() {
    let m = EDGES.model();
    let without = Model { alerting: None, ..*m };
    assert!(rules::bodies(m).is_some(), "with its policy, EDGES has rules");
    assert!(rules::bodies(&without).is_none(), "no policy, no rule file");
    let ops = body(&without, Kind::Operations);
    assert!(ops.contains("No rule file is written: this runbook names no alerting policy"), "{ops}");
    assert!(!ops.contains("monitoring/rule_edges.rules.yml"), "names no rule file it does not write");
    // The alerts keep what they said: `respond` and `by` are their own.
    assert_eq!(without.responder(&without.alerts[0]), "SRE");
}

#[test]
fn the_policy_labels_each_rule_by_its_severity() {
    let (yaml, _) = rules::bodies(EDGES.model()).expect("rules");
    let labels = values(&yaml, "severity");
    // P1, P2, P3, P3, P0 in the order written, through ALERTING_EN.
    assert_eq!(labels, ["critical", "warning", "info", "info", "critical"]);
}

/// The edge runbook's outputs keep no placeholder either (see `leftover.rs`).
#[test]
fn no_output_of_the_edges_keeps_a_placeholder() {
    assert!(leftover::assert_no_placeholder_left(&[&EDGES, &alertmanager::ALERTMANAGER, &etcd_vms::ETCD_VMS]) >= 15);
}
