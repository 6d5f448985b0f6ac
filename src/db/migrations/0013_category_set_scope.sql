-- 0013_category_set_scope.sql - category sets belong to a scope, as regimes do: staff see
-- and change only the sets whose scope unit is inside their own scope (admins: all).
-- NULL = the root: shared, changed by admins only. An existing set takes the receiver of
-- the regimes whose indicators use it when they all share one, else the root.
ALTER TABLE category_sets ADD COLUMN scope_unit_id INTEGER REFERENCES units(id);
UPDATE category_sets SET scope_unit_id = (
    SELECT MIN(g.receiver_unit_id) FROM indicators i JOIN regimes g ON g.id = i.regime_id
    WHERE i.category_set_id = category_sets.id)
  WHERE (SELECT COUNT(DISTINCT g.receiver_unit_id) FROM indicators i JOIN regimes g ON g.id = i.regime_id
         WHERE i.category_set_id = category_sets.id) = 1;
