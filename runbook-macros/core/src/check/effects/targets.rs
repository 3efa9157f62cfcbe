//! What a write does to the file it writes: a kernel control file acts at
//! once (`echo b > /proc/sysrq-trigger` reboots the host), a disk's device
//! node holds a file system that writing over destroys. Both are written by
//! the shell's `>` or `>>` and by `tee`, whatever the text written.

use super::{Effect, Finding};

/// The effect of writing anything to `target`, if the file acts on the host.
/// `how` is the way it is written: `>` or `tee`.
pub fn written(how: &str, target: &str) -> Option<Finding> {
    let (effect, reason) = kernel_control(target).or_else(|| block_device(target))?;
    Some(Finding { effect, shown: format!("{how} {target}"), reason: reason.into() })
}

/// Kernel control files whose write stops the host or takes a device from it.
fn kernel_control(target: &str) -> Option<(Effect, &'static str)> {
    if target == "/proc/sysrq-trigger" {
        return Some((
            Effect::StopsService,
            "makes the kernel act at once: it can reboot, crash or power off the host without a clean shutdown",
        ));
    }
    let path = target.strip_prefix("/sys/")?;
    if path.starts_with("power/state") || path.starts_with("power/disk") {
        return Some((Effect::StopsService, "suspends or powers off the host for everyone"));
    }
    // `/sys/block/sdb/device/delete`, `/sys/bus/pci/devices/.../remove`, `.../driver/unbind`.
    let last = super::basename(path);
    matches!(last, "delete" | "remove" | "unbind")
        .then_some((Effect::StopsService, "detaches the device from the host: whatever uses it loses it at once"))
}

/// A disk or partition's device node: `/dev/sdb`, `/dev/nvme0n1p2`, `/dev/mapper/vg-data`.
fn block_device(target: &str) -> Option<(Effect, &'static str)> {
    let dev = target.strip_prefix("/dev/")?;
    let disk = ["sd", "hd", "vd", "xvd", "nvme", "mmcblk", "md", "dm-", "mapper/", "disk/", "loop"]
        .iter()
        .any(|p| dev.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
    disk.then_some((Effect::Overwrites, "writes over the disk: the file system on it is destroyed"))
}

/// The cheap look: `cmd` may write one of the files above.
pub fn may_name(cmd: &str) -> bool {
    cmd.contains("/proc/sysrq")
        || cmd.contains("/sys/")
        || cmd.match_indices("/dev/").any(|(i, _)| {
            let rest = &cmd[i + 5..];
            !["null", "std", "tty", "zero", "random", "urandom", "fd/", "shm"].iter().any(|p| rest.starts_with(p))
        })
}
