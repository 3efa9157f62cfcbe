//! A systemd VM cluster: etcd on three members, its logs in journald, and
//! the procedures the etcd project's maintenance and recovery guides run
//! once per member (defragment, restore each member from the snapshot under
//! its own name), beside the steps that run once. Shared by the Markdown and
//! catalog tests.

use runbook_dsl::{runbook, Runbook};
use runbooks::common::{BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

/// etcd on three VMs, written as its upstream guides describe it.
pub const ETCD: Runbook = runbook! {
    feature: etcd_cluster,
    title: "etcd",
    owner: "platform-team",
    updated: 2026-11-01,
    version: "3.5",
    lang: en,
    summary: "The key-value store behind the control plane, on three VMs.",
    vars {
        endpoints = "https://10.0.0.11:2379,https://10.0.0.12:2379,https://10.0.0.13:2379",
        cluster = "etcd-1=https://10.0.0.11:2380,etcd-2=https://10.0.0.12:2380,etcd-3=https://10.0.0.13:2380",
        snapshot = "/var/backups/etcd/snapshot.db",
    }
    members {
        etcd {
            etcd1 "etcd-1" { name = "etcd-1", ip = "10.0.0.11" }
            etcd2 "etcd-2" { name = "etcd-2", ip = "10.0.0.12" }
            etcd3 "etcd-3" { name = "etcd-3", ip = "10.0.0.13" }
        }
    }
    architecture {
        client { name: "kube-apiserver", link: "gRPC over TLS" }
        etcd { name: "etcd", kind: "Key-Value Store", version: "3.5", role: "cluster state, three members" }
    }
    deploy {
        precheck { "Cluster health" => "etcdctl --endpoints {endpoints} endpoint health" }
        execute {
            "Upgrade one member at a time" => prose("Upgrade the members one by one, waiting for each to rejoin; see the upgrade guide."),
            "Upgrade guide" => link("https://etcd.io/docs/v3.5/upgrades/"),
        }
        verify { "Every member healthy" => "etcdctl --endpoints {endpoints} endpoint health" expect("is healthy") }
    }
    service {
        start => each(etcd) "ssh {ip} sudo systemctl start etcd",
        stop => each(etcd) "ssh {ip} sudo systemctl stop etcd",
        restart => each(etcd) "ssh {ip} sudo systemctl restart etcd",
        status => "etcdctl --endpoints {endpoints} endpoint status -w table",
        logs "Last 100 lines" => each(etcd) "ssh {ip} sudo journalctl -u etcd -n 100 --no-pager",
    }
    monitoring {
        db "Database" {
            db_size "Database size": normal < 6GB, warning 6GB..7GB, critical > 7GB, query "max(etcd_mvcc_db_total_size_in_bytes)";
        }
    }
    backup { "Snapshot" => "etcdctl --endpoints https://10.0.0.11:2379 snapshot save {snapshot}" }
    restore {
        "Stop every member" => each(etcd) "ssh {ip} sudo systemctl stop etcd",
        "Restore the snapshot under the member's name" => each(etcd) danger("replaces the member's data directory")
            "ssh {ip} sudo etcdutl snapshot restore {snapshot} --name {name} --initial-cluster {cluster} --initial-advertise-peer-urls https://{ip}:2380 --data-dir /var/lib/etcd",
        "Start every member" => each(etcd) "ssh {ip} sudo systemctl start etcd",
        "Cluster health" => "etcdctl --endpoints {endpoints} endpoint health",
    }
    logs {
        etcd "etcd server": journald "etcd.service", "raft, compaction and request errors";
        logrotate none("journald rotates the journal");
    }
    maintenance {
        daily none("nothing is due daily: compaction is automatic")
        weekly {
            defrag "Defragment" {
                precheck { "Alarms" => "etcdctl --endpoints {endpoints} alarm list" }
                // One member at a time, its health checked before the next.
                steps {
                    each(etcd) {
                        "Defragment the member" => "etcdctl --endpoints https://{ip}:2379 defrag",
                        "Check the member" => "etcdctl --endpoints https://{ip}:2379 endpoint health" expect("is healthy"),
                    }
                }
                verify { "Sizes" => "etcdctl --endpoints {endpoints} endpoint status -w table" }
            }
        }
        monthly { snapshot_check "Check the latest snapshot" on(etcd1) => "ssh {ip} sudo etcdutl snapshot status {snapshot} -w table" }
    }
    alerts {
        db_full "Database nearly full": P1, respond 1h, by "platform-team", when db_size critical, see db_full;
    }
    troubleshooting {
        db_full "Database nearly full" {
            symptom { "mvcc: database space exceeded", output "etcdserver: mvcc: database space exceeded" }
            causes { "History not compacted", "Fragmented after compaction" }
            diagnose { "Sizes" => "etcdctl --endpoints {endpoints} endpoint status -w table" }
            remedy {
                "Defragment each member" => each(etcd) "etcdctl --endpoints https://{ip}:2379 defrag",
                "Disarm the alarm on the leader" => on(etcd1) "etcdctl --endpoints https://{ip}:2379 alarm disarm",
                "Maintenance guide" => link("https://etcd.io/docs/v3.5/op-guide/maintenance/"),
            }
        }
    }
    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: runbooks::ALERTING_EN,
};
