package io.genieenhancer.analysis;

import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixJson;
import io.genieenhancer.fix.FixJsonException;
import io.genieenhancer.fix.FixMeta;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.llm.ChatReplies;
import io.genieenhancer.llm.JsonSchemaCheck;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the model's answer for one batch into fixes, trusting nothing: the text must be JSON, the shape must follow
 * {@link FixSchema} (checked here whatever the endpoint promised), each fix is checked on its own so one bad fix
 * costs only itself, and every fix is bound through {@link FixJson} (the fix package's reader). Question ids and
 * source are set from the batch, never taken from the model. Fixes below the minimum confidence are dropped here.
 * Whether the tables exist, the SQL parses or the text is an injection is checked later by the fix engine.
 */
public final class LlmReplyReader {

    /** Replies are already bounded in bytes; this bounds nesting so a hostile reply cannot exhaust the stack. */
    private static final ObjectMapper MAPPER = JsonMappers.untrusted(16, StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
            .build();

    private static final JsonNode ANALYSIS_SCHEMA = AnalysisPrompt.SCHEMA.path("properties").path("analyses").path("items");
    private static final JsonNode FIX_SCHEMA = ANALYSIS_SCHEMA.path("properties").path("fixes").path("items");

    /** Fixes read and why the rest was not. */
    public record Read(List<Fix> fixes, List<String> rejected) {
    }

    private LlmReplyReader() {
    }

    public static Read read(String content, boolean truncated, List<String> batchQuestionIds, Confidence minConfidence) {
        List<Fix> fixes = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        String batch = "LLM batch " + batchQuestionIds;
        JsonNode root;
        try {
            root = MAPPER.readTree(unfenced(content));
        } catch (JsonProcessingException e) {
            rejected.add(batch + ": " + (truncated
                    ? "the reply was cut at max_tokens before the JSON ended (raise enhancer.llm.max-tokens or lower batch-size)"
                    : "the reply is not JSON: " + ChatReplies.excerpt(e.getOriginalMessage())));
            return new Read(fixes, rejected);
        }
        JsonNode analyses = root == null ? null : root.get("analyses");
        if (analyses == null || !analyses.isArray()) {
            rejected.add(batch + ": the reply does not follow the schema: expected an object with an \"analyses\" array, got "
                    + (root == null ? "nothing" : root.isObject() ? "fields " + fieldNames(root) : root.getNodeType().name().toLowerCase()));
            return new Read(fixes, rejected);
        }
        Set<String> answered = new LinkedHashSet<>();
        for (int i = 0; i < analyses.size(); i++) {
            readAnalysis(analyses.get(i), i, batchQuestionIds, minConfidence, answered, fixes, rejected);
        }
        for (String id : batchQuestionIds) {
            if (!answered.contains(id)) {
                rejected.add("question " + id + ": the LLM returned no analysis for it" + (truncated ? " (reply cut at max_tokens)" : ""));
            }
        }
        return new Read(fixes, rejected);
    }

    private static void readAnalysis(JsonNode item, int index, List<String> batchIds, Confidence minConfidence,
            Set<String> answered, List<Fix> fixes, List<String> rejected) {
        String where = "analyses[" + index + "]";
        if (item == null || !item.isObject()) {
            rejected.add(where + ": not an object");
            return;
        }
        JsonNode qid = item.get("question_id");
        if (qid == null || !qid.isTextual() || !batchIds.contains(qid.textValue())) {
            rejected.add(where + ": question_id " + (qid == null ? "missing" : quote(qid)) + " is not one of this batch's questions "
                    + batchIds + "; its fixes are ignored");
            return;
        }
        String questionId = qid.textValue();
        answered.add(questionId);
        where = "question " + questionId;
        JsonNode fixNodes = item.get("fixes");
        if (fixNodes == null || !fixNodes.isArray()) {
            rejected.add(where + ": \"fixes\" is " + (fixNodes == null ? "missing" : "not an array"));
            return;
        }
        String diagnosis = item.path("diagnosis").isTextual() ? item.get("diagnosis").textValue().strip() : "";
        int max = FixSchema.MAX_FIXES_PER_QUESTION;
        if (fixNodes.size() > max) {
            rejected.add(where + ": " + (fixNodes.size() - max) + " fixes beyond the first " + max + " ignored");
        }
        for (int j = 0; j < Math.min(max, fixNodes.size()); j++) {
            JsonNode node = fixNodes.get(j);
            String label = where + ", fix " + j + typeLabel(node);
            Optional<String> problem = JsonSchemaCheck.firstProblem(FIX_SCHEMA, node);
            if (problem.isPresent()) {
                rejected.add(label + ": " + problem.get().replaceFirst("^\\$", "fix"));
                continue;
            }
            Fix fix;
            try {
                fix = FixJson.read(MAPPER.writeValueAsString(forFixJson((ObjectNode) node, questionId, diagnosis)));
            } catch (FixJsonException e) {
                rejected.add(label + ": " + e.getMessage());
                continue;
            } catch (JsonProcessingException e) {
                rejected.add(label + ": " + ChatReplies.excerpt(e.getOriginalMessage()));
                continue;
            }
            if (!fix.meta().confidence().atLeast(minConfidence)) {
                rejected.add(label + ": confidence " + fix.meta().confidence().json() + " is below enhancer.analysis.min-confidence "
                        + minConfidence.json());
                continue;
            }
            fixes.add(fix.withMeta(new FixMeta(List.of(questionId), fix.meta().reasoning(), fix.meta().confidence(), FixSource.LLM)));
        }
    }

    /**
     * The fix as the fix package reads it: nulls (our schema's "not needed") dropped, the model's reasoning plus the
     * question's diagnosis as reasoning, and the question id and source set by us.
     */
    private static ObjectNode forFixJson(ObjectNode fix, String questionId, String diagnosis) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = fix.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isNull()) {
                out.set(f.getKey(), f.getValue());
            }
        }
        ArrayNode reasoning = out.putArray("reasoning");
        String r = fix.path("reasoning").asText("").strip();
        if (!r.isEmpty()) {
            reasoning.add(r);
        }
        if (!diagnosis.isEmpty()) {
            reasoning.add("diagnosis: " + diagnosis);
        }
        out.putArray("question_ids").add(questionId);
        out.put("source", FixSource.LLM.json());
        return out;
    }

    /** Models like to wrap JSON in a markdown fence even when told not to. */
    static String unfenced(String content) {
        String t = content.strip();
        if (t.startsWith("```")) {
            int firstNewline = t.indexOf('\n');
            t = firstNewline < 0 ? "" : t.substring(firstNewline + 1);
            if (t.endsWith("```")) {
                t = t.substring(0, t.length() - 3);
            }
        }
        return t;
    }

    private static String typeLabel(JsonNode node) {
        JsonNode t = node == null ? null : node.get("type");
        return t != null && t.isTextual() ? " (" + ChatReplies.excerpt(t.textValue().length() > 40 ? t.textValue().substring(0, 40) : t.textValue()) + ")" : "";
    }

    private static String fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(n -> names.add(ChatReplies.excerpt(n.length() > 40 ? n.substring(0, 40) : n)));
        return names.size() > 8 ? names.subList(0, 8) + "..." : names.toString();
    }

    private static String quote(JsonNode n) {
        String t = n.isTextual() ? n.textValue() : n.toString();
        return "\"" + ChatReplies.excerpt(t.length() > 60 ? t.substring(0, 60) + "…" : t) + "\"";
    }
}
