//! R11: no secrets in runbooks. Docs are committed and widely read, so a
//! credential in a runbook is a leaked credential. Secrets are found by
//! their shape (`tokens`: provider key formats, webhook URLs, bot tokens,
//! JWTs, private keys) and by their context (`context`: a credential-named
//! key, option or URL given a literal). A value read at run time passes; a
//! literal is never trusted for looking like an example: `AKIA...EXAMPLE`
//! is pasted from the provider's docs, and so are real keys. Only an
//! obvious stand-in (`YOUR_TOKEN`, `<token>`, `****`, `REDACTED`) passes.

mod context;
mod tokens;

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::walk::{self, Kind};

pub fn scan(rb: &Runbook, cx: &mut Ctxt) {
    let envs = rb.environments.iter().flatten().flat_map(|e| &e.vars);
    for v in rb.vars.iter().flatten().chain(envs).chain(super::members::values(rb)) {
        let named = context::family(&v.name.value).and_then(|f| var_secret(f, &v.name.value, &v.value.value));
        if let Some(found) = named.or_else(|| secret_in(&v.value.value, Kind::Command)) {
            report(v.value.span, found, cx);
        }
    }
    walk::texts(rb, &mut |text, kind| {
        if let Some(found) = secret_in(&text.value, kind) {
            report(text.span, found, cx);
        }
    });
}

fn report(span: proc_macro2::Span, (what, fix): Found, cx: &mut Ctxt) {
    cx.error(
        span,
        format!("this looks like a secret ({what})"),
        format!("never write credentials into a runbook: {fix}"),
    );
}

/// What was found, and how to read it at run time instead.
type Found = (&'static str, String);

/// A var named like a credential (`db_password = "..."`) with a literal value.
fn var_secret(family: context::Family, name: &str, value: &str) -> Option<Found> {
    let key = if family == context::Family::Password { "password" } else { "token" };
    let assignment = format!("x_{key}={value:?}");
    context::assignment(&assignment, &[assignment.find('=').unwrap_or(0)], true).map(|(what, _)| {
        let var = context::env_name(name);
        (what, format!("remove the var and read the value at run time: `\"${var}\"` in the commands, set from a secrets manager"))
    })
}

/// How to read a secret of a known kind at run time: a variable named after it.
fn by_kind(what: &'static str) -> Found {
    if what == "a private key block" {
        return (what, "keep the key in a file with mode 600 or in a secrets manager, and pass its path".into());
    }
    let var: String = what.split(' ').skip(1).map(|w| w.to_ascii_uppercase()).collect::<Vec<_>>().join("_");
    (what, format!("read it at run time: `\"${var}\"`, set from a secrets manager, or write a placeholder such as `YOUR_TOKEN`"))
}

/// What kind of credential `text` holds, if any (as a command or prose).
#[cfg(test)]
pub fn secret(text: &str) -> Option<&'static str> {
    secret_in(text, Kind::Command).map(|(what, _)| what)
}

/// What kind of credential `text` holds, if any, read as a text of `kind`:
/// `password = x` is an assignment in a configuration line, a client's
/// options are looked for in commands.
pub fn secret_in(text: &str, kind: Kind) -> Option<Found> {
    let config = kind == Kind::Config;
    // Each shape below is tried only where it can match, and most texts can
    // match none: a token or key is a long run of token characters, an
    // assignment needs `=` or `:`, a key block `-----`, a URL `://`. One pass
    // over the bytes tells which.
    let shape = Shape::of(text);
    if shape.dashes >= 5 && text.contains("PRIVATE KEY-----") {
        return Some(by_kind("a private key block"));
    }
    if shape.longest_run >= 16 {
        if let Some(what) = tokens::known_token(text).or_else(|| tokens::auth_header(text)) {
            return Some(by_kind(what));
        }
        if tokens::jwt(text) {
            return Some(by_kind("a JSON Web Token"));
        }
        // A bot token is one run of 35 token characters or more.
        if let Some(what) = (shape.longest_run >= 35).then(|| tokens::bot_token(text, shape.longest_run)).flatten() {
            return Some(by_kind(what));
        }
    }
    if shape.url {
        if let Some(what) = tokens::webhook(text) {
            return Some(by_kind(what));
        }
        if let Some(found) = context::url_password(text) {
            return Some(found);
        }
    }
    if shape.signs {
        let signs: Vec<usize> =
            text.bytes().enumerate().filter(|(_, b)| matches!(b, b'=' | b':')).map(|(i, _)| i).collect();
        if let Some(what) = context::assignment(text, &signs, config) {
            return Some(what);
        }
    }
    if kind == Kind::Command {
        if let Some(found) = context::fed_on_stdin(text) {
            return Some(found);
        }
    }
    if let Some(found) = context::sql_password(text) {
        return Some(found);
    }
    // `aws configure set KEY VALUE` and `rabbitmqctl add_user app PW` hold no option.
    if kind == Kind::Command
        && (shape.option || holds_any(text, &[b"config", b"passw", b"add_user", b"authenticate_user"]))
    {
        return context::option(text);
    }
    None
}

/// True if `text` holds one of `words` (lowercase ASCII, each starting with
/// a letter), in any case. One pass over the bytes, and a bit test per byte:
/// each word is compared only where a byte could start one. This runs over
/// every text of a runbook, most of which hold none.
fn holds_any(text: &str, words: &[&[u8]]) -> bool {
    let firsts = words.iter().fold(0u32, |set, w| set | letter_bit(w[0]));
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        letter_bit(b[i]) & firsts != 0
            && words.iter().any(|w| b.len() - i >= w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w))
    })
}

/// The bit of an ASCII letter, in either case, in a set of 26; 0 for any other byte.
fn letter_bit(b: u8) -> u32 {
    let lower = b | 0x20;
    if lower.is_ascii_lowercase() {
        1 << (lower - b'a')
    } else {
        0
    }
}

/// What one pass over a text tells about the shapes it could hold.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    /// The longest run of token characters (all ASCII).
    longest_run: usize,
    /// The longest run of `-`.
    dashes: usize,
    /// Holds `=` or `:`.
    signs: bool,
    /// Holds `://`.
    url: bool,
    /// Holds a `-` followed by a letter: an option that could carry a password.
    option: bool,
}

impl Shape {
    fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        let mut shape = Shape { longest_run: 0, dashes: 0, signs: false, url: false, option: false };
        // Where the current run of token characters and the current run of `-` start.
        let (mut run_start, mut dash_start) = (0, 0);
        for (i, &b) in bytes.iter().enumerate() {
            // One table look-up per byte, and a branch only at the end of a
            // run or at a sign: this pass runs over every text of a runbook.
            let class = BYTE_CLASS[usize::from(b)];
            if class & TOKEN == 0 {
                shape.longest_run = shape.longest_run.max(i - run_start);
                run_start = i + 1;
            }
            if class & SIGN != 0 {
                match b {
                    b'-' => {
                        if i == 0 || bytes[i - 1] != b'-' {
                            dash_start = i;
                        }
                        shape.dashes = shape.dashes.max(i + 1 - dash_start);
                        shape.option |= bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == b'-');
                    }
                    b'=' => shape.signs = true,
                    b':' => {
                        shape.signs = true;
                        shape.url |= bytes[i + 1..].starts_with(b"//");
                    }
                    _ => {}
                }
            }
        }
        shape.longest_run = shape.longest_run.max(bytes.len() - run_start);
        shape
    }
}

/// A token character (`TOKEN_BYTE`), in `BYTE_CLASS`.
const TOKEN: u8 = 1;
/// `-`, `=` or `:`, the bytes `Shape::of` looks at more closely.
const SIGN: u8 = 2;

/// `TOKEN` and `SIGN` of every byte.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let sign = matches!(b as u8, b'-' | b'=' | b':');
        table[b] = if TOKEN_BYTE[b] { TOKEN } else { 0 } | if sign { SIGN } else { 0 };
        b += 1;
    }
    table
};

/// `tokens::is_token_char` for every byte: non-ASCII bytes are not token characters.
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

/// A value that stands for a secret rather than being one: it is read at
/// run time, names the hole (`<token>`, `YOUR_TOKEN`, `REDACTED`) or is a
/// mask of characters no secret is made of (`****`). "Example" is not such a
/// word, and `XXXXXXXX` or `00000000` is not such a mask: they are values a
/// tool accepts, providers' docs print them where the real one goes, and a
/// runbook that holds one shows where to paste the real one.
fn placeholder(value: &str) -> bool {
    let v = value.trim_matches(['"', '\'', '(', ')']);
    let upper = v.to_ascii_uppercase();
    v.starts_with(['$', '{', '<', '@'])
        || (!v.is_empty() && v.chars().all(|c| matches!(c, '*' | '•' | '…' | '.' | '-' | '_')))
        || upper.starts_with("YOUR_")
        || upper.starts_with("YOUR-")
        || upper.starts_with("MY_")
        || ["REDACTED", "PLACEHOLDER", "REPLACE_ME", "REPLACEME", "<", "..."].iter().any(|p| upper.contains(p))
}

#[cfg(test)]
mod tests;
