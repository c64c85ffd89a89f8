package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The log fields every fix carries: which failing questions asked for it, why, how
 * sure the analyser is and who proposed it. Flattened into the fix's JSON object.
 */
@RegisterForReflection
public record FixMeta(
        @JsonProperty("question_ids") @JsonAlias({"question_id", "questionIds"}) List<String> questionIds,
        @JsonProperty("reasoning") @JsonAlias("reason") List<String> reasoning,
        @JsonProperty("confidence") Confidence confidence,
        @JsonProperty("source") FixSource source) {

    public FixMeta {
        questionIds = clean(questionIds);
        reasoning = clean(reasoning);
        confidence = confidence == null ? Confidence.LOW : confidence;
        source = source == null ? FixSource.LLM : source;
    }

    public static FixMeta of(Confidence confidence, FixSource source, String reasoning, String... questionIds) {
        return new FixMeta(List.of(questionIds), reasoning == null ? List.of() : List.of(reasoning), confidence, source);
    }

    /** A rule-based fix with high confidence: the usual shape in tests and in the rule analyser. */
    public static FixMeta rule(String reasoning, String... questionIds) {
        return of(Confidence.HIGH, FixSource.RULE, reasoning, questionIds);
    }

    public static FixMeta none() {
        return new FixMeta(List.of(), List.of(), Confidence.LOW, FixSource.LLM);
    }

    /**
     * Two proposals of the same fix become one that keeps every question id and reason; the stronger
     * confidence wins, the source of this (the representative) is kept.
     */
    public FixMeta mergedWith(FixMeta other) {
        Set<String> ids = new LinkedHashSet<>(questionIds);
        ids.addAll(other.questionIds);
        Set<String> reasons = new LinkedHashSet<>(reasoning);
        reasons.addAll(other.reasoning);
        Confidence c = confidence.atLeast(other.confidence) ? confidence : other.confidence;
        return new FixMeta(List.copyOf(ids), List.copyOf(reasons), c, source);
    }

    /** Null elements (hostile or sloppy JSON) are dropped, blanks too, duplicates folded. */
    static List<String> clean(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            if (v != null && !v.isBlank() && !out.contains(v)) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    static String orEmpty(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
