//! ジョブワーカー: Celery beat が投入し、Redis のキューを経て Celery ワーカーが
//! 処理する非同期ジョブ基盤。HTTP の入口を持たない、キュー中心の構成。

use runbook_dsl::{runbook, Runbook};

use crate::common::{ALERTING, BASIC_CHECKLIST, PLATFORM_CONTACTS};

pub const RUNBOOK: Runbook = runbook! {
    feature: job_worker,
    title: "Mirai Job Worker",
    owner: "platform-team",
    updated: 2026-10-15,
    review_every: 90d,
    version: "1.4",
    lang: ja,
    summary: "ナレッジの索引更新・通知メール送信・レポート生成を非同期に実行するワーカー群。",
    chat: "#mirai-jobs-ops",

    vars {
        root = "/opt/mirai-jobs",
        app = "mirai_jobs",
        broker = "redis://localhost:6379/2",
        logs = "/var/log/mirai-jobs",
        backups = "/backups/mirai-jobs",
    }

    environments {
        production "本番環境" { worker = "mirai-jobs-worker", beat = "mirai-jobs-beat", concurrency = 8 }
        development "開発環境" { worker = "mirai-jobs-worker-dev", beat = "mirai-jobs-beat-dev", concurrency = 2 }
    }

    architecture {
        beat { name: "Celery beat", kind: "Scheduler", version: "5.4", role: "定期ジョブ投入", link: "enqueue" }
        redis { name: "Redis", kind: "Broker", version: "7.2", role: "ジョブキュー", link: "consume" }
        worker { name: "Celery Worker", kind: "Worker", version: "5.4", role: "ジョブ実行" }
        postgres { name: "PostgreSQL", kind: "Database", version: "16.11", role: "結果・業務データ" }
        flower { name: "Flower", kind: "Monitor", version: "2.0", role: "ワーカー監視UI", optional }
    }

    deploy {
        precheck {
            "キュー滞留数確認" => "redis-cli -u {broker} llen celery",
            "実行中ジョブ確認" => "cd {root} && celery -A {app} inspect active",
        }
        execute {
            "最新コードを取得" => "git -C {root} pull origin main",
            "依存関係更新" => "pip install -r {root}/requirements.txt",
            "ワーカーを安全に再起動（実行中ジョブの完了を待つ）" => "sudo systemctl restart {worker}",
            "スケジューラ再起動" => "sudo systemctl restart {beat}",
        }
        verify {
            "ワーカー応答確認" => "cd {root} && celery -A {app} inspect ping",
            "登録タスク確認" => "cd {root} && celery -A {app} inspect registered",
        }
    }

    service {
        start => "sudo systemctl start {worker} {beat}",
        stop => "sudo systemctl stop {beat} {worker}",
        restart => "sudo systemctl restart {worker} {beat}",
        status => "sudo systemctl status {worker} {beat}",
        logs "ログ確認（最新100行）" => "sudo journalctl -u {worker} -n 100 --no-pager",
        follow => "sudo journalctl -u {worker} -f",
    }

    monitoring {
        queue "キュー" {
            backlog "キュー滞留数": normal < 1000, warning 1000..10000, critical > 10000, query "sum(redis_key_size{key=\"celery\"})";
            wait_p95 "待ち時間P95": normal < 30s, warning 30s..300s, critical > 300s, query "histogram_quantile(0.95, sum by (le) (rate(celery_task_wait_seconds_bucket[5m])))";
        }
        jobs "ジョブ" {
            failure_rate "ジョブ失敗率": normal < 1%, warning 1%..5%, critical > 5%, query "sum(rate(celery_tasks_total{state=\"FAILURE\"}[5m])) / sum(rate(celery_tasks_total[5m]))";
            retries "リトライ回数": normal < 100/h, warning 100..500/h, critical > 500/h, query "sum(increase(celery_tasks_total{state=\"RETRY\"}[1h]))" in /h;
        }
    }

    backup {
        "スケジュール定義バックアップ" => "cp {root}/celerybeat-schedule.db \"{backups}/celerybeat-schedule_$(date +%Y%m%d).db\"",
        "キュー内容のスナップショット" => "redis-cli -u {broker} --rdb \"{backups}/queue_$(date +%Y%m%d_%H%M%S).rdb\"",
    }

    restore {
        "スケジューラ停止" => "sudo systemctl stop {beat}",
        "スケジュール定義を復元（最新）" => danger("現在のスケジュール状態を上書きします")
            "SCHEDULE_BACKUP=$(ls -t {backups}/celerybeat-schedule_*.db | head -n 1)"
            r#"cp "$SCHEDULE_BACKUP" {root}/celerybeat-schedule.db"#,
        "スケジューラ起動" => "sudo systemctl start {beat}",
    }

    logs {
        worker "ワーカーログ": "{logs}/worker.log", "ジョブ実行ログ";
        beat "スケジューラログ": "{logs}/beat.log", "ジョブ投入ログ";
        logrotate "/etc/logrotate.d/mirai-jobs" for "{logs}/*.log" {
            weekly;
            rotate 8;
            compress;
            missingok;
            copytruncate;
        }
    }

    maintenance {
        daily {
            failed "失敗ジョブ確認" => "grep -c 'Task .* raised' {logs}/worker.log",
        }
        weekly {
            purge_results "古いジョブ結果の削除" cron("30 4 * * 1") => "cd {root} && celery -A {app} call {app}.tasks.purge_results --args='[30]'",
        }
        monthly {
            restart_workers "ワーカーの計画再起動（メモリ断片化対策）" downtime(5min) {
                precheck { "実行中ジョブ確認" => "cd {root} && celery -A {app} inspect active" }
                steps {
                    "新規ジョブの受付停止" => "cd {root} && celery -A {app} control cancel_consumer celery",
                    "ワーカー再起動" => "sudo systemctl restart {worker}",
                }
                verify { "ワーカー応答確認" => "cd {root} && celery -A {app} inspect ping" }
                rollback { "受付再開" => "cd {root} && celery -A {app} control add_consumer celery" }
            }
        }
    }

    alerts {
        backlog_critical "Queue Backlog": P1, when backlog critical, for 10min, see backlog,
            meaning "キューに1万件を超えるジョブが滞留している", impact "通知メールとレポート生成が遅延する";
        failures "Job Failures": P1, respond 1h, when failure_rate critical, for 10min, see failures;
        slow_queue "Slow Queue": P3, when wait_p95 warning, for 30min, see backlog;
    }

    troubleshooting {
        backlog "キュー滞留" {
            symptom { "キュー滞留数が10000件を超過", "通知メールの遅延" }
            causes { "ワーカー停止", "遅いジョブによるワーカー枯渇", "ジョブの大量投入" }
            diagnose {
                "滞留数確認" => "redis-cli -u {broker} llen celery",
                "ワーカー状態確認" => "sudo systemctl status {worker}",
                "実行中ジョブ確認" => "cd {root} && celery -A {app} inspect active",
            }
            remedy {
                "ワーカー起動" => "sudo systemctl start {worker}",
                "並列数を一時的に増加" => "cd {root} && celery -A {app} control pool_grow {concurrency}",
            }
        }
        failures "ジョブ失敗の増加" {
            symptom { "ジョブ失敗率が5%を超過", output "celery.exceptions.MaxRetriesExceededError" }
            causes { "データベース接続エラー", "外部APIの障害", "直前のデプロイの不具合" }
            diagnose {
                "失敗内容確認" => "grep -A 5 'raised' {logs}/worker.log | tail -n 50",
                "データベース接続確認" => "pg_isready -h localhost",
            }
            remedy {
                "直前のリリースへ戻す" => danger("現在のリリースのコードを破棄します")
                    "git -C {root} reset --hard 'HEAD@{{1}}'" "sudo systemctl restart {worker}",
            }
        }
    }

    checklist: BASIC_CHECKLIST,
    contacts: PLATFORM_CONTACTS,
    alerting: ALERTING,
};
