//! Stage (c), the types: a type started from a title, label or table row
//! (and the test of whether a title can name one at all), the causes a
//! types table lists for each row's type, which known type a heading or
//! sentence names (one or several together), and types named in prose.

use crate::document::Block;

use super::condition::{key, subject};
use super::keys::condition_key;
use super::names::article_len;
use super::rules::{words, List};
use super::sections::{names_a_kind, unnumbered};
use super::walk::State;
use super::*;

impl Extractor<'_> {
    /// A row of a table: the treatments it names (`tables`), and in a types
    /// section its first cell names a type (the header row aside) and the
    /// cells under a causes header are that type's causes.
    pub(super) fn table_row(&mut self, blocks: &[Block], i: usize, st: &mut State) {
        // (Treatments in the row: `tables`.)
        self.treatment_row(blocks, i);
        let cells = super::tables::cells(blocks, i);
        let header = super::tables::opens_table(self.doc, blocks, i);
        let types_here = self.section == SectionKind::Types || st.reading == Section::Causes;
        if header {
            let columns = self.rules.list(List::CauseColumns);
            st.cause_columns = cells.iter().map(|c| columns.matches(c.of(self.doc))).collect();
            st.type_columns = if types_here {
                self.type_columns(&cells)
            } else {
                Vec::new()
            };
        }
        if !types_here {
            return;
        }
        let Some(&first) = cells.first() else {
            return;
        };
        let text = first.of(self.doc);
        if !st.type_columns.is_empty() {
            // "| Caused by | Cold and flu viruses | Something irritating
            // the ear canal |": the row under a causes label gives each
            // column's type its causes; the other rows state no facts.
            if !header && self.rules.list(List::CauseColumns).matches(text) {
                let offset = cells.len().saturating_sub(st.type_columns.len());
                for (j, cell) in cells.iter().enumerate().skip(1) {
                    let Some(Some(t)) = j.checked_sub(offset).and_then(|c| st.type_columns.get(c)) else {
                        continue;
                    };
                    self.rule = "type column causes";
                    self.current_type = Some(*t);
                    self.list(*cell, &Role::TypeCause, false);
                }
                self.current_type = None;
            }
            return;
        }
        if header || self.rules.list(List::TypeWords).equals(text) {
            return;
        }
        if (1..=6).contains(&text.split_whitespace().count()) && self.section == SectionKind::Types {
            self.rule = "type table row";
            self.start_type(first);
            for (cell, _) in cells.iter().zip(&st.cause_columns).skip(1).filter(|(_, c)| **c) {
                self.rule = "type table cause column";
                self.list(*cell, &Role::TypeCause, false);
            }
            self.current_type = None;
        } else if self.current_type.is_none() {
            // A risk table: its first column names causes.
            self.rule = "cause table row";
            self.bullet(first, &Role::GeneralCause);
        }
    }

    /// A header row naming a kind of the condition in two or more cells
    /// ("Middle ear infection (otitis media)", "Outer ear infection
    /// (otitis externa)"): those types started, each cell's type.
    fn type_columns(&mut self, cells: &[Span]) -> Vec<Option<usize>> {
        let Some(condition) = self.seed.as_ref().map(|c| c.name.clone()) else {
            return Vec::new();
        };
        // A name's bracket is an alias: the kind is what comes before it.
        let named: Vec<bool> = cells
            .iter()
            .map(|c| {
                let text = c.of(self.doc);
                let head = Span {
                    start: c.start,
                    end: c.start + text.find('(').unwrap_or(text.len()),
                };
                self.titled_kind(trim(self.doc, head, &[]), &condition)
            })
            .collect();
        if named.iter().filter(|n| **n).count() < 2 {
            return Vec::new();
        }
        self.rule = "type column";
        cells
            .iter()
            .zip(named)
            .map(|(cell, named)| {
                named.then(|| {
                    self.start_type(*cell);
                    self.current_type
                })?
            })
            .collect()
    }

    pub(super) fn start_type(&mut self, title: Span) {
        let doc = self.doc;
        let mut title = unnumbered(doc, title, self.rules);
        // "And the fourth is specific phobias:" as a label: the kind it counts.
        if let Some(hit) = self.rules.list(List::OrdinalKinds).starts(title.of(doc)) {
            title = trim(
                doc,
                Span {
                    start: title.start + hit.end,
                    end: title.end,
                },
                &[],
            );
        }
        let raw = title.of(doc);
        // "Erythematotelangiectatic rosacea ( ETR )": the abbreviation is an alias.
        let (name_span, alias) = match (raw.find('('), raw.rfind(')')) {
            (Some(open), Some(close)) if close > open && raw[close + 1..].trim().is_empty() => (
                trim(
                    doc,
                    Span {
                        start: title.start,
                        end: title.start + open,
                    },
                    &[],
                ),
                Some(trim(
                    doc,
                    Span {
                        start: title.start + open + 1,
                        end: title.start + close,
                    },
                    &[],
                )),
            ),
            _ => (title, None),
        };
        // "Hypos in people with diabetes (diabetic hypoglycaemia)": the
        // bracket names the kind, the words before it describe it.
        let condition = self.seed().name.clone();
        let (name_span, alias) = match alias {
            Some(a)
                if names_a_kind(&self.name(a), &condition)
                    && !names_a_kind(&self.name(name_span), &condition) =>
            {
                (a, Some(name_span))
            }
            _ => (name_span, alias),
        };
        let name = self.name(name_span);
        if !self.could_name_a_type(name_span.of(doc), &name) {
            return;
        }
        if let Some(at) = self.known_type(name_span) {
            self.current_type = Some(at);
            return;
        }
        // "Bullous" in a table after "Bullous impetigo": the type again, short.
        let full = format!("{name} {condition}");
        if let Some(at) = self.seed().types.iter().position(|t| t.name == full) {
            self.current_type = Some(at);
            return;
        }
        let aliases = alias
            .filter(|a| !a.is_empty())
            .map(|a| {
                vec![AliasSeed {
                    name: self.name(a),
                    quote: self.quote(a),
                }]
            })
            .unwrap_or_default();
        let quote = self.quote(title);
        self.explain("type", &name, title);
        let seed = self.seed();
        seed.types.push(TypeSeed {
            name,
            quote,
            aliases,
            causes: Vec::new(),
        });
        self.current_type = Some(self.seed().types.len() - 1);
    }

    /// Whether a title can name a type at all: a short name, not a
    /// question, a remark or a run of several names ("Norovirus, rotavirus,
    /// adenovirus" is a table cell of examples).
    pub(super) fn could_name_a_type(&self, raw: &str, name: &str) -> bool {
        let first = name.split_whitespace().next().unwrap_or("");
        // Normalising drops a leading article: "The usual kind" is read raw.
        let raw_first = fold(raw.split_whitespace().next().unwrap_or(""));
        let outside_brackets = raw.split('(').next().unwrap_or(raw);
        name.chars().filter(|c| c.is_alphanumeric()).count() >= 3
            && self.rules.section(name).is_none()
            && !self.rules.list(List::TypeWords).equals(name)
            && !self.rules.list(List::NotTypeOpeners).equals(first)
            && !self.rules.list(List::NotTypeOpeners).equals(&raw_first)
            && !raw.contains(['?', '|', '^', '#', ';'])
            // "Q: acute sinusitis" keeps its name; "Quote from: ..." has none.
            && raw.find(':').is_none_or(|at| at <= 2)
            && !outside_brackets.contains(',')
            && ![" that ", " which ", " who "].iter().any(|w| name.contains(w))
    }
}

/// Which type a title, sentence or paragraph names.
impl Extractor<'_> {
    /// A heading's subject when it names a kind of the condition.
    pub(super) fn named_kind(&self, title: Span, condition: &str) -> Option<Span> {
        subject(self.doc, title, self.rules).filter(|s| self.kind_of_either(s.of(self.doc), condition))
    }

    /// Whether a span reads as a title naming a kind of the condition.
    pub(super) fn titled_kind(&self, span: Span, condition: &str) -> bool {
        let text = span.of(self.doc).trim_end_matches([' ', ':']);
        // "The main treatment for stress incontinence" is about a kind.
        // (Words, split at white space, hold no U+00A0: their fold is their
        // ASCII lower case, compared without a copy.)
        let first = text.split_whitespace().next().unwrap_or("");
        // ("Things that don't cause glaucoma" names none: a negation;
        // "Everyone has haemorrhoids" none: a sentence.)
        let auxiliaries = self.rules.list(List::Auxiliaries);
        text.split_whitespace().count() <= 7
            && !text.ends_with('.')
            && !self.rules.list(List::NotTypeOpeners).equals(first)
            && !text.split_whitespace().any(|w| auxiliaries.equals(w))
            && !super::text::has_negation(text)
            && self.kind_of_either(text, condition)
    }

    /// Whether a name names a kind of the condition, by its name or by
    /// the other name the page gives it in brackets.
    fn kind_of_either(&self, name: &str, condition: &str) -> bool {
        let name = key(name);
        names_a_kind(&name, &condition_key(condition))
            || self
                .synonym
                .as_deref()
                .is_some_and(|other| names_a_kind(&name, other))
    }

    /// The subject of a paragraph's first sentence when it names a kind of
    /// the condition ("Variant angina (also called ...) is caused by ...").
    pub(super) fn kind_opening(&self, span: Span, condition: &str) -> Option<Span> {
        let doc = self.doc;
        let text = span.of(doc);
        // Where the subject ends: the earliest of the opening verbs (rules
        // data: " is ", " happens ", ...) in one scan.
        let (verb, _) = super::finders::earliest_of(words(List::KindOpeningEnds), text)?;
        let head = trim(
            doc,
            Span {
                start: span.start,
                end: span.start + verb,
            },
            &[],
        );
        let capital = head.of(doc).starts_with(char::is_uppercase);
        // "An outer ear infection is ...": the kind comes after its article.
        let head = Span {
            start: head.start + article_len(head.of(doc)),
            end: head.end,
        };
        let words = head.of(doc).split_whitespace().count();
        // "In addition calcinosis cutis is ...": a connective, not a kind.
        let filler = head
            .of(doc)
            .split_whitespace()
            .any(|w| self.rules.list(List::HeadingFiller).equals(w));
        (capital && !filler && words <= 6 && self.kind_of_either(head.of(doc), condition)).then_some(head)
    }

    /// "The first is generalised anxiety disorder, or GAD.", "The most
    /// common kind is vasovagal syncope": a sentence that counts off kinds
    /// (rules data) names one right after its opening, up to the first
    /// break. It is a type when it names a kind of the condition, or when
    /// the page has just said how many kinds there are.
    pub(super) fn ordinal_kind(&self, sentence: Span, condition: &str, counted: bool) -> Option<Span> {
        let doc = self.doc;
        let hit = self.rules.list(List::OrdinalKinds).starts(sentence.of(doc))?;
        let rest = &doc[sentence.start + hit.end..sentence.end];
        let end = rest
            .find([',', '.', ':', ';', '(', '—', '–'])
            .unwrap_or(rest.len());
        let head = trim(
            doc,
            Span {
                start: sentence.start + hit.end,
                end: sentence.start + hit.end + end,
            },
            &['*', '_', '"'],
        );
        let head = Span {
            start: head.start + article_len(head.of(doc)),
            end: head.end,
        };
        let raw = head.of(doc);
        let name = self.name(head);
        let counted = counted || self.section == SectionKind::Types;
        ((1..=5).contains(&name.split_whitespace().count())
            && self.could_name_a_type(raw, &name)
            && (self.kind_of_either(raw, condition) || counted))
            .then_some(head)
    }

    /// The index of the type a label or sentence opening names, if any.
    pub(super) fn known_type(&self, span: Span) -> Option<usize> {
        if self.seed.as_ref()?.types.is_empty() {
            return None;
        }
        let k = key(span.of(self.doc));
        // The type's key, whole or as the first words.
        self.type_keys().iter().position(|(_, tk)| {
            k.strip_prefix(tk.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    }

    /// A known type named after an opening that makes the sentence about
    /// it ("In congenital hypothyroidism, a baby is born ...", "Causes of
    /// secondary hypothyroidism also include ..."): rules data.
    pub(super) fn led_type(&self, span: Span) -> Option<usize> {
        if self.seed.as_ref()?.types.is_empty() {
            return None;
        }
        let lower = folded::of(self.doc, span);
        words(List::TypeLeads).iter().find_map(|lead| {
            lower.strip_prefix(lead)?;
            // (The fold writes a no-break space as a space and a filler
            // byte: a lead's space may end inside one.)
            if !self.doc.is_char_boundary(span.start + lead.len()) {
                return None;
            }
            self.known_type(Span {
                start: span.start + lead.len(),
                end: span.end,
            })
        })
    }

    /// The [`key`]s of the types read so far, each made once and made again
    /// only when its type's name has changed.
    pub(super) fn type_keys(&self) -> std::cell::Ref<'_, Vec<(String, String)>> {
        if let Some(seed) = self.seed.as_ref() {
            let mut keys = self.type_keys.borrow_mut();
            keys.truncate(seed.types.len());
            for (i, t) in seed.types.iter().enumerate() {
                match keys.get_mut(i) {
                    Some((name, tk)) if *name != t.name => (*name, *tk) = (t.name.clone(), key(&t.name)),
                    Some(_) => {}
                    None => keys.push((t.name.clone(), key(&t.name))),
                }
            }
        }
        self.type_keys.borrow()
    }

    /// The types a sentence's subject names, all of them already known
    /// ("Both bacterial and viral conjunctivitis are ...", "Hepatitis B and
    /// C spread ..."); none when any part of it is no known type.
    pub(super) fn types_named_together(&self, sentence: Span, condition: &str) -> Vec<usize> {
        if self.seed.as_ref().is_none_or(|s| s.types.len() < 2) {
            return Vec::new();
        }
        let lower = folded::of(self.doc, sentence);
        let lower = lower.strip_prefix("both ").unwrap_or(&lower);
        let Some(end) = words(List::SubjectEnds)
            .iter()
            .filter_map(|v| lower.find(v))
            .min()
        else {
            return Vec::new();
        };
        let own = condition_key(condition);
        let subject = key(&lower[..end]);
        let subject = subject
            .strip_suffix(&*own)
            .map_or(subject.as_str(), str::trim_end);
        let keys = self.type_keys();
        let mut out = Vec::new();
        for piece in subject.split(" and ").flat_map(|p| p.split(" or ")) {
            let piece = piece.trim();
            let found = keys.iter().position(|(_, k)| {
                k == piece
                    || k.strip_suffix(&*own).is_some_and(|k| k.trim_end() == piece)
                    || k.strip_prefix(&*own).is_some_and(|k| k.trim_start() == piece)
            });
            match found {
                Some(t) if !out.contains(&t) => out.push(t),
                _ => return Vec::new(),
            }
        }
        out
    }

    /// "There are three main types: A, B and C" names types; "There are
    /// two types:" makes the list under it types. Returns whether the
    /// paragraph was such an introduction.
    pub(super) fn types_intro(&mut self, span: Span, st: &mut State) -> bool {
        let doc = self.doc;
        let text = span.of(doc);
        let Some(hit) = self.rules.list(List::TypesIntro).find(text) else {
            return false;
        };
        // ("There are four main types": a count of kinds, not of
        // treatments or causes, lets the kinds be counted off after it.)
        st.types_counted = st.types_counted || self.rules.list(List::TypeWords).matches(text);
        if text.trim_end().ends_with(':') {
            st.list_role = Some(Role::Type);
            st.types_follow = true;
            return true;
        }
        let after = &text[hit.end..];
        // The list follows a colon in the same sentence, or the phrase
        // itself when it is one that lists ("Less common types include A
        // and B").
        let sentence_end = after.find(". ").unwrap_or(after.len());
        let listing = self
            .rules
            .list(List::TypesListing)
            .equals(&text[hit.start..hit.end]);
        let from = match after[..sentence_end].find(':') {
            Some(colon) => colon + 1,
            None if listing => 0,
            None => return false,
        };
        // The list ends with its sentence ("... and thrombosed. Here's the
        // quick version.").
        let list = trim(
            doc,
            Span {
                start: span.start + hit.end + from,
                end: span.start + hit.end + sentence_end,
            },
            &['.'],
        );
        let list = cut_clause(doc, list);
        let items = split_list(doc, list);
        if items.len() < 2 {
            return false;
        }
        self.rule = "types named in prose";
        for item in items {
            let item = cut_item(doc, item);
            if (1..=5).contains(&item.of(doc).split_whitespace().count()) {
                self.start_type(item);
            }
        }
        self.current_type = None;
        true
    }

    /// "Common warts - firm, raised, rough lumps, usually on the knuckles.
    /// ...": in an article with no symptoms section, the phrase that says
    /// what a type looks like is a symptom.
    pub(super) fn described_type(&mut self, rest: Span) {
        let doc = self.doc;
        let Some(first) = sentences(doc, rest).into_iter().next() else {
            return;
        };
        let look = cut_clause(doc, first);
        let name = self.name(look);
        let kind_word = name
            .split_whitespace()
            .any(|w| self.rules.list(List::TypeWords).equals(w));
        if name.split_whitespace().count() >= 2 && !kind_word && !is_generic(&name) {
            self.rule = "what a type looks like";
            self.push_fact(&Role::Symptom, name, look);
        }
    }
}
