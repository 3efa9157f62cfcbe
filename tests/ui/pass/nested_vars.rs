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
    // Vars use vars and environments' values; a template keeps its braces.
    vars {
        app = "app",
        root = "/srv/{app}",
        port = 8080,
        unit = "{app}-{worker}",
        unit_file = "/etc/systemd/system/{unit}.service",
        names = "{{range .items}}{{.metadata.name}} {app}{{end}}",
        phase = "{.status.phase}",
    }
    environments {
        production { worker = "web", log = "/var/log/{unit}/{env}.log" }
        staging { worker = "web-staging", log = "/var/log/{unit}/{env}.log" }
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
            cpu "CPU": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
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
        high_cpu "High CPU": P1, respond 1h, by "SRE", when cpu critical, see high_cpu;
    }
    troubleshooting {
        high_cpu "High CPU" {
            symptom { "CPU above 85%" }
            causes { "A busy loop" }
            diagnose {
                "Unit file" => "cat {unit_file}",
                "Log" => "tail -n 50 {log}",
                "Pods" => "kubectl get pods -o go-template='{names}'",
                "Phase" => "kubectl get pod app-0 -o jsonpath='{phase}'" expect("Running"),
            }
            remedy { "Restart" => "sudo systemctl restart {unit}" }
        }
    }
    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
};

fn main() {
    let m = RUNBOOK.model();
    let texts: Vec<&str> = m.deploy.execute[0].variants.iter().map(|v| v.text).collect();
    assert_eq!(texts, ["sudo systemctl restart app-web", "sudo systemctl restart app-web-staging"]);
    assert_eq!(m.deploy.precheck[0].variants[0].text, "df -h /srv/app");
    let staging = &m.environments[1];
    let log = staging.vars.iter().find(|v| v.name == "log").map(|v| v.value);
    assert_eq!(log, Some("/var/log/app-web-staging/staging.log"));
    assert!(m.vars.iter().all(|v| v.name != "unit"), "{:?}", m.vars);
}
