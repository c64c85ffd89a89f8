package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.Fragment;
import io.genieenhancer.sandbox.genie.Knowledge.MeasureT;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;
import io.genieenhancer.sandbox.genie.Planner.Agg;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "the average age of patients": a model knows an age is the whole years from a date of birth to today,
 * when the space has no column for it. The birth date is a date column whose name or description says
 * "birth" (or "dob"), in a table the question names first.
 */
final class Ages {

    private Ages() {
    }

    /** The aggregated age at item {@code j} ("age", "ages"), when a birth date exists. */
    static Optional<MeasureT> measure(List<Item> items, int j, Agg agg, Knowledge k, Set<Tbl> mentioned) {
        if (j >= items.size() || items.get(j).recognised() || !items.get(j).norm().equals("age") || agg == Agg.COUNT) {
            return Optional.empty();
        }
        List<Tbl> order = new ArrayList<>(mentioned);
        order.addAll(k.tables);
        for (Tbl t : order) {
            for (Col c : t.dateColumns()) {
                if (c.nameWords.contains("birth") || c.nameWords.contains("dob") || c.descriptionWords.contains("birth")) {
                    String fn = agg == Agg.HIGH ? "MAX" : agg == Agg.LOW ? "MIN" : agg.name();
                    String sql = fn + "(TIMESTAMPDIFF(YEAR, " + c.ref() + ", CURRENT_DATE))";
                    return Optional.of(new MeasureT(fn.toLowerCase(Locale.ROOT) + "_age", new Fragment(sql, Set.of(t))));
                }
            }
        }
        return Optional.empty();
    }
}
