//! Runbooks of services that lack parts of the specification's example
//! shape, each part declared `none("why")`, with steps to read (prose,
//! links, conditions, expected output): shared by the Markdown and catalog
//! tests.

use runbook_dsl::{runbook, Runbook};
use runbooks::common::{BASIC_CHECKLIST, BASIC_CHECKLIST_EN, PLATFORM_CONTACTS, PLATFORM_CONTACTS_EN};

/// A Kubernetes workload in Japanese: no systemd, no deploy of its own, no
/// state, no log file, nothing daily or monthly.
pub const WORKLOAD: Runbook = runbook! {
    feature: k8s_workload,
    title: "アラート通知",
    owner: "sre",
    updated: 2026-11-01,
    version: "0.27",
    lang: ja,
    // A var's value is verbatim: a Go template keeps its double braces.
    vars { ns = "monitoring", names = "{{range .items}}{{.metadata.name}} {{end}}" }
    architecture {
        am { name: "Alertmanager", kind: "StatefulSet", version: "0.27" }
    }
    deploy { none("prometheus-operator が {ns} 名前空間に配備する") }
    service { none("Kubernetes 上で動く: 起動と停止は StatefulSet のコントローラが行う") }
    monitoring {
        system "リソース" {
            cpu "CPU使用率": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
        }
    }
    backup { none("状態を持たない: 設定は Git にある") }
    restore { none("状態を持たない: 再配備で戻る") }
    logs { none("コンテナの標準出力のみ: kubectl logs で読む") }
    maintenance {
        daily none("日次の作業はない")
        weekly { silences "期限切れサイレンスの確認" => "kubectl -n {ns} exec alertmanager-main-0 -- amtool silence query --expired" }
        monthly none("月次の作業はない"),
    }
    alerts {
        high_cpu "CPU高負荷": P2, respond 1h, by "SRE", when cpu critical, see high_cpu;
    }
    troubleshooting {
        high_cpu "CPU高負荷" {
            symptom { "CPU使用率が85%を超える" }
            causes { "通知の急増" }
            diagnose {
                "Pod の負荷" => "kubectl -n {ns} top pod",
                "Pod の一覧" => "kubectl -n {ns} get pods -o go-template='{names}'",
                "Pod の状態" => "kubectl -n {ns} get pod alertmanager-main-0 -o jsonpath='{{.status.phase}}'" expect("Running"),
                "上流の手順" => link("https://runbooks.prometheus-operator.dev/runbooks/alertmanager/"),
                "クラウドの障害情報" => prose("クラウド事業者のステータスページで {ns} のリージョンを確認する"),
            }
            remedy { "Pod の再作成" => "kubectl -n {ns} rollout restart statefulset alertmanager-main" }
        }
    }
    checklist: BASIC_CHECKLIST,
    contacts: PLATFORM_CONTACTS,
};

/// A systemd service in English that writes a log file it rotates itself.
pub const SELF_ROTATING: Runbook = runbook! {
    feature: self_rotating,
    title: "Self-rotating service",
    owner: "sre",
    updated: 2026-11-01,
    version: "1.0",
    lang: en,
    architecture {
        app { name: "App", kind: "App Server", version: "1.0" }
    }
    deploy {
        precheck { "Disk" => "df -h /srv/app" }
        execute { "Restart" => "sudo systemctl restart app" }
        verify { "Health" => "curl -f http://localhost:8080/health" }
    }
    service {
        start => "sudo systemctl start app",
        stop => "sudo systemctl stop app",
        restart => "sudo systemctl restart app",
        status => "sudo systemctl status app",
    }
    monitoring {
        system "System" {
            cpu "CPU": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
        }
    }
    backup { "Files" => "tar -czf /backups/app.tar.gz /srv/app" }
    restore { "Files" => "tar -xzf /backups/app.tar.gz -C /" }
    logs {
        app "App log": "/var/log/app/app.log", "everything";
        logrotate none("the application rotates its own file at 100 MB");
    }
    maintenance {
        daily { disk "Disk" => "df -h" }
        weekly { errors "Error review" => "grep -c error /var/log/app/app.log" }
        monthly none("nothing is due monthly")
    }
    alerts {
        high_cpu "High CPU": P1, respond 1h, by "SRE", when cpu critical, see high_cpu;
    }
    troubleshooting {
        high_cpu "High CPU" {
            symptom { "CPU above 85%" }
            causes { "A busy loop" }
            diagnose {
                "Look" => "top -b -n 1 | head -n 20",
                "Unit state" => "systemctl is-active app" expect("active"),
                "Upstream guide" => link("https://example.com/app/docs/cpu"),
            }
            remedy {
                "Wait for the upgrade" => if("an upgrade is in progress") prose("Wait until it ends; do not restart."),
                "Restart" => if("no upgrade is running") "sudo systemctl restart app",
                "Talk with the developers" => prose("Post the top output in #app-dev and ask for the profile."),
            }
        }
    }
    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
};
