//! The macro engine as a library call: parse + check + expand of one
//! `runbook! { ... }` invocation, timed with `runbook_macros_core::analyse`.

use std::str::FromStr;
use std::time::Instant;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The tokens inside the first `runbook! { ... }` of a source file.
pub fn invocation(source: &str) -> Result<TokenStream, String> {
    let tokens = TokenStream::from_str(source).map_err(|e| format!("the source does not tokenize: {e}"))?;
    find(tokens).ok_or_else(|| "no `runbook! { ... }` invocation found".to_string())
}

fn find(tokens: TokenStream) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match (tree, trees.get(i + 1), trees.get(i + 2)) {
            (TokenTree::Ident(id), Some(TokenTree::Punct(bang)), Some(TokenTree::Group(g)))
                if id == "runbook" && bang.as_char() == '!' && g.delimiter() == Delimiter::Brace =>
            {
                return Some(g.stream());
            }
            (TokenTree::Group(g), _, _) => {
                if let Some(found) = find(g.stream()) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// Seconds per `analyse` call: one figure per run, each the mean of `iterations` calls.
/// Fails if the runbook does not pass its own checks.
pub fn measure(tokens: &TokenStream, iterations: usize, runs: usize) -> Result<Vec<f64>, String> {
    // Warm up (and prove the invocation is valid) before timing.
    for _ in 0..iterations.div_ceil(10).max(1) {
        if let Err(errors) = runbook_macros_core::analyse(tokens.clone()) {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            return Err(format!("the runbook does not pass its checks ({} errors; first: {first})", errors.len()));
        }
    }
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        // Inputs are cloned before the clock starts: only the engine is timed.
        let inputs: Vec<TokenStream> = (0..iterations).map(|_| tokens.clone()).collect();
        let start = Instant::now();
        for input in inputs {
            std::hint::black_box(runbook_macros_core::analyse(input).is_ok());
        }
        out.push(start.elapsed().as_secs_f64() / iterations as f64);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_invocation_of_a_runbook_source() {
        let tokens = invocation("pub const RUNBOOK: Runbook = runbook! { feature: a, title: \"T\" };").unwrap();
        assert_eq!(tokens.into_iter().count(), 7);
        assert!(invocation("fn main() {}").is_err());
    }
}
