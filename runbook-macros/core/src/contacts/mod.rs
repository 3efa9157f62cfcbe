//! `contacts!`: a team's escalation path and emergency numbers, checked
//! literal by literal (R9) when the macro expands, so that a bad address or
//! number is an error at its own literal with a `help:` built from it. The
//! rules are `runbook_model::contacts`, the ones `Contacts::new` runs in
//! const evaluation; `check` words the errors, this file parses and expands.

mod check;

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, LitInt, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::suggest;

/// One escalation level as written: `Escalation { level: 1, role: "...", email: "..." }`.
struct Level {
    level: LitInt,
    role: LitStr,
    email: LitStr,
}

/// One emergency contact as written: `Emergency { role: "...", phone: "..." }`.
struct Call {
    role: LitStr,
    phone: LitStr,
}

/// A list and the span of its brackets, where an empty one is reported.
struct List<T> {
    span: Span,
    items: Vec<T>,
}

/// The whole input, as far as it parsed.
#[derive(Default)]
struct Input {
    escalation: Option<List<Level>>,
    emergency: Option<List<Call>>,
    chat: Option<LitStr>,
}

const KEYS: &[&str] = &["escalation", "emergency", "chat"];

/// The expansion: the `Contacts` value, or the errors and an empty value
/// of the right type, so that the consts that name it do not cascade.
pub fn contacts_tokens(tokens: TokenStream) -> TokenStream {
    crate::ctxt::value_macro(tokens, parse, check::check, expand, quote!(::runbook_dsl::__private::NO_CONTACTS))
}

fn expand(input: &Input) -> TokenStream {
    let levels = input.escalation.iter().flat_map(|l| &l.items).map(|l| {
        // Checked to fit a `u8` by `check`; written anew so that a suffix cannot change its type.
        let mut level = Literal::u8_unsuffixed(l.level.base10_parse().unwrap_or(0));
        level.set_span(l.level.span());
        let (role, email) = (&l.role, &l.email);
        quote! { ::runbook_dsl::__private::Escalation { level: #level, role: #role, email: #email } }
    });
    let calls = input.emergency.iter().flat_map(|l| &l.items).map(|c| {
        let (role, phone) = (&c.role, &c.phone);
        quote! { ::runbook_dsl::__private::Emergency { role: #role, phone: #phone } }
    });
    let chat = match &input.chat {
        Some(chat) => quote_spanned! {chat.span()=> ::core::option::Option::Some(#chat) },
        None => quote! { ::core::option::Option::None },
    };
    quote! { ::runbook_dsl::__private::contacts(&[#(#levels),*], &[#(#calls),*], #chat) }
}

/// `key: value, ...`; a key's mistakes are recorded and parsing goes on
/// where it can, a malformed value ends it (the error is returned).
fn parse(stream: ParseStream, cx: &mut Ctxt) -> syn::Result<Input> {
    let mut input = Input::default();
    while !stream.is_empty() {
        let key: Ident = stream.parse().map_err(|e| {
            syn::Error::new(e.span(), "expected a key: `escalation`, `emergency` or `chat`\nhelp: write `escalation: [...]`, `emergency: [...]` and, if the team has one, `chat: \"#channel\"`")
        })?;
        stream
            .parse::<Token![:]>()
            .map_err(|e| syn::Error::new(e.span(), format!("expected `:` after `{key}`\nhelp: write `{key}: ...`")))?;
        let name = key.to_string();
        let given_twice = match name.as_str() {
            "escalation" => input.escalation.replace(list(stream, "Escalation", level)?).is_some(),
            "emergency" => input.emergency.replace(list(stream, "Emergency", call)?).is_some(),
            "chat" => input.chat.replace(stream.parse()?).is_some(),
            other => {
                let help = match suggest::nearest(other, KEYS) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the keys are `escalation`, `emergency` and `chat`".into(),
                };
                cx.error(key.span(), format!("unknown key `{other}` in the contacts"), help);
                // Skip its value, so that the keys after it are still read.
                skip_value(stream)?;
                false
            }
        };
        if given_twice {
            cx.error(
                key.span(),
                format!("`{name}:` is given twice"),
                "write each key once: one list holds every entry",
            );
        }
        if stream.is_empty() {
            break;
        }
        stream.parse::<Token![,]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `,` after the value of `{name}`\nhelp: end each entry with `,`"),
            )
        })?;
    }
    Ok(input)
}

/// The tokens of one value, up to the next `,` at this level.
fn skip_value(stream: ParseStream) -> syn::Result<()> {
    while !stream.is_empty() && !stream.peek(Token![,]) {
        stream.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

/// `[Name { ... }, ...]`, with an optional `&` as `Contacts::new` takes it.
fn list<T>(stream: ParseStream, name: &str, entry: fn(ParseStream, Span) -> syn::Result<T>) -> syn::Result<List<T>> {
    let _ = stream.parse::<Option<Token![&]>>()?;
    let content;
    let bracket = bracketed!(content in stream);
    let mut items = Vec::new();
    while !content.is_empty() {
        let path: syn::Path = content.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `{name} {{ ... }}`\nhelp: write each entry as {}", example(name)),
            )
        })?;
        let written = path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if written != name {
            return Err(syn::Error::new_spanned(
                &path,
                format!("expected `{name} {{ ... }}`, found `{written}`\nhelp: write each entry as {}", example(name)),
            ));
        }
        let fields;
        let brace = braced!(fields in content);
        items.push(entry(&fields, brace.span.join())?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(List { span: bracket.span.join(), items })
}

fn example(name: &str) -> &'static str {
    match name {
        "Escalation" => "`Escalation { level: 1, role: \"L1 support\", email: \"support@example.com\" }`",
        _ => "`Emergency { role: \"On-call\", phone: \"+81-3-5555-0100\" }`",
    }
}

/// The fields of one entry, by name: each once, all of `names`, nothing else.
fn fields(stream: ParseStream, names: &[&str], at: Span, what: &str) -> syn::Result<Vec<syn::Lit>> {
    let mut found: Vec<Option<syn::Lit>> = names.iter().map(|_| None).collect();
    while !stream.is_empty() {
        let field: Ident = stream.parse()?;
        stream.parse::<Token![:]>()?;
        let value: syn::Lit = stream.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!(
                    "expected a literal for `{field}`\nhelp: contacts are written out: `{field}: {}`",
                    sample(&field.to_string())
                ),
            )
        })?;
        let name = field.to_string();
        match names.iter().position(|n| *n == name) {
            Some(i) if found[i].is_some() => {
                return Err(syn::Error::new(field.span(), format!("`{name}` is given twice\nhelp: write it once")))
            }
            Some(i) => found[i] = Some(value),
            None => {
                let help = match suggest::nearest(&name, names) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("{what} has the fields {}", list_names(names)),
                };
                return Err(syn::Error::new(field.span(), format!("{what} has no field `{name}`\nhelp: {help}")));
            }
        }
        if stream.is_empty() {
            break;
        }
        stream.parse::<Token![,]>()?;
    }
    let missing: Vec<&str> = names.iter().zip(&found).filter(|(_, f)| f.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        let add: Vec<String> = missing.iter().map(|m| format!("{m}: {}", sample(m))).collect();
        return Err(syn::Error::new(
            at,
            format!("{what} has no {}\nhelp: add `{}`", list_names(&missing), add.join(", ")),
        ));
    }
    Ok(found.into_iter().flatten().collect())
}

fn list_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

fn sample(field: &str) -> &'static str {
    match field {
        "level" => "1",
        "email" => "\"support@example.com\"",
        "phone" => "\"+81-3-5555-0100\"",
        _ => "\"On-call\"",
    }
}

fn level(stream: ParseStream, at: Span) -> syn::Result<Level> {
    let [level, role, email]: [syn::Lit; 3] = fields(stream, &["level", "role", "email"], at, "an escalation level")?
        .try_into()
        .map_err(|_| syn::Error::new(at, "an escalation level has `level`, `role` and `email`"))?;
    Ok(Level { level: int(level, "level")?, role: string(role, "role")?, email: string(email, "email")? })
}

fn call(stream: ParseStream, at: Span) -> syn::Result<Call> {
    let [role, phone]: [syn::Lit; 2] = fields(stream, &["role", "phone"], at, "an emergency contact")?
        .try_into()
        .map_err(|_| syn::Error::new(at, "an emergency contact has `role` and `phone`"))?;
    Ok(Call { role: string(role, "role")?, phone: string(phone, "phone")? })
}

fn string(lit: syn::Lit, field: &str) -> syn::Result<LitStr> {
    match lit {
        syn::Lit::Str(s) => Ok(s),
        other => Err(syn::Error::new(
            other.span(),
            format!("`{field}` is a string\nhelp: write it in quotes: `{field}: {}`", sample(field)),
        )),
    }
}

fn int(lit: syn::Lit, field: &str) -> syn::Result<LitInt> {
    match lit {
        syn::Lit::Int(i) => Ok(i),
        other => Err(syn::Error::new(
            other.span(),
            format!("`{field}` is a number: 1 for the first level, 2 for the next\nhelp: write `{field}: 1`"),
        )),
    }
}
