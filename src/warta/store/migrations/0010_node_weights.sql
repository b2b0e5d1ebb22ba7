-- Issue 14: the unfiltered network ranks its nodes by kept weights instead of reading every actor
-- pair of the store. agg_node_weights has, per actor key, the sum of agg_edges.n over the pairs
-- (of two different keys) it is the source or the target of: what the network adds up per node
-- before it merges keys into nodes (warta.store.rollups keeps it current at each write; here it
-- is filled once from agg_edges).
CREATE TABLE IF NOT EXISTS agg_node_weights (
    key  TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;

DELETE FROM agg_node_weights;
INSERT INTO agg_node_weights (key, n)
SELECT k, sum(n) FROM (SELECT source AS k, n FROM agg_edges WHERE source <> target
                       UNION ALL SELECT target, n FROM agg_edges WHERE source <> target) GROUP BY k;
