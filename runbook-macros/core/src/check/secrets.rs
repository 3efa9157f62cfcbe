//! R11: no secrets in runbooks. Docs are committed and widely read, so a
//! credential in a runbook is a leaked credential. An obvious placeholder
//! (`YOUR_TOKEN`, `$SECRET`, `${DB_PASSWORD}`) is fine.

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::walk;

pub fn scan(rb: &Runbook, cx: &mut Ctxt) {
    for v in rb.vars.iter().flatten().chain(rb.environments.iter().flatten().flat_map(|e| &e.vars)) {
        if let Some(what) = secret(&format!("{}={}", v.name.value, v.value.value)) {
            cx.error(v.value.span, format!("this looks like a secret ({what})"), HELP);
        }
    }
    walk::texts(rb, &mut |text, _| {
        if let Some(what) = secret(&text.value) {
            cx.error(text.span, format!("this looks like a secret ({what})"), HELP);
        }
    });
}

const HELP: &str =
    "never write credentials into a runbook: read them at run time (`\"$PGPASSWORD\"`, `read -s`, a secrets manager) or write a placeholder such as `YOUR_TOKEN`";

/// What kind of credential `text` holds, if any.
pub fn secret(text: &str) -> Option<&'static str> {
    // Each shape below is tried only where it can match, and most texts can
    // match none: a token or key is a long run of token characters, an
    // assignment needs `=` or `:`, a key block `-----`, a URL `://`. One pass
    // over the bytes tells which.
    let shape = Shape::of(text);
    let long_run = shape.longest_run >= 16;
    if shape.dashes >= 5 && text.contains("PRIVATE KEY-----") {
        return Some("a private key block");
    }
    if long_run {
        if let Some(what) = known_token(text) {
            return Some(what);
        }
        if jwt(text) {
            return Some("a JSON Web Token");
        }
    }
    // Where `=` and `:` are: an assignment is found from them back to its key.
    let assignment = shape.signs;
    let signs: Vec<usize> = match assignment {
        true => text.bytes().enumerate().filter(|(_, b)| matches!(b, b'=' | b':')).map(|(i, _)| i).collect(),
        false => Vec::new(),
    };
    if long_run {
        let b = text.as_bytes();
        if let Some(i) = (0..b.len()).find(|&i| b[i..].len() >= 7 && b[i..i + 7].eq_ignore_ascii_case(b"bearer ")) {
            let token: String = text[i + 7..].chars().take_while(|c| is_token_char(*c)).collect();
            if token.len() >= 16 && !placeholder(&token) {
                return Some("a bearer token");
            }
        }
    }
    if assignment {
        // A password is any literal; a token or key must also look random, so
        // that `token = os.environ['TOKEN']` is not taken for one.
        for key in ["password", "passwd", "pgpassword", "mysql_pwd"] {
            if assigned(text, &signs, key).is_some_and(|v| literal(v) && !placeholder(v)) {
                return Some("a literal password");
            }
        }
        for key in ["secret_key", "api_key", "apikey", "access_token", "token", "secret"] {
            if assigned(text, &signs, key).is_some_and(|v| literal(v) && !placeholder(v) && random_looking(v)) {
                return Some("a literal key or token");
            }
        }
    }
    if let Some(what) = shape.option.then(|| option_secret(text)).flatten() {
        return Some(what);
    }
    if let Some(creds) = shape.url.then(|| url_credentials(text)).flatten() {
        if !placeholder(creds) {
            return Some("a password in a URL");
        }
    }
    None
}

/// What one pass over a text tells about the shapes it could hold.
struct Shape {
    /// The longest run of token characters (all ASCII).
    longest_run: usize,
    /// The longest run of `-`.
    dashes: usize,
    /// Holds `=` or `:`.
    signs: bool,
    /// Holds `://`.
    url: bool,
    /// Holds `-p`, `-u` or `--`: every option that can carry a password.
    option: bool,
}

impl Shape {
    fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        let mut shape = Shape { longest_run: 0, dashes: 0, signs: false, url: false, option: false };
        let (mut run, mut dashes) = (0, 0);
        for (i, &b) in bytes.iter().enumerate() {
            // A table look-up per byte: this pass runs over every text of a runbook.
            if TOKEN_BYTE[usize::from(b)] {
                run += 1;
                shape.longest_run = shape.longest_run.max(run);
            } else {
                run = 0;
            }
            match b {
                b'-' => {
                    dashes += 1;
                    shape.dashes = shape.dashes.max(dashes);
                    shape.option |= matches!(bytes.get(i + 1), Some(b'p' | b'u' | b'-'));
                    continue;
                }
                b'=' => shape.signs = true,
                b':' => {
                    shape.signs = true;
                    shape.url |= bytes[i + 1..].starts_with(b"//");
                }
                _ => {}
            }
            dashes = 0;
        }
        shape
    }
}

/// `is_token_char` for every byte: non-ASCII bytes are not token characters.
const TOKEN_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'=' | b'+' | b'/');
        b += 1;
    }
    table
};

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}

/// Well-known token formats: a prefix, then at least so many letters, digits or `_`.
const TOKENS: [(&str, usize, &str); 8] = [
    ("AKIA", 16, "an AWS access key id"),
    ("ASIA", 16, "an AWS access key id"),
    ("ghp_", 36, "a GitHub token"),
    ("github_pat_", 30, "a GitHub token"),
    ("glpat-", 20, "a GitLab token"),
    ("xoxb-", 20, "a Slack token"),
    ("xoxp-", 20, "a Slack token"),
    ("sk_live_", 20, "a Stripe secret key"),
];

/// The first format of `TOKENS` (in its order) that `text` holds, where no
/// ASCII letter or digit comes right before the prefix. One pass: only a
/// byte that starts some prefix is looked at further.
fn known_token(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let mut best: Option<usize> = None;
    for i in 0..bytes.len() {
        if !matches!(bytes[i], b'A' | b'g' | b'x' | b's') || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        for (k, (prefix, len, _)) in TOKENS.iter().enumerate().take(best.unwrap_or(TOKENS.len())) {
            let run =
                || bytes[i + prefix.len()..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
            if bytes[i..].starts_with(prefix.as_bytes()) && run() >= *len {
                best = Some(k);
            }
        }
    }
    best.map(|k| TOKENS[k].2)
}

/// Three base64url segments, the first starting `eyJ` (`{"`).
fn jwt(text: &str) -> bool {
    // Found by their `J`, which `match_indices(char)` finds with `memchr`.
    text.match_indices('J').filter_map(|(j, _)| j.checked_sub(2).filter(|&i| text[i..].starts_with("eyJ"))).any(|i| {
        let token: String =
            text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
        let parts: Vec<&str> = token.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| p.len() >= 8)
    })
}

/// The value after `key=` or `"key": "`, when `key` starts a word: the
/// first such assignment with a value. `signs` are the offsets of the `=`
/// and `:` of `text`, which are rare, so the search runs from them back to
/// the key rather than from every occurrence of the key forward.
fn assigned<'a>(text: &'a str, signs: &[usize], key: &str) -> Option<&'a str> {
    for &at in signs {
        let sign = text.as_bytes()[at];
        // Between the key and the sign: quotes, then whitespace.
        let spaced = text[..at].trim_end();
        let unquoted = spaced.trim_end_matches(['"', '\'']);
        let quoted = unquoted.len() < spaced.len();
        // `key=value` anywhere; `key: value` only as a quoted JSON or YAML key, so
        // that prose such as "(using password: YES)" is not taken for a secret.
        // `key` is lowercase; the text may be in any case.
        let ends_with_key = unquoted.len() >= key.len()
            && unquoted.as_bytes()[unquoted.len() - key.len()..].eq_ignore_ascii_case(key.as_bytes());
        if (sign == b':' && !quoted) || !ends_with_key {
            continue;
        }
        let start = unquoted.len() - key.len();
        if text[..start].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let rest = text[at + 1..].trim_start().trim_start_matches(['"', '\'']);
        let value: &str = &rest[..rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '}' | ';' | '&'))
            .unwrap_or(rest.len())];
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}

/// Credentials passed as command options: `mysql -pS3cret`, `--password S3cret`,
/// `curl -u user:pass`, `sshpass -p pass`.
fn option_secret(text: &str) -> Option<&'static str> {
    // Splitting into words is the costly part: skip texts that name none of
    // the programs or options below (a backslash could hide a name from this look).
    let named = |w: &str| {
        w.starts_with("--pass")
            || ["sshpass", "curl", "mysql", "mariadb", "mysqldump"].contains(&w.rsplit('/').next().unwrap_or(w))
    };
    if !super::shell::may_name(text, named) {
        return None;
    }
    for words in super::shell::commands(text) {
        let program = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)).unwrap_or_default();
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).map(AsRef::as_ref).unwrap_or_default();
            let literal_value = |v: &str| !v.is_empty() && literal(v) && !placeholder(v);
            let found = match w.as_ref() {
                "--password" | "--passwd" if literal_value(next) => true,
                "-p" if program == "sshpass" && literal_value(next) => true,
                "-u" | "--user" if program == "curl" => next.split_once(':').is_some_and(|(_, p)| literal_value(p)),
                p if (program == "mysql" || program == "mariadb" || program == "mysqldump") && p.starts_with("-p") => {
                    literal_value(&p[2..])
                }
                _ => false,
            };
            if found {
                return Some("a password passed as an option");
            }
        }
    }
    None
}

/// A value written out, not computed (`os.environ['X']`, `$(cat f)`).
fn literal(value: &str) -> bool {
    !value.contains(['(', '[', '$', '{', '<', '`'])
}

/// Long enough and mixing letters and digits, as generated keys do.
fn random_looking(value: &str) -> bool {
    value.len() >= 12 && value.chars().any(|c| c.is_ascii_digit()) && value.chars().any(|c| c.is_ascii_alphabetic())
}

/// `scheme://user:password@host`: the password part.
fn url_credentials(text: &str) -> Option<&str> {
    let start = text.find("://")? + 3;
    let rest = &text[start..];
    let at = rest.find('@')?;
    let creds = &rest[..at];
    if creds.contains(['/', ' ']) {
        return None;
    }
    let (_, password) = creds.split_once(':')?;
    (!password.is_empty()).then_some(password)
}

/// A value that stands for a secret rather than being one.
fn placeholder(value: &str) -> bool {
    let v = value.trim_matches(['"', '\'', '(', ')']);
    v.starts_with('$')
        || v.starts_with('{')
        || v.starts_with('<')
        || v.starts_with('@')
        || v.chars().all(|c| c == '*' || c == 'x' || c == 'X')
        || v.to_uppercase().starts_with("YOUR_")
        || v.to_uppercase().starts_with("YOUR-")
        || ["CHANGEME", "REDACTED", "PLACEHOLDER", "EXAMPLE"].iter().any(|p| v.to_uppercase().contains(p))
}

#[cfg(test)]
mod tests {
    use super::{is_token_char, secret, TOKEN_BYTE};

    #[test]
    fn the_token_table_agrees_with_is_token_char() {
        for b in 0..=255u8 {
            assert_eq!(TOKEN_BYTE[usize::from(b)], b.is_ascii() && is_token_char(char::from(b)), "{b}");
        }
    }

    #[test]
    fn rejects_credentials() {
        for s in [
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
            "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE1",
            "curl -H 'Authorization: Bearer abcdef0123456789abcdef'",
            "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'",
            "PGPASSWORD=hunter2 psql -U app",
            "mysql --password=s3cret",
            "API_KEY=3f9a8b7c6d5e4f3a2b1c",
            r#"-d '{"email":"a@example.com","password":"password"}'"#,
            "redis-cli -u redis://app:s3cret@localhost:6379",
            "mysql -uroot -pS3cr3t shop",
            "mysqladmin status --password S3cr3t",
            "curl -u admin:hunter2 http://localhost/api",
            "sshpass -p hunter2 ssh ops@host",
            "mysql -uroot -pS3cr3t -e 'SHOW PROCESSLIST'",
        ] {
            assert!(secret(s).is_some(), "{s}");
        }
    }

    #[test]
    fn allows_placeholders() {
        for s in [
            "token = 'YOUR_TOKEN'",
            "token = os.environ['JWT_TOKEN']",
            "PGPASSWORD=$PGPASSWORD psql",
            "PGPASSWORD=${DB_PASSWORD} psql",
            "curl -H \"Authorization: Bearer $TOKEN\"",
            r#"jq -n --arg password "$LOGIN_PASSWORD" '{password: $password}'"#,
            "grep '^SECRET_KEY=' .env | sha256sum",
            "redis-cli -u redis://localhost:6379/2",
            "read -r -s -p \"Password: \" LOGIN_PASSWORD",
            "Access denied for user 'app'@'localhost' (using password: YES)",
            "mysql -u root -p shop",
            "curl -u \"$API_USER:$API_PASSWORD\" http://localhost/api",
            "İİİİİİ password",
        ] {
            assert_eq!(secret(s), None, "{s}");
        }
    }
}
