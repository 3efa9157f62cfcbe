//! The generated Markdown, read back by a real CommonMark/GFM parser
//! (pulldown-cmark): its structure equals the model, for the shipped runbooks
//! and for an adversarial runbook whose strings hold pipes, backtick runs,
//! HTML, list and heading markers, line breaks, CJK and emoji. And every
//! relative link and anchor of every document resolves.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use runbook_dsl::{runbook, Checklist, Contacts, Document, Emergency, Escalation, LogSource, Runbook, Symptom};

#[path = "shapes/alertmanager.rs"]
mod alertmanager;
#[path = "shapes/cluster.rs"]
mod cluster;
#[path = "shapes/etcd_vms.rs"]
mod etcd_vms;
#[path = "leftover.rs"]
mod leftover;
#[path = "shapes/regions.rs"]
mod regions;
#[path = "shapes/not_applicable.rs"]
mod shapes;

const ODD: &str = "a|b `x` ``` ```` <script>alert(1)</script> # - 1. 日本語 🚒";

const ODD_CONTACTS: Contacts = Contacts::new(
    &[Escalation { level: 1, role: "L1 | 一次対応 🚒 `x`", email: "support@example.com" }],
    &[Emergency { role: "<b>on-call</b> | ☎", phone: "+81-3-5555-0100" }],
)
.with_chat("#ops | 運用");

const ODD_CHECKLIST: Checklist = Checklist {
    title: "# Checks | 確認 `x`",
    items: &["- not a list", "1. not a list", "<script>x</script>", "a|b ```` c"],
};

/// Every string field holds Markdown and HTML syntax; the macro's rules still pass.
const ODD_RUNBOOK: Runbook = runbook! {
    feature: odd_strings,
    title: "Odd | `Title` ``` ```` <script>alert(1)</script> 日本語 🚒",
    owner: "- team | <i>x</i>",
    updated: 2026-11-01,
    version: "1. | `v`",
    lang: en,
    summary: "# not a heading
- not a list
1. not a list | `x` ```` 🚒",
    vars { odd = "a|b `x` ``` ```` <script>alert(1)</script> # - 1. 日本語 🚒", root = "/srv/odd" }
    environments {
        production "Prod | `p` 🚒" { unit = "odd" }
        staging "# Staging
line" { unit = "odd-staging" }
    }
    members {
        nodes {
            n1 "Node | `1` <b>x</b> 🚒" { host = "n1.example.com" }
            n2 "# Node 2 ```" { host = "n2.example.com" }
        }
    }
    architecture {
        client { name: "Client | `c`", link: "HTTPS | <b>" }
        app { name: "- App ```` 🚒", kind: "App | Server", version: "1. `v`", role: "<script>x</script> 日本語" }
        cache { name: "Cache |", kind: "# Cache", version: "7", optional }
    }
    deploy {
        precheck { "# Disk | `df` ``` 🚒" => "df -h {root} | tail -n 1" }
        execute { "- Restart
twice" => "sudo systemctl restart {unit}" "echo '{odd}'" }
        verify { "1. Health <b>" => "curl -f http://localhost:8080/health | grep -c ok" }
    }
    service {
        start => "sudo systemctl start {unit}",
        stop => "sudo systemctl stop {unit}",
        restart => { production "graceful | `g`" => "sudo systemctl reload {unit}", staging => "sudo systemctl restart {unit}" },
        status => "sudo systemctl status {unit} | cat",
    }
    monitoring {
        system "# System | `s` 🚒" {
            cpu "CPU | `%` ``` <script>": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
            free "- Free
disk": normal > 20%, warning 10%..20%, critical < 10%;
        }
    }
    backup { "Backup | ```` 🚒" => "tar -czf /backups/odd.tar.gz {root} && echo '````'" }
    restore { "Restore <script>" => danger("# wipes | `data` 🚒
second line") "rm -rf {root}/data" "tar -xzf /backups/odd.tar.gz -C /" }
    logs {
        app "Log | `l`": "/var/log/odd|x.log", " 1. purpose | <b> 🚒 ";
        pod "Pod | `p` 🚒": kubectl "deployment/odd -c app -n {unit}|ns", "- output | <b>";
        logrotate "/etc/logrotate.d/odd" for "/var/log/odd*.log" { daily; rotate 7; }
    }
    maintenance {
        daily { disk "Disk | `d`" cron("0 3 * * *") => "df -h" }
        weekly { errors "- Errors ```" => "grep -c error /var/log/odd.log" }
        monthly { certs "1. Certs 🚒" => "openssl x509 -in /etc/ssl/odd.pem -noout -enddate" }
    }
    alerts {
        high_cpu "High | CPU `x` <script>": P1, respond 1h, by "- SRE | 🚒", when cpu critical, see high_cpu;
    }
    troubleshooting {
        high_cpu "# High | CPU ```` 🚒" {
            symptom { "- CPU | high", output "```
a|b ```` <script>" }
            causes { "1. loop | `x`", "<script>alert(1)</script>" }
            diagnose {
                "Top | `t`" => "top -b -n 1 | head -n 5",
                each(nodes) {
                    "Look | at the node" => "ssh {host} systemctl status {unit}",
                    "Its log ```" => "ssh {host} journalctl -u {unit} -n 20",
                }
            }
            remedy {
                "Restart ```" => "sudo systemctl restart {unit}",
                "Restart each | node" => each(nodes) "ssh {host} sudo systemctl restart {unit}",
                // Once, the same everywhere, after a per-member step that differs per environment.
                "Health | once" => "curl -fsS http://localhost:8080/health",
            }
        }
    }
    checklist: ODD_CHECKLIST,
    contacts: ODD_CONTACTS,
};

/// What the parser saw in one document.
#[derive(Debug, Default)]
struct Parsed {
    headings: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
    code: Vec<(String, String)>,
    /// For each of `code`, the `<summary>` of the `<details>` it stands in
    /// ("Environment: Staging"); `None` outside every `<details>`.
    code_env: Vec<Option<String>>,
    /// For each code block, the last line that says whom it runs on since
    /// the last heading ("Member: etcd-1", "Once (not per member)"), if any.
    code_after: Vec<String>,
    links: Vec<String>,
    anchors: BTreeSet<String>,
    list_items: Vec<String>,
    /// Paragraphs outside lists and tables, each with the heading it stands under.
    paragraphs: Vec<(String, String)>,
}

/// Inline text with `<br>` read back as a line break; other inline HTML left out.
fn parse(markdown: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut text: Option<String> = None;
    let mut code: Option<(String, String)> = None;
    let mut row: Vec<String> = Vec::new();
    let mut para: Option<String> = None;
    let mut details: Option<String> = None;
    // Whom the blocks since the last heading run on.
    let mut on = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell | Tag::Item) => text = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                p.headings.extend(text.take());
                on.clear();
            }
            Event::Start(Tag::Paragraph) if text.is_none() => para = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(t) = para.take() {
                    const ON: [&str; 4] = ["Member: ", "メンバー: ", "Once (not per member)", "1 回だけ実行"];
                    if ON.iter().any(|m| t.starts_with(m)) {
                        on = t.clone();
                    }
                    p.paragraphs.push((p.headings.last().cloned().unwrap_or_default(), t));
                }
            }
            Event::End(TagEnd::Item) => p.list_items.extend(text.take()),
            Event::Start(Tag::Table(_)) => p.tables.push(Vec::new()),
            Event::End(TagEnd::TableCell) => row.extend(text.take()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(t) = p.tables.last_mut() {
                    t.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(i) => i.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
                p.code_after.push(on.clone());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(c) = code.take() {
                    p.code.push(c);
                    p.code_env.push(details.clone());
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => p.links.push(dest_url.to_string()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = code.as_mut() {
                    c.1.push_str(&t);
                } else if let Some(s) = text.as_mut() {
                    s.push_str(&t);
                } else if let Some(s) = para.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::Html(h) if h.trim_end() == "</details>" => details = None,
            Event::Html(h) if h.starts_with("<details") => {
                let inner = h.trim_end().split_once("<summary>").and_then(|(_, r)| r.strip_suffix("</summary>"));
                details = inner.map(unescape_html);
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some(id) = h.strip_prefix("<a id=\"").and_then(|r| r.split('"').next()) {
                    p.anchors.insert(id.to_string());
                } else if &*h == "<br>" {
                    if let Some(s) = text.as_mut() {
                        s.push('\n');
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(s) = text.as_mut() {
                    s.push('\n');
                }
            }
            _ => {}
        }
    }
    p
}

/// HTML character data as text: what the renderer's `<summary>` escapes.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The structure of the three documents equals the model.
fn assert_structure(compiled: &Runbook) {
    let [ops, ts, maint] = runbook_dsl::documents(compiled).map(|d| parse(&d.contents));
    let rb = compiled.model();
    let name = rb.feature;

    // Headings carry the model's text exactly (line breaks included).
    assert!(ops.headings[0].starts_with(rb.title), "{name}: title heading {:?}", ops.headings[0]);
    for (i, g) in rb.monitoring.iter().enumerate() {
        let want = format!("5.{} {}", i + 1, g.title);
        assert!(ops.headings.contains(&want), "{name}: heading {want:?} in {:?}", ops.headings);
    }
    for (i, e) in rb.troubleshooting.iter().enumerate() {
        let want = format!("{}. {}", i + 1, e.title);
        assert!(ts.headings.contains(&want), "{name}: heading {want:?} in {:?}", ts.headings);
    }
    assert!(ts.headings.contains(&rb.checklist.title.to_string()) || rb.checklist.items.is_empty());

    // Tables: one row per metric, log file, alert and task, cells as written.
    let metric_tables: Vec<&Vec<Vec<String>>> = ops.tables.iter().take(rb.monitoring.len()).collect();
    for (g, table) in rb.monitoring.iter().zip(metric_tables) {
        assert_eq!(table.len(), g.metrics.len() + 1, "{name}: rows of {}", g.title);
        for (m, row) in g.metrics.iter().zip(&table[1..]) {
            assert_eq!(row.len(), 4, "{name}: columns of {}", m.title);
            assert_eq!(row[0], m.title, "{name}: metric cell");
        }
    }
    // Log files declared not applicable have no table.
    let log_tables = usize::from(rb.not_applicable.log_files.is_none());
    if log_tables == 1 {
        let logs = &ops.tables[rb.monitoring.len()];
        assert_eq!(logs.len(), rb.logs.sources.len() + 1);
        for (f, row) in rb.logs.sources.iter().zip(&logs[1..]) {
            // The source as written, after its kind; the command that reads it.
            let source = match f.source {
                LogSource::File(path) => path.to_string(),
                LogSource::Journald(unit) => format!("journald: {unit}"),
                LogSource::Container(target) => {
                    format!("{}: {target}", if rb.lang == runbook_dsl::Lang::Ja { "コンテナ" } else { "container" })
                }
            };
            // A source that differs per environment is one row each, named.
            let title = match (f.env, rb.lang) {
                (Some(e), runbook_dsl::Lang::Ja) => format!("{}（{}）", f.title, e.label),
                (Some(e), runbook_dsl::Lang::En) => format!("{} · {}", f.title, e.label),
                (None, _) => f.title.to_string(),
            };
            let want = vec![title, source, f.source.read_command(), f.purpose.to_string()];
            assert_eq!(row, &want, "{name}: log row");
        }
    }
    let alerts = &ops.tables[rb.monitoring.len() + log_tables];
    assert_eq!(alerts.len(), rb.alerts.len() + 1);
    for (a, row) in rb.alerts.iter().zip(&alerts[1..]) {
        assert_eq!(row.len(), 6);
        assert_eq!(row[0], a.name, "{name}: alert name cell");
        assert_eq!(row[3], rb.responder(a), "{name}: responder cell");
    }
    let schedule = &maint.tables[0];
    let tasks: Vec<_> =
        rb.maintenance.daily.iter().chain(rb.maintenance.weekly).chain(rb.maintenance.monthly).collect();
    assert_eq!(schedule.len(), tasks.len() + 1);
    for (t, row) in tasks.iter().zip(&schedule[1..]) {
        assert_eq!(row.len(), 5);
        assert_eq!(row[0], t.title, "{name}: task cell");
        assert_eq!(row[4], t.owner, "{name}: owner cell");
    }

    // Every command is in a `bash` block, exactly as substituted; a command
    // of one environment stands in that environment's `<details>` (or, with
    // a single environment, outside any), a command the same everywhere
    // outside every `<details>`.
    let blocks: Vec<(&str, Option<&str>)> = [&ops, &ts, &maint]
        .iter()
        .flat_map(|d| d.code.iter().zip(&d.code_env))
        .filter(|((i, _), _)| i == "bash")
        .map(|((_, c), env)| (c.as_str(), env.as_deref()))
        .collect();
    let bash: Vec<&str> = blocks.iter().map(|(c, _)| *c).collect();
    let environment = if rb.lang == runbook_dsl::Lang::Ja { "対象環境" } else { "Environment" };
    let one_env = rb.environments.len() == 1;
    // Every command the walk yields, each environment's variant included;
    // postrotate commands sit indented inside the logrotate policy.
    for c in runbook_dsl::walk::commands(&rb.spec) {
        let indented = c.place.section == runbook_dsl::walk::Section::Logs;
        let line = |l: &str| if indented { l.trim_start().to_string() } else { l.to_string() };
        let want_env =
            c.env.filter(|_| !one_env).map(|e| format!("{environment}: {}", e.label.replace(['\r', '\n'], " ")));
        let holds = |b: &str| {
            b.lines().map(line).collect::<Vec<_>>().windows(c.text.lines().count()).any(|w| w.join("\n") == c.text)
        };
        assert!(
            blocks.iter().any(|(b, env)| holds(b) && *env == want_env.as_deref()),
            "{name}: command of {} not in a bash block under {want_env:?}: {:?}",
            c.place.path(),
            c.text
        );
    }
    // No block mixes environments: a block of one environment holds no line
    // that is another environment's command and not one of its own.
    let commands = runbook_dsl::walk::commands(&rb.spec);
    let label = |e: Option<runbook_dsl::EnvLabel>| {
        e.filter(|_| !one_env).map(|e| format!("{environment}: {}", e.label.replace(['\r', '\n'], " ")))
    };
    for (b, env) in blocks.iter().filter(|(_, env)| env.is_some()) {
        let own = |text: &str| commands.iter().any(|d| d.text == text && label(d.env).as_deref() == *env);
        for c in commands.iter().filter(|c| c.env.is_some() && label(c.env).as_deref() != *env) {
            if !c.text.contains('\n') && !own(c.text) {
                assert!(
                    !b.lines().any(|l| l == c.text),
                    "{name}: {:?} of {:?} in a block of {env:?}",
                    c.text,
                    label(c.env)
                );
            }
        }
    }
    // Steps to read are Markdown, never commands: prose a paragraph, a link a
    // link, a condition a paragraph before the step, expected output a `text` block.
    let paragraphs: Vec<&str> =
        ops.paragraphs.iter().chain(&ts.paragraphs).chain(&maint.paragraphs).map(|(_, p)| p.as_str()).collect();
    let links: Vec<&str> = ops.links.iter().chain(&ts.links).chain(&maint.links).map(String::as_str).collect();
    let text_blocks: Vec<&str> = ops
        .code
        .iter()
        .chain(&ts.code)
        .chain(&maint.code)
        .filter(|(i, _)| i == "text")
        .map(|(_, c)| c.trim_end_matches('\n'))
        .collect();
    for l in runbook_dsl::walk::steps(&rb.spec) {
        let s = l.step;
        for v in s.variants {
            match s.form {
                runbook_dsl::Form::Prose => assert!(
                    paragraphs.iter().any(|p| p.ends_with(&format!("{}: {}", s.title.unwrap_or_default(), v.text))),
                    "{name}: prose {:?} in {paragraphs:?}",
                    v.text
                ),
                runbook_dsl::Form::Link => assert!(links.contains(&v.text), "{name}: link {:?} in {links:?}", v.text),
                runbook_dsl::Form::Command => {}
            }
            if s.form != runbook_dsl::Form::Command {
                assert!(!bash.iter().any(|b| b.contains(v.text)), "{name}: {:?} in a bash block", v.text);
            }
        }
        if let Some(c) = s.condition {
            let want = format!("{}: {c}", if rb.lang == runbook_dsl::Lang::Ja { "条件" } else { "If" });
            assert!(paragraphs.contains(&want.as_str()), "{name}: condition {want:?} in {paragraphs:?}");
        }
        if let Some(e) = s.expect {
            assert!(text_blocks.contains(&e), "{name}: expected output {e:?} in {text_blocks:?}");
            assert!(
                !bash.iter().any(|b| b.lines().any(|line| line == e)),
                "{name}: expected output {e:?} as a command"
            );
        }
    }
    members(compiled, [&ops, &ts, &maint]);
    // Verbatim symptoms are code blocks; causes and checklist items are list items as written.
    for e in rb.troubleshooting {
        for s in e.symptoms {
            match s {
                Symptom::Output(t) => {
                    assert!(ts.code.iter().any(|(_, c)| c.trim_end_matches('\n') == *t), "{name}: output {t:?}")
                }
                Symptom::Observed(t) => assert!(ts.list_items.contains(&t.to_string()), "{name}: symptom {t:?}"),
            }
        }
        for c in e.causes {
            assert!(ts.list_items.contains(&c.to_string()), "{name}: cause {c:?} in {:?}", ts.list_items);
        }
    }
    for item in rb.checklist.items {
        assert!(ts.list_items.iter().any(|i| i == item), "{name}: checklist item {item:?} in {:?}", ts.list_items);
    }
}

/// A per-member step reads back as a line naming its set and members, then
/// one block per member under that member's name, holding that member's
/// command complete and no other member's (nor another environment's).
fn members(compiled: &Runbook, docs: [&Parsed; 3]) {
    let rb = compiled.model();
    let name = rb.feature;
    let ja = rb.lang == runbook_dsl::Lang::Ja;
    let paragraphs: Vec<&str> = docs.iter().flat_map(|d| &d.paragraphs).map(|(_, p)| p.as_str()).collect();
    // (the paragraph before it, its text) of every bash block.
    let blocks: Vec<(&str, &str)> = docs
        .iter()
        .flat_map(|d| d.code.iter().zip(&d.code_after))
        .filter(|((info, _), _)| info == "bash")
        .map(|((_, code), after)| (after.as_str(), code.as_str()))
        .collect();
    let has = |block: &str, text: &str| {
        let lines: Vec<&str> = block.lines().collect();
        lines.windows(text.lines().count()).any(|w| w.join("\n") == text)
    };
    // A command that runs once is never shown under a member's name (a
    // postrotate command is inside the logrotate policy, not a block of its own).
    let once = runbook_dsl::walk::commands(&rb.spec)
        .into_iter()
        .filter(|c| c.member.is_none() && c.place.section != runbook_dsl::walk::Section::Logs);
    for c in once {
        let under: Vec<&str> = blocks.iter().filter(|(_, code)| has(code, c.text)).map(|(after, _)| *after).collect();
        assert!(
            under.iter().any(|after| !after.starts_with(if ja { "メンバー: " } else { "Member: " })),
            "{name}: {:?}, run once, only under {under:?}",
            c.text
        );
    }
    for l in runbook_dsl::walk::steps(&rb.spec) {
        let s = l.step;
        let Some(on) = s.members else {
            assert!(s.variants.iter().all(|v| v.member.is_none()), "{name}: a member on a step that runs once");
            continue;
        };
        let (label, set) = match on {
            runbook_dsl::PerMember::Each(set) => (if ja { "メンバーごとに実行" } else { "For each member of" }, set),
            runbook_dsl::PerMember::On { set, .. } => {
                (if ja { "1 メンバーのみで実行" } else { "On one member of" }, set)
            }
            runbook_dsl::PerMember::InTurn(set) => {
                (if ja { "メンバーごとに順番に実行" } else { "In turn on each member of" }, set)
            }
        };
        let declared = rb.members.iter().find(|m| m.id == set).expect("a declared set");
        let mut names: Vec<&str> = Vec::new();
        for v in s.variants {
            let m = v.member.expect("every variant of a per-member step names its member");
            if !names.contains(&m.label) {
                names.push(m.label);
            }
        }
        if let runbook_dsl::PerMember::Each(_) | runbook_dsl::PerMember::InTurn(_) = on {
            let all: Vec<&str> = declared.members.iter().map(|m| m.label).collect();
            assert_eq!(names, all, "{name}: {} runs on every member", l.place.path());
        }
        let want = format!("{label} {set}: {}", names.join(", "));
        assert!(paragraphs.contains(&want.as_str()), "{name}: {want:?} in {paragraphs:?}");
        for v in s.variants {
            let m = v.member.expect("checked above");
            let heading = format!("{}: {}", if ja { "メンバー" } else { "Member" }, m.label);
            let found: Vec<&str> =
                blocks.iter().filter(|(after, code)| *after == heading && has(code, v.text)).map(|(_, c)| *c).collect();
            assert!(!found.is_empty(), "{name}: {:?} under {heading:?}", v.text);
            for other in s.variants.iter().filter(|o| o.text != v.text) {
                assert!(
                    found.iter().any(|b| !has(b, other.text)),
                    "{name}: {:?} shares its block with {:?}",
                    v.text,
                    other.text
                );
            }
        }
    }
}

#[test]
fn a_cluster_reads_back_per_member() {
    let rb = cluster::ETCD.model();
    let steps = runbook_dsl::walk::steps(&rb.spec);
    assert!(steps.iter().filter(|l| l.step.members.is_some()).count() >= 6);
    // The walk names each per-member command's member, in its place too.
    let commands = runbook_dsl::walk::commands(&rb.spec);
    let defrag: Vec<_> = commands.iter().filter(|c| c.text.ends_with(":2379 defrag")).collect();
    assert_eq!(defrag.len(), 6, "the task's and the remedy's, once per member");
    for c in &defrag {
        let m = c.member.expect("a member");
        assert_eq!(c.place.member, Some(m.label));
        let ip =
            rb.members[0].members.iter().find(|x| x.id == m.id).and_then(|x| x.vars.iter().find(|v| v.name == "ip"));
        assert_eq!(c.text, format!("etcdctl --endpoints https://{}:2379 defrag", ip.expect("an ip").value));
    }
    // A step on one member is there in the walk of steps too.
    assert!(steps.iter().any(|l| l.place.member == Some("etcd-1") && l.place.key == Some("snapshot_check")));
    assert!(commands.iter().any(|c| c.member.is_none()), "steps that run once stay once");
    assert_eq!(rb.logs.sources[0].source, LogSource::Journald("etcd.service"));
    assert_structure(&cluster::ETCD);
}

#[test]
fn parts_declared_not_applicable_read_back_under_their_headings() {
    use shapes::{SELF_ROTATING, WORKLOAD};
    // (runbook, document, heading it stands under, the paragraph as the reader sees it)
    let cases: [(&Runbook, usize, &str, &str); 12] = [
        (&WORKLOAD, 0, "デプロイ手順", "該当なし: prometheus-operator が monitoring 名前空間に配備する"),
        (
            &WORKLOAD,
            0,
            "起動・停止手順",
            "該当なし: Kubernetes 上で動く: 起動と停止は StatefulSet のコントローラが行う",
        ),
        (&WORKLOAD, 0, "バックアップ手順", "該当なし: 状態を持たない: 設定は Git にある"),
        (&WORKLOAD, 0, "リストア手順", "該当なし: 状態を持たない: 再配備で戻る"),
        (&WORKLOAD, 0, "ログファイル一覧", "該当なし: コンテナの標準出力のみ: kubectl logs で読む"),
        (&WORKLOAD, 0, "ログローテーション", "該当なし: コンテナの標準出力のみ: kubectl logs で読む"),
        (&WORKLOAD, 0, "日次タスク", "該当なし: 日次の作業はない"),
        (&WORKLOAD, 2, "日次タスク", "該当なし: 日次の作業はない"),
        (&WORKLOAD, 2, "月次タスク", "該当なし: 月次の作業はない"),
        (&SELF_ROTATING, 0, "Log Rotation", "Not applicable: the application rotates its own file at 100 MB"),
        (&SELF_ROTATING, 0, "Monthly Tasks", "Not applicable: nothing is due monthly"),
        (&SELF_ROTATING, 2, "Monthly Tasks", "Not applicable: nothing is due monthly"),
    ];
    for (rb, doc, heading, want) in cases {
        let parsed = parse(&runbook_dsl::documents(rb)[doc].contents);
        let under: Vec<&str> =
            parsed.paragraphs.iter().filter(|(h, _)| h.ends_with(heading)).map(|(_, p)| p.as_str()).collect();
        assert!(under.contains(&want), "{}: {want:?} under {heading:?}, found {under:?}", rb.feature);
    }
    for rb in [&WORKLOAD, &SELF_ROTATING] {
        let forms: Vec<_> = runbook_dsl::walk::steps(&rb.model().spec).iter().map(|l| l.step.form).collect();
        for form in [runbook_dsl::Form::Prose, runbook_dsl::Form::Link] {
            assert!(forms.contains(&form), "{}: a {form:?} step to read back", rb.feature);
        }
        assert_structure(rb);
        // Every section of the specification's shape is still there, in its place.
        let shipped = match rb.model().lang {
            runbook_dsl::Lang::Ja => &runbooks::knowledge_api::RUNBOOK,
            runbook_dsl::Lang::En => &runbooks::auth_service::RUNBOOK,
        };
        for (doc, full) in runbook_dsl::documents(rb).iter().zip(runbook_dsl::documents(shipped)).step_by(2) {
            assert_eq!(sections(&parse(&doc.contents)), sections(&parse(&full.contents)), "{}", doc.path);
        }
    }
    // No step of a part declared absent is walked (and so none is verified).
    let sections: Vec<_> = runbook_dsl::walk::steps(&WORKLOAD.model().spec).iter().map(|l| l.place.section).collect();
    assert!(
        !sections.is_empty()
            && sections.iter().all(|s| matches!(
                s,
                runbook_dsl::walk::Section::Maintenance(_) | runbook_dsl::walk::Section::Troubleshooting
            )),
        "{sections:?}"
    );
}

/// The numbered top-level sections of a document (`3. デプロイ手順`).
fn sections(p: &Parsed) -> Vec<&str> {
    p.headings
        .iter()
        .filter(|h| h.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
        .map(String::as_str)
        .collect()
}

#[test]
fn shipped_runbooks_parse_back_to_their_model() {
    for rb in runbooks::ALL {
        assert_structure(rb);
    }
}

#[test]
fn one_and_three_regions_parse_back_to_their_model() {
    assert_structure(&regions::ONE_REGION);
    assert_structure(&regions::THREE_REGIONS);
}

#[test]
fn adversarial_strings_parse_back_to_the_model() {
    // A log whose source reads an environment's value is one row per environment.
    let pods: Vec<_> = ODD_RUNBOOK.model().logs.sources.iter().filter(|l| l.id == "pod").collect();
    assert_eq!(pods.len(), 2);
    assert_eq!(pods[1].env.map(|e| e.id), Some("staging"));
    assert_eq!(pods[1].source, LogSource::Container("deployment/odd -c app -n odd-staging|ns"));
    // The var holding every hazard was substituted into a command.
    assert!(ODD_RUNBOOK.model().deploy.execute[0].variants[0].text.contains(ODD));
    assert_structure(&ODD_RUNBOOK);
    let [ops, _, _] = runbook_dsl::documents(&ODD_RUNBOOK).map(|d| parse(&d.contents));
    // Nothing the user wrote became HTML: the only tags are the renderer's own.
    for doc in runbook_dsl::documents(&ODD_RUNBOOK) {
        for event in Parser::new_ext(&doc.contents, Options::ENABLE_TABLES) {
            if let Event::InlineHtml(h) | Event::Html(h) = event {
                assert!(
                    h.starts_with("<a id=")
                        || h.starts_with("</a>")
                        || &*h == "<br>"
                        || h.starts_with("<!--")
                        || ["</details>\n", "</details>"].contains(&&*h)
                        || (["<details><summary>", "<details open><summary>"].iter().any(|p| h.starts_with(p))
                            && h.trim_end().ends_with("</summary>")
                            && h.matches('<').count() == 3),
                    "user HTML leaked: {h:?}"
                );
            }
        }
    }
    // A line break in a title does not escape its bash comment.
    assert!(ops.code.iter().any(|(i, c)| i == "bash" && c.contains("# 1. - Restart twice")));
}

/// Every relative link of every generated document points at a generated
/// document, and every `#anchor` at an anchor in it.
#[test]
fn every_link_and_anchor_resolves() {
    let mut docs: Vec<Document> = runbooks::ALL.iter().flat_map(|rb| runbook_dsl::documents(rb)).collect();
    docs.push(runbook_dsl::index(runbooks::ALL, "runbooks/src/lib.rs"));
    let parsed: BTreeMap<&str, Parsed> = docs.iter().map(|d| (d.path.as_str(), parse(&d.contents))).collect();
    let mut checked = 0;
    for (path, p) in &parsed {
        for link in &p.links {
            if ["http://", "https://", "mailto:", "tel:"].iter().any(|scheme| link.starts_with(scheme)) {
                continue;
            }
            let (file, anchor) = link.split_once('#').unwrap_or((link, ""));
            let target = if file.is_empty() { path.to_string() } else { resolve(path, file) };
            let doc = parsed
                .get(target.as_str())
                .unwrap_or_else(|| panic!("{path}: link {link} -> {target}: no such document"));
            if !anchor.is_empty() {
                assert!(doc.anchors.contains(anchor), "{path}: link {link}: no anchor `{anchor}` in {target}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "expected many links, checked {checked}");
}

/// `dir/a.md` + `../b/c.md` -> `b/c.md`.
fn resolve(from: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// No output (documents, rule files, catalog) of any runbook built here
/// keeps a placeholder: see `leftover.rs` for how literal braces are told apart.
#[test]
fn no_output_keeps_a_placeholder() {
    let all = runbooks::ALL.iter().copied().chain([
        &ODD_RUNBOOK,
        &shapes::WORKLOAD,
        &shapes::SELF_ROTATING,
        &regions::ONE_REGION,
        &regions::THREE_REGIONS,
        &cluster::ETCD,
        &alertmanager::ALERTMANAGER,
        &etcd_vms::ETCD_VMS,
    ]);
    let read = leftover::assert_no_placeholder_left(&all.collect::<Vec<_>>());
    assert!(read >= 30, "{read} outputs");
    // What must keep its braces does: a Go template through a var, a jsonpath through `{{`.
    let ts = &runbook_dsl::documents(&shapes::WORKLOAD)[1].contents;
    assert!(ts.contains("go-template='{{range .items}}{{.metadata.name}} {{end}}'"), "{ts}");
    assert!(ts.contains("jsonpath='{.status.phase}'"), "{ts}");
}

/// Two real services written from their upstream runbooks alone (see the
/// shapes' files): every section and table reads back as the model says.
/// An alert titled with its upstream rule name (`etcdNoLeader`) is the rule
/// of that name, the "Fires when" of an alert given by its own PromQL names
/// that rule rather than `-`, and the troubleshooting entry an alert leads
/// to says what the alert means and does to users.
#[test]
fn real_services_read_back_with_their_upstream_alerts() {
    for rb in [&alertmanager::ALERTMANAGER, &etcd_vms::ETCD_VMS] {
        assert_structure(rb);
        let docs = runbook_dsl::documents(rb);
        let doc = |suffix: &str| &docs.iter().find(|d| d.path.ends_with(suffix)).expect(suffix).contents;
        let (ops, ts) = (doc("_operations.md"), doc("_troubleshooting.md"));
        let model = rb.model();
        for a in model.alerts {
            assert!(ops.contains(&format!("| `{}` |", a.name)), "{}: the rule is named {}", rb.feature, a.name);
            if a.expr.is_some() {
                assert!(ops.contains(&format!("| the PromQL under Alert Rules: `{}` |", a.name)), "{}", a.name);
            }
            let said = format!(
                "**{}**: Meaning: {} · Impact: {}",
                a.name,
                a.prose.meaning.expect("every upstream alert has a meaning"),
                a.prose.impact.expect("and an impact")
            );
            assert!(ts.contains(&said), "{said}");
        }
    }
    // A per-member step's expected output follows each member's block, not
    // only the last one's, where it would read as that member's alone.
    let docs = runbook_dsl::documents(&etcd_vms::ETCD_VMS);
    let ts = &docs.iter().find(|d| d.path.ends_with("_troubleshooting.md")).expect("troubleshooting").contents;
    let from = ts.find("**For each member of** `etcd`").expect("a per-member diagnosis");
    let to = from + ts[from..].find("**Once (not per member)**").expect("then a step that runs once");
    let blocks: Vec<&str> = ts[from..to].split("Member: **").skip(1).collect();
    assert_eq!(blocks.len(), 3, "{}", &ts[from..to]);
    for block in blocks {
        assert!(block.contains("systemctl is-active etcd\n```\n\nExpected output:\n\n```text\nactive\n```"), "{block}");
    }
}
