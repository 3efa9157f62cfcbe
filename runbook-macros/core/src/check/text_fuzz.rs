//! The text rules never panic, whatever a literal holds: random texts of
//! shell syntax, credentials and non-ASCII characters go through each of them.

use super::{effects, hygiene, secrets, shell, split};

/// Pieces that steer the rules into their deeper paths.
const PIECES: &[&str] = &[
    " ",
    "'",
    "\"",
    "\\",
    "`",
    "$(",
    ")",
    "${",
    "}",
    "{",
    "<<",
    "<<-",
    "EOF",
    "\n",
    "\r\n",
    ">",
    ">>",
    "2>&1",
    "|",
    ";",
    "&&",
    "=",
    ":",
    "://",
    "@",
    "-",
    "--",
    "-p",
    "-c",
    "sudo",
    "sh",
    "-c",
    "ssh",
    "h",
    "kubectl",
    "exec",
    "docker",
    "psql",
    "mysql",
    "redis-cli",
    "rm",
    "-rf",
    "DROP",
    "TABLE",
    "DELETE",
    "FROM",
    "UPDATE",
    "SET",
    "WHERE",
    "$$",
    "/*",
    "*/",
    "--",
    "#",
    "password",
    "PASSWORD",
    "token",
    "x-api-key",
    "AKIA",
    "sk-",
    "xoxb-",
    "eyJ",
    ".",
    "AIza",
    "hooks.slack.com/services/",
    "api.telegram.org/bot",
    "123456789",
    "AAF",
    "Bearer ",
    "Authorization: ",
    "日本",
    "ｅ",
    "\u{3000}",
    "\u{2019}",
    "\u{202E}",
    "\u{200B}",
    "\u{2028}",
    "\u{85}",
    "\0",
    "ｐａｓｓ",
    "デフォルト",
    "é",
    "0123456789abcdef0123",
    "find",
    "-exec",
    "+",
    "xargs",
    "etcdctl",
    "del",
    "git",
    "push",
    "-f",
    "curl",
    "-X",
    "DELETE",
    "mv",
    "/var/lib/",
    "echo",
    "-n",
    "cat",
    "/dev/null",
];

#[test]
fn random_texts_never_panic_the_text_rules() {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200_000 {
        let mut text = String::new();
        for _ in 0..(next() % 12) {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let _ = effects::classify(&text);
        let kinds = [super::walk::Kind::Command, super::walk::Kind::Config, super::walk::Kind::Prose];
        let _ = secrets::secret_in(&text, kinds[(next() % 3) as usize]);
        let _ = hygiene::ascii_form(&text, true);
        let _ = shell::balance(&text);
        let _ = split::simple_commands(&text);
    }
}
