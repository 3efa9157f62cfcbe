//! The cheap look before a command is split: which words name a tool of the
//! table, and which other words its rules need to see. Most commands hold
//! none, and the split is the costly part of the effect rule.

/// What the cheap look before a split needs to see for a tool: nothing more
/// (its name alone may be destructive), or a word its rules look for.
#[derive(Debug, Clone, Copy)]
pub enum Look {
    Name,
    Trigger(Trigger),
}

/// True for a word a tool's rules look for.
pub type Trigger = fn(&str) -> bool;

/// Every name `looked_at` knows, aliases included (`canonical` maps them).
const NAMES: &[&str] = &[
    "shred",
    "wipefs",
    "mkfs",
    "truncate",
    "lvremove",
    "vgremove",
    "sgdisk",
    "dropdb",
    "dropuser",
    "pg_dropcluster",
    "shutdown",
    "reboot",
    "poweroff",
    "halt",
    "iptables-restore",
    "ip6tables-restore",
    "iptables-nft-restore",
    "iptables-legacy-restore",
    "mongosh",
    "mongo",
    "rm",
    "crontab",
    "find",
    "dd",
    "cp",
    "mv",
    "zfs",
    "zpool",
    "kill",
    "pkill",
    "killall",
    "systemctl",
    "init",
    "telinit",
    "iptables",
    "ip6tables",
    "iptables-nft",
    "iptables-legacy",
    "nft",
    "ufw",
    "pg_restore",
    "mongorestore",
    "mysqladmin",
    "etcdctl",
    "etcdutl",
    "etcd",
    "kubectl",
    "oc",
    "helm",
    "docker",
    "podman",
    "nerdctl",
    "docker-compose",
    "podman-compose",
    "terraform",
    "tofu",
    "terragrunt",
    "aws",
    "gcloud",
    "gsutil",
    "az",
    "curl",
    "git",
    "psql",
    "cockroach",
    "mysql",
    "mariadb",
    "sqlite3",
    "duckdb",
    "clickhouse-client",
    "clickhouse",
    "cqlsh",
    "sqlcmd",
    "redis-cli",
    "valkey-cli",
    "keydb-cli",
    "rsync",
    "parted",
    "sfdisk",
    "pvremove",
    "userdel",
    "kubeadm",
    "ip",
    "ifdown",
    "nmcli",
    "lvreduce",
    "blkdiscard",
    "mdadm",
    "cryptsetup",
    "ipmitool",
    "virsh",
    "vault",
    "consul",
    "rabbitmqctl",
    "kafka-topics",
    "kafka-topics.sh",
    "rclone",
    "mc",
    "s3cmd",
];

/// One bit per (first byte, last byte) of the names in `NAMES`: most words
/// are rejected by one look-up, before any string is compared.
const FIRST_LAST: [u64; 1024] = {
    let mut table = [0u64; 1024];
    let mut i = 0;
    while i < NAMES.len() {
        let b = NAMES[i].as_bytes();
        let bit = (b[0] as usize) << 8 | b[b.len() - 1] as usize;
        table[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    table
};

/// False for a word that cannot be a name of `NAMES` (`mkfs.ext4` is `mkfs`).
pub fn may_be_a_name(word: &str) -> bool {
    let b = word.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return false };
    let bit = usize::from(first) << 8 | usize::from(last);
    (FIRST_LAST[bit / 64] >> (bit % 64)) & 1 == 1 || word.starts_with("mkfs")
}

/// For a word that names a program the table or a client looks at, what
/// else the command must hold to be worth splitting. A `match`, not a table
/// search; callers look with `may_be_a_name` first, as it runs on every
/// word of every command.
pub fn looked_at(name: &str) -> Option<Look> {
    use Look::*;
    Some(match super::table::canonical(name) {
        "shred" | "wipefs" | "mkfs" | "truncate" | "lvremove" | "vgremove" | "sgdisk" | "dropdb" | "dropuser"
        | "pg_dropcluster" | "shutdown" | "reboot" | "poweroff" | "halt" | "iptables-restore" | "mongosh"
        | "pvremove" | "ifdown" | "lvreduce" | "blkdiscard" => Name,
        "ip" => Trigger(|w| w == "down" || w == "flush" || w == "default"),
        "mdadm" => Trigger(|w| w == "--zero-superblock"),
        "cryptsetup" => Trigger(|w| matches!(w, "luksFormat" | "luksErase" | "erase")),
        "ipmitool" => Trigger(|w| w == "power"),
        "virsh" => Trigger(|w| w == "destroy" || w == "undefine"),
        "vault" => Trigger(|w| matches!(w, "delete" | "destroy" | "disable")),
        "consul" => Trigger(|w| w == "delete"),
        "rabbitmqctl" => {
            Trigger(|w| matches!(w, "reset" | "force_reset" | "delete_queue" | "purge_queue" | "delete_vhost"))
        }
        "kafka-topics" => Trigger(|w| w == "--delete"),
        "rclone" => Trigger(|w| matches!(w, "delete" | "deletefile" | "purge" | "rmdirs" | "sync")),
        "mc" => Trigger(|w| w == "rm" || w == "rb"),
        "s3cmd" => Trigger(|w| matches!(w, "del" | "rm" | "rb")),
        "nmcli" => Trigger(|w| w == "down" || w == "disconnect"),
        "rsync" => Trigger(|w| w.starts_with("--delete") || w == "--remove-source-files"),
        "parted" => Trigger(|w| matches!(w, "mklabel" | "mktable" | "rm")),
        "sfdisk" => Trigger(|w| w == "--delete"),
        "userdel" => Trigger(|w| w == "--remove" || (w.starts_with('-') && !w.starts_with("--") && w.contains('r'))),
        "kubeadm" => Trigger(|w| w == "reset"),
        "rm" => {
            Trigger(|w| w == "--recursive" || (w.starts_with('-') && !w.starts_with("--") && w.contains(['r', 'R'])))
        }
        // `-r`, or a file (or `-`) to install: any word but the options that only read.
        "crontab" => Trigger(|w| !matches!(w, "-l" | "-e" | "-u" | "crontab")),
        "find" => Trigger(|w| matches!(w, "-delete" | "-exec" | "-execdir")),
        "dd" => Trigger(|w| w.starts_with("of=")),
        "cp" => Trigger(|w| w == "/dev/null"),
        "mv" => Trigger(|w| w.starts_with("/var/lib/")),
        "zfs" | "zpool" => Trigger(|w| w == "destroy" || w == "rollback"),
        "kill" => Trigger(|w| {
            matches!(w.trim_start_matches('-').trim_start_matches("SIG"), "9" | "KILL" | "s")
                || w.starts_with("--signal")
        }),
        "systemctl" => Trigger(|w| {
            matches!(
                w,
                "disable"
                    | "mask"
                    | "isolate"
                    | "kill"
                    | "poweroff"
                    | "reboot"
                    | "halt"
                    | "kexec"
                    | "soft-reboot"
                    | "suspend"
                    | "hibernate"
                    | "hybrid-sleep"
                    | "rescue"
                    | "emergency"
            )
        }),
        "init" => Trigger(|w| w == "0" || w == "6"),
        "iptables" => Trigger(|w| {
            matches!(w, "-F" | "--flush" | "-X" | "--delete-chain" | "-P" | "--policy")
                || (w.starts_with('-') && !w.starts_with("--") && w.contains(['F', 'X']))
        }),
        "nft" => Trigger(|w| w == "flush" || w == "delete"),
        "ufw" => Trigger(|w| w == "reset"),
        "pg_restore" => Trigger(|w| w == "--clean" || (w.starts_with('-') && !w.starts_with("--") && w.contains('c'))),
        "mongorestore" => Trigger(|w| w == "--drop"),
        "mysqladmin" => Trigger(|w| w == "drop" || w == "shutdown"),
        "etcdctl" => Trigger(|w| matches!(w, "del" | "delete" | "member" | "snapshot")),
        "etcd" => Trigger(|w| w == "--force-new-cluster"),
        "kubectl" => Trigger(|w| matches!(w, "delete" | "drain" | "scale" | "replace" | "apply" | "taint")),
        "helm" => Trigger(|w| matches!(w, "uninstall" | "delete" | "del" | "un" | "--force")),
        "docker" | "docker-compose" | "podman-compose" => {
            Trigger(|w| matches!(w, "prune" | "rm" | "down" | "reset" | "kill"))
        }
        "terraform" => Trigger(|w| matches!(w, "destroy" | "apply" | "state" | "workspace")),
        "aws" | "gcloud" | "gsutil" | "az" => Trigger(|w| {
            matches!(w, "rm" | "rb" | "sync" | "rsync" | "delete" | "purge" | "stop" | "deallocate" | "stop-instances")
                || ["delete-", "terminate-", "purge-"].iter().any(|p| w.starts_with(p))
        }),
        "curl" => Trigger(|w| w.eq_ignore_ascii_case("DELETE") || w.eq_ignore_ascii_case("-XDELETE")),
        "git" => Trigger(|w| {
            matches!(
                w,
                "reset"
                    | "clean"
                    | "push"
                    | "branch"
                    | "stash"
                    | "filter-branch"
                    | "filter-repo"
                    | "checkout"
                    | "restore"
            )
        }),
        // SQL and store clients: a keyword of `sql`, in any case.
        "psql" | "cockroach" | "mysql" | "mariadb" | "sqlite3" | "duckdb" | "clickhouse-client" | "clickhouse"
        | "cqlsh" | "sqlcmd" | "redis-cli" | "valkey-cli" | "keydb-cli" => Trigger(|w| {
            ["DROP", "TRUNCATE", "DELETE", "UPDATE", "VACUUM", "SHUTDOWN", "FLUSHALL", "FLUSHDB", "CLUSTER"]
                .iter()
                .any(|k| w.len() >= k.len() && w.as_bytes()[..k.len()].eq_ignore_ascii_case(k.as_bytes()))
        }),
        _ => return None,
    })
}
