//! The committed Markdown is exactly what the runbooks render: a stale doc fails here
//! (and in `cargo xtask docs --check`).

use runbook_dsl::write::{self, Change};
use tests::workspace_root;

#[path = "shapes/cluster.rs"]
mod cluster;

#[test]
fn committed_docs_equal_a_fresh_render() {
    let root = workspace_root();
    let mut docs: Vec<_> = runbooks::ALL.iter().flat_map(|rb| runbook_dsl::documents(rb)).collect();
    docs.push(runbook_dsl::index(runbooks::ALL, "runbooks/src/lib.rs"));
    docs.push(runbook_dsl::catalog::document(runbooks::ALL, "runbooks/src/lib.rs"));
    for rb in runbooks::ALL {
        docs.extend(runbook_dsl::render::rules::documents(rb));
    }
    let mut failures = Vec::new();
    for doc in &docs {
        match std::fs::read_to_string(root.join(&doc.path)) {
            Ok(committed) if committed == doc.contents => {}
            Ok(_) => failures.push(format!("{}: differs from a fresh render", doc.path)),
            Err(e) => failures.push(format!("{}: {e}", doc.path)),
        }
    }
    let plan = write::plan(&root, &docs, true).expect("plan");
    failures.extend(
        plan.entries
            .iter()
            .filter(|e| matches!(e.change, Change::Orphan | Change::EditedOrphan))
            .map(|e| format!("{}: orphaned", e.path)),
    );
    assert!(failures.is_empty(), "run `cargo xtask docs` and review the diff:\n{}", failures.join("\n"));
}

#[test]
fn rendering_is_deterministic() {
    for rb in runbooks::ALL {
        assert_eq!(runbook_dsl::documents(rb), runbook_dsl::documents(rb), "{}", rb.feature);
    }
}

#[test]
fn every_feature_has_three_documents_in_the_specified_places() {
    assert!(runbooks::ALL.len() >= 3);
    for rb in runbooks::ALL {
        let paths: Vec<String> = runbook_dsl::documents(rb).into_iter().map(|d| d.path).collect();
        assert_eq!(
            paths,
            [
                format!("runbook/{}_operations.md", rb.feature),
                format!("runbook/{}_troubleshooting.md", rb.feature),
                format!("docs/operations/{}_maintenance.md", rb.feature),
            ]
        );
    }
}

#[test]
fn each_document_names_its_source_in_its_marker() {
    for rb in runbooks::ALL {
        for doc in runbook_dsl::documents(rb) {
            let marker = runbook_dsl::marker::parse(&doc.contents).expect("marker");
            assert_eq!(marker.source, format!("runbooks/src/{}.rs", rb.feature));
            assert!(marker.intact);
        }
    }
}

/// R3 across the registry: one feature name, one set of files.
#[test]
fn feature_names_are_unique_across_runbooks() {
    let mut names: Vec<&str> = runbooks::ALL.iter().map(|rb| rb.feature).collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "two runbooks share a feature name: {names:?}");
}

/// The etcd cluster shape's documents, as reviewed: per-member blocks, the
/// journald log and the in-turn defragment read as committed in
/// `tests/shapes/golden/` (without the marker, whose hashes follow the
/// renderer's source). `RUNBOOK_GOLDEN=overwrite` rewrites them; review the diff.
#[test]
fn the_cluster_shape_renders_as_reviewed() {
    let dir = workspace_root().join("tests/shapes/golden");
    let overwrite = std::env::var("RUNBOOK_GOLDEN").is_ok_and(|v| v == "overwrite");
    let mut failures = Vec::new();
    for doc in runbook_dsl::documents(&cluster::ETCD) {
        let body = doc.contents.split_once('\n').map(|(_, rest)| rest).unwrap_or_default();
        let file = dir.join(doc.path.rsplit('/').next().unwrap_or_default());
        if overwrite {
            std::fs::create_dir_all(&dir).expect("golden folder");
            std::fs::write(&file, body).expect("golden file");
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(committed) if committed == body => {}
            Ok(_) => failures.push(format!("{}: differs from a fresh render", file.display())),
            Err(e) => failures.push(format!("{}: {e}", file.display())),
        }
    }
    assert!(failures.is_empty(), "rerun with RUNBOOK_GOLDEN=overwrite and review the diff:\n{}", failures.join("\n"));
}
