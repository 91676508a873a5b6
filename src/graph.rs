//! Pictures of the knowledge: a condition with its types and their causes,
//! or conditions linked by the causes they share, as Mermaid (renders on
//! GitHub and in many Markdown viewers) or Graphviz DOT.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use crate::{ConditionRecord, SharedItem};

/// The text formats a graph can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// A Mermaid `flowchart`.
    Mermaid,
    /// A Graphviz `digraph`.
    Dot,
}

/// A drawing: nodes, edges and the groups that set nodes apart.
#[derive(Debug, Default)]
struct Drawing {
    title: String,
    /// (id, label, class)
    nodes: Vec<(String, String, &'static str)>,
    /// (from, to, label, dashed)
    edges: Vec<(String, String, String, bool)>,
    /// (id, title, member node ids)
    groups: Vec<(String, String, Vec<String>)>,
    /// Said as a comment at the end (what the cap left out).
    note: Option<String>,
}

/// Styles per node class: (Mermaid classDef body, DOT attributes).
const CLASSES: [(&str, &str, &str); 5] = [
    (
        "condition",
        "fill:#dbe9ff,stroke:#2b59c3,stroke-width:2px",
        "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#dbe9ff\", color=\"#2b59c3\"",
    ),
    (
        "type",
        "fill:#eef3e2,stroke:#5a7d1e",
        "shape=box, style=\"rounded,filled\", fillcolor=\"#eef3e2\", color=\"#5a7d1e\"",
    ),
    (
        "cause",
        "fill:#ffffff,stroke:#888888",
        "shape=ellipse, style=filled, fillcolor=\"#ffffff\", color=\"#888888\"",
    ),
    (
        "shared",
        "fill:#ffe2c6,stroke:#c25e00,stroke-width:2px",
        "shape=ellipse, style=\"filled,bold\", fillcolor=\"#ffe2c6\", color=\"#c25e00\"",
    ),
    (
        "general",
        "fill:#f4f4f4,stroke:#888888,stroke-dasharray:4 3",
        "shape=ellipse, style=\"filled,dashed\", fillcolor=\"#f4f4f4\", color=\"#888888\"",
    ),
];

/// A condition, its types, each type's causes, and the causes shared by
/// two or more types set apart in their own group (with an edge from every
/// type that has them); general causes hang off the condition, dashed.
pub fn condition_graph(record: &ConditionRecord, format: GraphFormat) -> String {
    let mut d = Drawing {
        title: record.condition.clone(),
        ..Drawing::default()
    };
    d.nodes.push(("c".into(), record.condition.clone(), "condition"));
    // How many types name each cause, to tell shared from unique.
    let mut holders: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &record.types {
        let mine: BTreeSet<&str> = t.causes.iter().map(|c| c.slug.as_str()).collect();
        for slug in mine {
            *holders.entry(slug).or_default() += 1;
        }
    }
    let mut cause_ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut shared_members = Vec::new();
    for (i, t) in record.types.iter().enumerate() {
        let tid = format!("t{i}");
        d.nodes.push((tid.clone(), t.name.clone(), "type"));
        d.edges.push(("c".into(), tid.clone(), String::new(), false));
        for c in &t.causes {
            let shared = holders.get(c.slug.as_str()).copied().unwrap_or(0) > 1;
            let id = match cause_ids.get(c.slug.as_str()) {
                Some(id) => id.clone(),
                None => {
                    let id = format!("x{}", cause_ids.len());
                    cause_ids.insert(&c.slug, id.clone());
                    d.nodes.push((
                        id.clone(),
                        c.name.clone(),
                        if shared { "shared" } else { "cause" },
                    ));
                    if shared {
                        shared_members.push(id.clone());
                    }
                    id
                }
            };
            if !d.edges.iter().any(|(f, to, _, _)| *f == tid && *to == id) {
                d.edges.push((tid.clone(), id, String::new(), false));
            }
        }
    }
    if shared_members.is_empty() && record.types.len() > 1 {
        d.title.push_str(" (no cause shared across its types)");
    } else if !shared_members.is_empty() {
        d.groups.push((
            "shared_causes".into(),
            "causes shared across types".into(),
            shared_members,
        ));
    }
    let mut general = Vec::new();
    for c in &record.general_causes {
        let id = match cause_ids.get(c.slug.as_str()) {
            Some(id) => id.clone(),
            None => {
                let id = format!("x{}", cause_ids.len());
                cause_ids.insert(&c.slug, id.clone());
                d.nodes.push((id.clone(), c.name.clone(), "general"));
                general.push(id.clone());
                id
            }
        };
        d.edges.push(("c".into(), id, String::new(), true));
    }
    if !general.is_empty() {
        d.groups.push((
            "general_causes".into(),
            "general causes (any type)".into(),
            general,
        ));
    }
    render(&d, format)
}

/// At most this many (pair, cause) steps are counted when linking
/// conditions; past it the most widely shared causes are left out (a cause
/// shared by thousands of conditions links nearly every pair and says
/// little), so a large database still draws in bounded time and memory.
const PAIR_BUDGET: usize = 2_000_000;

/// Conditions linked by the causes they share: one edge per pair of
/// conditions, labelled with (up to three of) the shared causes, the pairs
/// sharing most first, at most `limit` edges.
pub fn shared_causes_graph(shared: &[SharedItem], limit: usize, format: GraphFormat) -> String {
    links(shared, limit, PAIR_BUDGET, format)
}

fn links(shared: &[SharedItem], limit: usize, budget: usize, format: GraphFormat) -> String {
    // Conditions by index, in name order (ties between pairs go by name).
    let names: BTreeSet<&str> = shared
        .iter()
        .flat_map(|i| i.conditions.iter().map(String::as_str))
        .collect();
    let names: Vec<&str> = names.into_iter().collect();
    let index = |name: &str| names.binary_search(&name).expect("collected above") as u32;
    // Rarest causes first, so the budget keeps the telling ones.
    let mut items: Vec<(&SharedItem, Vec<u32>)> = shared
        .iter()
        .map(|i| {
            let mut ids: Vec<u32> = i.conditions.iter().map(|c| index(c)).collect();
            ids.sort_unstable();
            ids.dedup();
            (i, ids)
        })
        .collect();
    items.sort_by_key(|(_, ids)| ids.len());
    let mut spent = 0;
    let mut left_out = Vec::new();
    items.retain(|(item, ids)| {
        let cost = ids.len() * ids.len().saturating_sub(1) / 2;
        if spent + cost > budget {
            left_out.push(item.name.as_str());
            return false;
        }
        spent += cost;
        true
    });
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    for (_, ids) in &items {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                *pairs.entry((*a, *b)).or_default() += 1;
            }
        }
    }
    let total = pairs.len();
    let mut ranked: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    let mut d = Drawing {
        title: "conditions sharing causes".into(),
        ..Drawing::default()
    };
    let mut ids: BTreeMap<u32, String> = BTreeMap::new();
    for ((a, b), _) in &ranked {
        for c in [*a, *b] {
            if !ids.contains_key(&c) {
                let id = format!("c{}", ids.len());
                ids.insert(c, id.clone());
                d.nodes.push((id, names[c as usize].to_owned(), "condition"));
            }
        }
        // The causes behind this edge, by name.
        let mut causes: Vec<&str> = items
            .iter()
            .filter(|(_, ids)| ids.binary_search(a).is_ok() && ids.binary_search(b).is_ok())
            .map(|(item, _)| item.name.as_str())
            .collect();
        causes.sort_unstable();
        let mut label = causes.iter().take(3).copied().collect::<Vec<_>>().join(", ");
        if causes.len() > 3 {
            let _ = write!(label, " +{}", causes.len() - 3);
        }
        d.edges.push((ids[a].clone(), ids[b].clone(), label, false));
    }
    let mut notes = Vec::new();
    if total > ranked.len() {
        notes.push(format!(
            "{} more pair(s) of conditions share causes; not drawn (limit {limit})",
            total - ranked.len()
        ));
    }
    if !left_out.is_empty() {
        notes.push(format!(
            "{} cause(s) shared too widely to link by pairs, left out: {}",
            left_out.len(),
            left_out.iter().take(10).copied().collect::<Vec<_>>().join(", ")
        ));
    }
    d.note = (!notes.is_empty()).then(|| notes.join("; "));
    render(&d, format)
}

fn render(d: &Drawing, format: GraphFormat) -> String {
    match format {
        GraphFormat::Mermaid => mermaid(d),
        GraphFormat::Dot => dot(d),
    }
}

/// Mermaid labels are double-quoted; a quote inside is an entity code.
fn mermaid_label(s: &str) -> String {
    s.replace('"', "#quot;").replace(['\n', '\r'], " ")
}

fn mermaid(d: &Drawing) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: \"{}\"\n---", mermaid_label(&d.title));
    out.push_str("flowchart LR\n");
    let grouped: BTreeSet<&str> = d
        .groups
        .iter()
        .flat_map(|g| g.2.iter().map(String::as_str))
        .collect();
    for (id, label, _) in &d.nodes {
        if !grouped.contains(id.as_str()) {
            let _ = writeln!(out, "    {id}[\"{}\"]", mermaid_label(label));
        }
    }
    for (gid, title, members) in &d.groups {
        let _ = writeln!(out, "    subgraph {gid}[\"{}\"]", mermaid_label(title));
        for m in members {
            if let Some((_, label, _)) = d.nodes.iter().find(|n| n.0 == *m) {
                let _ = writeln!(out, "        {m}([\"{}\"])", mermaid_label(label));
            }
        }
        out.push_str("    end\n");
    }
    for (from, to, label, dashed) in &d.edges {
        let arrow = if *dashed { "-.->" } else { "-->" };
        if label.is_empty() {
            let _ = writeln!(out, "    {from} {arrow} {to}");
        } else {
            let _ = writeln!(out, "    {from} ---|\"{}\"| {to}", mermaid_label(label));
        }
    }
    for (class, style, _) in CLASSES {
        let members: Vec<&str> = d
            .nodes
            .iter()
            .filter(|n| n.2 == class)
            .map(|n| n.0.as_str())
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "    classDef {class} {style}");
            let _ = writeln!(out, "    class {} {class}", members.join(","));
        }
    }
    if let Some(note) = &d.note {
        let _ = writeln!(out, "    %% {note}");
    }
    out
}

/// DOT strings: backslash and double quote escaped, line breaks as \n.
fn dot_label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "")
}

fn dot(d: &Drawing) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph kb {{");
    let _ = writeln!(
        out,
        "    label=\"{}\";\n    labelloc=t;\n    rankdir=LR;\n    fontname=\"Helvetica\";",
        dot_label(&d.title)
    );
    out.push_str("    node [fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n");
    let grouped: BTreeSet<&str> = d
        .groups
        .iter()
        .flat_map(|g| g.2.iter().map(String::as_str))
        .collect();
    let node = |out: &mut String, indent: &str, id: &str, label: &str, class: &str| {
        let attrs = CLASSES.iter().find(|c| c.0 == class).map(|c| c.2).unwrap_or("");
        let _ = writeln!(out, "{indent}{id} [label=\"{}\", {attrs}];", dot_label(label));
    };
    for (id, label, class) in &d.nodes {
        if !grouped.contains(id.as_str()) {
            node(&mut out, "    ", id, label, class);
        }
    }
    for (gid, title, members) in &d.groups {
        // "cluster" prefix: Graphviz draws the group as a box.
        let _ = writeln!(
            out,
            "    subgraph cluster_{gid} {{\n        label=\"{}\";\n        style=\"rounded,dashed\";\n        color=\"#999999\";",
            dot_label(title)
        );
        for m in members {
            if let Some((id, label, class)) = d.nodes.iter().find(|n| n.0 == *m) {
                node(&mut out, "        ", id, label, class);
            }
        }
        out.push_str("    }\n");
    }
    for (from, to, label, dashed) in &d.edges {
        let mut attrs = Vec::new();
        if !label.is_empty() {
            attrs.push(format!("label=\"{}\"", dot_label(label)));
            attrs.push("dir=none".to_owned());
        }
        if *dashed {
            attrs.push("style=dashed".to_owned());
        }
        if attrs.is_empty() {
            let _ = writeln!(out, "    {from} -> {to};");
        } else {
            let _ = writeln!(out, "    {from} -> {to} [{}];", attrs.join(", "));
        }
    }
    if let Some(note) = &d.note {
        let _ = writeln!(out, "    // {note}");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded() -> crate::Kb {
        let mut kb = crate::Kb::open_in_memory().unwrap();
        kb.migrate().unwrap();
        kb.seed(&crate::Source::builtin()).unwrap();
        kb
    }

    #[test]
    fn a_condition_graph_sets_shared_causes_apart() {
        let kb = seeded();
        let record = kb.condition("calcinosis cutis").unwrap();
        let shared = kb.shared_causes_across_types("calcinosis cutis").unwrap();
        let m = condition_graph(&record, GraphFormat::Mermaid);
        assert!(
            m.contains("flowchart LR") && m.contains("c[\"calcinosis cutis\"]"),
            "{m}"
        );
        for t in &record.types {
            assert!(m.contains(&format!("[\"{}\"]", t.name)), "{}: {m}", t.name);
        }
        let group = m
            .split("subgraph shared_causes")
            .nth(1)
            .map(|g| g.split("    end").next().unwrap_or(""));
        for s in &shared {
            let g = group.unwrap_or_else(|| panic!("no shared group: {m}"));
            assert!(g.contains(&format!("([\"{}\"])", s.cause)), "{}: {m}", s.cause);
        }
        let dot = condition_graph(&record, GraphFormat::Dot);
        assert!(dot.starts_with("digraph kb {") && dot.trim_end().ends_with('}'));
        assert_eq!(dot.matches('{').count(), dot.matches('}').count(), "{dot}");
    }

    #[test]
    fn labels_are_escaped() {
        let item = |name: &str, conditions: &[&str]| SharedItem {
            name: name.into(),
            slug: name.into(),
            conditions: conditions.iter().map(|c| c.to_string()).collect(),
        };
        let shared = [
            item("say \"cheese\"", &["a \"b\"", "c\\d"]),
            item("x", &["a \"b\"", "e"]),
            item("y", &["c\\d", "e"]),
        ];
        let m = shared_causes_graph(&shared, 2, GraphFormat::Mermaid);
        assert!(
            m.contains("#quot;cheese#quot;") && !m.contains("\"cheese\""),
            "{m}"
        );
        assert!(m.contains("1 more pair"), "{m}");
        let d = shared_causes_graph(&shared, 10, GraphFormat::Dot);
        assert!(d.contains("a \\\"b\\\"") && d.contains("c\\\\d"), "{d}");
        // Over the budget, the most widely shared cause is left out.
        let wide = item("everything", &["a \"b\"", "c\\d", "e"]);
        let m = links(&[shared[1].clone(), wide], 10, 2, GraphFormat::Mermaid);
        assert!(
            m.contains("1 cause(s) shared too widely") && m.contains("left out: everything"),
            "{m}"
        );
        assert_eq!(m.matches("---|").count(), 1, "{m}");
    }
}
