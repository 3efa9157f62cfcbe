//! Parts shared by many runbooks: who to call, what to check first, and how
//! alerts are labelled and answered.
//! They are typed consts, so a misspelt name is an ordinary compile error;
//! `contacts!` and `alerting!` check each literal where it is written.

use runbook_dsl::{alerting, contacts, Alerting, Checklist, Contacts};

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

/// The platform team's alerting policy (`alerting: ALERTING,`): how each
/// severity's alerts become Prometheus rules (`monitoring/{feature}.rules.yml`,
/// P0 and P1 page as `critical`) and who answers them how fast, unless an
/// alert says otherwise. `base_url` is where this repository's files are
/// published: each rule's `runbook_url` is it followed by the operations
/// document's path and the alert's anchor.
pub const ALERTING: Alerting = alerting! {
    base_url: "https://github.com/mirai-knowledge-systems/runbooks/blob/main/",
    P0 => "critical", respond immediately, by "オンコールエンジニア";
    P1 => "critical", respond 30min, by "オンコールエンジニア";
    P2 => "warning", respond 1bd, by "platform-team";
    P3 => "info", respond 2bd, by "platform-team";
};

/// The same policy for English-language runbooks, published at the same place.
pub const ALERTING_EN: Alerting = alerting! {
    base_url: ALERTING.base_url(),
    P0 => "critical", respond immediately, by "On-call engineer";
    P1 => "critical", respond 30min, by "On-call engineer";
    P2 => "warning", respond 1bd, by "platform-team";
    P3 => "info", respond 2bd, by "platform-team";
};
