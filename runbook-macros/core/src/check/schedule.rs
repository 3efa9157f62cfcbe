//! R12: cron expressions and logrotate directives are valid, so that what the
//! docs tell an operator to install is accepted by cron and logrotate.

use crate::ast::*;
use crate::ctxt::Ctxt;
use crate::parse::unknown;

pub fn cron_and_logrotate(rb: &Runbook, cx: &mut Ctxt) {
    if let Some(m) = &rb.maintenance {
        for t in [&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten() {
            if let Some(c) = &t.cron {
                if let Err((msg, help)) = cron(&c.value) {
                    cx.error(c.span, format!("invalid cron expression `{}`: {msg}", c.value), help);
                }
            }
        }
    }
    if let Some(r) = rb.logs.as_ref().and_then(|l| l.rotate.as_ref()) {
        logrotate(r, cx);
    }
}

const FIELDS: [(&str, u32, u32); 5] =
    [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const SPECIAL: [&str; 8] = ["@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

/// Checks a five-field cron expression: `*`, numbers, names, ranges, steps and lists.
pub fn cron(expr: &str) -> Result<(), (String, String)> {
    let fields: Vec<&str> = expr.split_whitespace().collect();
    if fields.len() == 1 && SPECIAL.contains(&fields[0]) {
        return Ok(());
    }
    // `daily`, `weekly`: a word cron has as a `@` macro.
    if let [word] = fields.as_slice() {
        if let Some(special) = SPECIAL.iter().find(|s| s[1..] == **word) {
            return Err((
                format!("`{word}` is not a schedule cron reads"),
                format!("write `{special}`, or five fields such as `0 3 * * *` (daily at 03:00)"),
            ));
        }
    }
    if fields.len() != 5 {
        let count = match fields.len() {
            1 => "1 field".to_string(),
            n => format!("{n} fields"),
        };
        return Err((
            format!("{count}, cron takes 5"),
            "write minute hour day-of-month month day-of-week, e.g. `0 3 * * *` (daily at 03:00)".into(),
        ));
    }
    for (field, (name, lo, hi)) in fields.iter().zip(FIELDS) {
        for item in field.split(',') {
            cron_item(item, name, lo, hi).map_err(|m| {
                (
                    format!("{name} `{item}`: {m}"),
                    format!("the {name} takes {lo}-{hi}, `*`, ranges `a-b`, steps `*/n` and lists `a,b`"),
                )
            })?;
        }
    }
    Ok(())
}

fn cron_item(item: &str, name: &str, lo: u32, hi: u32) -> Result<(), String> {
    let (range, step) = match item.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (item, None),
    };
    if let Some(step) = step {
        match step.parse::<u32>() {
            Ok(n) if n >= 1 && n <= hi => {}
            _ => return Err(format!("step `{step}` must be a number from 1 to {hi}")),
        }
    }
    if range == "*" {
        return Ok(());
    }
    let value = |s: &str| -> Result<u32, String> {
        let names: &[&str] = match name {
            "month" => &MONTHS,
            "day of week" => &DAYS,
            _ => &[],
        };
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(s)) {
            return Ok(i as u32 + lo);
        }
        match s.parse::<u32>() {
            Ok(v) if (lo..=hi).contains(&v) => Ok(v),
            Ok(v) => Err(format!("{v} is out of range {lo}-{hi}")),
            Err(_) => Err(format!("`{s}` is not a number{}", if names.is_empty() { "" } else { " or a name" })),
        }
    };
    match range.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (value(a)?, value(b)?);
            if a > b {
                return Err(format!("range {a}-{b} runs backwards"));
            }
        }
        None => {
            value(range)?;
        }
    }
    Ok(())
}

/// Directives and how many arguments each takes (min, max).
const DIRECTIVES: &[(&str, usize, usize)] = &[
    ("hourly", 0, 0),
    ("daily", 0, 0),
    ("weekly", 0, 1),
    ("monthly", 0, 0),
    ("yearly", 0, 0),
    ("rotate", 1, 1),
    ("compress", 0, 0),
    ("nocompress", 0, 0),
    ("delaycompress", 0, 0),
    ("nodelaycompress", 0, 0),
    ("notifempty", 0, 0),
    ("ifempty", 0, 0),
    ("missingok", 0, 0),
    ("nomissingok", 0, 0),
    ("sharedscripts", 0, 0),
    ("nosharedscripts", 0, 0),
    ("copytruncate", 0, 0),
    ("nocopytruncate", 0, 0),
    ("copy", 0, 0),
    ("nocopy", 0, 0),
    ("create", 0, 3),
    ("nocreate", 0, 0),
    ("dateext", 0, 0),
    ("nodateext", 0, 0),
    ("dateformat", 1, 1),
    ("dateyesterday", 0, 0),
    ("extension", 1, 1),
    ("maxage", 1, 1),
    ("maxsize", 1, 1),
    ("minsize", 1, 1),
    ("size", 1, 1),
    ("minage", 1, 1),
    ("olddir", 1, 1),
    ("noolddir", 0, 0),
    ("createolddir", 0, 3),
    ("su", 2, 2),
    ("shred", 0, 0),
    ("noshred", 0, 0),
    ("start", 1, 1),
    ("compresscmd", 1, 1),
    ("compressext", 1, 1),
    ("compressoptions", 1, 1),
    ("mail", 1, 1),
    ("nomail", 0, 0),
    ("tabooext", 1, 2),
];

/// Directives that undo each other.
const OPPOSITES: &[(&str, &str)] = &[
    ("compress", "nocompress"),
    ("delaycompress", "nodelaycompress"),
    ("ifempty", "notifempty"),
    ("missingok", "nomissingok"),
    ("sharedscripts", "nosharedscripts"),
    ("copytruncate", "nocopytruncate"),
    ("copy", "nocopy"),
    ("create", "nocreate"),
    ("dateext", "nodateext"),
    ("olddir", "noolddir"),
    ("shred", "noshred"),
    ("mail", "nomail"),
];

const FREQUENCIES: &[&str] = &["hourly", "daily", "weekly", "monthly", "yearly"];

fn logrotate(r: &RotateDef, cx: &mut Ctxt) {
    let names: Vec<&str> = DIRECTIVES.iter().map(|d| d.0).collect();
    let mut frequency: Option<&Name> = None;
    let mut seen: Vec<&str> = Vec::new();
    for (name, args) in &r.options {
        let Some((_, min, max)) = DIRECTIVES.iter().find(|d| d.0 == name.value) else {
            // Words for how many old logs to keep, from other tools' settings.
            match name.value.as_str() {
                "keep" | "retain" | "retention" | "count" | "backups" => cx.error(
                    name.span,
                    format!("unknown logrotate directive `{}`", name.value),
                    "logrotate keeps N old logs with `rotate N;` (and deletes older ones with `maxage DAYS;`)",
                ),
                _ => cx.push(unknown(name, "logrotate directive", &names)),
            }
            continue;
        };
        if args.len() < *min || args.len() > *max {
            let takes = if min == max { format!("{min}") } else { format!("{min} to {max}") };
            cx.error(
                name.span,
                format!("`{}` takes {takes} argument(s), found {}", name.value, args.len()),
                "see `man logrotate`; e.g. `rotate 30;`, `create 0640 app app;`",
            );
            continue;
        }
        if seen.contains(&name.value.as_str()) {
            cx.error(name.span, format!("duplicate logrotate directive `{}`", name.value), "keep one");
        }
        seen.push(&name.value);
        let opposite = OPPOSITES.iter().find_map(|(a, b)| match name.value.as_str() {
            n if n == *a && seen.contains(b) => Some(*b),
            n if n == *b && seen.contains(a) => Some(*a),
            _ => None,
        });
        if let Some(opposite) = opposite {
            cx.error(name.span, format!("`{}` contradicts `{opposite}`", name.value), "keep one of the two");
        }
        if FREQUENCIES.contains(&name.value.as_str()) {
            if let Some(first) = frequency {
                cx.error(
                    name.span,
                    format!("two rotation frequencies: `{}` and `{}`", first.value, name.value),
                    "keep one",
                );
            }
            frequency = Some(name);
        }
        let number = |a: &String| a.parse::<u64>().is_ok();
        match name.value.as_str() {
            "rotate" | "maxage" | "minage" | "start" if !number(&args[0]) => {
                cx.error(
                    name.span,
                    format!("`{}` takes a whole number, found `{}`", name.value, args[0]),
                    format!("e.g. `{} 30;`", name.value),
                );
            }
            "size" | "maxsize" | "minsize" if !size(&args[0]) => {
                cx.error(
                    name.span,
                    format!("`{}` takes a size such as `100M`, found `{}`", name.value, args[0]),
                    "write bytes, or a number with k, M or G",
                );
            }
            // The mode is optional: `create app app` sets only owner and group.
            "create" | "createolddir"
                if args.first().is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()) && !mode(a)) =>
            {
                cx.error(
                    name.span,
                    format!("`{}` mode `{}` is not an octal file mode", name.value, args[0]),
                    "write e.g. `create 0640 app app;`",
                );
            }
            _ => {}
        }
    }
}

fn size(s: &str) -> bool {
    let digits = s.trim_end_matches(['k', 'K', 'M', 'G']);
    !digits.is_empty() && digits.len() + 1 >= s.len() && digits.parse::<u64>().is_ok()
}

fn mode(s: &str) -> bool {
    (3..=4).contains(&s.len()) && s.chars().all(|c| ('0'..='7').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::cron;

    #[test]
    fn accepts_valid_cron() {
        for ok in ["0 3 * * *", "*/15 * * * *", "0 9-17/2 * * mon-fri", "47 6 * * 7", "0 0 1 jan,jul *", "@daily"] {
            assert!(cron(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_invalid_cron() {
        for bad in [
            "0 3 * *",
            "60 * * * *",
            "0 24 * * *",
            "0 0 0 * *",
            "0 0 * 13 *",
            "0 0 * * 8",
            "*/0 * * * *",
            "5-1 * * * *",
            "0 0 * * funday",
        ] {
            assert!(cron(bad).is_err(), "{bad}");
        }
    }
}
