//! The macro never panics and always says where: streams derived from the
//! shipped runbooks by deleting, duplicating, swapping and replacing tokens
//! and truncating groups go through the parse-check-expand entry point; none
//! may panic, and every rejected stream must carry an error whose span lies
//! inside the input.
//!
//! `RUNBOOK_FUZZ_STREAMS` sets how many streams run (CI: the default, 3,000;
//! a long pass: `RUNBOOK_FUZZ_STREAMS=100000 cargo test --release -p tests --test never_panics`).

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
    "TODO",
    "rm -rf /",
    "$(",
    "\"",
    "2026-02-30",
    "日本語",
    "-----BEGIN PRIVATE KEY-----",
];

fn random_literal(rng: &mut Rng) -> TokenTree {
    let lit = match rng.below(4) {
        0 => Literal::string(STRINGS[rng.below(STRINGS.len())]),
        1 => Literal::u64_unsuffixed(rng.next() % 100_000),
        2 => Literal::from_str(["90d", "30min", "1h", "0xff", "2s", "1e9", "7.5"][rng.below(7)]).expect("literal"),
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

#[test]
fn mutated_runbooks_never_panic_and_errors_point_into_the_input() {
    let streams: usize = std::env::var("RUNBOOK_FUZZ_STREAMS").ok().and_then(|s| s.parse().ok()).unwrap_or(3_000);
    let seeds = seeds();
    assert!(seeds.len() >= 3, "expected the shipped runbooks as seeds");
    for seed in &seeds {
        assert!(runbook_macros_core::analyse(seed.clone()).is_ok(), "a shipped runbook must pass");
    }
    let (mut rejected, mut accepted) = (0usize, 0usize);
    for n in 0..streams {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let seed = &seeds[n % seeds.len()];
        let range = bounds(seed);
        let mut stream = seed.clone();
        for _ in 0..=rng.below(3) {
            stream = mutate(stream, &mut rng, 0);
        }
        let result = catch_unwind(AssertUnwindSafe(|| runbook_macros_core::analyse(stream.clone())));
        match result {
            Err(_) => panic!("stream {n} panicked the macro:\n{stream}"),
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(errors)) => {
                rejected += 1;
                assert!(!errors.is_empty(), "stream {n}: rejected without an error");
                // An empty invocation has no token to point at; rustc shows the call.
                if stream.is_empty() {
                    continue;
                }
                assert!(
                    errors.iter().any(|e| inside(e.span().start(), range)),
                    "stream {n}: no error points into the input: {:?}\n{stream}",
                    errors.iter().map(|e| (e.to_string(), e.span().start())).collect::<Vec<_>>()
                );
            }
        }
    }
    eprintln!("{streams} streams: {rejected} rejected with located errors, {accepted} accepted");
    assert!(rejected > streams / 2, "the mutations should break most streams");
}
