//! Secrets recognised by their context: a credential-named variable, key or
//! option given a literal value, a client's password option wherever the
//! client runs, and the password part of any URL. A value read at run time
//! (`"$TOKEN"`, `$(cat ...)`, `${DB_PASSWORD}`) passes; so does a boolean or
//! a column compared in a query (`WHERE must_change_password = false`).

use std::borrow::Cow;

use super::placeholder;
use crate::check::effects::{self, Call};
use crate::check::{shell, split};

/// What a credential-named key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Any literal is a secret.
    Password,
    /// A literal that looks generated is a secret: `token=main` is not.
    Token,
}

/// The family of a key name such as `DB_PASSWORD`, `aws-secret-access-key`
/// or `apiKey`, by its last word.
pub fn family(key: &str) -> Option<Family> {
    // Every credential word holds one of these: most keys are rejected without splitting them.
    if !super::holds_any(key, &[b"pass", b"pw", b"tok", b"secret", b"key", b"cred"]) {
        return None;
    }
    let key = key.trim_start_matches('-');
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        // `apiKey` and `API_KEY` split alike.
        if (!c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && prev_lower)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    let last = words.last()?.as_str();
    let before = words.len().checked_sub(2).map(|i| words[i].as_str()).unwrap_or("");
    match last {
        "password" | "passwd" | "pwd" | "pass" | "passphrase" | "pw" => Some(Family::Password),
        l if l.ends_with("password") => Some(Family::Password),
        "token" | "secret" | "apikey" | "secretkey" | "accesskey" | "credentials" | "creds" => Some(Family::Token),
        l if l.ends_with("token") || l.ends_with("secret") => Some(Family::Token),
        "key"
            if matches!(
                before,
                "api"
                    | "access"
                    | "secret"
                    | "private"
                    | "signing"
                    | "encryption"
                    | "master"
                    | "auth"
                    | "client"
                    | "service"
                    | "account"
                    | "license"
                    | "hmac"
                    | "storage"
            ) =>
        {
            Some(Family::Token)
        }
        _ => None,
    }
}

/// `true`, `no`, `NULL`: a flag or an empty value, not a credential.
fn not_a_value(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "" | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "null"
            | "none"
            | "nil"
            | "t"
            | "f"
            | "0"
            | "1"
            | "required"
            | "optional"
    )
}

/// A value that is computed when the command runs, or a template to fill.
fn computed(value: &str) -> bool {
    value.contains("$(")
        || value.contains('`')
        || value.contains("${")
        || value.starts_with(['$', '{', '<', '%', '@'])
        || value.contains("{{")
        || value.bytes().zip(value.bytes().skip(1)).any(|(a, b)| a == b'$' && (b.is_ascii_alphabetic() || b == b'_'))
}

/// Long enough and mixing letters and digits, or many distinct characters, as generated keys do.
pub fn random_looking(value: &str) -> bool {
    // Words joined by `-`, `_` or `.` with at most a short number
    // (`etcd-cluster-1`, `release-2024.11`) are a name someone chose.
    let named = value.split(['-', '_', '.']).filter(|w| !w.is_empty()).all(|w| {
        w.bytes().all(|b| b.is_ascii_alphabetic()) && (w.len() <= 12)
            || (w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 4)
    });
    if named && value.contains(['-', '_', '.']) {
        return false;
    }
    let distinct = {
        let mut seen = [false; 128];
        value.bytes().filter(|b| b.is_ascii()).for_each(|b| seen[usize::from(b)] = true);
        seen.iter().filter(|s| **s).count()
    };
    (value.len() >= 12 && value.chars().any(|c| c.is_ascii_digit()) && value.chars().any(|c| c.is_ascii_alphabetic()))
        || (value.len() >= 20 && distinct >= 12)
}

fn is_identifier(v: &str) -> bool {
    v.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
}

/// A credential-named key given a literal: `DB_PASSWORD='pa$$w0rd'`,
/// `"token": "..."`, `AWS_SECRET_ACCESS_KEY=...`, `X-Api-Key: ...`.
/// `signs` are the offsets of the text's `=` and `:`. `config` texts are
/// configuration lines, where `password = hunter2` is an assignment.
pub fn assignment(text: &str, signs: &[usize], config: bool) -> Option<(&'static str, String)> {
    let b = text.as_bytes();
    for &at in signs {
        let sign = b[at];
        // `==`, `!=`, `<=`, `>=`, `=>`, `=~`: comparisons and arrows.
        let prev = at.checked_sub(1).map(|i| b[i]);
        let next = b.get(at + 1).copied();
        if sign == b'=' && (matches!(prev, Some(b'=' | b'!' | b'<' | b'>')) || matches!(next, Some(b'=' | b'>' | b'~')))
        {
            continue;
        }
        if sign == b':' && next == Some(b'/') {
            continue;
        }
        let before = &text[..at];
        let spaced_before = before.ends_with([' ', '\t']);
        let trimmed = before.trim_end();
        let unquoted = trimmed.trim_end_matches(['"', '\'']);
        let quoted_key = unquoted.len() < trimmed.len();
        let key_start = unquoted
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let key = &unquoted[key_start..];
        // `grep '^DB_PASSWORD='`: a pattern that names the key, not an assignment.
        if key.is_empty() || unquoted[..key_start].ends_with('^') {
            continue;
        }
        let Some(family) = family(key) else { continue };
        // `password: YES` in prose; a header's `X-Api-Key: ...` is a key with a value.
        // `password: YES` in prose; `pwd: "S3cret"` in a script's object literal is a value.
        let value_quoted = text[at + 1..].trim_start_matches([' ', '\t']).starts_with(['"', '\'']);
        if sign == b':' && !quoted_key && !config && family == Family::Password && !value_quoted {
            continue;
        }
        let after = &text[at + 1..];
        let spaced_after = after.starts_with([' ', '\t']);
        let after = after.trim_start_matches([' ', '\t']);
        let (value, single, quoted) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], q == '\'', true)
            }
            _ => {
                let end = after
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '}' | ';' | '&' | '|' | '(' | ')')
                    })
                    .unwrap_or(after.len());
                // `crypt(...)`, `md5(...)`: a function computes it.
                if after[end..].starts_with('(') {
                    continue;
                }
                (&after[..end], false, false)
            }
        };
        // A quote that closes the text around the key: `'^SECRET_KEY=' .env`; a
        // value spliced in from outside the quotes: `'{"password":"'"$PASS"'"}'`.
        let spliced = value.trim_matches(['\'', '"']).is_empty() || value.starts_with(['\'', '"']);
        if quoted && value.starts_with([' ', '\t']) || spliced || not_a_value(value) || placeholder(value) {
            continue;
        }
        if !single && computed(value) {
            continue;
        }
        // `WHERE u.password = crypt(...)`, `AND password = stored_hash`, `u.password=u.hash`:
        // a column, not a literal. A header's `:` and `--set auth.password=...` compare nothing.
        let compared = sign == b'=' && (spaced_before || spaced_after || (key.contains('.') && value.contains('.')));
        if !quoted && !config && compared && is_identifier(value) {
            continue;
        }
        let what = match family {
            Family::Password => "a literal password",
            Family::Token if random_looking(value) => "a literal key or token",
            Family::Token => continue,
        };
        let var = env_name(key);
        let fix = match (sign, quoted_key) {
            (b':', false) => format!("read it at run time: `\"{key}: ${var}\"`, with `{var}` set from a secrets manager"),
            (b'=', _) => format!("read it at run time: `{key}=\"${var}\"`, set from a secrets manager or `read -s {var}`"),
            _ => format!("fill it in at run time, e.g. `jq -n --arg v \"${var}\" '{{\"{key}\": $v}}'`, with `{var}` read from a secrets manager"),
        };
        return Some((what, fix));
    }
    None
}

/// The environment variable a key's value would be read from: `db-password` is `DB_PASSWORD`.
pub fn env_name(key: &str) -> String {
    let name: String = key
        .trim_start_matches('-')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .collect();
    if name.is_empty() {
        "SECRET".into()
    } else {
        name
    }
}

/// A password given to a client on its command line, wherever the client
/// runs (after `sudo`, in `docker exec`, over `ssh`).
pub fn option(text: &str) -> Option<(&'static str, String)> {
    // Splitting is the costly part: only a text with a credential-named long
    // option, or a client below together with its password option, can match
    // (a backslash could hide one).
    if !worth_splitting(text) {
        return None;
    }
    effects::programs(text, &mut |call: &Call| {
        let (what, option) = client_option(call.name, call.args)?;
        let fix = match (call.name, option) {
            _ if what == CONFIGURED => {
                let var = env_name(option.rsplit(['.', '/', ':']).next().unwrap_or(option));
                // The subcommand as written: `aws configure set`, `git config --global`.
                let before: Vec<&str> =
                    call.args.iter().map(AsRef::as_ref).take_while(|w| *w != option).collect();
                format!(
                    "read it at run time: `{} {} {option} \"${}\"`, set from a secrets manager",
                    call.name,
                    before.join(" "),
                    var.trim_matches('_')
                )
            }
            _ if what == POSITIONAL_FOUND => format!(
                "read it at run time: `{} {option} ... \"${}_PASSWORD\"`, with the variable set by `read -s` or a secrets manager",
                call.name,
                env_name(call.name)
            ),
            (_, "-p") if call.name.starts_with("mysql") => format!("write `-p` alone: `{}` then prompts for the password", call.name),
            ("docker" | "helm" | "oras" | "skopeo" | "buildah" | "crane", _) => format!(
                "pipe it in: `echo \"$REGISTRY_PASSWORD\" | {} login --password-stdin ...`, with the variable read from a secrets manager",
                call.name
            ),
            (_, o) if o.starts_with("--") => format!("read it at run time: `{o}=\"${}\"`, set from a secrets manager", env_name(o)),
            (_, o) => format!("read it at run time: `{o} \"${}_PASSWORD\"`, set from a secrets manager or `read -s`", env_name(call.name)),
        };
        Some((what, fix))
    })
}

/// The cheap look before `option` splits a text.
fn worth_splitting(text: &str) -> bool {
    let mut triggers: Vec<fn(&str) -> bool> = Vec::new();
    let mut configures = false;
    for w in shell::bare_words(text) {
        match w.as_bytes() {
            // `--token=abc` is the option `--token`.
            [b'-', b'-', ..] if family(w.split('=').next().unwrap_or(w)).is_some() => return true,
            // `aws configure set`, `git config`: a credential-named key is looked for below.
            b"config" | b"configure" => configures = true,
            // Every client's name starts with one of these letters.
            [b'a' | b'b' | b'c' | b'd' | b'h' | b'i' | b'k' | b'l' | b'm' | b'n' | b'o' | b'p' | b'r' | b's' | b'u'
            | b'v' | b'z' | b'7' | b'/', ..] => {
                if let Some(t) = password_option(shell::basename(w)) {
                    triggers.push(t);
                }
            }
            _ => {}
        }
    }
    if configures {
        triggers.push(|w| !w.starts_with('-') && family(w).is_some());
    }
    text.contains('\\') && shell::may_name(text, |_| false)
        || (!triggers.is_empty() && shell::bare_words(text).any(|w| triggers.iter().any(|t| t(w))))
}

/// For a program with a short password option or a `user:password`
/// argument, a test for the word that carries it (each program starts
/// with a letter `worth_splitting` looks for first).
fn password_option(name: &str) -> Option<fn(&str) -> bool> {
    Some(match name {
        "mysql" | "mariadb" | "mysqldump" | "mysqladmin" | "mysqlcheck" | "mysqlimport" | "mysqlpump" | "mysqlshow" => {
            // `-p'S3cret'` is the word `-p` to this look, which stops at quotes.
            |w| w.starts_with("-p") || w == "password"
        }
        // `-p X`, `-pX`, `-p=X`.
        "sshpass" | "mongosh" | "mongo" | "mongodump" | "mongorestore" | "mongoexport" | "mongoimport" | "cqlsh"
        | "rabbitmqadmin" | "docker" | "podman" | "nerdctl" | "helm" | "oras" | "skopeo" | "buildah" | "crane" => {
            |w| w.starts_with("-p")
        }
        "redis-cli" | "valkey-cli" | "keydb-cli" => {
            |w| w.starts_with("-a") || ["auth", "requirepass", "masterauth"].iter().any(|k| w.eq_ignore_ascii_case(k))
        }
        "ldapsearch" | "ldapmodify" | "ldapadd" | "ldapdelete" | "ldapwhoami" => |w| w.starts_with("-w"),
        "ldappasswd" => |w| w.starts_with("-w") || w.starts_with("-s"),
        "az" => |w| w.starts_with("-p"),
        "snmpwalk" | "snmpget" | "snmpset" | "snmpbulkwalk" => |w| w.starts_with("-A") || w.starts_with("-X"),
        "sqlcmd" | "zip" | "unzip" => |w| w.starts_with("-P"),
        "ssh-keygen" => |w| w.starts_with("-N") || w.starts_with("-P"),
        "7z" | "7za" | "7zz" => |w| w.starts_with("-p"),
        "rabbitmqctl" => |w| matches!(w, "add_user" | "change_password" | "authenticate_user"),
        "ipmitool" => |w| w == "password",
        "keytool" => |w| w.ends_with("pass"),
        "curl" => |w| w.starts_with("-u") || w == "--user",
        "smbclient" => |w| w.starts_with("-U"),
        "openssl" => |w| w.starts_with("-pass") || w == "-k" || w == "passwd",
        "htpasswd" => |w| w.starts_with('-') && w.contains('b'),
        _ => return None,
    })
}

/// Clients whose `--password` takes no separate value: it makes them prompt.
const PROMPTING: &[&str] = &[
    "psql",
    "pg_dump",
    "pg_dumpall",
    "pg_restore",
    "pg_basebackup",
    "createdb",
    "dropdb",
    "vacuumdb",
    "reindexdb",
    "clusterdb",
    "pgbench",
    "mysql",
    "mariadb",
    "mysqldump",
    "mysqladmin",
    "mysqlcheck",
    "mysqlimport",
    "mysqlshow",
];

fn literal(value: &str) -> bool {
    !value.is_empty() && !computed(value) && !placeholder(value) && !not_a_value(value)
}

/// What was passed, and the option it was passed with.
fn client_option<'a>(name: &str, args: &'a [Cow<'a, str>]) -> Option<(&'static str, &'a str)> {
    const FOUND: &str = "a password passed as an option";
    let next = |i: usize| args.get(i + 1).map(AsRef::as_ref).filter(|v: &&str| !v.starts_with('-'));
    let sub = args.iter().find(|a| !a.starts_with('-')).map(AsRef::as_ref).unwrap_or("");
    if let Some(found) = config_set(args).or_else(|| admin_positional(name, args)) {
        return Some(found);
    }
    for (i, a) in args.iter().enumerate() {
        let a = a.as_ref();
        // `--password=...`, `--db-password ...`, `--token ...`, `--api-key ...`.
        if let Some(long) = a.strip_prefix("--") {
            let (opt, attached) = match long.split_once('=') {
                Some((o, v)) => (o, Some(v)),
                None => (long, None),
            };
            // `psql --password` and `mysql --password db` prompt: the next word is
            // their value only when it looks like a password, not a database's name.
            let prompts = opt.starts_with("no-") || PROMPTING.contains(&name);
            let password_like = |v: &&str| {
                !prompts
                    || (v.len() >= 6
                        && v.contains(|c: char| c.is_ascii_digit())
                        && v.contains(|c: char| c.is_ascii_alphabetic()))
            };
            let value = attached.or_else(|| next(i).filter(password_like));
            match (family(opt), value) {
                (Some(Family::Password), Some(v)) if literal(v) => return Some((FOUND, opt_of(a))),
                (Some(Family::Token), Some(v)) if literal(v) && random_looking(v) => {
                    return Some(("a token passed as an option", opt_of(a)))
                }
                _ => {}
            }
            continue;
        }
        // `-pX` and `-p=X`, as getopt, pflag and argparse read them: `-p` with the value `X`.
        let (a, attached) = match a.as_bytes() {
            [b'-', c, rest @ ..] if !rest.is_empty() && c.is_ascii_alphabetic() && ATTACHES.contains(&name) => {
                (&a[..2], Some(a[2..].strip_prefix('=').unwrap_or(&a[2..])))
            }
            _ => (a, None),
        };
        let next = |i: usize| attached.or_else(|| next(i));
        let found = match (name, a) {
            ("mysql" | "mysqldump" | "mysqladmin" | "mysqlcheck" | "mysqlimport" | "mysqlpump" | "mysqlshow", p) => {
                p.strip_prefix("-p").is_some_and(literal)
            }
            ("sshpass", "-p")
            | (
                "mongosh" | "mongodump" | "mongorestore" | "mongoexport" | "mongoimport" | "cqlsh" | "rabbitmqadmin",
                "-p",
            ) => next(i).is_some_and(literal),
            ("docker" | "helm" | "oras" | "skopeo" | "buildah" | "crane", "-p")
                if sub == "login" || sub == "registry" || sub == "repo" =>
            {
                next(i).is_some_and(literal)
            }
            ("redis-cli" | "valkey-cli" | "keydb-cli", k)
                if ["auth", "requirepass", "masterauth"].iter().any(|w| k.eq_ignore_ascii_case(w)) =>
            {
                // `AUTH user password` (Redis 6 ACLs) or `AUTH password`.
                let rest: Vec<&str> = args[i + 1..].iter().map(AsRef::as_ref).take(2).collect();
                rest.last().is_some_and(|p| literal(p))
            }
            ("az", "-p") if sub == "login" => next(i).is_some_and(literal),
            ("openssl", "-k") => next(i).is_some_and(literal),
            ("ldapsearch" | "ldapmodify" | "ldapadd" | "ldapdelete" | "ldappasswd" | "ldapwhoami", "-w")
            | ("ldappasswd", "-s")
            | ("snmpwalk" | "snmpget" | "snmpset" | "snmpbulkwalk", "-A" | "-X")
            | ("redis-cli" | "valkey-cli" | "keydb-cli", "-a")
            | ("sqlcmd", "-P")
            | ("zip" | "unzip", "-P")
            | ("ssh-keygen", "-N" | "-P")
            | ("keytool", "-storepass" | "-keypass" | "-srcstorepass" | "-deststorepass") => {
                next(i).is_some_and(literal)
            }
            // `7z a -p x.7z` prompts: its password is only ever attached.
            ("7z" | "7za" | "7zz", "-p") => attached.is_some_and(literal),
            ("curl", "-u" | "--user") => next(i).and_then(|v| v.split_once(':')).is_some_and(|(_, p)| literal(p)),
            ("curl", u) if u.starts_with("-u") && u.len() > 2 => {
                u[2..].split_once(':').is_some_and(|(_, p)| literal(p))
            }
            ("smbclient", "-U") => next(i).and_then(|v| v.split_once('%')).is_some_and(|(_, p)| literal(p)),
            ("openssl", "-passin" | "-passout" | "-pass" | "-password") => {
                next(i).and_then(|v| v.strip_prefix("pass:")).is_some_and(literal)
            }
            ("htpasswd", _) if a.starts_with('-') && a.contains('b') => {
                let positional: Vec<&str> =
                    args[i + 1..].iter().map(AsRef::as_ref).filter(|w| !w.starts_with('-')).collect();
                // `-n` prints the entry instead of writing a file: no file name comes first.
                let at = if a.contains('n') { 1 } else { 2 };
                positional.get(at).is_some_and(|p| literal(p))
            }
            _ => false,
        };
        if found {
            // `-pS3cret` was passed with `-p`.
            let option = if name.starts_with("mysql") && a.starts_with("-p") { "-p" } else { a };
            return Some((FOUND, option));
        }
    }
    None
}

/// Clients whose short password option also takes its value attached
/// (`-pX`, `-p=X`): getopt, Go's pflag and Python's argparse all read it so.
/// Not `openssl`, `keytool` nor `htpasswd`, whose options are words of their own.
const ATTACHES: &[&str] = &[
    "sshpass",
    "mongosh",
    "mongo",
    "mongodump",
    "mongorestore",
    "mongoexport",
    "mongoimport",
    "cqlsh",
    "rabbitmqadmin",
    "docker",
    "helm",
    "oras",
    "skopeo",
    "buildah",
    "crane",
    "redis-cli",
    "valkey-cli",
    "keydb-cli",
    "az",
    "ldapsearch",
    "ldapmodify",
    "ldapadd",
    "ldapdelete",
    "ldappasswd",
    "ldapwhoami",
    "snmpwalk",
    "snmpget",
    "snmpset",
    "snmpbulkwalk",
    "sqlcmd",
    "zip",
    "unzip",
    "smbclient",
    "7z",
    "7za",
    "7zz",
];

/// `aws configure set aws_secret_access_key X`, `git config user.password X`,
/// `npm config set //reg/:_authToken X`, `gcloud config set ... X`: a tool's
/// configuration subcommand given a credential-named key and a literal. The
/// key says what the value is, so any literal is a secret.
fn config_set<'a>(args: &'a [Cow<'a, str>]) -> Option<(&'static str, &'a str)> {
    let positional: Vec<&str> = args.iter().map(AsRef::as_ref).filter(|w: &&str| !w.starts_with('-')).collect();
    let at = positional.iter().take(3).position(|w| matches!(*w, "config" | "configure"))?;
    let rest = &positional[at + 1..];
    // `set-credentials` is a subcommand, not a key: its options carry the values.
    let key = |k: &str| !["set", "get", "unset"].iter().any(|v| k.starts_with(v)) && family(k).is_some();
    rest.windows(2).find(|kv| key(kv[0]) && literal(kv[1])).map(|kv| (CONFIGURED, kv[0]))
}

const CONFIGURED: &str = "a credential set in a tool's configuration";
const POSITIONAL_FOUND: &str = "a password passed as an argument";

/// Admin tools that take a password as a positional word after their
/// subcommand: the tool, the subcommand's words, and how many positional
/// words follow it when the last one is the password (fewer: it prompts).
const POSITIONAL: &[(&str, &[&str], usize)] = &[
    ("rabbitmqctl", &["add_user"], 2),
    ("rabbitmqctl", &["change_password"], 2),
    ("rabbitmqctl", &["authenticate_user"], 2),
    ("mysqladmin", &["password"], 1),
    ("ipmitool", &["user", "set", "password"], 2),
    ("openssl", &["passwd"], 1),
];

/// `rabbitmqctl add_user app S3cret`, `mysqladmin -u root password S3cret`.
fn admin_positional<'a>(name: &str, args: &'a [Cow<'a, str>]) -> Option<(&'static str, &'a str)> {
    // The values of options that take one (`openssl passwd -salt abc`) are not positional.
    let valued = |w: &str| matches!(w, "-salt" | "-in" | "-n" | "--node" | "-t" | "--timeout" | "-H" | "-U" | "-I");
    let positional: Vec<&str> = args
        .iter()
        .enumerate()
        .filter(|(i, w)| !(w.starts_with('-') || (*i > 0 && valued(&args[i - 1]))))
        .map(|(_, w)| w.as_ref())
        .collect();
    POSITIONAL.iter().filter(|(tool, ..)| *tool == name).find_map(|(_, path, count)| {
        let at = positional.windows(path.len()).position(|w| w == *path)?;
        let after = &positional[at + path.len()..];
        (after.len() >= *count && literal(after[*count - 1]))
            .then(|| (POSITIONAL_FOUND, *path.last().unwrap_or(&"password")))
    })
}

/// `--password=x` is passed with `--password`.
fn opt_of(word: &str) -> &str {
    word.split_once('=').map_or(word, |(o, _)| o)
}

/// `scheme://user:password@host` anywhere in the text: the first password
/// written out, and the URL with a variable in its place.
pub fn url_password(text: &str) -> Option<(&'static str, String)> {
    for (at, _) in text.match_indices("://") {
        let rest = &text[at + 3..];
        let end =
            rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>')).unwrap_or(rest.len());
        let authority_and_more = &rest[..end];
        // The user part ends at the last `@` before the path: a password may hold `/` or `@`.
        let Some(at_sign) = authority_and_more.rfind('@') else { continue };
        let creds = &authority_and_more[..at_sign];
        let Some((user, password)) = creds.split_once(':') else { continue };
        // `host:8080/path@x` is a port and a path, not a password.
        if user.contains('/')
            || password.split('/').next().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && creds.contains('/')
        {
            continue;
        }
        if literal(password) && !split::unquote(password).is_empty() {
            // The scheme's letters are ASCII: the byte after the last other character starts it.
            let scheme_start = text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_ascii_alphanumeric() && *c != '+')
                .map_or(0, |(i, c)| i + c.len_utf8());
            let fixed =
                format!("{}://{user}:${{DB_PASSWORD}}@{}", &text[scheme_start..at], &authority_and_more[at_sign + 1..]);
            return Some((
                "a password in a URL",
                format!("put a variable read at run time in its place: `\"{fixed}\"`"),
            ));
        }
    }
    None
}

/// `IDENTIFIED BY 'x'`, `PASSWORD 'x'` (`CREATE USER`, `ALTER ROLE ... WITH
/// PASSWORD`): a password set by a statement, written out in it.
pub fn sql_password(text: &str) -> Option<(&'static str, String)> {
    // The quote first: a search for one byte, and most texts hold none.
    if !text.contains('\'') || !super::holds_any(text, &[b"identified by", b"password"]) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    for phrase in ["identified by", "password"] {
        for (at, _) in lower.match_indices(phrase) {
            // A word of its own: not `--password`, `db_password` nor `passwords`.
            let starts_word = lower[..at].ends_with([' ', '\t', '\n', '(']);
            let after = &text[at + phrase.len()..];
            let value = after.trim_start_matches([' ', '\t', '\n']);
            if !starts_word || value.len() == after.len() || (phrase == "password" && !sets_a_password(&lower[..at])) {
                continue;
            }
            let Some(body) = value.strip_prefix('\'') else { continue };
            let end = body.find('\'').unwrap_or(body.len());
            if literal(&body[..end]) {
                let fix = "read it at run time: `... PASSWORD '$DB_PASSWORD'` inside double quotes, with `DB_PASSWORD` set by `read -s DB_PASSWORD` or a secrets manager, or let the client prompt (`\\password app` in psql)";
                return Some(("a password in a statement", fix.into()));
            }
        }
    }
    None
}

/// `... WITH PASSWORD`, `ENCRYPTED PASSWORD`, `ALTER USER app PASSWORD`:
/// the statement sets a password (`grep password 'file'` does not).
fn sets_a_password(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    matches!(words.first(), Some(&("with" | "encrypted" | "unencrypted")))
        || (words.len() >= 2 && matches!(words[1], "user" | "role"))
}

/// A literal fed on standard input to a program that reads a password or
/// token there: `echo 'S3cret' | sudo -S ...`, `echo pw | docker login
/// --password-stdin`, `chpasswd <<< 'app:pw'`. A pipe of `"$TOKEN"` or of
/// a secrets manager's output passes.
pub fn fed_on_stdin(text: &str) -> Option<(&'static str, String)> {
    let readers = ["--password-stdin", "--with-token", "chpasswd", "--stdin", "-S"];
    if !(text.contains('|') || text.contains("<<")) || !readers.iter().any(|r| text.contains(r)) {
        return None;
    }
    let simples = split::simple_commands(text);
    let reader = simples.iter().find(|s| reads_a_secret(&s.words))?;
    let mut fed: Vec<Cow<str>> = Vec::new();
    // `<<< 'text'` and `<<<text` of the reader itself, its here-documents' first lines.
    for (i, w) in reader.words.iter().enumerate() {
        match w.strip_prefix("<<<") {
            Some("") => fed.extend(reader.words.get(i + 1).map(|t| split::unquote(t))),
            Some(t) => fed.push(split::unquote(t)),
            None => {}
        }
    }
    fed.extend(reader.heredocs.iter().filter_map(|h| h.lines().next()).map(Cow::Borrowed));
    // What `echo` or `printf` prints into the pipe (not `printf`'s format).
    for s in &simples {
        let words: Vec<Cow<str>> = s.words.iter().map(|w| split::unquote(w)).collect();
        let args: Vec<&Cow<str>> = words.iter().skip(1).filter(|w| !w.starts_with('-')).collect();
        match words.first().map(|w| shell::basename(w)) {
            Some("echo") => fed.extend(args.into_iter().cloned()),
            Some("printf") if args.len() > 1 => fed.extend(args[1..].iter().map(|w| (*w).clone())),
            Some("printf") => fed.extend(args.into_iter().filter(|w| !w.contains('%')).cloned()),
            _ => {}
        }
    }
    fed.iter().any(|v| literal(v.trim())).then(|| {
        ("a password fed on standard input", "pipe it from where it is kept: `vault kv get -field=password secret/... |` or `printf '%s' \"$PASSWORD\" |`, with the variable set by `read -s PASSWORD`".into())
    })
}

/// `sudo -S`, `docker login --password-stdin`, `gh auth login --with-token`, `chpasswd`, `passwd --stdin`.
fn reads_a_secret(words: &[&str]) -> bool {
    let name = |w: &str| shell::basename(w).to_string();
    let first = words.first().map(|w| name(w)).unwrap_or_default();
    let sudo_s = first == "sudo"
        && words[1..].iter().take_while(|w| w.starts_with('-')).any(|w| {
            *w == "--stdin"
                || (!w.starts_with("--") && w[1..].chars().all(|c| c.is_ascii_alphabetic()) && w.contains('S'))
        });
    sudo_s
        || words.iter().any(|w| matches!(*w, "--password-stdin" | "--with-token"))
        || words.iter().any(|w| name(w) == "chpasswd")
        || (words.iter().any(|w| name(w) == "passwd") && words.contains(&"--stdin"))
}
