//! An action applied to everything a listing names: `docker stop $(docker
//! ps -q)`, `kill $(pgrep -f worker)`, `docker ps -q | xargs docker rm`,
//! `systemctl stop '*'`. One run on one name is routine; the same run on
//! every container, process or unit a listing finds stops them all.

use std::borrow::Cow;

use super::{basename, Args, Call, Effect, Finding};

/// True for the words of a command that lists containers, processes, units,
/// pods or files: what a substitution hands on to the action around it.
pub fn lists(words: &[&str]) -> bool {
    let words: Vec<Cow<str>> = words.iter().map(|w| super::split::unquote(w)).collect();
    let start = super::past_wrappers(&words).unwrap_or(0);
    let Some((program, rest)) = words[start..].split_first() else { return false };
    let has = |w: &[&str]| rest.iter().any(|a| w.contains(&a.as_ref()));
    match super::table::canonical(basename(program)) {
        // Not `lsof -t -i:8080`: it names the holder of one resource.
        "pgrep" | "pidof" | "ps" | "ls" | "find" | "jobs" => true,
        "docker" => has(&["ps", "ls", "images"]),
        "kubectl" => has(&["get"]),
        "systemctl" => has(&["list-units", "list-unit-files"]),
        _ => false,
    }
}

/// The call acts on everything: its arguments come from a listing (or from
/// `xargs` fed by one), a glob that matches every name, or `-1`, every process.
fn on_everything(call: &Call) -> bool {
    call.listed || call.args.iter().any(|a| a.starts_with('*'))
}

/// What the call does when it acts on everything, if that stops or deletes.
pub fn effect(call: &Call) -> Option<Finding> {
    // `kill -TERM -1`: every process the user may signal.
    let every_process = call.name == "kill" && call.args.len() >= 2 && call.args.last().is_some_and(|w| w == "-1");
    if !(every_process || on_everything(call)) || signals_only(call.args) {
        return None;
    }
    let a = Args::new(call.args, &["-s", "--signal", "-t", "--time", "-H", "--host", "--context"]);
    let (effect, shown, reason) = match (call.name, a.pos(0), a.pos(1)) {
        ("kill", ..) => (Effect::StopsService, "kill", "stops every process listed, not only the one meant"),
        ("docker", "image", "rm") | ("docker", "rmi", _) => {
            (Effect::Deletes, "docker rmi", "deletes every image listed")
        }
        ("docker", "container", "stop" | "kill" | "rm" | "pause") | ("docker", "stop" | "kill" | "rm" | "pause", _) => {
            (Effect::StopsService, "docker stop", "stops every container listed, not only the one meant")
        }
        ("systemctl", "stop" | "kill" | "disable" | "mask", _) => {
            (Effect::StopsService, "systemctl stop", "stops every unit listed or matched, not only the one meant")
        }
        _ => return None,
    };
    Some(Finding { effect, shown: shown.into(), reason: reason.into() })
}

/// `kill -HUP`, `docker kill -s USR1`: a signal that asks for a reload or a
/// log reopening, which stops nothing.
fn signals_only(args: &[Cow<str>]) -> bool {
    let mild = |s: &str| {
        matches!(s.trim_start_matches("SIG"), "HUP" | "USR1" | "USR2" | "WINCH" | "CONT" | "0" | "1" | "10" | "12")
    };
    args.iter().enumerate().any(|(i, w)| match w.strip_prefix('-') {
        Some("s" | "-signal") => args.get(i + 1).is_some_and(|s| mild(s)),
        Some(s) => mild(s.strip_prefix("-signal=").unwrap_or(s)) && !(i + 1 == args.len() && s == "1" && i > 0),
        None => false,
    })
}
