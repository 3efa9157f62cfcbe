//! `knowledge_api`'s documents carry every heading of the specification's templates, in order.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The text of every heading, with inline HTML (anchors) left out.
fn headings(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

fn doc(kind: usize) -> String {
    let rb = runbooks::ALL.iter().find(|rb| rb.feature == "knowledge_api").expect("knowledge_api");
    runbook_dsl::documents(rb)[kind].contents.clone()
}

/// Asserts that `expected` appear in `actual` in this order (others may sit between).
fn in_order(actual: &[String], expected: &[&str]) {
    let mut it = actual.iter();
    for want in expected {
        assert!(it.any(|h| h == want), "heading `{want}` missing or out of order in:\n{}", actual.join("\n"));
    }
}

#[test]
fn operations_document_has_every_template_heading_in_order() {
    let h = headings(&doc(0));
    in_order(
        &h,
        &[
            "Mirai Knowledge API 運用手順書",
            "1. 概要",
            "2. アーキテクチャ概要",
            "2.1 システム構成",
            "2.2 主要コンポーネント",
            "3. デプロイ手順",
            "3.1 事前チェック",
            "3.2 デプロイ実行",
            "3.3 事後確認",
            "4. 起動・停止手順",
            "4.1 サービス起動",
            "4.2 サービス停止",
            "4.3 サービス再起動",
            "4.4 ステータス確認",
            "5. 監視項目",
            "5.1 システムリソース",
            "5.2 アプリケーションメトリクス",
            "5.3 データベース",
            "6. バックアップ・リストア",
            "6.1 バックアップ手順",
            "6.2 リストア手順",
            "7. ログ管理",
            "7.1 ログファイル一覧",
            "7.2 ログローテーション",
            "8. 定期メンテナンス",
            "8.1 日次タスク",
            "8.2 週次タスク",
            "8.3 月次タスク",
            "9. アラート対応",
            "9.1 アラート一覧",
            "9.2 アラート対応フロー",
            "10. 連絡先",
            "10.1 エスカレーションパス",
            "10.2 緊急連絡先",
        ],
    );
}

#[test]
fn troubleshooting_guide_has_the_five_template_entries_and_the_checklist() {
    let h = headings(&doc(1));
    in_order(
        &h,
        &[
            "Mirai Knowledge API トラブルシューティングガイド",
            "1. サービス起動失敗",
            "症状",
            "原因",
            "診断",
            "対処法",
            "2. 高CPU使用率",
            "3. データベース接続エラー",
            "4. ディスク容量不足",
            "5. 認証エラー",
            "基本診断チェックリスト",
        ],
    );
    let ts = h.iter().filter(|x| x.as_str() == "症状").count();
    let entries =
        runbooks::ALL.iter().find(|rb| rb.feature == "knowledge_api").map_or(0, |rb| rb.model().troubleshooting.len());
    assert_eq!(ts, entries, "every entry has its own symptom section");
    assert!(h.iter().any(|x| x.ends_with("チェックリスト") && x.starts_with(char::is_numeric)));
}

#[test]
fn maintenance_document_has_schedule_and_procedures() {
    let h = headings(&doc(2));
    in_order(
        &h,
        &[
            "Mirai Knowledge API メンテナンス手順書",
            "1. スケジュール",
            "2. 日次タスク",
            "3. 週次タスク",
            "4. 月次タスク",
            "事前チェック",
            "手順",
            "事後確認",
            "ロールバック",
        ],
    );
}

#[test]
fn every_seed_command_appears_with_its_values() {
    let all: String =
        runbook_dsl::documents(runbooks::ALL.iter().find(|rb| rb.feature == "knowledge_api").expect("rb"))
            .iter()
            .map(|d| d.contents.clone())
            .collect();
    for cmd in [
        "df -h /opt/mirai-knowledge-systems",
        "free -h",
        r#"psql -h localhost -U mks_user -d mks_db -c "SELECT version();""#,
        "ls -lh /backups/mks/",
        "git -C /opt/mirai-knowledge-systems pull origin main",
        "flask db upgrade",
        "sudo systemctl restart mirai-knowledge-app",
        r#"curl -f http://localhost:9100/api/health || echo "❌ ヘルスチェック失敗""#,
        "sudo journalctl -u mirai-knowledge-app -n 50 --no-pager",
        "tail -n 50 /var/log/mirai-knowledge-systems/error.log",
        "sudo systemctl start mirai-knowledge-app-dev",
        "sudo systemctl reload mirai-knowledge-app",
        "sudo journalctl -u mirai-knowledge-app -f",
        "pg_dump -h localhost -U mks_user -d mks_db -F c \\\n  -f \"/backups/mks/mks_db_$(date +%Y%m%d_%H%M%S).dump\"",
        "/opt/mirai-knowledge-systems/scripts/daily_backup.sh",
        r#"psql -h localhost -U mks_user -d mks_db -c "VACUUM ANALYZE;""#,
        "openssl x509 -in /etc/ssl/mks/cert.pem -noout -enddate",
        r#"psql -h localhost -U mks_user -d mks_db -c "VACUUM FULL;""#,
        "sudo lsof -i :9100",
        "pip check",
        "sudo py-spy dump --pid",
        "ping -c 3 localhost",
        "find /opt/mirai-knowledge-systems -type f -size +100M",
        "du -sh /var/log/mirai-knowledge-systems/",
        "rm -rf /tmp/mirai-*",
        "max_connections = 150",
        "    rotate 30",
        "    create 0640 mks mks",
        "support@example.com",
        "#mirai-knowledge-systems-ops",
    ] {
        assert!(all.contains(cmd), "missing: {cmd}");
    }
}
