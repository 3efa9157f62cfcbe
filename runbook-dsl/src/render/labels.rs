//! Every fixed phrase of the generated documents, in Japanese and English.
//!
//! The Japanese headings reproduce the specification's templates exactly.

use std::fmt::Write as _;

use crate::model::{AlertProse, Band, Frequency, Lang, Level, Metric, Per, Response, Unit};

#[derive(Debug)]
pub struct Labels {
    /// Which language these labels are, for the phrases built from numbers.
    pub lang: Lang,
    pub operations: &'static str,
    pub troubleshooting: &'static str,
    pub maintenance: &'static str,
    pub overview: &'static str,
    pub feature: &'static str,
    pub owner: &'static str,
    pub updated: &'static str,
    pub version: &'static str,
    pub review: &'static str,
    pub environments: &'static str,
    pub environment: &'static str,
    pub architecture: &'static str,
    pub system: &'static str,
    pub components: &'static str,
    pub optional: &'static str,
    pub deploy: &'static str,
    pub precheck: &'static str,
    pub execute: &'static str,
    pub verify: &'static str,
    pub service: &'static str,
    pub start: &'static str,
    pub stop: &'static str,
    pub restart: &'static str,
    pub status: &'static str,
    pub status_step: &'static str,
    pub logs_step: &'static str,
    pub follow_step: &'static str,
    pub monitoring: &'static str,
    pub metric_head: [&'static str; 4],
    pub backup_restore: &'static str,
    pub backup: &'static str,
    pub restore: &'static str,
    pub logs: &'static str,
    pub log_files: &'static str,
    /// The log table's head; its second column is `log_source` instead
    /// when a log is not a file (a journald unit has no path).
    pub log_head: [&'static str; 4],
    pub log_source: &'static str,
    /// The source cell of a journald unit and of container output: `journald: etcd.service`.
    pub log_journald: &'static str,
    pub log_container: &'static str,
    /// "For each member of etcd: etcd-1, etcd-2", above a per-member step.
    pub for_each_member: &'static str,
    /// "On one member of etcd: etcd-2", above a step on one member.
    pub on_member: &'static str,
    /// "Member: **etcd-1**", above each member's block.
    pub member: &'static str,
    /// Above a group of steps that runs on one member, then the next.
    pub in_turn: &'static str,
    /// Above a step that runs once, after steps that ran per member.
    pub once: &'static str,
    pub logrotate: &'static str,
    pub periodic: &'static str,
    pub daily: &'static str,
    pub weekly: &'static str,
    pub monthly: &'static str,
    pub alerts: &'static str,
    pub alert_list: &'static str,
    pub alert_head: [&'static str; 6],
    pub alert_flow: &'static str,
    /// The Prometheus rule of each alert, after the flow.
    pub alert_rules: &'static str,
    pub alert_rules_intro: &'static str,
    pub alert_rules_no_policy: &'static str,
    /// The Alert Rules table's columns before one per prose field.
    pub alert_rules_head: [&'static str; 4],
    /// Each prose field of an alert (Meaning, Impact), where it is shown.
    pub alert_prose: AlertProse<&'static str>,
    /// "Fires when" of an alert given by its own PromQL, before the rule's name.
    pub alert_by_expr: &'static str,
    pub contacts: &'static str,
    pub escalation: &'static str,
    pub emergency: &'static str,
    pub chat: &'static str,
    pub symptom: &'static str,
    pub causes: &'static str,
    pub diagnose: &'static str,
    pub remedy: &'static str,
    pub related_alerts: &'static str,
    pub checklist: &'static str,
    pub schedule: &'static str,
    pub schedule_head: [&'static str; 5],
    pub steps: &'static str,
    pub rollback: &'static str,
    pub manual: &'static str,
    pub none: &'static str,
    /// Before the reason of a section declared `none("why")`.
    pub not_applicable: &'static str,
    /// Before a step's condition, and before the output a command should print.
    pub condition: &'static str,
    pub expected_output: &'static str,
    pub danger: &'static str,
    pub edit_file: &'static str,
    pub auto: &'static str,
    pub downtime: &'static str,
    pub details: &'static str,
    pub back_to_operations: &'static str,
    pub see_maintenance: &'static str,
    pub flow: [&'static str; 7],
    pub yes: &'static str,
    pub no: &'static str,
}

pub const JA: Labels = Labels {
    lang: Lang::Ja,
    operations: "運用手順書",
    troubleshooting: "トラブルシューティングガイド",
    maintenance: "メンテナンス手順書",
    overview: "概要",
    feature: "機能名",
    owner: "担当者",
    updated: "最終更新",
    version: "バージョン",
    review: "レビュー周期",
    environments: "環境",
    environment: "対象環境",
    architecture: "アーキテクチャ概要",
    system: "システム構成",
    components: "主要コンポーネント",
    optional: "オプション",
    deploy: "デプロイ手順",
    precheck: "事前チェック",
    execute: "デプロイ実行",
    verify: "事後確認",
    service: "起動・停止手順",
    start: "サービス起動",
    stop: "サービス停止",
    restart: "サービス再起動",
    status: "ステータス確認",
    status_step: "サービス状態確認",
    logs_step: "ログ確認",
    follow_step: "リアルタイムログ監視",
    monitoring: "監視項目",
    metric_head: ["項目", "正常範囲", "警告", "危険"],
    backup_restore: "バックアップ・リストア",
    backup: "バックアップ手順",
    restore: "リストア手順",
    logs: "ログ管理",
    log_files: "ログファイル一覧",
    log_head: ["ログ", "パス", "確認コマンド", "用途"],
    log_source: "ソース",
    log_journald: "journald",
    log_container: "コンテナ",
    for_each_member: "メンバーごとに実行",
    on_member: "1 メンバーのみで実行",
    member: "メンバー",
    in_turn: "メンバーごとに順番に実行",
    once: "1 回だけ実行（メンバーごとではない）",
    logrotate: "ログローテーション",
    periodic: "定期メンテナンス",
    daily: "日次タスク",
    weekly: "週次タスク",
    monthly: "月次タスク",
    alerts: "アラート対応",
    alert_list: "アラート一覧",
    alert_head: ["アラート名", "重要度", "対応時間", "対応者", "発火条件", "対応手順"],
    alert_flow: "アラート対応フロー",
    alert_rules: "アラートルール",
    alert_rules_intro: "各アラートの Prometheus ルール（`cargo xtask docs` が生成するルールファイル）:",
    alert_rules_no_policy: "ルールファイルは生成されません: この Runbook はアラートポリシー（`alerting:`）を指定していません。各アラートの条件:",
    alert_rules_head: ["アラート名", "ルール名", "条件 (PromQL)", "継続時間"],
    alert_prose: AlertProse { meaning: "意味", impact: "影響" },
    alert_by_expr: "アラートルールの PromQL:",
    contacts: "連絡先",
    escalation: "エスカレーションパス",
    emergency: "緊急連絡先",
    chat: "Slackチャンネル",
    symptom: "症状",
    causes: "原因",
    diagnose: "診断",
    remedy: "対処法",
    related_alerts: "関連アラート",
    checklist: "チェックリスト",
    schedule: "スケジュール",
    schedule_head: ["タスク", "頻度", "自動化", "ダウンタイム", "担当"],
    steps: "手順",
    rollback: "ロールバック",
    manual: "手動",
    none: "なし",
    not_applicable: "該当なし",
    condition: "条件",
    expected_output: "期待される出力",
    danger: "危険",
    edit_file: "以下を設定",
    auto: "自動",
    downtime: "ダウンタイム",
    details: "詳細",
    back_to_operations: "運用手順書",
    see_maintenance: "メンテナンス手順書",
    flow: ["アラート発生", "重要度判定", "P0/P1?", "チケット登録", "初期対応", "根本対応", "事後報告"],
    yes: "YES",
    no: "NO",
};

pub const EN: Labels = Labels {
    lang: Lang::En,
    operations: "Operations Runbook",
    troubleshooting: "Troubleshooting Guide",
    maintenance: "Maintenance Procedures",
    overview: "Overview",
    feature: "Feature",
    owner: "Owner",
    updated: "Last updated",
    version: "Version",
    review: "Review every",
    environments: "Environments",
    environment: "Environment",
    architecture: "Architecture",
    system: "System Layout",
    components: "Main Components",
    optional: "optional",
    deploy: "Deployment",
    precheck: "Pre-checks",
    execute: "Deploy",
    verify: "Post-checks",
    service: "Start and Stop",
    start: "Start the Service",
    stop: "Stop the Service",
    restart: "Restart the Service",
    status: "Check Status",
    status_step: "Service status",
    logs_step: "Recent logs",
    follow_step: "Follow the logs",
    monitoring: "Monitoring",
    metric_head: ["Metric", "Normal", "Warning", "Critical"],
    backup_restore: "Backup and Restore",
    backup: "Backup",
    restore: "Restore",
    logs: "Logs",
    log_files: "Log Files",
    log_head: ["Log", "Path", "Read with", "Purpose"],
    log_source: "Source",
    log_journald: "journald",
    log_container: "container",
    for_each_member: "For each member of",
    on_member: "On one member of",
    member: "Member",
    in_turn: "In turn on each member of",
    once: "Once (not per member)",
    logrotate: "Log Rotation",
    periodic: "Periodic Maintenance",
    daily: "Daily Tasks",
    weekly: "Weekly Tasks",
    monthly: "Monthly Tasks",
    alerts: "Alert Response",
    alert_list: "Alerts",
    alert_head: ["Alert", "Severity", "Respond within", "Responder", "Fires when", "Procedure"],
    alert_flow: "Alert Response Flow",
    alert_rules: "Alert Rules",
    alert_rules_intro: "The Prometheus rule of each alert (in the rule file `cargo xtask docs` generates):",
    alert_rules_no_policy:
        "No rule file is written: this runbook names no alerting policy (`alerting:`). The condition of each alert:",
    alert_rules_head: ["Alert", "Rule", "Condition (PromQL)", "For"],
    alert_prose: AlertProse { meaning: "Meaning", impact: "Impact" },
    alert_by_expr: "the PromQL under Alert Rules:",
    contacts: "Contacts",
    escalation: "Escalation Path",
    emergency: "Emergency Contacts",
    chat: "Slack channel",
    symptom: "Symptoms",
    causes: "Causes",
    diagnose: "Diagnosis",
    remedy: "Remedy",
    related_alerts: "Related alerts",
    checklist: "Checklist",
    schedule: "Schedule",
    schedule_head: ["Task", "Frequency", "Automation", "Downtime", "Owner"],
    steps: "Steps",
    rollback: "Rollback",
    manual: "manual",
    none: "none",
    not_applicable: "Not applicable",
    condition: "If",
    expected_output: "Expected output",
    danger: "Danger",
    edit_file: "set the following",
    auto: "automated",
    downtime: "downtime",
    details: "Details",
    back_to_operations: "Operations runbook",
    see_maintenance: "Maintenance procedures",
    flow: [
        "Alert fires",
        "Assess severity",
        "P0/P1?",
        "File a ticket",
        "First response",
        "Root-cause fix",
        "Post-incident report",
    ],
    yes: "YES",
    no: "NO",
};

impl Labels {
    pub fn of(lang: Lang) -> &'static Labels {
        match lang {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }

    pub(crate) fn ja(&self) -> bool {
        self.lang == Lang::Ja
    }

    pub fn frequency(&self, f: Frequency) -> &'static str {
        match (f, self.ja()) {
            (Frequency::Daily, true) => "日次",
            (Frequency::Weekly, true) => "週次",
            (Frequency::Monthly, true) => "月次",
            (Frequency::Daily, false) => "daily",
            (Frequency::Weekly, false) => "weekly",
            (Frequency::Monthly, false) => "monthly",
        }
    }

    pub fn level(&self, l: Level) -> &'static str {
        match (l, self.ja()) {
            (Level::Warning, true) => "警告",
            (Level::Critical, true) => "危険",
            (Level::Warning, false) => "warning",
            (Level::Critical, false) => "critical",
        }
    }

    pub fn response(&self, r: Response) -> String {
        match (r, self.ja()) {
            (Response::Immediately, true) => "即座".into(),
            (Response::Minutes(n), true) => fmt!("{n}分以内"),
            (Response::Hours(n), true) => fmt!("{n}時間以内"),
            (Response::Days(n), true) => fmt!("{n}日以内"),
            (Response::BusinessDays(n), true) => fmt!("{n}営業日以内"),
            (Response::Immediately, false) => "immediately".into(),
            (Response::Minutes(n), false) => fmt!("{n} min"),
            (Response::Hours(n), false) => fmt!("{n} h"),
            (Response::Days(n), false) => fmt!("{n} d"),
            (Response::BusinessDays(n), false) => fmt!("{n} business day{}", if n == 1 { "" } else { "s" }),
        }
    }

    pub fn days(&self, n: u32) -> String {
        if self.ja() {
            fmt!("{n}日")
        } else {
            fmt!("{n} days")
        }
    }

    pub fn minutes(&self, n: u32) -> String {
        if self.ja() {
            fmt!("{n}分")
        } else {
            fmt!("{n} min")
        }
    }

    /// Parenthesised remark: full-width in Japanese, as in the templates.
    pub fn paren(&self, text: &str) -> String {
        if self.ja() {
            cat!("（", text, "）")
        } else {
            cat!(" (", text, ")")
        }
    }

    /// The unit suffix of a metric, appended to `out`.
    fn unit_into(&self, out: &mut String, u: Unit) {
        let ja = self.ja();
        let suffix = match u {
            Unit::Count => "",
            Unit::Percent => "%",
            Unit::Millis => "ms",
            Unit::Seconds => {
                if ja {
                    "秒"
                } else {
                    "s"
                }
            }
            Unit::Minutes => {
                if ja {
                    "分"
                } else {
                    " min"
                }
            }
            Unit::Hours => {
                if ja {
                    "時間"
                } else {
                    " h"
                }
            }
            Unit::Megabytes => " MB",
            Unit::Gigabytes => " GB",
            Unit::Rate { noun, per } => {
                let per = match (per, ja) {
                    (Per::Second, _) => "s",
                    (Per::Minute, _) => "min",
                    (Per::Hour, _) => "h",
                    (Per::Day, true) => "日",
                    (Per::Day, false) => "day",
                };
                if let Some(n) = noun {
                    out.push(' ');
                    out.push_str(n);
                }
                out.push('/');
                per
            }
        };
        out.push_str(suffix);
    }

    /// A band as the templates write it: `< 70%`, `70-85%`, `> 85%`.
    pub fn band(&self, m: &Metric, band: Option<Band>) -> String {
        let Some(band) = band else { return "-".into() };
        // Written into one buffer: this runs for every cell of every metric table.
        let mut out = String::with_capacity(24);
        let _ = match band {
            Band::Below { value } => write!(out, "< {value}"),
            Band::AtMost { value } => write!(out, "≤ {value}"),
            Band::Exactly { value } => write!(out, "{value}"),
            Band::AtLeast { value } => write!(out, "≥ {value}"),
            Band::Above { value } => write!(out, "> {value}"),
            Band::Between { low, high } => write!(out, "{low}-{high}"),
        };
        self.unit_into(&mut out, m.unit);
        out
    }

    pub fn band_of_level(&self, m: &Metric, level: Level) -> String {
        match level {
            Level::Warning => self.band(m, m.warning),
            Level::Critical => self.band(m, m.critical),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vocabulary;

    /// A prose field without a label would show as an empty column heading.
    #[test]
    fn every_language_labels_every_prose_field() {
        for lang in Lang::ALL {
            let l = Labels::of(*lang);
            for (key, label) in l.alert_prose.entries() {
                assert!(!label.trim().is_empty(), "{lang:?}: `{key}` has no label");
            }
        }
    }
}
