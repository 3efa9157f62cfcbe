//! Auth Service: login, JWT issuance and TOTP two-factor authentication,
//! a Go binary behind Nginx with PostgreSQL for accounts and Redis for sessions.

use runbook_dsl::{runbook, Runbook};

use crate::common::{ALERTING_EN, BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

pub const RUNBOOK: Runbook = runbook! {
    feature: auth_service,
    title: "Auth Service",
    owner: "identity-team",
    updated: 2026-11-02,
    review_every: 60d,
    version: "2.3",
    lang: en,
    summary: "Issues and verifies JWT access tokens and enforces TOTP two-factor authentication for every product.",
    chat: "#identity-ops",

    vars {
        root = "/srv/auth",
        port = 8443,
        db = "auth",
        db_user = "auth_app",
        backups = "/backups/auth",
        logs = "/var/log/auth",
        keys = "/etc/auth/keys",
    }

    environments {
        production "production" { unit = "auth", redis_db = 0 }
        staging "staging" { unit = "auth-staging", redis_db = 1 }
    }

    architecture {
        client { name: "Client apps", link: "HTTPS / OIDC" }
        nginx { name: "Nginx", kind: "Edge proxy", version: "1.26", role: "TLS termination, rate limiting" }
        authd { name: "authd", kind: "Auth server", version: "2.3.0", role: "login, JWT, TOTP" }
        postgres { name: "PostgreSQL", kind: "Account store", version: "16", role: "users, TOTP secrets (encrypted)" }
        redis { name: "Redis", kind: "Session store", version: "7.2", role: "refresh tokens, lockouts", optional }
    }

    deploy {
        precheck {
            "Signing key present and readable by the service" => "sudo -u auth test -r {keys}/jwt-signing.pem && echo ok",
            "Database reachable" => r#"psql -h localhost -U {db_user} -d {db} -c "SELECT 1;""#,
            "Latest backup is less than a day old" => "find {backups} -name 'auth_*.dump' -mtime -1 | grep -q . && echo ok",
        }
        execute {
            "Install the release" => "sudo install -m 0755 ./authd {root}/bin/authd.new" "sudo mv {root}/bin/authd.new {root}/bin/authd",
            "Apply database migrations" => "{root}/bin/authd migrate --config {root}/config.toml",
            "Restart" => "sudo systemctl restart {unit}",
        }
        verify {
            "Health endpoint" => "curl -fsS https://localhost:{port}/healthz",
            "JWKS endpoint serves the current key" => "curl -fsS https://localhost:{port}/.well-known/jwks.json | jq '.keys | length'",
            "No errors since the restart" => "sudo journalctl -u {unit} --since '-5 min' -p err --no-pager",
        }
    }

    service {
        start => "sudo systemctl start {unit}",
        stop => "sudo systemctl stop {unit}",
        restart => "sudo systemctl restart {unit}",
        status => "sudo systemctl status {unit}",
        logs "Recent logs (last 100 lines)" => "sudo journalctl -u {unit} -n 100 --no-pager",
        follow => "sudo journalctl -u {unit} -f",
    }

    monitoring {
        traffic "Traffic" {
            login_p99 "Login latency P99": normal < 300ms, warning 300ms..800ms, critical > 800ms, query "histogram_quantile(0.99, sum by (le) (rate(auth_login_duration_seconds_bucket[5m])))";
            login_failures "Failed logins": normal < 5%, warning 5%..20%, critical > 20%, query "sum(rate(auth_login_attempts_total{result=\"failure\"}[5m])) / sum(rate(auth_login_attempts_total[5m]))";
            totp_failures "TOTP verification failures": normal < 2%, warning 2%..10%, critical > 10%, query "sum(rate(auth_totp_verifications_total{result=\"failure\"}[5m])) / sum(rate(auth_totp_verifications_total[5m]))";
        }
        platform "Platform" {
            key_days_left "Signing key validity left": normal > 30, warning 7..30, critical < 7, query "min(auth_signing_key_expiry_timestamp_seconds - time()) / 86400";
            redis_memory "Redis memory used": normal < 70%, warning 70%..90%, critical > 90%, query "redis_memory_used_bytes / redis_memory_max_bytes";
        }
    }

    backup {
        "Account database" => "pg_dump -h localhost -U {db_user} -d {db} -F c \\
            -f \"{backups}/auth_$(date +%Y%m%d_%H%M%S).dump\"",
        "Signing keys (encrypted)" => "sudo tar -czf - {keys} | gpg --encrypt --recipient ops@example.com \\
            > \"{backups}/keys_$(date +%Y%m%d).tar.gz.gpg\"",
    }

    restore {
        "Stop the service" => "sudo systemctl stop {unit}",
        "Pick the newest dump" => "BACKUP_FILE=$(ls -t {backups}/auth_*.dump | head -n 1)" r#"echo "$BACKUP_FILE""#,
        "Restore the account database" => danger("replaces every account, password hash and TOTP secret")
            r#"pg_restore -h localhost -U {db_user} -d {db} -c "$BACKUP_FILE""#,
        "Start the service" => "sudo systemctl start {unit}",
        "Check a login end to end" => "{root}/bin/authd selftest --config {root}/config.toml",
    }

    logs {
        app "Service log": "{logs}/authd.log", "requests and errors";
        audit "Audit log": "{logs}/audit.log", "logins, 2FA enrolments, token revocations";
        nginx "Access log": "/var/log/nginx/auth_access.log", "edge traffic";
        logrotate "/etc/logrotate.d/auth" for "{logs}/*.log" {
            daily;
            rotate 90;
            compress;
            missingok;
            notifempty;
            create 0640 auth auth;
            postrotate => "systemctl kill -s HUP {unit}";
        }
    }

    maintenance {
        daily {
            backup "Database backup" cron("15 2 * * *") => "{root}/scripts/backup.sh",
            lockouts "Review account lockouts" => "redis-cli -n {redis_db} --scan --pattern 'lockout:*' | wc -l",
        }
        weekly {
            audit_review "Review 2FA resets in the audit log" => "grep -c 'totp.reset' {logs}/audit.log",
        }
        monthly {
            rotate_key "Rotate the JWT signing key" owner("security-team") {
                precheck {
                    "Current key id" => "curl -fsS https://localhost:{port}/.well-known/jwks.json | jq -r '.keys[].kid'",
                }
                steps {
                    "Generate the next key" => "sudo -u auth {root}/bin/authd keys generate --out {keys}/jwt-next.pem",
                    "Publish it beside the current key" => "sudo -u auth {root}/bin/authd keys publish {keys}/jwt-next.pem",
                    "Sign with the next key" => "sudo -u auth {root}/bin/authd keys promote {keys}/jwt-next.pem" "sudo systemctl reload {unit}",
                }
                verify {
                    "Both keys are served" => "curl -fsS https://localhost:{port}/.well-known/jwks.json | jq '.keys | length'",
                }
                rollback {
                    "Sign with the previous key again" => "sudo -u auth {root}/bin/authd keys promote {keys}/jwt-signing.pem" "sudo systemctl reload {unit}",
                }
            }
        }
    }

    alerts {
        login_down "Logins failing": P0, when login_failures critical, for 5min, see login_failures,
            meaning "More than 20% of login attempts fail", impact "Users cannot sign in to any product";
        totp_spike "TOTP failures spike": P1, when totp_failures critical, for 10min, see totp_failures;
        key_expiry "Signing key expiring": P1, respond 1d, by "Security team", when key_days_left critical, for 1h, see key_expiry,
            meaning "The token signing key expires within 7 days", impact "Once it expires, every token is rejected and all sessions end";
        slow_login "Slow logins": P2, respond 1bd, by "Identity team", when login_p99 warning, for 15min, see login_failures;
    }

    troubleshooting {
        login_failures "Logins fail for everyone" {
            symptom { "Failed-login rate above 20%", output "HTTP/1.1 401 Unauthorized" }
            causes { "Signing key missing or unreadable", "Database unreachable", "Clock skew between hosts" }
            diagnose {
                "Service errors" => "sudo journalctl -u {unit} -p err -n 50 --no-pager",
                "Key readable" => "sudo -u auth test -r {keys}/jwt-signing.pem && echo ok",
                "Clock in sync" => "timedatectl show -p NTPSynchronized",
            }
            remedy {
                "Restore the key from backup" => danger("overwrites the signing keys on disk")
                    "KEYS_BACKUP=$(ls -t {backups}/keys_*.tar.gz.gpg | head -n 1)"
                    r#"gpg --decrypt "$KEYS_BACKUP" | sudo tar -xzf - -C /"#,
                "Resynchronise the clock" => "sudo systemctl restart systemd-timesyncd",
                "Restart" => "sudo systemctl restart {unit}",
            }
        }
        totp_failures "TOTP codes rejected" {
            symptom { "TOTP failure rate above 10%", "Users report valid authenticator codes are refused" }
            causes { "Server clock drift", "TOTP secret decryption key rotated without re-encrypting" }
            diagnose {
                "Clock offset" => "chronyc tracking | grep 'System time'",
                "Decryption errors" => "grep -c 'totp.decrypt_failed' {logs}/authd.log",
            }
            remedy {
                "Step the clock" => "sudo chronyc makestep",
                "Re-encrypt secrets with the current key" => danger("rewrites every TOTP secret row")
                    "sudo -u auth {root}/bin/authd totp reencrypt --config {root}/config.toml",
            }
        }
        key_expiry "Signing key about to expire" {
            symptom { "Fewer than 7 days of key validity left" }
            causes { "The monthly key rotation was skipped" }
            diagnose {
                "Key expiry date" => "openssl x509 -in {keys}/jwt-signing.pem -noout -enddate",
            }
            remedy {
                "Rotate now" => "sudo -u auth {root}/bin/authd keys generate --out {keys}/jwt-next.pem"
                    "sudo -u auth {root}/bin/authd keys promote {keys}/jwt-next.pem"
                    "sudo systemctl reload {unit}",
            }
        }
    }

    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: ALERTING_EN,
};
