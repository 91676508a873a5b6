//! The mapping's word lists, read once from the built-in `rules.toml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::codes::lexicon::normalise;

/// The lists of `rules.toml` (see the comments there); the places of
/// `place_adjectives` in normal form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rules {
    pub qualifiers: Vec<String>,
    pub modifiers: Vec<String>,
    pub symptom_words: Vec<String>,
    pub clauses: Vec<String>,
    pub places: Vec<String>,
    pub remarks: Vec<String>,
    pub becoming: Vec<String>,
    pub place_parts: Vec<String>,
    pub body_adjectives: BTreeMap<String, String>,
    pub place_adjectives: Vec<PlaceAdjective>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PlaceAdjective {
    pub places: Vec<String>,
    pub adjective: String,
}

/// The built-in rules.
pub(super) fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r: Rules = toml::from_str(include_str!("rules.toml")).expect("src/codes/map/rules.toml");
        for part in &mut r.place_parts {
            *part = normalise(part);
        }
        for p in &mut r.place_adjectives {
            for place in &mut p.places {
                *place = normalise(place);
            }
        }
        r
    })
}

/// True when `list` holds `word`.
pub(super) fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

impl Rules {
    /// The adjective the HPO uses for a place in normal form ("under skin":
    /// "subcutaneous").
    pub fn place_adjective(&self, place: &str) -> Option<&str> {
        self.place_adjectives
            .iter()
            .find(|p| has(&p.places, place))
            .map(|p| p.adjective.as_str())
    }

    /// The place without a leading part word ("center of chest": chest).
    pub fn whole_place<'a>(&self, place: &'a [String]) -> &'a [String] {
        for part in &self.place_parts {
            let n = part.split(' ').count();
            if place.len() > n && place[..n].join(" ") == *part {
                return &place[n..];
            }
        }
        place
    }

    /// A key with one body part's noun read as the HPO's adjective ("arm
    /// pain": "upper limb pain"); None when it names no such part.
    pub fn body_adjective(&self, key: &str) -> Option<String> {
        let words: Vec<&str> = key.split(' ').collect();
        let at = words.iter().position(|w| self.body_adjectives.contains_key(*w))?;
        let adjective = self.body_adjectives[words[at]].as_str();
        let mut out = words.clone();
        if words.len() == 2 {
            // Its place in the HPO's names: before the other word ("pain
            // arm", as "aching arms" reads, is upper limb pain).
            out.remove(at);
            out.insert(0, adjective);
        } else {
            out[at] = adjective;
        }
        Some(out.join(" "))
    }

    /// The adjective of an -en verb form of one ("stiffening", "thickened",
    /// "reddened": stiff, thick, red).
    pub fn becoming(&self, word: &str) -> Option<&str> {
        for end in ["ening", "ened", "ens", "en"] {
            let Some(stem) = word.strip_suffix(end) else {
                continue;
            };
            // "widen" is wide; "redden" red.
            let undoubled = stem
                .char_indices()
                .last()
                .filter(|&(i, c)| i > 0 && stem[..i].ends_with(c))
                .map(|(i, _)| &stem[..i]);
            let with_e = format!("{stem}e");
            for adj in [Some(stem), Some(with_e.as_str()), undoubled]
                .into_iter()
                .flatten()
            {
                if let Some(a) = self.becoming.iter().find(|b| *b == adj) {
                    return Some(a);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_read_their_words() {
        let r = rules();
        assert!(has(&r.qualifiers, "unexplained"));
        assert!(has(&r.modifiers, "fluid filled"));
        assert!(has(&r.clauses, "limiting"));
        assert_eq!(r.place_adjective("under skin"), Some("subcutaneous"));
        assert_eq!(r.place_adjective("around eye"), Some("periorbital"));
        assert_eq!(r.place_adjective("in skin"), None);
        assert_eq!(r.becoming("stiffening"), Some("stiff"));
        assert_eq!(r.becoming("thickened"), Some("thick"));
        assert_eq!(r.becoming("reddened"), Some("red"));
        assert_eq!(r.becoming("widening"), Some("wide"));
        assert_eq!(r.becoming("stiff"), None);
        assert_eq!(r.becoming("open"), None);
        assert_eq!(r.becoming("swollen"), None);
        let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_owned).collect() };
        assert_eq!(r.whole_place(&words("center of chest")), words("chest"));
        assert_eq!(r.whole_place(&words("middle of")), words("middle of"));
        assert_eq!(r.body_adjective("arm pain").as_deref(), Some("upper limb pain"));
        assert_eq!(r.body_adjective("pain arm").as_deref(), Some("upper limb pain"));
        assert_eq!(r.body_adjective("back pain"), None);
    }
}
