//! SQL and store commands, wherever a client reads them from: its query
//! options, its positional arguments, a here-document or text echoed into
//! it. Keywords count only as SQL tokens: never inside a string literal, a
//! quoted identifier or a comment, nor as part of a longer word.

use std::borrow::Cow;

use super::{Args, Effect, Finding, Input};

/// A client program and where it takes its commands from.
#[derive(Debug)]
pub struct Client {
    /// Options whose value is a query (`-c`, `--execute`).
    query: &'static [&'static str],
    /// Other options that take a value, so that positional words are found.
    valued: &'static [&'static str],
    /// Positional words from this index on are the query (`sqlite3 db "SQL"`).
    query_from: Option<usize>,
    /// Redis-style: the positional words are one store command.
    store: bool,
}

const PSQL: Client = Client {
    query: &["-c", "--command"],
    valued: &[
        "-h",
        "-p",
        "-U",
        "-d",
        "-f",
        "-v",
        "-o",
        "-P",
        "-F",
        "-R",
        "--host",
        "--port",
        "--username",
        "--dbname",
        "--file",
        "--set",
        "--variable",
    ],
    query_from: None,
    store: false,
};
const MYSQL: Client = Client {
    query: &["-e", "--execute"],
    valued: &["-h", "-P", "-u", "-D", "-S", "--host", "--port", "--user", "--database", "--socket", "--defaults-file"],
    query_from: None,
    store: false,
};
const SQLITE: Client =
    Client { query: &["-cmd"], valued: &["-separator", "-nullvalue"], query_from: Some(1), store: false };
const CLICKHOUSE: Client = Client {
    query: &["-q", "--query"],
    valued: &["-h", "--host", "--port", "-u", "--user", "--password", "-d", "--database", "-f", "--format"],
    query_from: None,
    store: false,
};
const CQLSH: Client = Client {
    query: &["-e", "--execute"],
    valued: &["-u", "-p", "-k", "-f", "--username", "--password", "--keyspace", "--file"],
    query_from: None,
    store: false,
};
const SQLCMD: Client =
    Client { query: &["-Q", "-q"], valued: &["-S", "-U", "-P", "-d", "-i", "-o"], query_from: None, store: false };
const REDIS: Client = Client {
    query: &[],
    valued: &[
        "-h",
        "-p",
        "-a",
        "-n",
        "-u",
        "-s",
        "-r",
        "-i",
        "-d",
        "--user",
        "--pass",
        "--cacert",
        "--cert",
        "--key",
        "--pattern",
        "--count",
    ],
    query_from: Some(0),
    store: true,
};

/// The client `name` is, if it is one.
pub fn client(name: &str) -> Option<&'static Client> {
    Some(match name {
        "psql" | "cockroach" => &PSQL,
        "mysql" | "mariadb" => &MYSQL,
        "sqlite3" | "duckdb" => &SQLITE,
        "clickhouse-client" | "clickhouse" => &CLICKHOUSE,
        "cqlsh" => &CQLSH,
        "sqlcmd" => &SQLCMD,
        "redis-cli" | "valkey-cli" | "keydb-cli" => &REDIS,
        _ => return None,
    })
}

/// What the commands a client runs do.
pub fn client_effect(client: &Client, args: &[Cow<str>], input: &Input) -> Option<Finding> {
    let a = Args::new(args, client.valued);
    let mut queries: Vec<&str> = Vec::new();
    for (i, w) in args.iter().enumerate() {
        for opt in client.query {
            if w == opt {
                queries.extend(args.get(i + 1).map(AsRef::as_ref));
            } else if let Some(v) = w.strip_prefix(opt) {
                // `--execute=...`, and `-e"DROP ..."`: the option with its value attached.
                match v.strip_prefix('=') {
                    Some(v) => queries.push(v),
                    None if opt.len() == 2 && !v.is_empty() => queries.push(v),
                    None => {}
                }
            }
        }
    }
    let positional = client.query_from.map(|n| a.positional.get(n..).unwrap_or_default()).unwrap_or_default();
    if client.store {
        if !positional.is_empty() {
            return store(positional);
        }
        return input.texts().flat_map(str::lines).find_map(|l| store(&l.split_whitespace().collect::<Vec<_>>()));
    }
    let joined;
    if !positional.is_empty() {
        joined = positional.join(" ");
        queries.push(&joined);
    }
    if queries.is_empty() {
        // No query on the command line: the client reads standard input.
        return input.texts().find_map(statements);
    }
    queries.into_iter().find_map(statements)
}

/// A Redis command: its name, then its arguments.
fn store(words: &[&str]) -> Option<Finding> {
    let command = words.first()?.to_ascii_uppercase();
    let second = words.get(1).map(|w| w.to_ascii_uppercase()).unwrap_or_default();
    let (effect, shown, reason) = match (command.as_str(), second.as_str()) {
        ("FLUSHALL", _) => (Effect::Deletes, "FLUSHALL", "deletes every key of every database"),
        ("FLUSHDB", _) => (Effect::Deletes, "FLUSHDB", "deletes every key of the database"),
        ("SHUTDOWN", _) => (Effect::StopsService, "SHUTDOWN", "stops the server for every client"),
        ("CLUSTER", "RESET") => (Effect::Irreversible, "CLUSTER RESET", "makes the node forget the cluster"),
        ("CLUSTER", "FORGET") => (Effect::Irreversible, "CLUSTER FORGET", "removes a node from the cluster"),
        _ => return None,
    };
    Some(Finding { effect, shown: shown.into(), reason: reason.into() })
}

/// The first destructive statement of a SQL text.
fn statements(sql: &str) -> Option<Finding> {
    // Cheap look first: most queries hold none of the keywords' first letters' words.
    let upper = sql.to_ascii_uppercase();
    if !["DROP", "TRUNCATE", "DELETE", "UPDATE", "VACUUM", "SHUTDOWN", "FLUSH"].iter().any(|k| upper.contains(k)) {
        return None;
    }
    let words = keywords(&upper);
    let mut statement_start = 0;
    for i in 0..words.len() {
        let w = words[i];
        if w == ";" {
            statement_start = i + 1;
            continue;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        let first = i == statement_start;
        let found = match w {
            "DROP" => Some((
                Effect::Deletes,
                format!("DROP {next}"),
                format!("drops the {} with all its data", next.to_ascii_lowercase()).into(),
            )),
            "TRUNCATE" => Some((Effect::Truncates, "TRUNCATE".into(), "empties the table".into())),
            "DELETE" if next == "FROM" || first => {
                Some((Effect::Deletes, "DELETE FROM".into(), "deletes rows for good".into()))
            }
            "UPDATE" if first => {
                let end = words[i..].iter().position(|w| *w == ";").map_or(words.len(), |n| i + n);
                (!words[i..end].contains(&"WHERE")).then(|| {
                    (
                        Effect::Overwrites,
                        "UPDATE without WHERE".to_string(),
                        "overwrites the column in every row".into(),
                    )
                })
            }
            "VACUUM" if words[i + 1..].iter().take(3).any(|w| *w == "FULL") => Some((
                Effect::StopsService,
                "VACUUM FULL".into(),
                "locks the tables: no reads or writes until it ends".into(),
            )),
            "SHUTDOWN" if first => {
                Some((Effect::StopsService, "SHUTDOWN".into(), "stops the server for every client".into()))
            }
            "FLUSHALL" | "FLUSHDB" => Some((Effect::Deletes, w.to_string(), "deletes every key".into())),
            _ => None,
        };
        if let Some((effect, shown, reason)) = found {
            return Some(Finding { effect, shown, reason });
        }
    }
    None
}

/// The words and `;` of an upper-cased SQL text outside literals and comments.
fn keywords(sql: &str) -> Vec<&str> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            // 'string' ('' inside), "identifier", `identifier`.
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\\' && q == b'\'' {
                        i += 2;
                        continue;
                    }
                    if b[i] == q {
                        if b.get(i + 1) == Some(&q) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => i = sql[i..].find('\n').map_or(b.len(), |n| i + n),
            b'#' => i = sql[i..].find('\n').map_or(b.len(), |n| i + n),
            b'/' if b.get(i + 1) == Some(&b'*') => i = sql[i + 2..].find("*/").map_or(b.len(), |n| i + n + 4),
            // $$ ... $$ and $tag$ ... $tag$: PostgreSQL's dollar-quoted strings.
            b'$' => {
                let tag_len = b[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
                if b.get(i + 1 + tag_len) == Some(&b'$') {
                    let tag = &sql[i..i + tag_len + 2];
                    let body = i + tag.len();
                    i = sql[body..].find(tag).map_or(b.len(), |n| body + n + tag.len());
                } else {
                    i += 1 + tag_len;
                }
            }
            b';' => {
                out.push(";");
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                    i += 1;
                }
                out.push(&sql[start..i]);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{keywords, statements};

    #[test]
    fn keywords_skip_literals_and_comments() {
        let sql = "SELECT 'DROP TABLE x', \"DELETE\" FROM t -- TRUNCATE\n/* DROP */ WHERE $$DROP$$ = $q$x$q$; DROPPED";
        assert_eq!(keywords(sql), vec!["SELECT", "FROM", "t", "WHERE", ";", "DROPPED"]);
    }

    #[test]
    fn destructive_statements() {
        for (sql, shown) in [
            ("drop table users;", "DROP TABLE"),
            ("ALTER TABLE t DROP COLUMN c", "DROP COLUMN"),
            ("TRUNCATE sessions", "TRUNCATE"),
            ("DELETE FROM jobs WHERE state = 'done'", "DELETE FROM"),
            ("BEGIN; UPDATE users SET active = false; COMMIT;", "UPDATE without WHERE"),
            ("VACUUM (FULL, ANALYZE) t", "VACUUM FULL"),
        ] {
            assert_eq!(statements(sql).map(|f| f.shown).as_deref(), Some(shown), "{sql}");
        }
    }

    #[test]
    fn read_only_and_guarded_statements() {
        for sql in [
            "SELECT count(*) FROM audit WHERE action IN ('DROP', 'DELETE', 'TRUNCATE')",
            "SELECT * FROM pg_stat_activity WHERE query LIKE '%DROP TABLE%'",
            "UPDATE jobs SET state = 'queued' WHERE id = 42",
            "SELECT dropped_rows, deleted_at FROM stats",
            "CREATE TABLE t (id int REFERENCES u ON DELETE CASCADE ON UPDATE CASCADE)",
            "SELECT 1 -- DROP TABLE x",
            "VACUUM ANALYZE t",
            "GRANT SELECT, UPDATE ON t TO app",
        ] {
            assert_eq!(statements(sql), None, "{sql}");
        }
    }
}
