//! A term with a constant score and no statistics: the building block of the exact, additive scores. Unlike
//! `ConstScoreQuery(TermQuery)`, building its weight reads no corpus statistics, so a query of 50 such terms
//! costs nothing before the postings are read.

use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// Matches the documents holding `term`, each with score `score`.
#[derive(Debug, Clone)]
pub(crate) struct ConstTermQuery {
    term: Term,
    score: Score,
}

impl ConstTermQuery {
    pub fn boxed(term: Term, score: Score) -> Box<dyn Query> {
        Box::new(ConstTermQuery { term, score })
    }
}

impl Query for ConstTermQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ConstTermWeight {
            term: self.term.clone(),
            score: self.score,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct ConstTermWeight {
    term: Term,
    score: Score,
}

impl Weight for ConstTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.term.field())?;
        Ok(
            match inverted.read_postings(&self.term, IndexRecordOption::Basic)? {
                Some(postings) => Box::new(ConstScorer::new(postings, self.score * boost)),
                None => Box::new(EmptyScorer),
            },
        )
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not hold the term"
            )));
        }
        Ok(Explanation::new("constant term", self.score))
    }
}
