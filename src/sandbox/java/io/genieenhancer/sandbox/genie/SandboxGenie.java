package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Example;
import io.genieenhancer.sandbox.genie.Knowledge.Literal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's deterministic stand-in for Genie: writes SQL for a question from the space's
 * configuration only (see {@link Knowledge}; the benchmarks are never read). The same knowledge and
 * question always give the same SQL, except when the caller asks for a "slip" (the seeded
 * non-determinism knob), which drops the first filter (an answer without filters returns no rows).
 *
 * <p>Order of reasoning: (1) an example question similar enough to the question is reused with its
 * literals swapped; (2) otherwise the question is read ({@link QuestionReader}), given roles
 * ({@link Planner}) and composed into SQL ({@link Composer}). With nothing to query it asks back.
 */
public final class SandboxGenie {

    /** Share of shared content words (Jaccard) from which an example question is considered the same question. */
    public static final double EXAMPLE_SIMILARITY = 0.75;

    public sealed interface Answer permits SqlAnswer, TextAnswer {
        List<String> notes();
    }

    /** {@code notes} explain which knowledge was used or missed (the "thoughts"); not part of the protocol. */
    public record SqlAnswer(String sql, String description, List<String> notes, Optional<String> exampleId, boolean slipped)
            implements Answer {
        public SqlAnswer {
            notes = List.copyOf(notes);
        }
    }

    /** Genie could not find anything to query and asks a clarifying question. */
    public record TextAnswer(String text, List<String> notes) implements Answer {
        public TextAnswer {
            notes = List.copyOf(notes);
        }
    }

    private SandboxGenie() {
    }

    public static Answer answer(Knowledge k, String question, boolean slip) {
        Optional<SqlAnswer> fromExample = fromExample(k, question, slip);
        if (fromExample.isPresent()) {
            return fromExample.get();
        }
        Planner.Reading reading = new Planner(k).read(question);
        Composer.Composed c = new Composer(k).compose(reading, slip);
        if (c.sql().isEmpty()) {
            List<String> notes = new ArrayList<>(c.notes());
            notes.add("no table of the space matches the question");
            return new TextAnswer("I could not find data for this question in the space. Which table or metric do you mean?", notes);
        }
        String sql = c.sql().get();
        List<String> notes = new ArrayList<>(c.notes());
        if (slip && !c.droppedFilter()) {
            sql = emptied(sql, notes);
        }
        return new SqlAnswer(sql, c.description(), notes, Optional.empty(), slip);
    }

    /** The slip of an answer without a filter to forget: it returns nothing. */
    private static String emptied(String sql, List<String> notes) {
        notes.add("(non-deterministic slip) returned an empty result");
        return "SELECT * FROM (\n" + sql + "\n) AS slipped WHERE 1 = 0";
    }

    private static Optional<SqlAnswer> fromExample(Knowledge k, String question, boolean slip) {
        List<String> sig = Knowledge.signature(question);
        Example best = null;
        double bestScore = 0;
        for (Example e : k.examples) {
            double s = jaccard(sig, e.signature());
            if (s > bestScore) {
                best = e;
                bestScore = s;
            }
        }
        if (best == null || bestScore < EXAMPLE_SIMILARITY) {
            return Optional.empty();
        }
        String sql = substitute(best.sql(), best.literals(), Knowledge.literals(question));
        List<String> notes = new ArrayList<>();
        notes.add(String.format("reused example %s (\"%s\", similarity %.2f)", best.id(), best.question(), bestScore));
        if (slip) {
            sql = emptied(sql, notes);
        }
        return Optional.of(new SqlAnswer(sql, "Answer based on the example \"" + best.question() + "\"", notes, Optional.of(best.id()), slip));
    }

    static double jaccard(List<String> a, List<String> b) {
        Set<String> sa = new HashSet<>(a);
        Set<String> sb = new HashSet<>(b);
        if (sa.isEmpty() && sb.isEmpty()) {
            return 0;
        }
        Set<String> inter = new HashSet<>(sa);
        inter.retainAll(sb);
        Set<String> union = new HashSet<>(sa);
        union.addAll(sb);
        return (double) inter.size() / union.size();
    }

    /** Swaps the example's years, numbers and dates for the question's, pairwise by kind and order. */
    static String substitute(String sql, List<Literal> exampleLiterals, List<Literal> questionLiterals) {
        String out = sql;
        for (String kind : List.of("date", "year", "number")) {
            List<String> from = exampleLiterals.stream().filter(l -> l.kind().equals(kind)).map(Literal::text).toList();
            List<String> to = questionLiterals.stream().filter(l -> l.kind().equals(kind)).map(Literal::text).toList();
            for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
                if (!from.get(i).equals(to.get(i))) {
                    out = out.replaceAll("(?<![0-9])" + Pattern.quote(from.get(i)) + "(?![0-9])", Matcher.quoteReplacement(to.get(i)));
                }
            }
        }
        return out;
    }
}
