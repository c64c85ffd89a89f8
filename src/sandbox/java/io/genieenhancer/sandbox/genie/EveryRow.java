package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Tbl;

import java.util.List;

/**
 * "the total sales amount for each salesperson", "each doctor's number of drugs": every row of the grouped
 * table is in the answer, those with nothing to measure too (a count of 0, a sum of 0). The composer then
 * starts from the grouped table and LEFT JOINs the measured ones. Only without conditions on the measured
 * rows (a filter on them, a period) which would drop the empty groups again, as an inner join does; a filter
 * on the grouped table itself ("each car model that has 'M5' in its VIN") keeps them.
 */
final class EveryRow {

    private EveryRow() {
    }

    /** Only counts, sums and ranks have a value for an empty group; an average over no rows is no answer. */
    static boolean applies(Planner.Reading r, Tbl root, List<Composer.Part> measures, boolean conditions) {
        return r.everyRow != null && r.everyRow != root && !measures.isEmpty() && !conditions && r.limit == null && !r.rankByHighLow
                && measures.stream().allMatch(m -> m.countOf() != null || m.sql().matches("(?is)^(SUM|COUNT)\\(.*|^(RANK|DENSE_RANK)\\(\\).*"));
    }

    static String leftJoins(List<JoinGraph.Step> steps) {
        StringBuilder sb = new StringBuilder();
        for (JoinGraph.Step s : steps) {
            sb.append("\nLEFT JOIN ").append(s.to().identifier).append(" AS ").append(s.to().alias).append(" ON ").append(s.condition());
        }
        return sb.toString();
    }

    /** A sum over no rows is NULL; for a group with nothing to add up the answer is 0. */
    static String zeroIfNone(String measureSql) {
        return measureSql.startsWith("SUM(") ? "COALESCE(" + measureSql + ", 0)" : measureSql;
    }
}
