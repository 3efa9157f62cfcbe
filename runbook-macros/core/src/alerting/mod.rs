//! `alerting!`: a team's alerting policy, checked literal by literal (R13)
//! when the macro expands, so that a bad base URL, label or response time is
//! an error at its own literal with a `help:`. The rules are
//! `runbook_model::policy`, the ones `Alerting::new` runs in const
//! evaluation; `check` words the errors, this file parses and expands.
//!
//! It exists for the build's sake as much as for the errors: the builder's
//! checks loop over every byte in rustc's const evaluator, in every crate
//! that names the policy, at about 50 times the cost of the whole expansion.

mod check;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use runbook_model::Response;
use syn::parse::ParseStream;
use syn::{Ident, Token};

use crate::ast::{Duration, Text};
use crate::ctxt::Ctxt;
use crate::parse::values;
use crate::suggest;

/// The base URL as written: a literal, checked here; another policy's,
/// `OTHER.base_url()`, checked where that policy was written; or a `&str`
/// const's path, checked in const evaluation.
enum BaseUrl {
    Literal(Text),
    Policy(syn::Path),
    Path(syn::Path),
}

/// How an alert is answered, as written after `respond`.
enum Respond {
    Immediately,
    Within(Duration),
}

/// One line: `P1 => "critical", respond 30min, by "On-call engineer";`.
struct Mapping {
    severity: Ident,
    label: Text,
    respond: Option<Respond>,
    by: Option<Text>,
}

/// The whole input, as far as it parsed.
#[derive(Default)]
struct Input {
    base_url: Option<BaseUrl>,
    mappings: Vec<Mapping>,
}

const KEYS: &[&str] = &["base_url", "P0", "P1", "P2", "P3"];

/// The expansion: the `Alerting` value, or the errors and an empty policy,
/// so that the consts that name it do not cascade.
pub fn alerting_tokens(tokens: TokenStream) -> TokenStream {
    crate::ctxt::value_macro(tokens, parse, check::check, expand, quote!(::runbook_dsl::__private::NO_ALERTING))
}

fn expand(input: &Input) -> TokenStream {
    let base = match &input.base_url {
        Some(BaseUrl::Literal(url)) => {
            let value = &url.value;
            quote_spanned!(url.span=> #value)
        }
        Some(BaseUrl::Policy(policy)) => quote! { ::runbook_dsl::Alerting::base_url(&#policy) },
        // A loop over every byte in rustc's const evaluator: the dearest form.
        Some(BaseUrl::Path(path)) => quote! { ::runbook_dsl::__private::base_url(#path) },
        None => quote! { "" },
    };
    let slots = (0..4).map(|i| {
        let Some(m) = input.mappings.iter().find(|m| check::index(&m.severity) == Some(i)) else {
            return quote! { ::core::option::Option::None };
        };
        let label = &m.label.value;
        let by = m.by.as_ref().map(|b| b.value.as_str()).unwrap_or_default();
        let respond = match &m.respond {
            // `check` has refused a unit with no variant: this expands only without errors.
            Some(Respond::Within(d)) => match Response::within(&d.unit, d.amount) {
                Some(r) => response(r),
                None => quote! { ::core::compile_error!("an answer is not given in this unit") },
            },
            Some(Respond::Immediately) | None => response(Response::Immediately),
        };
        quote! {
            ::core::option::Option::Some(::runbook_dsl::__private::SeverityPolicy {
                label: #label, respond: #respond, by: #by,
            })
        }
    });
    quote! { ::runbook_dsl::__private::alerting(#base, [#(#slots),*]) }
}

/// `base_url: ...,` and one `P.. => ...;` per severity, in any order.
fn parse(stream: ParseStream, cx: &mut Ctxt) -> syn::Result<Input> {
    let mut input = Input::default();
    while !stream.is_empty() {
        let key: Ident = stream.parse().map_err(|e| {
            syn::Error::new(e.span(), "expected `base_url:` or a severity, `P0` to `P3`\nhelp: write `base_url: \"https://github.com/org/runbooks/blob/main/\",` and a line such as `P1 => \"critical\", respond 30min, by \"On-call engineer\";`")
        })?;
        let name = key.to_string();
        if name == "base_url" {
            stream.parse::<Token![:]>().map_err(|e| {
                syn::Error::new(e.span(), "expected `:` after `base_url`\nhelp: write `base_url: \"https://...\",`")
            })?;
            let url = if values::peek_string(stream) {
                BaseUrl::Literal(values::text(stream)?)
            } else {
                let path: syn::Path = stream.parse().map_err(|e| {
                    syn::Error::new(e.span(), "expected the base URL, as a string, another policy's (`ALERTING.base_url()`) or the path of a `&str` const\nhelp: write `base_url: \"https://github.com/org/runbooks/blob/main/\",`")
                })?;
                if stream.peek(Token![.]) {
                    policy_base_url(stream)?;
                    BaseUrl::Policy(path)
                } else {
                    BaseUrl::Path(path)
                }
            };
            if input.base_url.replace(url).is_some() {
                cx.error(key.span(), "`base_url:` is given twice", "write it once");
            }
            if !stream.is_empty() {
                stream
                    .parse::<Token![,]>()
                    .map_err(|e| syn::Error::new(e.span(), "expected `,` after the base URL\nhelp: end it with `,`"))?;
            }
        } else if check::index(&key).is_some() {
            input.mappings.push(mapping(stream, key)?);
        } else {
            let help = match suggest::nearest(&name, KEYS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "a policy has `base_url:` and a line per severity it uses, `P0` to `P3`".into(),
            };
            cx.error(key.span(), format!("unknown key `{name}` in the alerting policy"), help);
            // Skip to the end of its entry, so that the entries after it are still read.
            while !stream.is_empty() && !stream.peek(Token![;]) && !stream.peek(Token![,]) {
                stream.parse::<proc_macro2::TokenTree>()?;
            }
            if !stream.is_empty() {
                stream.parse::<proc_macro2::TokenTree>()?;
            }
        }
    }
    Ok(input)
}

/// `.base_url()` after a policy's path: the one method a base URL is taken from.
fn policy_base_url(stream: ParseStream) -> syn::Result<()> {
    let dot: Token![.] = stream.parse()?;
    let method: Option<Ident> = stream.parse()?;
    let call = stream.parse::<Option<proc_macro2::Group>>()?;
    match (method, call) {
        (Some(m), Some(args))
            if m == "base_url"
                && args.delimiter() == proc_macro2::Delimiter::Parenthesis
                && args.stream().is_empty() =>
        {
            Ok(())
        }
        _ => Err(syn::Error::new(
            dot.span,
            "expected `.base_url()`\nhelp: take another policy's base URL with `base_url: ALERTING.base_url(),`",
        )),
    }
}

/// `=> "label", respond <immediately | duration>, by "who";` after the severity.
fn mapping(stream: ParseStream, severity: Ident) -> syn::Result<Mapping> {
    let example = format!("`{severity} => \"critical\", respond 30min, by \"On-call engineer\";`");
    stream
        .parse::<Token![=>]>()
        .map_err(|e| syn::Error::new(e.span(), format!("expected `=>` after `{severity}`\nhelp: write {example}")))?;
    let label = values::text(stream).map_err(|e| {
        syn::Error::new(e.span(), format!("expected the rule's `severity` label, a string\nhelp: write {example}"))
    })?;
    let mut m = Mapping { severity, label, respond: None, by: None };
    while stream.peek(Token![,]) {
        stream.parse::<Token![,]>()?;
        let field: Ident = stream
            .parse()
            .map_err(|e| syn::Error::new(e.span(), format!("expected `respond` or `by`\nhelp: write {example}")))?;
        let given_twice = match field.to_string().as_str() {
            "respond" => {
                let respond = if stream.peek(Ident) {
                    let word: Ident = stream.parse()?;
                    if word != "immediately" {
                        return Err(syn::Error::new(
                            word.span(),
                            "expected `immediately` or a duration\nhelp: write e.g. `respond 30min`, `respond 4h`, `respond 1bd`",
                        ));
                    }
                    Respond::Immediately
                } else {
                    Respond::Within(values::duration(stream)?)
                };
                m.respond.replace(respond).is_some()
            }
            "by" => m.by.replace(values::text(stream)?).is_some(),
            other => {
                let help = match suggest::nearest(other, &["respond", "by"]) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a severity's line has its label, `respond` and `by`: {example}"),
                };
                return Err(syn::Error::new(field.span(), format!("unknown field `{other}`\nhelp: {help}")));
            }
        };
        if given_twice {
            return Err(syn::Error::new(field.span(), format!("`{field}` is given twice\nhelp: keep one")));
        }
    }
    if !stream.is_empty() {
        stream.parse::<Token![;]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `,` or `;`\nhelp: end each severity's line with `;`: {example}"),
            )
        })?;
    }
    Ok(m)
}

/// The tokens of `r`, a value of `runbook_dsl::Response`.
fn response(r: Response) -> TokenStream {
    let p = quote!(::runbook_dsl::__private::Response);
    match r {
        Response::Immediately => quote! { #p::Immediately },
        Response::Minutes(n) => quote! { #p::Minutes(#n) },
        Response::Hours(n) => quote! { #p::Hours(#n) },
        Response::Days(n) => quote! { #p::Days(#n) },
        Response::BusinessDays(n) => quote! { #p::BusinessDays(#n) },
    }
}
