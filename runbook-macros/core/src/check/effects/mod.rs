//! What a command does to the world, for R10's `danger("why")`: a classifier
//! by effect, not a list of programs. A command is split into simple
//! commands; each is followed through the wrappers that run another command
//! (`sudo`, `env`, `timeout`, `xargs`, `sh -c`, `ssh host '...'`,
//! `kubectl exec -- ...`, `docker exec`); the program it lands on is looked
//! up in `table::RULES` (tool, subcommand, condition on its arguments ->
//! effect); SQL and store commands, wherever a client reads them from (its
//! options, a here-document, an `echo` piped into it), go through `sql`,
//! which counts keywords only outside string literals and comments.

mod all;
mod look;
mod sql;
mod table;
mod targets;

use std::borrow::Cow;

use super::shell::basename;
use super::split::{self, Simple};

/// What a destructive command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Deletes,
    Overwrites,
    Truncates,
    /// Stops or kills what others rely on: a service, a node, a host, a session.
    StopsService,
    /// A change on a remote system that cannot be taken back.
    Irreversible,
}

impl Effect {
    pub fn describe(self) -> &'static str {
        match self {
            Effect::Deletes => "deletes",
            Effect::Overwrites => "overwrites",
            Effect::Truncates => "empties",
            Effect::StopsService => "stops service for everyone",
            Effect::Irreversible => "makes an irreversible remote change",
        }
    }
}

/// One destructive part of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub effect: Effect,
    /// The command's shape, e.g. `kubectl delete` or `DROP TABLE`.
    pub shown: String,
    /// A reason for `danger(...)`, in the words of the effect.
    pub reason: Cow<'static, str>,
}

/// Nesting depth past which wrapped scripts are not followed.
const MAX_DEPTH: usize = 6;

/// The first destructive part of `cmd`, if any.
pub fn classify(cmd: &str) -> Option<Finding> {
    if !worth_splitting(cmd) {
        return None;
    }
    programs(cmd, &mut effect)
}

/// The cheap look before a split, the costly part: a command can only match
/// if it names a tool of the table together with a word that tool's rules
/// look for (`kubectl` with `delete`), or empties a file with `>`. A
/// backslash could hide a name from this look.
pub fn worth_splitting(cmd: &str) -> bool {
    // The trigger of each tool named, once per tool; and whether a program that writes nothing is named.
    let mut triggers: Vec<(&str, look::Trigger)> = Vec::new();
    let (mut writes_nothing, mut tees, mut xargs, mut removes) = (false, false, false, false);
    let mut stops = false;
    for w in super::shell::bare_words(cmd) {
        writes_nothing |= matches!(w, ":" | "true" | "echo" | "printf" | "/dev/null");
        stops |= matches!(w, "stop" | "kill" | "pause" | "rm" | "rmi" | "disable" | "mask" | "-1");
        let w = basename(w);
        tees |= w == "tee";
        xargs |= w == "xargs" || w == "-exec" || w == "-execdir";
        removes |= matches!(w, "rm" | "unlink" | "shred") || w.eq_ignore_ascii_case("del");
        if !look::may_be_a_name(w) {
            continue;
        }
        let name = table::canonical(w);
        match look::looked_at(name) {
            Some(look::Look::Name) => return true,
            Some(look::Look::Trigger(t)) if !triggers.iter().any(|(n, _)| *n == name) => triggers.push((name, t)),
            _ => {}
        }
    }
    if cmd.contains('>') && (writes_nothing || redirect_first(cmd) || reads_its_target(cmd)) {
        return true;
    }
    if ((tees || cmd.contains('>')) && (may_name_config(cmd) || targets::may_name(cmd))) || (xargs && removes) {
        return true;
    }
    // An action on everything a listing names, a glob or `-1` matches.
    if stops && (xargs || cmd.contains("$(") || cmd.contains(['`', '*']) || cmd.contains(" -1")) {
        return true;
    }
    // `may_name` with no name: true only where a backslash escapes a letter.
    let hidden = cmd.contains('\\') && super::shell::may_name(cmd, |_| false);
    hidden || (!triggers.is_empty() && super::shell::bare_words(cmd).any(|w| triggers.iter().any(|(_, t)| t(w))))
}

/// The cheap look for `sed ... app.conf > app.conf`: the word after a `>`
/// is also a word before it.
fn reads_its_target(cmd: &str) -> bool {
    let b = cmd.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'>' && b.get(i + 1) != Some(&b'>') && (i == 0 || b[i - 1] != b'>')).any(|i| {
        super::shell::bare_words(&cmd[i + 1..]).next().is_some_and(|t| {
            t.len() > 1
                && super::shell::bare_words(&cmd[..i])
                    .any(|w| w == t || w.strip_suffix(t).is_some_and(|k| k.ends_with('=')))
        })
    })
}

/// A `>` at the start of a command: `> file` empties it.
fn redirect_first(cmd: &str) -> bool {
    let b = cmd.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'>').any(|i| {
        let before = cmd[..i].trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with(['\n', ';', '|', '&', '(', '\''])
    })
}

/// Where a path of `config_file` may start in a command: the cheap look.
fn may_name_config(cmd: &str) -> bool {
    let b = cmd.as_bytes();
    SYSTEM_DIRS.iter().any(|d| cmd.contains(d))
        || (1..b.len()).any(|i| b[i] == b'.' && matches!(b[i - 1], b'/' | b' ' | b'>' | b'\'' | b'"' | b'='))
}

/// Directories of the system's configuration and programs.
const SYSTEM_DIRS: &[&str] = &["/etc/", "/usr/", "/boot/", "/lib/", "/lib64/", "/bin/", "/sbin/", "/var/spool/cron/"];

/// A file whose content others rely on, which writing it anew destroys: the
/// system's configuration and programs (`/etc/sysctl.conf`), and dotfiles
/// (`~/.ssh/authorized_keys`, `/srv/app/.env`), which hold configuration by
/// convention. Not a name made at run time (`backup_$(date +%F).sql`, a
/// fresh file, or `"$OUT"`, which the reader chooses), and not a scratch file.
fn config_file(target: &str) -> bool {
    let name = basename(target);
    if target.contains("$(") || target.contains('`') || name.contains('$') {
        return false;
    }
    SYSTEM_DIRS.iter().any(|d| target.starts_with(d))
        || target.split('/').any(|seg| seg.starts_with('.') && seg != "." && seg != "..")
}

/// The effect of one program run.
fn effect(call: &Call) -> Option<Finding> {
    if let Some(target) = call.reads_its_target {
        return Some(Finding {
            effect: Effect::Truncates,
            shown: format!("> {target}"),
            reason: "empties the file before the command reads it: its content is lost".into(),
        });
    }
    if call.empties_file && produces_nothing(call.name, call.args) {
        return Some(Finding {
            effect: Effect::Truncates,
            shown: "> file".into(),
            reason: "empties the file: its content is lost".into(),
        });
    }
    if let Some(found) = call.writes_to.and_then(|t| targets::written(">", t)) {
        return Some(found);
    }
    if let Some(target) = call.overwrites.filter(|_| !installs_a_file(call)) {
        return Some(overwrites(format!("> {target}")));
    }
    if call.name == "tee" {
        let a = Args::new(call.args, &[]);
        if let Some(found) = a.positional.iter().find_map(|t| targets::written("tee", t)) {
            return Some(found);
        }
        if !(a.short('a') || a.has("--append") || installs_a_file(call)) {
            if let Some(target) = a.positional.iter().find(|t| config_file(t)) {
                return Some(overwrites(format!("tee {target}")));
            }
        }
    }
    // What one run does comes first: `rm -rf` says more than "every file found".
    let each = || call.per_found.then(|| per_found(call)).flatten();
    if let Some(client) = sql::client(call.name) {
        return sql::client_effect(client, call.args, call.input).or_else(each);
    }
    table::lookup(call.name, call.args).or_else(|| all::effect(call)).or_else(each)
}

/// A file installed whole into place (`cat new.conf > /etc/app.conf`,
/// `cat new.conf | sudo tee /etc/app.conf`, like `cp` and `install`) is a
/// deploy step and passes; any other text written over a configuration
/// (`echo`, a here-document, a filter's output) replaces it, most often where
/// `>>` was meant.
fn installs_a_file(call: &Call) -> bool {
    match call.name {
        "cat" => call.fed_a_file || (!call.args.is_empty() && call.args.iter().all(|f| !f.starts_with('-'))),
        // `envsubst < app.conf.tpl > /etc/app/app.conf` installs a rendered template.
        "tee" | "envsubst" => call.fed_a_file,
        _ => false,
    }
}

/// A program that removes the one item it is given, run on every item a
/// search found: it removes them all, however harmless one run looks.
fn per_found(call: &Call) -> Option<Finding> {
    let (shown, reason) = match call.name {
        "rm" | "unlink" | "shred" => (call.name.to_string(), "deletes every file found"),
        "redis-cli" | "valkey-cli" | "keydb-cli"
            if call.args.iter().any(|a| a.eq_ignore_ascii_case("del") || a.eq_ignore_ascii_case("unlink")) =>
        {
            (format!("{} DEL", call.name), "deletes every key found")
        }
        _ => return None,
    };
    Some(Finding { effect: Effect::Deletes, shown, reason: reason.into() })
}

fn overwrites(shown: String) -> Finding {
    Finding { effect: Effect::Overwrites, shown, reason: "replaces the file: its current content is lost".into() }
}

/// One program as it runs: past its wrappers, inside the scripts that run it.
#[derive(Debug)]
pub struct Call<'c> {
    /// The program's canonical name (`podman` is `docker`).
    pub name: &'c str,
    pub args: &'c [Cow<'c, str>],
    /// What the program can read on standard input.
    input: &'c Input<'c>,
    /// Its output goes to a file with `>`, which empties it first.
    empties_file: bool,
    /// The file of `config_file` its output replaces with `>`.
    overwrites: Option<&'c str>,
    /// It runs once per file or key found (`find -exec`, `xargs`).
    per_found: bool,
    /// Its arguments come from a substitution that lists (`$(docker ps -q)`).
    listed: bool,
    /// Its standard input is a file, whole (`< new.conf`, `cat new.conf |`).
    fed_a_file: bool,
    /// The file its `>` empties is also one it reads (`sed ... f > f`).
    reads_its_target: Option<&'c str>,
    /// A file its `>` or `>>` writes that acts on the host (`targets`).
    writes_to: Option<&'c str>,
}

/// Calls `visit` with every program `cmd` runs, wrapped ones included, in
/// order; the first answer it gives is the answer.
pub fn programs<T>(cmd: &str, visit: &mut dyn FnMut(&Call) -> Option<T>) -> Option<T> {
    script(cmd, 0, visit)
}

/// A script: each simple command in turn.
fn script<T>(text: &str, depth: usize, visit: &mut dyn FnMut(&Call) -> Option<T>) -> Option<T> {
    if depth > MAX_DEPTH {
        return None;
    }
    let simples = split::simple_commands(text);
    // Text echoed into a pipe may be what a client or shell reads.
    let echoed: Vec<Cow<str>> = simples
        .iter()
        .filter(|s| s.words.first().is_some_and(|w| matches!(basename(w), "echo" | "printf")))
        .flat_map(|s| s.words[1..].iter().map(|w| split::unquote(w)))
        .chain(simples.iter().flat_map(|s| here_strings(&s.words)))
        .collect();
    let stdin: Vec<&str> = simples.iter().flat_map(|s| s.heredocs.iter().copied()).collect();
    let input = Input { heredocs: &stdin, echoed: &echoed };
    // `docker stop $(docker ps -q)` splits into `docker stop $` and the listing inside.
    simples.iter().enumerate().find_map(|(k, s)| {
        let xargs = s.words.iter().any(|w| basename(w) == "xargs");
        let listed = s.words.iter().any(|w| substitution_lists(w))
            || (s.words.last().is_some_and(|w| w.ends_with('$'))
                && simples.get(k + 1).is_some_and(|n| all::lists(&n.words)))
            || (xargs && simples[..k].iter().any(|p| all::lists(&p.words)));
        // `cat new.conf | sudo tee /etc/app.conf` installs the file whole.
        let fed_a_file = k > 0 && copies_files(&simples[k - 1].words);
        simple(s, &input, Feed { listed, fed_a_file }, depth, visit)
    })
}

/// `cat FILE...`: a file's content, whole.
fn copies_files(words: &[&str]) -> bool {
    let words: Vec<Cow<str>> = words.iter().map(|w| split::unquote(w)).collect();
    let start = past_wrappers(&words).unwrap_or(0);
    matches!(words[start..].split_first(), Some((p, files)) if basename(p) == "cat"
        && !files.is_empty() && files.iter().all(|f| !f.starts_with('-') && !f.starts_with('<')))
}

/// What a simple command is fed from the commands around it.
#[derive(Debug, Clone, Copy)]
struct Feed {
    /// Its arguments come from a listing: `$(docker ps -q)`, `pgrep x | xargs`.
    listed: bool,
    /// It reads a file's whole content on standard input.
    fed_a_file: bool,
}

/// A word holding `$(...)` whose command lists (`"$(pgrep -f worker)"`).
fn substitution_lists(word: &str) -> bool {
    word.find("$(").is_some_and(|at| {
        let inner = &word[at + 2..];
        let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
        let words: Vec<&str> = inner.split_whitespace().collect();
        all::lists(&words)
    })
}

/// The texts of `<<< 'text'` and `<<<text`, which the command reads on standard input.
fn here_strings<'a>(words: &'a [&'a str]) -> impl Iterator<Item = Cow<'a, str>> + 'a {
    words.iter().enumerate().filter_map(move |(i, w)| match w.strip_prefix("<<<")? {
        "" => words.get(i + 1).map(|t| split::unquote(t)),
        text => Some(split::unquote(text)),
    })
}

/// What the commands of one script can read on standard input.
#[derive(Debug)]
struct Input<'a> {
    heredocs: &'a [&'a str],
    echoed: &'a [Cow<'a, str>],
}

impl Input<'_> {
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.heredocs.iter().copied().chain(self.echoed.iter().map(AsRef::as_ref))
    }
}

fn simple<T>(
    s: &Simple,
    input: &Input,
    feed: Feed,
    depth: usize,
    visit: &mut dyn FnMut(&Call) -> Option<T>,
) -> Option<T> {
    let mut fed_a_file = feed.fed_a_file;
    let mut words: Vec<Cow<str>> = Vec::with_capacity(s.words.len());
    let mut empties_file = false;
    let mut overwrites: Option<Cow<str>> = None;
    let mut writes_to: Option<Cow<str>> = None;
    let mut replaced: Vec<Cow<str>> = Vec::new();
    let mut raw = s.words.iter();
    while let Some(w) = raw.next() {
        match redirection(w) {
            Some((op, target)) => {
                let target = match target {
                    "" => raw.next().map(|t| split::unquote(t)).unwrap_or_default(),
                    t => split::unquote(t),
                };
                let replaces = op.ends_with('>') && !op.ends_with(">>") && writes_a_file(&target);
                empties_file |= replaces;
                fed_a_file |= op == "<" && !target.is_empty();
                if op.contains('>') && writes_to.is_none() && targets::written(">", &target).is_some() {
                    writes_to = Some(target.clone());
                }
                if replaces {
                    replaced.push(target.clone());
                }
                if replaces && overwrites.is_none() && config_file(&target) {
                    overwrites = Some(target);
                }
            }
            None => {
                let w = split::unquote(w);
                if !w.is_empty() {
                    words.push(w);
                }
            }
        }
    }
    // `sed 's/a/b/' app.conf > app.conf`: the shell empties the file first.
    let prints = words.first().is_some_and(|p| matches!(basename(p), "echo" | "printf"));
    let reads_its_target = replaced.iter().find(|t| {
        !prints
            && t.contains(['.', '/'])
            && words.iter().skip(1).any(|w| w == *t || w.strip_suffix(t.as_ref()).is_some_and(|k| k.ends_with('=')))
    });
    let reads_its_target = reads_its_target.map(AsRef::as_ref);
    if words.is_empty() {
        // A bare `> file`.
        let call = Call {
            name: "",
            args: &[],
            input,
            empties_file,
            overwrites: overwrites.as_deref(),
            per_found: false,
            listed: false,
            fed_a_file,
            writes_to: writes_to.as_deref(),
            reads_its_target: None,
        };
        return visit(&call);
    }
    let around = Around {
        empties_file,
        overwrites: overwrites.as_deref(),
        per_found: false,
        listed: feed.listed,
        fed_a_file,
        writes_to: writes_to.as_deref(),
        reads_its_target,
    };
    run(&words, input, around, depth, visit)
}

/// What the command around a program says about it: what its `>` does to
/// a file, and whether it runs once per file or key found.
#[derive(Debug, Clone, Copy, Default)]
struct Around<'a> {
    empties_file: bool,
    overwrites: Option<&'a str>,
    per_found: bool,
    listed: bool,
    fed_a_file: bool,
    writes_to: Option<&'a str>,
    reads_its_target: Option<&'a str>,
}

/// `>`, `2>`, `&>`, `>|`, `>>`, `<`, `<<EOF`: the operator and the target written with it.
fn redirection(word: &str) -> Option<(&str, &str)> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &word[digits..];
    let op_len = ["&>>", "&>", ">>", ">|", ">&", "<<<", "<<-", "<<", "<&", ">", "<"]
        .iter()
        .find(|op| rest.starts_with(**op))
        .map(|op| op.len())?;
    let op = &word[..digits + op_len];
    let target = &word[digits + op_len..];
    // A here-document or here-string carries its text, not a file to read.
    if op.contains("<<") {
        return Some((op, if target.is_empty() { "-" } else { target }));
    }
    Some((op, target))
}

/// A file a `>` would empty: not a device stream nor a descriptor.
fn writes_a_file(target: &str) -> bool {
    !(target.is_empty()
        || target.starts_with('&')
        || target.starts_with('-')
        || matches!(target, "/dev/null" | "/dev/stdout" | "/dev/stderr" | "/dev/tty")
        || target.starts_with("/proc/")
        || target.starts_with("/sys/"))
}

/// A program whose output is empty (or one line break): what `> file` then leaves.
fn produces_nothing(name: &str, args: &[Cow<str>]) -> bool {
    match name {
        "" => true,
        ":" | "true" => args.is_empty(),
        "echo" => args.iter().all(|a| a == "-n" || a == "-e" || a == "-ne"),
        "printf" => args.is_empty(),
        "cat" => !args.is_empty() && args.iter().all(|a| a == "/dev/null"),
        _ => false,
    }
}

/// The arguments of a program, with what its options say.
#[derive(Debug)]
pub struct Args<'w> {
    pub words: &'w [Cow<'w, str>],
    /// The words that are not options nor option values, in order.
    pub positional: Vec<&'w str>,
    /// Where each positional word is in `words`.
    at: Vec<usize>,
}

impl<'w> Args<'w> {
    /// `valued` lists the options that take the next word as their value.
    pub fn new(words: &'w [Cow<'w, str>], valued: &[&str]) -> Self {
        let mut at = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_ref();
            if w == "--" {
                at.extend(i + 1..words.len());
                break;
            }
            if w.len() > 1 && w.starts_with('-') {
                i += if !w.contains('=') && valued.contains(&w) { 2 } else { 1 };
                continue;
            }
            at.push(i);
            i += 1;
        }
        let positional = at.iter().map(|&i| words[i].as_ref()).collect();
        Args { words, positional, at }
    }

    /// The words from the `n`th positional word on, options included.
    pub fn from(&self, n: usize) -> &'w [Cow<'w, str>] {
        self.at.get(n).map_or(&[], |&i| &self.words[i..])
    }

    /// `--flag` or `--flag=value` is present.
    pub fn has(&self, flag: &str) -> bool {
        self.words.iter().any(|w| w.strip_prefix(flag).is_some_and(|rest| rest.is_empty() || rest.starts_with('=')))
    }

    /// A short option cluster such as `-rf` holds `c`.
    pub fn short(&self, c: char) -> bool {
        self.words.iter().any(|w| {
            w.len() > 1
                && w.starts_with('-')
                && !w.starts_with("--")
                && w[1..].chars().all(|c| c.is_ascii_alphabetic())
                && w[1..].contains(c)
        })
    }

    /// The value of `--flag=value` or `--flag value`.
    pub fn value(&self, flag: &str) -> Option<&'w str> {
        let i =
            self.words.iter().position(|w| w.strip_prefix(flag).is_some_and(|r| r.is_empty() || r.starts_with('=')))?;
        let w: &'w str = self.words[i].as_ref();
        match w.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
            Some(v) => Some(v),
            None => self.words.get(i + 1).map(AsRef::as_ref),
        }
    }

    /// The `n`th positional word.
    pub fn pos(&self, n: usize) -> &'w str {
        self.positional.get(n).copied().unwrap_or("")
    }

    /// The positional words start with `path`.
    pub fn path(&self, path: &[&str]) -> bool {
        self.positional.len() >= path.len() && self.positional.iter().zip(path).all(|(a, b)| a == b)
    }
}

/// Runs `words` as one simple command: past wrappers, into the scripts and
/// commands they run, and to the program that does the work.
fn run<T>(
    words: &[Cow<str>],
    input: &Input,
    around: Around,
    depth: usize,
    visit: &mut dyn FnMut(&Call) -> Option<T>,
) -> Option<T> {
    if depth > MAX_DEPTH {
        return None;
    }
    let start = past_wrappers(words)?;
    let (program, rest) = words[start..].split_first()?;
    // `docker-compose down` is `docker compose down`.
    if matches!(basename(program), "docker-compose" | "podman-compose") {
        let mut again: Vec<Cow<str>> = vec![Cow::Borrowed("docker"), Cow::Borrowed("compose")];
        again.extend(rest.iter().cloned());
        return run(&again, input, around, depth + 1, visit);
    }
    let name = table::canonical(basename(program));
    // `... | xargs rm`: the program runs on every word its input holds.
    let per_found = around.per_found || words[..start].iter().any(|w| basename(w) == "xargs");
    let call = Call {
        name,
        args: rest,
        input,
        empties_file: around.empties_file,
        overwrites: around.overwrites,
        per_found,
        listed: around.listed,
        fed_a_file: around.fed_a_file,
        writes_to: around.writes_to,
        reads_its_target: around.reads_its_target,
    };
    if let Some(found) = visit(&call) {
        return Some(found);
    }
    if let Some(inner) = wrapped(name, rest, input, depth, visit) {
        return inner;
    }
    // `find ... -exec rm -rf {} +` runs a command of its own.
    let i = rest.iter().position(|a| a == "-exec" || a == "-execdir").filter(|_| name == "find")?;
    let end = rest[i + 1..].iter().position(|a| a == ";" || a == "+").map_or(rest.len(), |n| i + 1 + n);
    run(&rest[i + 1..end], input, Around { per_found: true, ..Around::default() }, depth + 1, visit)
}

/// The index of the program `words` runs past `sudo -u postgres`, `env X=1`,
/// `timeout 5`, `nice -n 10`, `xargs -r` and the like.
fn past_wrappers(words: &[Cow<str>]) -> Option<usize> {
    let mut i = 0;
    while i < words.len() {
        let w = basename(&words[i]);
        let takes_value: &[&str] = match w {
            "sudo" | "doas" => &["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "--user", "--group"],
            "env" => &["-u", "-C", "-S", "--unset", "--chdir"],
            "nice" => &["-n", "--adjustment"],
            "ionice" => &["-c", "-n", "-p", "--class", "--classdata"],
            "xargs" => &["-I", "-n", "-P", "-d", "-L", "-s", "-a", "-E", "--max-procs", "--max-args", "--delimiter"],
            "timeout" => &["-s", "-k", "--signal", "--kill-after"],
            "runuser" => &["-u", "-g", "--user", "--group"],
            "flock" => &["-w", "--timeout", "-E", "--conflict-exit-code"],
            "chrt" | "taskset" | "nohup" | "exec" | "command" | "stdbuf" | "time" | "caffeinate" | "unbuffer" => &[],
            _ if is_assignment(w) => {
                i += 1;
                continue;
            }
            _ => return Some(i),
        };
        i += 1;
        // The wrapper's own options, and the values of those that take one.
        while i < words.len() && (words[i].starts_with('-') || is_assignment(&words[i])) {
            let end = words[i] == "--";
            i += if takes_value.contains(&words[i].as_ref()) { 2 } else { 1 };
            if end {
                break;
            }
        }
        // Wrappers with a positional argument before the command.
        match w {
            "timeout" | "flock" | "chrt" => i += 1,
            "taskset" => i += 1,
            _ => {}
        }
    }
    None
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Programs that run a command or a script given to them: what that command does.
/// `None` when `name` is not such a program.
fn wrapped<T>(
    name: &str,
    args: &[Cow<str>],
    input: &Input,
    depth: usize,
    visit: &mut dyn FnMut(&Call) -> Option<T>,
) -> Option<Option<T>> {
    let found = match name {
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "ash" | "busybox" => {
            // `-c SCRIPT` (also in a cluster such as `-ec`), else a script on standard input.
            match args.iter().position(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('c')) {
                Some(i) => script(args.get(i + 1).map_or("", AsRef::as_ref), depth + 1, visit),
                None if args.iter().all(|a| a.starts_with('-')) => {
                    input.texts().find_map(|t| script(t, depth + 1, visit))
                }
                None => None,
            }
        }
        "su" => args
            .iter()
            .position(|a| a == "-c" || a == "--command")
            .and_then(|i| script(args.get(i + 1)?, depth + 1, visit)),
        "ssh" => {
            const VALUED: &[&str] = &[
                "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q", "-R",
                "-S", "-W", "-w", "-B",
            ];
            let a = Args::new(args, VALUED);
            match a.from(1) {
                [] => input.texts().find_map(|t| script(t, depth + 1, visit)),
                // ssh joins the remote command's words with spaces, and a shell runs it.
                remote => script(&remote.join(" "), depth + 1, visit),
            }
        }
        "watch" => {
            let a = Args::new(args, &["-n", "--interval", "-d"]);
            script(&a.from(0).join(" "), depth + 1, visit)
        }
        "kubectl" if args.iter().any(|a| a == "exec" || a == "debug" || a == "run") => {
            let i = args.iter().position(|a| a == "--")?;
            run(&args[i + 1..], input, Around::default(), depth + 1, visit)
        }
        "docker" => {
            const VALUED: &[&str] = &[
                "-u",
                "--user",
                "-w",
                "--workdir",
                "-e",
                "--env",
                "--env-file",
                "-H",
                "--host",
                "--context",
                "-v",
                "--volume",
                "-p",
                "--publish",
                "--name",
                "--network",
                "--entrypoint",
                "--mount",
                "-l",
                "--label",
                "--platform",
                "-f",
                "--file",
                "--project-name",
                "--hostname",
                "-m",
                "--memory",
                "--cpus",
            ];
            let a = Args::new(args, VALUED);
            // `exec CONTAINER CMD...`, `run IMAGE CMD...`, `compose exec|run SERVICE CMD...`.
            let skip = match (a.pos(0), a.pos(1)) {
                ("exec" | "run", _) => 2,
                ("compose", "exec" | "run") => 3,
                ("container", "exec" | "run") => 3,
                _ => return None,
            };
            run(a.from(skip), input, Around::default(), depth + 1, visit)
        }
        _ => return None,
    };
    Some(found)
}

#[cfg(test)]
mod tests;
