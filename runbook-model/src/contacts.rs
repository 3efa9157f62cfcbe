//! R9's rules for contacts, as `const fn`s over bytes, defined once: the
//! `contacts!` macro runs them on each literal at expansion, and
//! `runbook_dsl::Contacts::new` runs them in const evaluation.

/// A message built at compile time: a fixed buffer, filled up to its size.
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    buf: [u8; 512],
    len: usize,
}

impl Msg {
    pub const fn new() -> Msg {
        Msg { buf: [0; 512], len: 0 }
    }

    pub const fn bytes(&self) -> &[u8] {
        let (head, _) = self.buf.split_at(self.len);
        head
    }

    pub const fn text(self, s: &str) -> Msg {
        self.bytes_whole(s.as_bytes())
    }

    /// Appends `s` whole, or nothing when it does not fit: never half a character.
    pub const fn bytes_whole(mut self, s: &[u8]) -> Msg {
        if self.len + s.len() > self.buf.len() {
            return self;
        }
        let mut i = 0;
        while i < s.len() {
            self.buf[self.len] = s[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    pub const fn number(self, n: usize) -> Msg {
        let mut digits = [0u8; 20];
        let (mut n, mut len) = (n, 0);
        loop {
            digits[19 - len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let (_, tail) = digits.split_at(20 - len);
        self.bytes_whole(tail)
    }

    pub const fn push(self, b: u8) -> Msg {
        self.bytes_whole(&[b])
    }
}

impl Default for Msg {
    fn default() -> Msg {
        Msg::new()
    }
}

/// Empty or only white space: a role nobody can be asked for.
pub const fn blank(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_whitespace() {
            return false;
        }
        i += 1;
    }
    true
}

/// `local@domain.tld` that a mail client accepts and that cannot break the
/// Markdown it is rendered into: see `email_problem`.
pub const fn email(s: &[u8]) -> bool {
    email_problem(s).is_none()
}

/// A byte an address may hold in its local part: letters, digits and
/// `.+-_%!#$&*/=?^{}~`. Not `(`, `)`, `<`, `>`, `[`, `]`, `|`, `:`, quotes,
/// backticks, backslashes, spaces or control characters, which could close
/// a Markdown link or table cell or make the link a `javascript:` one.
const fn local_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'.' | b'+'
                | b'-'
                | b'_'
                | b'%'
                | b'!'
                | b'#'
                | b'$'
                | b'&'
                | b'*'
                | b'/'
                | b'='
                | b'?'
                | b'^'
                | b'{'
                | b'}'
                | b'~'
        )
}

/// What is wrong with an address, if anything.
pub const fn email_problem(s: &[u8]) -> Option<&'static str> {
    if s.is_empty() {
        return Some("it is empty");
    }
    if s.len() > 254 {
        return Some("it is longer than 254 characters");
    }
    let mut at = usize::MAX;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == b'@' {
            if at != usize::MAX {
                return Some("it has more than one `@`");
            }
            at = i;
        } else if c == b' ' || c == b'\t' {
            return Some("it has a space");
        } else if c < 0x20 || c == 0x7f {
            return Some("it has a control character");
        } else if c >= 0x80 {
            return Some("it has a non-ASCII character");
        } else if (at == usize::MAX && !local_byte(c))
            || (at != usize::MAX && !(c.is_ascii_alphanumeric() || c == b'-' || c == b'.'))
        {
            return Some(bad_char(c));
        }
        i += 1;
    }
    if at == usize::MAX {
        return Some("it has no `@`");
    }
    if at == 0 {
        return Some("nothing comes before the `@`");
    }
    if s[0] == b'.' || s[at - 1] == b'.' {
        return Some("its name starts or ends with `.`");
    }
    if at + 1 >= s.len() {
        return Some("no domain comes after the `@`");
    }
    // The domain: labels of letters, digits and `-`, a dot between each, at least two labels.
    let mut dots = 0;
    let mut label_start = at + 1;
    let mut j = at + 1;
    while j <= s.len() {
        if j == s.len() || s[j] == b'.' {
            let len = j - label_start;
            if len == 0 {
                return Some("its domain has an empty part (`..` or a `.` at an end)");
            }
            if s[label_start] == b'-' || s[j - 1] == b'-' {
                return Some("a part of its domain starts or ends with `-`");
            }
            if j < s.len() {
                dots += 1;
            }
            label_start = j + 1;
        }
        j += 1;
    }
    let mut k = 1;
    while k < at {
        if s[k] == b'.' && s[k - 1] == b'.' {
            return Some("its name has `..`");
        }
        k += 1;
    }
    if dots == 0 {
        return Some("its domain has no `.`");
    }
    None
}

const fn bad_char(c: u8) -> &'static str {
    match c {
        b'(' | b')' => "`(` and `)` are not allowed",
        b'<' | b'>' => "`<` and `>` are not allowed",
        b'[' | b']' => "`[` and `]` are not allowed",
        b'"' | b'\'' | b'`' => "quotes are not allowed",
        b'\\' => "`\\` is not allowed",
        b':' => "`:` is not allowed",
        b'|' => "`|` is not allowed",
        b',' | b';' => "it lists more than one address",
        _ => "it has a character addresses do not hold",
    }
}

/// The address a common mistake meant: `a(at)b.com`, `a [at] b [dot] com`,
/// `Name <a@b.com>`, `mailto:a@b.com`, or the address with spaces and
/// quotes removed. Empty when nothing is left.
pub const fn meant_email(s: &[u8]) -> Msg {
    // Inside `<...>`, if there is one.
    let (mut from, mut to) = (0, s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'<' {
            from = i + 1;
        } else if s[i] == b'>' && i >= from {
            to = i;
        }
        i += 1;
    }
    if starts_with_at(s, from, b"mailto:") {
        from += 7;
    }
    let mut m = Msg::new();
    let mut i = from;
    while i < to {
        let word = replacement(s, i, to);
        if word.1 > 0 {
            m = m.push(word.0);
            i += word.1;
            continue;
        }
        let c = s[i];
        if !matches!(c, b' ' | b'\t' | b'"' | b'\'' | b'`') {
            m = m.push(c);
        }
        i += 1;
    }
    m
}

/// `(at)`, `[at]`, ` at `, `(dot)`, `[dot]`, ` dot ` at `i`: the byte it
/// stands for and its length.
const fn replacement(s: &[u8], i: usize, to: usize) -> (u8, usize) {
    const FORMS: [(&[u8], u8); 8] = [
        (b"(at)", b'@'),
        (b"[at]", b'@'),
        (b" at ", b'@'),
        (b"(dot)", b'.'),
        (b"[dot]", b'.'),
        (b" dot ", b'.'),
        (b" (at) ", b'@'),
        (b" [at] ", b'@'),
    ];
    let mut k = FORMS.len();
    // The longer forms first.
    while k > 0 {
        k -= 1;
        let (form, b) = FORMS[k];
        if i + form.len() <= to && starts_with_at(s, i, form) {
            return (b, form.len());
        }
    }
    (0, 0)
}

const fn starts_with_at(s: &[u8], at: usize, prefix: &[u8]) -> bool {
    if at + prefix.len() > s.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if s[at + i].to_ascii_lowercase() != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The number up to its first letter, without the separators before it, and the rest.
pub const fn before_letters(s: &[u8]) -> (&[u8], &[u8]) {
    let mut end = 0;
    while end < s.len() && !s[end].is_ascii_alphabetic() {
        end += 1;
    }
    let (head, rest) = s.split_at(end);
    let mut cut = head.len();
    while cut > 0 && matches!(head[cut - 1], b' ' | b'-' | b',' | b'(') {
        cut -= 1;
    }
    let (number, _) = head.split_at(cut);
    (number, rest)
}

/// `+81-3-5555-0100`: an optional leading `+`, then digits, spaces, `-`, `(`, `)`; 7 to 15 digits.
pub const fn phone(s: &[u8]) -> bool {
    phone_problem(s).is_none()
}

pub const fn phone_problem(s: &[u8]) -> Option<&'static str> {
    let mut digits = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_digit() {
            digits += 1;
        } else if c == b'+' && i > 0 {
            return Some("`+` may only come first");
        } else if c.is_ascii_alphabetic() {
            return Some("it has letters (write an extension in the role, not the number)");
        } else if !(c == b'-' || c == b' ' || c == b'(' || c == b')' || c == b'+') {
            return Some("only digits, spaces, `-`, `(`, `)` and a leading `+` are allowed");
        }
        i += 1;
    }
    if digits < 7 {
        return Some("it has fewer than 7 digits");
    }
    if digits > 15 {
        return Some("it has more than 15 digits");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{email, email_problem, meant_email, phone, phone_problem, Msg};

    #[test]
    fn emails() {
        for ok in ["support@example.com", "on-call+db@ops.example.co.jp", "a.b_c%d@x-y.io"] {
            assert!(email(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "support",
            "@example.com",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "a@.com",
            "a@b.",
            "a..b@c.com",
            "support(at)example.com",
            "Ops <ops@example.com>",
            "ops@example.com)",
            "[ops](javascript:alert(1))@x.com",
            "mailto:ops@example.com",
            "\"ops\"@example.com",
            "ops\\@example.com",
            "ops@exa mple.com",
            "ops@-example.com",
            "ops|l2@example.com",
            "ops@example.com, dba@example.com",
            "opś@example.com",
            "ops@example.com\n",
        ] {
            assert!(!email(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn each_problem_is_named() {
        assert_eq!(email_problem(b"a(at)b.com"), Some("`(` and `)` are not allowed"));
        assert_eq!(email_problem(b"a@b"), Some("its domain has no `.`"));
        assert_eq!(email_problem(b"a@b.com;c@d.com"), Some("it lists more than one address"));
        assert_eq!(phone_problem(b"123"), Some("it has fewer than 7 digits"));
        assert!(phone_problem(b"+81 3 5555 0100 ext 2").is_some_and(|p| p.contains("letters")));
    }

    #[test]
    fn the_address_meant() {
        let meant = |s: &str| String::from_utf8(meant_email(s.as_bytes()).bytes().to_vec()).unwrap_or_default();
        assert_eq!(meant("support(at)example.com"), "support@example.com");
        assert_eq!(meant("support [at] example [dot] com"), "support@example.com");
        assert_eq!(meant("Ops Team <ops@example.com>"), "ops@example.com");
        assert_eq!(meant("mailto:ops@example.com"), "ops@example.com");
        assert_eq!(meant("\"ops\"@example.com"), "ops@example.com");
    }

    #[test]
    fn the_number_before_an_extension() {
        assert_eq!(super::before_letters(b"+81 3 5555 0100 ext 12"), (&b"+81 3 5555 0100"[..], &b"ext 12"[..]));
        assert_eq!(super::before_letters(b"+81-3-5555-0100"), (&b"+81-3-5555-0100"[..], &b""[..]));
    }

    #[test]
    fn messages_are_built_at_compile_time() {
        const M: Msg = Msg::new().text("level ").number(12).text(" and ").number(0);
        assert_eq!(M.bytes(), b"level 12 and 0");
    }

    #[test]
    fn phones() {
        assert!(phone(b"+81-3-5555-0100"));
        assert!(phone(b"(03) 5555 0100"));
        for bad in ["+81-XX-XXXX-XXXX", "123", "+81 3 5555 0100 ext 2", "1+2345678", "+1234567890123456"] {
            assert!(!phone(bad.as_bytes()), "{bad}");
        }
    }
}
