//! The effect table: for each tool, which subcommand with which arguments
//! does what. A rule names the tool (after `canonical`), the leading
//! positional words it applies to, and a condition on the arguments; the
//! first rule that holds gives the effect. The options that take a value
//! are listed per tool, so that `kubectl -n prod delete` finds `delete`.

use std::borrow::Cow;

use super::{Args, Effect, Finding};
use Effect::*;

/// One row of the table.
struct Rule {
    tool: &'static str,
    /// The leading positional words (the subcommand path).
    path: &'static [&'static str],
    when: fn(&Args) -> bool,
    effect: Effect,
    shown: &'static str,
    reason: &'static str,
}

const fn rule(
    tool: &'static str,
    path: &'static [&'static str],
    when: fn(&Args) -> bool,
    effect: Effect,
    shown: &'static str,
    reason: &'static str,
) -> Rule {
    Rule { tool, path, when, effect, shown, reason }
}

fn always(_: &Args) -> bool {
    true
}

fn recursive(a: &Args) -> bool {
    a.short('r') || a.short('R') || a.has("--recursive")
}

fn forced(a: &Args) -> bool {
    a.short('f') || a.has("--force")
}

/// `-9`, `-KILL`, `-SIGKILL`, `-s KILL`, `--signal=9`.
fn kill_signal(a: &Args) -> bool {
    let strong = |s: &str| matches!(s.trim_start_matches("SIG"), "KILL" | "9");
    a.words.iter().any(|w| w.strip_prefix('-').is_some_and(strong))
        || a.value("-s").is_some_and(strong)
        || a.value("--signal").is_some_and(strong)
}

/// The tables below, by the tool's canonical name.
const RULES: &[Rule] = &[
    // Files and disks.
    rule("rm", &[], |a| recursive(a) && forced(a), Deletes, "rm -rf", "deletes the files and directories for good"),
    rule("rm", &[], recursive, Deletes, "rm -r", "deletes the directory tree for good"),
    rule("find", &[], |a| a.has("-delete"), Deletes, "find -delete", "deletes every file found"),
    rule("shred", &[], always, Deletes, "shred", "overwrites the file so that it cannot be recovered"),
    rule("wipefs", &[], always, Deletes, "wipefs", "erases the file-system signatures of the device"),
    rule("mkfs", &[], always, Deletes, "mkfs", "creates a new file system: everything on the device is lost"),
    rule(
        "dd",
        &[],
        // Not a scratch file (`of=/tmp/speed-test`, a disk benchmark).
        |a| {
            a.words.iter().filter_map(|w| w.strip_prefix("of=")).any(|t| {
                !(t == "/dev/null"
                    || t.starts_with("/tmp/")
                    || t.starts_with("/var/tmp/")
                    || t.starts_with("/dev/shm/"))
            })
        },
        Overwrites,
        "dd of=",
        "overwrites the target byte by byte",
    ),
    rule(
        "truncate",
        &[],
        |a| !a.has("--help"),
        Truncates,
        "truncate",
        "cuts the file to the given size: the rest is lost",
    ),
    rule(
        "cp",
        &[],
        |a| a.pos(0) == "/dev/null" && !a.pos(1).is_empty(),
        Truncates,
        "cp /dev/null",
        "empties the file: its content is lost",
    ),
    rule(
        "mv",
        &[],
        |a| a.pos(0).starts_with("/var/lib/"),
        Deletes,
        "mv /var/lib/...",
        "moves a service's data directory away: the service starts without its data",
    ),
    rule("lvremove", &[], always, Deletes, "lvremove", "removes the logical volume and its data"),
    rule("lvreduce", &[], always, Deletes, "lvreduce", "shrinks the volume: the data past its new end is lost"),
    rule("blkdiscard", &[], always, Deletes, "blkdiscard", "discards every block of the device: its data is gone"),
    rule(
        "mdadm",
        &[],
        |a| a.has("--zero-superblock"),
        Deletes,
        "mdadm --zero-superblock",
        "erases the RAID metadata of the device",
    ),
    rule(
        "cryptsetup",
        &[],
        |a| a.positional.iter().any(|w| matches!(*w, "luksFormat" | "luksErase" | "erase")),
        Deletes,
        "cryptsetup luksFormat",
        "destroys the keys of the encrypted device: its data cannot be read again",
    ),
    rule("vgremove", &[], always, Deletes, "vgremove", "removes the volume group and its data"),
    rule("zfs", &["destroy"], always, Deletes, "zfs destroy", "destroys the data set and its snapshots"),
    rule("zfs", &["rollback"], always, Overwrites, "zfs rollback", "discards every change made since the snapshot"),
    rule(
        "rsync",
        &[],
        |a| a.words.iter().any(|w| w.starts_with("--delete")) || a.has("--remove-source-files"),
        Deletes,
        "rsync --delete",
        "deletes every file of the destination that the source does not have",
    ),
    rule(
        "parted",
        &[],
        |a| a.positional.iter().any(|w| matches!(*w, "mklabel" | "mktable" | "rm")),
        Deletes,
        "parted mklabel",
        "erases the partition table or a partition",
    ),
    rule("sfdisk", &[], |a| a.has("--delete"), Deletes, "sfdisk --delete", "deletes the partitions"),
    rule("pvremove", &[], always, Deletes, "pvremove", "wipes the physical volume's LVM label"),
    rule(
        "userdel",
        &[],
        |a| a.short('r') || a.has("--remove"),
        Deletes,
        "userdel -r",
        "deletes the user's home directory and mail",
    ),
    rule("zpool", &["destroy"], always, Deletes, "zpool destroy", "destroys the pool and all its data"),
    rule(
        "sgdisk",
        &[],
        |a| a.has("--zap-all") || a.short('Z'),
        Deletes,
        "sgdisk --zap-all",
        "erases the partition table",
    ),
    // Processes, services and hosts.
    rule(
        "ip",
        &["link", "set"],
        |a| a.positional.contains(&"down"),
        StopsService,
        "ip link set ... down",
        "takes the interface down: the host, and a session over it, go off the network",
    ),
    rule(
        "ifdown",
        &[],
        always,
        StopsService,
        "ifdown",
        "takes the interface down: the host, and a session over it, go off the network",
    ),
    rule(
        "nmcli",
        &[],
        |a| a.positional.iter().any(|w| *w == "down" || *w == "disconnect"),
        StopsService,
        "nmcli ... down",
        "takes the connection down: the host, and a session over it, go off the network",
    ),
    rule("kill", &[], kill_signal, StopsService, "kill -9", "kills the process without letting it finish its work"),
    rule(
        "systemctl",
        &["disable"],
        always,
        StopsService,
        "systemctl disable",
        "keeps the service from starting at boot",
    ),
    rule("systemctl", &["mask"], always, StopsService, "systemctl mask", "makes the service impossible to start"),
    rule(
        "systemctl",
        &["isolate"],
        always,
        StopsService,
        "systemctl isolate",
        "stops every unit the target does not need",
    ),
    rule(
        "systemctl",
        &["kill"],
        kill_signal,
        StopsService,
        "systemctl kill -s KILL",
        "kills the service without letting it finish its work",
    ),
    rule("systemctl", &["poweroff"], always, StopsService, "systemctl poweroff", "shuts the host down for everyone"),
    rule(
        "systemctl",
        &["reboot"],
        always,
        StopsService,
        "systemctl reboot",
        "reboots the host: every service on it stops",
    ),
    rule("systemctl", &["halt"], always, StopsService, "systemctl halt", "halts the host for everyone"),
    rule(
        "systemctl",
        &[],
        |a| {
            matches!(
                a.pos(0),
                "kexec" | "soft-reboot" | "suspend" | "hibernate" | "hybrid-sleep" | "rescue" | "emergency"
            )
        },
        StopsService,
        "systemctl suspend",
        "takes the host away from everyone: it stops, sleeps or drops to a rescue shell",
    ),
    rule(
        "ip",
        &["route"],
        |a| a.pos(1) == "flush" || (matches!(a.pos(1), "del" | "delete") && a.pos(2) == "default"),
        StopsService,
        "ip route flush",
        "removes the routes: the host, and a session over it, go off the network",
    ),
    rule(
        "ip",
        &["addr"],
        |a| a.pos(1) == "flush",
        StopsService,
        "ip addr flush",
        "removes the addresses: the host, and a session over it, go off the network",
    ),
    rule(
        "ipmitool",
        &[],
        |a| {
            a.positional.contains(&"power")
                && a.positional.iter().any(|w| matches!(*w, "off" | "reset" | "cycle" | "soft"))
        },
        StopsService,
        "ipmitool power off",
        "cuts or cycles the machine's power: everything on it stops at once",
    ),
    rule("virsh", &["destroy"], always, StopsService, "virsh destroy", "pulls the virtual machine's power at once"),
    rule(
        "virsh",
        &["undefine"],
        |a| a.words.iter().any(|w| w.starts_with("--remove-all-storage") || w == "--storage"),
        Deletes,
        "virsh undefine --remove-all-storage",
        "deletes the virtual machine and its disks",
    ),
    rule("shutdown", &[], |a| !a.short('c'), StopsService, "shutdown", "shuts the host down for everyone"),
    rule("reboot", &[], always, StopsService, "reboot", "reboots the host: every service on it stops"),
    rule("poweroff", &[], always, StopsService, "poweroff", "shuts the host down for everyone"),
    rule("halt", &[], always, StopsService, "halt", "halts the host for everyone"),
    rule("init", &[], |a| matches!(a.pos(0), "0" | "6"), StopsService, "init 0", "shuts down or reboots the host"),
    // Scheduled jobs and firewalls.
    rule("crontab", &[], |a| a.short('r'), Deletes, "crontab -r", "removes every cron job of the user"),
    // `crontab FILE` and `... | crontab -` install a whole new crontab.
    rule(
        "crontab",
        &[],
        |a| !a.pos(0).is_empty() && !a.short('l') && !a.short('e'),
        Overwrites,
        "crontab FILE",
        "replaces every cron job of the user with the file's",
    ),
    rule(
        "iptables",
        &[],
        |a| a.short('F') || a.has("--flush"),
        Deletes,
        "iptables -F",
        "removes every firewall rule of the chain",
    ),
    rule(
        "iptables",
        &[],
        |a| a.short('X') || a.has("--delete-chain"),
        Deletes,
        "iptables -X",
        "deletes the firewall chain",
    ),
    rule(
        "iptables",
        &[],
        |a| (a.has("-P") || a.has("--policy")) && a.words.iter().any(|w| w == "DROP" || w == "REJECT"),
        StopsService,
        "iptables -P DROP",
        "drops every packet no rule accepts: connections, yours included, can be cut",
    ),
    rule(
        "iptables-restore",
        &[],
        |a| !(a.short('n') || a.has("--noflush")),
        Overwrites,
        "iptables-restore",
        "replaces every firewall rule",
    ),
    rule("nft", &["flush"], always, Deletes, "nft flush", "removes the firewall rules"),
    rule("nft", &["delete"], always, Deletes, "nft delete", "deletes the firewall table or chain"),
    rule("ufw", &["reset"], always, Deletes, "ufw reset", "removes every firewall rule"),
    // Databases and stores that are programs of their own.
    rule("dropdb", &[], always, Deletes, "dropdb", "drops the database with all its data"),
    rule("dropuser", &[], always, Deletes, "dropuser", "drops the role"),
    rule("pg_dropcluster", &[], always, Deletes, "pg_dropcluster", "deletes the cluster and its data"),
    rule(
        "pg_restore",
        &[],
        |a| a.short('c') || a.has("--clean"),
        Overwrites,
        "pg_restore --clean",
        "drops and recreates the database objects",
    ),
    rule(
        "mongorestore",
        &[],
        |a| a.has("--drop"),
        Overwrites,
        "mongorestore --drop",
        "drops each collection before restoring it",
    ),
    rule(
        "mongosh",
        &[],
        |a| {
            a.words.iter().any(|w| ["dropDatabase(", ".drop(", "deleteMany(", ".remove("].iter().any(|k| w.contains(k)))
        },
        Deletes,
        "db.drop",
        "deletes the collection or database",
    ),
    rule("mysqladmin", &["drop"], always, Deletes, "mysqladmin drop", "drops the database with all its data"),
    rule("mysqladmin", &["shutdown"], always, StopsService, "mysqladmin shutdown", "stops the server for every client"),
    rule("etcdctl", &["del"], always, Deletes, "etcdctl del", "deletes the keys for good"),
    rule("etcdctl", &["delete"], always, Deletes, "etcdctl del", "deletes the keys for good"),
    rule(
        "etcdctl",
        &["member", "remove"],
        always,
        Irreversible,
        "etcdctl member remove",
        "removes the member from the cluster",
    ),
    rule(
        "etcdctl",
        &["snapshot", "restore"],
        always,
        Overwrites,
        "etcdctl snapshot restore",
        "replaces the member's data with the snapshot",
    ),
    rule(
        "etcd",
        &[],
        |a| a.has("--force-new-cluster"),
        Irreversible,
        "etcd --force-new-cluster",
        "discards the cluster's membership and starts a new cluster",
    ),
    // Secret stores, queues and object stores of their own.
    rule("vault", &["kv", "delete"], always, Deletes, "vault kv delete", "deletes the secret's latest version"),
    rule(
        "vault",
        &["kv", "metadata", "delete"],
        always,
        Deletes,
        "vault kv metadata delete",
        "deletes every version of the secret for good",
    ),
    rule("vault", &["kv", "destroy"], always, Deletes, "vault kv destroy", "destroys the secret's versions for good"),
    rule(
        "vault",
        &["secrets", "disable"],
        always,
        Deletes,
        "vault secrets disable",
        "unmounts the engine and deletes every secret in it",
    ),
    rule("consul", &["kv", "delete"], always, Deletes, "consul kv delete", "deletes the keys for good"),
    rule(
        "rabbitmqctl",
        &[],
        |a| matches!(a.pos(0), "reset" | "force_reset" | "delete_queue" | "purge_queue" | "delete_vhost"),
        Deletes,
        "rabbitmqctl reset",
        "deletes the node's queues and messages, or the queue's",
    ),
    rule(
        "kafka-topics",
        &[],
        |a| a.has("--delete"),
        Deletes,
        "kafka-topics --delete",
        "deletes the topic and its messages",
    ),
    rule(
        "rclone",
        &[],
        |a| matches!(a.pos(0), "delete" | "deletefile" | "purge" | "rmdirs" | "sync"),
        Deletes,
        "rclone delete",
        "deletes the remote's files (`sync`: those the source does not have)",
    ),
    rule(
        "mc",
        &["rm"],
        |a| recursive(a) || a.has("--force"),
        Deletes,
        "mc rm --recursive",
        "deletes the objects for good",
    ),
    rule("mc", &["rb"], always, Deletes, "mc rb", "deletes the bucket"),
    rule(
        "s3cmd",
        &[],
        |a| matches!(a.pos(0), "del" | "rm" | "rb"),
        Deletes,
        "s3cmd del",
        "deletes the objects for good",
    ),
    // Containers and orchestration.
    rule(
        "kubeadm",
        &["reset"],
        always,
        Deletes,
        "kubeadm reset",
        "wipes the node's Kubernetes state: the node leaves the cluster",
    ),
    rule(
        "kubectl",
        &["delete"],
        always,
        Deletes,
        "kubectl delete",
        "deletes the Kubernetes objects and what they hold",
    ),
    rule("kubectl", &["drain"], always, StopsService, "kubectl drain", "evicts every pod from the node"),
    rule(
        "kubectl",
        &["taint"],
        |a| a.positional.iter().any(|w| w.ends_with(":NoExecute")),
        StopsService,
        "kubectl taint NoExecute",
        "evicts every pod that does not tolerate the taint",
    ),
    rule(
        "kubectl",
        &["scale"],
        |a| a.value("--replicas").is_some_and(|n| n == "0"),
        StopsService,
        "kubectl scale --replicas=0",
        "stops every pod of the workload",
    ),
    rule("kubectl", &["replace"], forced, Deletes, "kubectl replace --force", "deletes and recreates the objects"),
    rule(
        "kubectl",
        &["apply"],
        |a| a.has("--prune"),
        Deletes,
        "kubectl apply --prune",
        "deletes the objects the manifests no longer list",
    ),
    rule(
        "helm",
        &["upgrade"],
        forced,
        StopsService,
        "helm upgrade --force",
        "deletes and recreates the release's changed resources",
    ),
    rule("helm", &["uninstall"], always, Deletes, "helm uninstall", "deletes the release and everything it installed"),
    rule("helm", &["delete"], always, Deletes, "helm uninstall", "deletes the release and everything it installed"),
    rule("helm", &["del"], always, Deletes, "helm uninstall", "deletes the release and everything it installed"),
    rule("helm", &["un"], always, Deletes, "helm uninstall", "deletes the release and everything it installed"),
    rule(
        "docker",
        &["system", "prune"],
        always,
        Deletes,
        "docker system prune",
        "deletes every stopped container, unused network and dangling image",
    ),
    rule(
        "docker",
        &["container", "prune"],
        always,
        Deletes,
        "docker container prune",
        "deletes every stopped container",
    ),
    rule(
        "docker",
        &["volume", "prune"],
        always,
        Deletes,
        "docker volume prune",
        "deletes every unused volume and its data",
    ),
    rule("docker", &["volume", "rm"], always, Deletes, "docker volume rm", "deletes the volume and its data"),
    rule(
        "docker",
        &["system", "reset"],
        always,
        Deletes,
        "docker system reset",
        "deletes every container, image, volume and network",
    ),
    rule(
        "docker",
        &["image", "prune"],
        |a| a.short('a') || a.has("--all"),
        Deletes,
        "docker image prune -a",
        "deletes every image no container uses",
    ),
    rule(
        "docker",
        &["compose", "down"],
        |a| a.short('v') || a.has("--volumes"),
        Deletes,
        "docker compose down -v",
        "deletes the project's volumes and their data",
    ),
    rule(
        "docker",
        &["compose", "rm"],
        |a| a.short('v') || a.has("--volumes"),
        Deletes,
        "docker compose rm -v",
        "deletes the containers' volumes",
    ),
    rule(
        "docker",
        &["rm"],
        |a| a.short('v') || a.has("--volumes"),
        Deletes,
        "docker rm -v",
        "deletes the container and its volumes",
    ),
    rule(
        "docker",
        &["rm"],
        |a| a.short('f') || a.has("--force"),
        StopsService,
        "docker rm -f",
        "kills the container if it runs and removes it",
    ),
    rule(
        "docker",
        &["stack", "rm"],
        always,
        StopsService,
        "docker stack rm",
        "stops and removes every service of the stack",
    ),
    rule("docker", &["service", "rm"], always, StopsService, "docker service rm", "stops and removes the service"),
    rule(
        "docker",
        &["kill"],
        |a| a.value("-s").or(a.value("--signal")).is_none_or(|s| matches!(s.trim_start_matches("SIG"), "KILL" | "9")),
        StopsService,
        "docker kill",
        "kills the container without letting it finish its work",
    ),
    rule(
        "docker",
        &["compose", "kill"],
        |a| a.value("-s").or(a.value("--signal")).is_none_or(|s| matches!(s.trim_start_matches("SIG"), "KILL" | "9")),
        StopsService,
        "docker compose kill",
        "kills the containers without letting them finish their work",
    ),
    // Infrastructure as code and cloud CLIs.
    rule(
        "terraform",
        &["destroy"],
        always,
        Irreversible,
        "terraform destroy",
        "destroys every resource the configuration manages",
    ),
    rule(
        "terraform",
        &["apply"],
        |a| a.has("-destroy"),
        Irreversible,
        "terraform apply -destroy",
        "destroys every resource the configuration manages",
    ),
    rule(
        "terraform",
        &["apply"],
        |a| a.has("-replace"),
        Irreversible,
        "terraform apply -replace",
        "destroys the resource and creates a new one",
    ),
    rule(
        "terraform",
        &["state", "rm"],
        always,
        Irreversible,
        "terraform state rm",
        "makes Terraform forget the resources",
    ),
    rule(
        "terraform",
        &["workspace", "delete"],
        always,
        Deletes,
        "terraform workspace delete",
        "deletes the workspace's state",
    ),
    rule("aws", &["s3", "rm"], always, Deletes, "aws s3 rm", "deletes the objects for good"),
    rule("aws", &["s3", "rb"], always, Deletes, "aws s3 rb", "deletes the bucket"),
    rule(
        "aws",
        &["s3", "sync"],
        |a| a.has("--delete"),
        Deletes,
        "aws s3 sync --delete",
        "deletes the objects the source does not have",
    ),
    rule(
        "aws",
        &[],
        |a| ["delete-", "terminate-", "purge-"].iter().any(|p| a.pos(1).starts_with(p)),
        Irreversible,
        "aws delete-*",
        "deletes the cloud resource for good",
    ),
    rule(
        "aws",
        &["ec2", "stop-instances"],
        always,
        StopsService,
        "aws ec2 stop-instances",
        "stops the machines and everything they serve",
    ),
    rule(
        "gcloud",
        &["compute", "instances", "stop"],
        always,
        StopsService,
        "gcloud compute instances stop",
        "stops the machines and everything they serve",
    ),
    rule(
        "az",
        &["vm"],
        |a| matches!(a.pos(1), "stop" | "deallocate"),
        StopsService,
        "az vm stop",
        "stops the machine and everything it serves",
    ),
    rule(
        "gcloud",
        &[],
        |a| a.positional.iter().take(5).any(|w| *w == "delete"),
        Irreversible,
        "gcloud ... delete",
        "deletes the cloud resource for good",
    ),
    rule("gcloud", &["storage", "rm"], always, Deletes, "gcloud storage rm", "deletes the objects for good"),
    rule("gsutil", &["rm"], always, Deletes, "gsutil rm", "deletes the objects for good"),
    rule("gsutil", &["rb"], always, Deletes, "gsutil rb", "deletes the bucket"),
    rule(
        "gsutil",
        &["rsync"],
        |a| a.short('d'),
        Deletes,
        "gsutil rsync -d",
        "deletes the objects the source does not have",
    ),
    rule(
        "az",
        &[],
        |a| a.positional.iter().take(5).any(|w| *w == "delete" || w.starts_with("delete-") || *w == "purge"),
        Irreversible,
        "az ... delete",
        "deletes the cloud resource for good",
    ),
    rule(
        "curl",
        &[],
        |a| {
            a.value("-X").or(a.value("--request")).is_some_and(|m| m.eq_ignore_ascii_case("DELETE"))
                || a.words.iter().any(|w| w.eq_ignore_ascii_case("-XDELETE"))
        },
        Irreversible,
        "curl -X DELETE",
        "deletes the resource at the URL",
    ),
    // Version control.
    rule("git", &["reset"], |a| a.has("--hard"), Overwrites, "git reset --hard", "discards every uncommitted change"),
    rule("git", &["clean"], forced, Deletes, "git clean -f", "deletes every untracked file"),
    rule(
        "git",
        &["checkout"],
        |a| a.words.iter().any(|w| w == "--" || w == ".") || forced(a),
        Overwrites,
        "git checkout --",
        "discards the uncommitted changes of the files",
    ),
    rule(
        "git",
        &["restore"],
        |a| !a.has("--staged") || a.has("--worktree"),
        Overwrites,
        "git restore",
        "discards the uncommitted changes of the files",
    ),
    rule(
        "git",
        &["push"],
        |a| {
            forced(a)
                || a.has("--force-with-lease")
                || a.has("--mirror")
                || a.positional.iter().skip(2).any(|r| r.starts_with('+'))
        },
        Irreversible,
        "git push --force",
        "rewrites the remote branch: commits others pushed are lost",
    ),
    rule(
        "git",
        &["push"],
        |a| a.short('d') || a.has("--delete") || a.positional.iter().skip(2).any(|r| r.starts_with(':')),
        Irreversible,
        "git push --delete",
        "deletes the remote branch or tag",
    ),
    rule(
        "git",
        &["branch"],
        |a| a.short('D') || (a.has("--delete") && forced(a)),
        Deletes,
        "git branch -D",
        "deletes the branch with its unmerged commits",
    ),
    rule("git", &["stash", "clear"], always, Deletes, "git stash clear", "deletes every stash"),
    rule("git", &["filter-branch"], always, Irreversible, "git filter-branch", "rewrites the history"),
    rule("git", &["filter-repo"], always, Irreversible, "git filter-repo", "rewrites the history"),
];

/// Options that take a value, per tool: the words they skip are not positional.
fn valued(tool: &str) -> &'static [&'static str] {
    match tool {
        "kubectl" => &[
            "-n",
            "--namespace",
            "--context",
            "--cluster",
            "--kubeconfig",
            "-l",
            "--selector",
            "-o",
            "--output",
            "-f",
            "--filename",
            "-c",
            "--container",
            "--as",
            "--user",
            "-s",
            "--server",
            "--field-selector",
            "--timeout",
            "--grace-period",
            "--replicas",
        ],
        "helm" => &["-n", "--namespace", "--kube-context", "--kubeconfig", "--timeout"],
        "docker" => &[
            "-H",
            "--host",
            "--context",
            "--config",
            "-l",
            "--log-level",
            "-f",
            "--file",
            "-p",
            "--project-name",
            "--env-file",
            "--profile",
            "--filter",
        ],
        "terraform" => &["-chdir", "-var", "-var-file", "-target"],
        "aws" => &["--profile", "--region", "--output", "--endpoint-url", "--query"],
        "gcloud" | "az" => &[
            "--project",
            "--zone",
            "--region",
            "--format",
            "--account",
            "-g",
            "--resource-group",
            "-n",
            "--name",
            "--subscription",
            "-o",
            "--output",
        ],
        "gsutil" => &["-o", "-h", "-p", "-u"],
        "git" => &["-C", "-c", "--git-dir", "--work-tree", "-o", "--push-option", "--repo"],
        "etcdctl" => &[
            "--endpoints",
            "--cacert",
            "--cert",
            "--key",
            "--user",
            "--password",
            "-w",
            "--write-out",
            "--command-timeout",
            "--dial-timeout",
        ],
        "systemctl" => &[
            "-H",
            "--host",
            "-M",
            "--machine",
            "-t",
            "--type",
            "-p",
            "--property",
            "-n",
            "--lines",
            "-s",
            "--signal",
            "--kill-who",
        ],
        "crontab" => &["-u"],
        "vault" => &["-address", "-namespace", "-mount"],
        "rabbitmqctl" => &["-n", "--node", "-t", "--timeout", "-p", "--vhost"],
        "ipmitool" => &["-H", "-U", "-P", "-I", "-f", "-p"],
        "mc" | "rclone" | "s3cmd" | "virsh" | "consul" => &["--config", "-c", "--connect"],
        "ip" => &["-n", "-f", "-family"],
        "curl" => {
            &["-X", "--request", "-H", "--header", "-d", "--data", "-o", "--output", "-u", "--user", "-m", "--max-time"]
        }
        "mysqladmin" => &["-h", "-P", "-u", "-S", "--host", "--port", "--user", "--socket"],
        "shutdown" => &[],
        "cp" | "mv" => &["-t", "--target-directory", "-S", "--suffix"],
        _ => &[],
    }
}

/// The name a tool is looked up by: one name for aliases and variants.
pub fn canonical(name: &str) -> &str {
    match name {
        "pkill" | "killall" => "kill",
        "podman" | "nerdctl" => "docker",
        "tofu" | "terragrunt" => "terraform",
        "ip6tables" | "iptables-nft" | "iptables-legacy" => "iptables",
        "ip6tables-restore" | "iptables-nft-restore" | "iptables-legacy-restore" => "iptables-restore",
        "oc" => "kubectl",
        "etcdutl" => "etcdctl",
        "kafka-topics.sh" => "kafka-topics",
        "mongo" => "mongosh",
        "telinit" => "init",
        n if n.starts_with("mkfs") => "mkfs",
        n => n,
    }
}

#[cfg(test)]
pub fn rules() -> impl Iterator<Item = (&'static str, &'static str)> {
    RULES.iter().map(|r| (r.tool, r.shown))
}

/// The command only shows what it would do: `--dry-run` (`=client`,
/// `=server`, not `=none`), `--dryrun` (aws), and `-n` where the tool reads
/// it so (`rsync -avn --delete`, `git clean -fn`, `gsutil rsync -n`).
fn dry_run(tool: &str, a: &Args) -> bool {
    let flag = a.words.iter().any(|w| {
        w.strip_prefix("--dry-run")
            .or_else(|| w.strip_prefix("-dry-run"))
            .is_some_and(|r| r.is_empty() || (r.starts_with('=') && r != "=none"))
            || w == "--dryrun"
    });
    flag || (matches!(tool, "rsync" | "gsutil" | "git")
        && (a.short('n') || a.has("--dry-run"))
        && tool_reads_n(tool, a))
}

/// `-n` is a dry run for `rsync`, `gsutil rsync`, `git clean` and `git push`.
fn tool_reads_n(tool: &str, a: &Args) -> bool {
    match tool {
        "rsync" => true,
        "gsutil" => a.pos(0) == "rsync",
        "git" => matches!(a.pos(0), "clean" | "push"),
        _ => false,
    }
}

/// The first rule for `tool` that `args` satisfy.
pub fn lookup(tool: &str, args: &[Cow<str>]) -> Option<Finding> {
    let mut rules = RULES.iter().filter(|r| r.tool == tool).peekable();
    rules.peek()?;
    let a = Args::new(args, valued(tool));
    if dry_run(tool, &a) {
        return None;
    }
    rules.find(|r| a.path(r.path) && (r.when)(&a)).map(|r| Finding {
        effect: r.effect,
        shown: r.shown.into(),
        reason: r.reason.into(),
    })
}
