// The policy maps no P2, so a P2 alert cannot become a rule: an error at `P2`,
// even though the alert gives its own `respond` and `by`.
use runbook_dsl::{alerting, runbook, Alerting, Runbook};
use runbooks::common::{BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

/// A team that uses P1 and P3 only.
const TEAM_ALERTING: Alerting = alerting! {
    base_url: "https://github.com/org/runbooks/blob/main/",
    P1 => "critical", respond 30min, by "On-call engineer";
    P3 => "info", respond 2bd, by "SRE";
};

const RUNBOOK: Runbook = runbook! {
    feature: ui_case,
    title: "UI case",
    owner: "team",
    updated: 2026-01-31,
    review_every: 90d,
    version: "1.0",
    lang: en,
    vars { root = "/srv/app", port = 8080 }
    environments {
        production { unit = "app" }
        staging { unit = "app-staging" }
    }
    architecture {
        app { name: "App", kind: "App Server", version: "1.0" }
    }
    deploy {
        precheck { "Disk" => "df -h {root}" }
        execute { "Restart" => "sudo systemctl restart {unit}" }
        verify { "Health" => "curl -f http://localhost:{port}/health" }
    }
    service {
        start => "sudo systemctl start {unit}",
        stop => "sudo systemctl stop {unit}",
        restart => "sudo systemctl restart {unit}",
        status => "sudo systemctl status {unit}",
    }
    monitoring {
        system "System" {
            cpu "CPU": normal < 85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
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
        high_cpu "High CPU": P1, when cpu critical, see high_cpu;
        cpu_busy "CPU busy": P2, respond 1bd, by "SRE", when cpu critical, for 1h, see high_cpu;
    }
    troubleshooting {
        high_cpu "High CPU" {
            symptom { "CPU above 85%" }
            causes { "A busy loop" }
            diagnose { "Top" => "top -b -n 1" }
            remedy { "Restart" => "sudo systemctl restart {unit}" }
        }
    }
    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: TEAM_ALERTING,
};

fn main() {
    let _ = RUNBOOK;
}
