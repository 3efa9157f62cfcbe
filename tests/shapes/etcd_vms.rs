//! etcd on three systemd VMs, as the etcd project's own guides describe it
//! (maintenance: compaction, defragmentation one member at a time, snapshot
//! backup; disaster recovery: every member restored from one snapshot under
//! its own name and peer URL; the rolling upgrade), with the alerts of the
//! etcd-mixin and their PromQL. Written by a reader of those upstream pages
//! only; shared by the Markdown, catalog and rule tests.

use runbook_dsl::{runbook, Runbook};
use runbooks::common::{BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

/// A three-member etcd cluster outside Kubernetes.
pub const ETCD_VMS: Runbook = runbook! {
    feature: etcd,
    title: "etcd (three VMs)",
    owner: "platform-team",
    updated: 2026-11-30,
    version: "3.5",
    lang: en,
    summary: "A three-member etcd cluster on systemd VMs: it tolerates the loss of one member.",
    chat: "#platform-ops",

    vars {
        tls = "--cacert /etc/etcd/pki/ca.crt --cert /etc/etcd/pki/etcdctl.crt --key /etc/etcd/pki/etcdctl.key",
        endpoints = "https://10.0.1.11:2379,https://10.0.1.12:2379,https://10.0.1.13:2379",
        cluster = "etcd-a=https://10.0.1.11:2380,etcd-b=https://10.0.1.12:2380,etcd-c=https://10.0.1.13:2380",
        snapshot = "/var/backups/etcd/snapshot.db",
        release = "v3.5.17",
    }
    members {
        etcd {
            etcd_a "etcd-a" { name = "etcd-a", ip = "10.0.1.11" }
            etcd_b "etcd-b" { name = "etcd-b", ip = "10.0.1.12" }
            etcd_c "etcd-c" { name = "etcd-c", ip = "10.0.1.13" }
        }
    }

    architecture {
        client { name: "kube-apiserver", link: "gRPC over TLS :2379" }
        etcd { name: "etcd", kind: "Key-Value Store (Raft)", version: "3.5.17", role: "three members, one leader", link: "local disk" }
        disk { name: "SSD", kind: "Storage", version: "n/a", role: "WAL and backend database under /var/lib/etcd" }
    }

    deploy {
        precheck {
            "Every member healthy" => "etcdctl {tls} --endpoints {endpoints} endpoint health" expect("is healthy"),
            "Snapshot before the upgrade" => "etcdctl {tls} --endpoints https://10.0.1.11:2379 snapshot save {snapshot}",
        }
        execute {
            "Download the release on each member" => each(etcd)
                "ssh {ip} 'curl -fsSL -o /tmp/etcd-{release}.tar.gz https://github.com/etcd-io/etcd/releases/download/{release}/etcd-{release}-linux-amd64.tar.gz && tar -xzf /tmp/etcd-{release}.tar.gz -C /tmp'",
            // The upgrade guide: one member at a time, each healthy before the next.
            each(etcd) {
                "Stop the member" => "ssh {ip} sudo systemctl stop etcd",
                "Install the binaries" => "ssh {ip} sudo install -m 0755 /tmp/etcd-{release}-linux-amd64/etcd /tmp/etcd-{release}-linux-amd64/etcdctl /tmp/etcd-{release}-linux-amd64/etcdutl /usr/local/bin/",
                "Start the member" => "ssh {ip} sudo systemctl start etcd",
                "The member is healthy again" => "etcdctl {tls} --endpoints https://{ip}:2379 endpoint health" expect("is healthy"),
            }
        }
        verify {
            "Versions and leader" => "etcdctl {tls} --endpoints {endpoints} endpoint status -w table",
            "Upgrade guide" => link("https://etcd.io/docs/v3.5/upgrades/"),
        }
    }

    service {
        start => each(etcd) "ssh {ip} sudo systemctl start etcd",
        stop => each(etcd) "ssh {ip} sudo systemctl stop etcd",
        restart => each(etcd) "ssh {ip} sudo systemctl restart etcd",
        status => "etcdctl {tls} --endpoints {endpoints} endpoint status -w table",
        logs "Last 100 lines" => each(etcd) "ssh {ip} sudo journalctl -u etcd.service -n 100 --no-pager",
        follow => on(etcd_a) "ssh {ip} sudo journalctl -u etcd.service -f",
    }

    monitoring {
        db "Backend database" {
            quota "Database size against its quota": normal <= 95%, critical > 95%,
                query "last_over_time(etcd_mvcc_db_total_size_in_bytes{job=~\".*etcd.*\"}[5m]) / last_over_time(etcd_server_quota_backend_bytes{job=~\".*etcd.*\"}[5m])";
        }
        raft "Raft" {
            leader_changes "Leader changes in 15 minutes": normal < 4, warning >= 4,
                query "increase((max without (instance) (etcd_server_leader_changes_seen_total{job=~\".*etcd.*\"}) or 0*absent(etcd_server_leader_changes_seen_total{job=~\".*etcd.*\"}))[15m:1m])";
        }
    }

    backup {
        "Snapshot from one member" => "etcdctl {tls} --endpoints https://10.0.1.11:2379 snapshot save {snapshot}",
        "Check the snapshot" => "etcdutl snapshot status {snapshot} -w table",
    }
    // The recovery guide: every member restores the same snapshot into a new
    // data directory, under its own name and peer URL.
    restore {
        "Stop every member" => each(etcd) "ssh {ip} sudo systemctl stop etcd",
        "Copy the snapshot to each member" => each(etcd) "scp {snapshot} {ip}:/tmp/snapshot.db",
        "Move the old data directory aside" => each(etcd) danger("the member's current data leaves /var/lib/etcd")
            "ssh {ip} sudo mv /var/lib/etcd /var/lib/etcd.before-restore",
        "Restore under the member's own name" => each(etcd) danger("the member starts from the snapshot: every write since it was taken is lost")
            "ssh {ip} sudo etcdutl snapshot restore /tmp/snapshot.db --name {name} --initial-cluster {cluster} --initial-advertise-peer-urls https://{ip}:2380 --data-dir /var/lib/etcd",
        "Start every member" => each(etcd) "ssh {ip} sudo systemctl start etcd",
        "Cluster health" => "etcdctl {tls} --endpoints {endpoints} endpoint health" expect("is healthy"),
        "Recovery guide" => link("https://etcd.io/docs/v3.5/op-guide/recovery/"),
    }

    logs {
        etcd "etcd server": journald "etcd.service", "raft elections, slow requests, compaction, alarms";
        logrotate none("journald rotates the journal (SystemMaxUse in journald.conf)");
    }

    maintenance {
        daily {
            snapshot "Snapshot backup" cron("0 2 * * *") on(etcd_a) =>
                "ssh {ip} 'sudo etcdctl {tls} --endpoints https://127.0.0.1:2379 snapshot save /var/backups/etcd/snapshot-$(date +%F).db'",
        }
        weekly {
            defrag "Compact and defragment" {
                precheck {
                    "No alarm is raised" => "etcdctl {tls} --endpoints {endpoints} alarm list",
                    "Sizes before" => "etcdctl {tls} --endpoints {endpoints} endpoint status -w table",
                }
                // The maintenance guide: compact the history to the current
                // revision once, then defragment each member in turn (a
                // member blocks its reads and writes while it defragments).
                steps {
                    "Current revision" => "rev=$(etcdctl {tls} --endpoints https://10.0.1.11:2379 endpoint status --write-out=json | grep -o '\"revision\":[0-9]*' | grep -o '[0-9]*')",
                    "Compact up to it" => "etcdctl {tls} --endpoints https://10.0.1.11:2379 compact \"$rev\"",
                    each(etcd) {
                        "Defragment the member" => "etcdctl {tls} --endpoints https://{ip}:2379 defrag",
                        "The member is healthy" => "etcdctl {tls} --endpoints https://{ip}:2379 endpoint health" expect("is healthy"),
                    }
                }
                verify { "Sizes after" => "etcdctl {tls} --endpoints {endpoints} endpoint status -w table" }
            }
        }
        monthly none("nothing is due monthly: the snapshot is checked each day it is taken")
    }

    alerts {
        members_down "etcdMembersDown": P1, for 10min,
            expr "max without (endpoint) (sum without (instance) (up{job=~\".*etcd.*\"} == bool 0) or count without (To) (sum without (instance) (rate(etcd_network_peer_sent_failures_total{job=~\".*etcd.*\"}[120s])) > 0.01)) > 0",
            see members_down,
            meaning "A member is down or its peers fail to send to it",
            impact "The cluster runs without its fault tolerance: one more failure loses quorum";
        no_leader "etcdNoLeader": P0, for 1min,
            expr "etcd_server_has_leader{job=~\".*etcd.*\"} == 0",
            see no_leader,
            meaning "A member has no leader",
            impact "The member serves no writes; if it is every member, the cluster is unavailable";
        leader_changes "etcdHighNumberOfLeaderChanges": P2, when leader_changes warning, for 5min, see leader_changes,
            meaning "Four or more leader elections within 15 minutes",
            impact "Requests stall during each election; a sign of overloaded disks, network latency or resource starvation";
        quota_low "etcdDatabaseQuotaLowSpace": P1, when quota critical, for 10min, see quota_low,
            meaning "The backend database is above 95% of its quota",
            impact "At the quota etcd raises the NOSPACE alarm and refuses every write";
    }

    troubleshooting {
        members_down "A member is down" {
            symptom { "up is 0 for a member, or peers fail to send to it", output "prober detected unhealthy status" }
            causes { "The VM or the etcd unit stopped", "The network between the members drops traffic on port 2380", "The member's disk is full" }
            diagnose {
                "State of each member" => each(etcd) "ssh {ip} systemctl is-active etcd" expect("active"),
                "The members the cluster knows" => "etcdctl {tls} --endpoints {endpoints} member list -w table",
                "The down member's last log lines" => each(etcd) "ssh {ip} sudo journalctl -u etcd.service -n 50 --no-pager",
            }
            remedy {
                // Starting an active unit does nothing: no need to know which one is down.
                "Start the member that is down" => if("a unit is inactive") each(etcd) "ssh {ip} sudo systemctl start etcd",
                "Replace a member that cannot come back" => prose("If its data is lost, remove the member and add it again as a new member, one member at a time, as the runtime reconfiguration guide describes."),
                "Runtime reconfiguration guide" => link("https://etcd.io/docs/v3.5/op-guide/runtime-configuration/"),
            }
        }
        no_leader "A member has no leader" {
            symptom { "etcd_server_has_leader is 0", output "raft.node: lost leader" }
            causes { "Network partition between the members", "Quorum lost: two of the three members are down" }
            diagnose {
                "Which member each one thinks leads" => "etcdctl {tls} --endpoints {endpoints} endpoint status -w table",
                "Can each member reach its peers" => each(etcd) "ssh {ip} 'nc -zv 10.0.1.11 2380; nc -zv 10.0.1.12 2380; nc -zv 10.0.1.13 2380'",
            }
            remedy {
                "Restore connectivity" => if("the members cannot reach each other") prose("Fix the network or firewall between the members on port 2380; a leader is elected as soon as a majority sees each other."),
                "Recover from a snapshot" => if("quorum is permanently lost") prose("Follow the Restore procedure of the operations runbook: every member from one snapshot."),
            }
        }
        leader_changes "Frequent leader elections" {
            symptom { "etcd_server_leader_changes_seen_total rises", output "elected leader" }
            causes { "Slow disks: WAL fsync above 10 ms", "Network latency between the members", "CPU starvation on a member" }
            diagnose {
                "WAL fsync latency per member" => each(etcd) "ssh {ip} 'curl -s --cacert /etc/etcd/pki/ca.crt --cert /etc/etcd/pki/etcdctl.crt --key /etc/etcd/pki/etcdctl.key https://127.0.0.1:2379/metrics | grep etcd_disk_wal_fsync_duration_seconds'",
                "Tuning guide" => link("https://etcd.io/docs/v3.5/tuning/"),
            }
            remedy {
                "Move the data directory to a faster disk" => if("fsync is slow") prose("Give each member a dedicated SSD for /var/lib/etcd, one member at a time."),
                "Raise heartbeat and election timeouts" => if("the latency between the members is high") prose("Set --heartbeat-interval and --election-timeout on every member as the tuning guide says, then restart the members one at a time."),
            }
        }
        quota_low "Database nearly full" {
            symptom { "Database size above 95% of the quota", output "etcdserver: mvcc: database space exceeded" }
            causes { "History not compacted", "Free pages not returned after compaction (fragmentation)", "A client writes too much" }
            diagnose { "Size of each member's database" => "etcdctl {tls} --endpoints {endpoints} endpoint status -w table" }
            remedy {
                "Current revision" => "rev=$(etcdctl {tls} --endpoints https://10.0.1.11:2379 endpoint status --write-out=json | grep -o '\"revision\":[0-9]*' | grep -o '[0-9]*')",
                "Compact up to it" => "etcdctl {tls} --endpoints https://10.0.1.11:2379 compact \"$rev\"",
                "Defragment each member" => each(etcd) "etcdctl {tls} --endpoints https://{ip}:2379 defrag",
                "Disarm the NOSPACE alarm" => if("alarm list shows NOSPACE") "etcdctl {tls} --endpoints {endpoints} alarm disarm",
                "Maintenance guide" => link("https://etcd.io/docs/v3.5/op-guide/maintenance/#space-quota"),
            }
        }
    }

    checklist: BASIC_CHECKLIST_EN,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: runbooks::ALERTING_EN,
};
