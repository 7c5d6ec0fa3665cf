//! Synonym groups (officer-editable, the `search_synonyms` table): `las`, `pengelasan`, `welding`, `welder`,
//! `juru las` are one group, and a query for any of them finds the others.
//!
//! Groups are applied at query time only: a query word (or a phrase, `juru las`) that is a member of a group is
//! expanded to every member of the group. The index never stores synonyms, so an edit takes effect at once, in
//! every process, without reindexing. Members are analysed like any text, so `pengelasan` and `mengelas` meet on
//! `las`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::text::analyze;

/// The analysed synonym groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SynonymTable {
    /// Group → its members, each member the analysed terms of one entry (`juru las` → `["juru", "las"]`).
    groups: Vec<Vec<Vec<String>>>,
    /// First term of a member → the groups having a member that starts with it.
    by_first_term: HashMap<String, Vec<usize>>,
}

impl SynonymTable {
    /// An empty table: no expansion at all.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Builds the table from `(term, canonical)` rows: every term pointing to the same canonical term is one
    /// group (the canonical term itself included).
    pub fn from_rows<T: AsRef<str>, C: AsRef<str>>(rows: impl IntoIterator<Item = (T, C)>) -> Self {
        let mut by_canonical: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (term, canonical) in rows {
            let members = by_canonical
                .entry(canonical.as_ref().to_string())
                .or_default();
            members.insert(canonical.as_ref().to_string());
            members.insert(term.as_ref().to_string());
        }
        Self::from_groups(by_canonical.into_values())
    }

    /// Builds the table from groups of entries.
    pub fn from_groups<G, E>(groups: impl IntoIterator<Item = G>) -> Self
    where
        G: IntoIterator<Item = E>,
        E: AsRef<str>,
    {
        let mut table = Self::default();
        for group in groups {
            let mut members: Vec<Vec<String>> = Vec::new();
            for entry in group {
                let terms: Vec<String> = analyze(entry.as_ref())
                    .into_iter()
                    .map(|token| token.term)
                    .collect();
                if !terms.is_empty() && !members.contains(&terms) {
                    members.push(terms);
                }
            }
            if members.len() < 2 {
                continue;
            }
            let group_index = table.groups.len();
            for member in &members {
                let entry = table.by_first_term.entry(member[0].clone()).or_default();
                if !entry.contains(&group_index) {
                    entry.push(group_index);
                }
            }
            table.groups.push(members);
        }
        table
    }

    /// Number of groups.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Splits a sequence of analysed query terms into query units: the longest run of terms that is a member of a
    /// group becomes one unit carrying the group's other members; any other term is a unit of its own.
    pub(crate) fn segment(&self, terms: &[String]) -> Vec<QueryUnit> {
        let mut units = Vec::new();
        let mut position = 0;
        while position < terms.len() {
            let mut best: Option<(usize, Vec<usize>)> = None;
            for &group in self
                .by_first_term
                .get(&terms[position])
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                for member in &self.groups[group] {
                    let length = member.len();
                    let matches = terms.len() - position >= length
                        && member[..] == terms[position..position + length];
                    if !matches {
                        continue;
                    }
                    match &mut best {
                        Some((best_length, groups)) if *best_length == length => {
                            if !groups.contains(&group) {
                                groups.push(group);
                            }
                        }
                        Some((best_length, _)) if *best_length > length => {}
                        _ => best = Some((length, vec![group])),
                    }
                }
            }
            match best {
                Some((length, groups)) => {
                    let typed: Vec<String> = terms[position..position + length].to_vec();
                    let mut alternatives: Vec<Vec<String>> = Vec::new();
                    for group in groups {
                        for member in &self.groups[group] {
                            if *member != typed && !alternatives.contains(member) {
                                alternatives.push(member.clone());
                            }
                        }
                    }
                    units.push(QueryUnit {
                        typed,
                        alternatives,
                    });
                    position += length;
                }
                None => {
                    units.push(QueryUnit {
                        typed: vec![terms[position].clone()],
                        alternatives: Vec::new(),
                    });
                    position += 1;
                }
            }
        }
        units
    }
}

/// One unit of a query: what was typed (one term, or a phrase that is a synonym entry) and the other members of
/// its synonym group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryUnit {
    /// The analysed terms as typed.
    pub typed: Vec<String>,
    /// The other members of its synonym groups, each a sequence of analysed terms.
    pub alternatives: Vec<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn welding() -> SynonymTable {
        SynonymTable::from_rows([
            ("las", "las"),
            ("pengelasan", "las"),
            ("welding", "las"),
            ("welder", "las"),
            ("juru las", "las"),
            ("alat berat", "alat berat"),
            ("heavy equipment", "alat berat"),
        ])
    }

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|word| word.to_string()).collect()
    }

    #[test]
    fn members_are_analysed_so_inflected_entries_collapse_onto_their_root() {
        let table = welding();
        // "pengelasan" stems to "las": it is the same member as "las".
        let units = table.segment(&terms(&["las"]));
        assert_eq!(units.len(), 1);
        assert!(units[0].alternatives.contains(&terms(&["welding"])));
        assert!(units[0].alternatives.contains(&terms(&["welder"])));
        assert!(units[0].alternatives.contains(&terms(&["juru", "las"])));
        assert!(!units[0].alternatives.contains(&terms(&["las"])));
    }

    #[test]
    fn the_longest_phrase_wins_and_unknown_words_stand_alone() {
        let table = welding();
        let units = table.segment(&terms(&["operator", "alat", "berat", "juru", "las"]));
        let typed: Vec<Vec<String>> = units.iter().map(|unit| unit.typed.clone()).collect();
        assert_eq!(
            typed,
            vec![
                terms(&["operator"]),
                terms(&["alat", "berat"]),
                terms(&["juru", "las"])
            ]
        );
        assert_eq!(units[1].alternatives, vec![terms(&["heavy", "equipment"])]);
        assert!(units[0].alternatives.is_empty());
    }

    #[test]
    fn an_english_query_word_reaches_the_indonesian_members() {
        let table = welding();
        let units = table.segment(&terms(&["welder"]));
        assert!(units[0].alternatives.contains(&terms(&["las"])));
    }

    #[test]
    fn a_group_of_one_analysed_member_expands_nothing() {
        let table = SynonymTable::from_rows([("las", "las"), ("pengelasan", "las")]);
        assert_eq!(table.group_count(), 0);
    }
}
