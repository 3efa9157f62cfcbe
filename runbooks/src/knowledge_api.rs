//! Mirai Knowledge API: the specification's example system (Nginx, Gunicorn,
//! Flask, PostgreSQL, optional Redis), every section of its templates.

use runbook_dsl::{runbook, Runbook};

use crate::common::{ALERTING, BASIC_CHECKLIST, PLATFORM_CONTACTS};

pub const RUNBOOK: Runbook = runbook! {
    feature: knowledge_api,
    title: "Mirai Knowledge API",
    owner: "platform-team",
    updated: 2026-11-28,
    review_every: 90d,
    version: "1.0",
    lang: ja,
    chat: "#mirai-knowledge-systems-ops",
    summary: "本番環境と開発環境はそれぞれ専用ホストで稼働し、同じパス・ポート構成を持つ。コマンドは対象環境のホストで実行する。",

    vars {
        root = "/opt/mirai-knowledge-systems",
        db = "mks_db",
        db_user = "mks_user",
        port = 9100,
        backups = "/backups/mks",
        logs = "/var/log/mirai-knowledge-systems",
    }

    environments {
        production "本番環境" { unit = "mirai-knowledge-app" }
        development "開発環境" { unit = "mirai-knowledge-app-dev" }
    }

    architecture {
        client { name: "Client", link: "HTTPS" }
        nginx { name: "Nginx", kind: "Web Server", version: "1.24+", role: "リバースプロキシ" }
        gunicorn { name: "Gunicorn", kind: "App Server", version: "21.2+", role: "WSGIサーバー" }
        flask { name: "Flask App", kind: "Framework", version: "3.1.2", role: "アプリケーション" }
        postgres { name: "PostgreSQL", kind: "Database", version: "16.11", role: "データベース" }
        redis { name: "Redis", kind: "Cache", version: "7.0+", role: "キャッシュ", optional }
    }

    deploy {
        precheck {
            "ディスク容量確認" => "df -h {root}",
            "メモリ使用量確認" => "free -h",
            "データベース接続確認" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT version();""#,
            "バックアップ確認" => "ls -lh {backups}/",
        }
        execute {
            "最新コードを取得" => "git -C {root} pull origin main",
            "依存関係更新" => "pip install -r {root}/backend/requirements.txt",
            "データベースマイグレーション" => "cd {root}/backend && flask db upgrade",
            "サービス再起動" => "sudo systemctl restart {unit}",
            "ヘルスチェック" => r#"curl -f http://localhost:{port}/api/health || echo "❌ ヘルスチェック失敗""#,
        }
        verify {
            "サービス状態確認" => "sudo systemctl status {unit}",
            "ログ確認" => "sudo journalctl -u {unit} -n 50 --no-pager",
            "エラーログ確認" => "tail -n 50 {logs}/error.log",
            "Smokeテスト実行" => "{root}/ci/smoke_test.sh {env}",
        }
    }

    service {
        start => "sudo systemctl start {unit}",
        stop => "sudo systemctl stop {unit}",
        restart => {
            production "グレースフルリスタート" => "sudo systemctl reload {unit}",
            development => "sudo systemctl restart {unit}",
        },
        status => "sudo systemctl status {unit}",
        logs "ログ確認（最新50行）" => "sudo journalctl -u {unit} -n 50 --no-pager",
        follow => "sudo journalctl -u {unit} -f",
    }

    monitoring {
        system "システムリソース" {
            cpu "CPU使用率": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
            memory "メモリ使用率": normal < 75%, warning 75%..90%, critical > 90%, query "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes";
            disk "ディスク使用率": normal < 80%, warning 80%..90%, critical > 90%, query "1 - node_filesystem_avail_bytes{mountpoint=\"/\"} / node_filesystem_size_bytes{mountpoint=\"/\"}";
        }
        application "アプリケーションメトリクス" {
            latency_p95 "レスポンスタイムP95": normal < 2s, warning 2s..5s, critical > 5s, query "histogram_quantile(0.95, sum by (le) (rate(flask_http_request_duration_seconds_bucket[5m])))";
            error_rate "エラー率": normal < 1%, warning 1%..5%, critical > 5%, query "sum(rate(flask_http_request_total{status=~\"5..\"}[5m])) / sum(rate(flask_http_request_total[5m]))";
            requests "リクエスト数": critical > 1000 req/s, query "sum(rate(flask_http_request_total[5m]))";
        }
        database "データベース" {
            connections "接続数": normal < 50, warning 50..80, critical > 80, query "sum(pg_stat_activity_count{datname=\"mks_db\"})";
            query_p95 "クエリ時間P95": normal < 100ms, warning 100ms..500ms, critical > 500ms, query "histogram_quantile(0.95, sum by (le) (rate(mks_db_query_duration_seconds_bucket[5m])))";
            deadlocks "デッドロック": normal == 0/day, warning 1..3/day, critical > 3/day, query "increase(pg_stat_database_deadlocks{datname=\"mks_db\"}[1d])" in /day;
        }
    }

    backup {
        "データベースバックアップ" => "pg_dump -h localhost -U {db_user} -d {db} -F c \\
            -f \"{backups}/mks_db_$(date +%Y%m%d_%H%M%S).dump\"",
        "ファイルバックアップ" => "tar -czf \"{backups}/files_$(date +%Y%m%d_%H%M%S).tar.gz\" \\
            {root}/backend/data/",
        "設定ファイルバックアップ" => "cp {root}/backend/.env \\
            \"{backups}/.env_$(date +%Y%m%d_%H%M%S)\"",
    }

    restore {
        "サービス停止" => "sudo systemctl stop {unit}",
        "リストアするバックアップを選択（最新）" =>
            "BACKUP_FILE=$(ls -t {backups}/mks_db_*.dump | head -n 1)"
            r#"echo "$BACKUP_FILE""#,
        "データベースリストア" => danger("既存のデータベースを上書きします")
            r#"pg_restore -h localhost -U {db_user} -d {db} \
                -c "$BACKUP_FILE""#,
        "ファイルリストア" => danger("データディレクトリをバックアップ時点の内容で上書きします")
            "FILES_BACKUP=$(ls -t {backups}/files_*.tar.gz | head -n 1)"
            r#"tar -xzf "$FILES_BACKUP" -C /"#,
        "サービス起動" => "sudo systemctl start {unit}",
        "動作確認" => "curl -f http://localhost:{port}/api/health",
    }

    logs {
        app "アプリケーションログ": "{logs}/app.log", "一般ログ";
        error "エラーログ": "{logs}/error.log", "エラー専用";
        access "アクセスログ": "/var/log/nginx/access.log", "Nginxアクセス";
        audit "監査ログ": "{logs}/audit.log", "監査証跡";
        logrotate "/etc/logrotate.d/mirai-knowledge-systems" for "{logs}/*.log" {
            daily;
            rotate 30;
            compress;
            delaycompress;
            notifempty;
            create 0640 mks mks;
            sharedscripts;
            postrotate => "systemctl reload {unit}";
        }
    }

    maintenance {
        daily {
            backup "バックアップ実行" cron("0 3 * * *") => "{root}/scripts/daily_backup.sh",
            error_review "ログ確認" => "grep -i error {logs}/error.log",
        }
        weekly {
            security_scan "セキュリティスキャン" cron("47 6 * * 7") => "/etc/cron.weekly/security-scan",
            disk_usage "ディスク使用量確認" => "df -h",
            analyze "データベース統計更新" => r#"psql -h localhost -U {db_user} -d {db} -c "VACUUM ANALYZE;""#,
        }
        monthly {
            cert_expiry "SSL証明書有効期限確認" => "openssl x509 -in /etc/ssl/mks/cert.pem -noout -enddate",
            outdated "依存ライブラリ更新チェック" => "pip list --outdated",
            vacuum "データベースバキューム" downtime(30min) owner("DBA") {
                precheck {
                    "直近のバックアップ確認" => "ls -lht {backups}/ | head -n 5",
                    "空き容量確認（最大テーブル以上の空きが必要）" => "df -h /var/lib/postgresql",
                }
                steps {
                    "サービス停止" => "sudo systemctl stop {unit}",
                    "データベースバキューム" => danger("テーブルを排他ロックします（実行中は読み書きできません）")
                        r#"psql -h localhost -U {db_user} -d {db} -c "VACUUM FULL;""#,
                    "サービス起動" => "sudo systemctl start {unit}",
                }
                verify {
                    "ヘルスチェック" => "curl -f http://localhost:{port}/api/health",
                    "データベースサイズ確認" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT pg_size_pretty(pg_database_size('{db}'));""#,
                }
                rollback {
                    "実行中のVACUUMを中止" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'VACUUM%' AND pid <> pg_backend_pid();""#,
                    "サービス起動" => "sudo systemctl start {unit}",
                }
            }
        }
    }

    alerts {
        critical_error "Critical Error": P0, respond immediately, by "オンコールエンジニア", when error_rate critical, for 5min, see high_error_rate,
            meaning "5xx応答の割合が5%を超えている", impact "利用者の検索と回答の一部が失敗している";
        high_cpu "High CPU": P1, respond 1h, by "システム管理者", when cpu critical, for 15min, see high_cpu,
            meaning "CPU使用率が15分以上85%を超えている", impact "レスポンスが遅延し、タイムアウトが増える";
        disk_full "Disk Full": P1, respond 1h, by "システム管理者", when disk critical, for 10min, see disk_full,
            meaning "ルートファイルシステムの使用率が90%を超えている", impact "書き込みが失敗し、ログとアップロードが失われる";
        slow_query "Slow Query": P2, respond 1bd, by "DBA", when query_p95 warning, for 30min, see slow_query;
    }

    troubleshooting {
        service_start_failure "サービス起動失敗" {
            symptom {
                output "$ sudo systemctl start mirai-knowledge-app
                        Job for mirai-knowledge-app.service failed.",
            }
            causes {
                "ポート競合（{port}が使用中）",
                "依存関係不足",
                "設定ファイルエラー",
                "データベース接続失敗",
            }
            diagnose {
                "ポート確認" => "sudo lsof -i :{port}",
                "依存関係確認" => "pip check",
                "設定ファイル確認" =>
                    r#"cd {root}/backend && python -c "from config import Config; print(Config.validate())""#,
                "データベース接続確認" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT 1;""#,
            }
            remedy {
                "ポート競合の場合" => danger("ポートを使用中のプロセスを終了します")
                    "sudo lsof -t -i:{port} | xargs -r sudo kill",
                "依存関係不足の場合" => "pip install -r {root}/backend/requirements.txt",
                "設定ファイルエラーの場合" => "vi {root}/backend/.env",
                "データベース接続失敗の場合" => "sudo systemctl start postgresql",
            }
        }

        high_cpu "高CPU使用率" {
            symptom { "CPU使用率が85%以上", "レスポンスタイムが遅延" }
            causes { "無限ループ", "N+1クエリ", "大量リクエスト" }
            diagnose {
                "プロセス確認（Gunicornマスターとワーカーのスレッド）" =>
                    r#"MAIN_PID=$(systemctl show -p MainPID --value {unit})"#
                    r#"top -H -p "$MAIN_PID,$(pgrep -d, -P "$MAIN_PID")""#,
                "スタックトレース確認（py-spy）" =>
                    r#"for pid in $(pgrep -P "$(systemctl show -p MainPID --value {unit})"); do sudo py-spy dump --pid "$pid"; done"#,
                "スロークエリ確認" => r#"psql -h localhost -U {db_user} -d {db} -c "
                    SELECT pid, query, state, wait_event_type, wait_event
                    FROM pg_stat_activity
                    WHERE state != 'idle' AND query_start < NOW() - INTERVAL '5 seconds';
                    ""#,
            }
            remedy {
                "グレースフルリスタート" => "sudo systemctl reload {unit}",
                "問題のあるクエリをキャンセル（5分以上実行中のもの）" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE state = 'active' AND query_start < NOW() - INTERVAL '5 minutes' AND pid <> pg_backend_pid();""#,
                "ワーカープロセス数を削減（一時的）" => edit("{root}/gunicorn.conf.py") "workers = 2",
                "設定を反映" => "sudo systemctl restart {unit}",
            }
        }

        db_connection "データベース接続エラー" {
            symptom { output "OperationalError: could not connect to server" }
            causes { "PostgreSQLサービス停止", "接続数上限", "ネットワーク問題" }
            diagnose {
                "PostgreSQL状態確認" => "sudo systemctl status postgresql",
                "接続数確認（アプリ用ユーザーが接続できない時も使えるようpostgresで）" => r#"sudo -u postgres psql -d {db} -c "
                    SELECT count(*) FROM pg_stat_activity;
                    ""#,
                "ネットワーク確認" => "ping -c 3 localhost",
            }
            remedy {
                "PostgreSQL起動" => "sudo systemctl start postgresql",
                "接続数上限増加" => edit("/etc/postgresql/16/main/postgresql.conf")
                    "max_connections = 150  # デフォルト: 100",
                "接続プールサイズ調整" => edit("{root}/backend/config.py")
                    "SQLALCHEMY_POOL_SIZE = 10"
                    "SQLALCHEMY_MAX_OVERFLOW = 20",
                "PostgreSQL再起動（設定を反映）" => "sudo systemctl restart postgresql",
                "アプリ再起動（接続プールを作り直す）" => "sudo systemctl restart {unit}",
            }
        }

        disk_full "ディスク容量不足" {
            symptom { output "OSError: [Errno 28] No space left on device" }
            causes { "ログの肥大化", "古いバックアップの蓄積", "一時ファイルの残留" }
            diagnose {
                "ディスク使用量確認" => "df -h",
                "大きなファイル検索" => "find {root} -type f -size +100M",
                "ログサイズ確認" => "du -sh {logs}/",
            }
            remedy {
                "古いログ削除" => danger("30日より古いローテート済みログを削除します")
                    r#"find {logs}/ -name "*.log.*" -mtime +30 -delete"#,
                "古いバックアップ削除" => danger("90日より古いバックアップを削除します")
                    r#"find {backups}/ -name "*.dump" -mtime +90 -delete"#,
                "一時ファイル削除" => danger("実行中のプロセスが使用中の一時ファイルも削除されます")
                    "rm -rf /tmp/mirai-*",
            }
        }

        auth_error "認証エラー" {
            symptom { output "401 Unauthorized" }
            causes { "JWT有効期限切れ", "SECRET_KEY変更", "2FA検証失敗" }
            diagnose {
                "JWT検証（トークンは入力、鍵は.envから読み込み）" =>
                    r#"read -r -s -p "JWT: " JWT_TOKEN && echo && export JWT_TOKEN"#
                    "JWT_SECRET=$(grep '^SECRET_KEY=' {root}/backend/.env | cut -d= -f2-) && export JWT_SECRET"
                    r#"python -c "
                    import jwt, os
                    token = os.environ['JWT_TOKEN']
                    secret = os.environ['JWT_SECRET']
                    try:
                        payload = jwt.decode(token, secret, algorithms=['HS256'])
                        print('Valid:', payload)
                    except jwt.ExpiredSignatureError:
                        print('Expired')
                    except jwt.InvalidTokenError as e:
                        print('Invalid:', e)
                    ""#,
                "SECRET_KEY確認（値は表示せず、各バックアップとハッシュで比較）" =>
                    "grep '^SECRET_KEY=' {root}/backend/.env | sha256sum"
                    r#"for f in $(ls -t {backups}/.env_* | head -n 10); do echo "$f $(grep '^SECRET_KEY=' "$f" | sha256sum)"; done"#,
            }
            remedy {
                "トークン再発行" =>
                    r#"read -r -p "Email: " LOGIN_EMAIL && read -r -s -p "Password: " LOGIN_PASSWORD && echo"#
                    r#"jq -n --arg email "$LOGIN_EMAIL" --arg password "$LOGIN_PASSWORD" '{{email: $email, password: $password}}' \
                        | curl -X POST http://localhost:{port}/api/auth/login \
                        -H "Content-Type: application/json" -d @-"#,
                "バックアップ一覧（SECRET_KEYが変わる前のものを探す）" => "ls -lt {backups}/.env_* | head -n 10",
                "SECRET_KEY復元（選んだバックアップから）" => danger("現在の.envを上書きし、発行済みトークンがすべて無効になります")
                    r#"read -r -p "復元する.envバックアップのパス: " ENV_BACKUP"#
                    r#"cp "$ENV_BACKUP" {root}/backend/.env"#,
                "サービス再起動" => "sudo systemctl restart {unit}",
            }
        }

        slow_query "スロークエリ" {
            symptom { "クエリ時間P95が100msを超過", "特定の画面・APIだけが遅い" }
            causes { "インデックス不足", "統計情報が古い", "ロック待ち" }
            diagnose {
                "実行中の長いクエリ" => r#"sudo -u postgres psql -d {db} -c "SELECT pid, now() - query_start AS duration, wait_event_type, left(query, 120) FROM pg_stat_activity WHERE state = 'active' ORDER BY duration DESC LIMIT 10;""#,
                "ロック待ち" => r#"sudo -u postgres psql -d {db} -c "SELECT pid, locktype, relation::regclass, mode FROM pg_locks WHERE NOT granted;""#,
                "統計情報の更新日時" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT relname, last_analyze, last_autoanalyze FROM pg_stat_user_tables ORDER BY n_live_tup DESC LIMIT 10;""#,
            }
            remedy {
                "統計情報を更新" => r#"psql -h localhost -U {db_user} -d {db} -c "VACUUM ANALYZE;""#,
                "ロックを保持するセッションを終了" => danger("そのセッションの未コミットの変更が失われます")
                    r#"sudo -u postgres psql -d {db} -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN (SELECT unnest(pg_blocking_pids(pid)) FROM pg_stat_activity WHERE wait_event_type = 'Lock');""#,
            }
        }

        high_error_rate "エラー率上昇" {
            symptom { "エラー率が5%を超過", "5xxレスポンスの増加" }
            causes { "直前のデプロイの不具合", "データベース接続エラー", "依存サービスの障害" }
            diagnose {
                "直近のエラーログ確認" => "tail -n 100 {logs}/error.log",
                "5xxの多いエンドポイント集計" =>
                    "awk '$9 >= 500 {{print $7}}' /var/log/nginx/access.log | sort | uniq -c | sort -rn | head -n 20",
                "直近のデプロイ確認" => "git -C {root} log -5 --oneline",
            }
            remedy {
                "直前のデプロイで適用したマイグレーションを戻す" => danger("直前のデプロイで追加されたテーブル・列のデータを失います")
                    "cd {root}/backend && flask db downgrade",
                "直前のリリースへ戻す（git pull前の状態）" => danger("現在のリリースのコードを破棄します")
                    "git -C {root} reset --hard ORIG_HEAD",
                "依存関係を戻す" => "pip install -r {root}/backend/requirements.txt",
                "サービス再起動" => "sudo systemctl restart {unit}",
            }
        }
    }

    checklist: BASIC_CHECKLIST,
    contacts: PLATFORM_CONTACTS,
    alerting: ALERTING,
};
