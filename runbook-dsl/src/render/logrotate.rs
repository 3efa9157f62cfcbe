//! The logrotate policy, rendered as the command that installs it, so that the
//! block works when pasted and still shows the file.

use super::labels::Labels;
use super::md::Md;
use crate::model::Logrotate;

pub fn render(md: &mut Md, r: &Logrotate, l: &Labels) {
    let variants: Vec<(Option<String>, Option<&str>)> = match &r.postrotate {
        Some(step) => step.variants.iter().map(|v| (v.env.map(|e| e.label.to_string()), Some(v.text))).collect(),
        None => vec![(None, None)],
    };
    let mut parts = Vec::new();
    for (env, post) in variants {
        let mut lines = vec![match env {
            Some(env) => format!("# {}{}", r.file, l.paren(&env)),
            None => format!("# {}", r.file),
        }];
        lines.push(format!("sudo tee {} > /dev/null <<'EOF'", r.file));
        lines.push(format!("{} {{", r.pattern));
        lines.extend(r.options.iter().map(|o| format!("    {o}")));
        if let Some(post) = post {
            lines.push("    postrotate".into());
            lines.extend(post.lines().map(|p| format!("        {p}")));
            lines.push("    endscript".into());
        }
        lines.push("}".into());
        lines.push("EOF".into());
        lines.push(format!("sudo logrotate --debug {}", r.file));
        parts.push(lines.join("\n"));
    }
    md.code("bash", &parts.join("\n\n"));
}
