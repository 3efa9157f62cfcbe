//! Parts shared by many runbooks: who to call, what to check first, and how
//! alerts are labelled and answered.
//! They are typed consts, so a misspelt name is an ordinary compile error;
//! `contacts!` checks each address and number where it is written.

use runbook_dsl::{contacts, Alerting, Checklist, Contacts, Response, Severity};

/// The platform team's escalation path and on-call numbers.
pub const PLATFORM_CONTACTS: Contacts = contacts! {
    escalation: [
        Escalation { level: 1, role: "L1サポート", email: "support@example.com" },
        Escalation { level: 2, role: "L2エンジニア", email: "engineer@example.com" },
        Escalation { level: 3, role: "L3アーキテクト", email: "architect@example.com" },
    ],
    emergency: [Emergency { role: "オンコール", phone: "+81-3-5555-0100" }],
    chat: "#platform-ops",
};

/// The same path for English-language runbooks.
pub const PLATFORM_CONTACTS_EN: Contacts = contacts! {
    escalation: [
        Escalation { level: 1, role: "L1 support", email: "support@example.com" },
        Escalation { level: 2, role: "L2 engineer", email: "engineer@example.com" },
        Escalation { level: 3, role: "L3 architect", email: "architect@example.com" },
    ],
    emergency: [Emergency { role: "On-call", phone: "+81-3-5555-0100" }],
    chat: "#platform-ops",
};

/// The first checks of any incident.
pub const BASIC_CHECKLIST: Checklist = Checklist {
    title: "基本診断チェックリスト",
    items: &[
        "サービス状態確認（systemctl status）",
        "ログ確認（journalctl/error.log）",
        "ディスク容量確認（df -h）",
        "メモリ使用量確認（free -h）",
        "CPU使用率確認（top）",
        "データベース接続確認（psql）",
        "ネットワーク確認（ping/curl）",
    ],
};

/// The first checks of any incident, in English.
pub const BASIC_CHECKLIST_EN: Checklist = Checklist {
    title: "Basic diagnosis checklist",
    items: &[
        "Service status (systemctl status)",
        "Logs (journalctl, error log)",
        "Disk space (df -h)",
        "Memory (free -h)",
        "CPU (top)",
        "Database connection (psql)",
        "Network (ping, curl)",
    ],
};

/// The first checks of an incident on a Kubernetes workload.
pub const KUBERNETES_CHECKLIST: Checklist = Checklist {
    title: "First checks on Kubernetes",
    items: &[
        "Pods and their restarts (kubectl get pods)",
        "Recent events (kubectl get events --sort-by=.lastTimestamp)",
        "Container logs, also of the previous container (kubectl logs --previous)",
        "Rollout state (kubectl rollout status)",
        "Node pressure (kubectl top nodes)",
        "Dependencies' status pages (managed services)",
    ],
};

/// Where this repository's files are published: each rule's `runbook_url`
/// is this followed by the operations document's path and the alert's anchor.
const PUBLISHED_AT: &str = "https://github.com/mirai-knowledge-systems/runbooks/blob/main/";

/// The platform team's alerting policy (`alerting: ALERTING,`): how each
/// severity's alerts become Prometheus rules (`monitoring/{feature}.rules.yml`,
/// P0 and P1 page as `critical`) and who answers them how fast, unless an
/// alert says otherwise.
pub const ALERTING: Alerting = Alerting::new(PUBLISHED_AT)
    .severity(Severity::P0, "critical", Response::Immediately, "オンコールエンジニア")
    .severity(Severity::P1, "critical", Response::Minutes(30), "オンコールエンジニア")
    .severity(Severity::P2, "warning", Response::BusinessDays(1), "platform-team")
    .severity(Severity::P3, "info", Response::BusinessDays(2), "platform-team");

/// The same policy for English-language runbooks.
pub const ALERTING_EN: Alerting = Alerting::new(PUBLISHED_AT)
    .severity(Severity::P0, "critical", Response::Immediately, "On-call engineer")
    .severity(Severity::P1, "critical", Response::Minutes(30), "On-call engineer")
    .severity(Severity::P2, "warning", Response::BusinessDays(1), "platform-team")
    .severity(Severity::P3, "info", Response::BusinessDays(2), "platform-team");
