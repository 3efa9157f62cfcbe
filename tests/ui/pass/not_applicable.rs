use runbook_dsl::{runbook, Runbook};
use runbooks::common::{BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

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
    deploy { none("deployed by the platform pipeline for {unit}") }
    service { none("runs on Kubernetes: the Deployment controller starts and stops it") }
    monitoring {
        system "System" {
            cpu "CPU": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
        }
    }
    backup { none("stateless: the data lives upstream") }
    restore { none("stateless: nothing to restore"), }
    logs { none("logs to journald only") }
    maintenance {
        daily none("nothing is due daily")
        weekly { errors "Error review" => "journalctl -u app --since -7d -p err" }
        monthly none("certificates are renewed by cert-manager"),
    }
    alerts {
        high_cpu "High CPU": P1, respond 1h, by "SRE", when cpu critical, see high_cpu;
    }
    troubleshooting {
        high_cpu "High CPU" {
            symptom { "CPU above 85%" }
            causes { "A busy loop" }
            diagnose { "Look" => "journalctl -u app -n 50" }
            remedy { "Restart" => "sudo systemctl restart {unit}" }
        }
    }
    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
};

fn main() {
    let _ = RUNBOOK;
}
