//! What a page's own style sheet says about its classes. A word processor
//! or an online editor saving a page as HTML (Google Docs' "web page"
//! export, e-mail editors) marks bold text and headings with generated
//! classes (`<span class="c5">` with `.c5{font-weight:700}`), not with
//! `<b>` or `<h2>`: read as bare spans, every heading of such a page is a
//! plain paragraph.

use std::collections::HashSet;

/// The classes a page's `<style>` text makes bold: simple class
/// selectors (".c5", ".c5, .c7") whose declarations set a bold weight.
/// Other selectors (descendants, tags, pseudo-classes) are left out: they
/// style elements by place, not by what a writer marked.
pub(crate) fn bold_classes(css: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for rule in css.split('}') {
        let Some((selectors, declarations)) = rule.split_once('{') else {
            continue;
        };
        if !declarations.split(';').any(is_bold) {
            continue;
        }
        for selector in selectors.split(',') {
            // An @import or @media prelude before the first rule is no
            // selector of this rule's own.
            let selector = selector.rsplit(';').next().unwrap_or("").trim();
            if let Some(class) = selector.strip_prefix('.') {
                if !class.is_empty()
                    && class
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    out.insert(class.to_owned());
                }
            }
        }
    }
    out
}

/// Whether one declaration ("font-weight: 700") sets a bold weight; also
/// used for an element's own `style` attribute.
pub(crate) fn is_bold(declaration: &str) -> bool {
    let Some((property, value)) = declaration.split_once(':') else {
        return false;
    };
    if !property.trim().eq_ignore_ascii_case("font-weight") {
        return false;
    }
    let value = value.trim().trim_end_matches("!important").trim();
    value.eq_ignore_ascii_case("bold")
        || value.eq_ignore_ascii_case("bolder")
        || value.parse::<u16>().is_ok_and(|w| w >= 600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_class_rules_with_a_bold_weight() {
        let css = "@import url(x.css);.c0{font-weight:400}.c5{color:#000;font-weight:700;font-size:13pt}\
            .c7, .c9 {font-weight: bold !important}.lst-kix_a>li:before{font-weight:700}p.c2{font-weight:700}\
            .c3{font-weight:500}";
        let mut bold: Vec<String> = bold_classes(css).into_iter().collect();
        bold.sort();
        assert_eq!(bold, ["c5", "c7", "c9"]);
    }

    #[test]
    fn declarations() {
        assert!(is_bold("font-weight:700"));
        assert!(is_bold(" Font-Weight : bolder"));
        assert!(!is_bold("font-weight:normal"));
        assert!(!is_bold("font-style:bold"));
        assert!(!is_bold("font-weight:400"));
    }
}
