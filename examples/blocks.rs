//! Print the blocks kb reads from an article: `cargo run --example blocks -- FILE`.
//! A look at the document model, for whoever writes or debugs a rule.

use kb::document::{BlockKind, Document, Format};

fn main() {
    for path in std::env::args().skip(1) {
        let source = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let format = Format::of_name(&path).unwrap_or(Format::Text);
        let doc = Document::parse(&source, format);
        println!("== {path} ({format:?})");
        for b in &doc.blocks {
            let kind = match b.kind {
                BlockKind::Heading { level } => format!("h{level}"),
                BlockKind::ListItem { depth, ordered } => {
                    format!("{}{depth}", if ordered { "ol" } else { "li" })
                }
                BlockKind::Title => "title".into(),
                BlockKind::Paragraph => "p".into(),
                BlockKind::TableRow => "tr".into(),
                BlockKind::TableCell => "  td".into(),
                BlockKind::Callout => "callout".into(),
            };
            let text = b.text(&doc.text).replace('\n', "⏎");
            let short: String = text.chars().take(110).collect();
            // A bold lead is shown in brackets before the text.
            match b.lead {
                Some(lead) => println!("{kind:>7} [{}] {short}", lead.of(&doc.text)),
                None => println!("{kind:>7} {short}"),
            }
        }
    }
}
