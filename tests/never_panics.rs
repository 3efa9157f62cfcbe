//! The macro never panics and always says where: streams derived from the
//! shipped runbooks by deleting, duplicating, swapping and replacing tokens
//! and truncating groups go through the parse-check-expand entry point; none
//! may panic, and every rejected stream must carry an error whose span lies
//! inside the input.
//!
//! Replaced literals come from generators of what real input holds and a
//! lexer may trip on: control characters, every line terminator (`\n`,
//! `\r`, `\r\n`, U+2028, U+2029, U+0085), bidirectional, full-width and
//! zero-width characters, non-ASCII text next to shell and assignment
//! syntax, fragments of destructive commands and credentials, and numbers
//! too large for any field.
//!
//! `RUNBOOK_FUZZ_STREAMS` sets how many streams run (CI: the default, 3,000;
//! a long pass: `RUNBOOK_FUZZ_STREAMS=100000 cargo test --release -p tests --test never_panics`).
//! `RUNBOOK_FUZZ_SEED` (decimal or `0x` hex, default 0) varies every
//! stream; a failure prints the seed and the stream, so that
//! `RUNBOOK_FUZZ_SEED=<seed> RUNBOOK_FUZZ_STREAMS=<n + 1>` replays it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;

use proc_macro2::{Delimiter, Group, LineColumn, Literal, Span, TokenStream, TokenTree};

/// A small deterministic generator, so that a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The token stream inside `runbook! { ... }` of one source file.
fn runbook_body(source: &str) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = TokenStream::from_str(source).ok()?.into_iter().collect();
    tokens.windows(3).find_map(|w| match (&w[0], &w[1], &w[2]) {
        (TokenTree::Ident(i), TokenTree::Punct(p), TokenTree::Group(g))
            if i == "runbook" && p.as_char() == '!' && g.delimiter() == Delimiter::Brace =>
        {
            Some(g.stream())
        }
        _ => None,
    })
}

fn seeds() -> Vec<TokenStream> {
    let dir = tests::workspace_root().join("runbooks/src");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("runbooks/src").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
        .iter()
        .filter_map(|path| {
            // A leading blank line puts every real token after line 1, so that a
            // call-site span (line 0 or 1) is never mistaken for one inside the input.
            let text = format!("\n\n{}", std::fs::read_to_string(path).expect("read"));
            runbook_body(&text)
        })
        .collect()
}

const STRINGS: &[&str] = &[
    "",
    "{",
    "}",
    "{{",
    "{nope}",
    "{root}",
    "{env}",
    "TODO",
    "rm -rf /",
    "sudo sh -c 'rm -rf /srv/*'",
    "ssh web1 'kubectl delete ns shop'",
    "psql <<SQL\nDROP TABLE x;\nSQL",
    "psql -c \"SELECT 'DROP TABLE'\"",
    "cat <<'EOF' > /etc/x\n",
    ": > /var/log/app.log",
    "$(",
    "`",
    "\"",
    "'",
    "\\",
    "2026-02-30",
    "日本語",
    "デフォルト=値",
    "ｐａｓｓｗｏｒｄ=x",
    "パスワード: 秘密",
    "-----BEGIN PRIVATE KEY-----",
    "PGPASSWORD='pa$$w0rd'",
    "AKIAIOSFODNN7EXAMPLE",
    "https://u:p@h/ https://hooks.slack.com/services/T0/B0/abcdefgh",
    "Authorization: Bearer ",
    "mysql -p",
    "a@b.c",
    "—since",
];

/// Characters that real input holds and a lexer may trip on.
fn random_char(rng: &mut Rng) -> char {
    const CONTROL: &[char] = &['\0', '\u{1}', '\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\t', '\u{b}', '\u{c}'];
    const TERMINATORS: &[char] = &['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'];
    const BIDI: &[char] = &[
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        '\u{200E}', '\u{200F}', '\u{61C}',
    ];
    const ZERO_WIDTH: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}'];
    const LOOK_ALIKE: &[char] = &[
        '\u{3000}', '\u{A0}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2013}', '\u{2014}', '\u{2026}',
        '\u{2212}',
    ];
    let pick = |rng: &mut Rng, set: &[char]| set[rng.below(set.len())];
    match rng.below(8) {
        0 => pick(rng, CONTROL),
        1 => pick(rng, TERMINATORS),
        2 => pick(rng, BIDI),
        3 => pick(rng, ZERO_WIDTH),
        4 => pick(rng, LOOK_ALIKE),
        // Full-width ASCII, `！` to `～`.
        5 => char::from_u32(0xFF01 + rng.below(94) as u32).unwrap_or('\u{FF01}'),
        6 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{FFFD}'),
        _ => char::from(b' ' + rng.below(95) as u8),
    }
}

/// A text of fragments and characters, with `\r\n` as one of its line breaks.
fn random_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..=rng.below(4) {
        match rng.below(4) {
            0 => text.push_str(STRINGS[rng.below(STRINGS.len())]),
            1 => text.push_str("\r\n"),
            _ => (0..=rng.below(3)).for_each(|_| text.push(random_char(rng))),
        }
    }
    text
}

/// Numbers too large for every field: durations, dates, thresholds, ports.
const HUGE: &[&str] = &[
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "99999999999999999999min",
    "4294967296d",
    "1e308",
    "1e309",
    "1.7976931348623157e308",
    "0xffffffffffffffff",
    "0",
];

fn random_literal(rng: &mut Rng) -> TokenTree {
    let lit = match rng.below(6) {
        0 => Literal::string(STRINGS[rng.below(STRINGS.len())]),
        1 => Literal::u64_unsuffixed(rng.next() % 100_000),
        2 => Literal::from_str(["90d", "30min", "1h", "0xff", "2s", "1e9", "7.5"][rng.below(7)]).expect("literal"),
        3 => Literal::string(&random_text(rng)),
        4 => Literal::from_str(HUGE[rng.below(HUGE.len())]).expect("literal"),
        _ => Literal::string(&format!("{:x}", rng.next())),
    };
    TokenTree::Literal(lit)
}

/// One random change somewhere in the tree.
fn mutate(stream: TokenStream, rng: &mut Rng, depth: usize) -> TokenStream {
    let mut tokens: Vec<TokenTree> = stream.into_iter().collect();
    if tokens.is_empty() {
        return TokenStream::new();
    }
    let i = rng.below(tokens.len());
    // Descend into a group most of the time, so that deep sections get mutated too.
    if let TokenTree::Group(g) = &tokens[i] {
        if depth < 6 && rng.below(3) != 0 {
            let mut inner = Group::new(g.delimiter(), mutate(g.stream(), rng, depth + 1));
            inner.set_span(g.span());
            tokens[i] = TokenTree::Group(inner);
            return tokens.into_iter().collect();
        }
    }
    match rng.below(6) {
        0 => {
            tokens.remove(i);
        }
        1 => {
            let t = tokens[i].clone();
            tokens.insert(i, t);
        }
        2 => {
            let j = rng.below(tokens.len());
            tokens.swap(i, j);
        }
        3 => {
            let span = tokens[i].span();
            let mut lit = random_literal(rng);
            lit.set_span(span);
            tokens[i] = lit;
        }
        4 => {
            if let TokenTree::Group(g) = &tokens[i] {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let keep = rng.below(inner.len() + 1);
                let mut cut = Group::new(g.delimiter(), inner.into_iter().take(keep).collect());
                cut.set_span(g.span());
                tokens[i] = TokenTree::Group(cut);
            } else {
                tokens.truncate(i);
            }
        }
        _ => {
            let j = rng.below(tokens.len());
            let t = tokens[j].clone();
            tokens[i] = t;
        }
    }
    tokens.into_iter().collect()
}

fn bounds(stream: &TokenStream) -> (LineColumn, LineColumn) {
    let spans: Vec<Span> = stream.clone().into_iter().map(|t| t.span()).collect();
    let start = spans.iter().map(|s| s.start()).min_by_key(|l| (l.line, l.column)).expect("tokens");
    let end = spans.iter().map(|s| s.end()).max_by_key(|l| (l.line, l.column)).expect("tokens");
    (start, end)
}

fn inside(at: LineColumn, (start, end): (LineColumn, LineColumn)) -> bool {
    (at.line, at.column) >= (start.line, start.column) && (at.line, at.column) <= (end.line, end.column)
}

/// `RUNBOOK_FUZZ_SEED`, decimal or `0x` hex; 0 when unset.
fn fuzz_seed() -> u64 {
    let Ok(text) = std::env::var("RUNBOOK_FUZZ_SEED") else { return 0 };
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    parsed.unwrap_or_else(|_| panic!("RUNBOOK_FUZZ_SEED={text} is not a number"))
}

#[test]
fn mutated_runbooks_never_panic_and_errors_point_into_the_input() {
    let streams: usize = std::env::var("RUNBOOK_FUZZ_STREAMS").ok().and_then(|s| s.parse().ok()).unwrap_or(3_000);
    let fuzz = fuzz_seed();
    let replay = |n: usize| format!("replay: RUNBOOK_FUZZ_SEED={fuzz} RUNBOOK_FUZZ_STREAMS={}", n + 1);
    let seeds = seeds();
    assert!(seeds.len() >= 3, "expected the shipped runbooks as seeds");
    for seed in &seeds {
        assert!(runbook_macros_core::analyse(seed.clone()).is_ok(), "a shipped runbook must pass");
    }
    let (mut rejected, mut accepted) = (0usize, 0usize);
    for n in 0..streams {
        // Never zero: xorshift would stay at zero.
        let state = 0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ fuzz.rotate_left(17);
        let mut rng = Rng(state.max(1));
        let seed = &seeds[n % seeds.len()];
        let range = bounds(seed);
        let mut stream = seed.clone();
        for _ in 0..=rng.below(3) {
            stream = mutate(stream, &mut rng, 0);
        }
        let result = catch_unwind(AssertUnwindSafe(|| runbook_macros_core::analyse(stream.clone())));
        match result {
            Err(_) => panic!("stream {n} panicked the macro ({}):\n{stream}", replay(n)),
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(errors)) => {
                rejected += 1;
                assert!(!errors.is_empty(), "stream {n}: rejected without an error ({})", replay(n));
                // An empty invocation has no token to point at; rustc shows the call.
                if stream.is_empty() {
                    continue;
                }
                assert!(
                    errors.iter().any(|e| inside(e.span().start(), range)),
                    "stream {n}: no error points into the input ({}): {:?}\n{stream}",
                    replay(n),
                    errors.iter().map(|e| (e.to_string(), e.span().start())).collect::<Vec<_>>()
                );
            }
        }
    }
    eprintln!(
        "{streams} streams (RUNBOOK_FUZZ_SEED={fuzz}): {rejected} rejected with located errors, {accepted} accepted"
    );
    assert!(rejected > streams / 2, "the mutations should break most streams");
}
