use super::{classify, look, table, Effect};

#[test]
fn every_tool_of_the_table_is_looked_at() {
    for (tool, _) in table::rules() {
        assert!(look::looked_at(tool).is_some() && look::may_be_a_name(tool), "{tool}");
    }
    // Every alias `canonical` knows passes the first look too.
    for alias in [
        "pkill",
        "killall",
        "podman",
        "nerdctl",
        "tofu",
        "terragrunt",
        "ip6tables",
        "oc",
        "etcdutl",
        "mongo",
        "telinit",
        "mkfs.ext4",
        "docker-compose",
        "podman-compose",
        "ip6tables-restore",
    ] {
        assert!(look::may_be_a_name(alias) && look::looked_at(alias).is_some(), "{alias}");
    }
    for client in ["psql", "mysql", "mariadb", "sqlite3", "redis-cli", "clickhouse-client", "cqlsh", "sqlcmd"] {
        assert!(look::looked_at(client).is_some() && super::sql::client(client).is_some(), "{client}");
    }
}

/// What the command does, checking that the cheap look lets it through.
fn shown(cmd: &str) -> Option<String> {
    let found = classify(cmd).map(|f| f.shown);
    if found.is_some() {
        assert!(super::worth_splitting(cmd), "the cheap look misses {cmd}");
    }
    found
}

#[test]
fn finds_destructive_commands_by_effect() {
    for (cmd, what) in [
        ("sudo rm -rf /tmp/x", "rm -rf"),
        ("rm -r -f /tmp/x", "rm -rf"),
        ("rm -R /srv/old-release", "rm -r"),
        ("kill -9 1234", "kill -9"),
        ("pgrep app | xargs -r kill -9", "kill -9"),
        ("timeout 5 kill -9 12", "kill -9"),
        ("pkill -KILL -f gunicorn", "kill -9"),
        ("pg_restore -d db -c dump", "pg_restore --clean"),
        ("sudo -u postgres dropdb shop", "dropdb"),
        (r#"psql -c "vacuum  full;""#, "VACUUM FULL"),
        (r#"sudo -u postgres psql -c "DROP TABLE users;""#, "DROP TABLE"),
        ("redis-cli -n 2 FLUSHDB", "FLUSHDB"),
        ("redis-cli -h cache -a \"$REDIS_PASS\" flushall", "FLUSHALL"),
        ("dd if=/dev/zero of=/dev/sda", "dd of="),
        ("mkfs.ext4 /dev/sdb1", "mkfs"),
        ("find /var/log -mtime +30 -delete", "find -delete"),
        ("find /tmp -name 'x*' -exec rm -rf {} +", "rm -rf"),
        ("cd /srv && git reset --hard HEAD~1", "git reset --hard"),
        ("git -C /srv reset --hard ORIG_HEAD", "git reset --hard"),
        ("git push --force origin main", "git push --force"),
        ("git push origin +release", "git push --force"),
        ("git push origin --delete old", "git push --delete"),
        ("docker system prune -af", "docker system prune"),
        ("podman volume prune -f", "docker volume prune"),
        ("docker-compose down -v", "docker compose down -v"),
        ("kubectl -n shop delete namespace shop", "kubectl delete"),
        ("kubectl delete pods --all -n batch", "kubectl delete"),
        ("kubectl scale deploy/api --replicas=0", "kubectl scale --replicas=0"),
        ("kubectl scale deploy/api --replicas 0 -n prod", "kubectl scale --replicas=0"),
        ("kubectl drain node-3 --ignore-daemonsets", "kubectl drain"),
        ("helm uninstall shop -n prod", "helm uninstall"),
        ("terraform -chdir=infra destroy -auto-approve", "terraform destroy"),
        ("tofu apply -destroy", "terraform apply -destroy"),
        ("aws s3 rm s3://bucket/logs --recursive", "aws s3 rm"),
        ("aws ec2 terminate-instances --instance-ids i-123", "aws delete-*"),
        ("gsutil -m rm -r gs://bucket/old", "gsutil rm"),
        ("gcloud sql instances delete shop-db", "gcloud ... delete"),
        ("etcdctl del \"\" --prefix", "etcdctl del"),
        (
            "ETCDCTL_API=3 etcdctl --endpoints=https://10.0.0.1:2379 member remove 8e9e05c52164694d",
            "etcdctl member remove",
        ),
        ("etcdctl snapshot restore /backup/etcd.db --data-dir /var/lib/etcd-new", "etcdctl snapshot restore"),
        ("etcd --name m1 --force-new-cluster --data-dir /var/lib/etcd", "etcd --force-new-cluster"),
        ("sudo mv /var/lib/etcd /var/lib/etcd.old", "mv /var/lib/..."),
        ("sudo systemctl disable --now nginx", "systemctl disable"),
        ("systemctl mask app.service", "systemctl mask"),
        ("sudo iptables -F", "iptables -F"),
        ("sudo nft flush ruleset", "nft flush"),
        ("crontab -r", "crontab -r"),
        ("sudo crontab -u app -r", "crontab -r"),
        ("> /var/log/app/app.log", "> file"),
        (": > /var/log/app/app.log", "> file"),
        ("sudo sh -c 'cat /dev/null > /var/log/app.log'", "> file"),
        ("truncate -s 0 /var/log/app.log", "truncate"),
        ("sudo sh -c 'rm -rf /var/cache/app/*'", "rm -rf"),
        ("bash -lc \"cd /srv && rm -rf build\"", "rm -rf"),
        ("ssh db1 'sudo -u postgres psql -c \"TRUNCATE sessions\"'", "TRUNCATE"),
        ("ssh -i ~/.ssh/ops ops@web1 sudo rm -rf /srv/app/releases", "rm -rf"),
        ("kubectl exec -it etcd-0 -n kube-system -- etcdctl del /registry --prefix", "etcdctl del"),
        ("docker exec -i pg psql -U app -c 'DELETE FROM sessions'", "DELETE FROM"),
        ("docker compose exec db mysql -e 'DROP DATABASE shop'", "DROP DATABASE"),
        ("nice -n 19 env LC_ALL=C timeout 10m rm -rf /data/tmp", "rm -rf"),
        ("sudo -u postgres psql shop <<'SQL'\nBEGIN;\nDELETE FROM carts;\nCOMMIT;\nSQL", "DELETE FROM"),
        ("echo 'DROP TABLE tmp_import;' | psql shop", "DROP TABLE"),
        ("ssh web1 <<'EOF'\nsudo rm -rf /srv/tmp\nEOF", "rm -rf"),
        ("mysql -uroot -e\"UPDATE users SET active = 0\" shop", "UPDATE without WHERE"),
        ("curl -X DELETE http://localhost:9200/logs-2026.01", "curl -X DELETE"),
        ("mongosh shop --eval 'db.sessions.deleteMany({})'", "db.drop"),
        ("sudo reboot", "reboot"),
        ("echo 'vm.swappiness = 10' > /etc/sysctl.conf", "> /etc/sysctl.conf"),
        ("printf '%s\\n' 'nameserver 10.0.0.2' >/etc/resolv.conf", "> /etc/resolv.conf"),
        ("echo 'net.core.somaxconn=1024' | sudo tee /etc/sysctl.d/90-app.conf", "tee /etc/sysctl.d/90-app.conf"),
        ("cat <<'EOF' > /etc/app.conf\nlisten 80;\nEOF", "> /etc/app.conf"),
        ("sudo sh -c 'echo \"* soft nofile 65536\" > /etc/security/limits.conf'", "> /etc/security/limits.conf"),
        ("echo \"$PUBKEY\" > ~/.ssh/authorized_keys", "> ~/.ssh/authorized_keys"),
        ("ssh web1 'echo DEBUG=1 > /srv/app/.env'", "> /srv/app/.env"),
        ("crontab -l | grep -v backup | tee -i /var/spool/cron/crontabs/root", "tee /var/spool/cron/crontabs/root"),
        ("find /tmp -type f -name '*.log' -exec rm {} \\;", "rm"),
        ("find /var/log/app -name '*.gz' | xargs rm -f", "rm"),
        ("redis-cli --scan --pattern 'session:*' | xargs redis-cli del", "redis-cli DEL"),
        ("rsync -a --delete /srv/release/ web1:/srv/app/", "rsync --delete"),
        ("podman system reset -f", "docker system reset"),
        ("sudo kubeadm reset -f", "kubeadm reset"),
        ("parted -s /dev/sdb mklabel gpt", "parted mklabel"),
        ("sfdisk --delete /dev/sdb", "sfdisk --delete"),
        ("pvremove /dev/sdb1", "pvremove"),
        ("zfs rollback -r tank/data@yesterday", "zfs rollback"),
        ("userdel -r olduser", "userdel -r"),
        ("git -C /srv/app checkout -- .", "git checkout --"),
        ("git restore src/", "git restore"),
        ("psql shop <<< 'TRUNCATE sessions;'", "TRUNCATE"),
    ] {
        assert_eq!(shown(cmd).as_deref(), Some(what), "{cmd}");
    }
}

#[test]
fn leaves_harmless_commands_alone() {
    for cmd in [
        "rm /tmp/x.lock",
        "rm -f /var/run/app.pid",
        "kill -USR1 12",
        "kill -HUP $(cat /var/run/nginx.pid)",
        r#"psql -c "VACUUM ANALYZE;""#,
        r#"grep -c "DELETE FROM" /var/log/postgresql/postgresql.log"#,
        r#"echo "never run rm -rf / on a server""#,
        "echo 'kubectl delete is not needed here'",
        "find / -name x",
        "git reset HEAD",
        "git -C /srv log -5",
        "git push origin main",
        "kubectl get pods -n prod",
        "kubectl scale deploy/api --replicas=3",
        "kubectl rollout restart deploy/api",
        "helm upgrade --install shop ./chart -n prod",
        "helm list -n prod",
        "docker ps -a",
        "docker run --rm -v /data:/data alpine ls /data",
        "docker compose down",
        "terraform plan -destroy",
        "terraform apply tfplan",
        "aws s3 ls s3://bucket/",
        "aws s3 cp backup.tar.gz s3://bucket/",
        "gcloud compute instances list",
        "systemctl stop nginx",
        "sudo systemctl restart app",
        "sudo iptables -L -n",
        "crontab -l",
        "pg_dump -Fc shop > /backups/shop.dump",
        "journalctl -u app > /tmp/app.log 2>&1",
        "cmd >/dev/null 2>&1",
        "echo 3 | sudo tee /proc/sys/vm/drop_caches",
        "cat <<'EOF' > /tmp/app.conf\nrm -rf is written here, not run\nEOF",
        "echo 'vm.swappiness = 10' >> /etc/sysctl.conf",
        "echo 'vm.swappiness = 10' | sudo tee -a /etc/sysctl.conf",
        "echo 'vm.swappiness = 10' | sudo tee --append /etc/sysctl.conf > /dev/null",
        "cat /etc/nginx/nginx.conf > /tmp/nginx.conf.before",
        "pg_dump shop > backup_$(date +%F).sql",
        "pg_dump shop > \"/backups/shop_`date +%s`.sql\"",
        "cat /etc/hosts 2>&1 | grep db",
        "sysctl -a 2>/dev/null | grep swappiness",
        "ls -la ./ > ./listing.txt",
        "curl -s http://localhost/metrics | tee /tmp/metrics.txt",
        "diff /etc/app.conf /etc/app.conf.rpmnew > /tmp/app.diff",
        "echo \"$CONFIG\" > \"$OUT_FILE\"",
        "find /var/log -name '*.gz' -exec ls -l {} +",
        "find / -name core | xargs ls -l",
        "sudo lsof -t -i:8080 | xargs -r sudo kill",
        "rsync -a /srv/app/ /backups/app/",
        "git checkout -b fix/123",
        "git restore --staged app.conf",
        "zfs list -t snapshot",
        "parted -l",
        "sfdisk -l /dev/sda",
        "psql shop <<< 'SELECT 1;'",
        "redis-cli --scan --pattern 'session:*' | head",
        "kubeadm token list",
        "psql -c \"SELECT query FROM pg_stat_activity WHERE query ILIKE '%drop table%'\"",
        "psql -c \"SELECT count(*) FROM audit_log WHERE action = 'DELETE'\"",
        "mysql -e 'SELECT dropped, deleted_at FROM shop.stats'",
        "redis-cli INFO keyspace",
        "redis-cli --scan --pattern 'session:*' | head",
        "etcdctl get /registry --prefix --keys-only",
        "etcdctl endpoint health",
        "curl -s 'http://localhost:9200/_cat/indices?v&s=index'",
        "dd if=/dev/sda bs=512 count=1 of=/dev/null",
        "cp app.conf /etc/app/app.conf",
        "mv /tmp/app.tar.gz /backups/",
        "ssh web1 uptime",
        "sh -c 'echo ok'",
        "shutdown -c",
        "curl -X POST http://localhost/api/reload",
        "kubectl rollout undo deploy/api -n prod",
        "docker image prune -f",
        "git checkout main && git pull --ff-only",
        "psql -c '\\dt+'",
        "redis-cli --bigkeys",
        "echo \"ALTER SYSTEM SET work_mem = '64MB';\" | psql",
        "sudo ufw allow 443/tcp",
        "aws ec2 describe-instances --filters Name=tag:app,Values=api",
        "tar -xzf /backups/app.tar.gz -C /",
        "find /var/log -name '*.gz' -mtime +30 -print",
        "crontab -l > /tmp/cron.bak",
        "ssh -o StrictHostKeyChecking=no web1 'df -h'",
        "helm rollback shop 3 -n prod",
        "terraform state list",
        "etcdctl member list -w table",
        "git branch -d merged-feature",
        "systemctl daemon-reload",
        "docker compose logs --tail 100",
        "mysql -e 'SHOW PROCESSLIST' | grep -v Sleep",
    ] {
        assert_eq!(classify(cmd), None, "{cmd}");
    }
}

#[test]
fn effects_are_named() {
    assert_eq!(classify("helm uninstall x").map(|f| f.effect), Some(Effect::Deletes));
    assert_eq!(classify("kubectl drain n1").map(|f| f.effect), Some(Effect::StopsService));
    assert_eq!(classify(": > f").map(|f| f.effect), Some(Effect::Truncates));
    assert_eq!(classify("terraform destroy").map(|f| f.effect), Some(Effect::Irreversible));
}
