package io.genieenhancer.fix;

import io.genieenhancer.space.SpaceConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link FixEngine#plan} accepts beyond the server's rules.
 *
 * @param minConfidence   fixes below this confidence are reported and not applied
 * @param leakageGuard    when on, no benchmark question or its ground-truth SQL may be copied (verbatim or
 *                        near-verbatim) into example SQL, and no ground-truth SQL into any other text
 * @param guarded         the benchmark questions to guard (by default those of the space)
 * @param maxValueChars   longest accepted free-text value (descriptions, instructions, SQL); names such as
 *                        synonyms are capped at {@link #MAX_NAME_CHARS} whatever this says
 * @param schema          optional full column lists per table identifier (e.g. from information_schema).
 *                        The space only lists configured columns; with a schema, fixes may target columns
 *                        that have no column config yet, and SQL is checked against every real column
 */
@RegisterForReflection
public record FixPolicy(
        Confidence minConfidence,
        boolean leakageGuard,
        List<GuardedQuestion> guarded,
        int maxValueChars,
        Map<String, Set<String>> schema) {

    /** A synonym, alias or display name longer than this is not a name. */
    public static final int MAX_NAME_CHARS = 255;
    public static final int DEFAULT_MAX_VALUE_CHARS = 10_000;
    /** Near-verbatim threshold of the leakage guard (token-bigram Dice similarity, see docs/fixes.md). */
    public static final double LEAKAGE_SIMILARITY = 0.8;
    /**
     * Entity-matching columns per space. Secondary sources name this limit; it is not confirmed, so only
     * new enables are cut at it, an existing space above it is left alone.
     */
    public static final int MAX_ENTITY_MATCHING_COLUMNS = 120;

    /** One benchmark question and its ground-truth SQL (empty when the answer is not SQL). */
    @RegisterForReflection
    public record GuardedQuestion(String id, String question, String sql) {
    }

    public FixPolicy {
        minConfidence = minConfidence == null ? Confidence.LOW : minConfidence;
        guarded = guarded == null ? List.of() : List.copyOf(guarded);
        if (maxValueChars <= 0) {
            throw new IllegalArgumentException("maxValueChars must be positive, was " + maxValueChars);
        }
        Map<String, Set<String>> s = new LinkedHashMap<>();
        if (schema != null) {
            schema.forEach((table, cols) -> {
                Set<String> c = new HashSet<>();
                cols.forEach(col -> c.add(Text.ident(col)));
                s.put(Text.ident(table), Set.copyOf(c));
            });
        }
        schema = Map.copyOf(s);
    }

    /** Every confidence, leakage guard on against the space's own benchmarks, no schema. */
    public static FixPolicy defaults(SpaceConfig space) {
        return new FixPolicy(Confidence.LOW, true, guardedQuestionsOf(space), DEFAULT_MAX_VALUE_CHARS, Map.of());
    }

    public static List<GuardedQuestion> guardedQuestionsOf(SpaceConfig space) {
        return space.benchmarks().questions().stream()
                .map(q -> new GuardedQuestion(q.id(), q.questionText(), q.groundTruthSql().orElse("")))
                .toList();
    }

    public FixPolicy withMinConfidence(Confidence c) {
        return new FixPolicy(c, leakageGuard, guarded, maxValueChars, schema);
    }

    public FixPolicy withLeakageGuard(boolean on) {
        return new FixPolicy(minConfidence, on, guarded, maxValueChars, schema);
    }

    public FixPolicy withGuarded(List<GuardedQuestion> questions) {
        return new FixPolicy(minConfidence, leakageGuard, questions, maxValueChars, schema);
    }

    public FixPolicy withMaxValueChars(int chars) {
        return new FixPolicy(minConfidence, leakageGuard, guarded, chars, schema);
    }

    public FixPolicy withSchema(Map<String, ? extends Collection<String>> columnsByTable) {
        Map<String, Set<String>> s = new LinkedHashMap<>();
        columnsByTable.forEach((t, c) -> s.put(t, Set.copyOf(c)));
        return new FixPolicy(minConfidence, leakageGuard, guarded, maxValueChars, s);
    }
}
