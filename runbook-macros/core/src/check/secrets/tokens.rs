//! Secrets recognised by their shape alone: provider key formats, chat
//! webhook URLs, bot tokens, JSON Web Tokens and `Authorization` headers.

use super::placeholder;

/// Well-known token formats: a prefix, then at least so many letters,
/// digits, `_` or `-`.
const TOKENS: &[(&str, usize, &str)] = &[
    ("AKIA", 16, "an AWS access key id"),
    ("ASIA", 16, "an AWS access key id"),
    ("AIza", 35, "a Google API key"),
    ("ghp_", 36, "a GitHub token"),
    ("gho_", 36, "a GitHub token"),
    ("ghu_", 36, "a GitHub token"),
    ("ghs_", 36, "a GitHub token"),
    ("ghr_", 36, "a GitHub token"),
    ("github_pat_", 30, "a GitHub token"),
    ("glpat-", 20, "a GitLab token"),
    ("glptt-", 20, "a GitLab token"),
    ("xoxb-", 20, "a Slack token"),
    ("xoxp-", 20, "a Slack token"),
    ("xoxa-", 20, "a Slack token"),
    ("xoxr-", 20, "a Slack token"),
    ("xapp-", 20, "a Slack token"),
    ("sk_live_", 20, "a Stripe secret key"),
    ("rk_live_", 20, "a Stripe secret key"),
    ("sk_test_", 20, "a Stripe secret key"),
    ("rk_test_", 20, "a Stripe secret key"),
    ("hvs.", 24, "a Vault token"),
    ("hvb.", 24, "a Vault token"),
    ("sk-ant-", 32, "an Anthropic API key"),
    ("sk-proj-", 32, "an OpenAI API key"),
    ("sk-", 40, "an OpenAI API key"),
    ("npm_", 36, "an npm token"),
    ("pypi-", 50, "a PyPI token"),
    ("dop_v1_", 60, "a DigitalOcean token"),
    ("hf_", 30, "a Hugging Face token"),
    ("SG.", 20, "a SendGrid API key"),
    ("shpat_", 30, "a Shopify token"),
];

/// For each byte, the formats of `TOKENS` whose prefix starts with it (bit
/// `k` for `TOKENS[k]`): the one look per byte, and only those are compared.
const BY_FIRST: [u64; 256] = {
    assert!(TOKENS.len() <= 64);
    let mut table = [0u64; 256];
    let mut k = 0;
    while k < TOKENS.len() {
        table[TOKENS[k].0.as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    table
};

/// The first format of `TOKENS` (in its order) that `text` holds, where no
/// ASCII letter or digit comes right before the prefix.
pub fn known_token(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let mut best: Option<usize> = None;
    for i in 0..bytes.len() {
        let mut formats = BY_FIRST[usize::from(bytes[i])];
        if formats == 0 || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        while formats != 0 {
            let k = formats.trailing_zeros() as usize;
            formats &= formats - 1;
            // A format found earlier in `TOKENS` wins.
            if best.is_some_and(|b| b <= k) {
                break;
            }
            let (prefix, len, _) = TOKENS[k];
            if !bytes[i..].starts_with(prefix.as_bytes()) {
                continue;
            }
            let body: &[u8] = &bytes[i + prefix.len()..];
            let run = body.iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')).count();
            let token = &text[i + prefix.len()..i + prefix.len() + run];
            if run >= len && !placeholder(token) {
                best = Some(k);
            }
        }
    }
    best.map(|k| TOKENS[k].2)
}

/// Three base64url segments, the first starting `eyJ` (`{"`).
pub fn jwt(text: &str) -> bool {
    // Found by their `J`, which `match_indices(char)` finds with `memchr`.
    text.match_indices('J').filter_map(|(j, _)| j.checked_sub(2).filter(|&i| text[i..].starts_with("eyJ"))).any(|i| {
        let token: String =
            text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
        let parts: Vec<&str> = token.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| p.len() >= 8)
    })
}

/// Chat webhook URLs: whoever holds one can post as the integration.
const WEBHOOKS: &[(&str, &str)] = &[
    ("hooks.slack.com/services/", "a Slack webhook URL"),
    ("hooks.slack.com/workflows/", "a Slack webhook URL"),
    ("hooks.slack.com/triggers/", "a Slack webhook URL"),
    ("discord.com/api/webhooks/", "a Discord webhook URL"),
    ("discordapp.com/api/webhooks/", "a Discord webhook URL"),
    (".webhook.office.com/webhookb2/", "a Microsoft Teams webhook URL"),
    ("outlook.office.com/webhook/", "a Microsoft Teams webhook URL"),
    ("chat.googleapis.com/v1/spaces/", "a Google Chat webhook URL"),
    ("api.telegram.org/bot", "a Telegram bot token"),
    ("oapi.dingtalk.com/robot/send?access_token=", "a DingTalk webhook URL"),
    ("open.feishu.cn/open-apis/bot/v2/hook/", "a Feishu webhook URL"),
];

/// A webhook URL whose secret part is written out.
pub fn webhook(text: &str) -> Option<&'static str> {
    // Every host above holds one of these: most URLs are `http://localhost...`.
    if !["hook", "telegram", "googleapis", "dingtalk"].iter().any(|w| text.contains(w)) {
        return None;
    }
    for (host, what) in WEBHOOKS {
        for (at, _) in text.match_indices(host) {
            let rest = &text[at + host.len()..];
            let secret: &str =
                &rest[..rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`')).unwrap_or(rest.len())];
            let filled = secret.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 8;
            if filled
                && !secret.contains(['$', '{', '<'])
                && !secret.split(['/', '?', '&', '=', ':']).any(placeholder_part)
            {
                return Some(what);
            }
        }
    }
    None
}

/// `YOUR_HOOK`, `<hook>`, `${HOOK}`: a part of a URL that names a hole. A
/// part of `X`s or `0`s is a value, as in a key (see `placeholder`).
fn placeholder_part(part: &str) -> bool {
    !part.is_empty() && placeholder(part)
}

/// Bot tokens without a `Bearer` in front: Telegram's `123456789:AA...` and
/// Discord's three dotted parts starting with `M`, `N` or `O`.
/// `longest_run` is the text's longest run of token characters: a Discord
/// token is one run of 59 or more.
pub fn bot_token(text: &str, longest_run: usize) -> Option<&'static str> {
    let b = text.as_bytes();
    // Telegram: 8-10 digits, `:`, 35 token characters.
    for (colon, _) in text.match_indices(':') {
        let digits = b[..colon].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let start = colon - digits;
        let boundary = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        let tail = b[colon + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-')).count();
        if boundary && (8..=10).contains(&digits) && tail >= 35 && b[colon + 1..].starts_with(b"AA") {
            return Some("a Telegram bot token");
        }
    }
    // Discord: 24-26 characters, `.`, 6, `.`, 27 or more.
    if longest_run < 59 {
        return None;
    }
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))) {
        if word.len() < 59 || word.bytes().filter(|b| *b == b'.').count() != 2 {
            continue;
        }
        let parts: Vec<&str> = word.split('.').collect();
        if parts.len() == 3
            && parts[0].starts_with(['M', 'N', 'O'])
            && (24..=26).contains(&parts[0].len())
            && parts[1].len() == 6
            && parts[2].len() >= 27
            && parts[0].chars().any(|c| c.is_ascii_digit())
        {
            return Some("a Discord bot token");
        }
    }
    None
}

/// `Authorization: Bearer ...`, `Basic ...`, `Bot ...`, `token ...`, and
/// the bare `Bearer ...` of a header built elsewhere.
pub fn auth_header(text: &str) -> Option<&'static str> {
    // Every form holds `bearer` or `authorization`: most texts hold neither.
    // Every form holds `Bearer` or `Authorization` (in one of its usual cases): most texts hold neither.
    if !["earer", "EARER", "uthorization", "UTHORIZATION"].iter().any(|w| text.contains(w)) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    for (scheme, min, what) in [
        ("bearer ", 16, "a bearer token"),
        ("basic ", 8, "a Basic authentication header"),
        ("bot ", 30, "a bot token"),
        ("token ", 20, "a token in an Authorization header"),
    ] {
        for (at, _) in lower.match_indices(scheme) {
            // `Bot` and `token` are words of prose too: only after `Authorization:`.
            let header = lower[..at].trim_end().ends_with("authorization:");
            if !(header || scheme == "bearer ") {
                continue;
            }
            let token: String = text[at + scheme.len()..].chars().take_while(|c| is_token_char(*c)).collect();
            if token.len() >= min && !placeholder(&token) {
                return Some(what);
            }
        }
    }
    None
}

pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}
