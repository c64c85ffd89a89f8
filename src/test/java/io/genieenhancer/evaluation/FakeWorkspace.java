package io.genieenhancer.evaluation;

import io.genieenhancer.databricks.ExecuteStatementRequest;
import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieEvalResult;
import io.genieenhancer.databricks.GenieEvalResultDetails;
import io.genieenhancer.databricks.GenieEvalRunResponse;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.databricks.GenieMessage;
import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaceUpdate;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.databricks.GenieStartConversationResponse;
import io.genieenhancer.databricks.ResultData;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.databricks.StatementResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripted stand-ins for the Databricks ports: each call takes the next scripted answer (an exception is
 * thrown); the last answer of a script repeats. Calls are recorded so tests can assert what was (not) asked.
 */
final class FakeWorkspace {

    static final String WAREHOUSE = "wh-1";

    /** Space with benchmarks: id -> [question, sql or null]. */
    static GenieSpace space(String spaceId, Map<String, String[]> benchmarks) {
        StringBuilder qs = new StringBuilder();
        benchmarks.forEach((id, qa) -> {
            if (qs.length() > 0) {
                qs.append(',');
            }
            qs.append("{\"id\":\"").append(id).append("\",\"question\":[").append(Wire.JSON.valueToTree(qa[0]).toString()).append("]");
            if (qa[1] != null) {
                qs.append(",\"answer\":[{\"format\":\"SQL\",\"content\":[").append(Wire.JSON.valueToTree(qa[1]).toString()).append("]}]");
            }
            qs.append('}');
        });
        String serialized = "{\"version\":2,\"benchmarks\":{\"questions\":[" + qs + "]}}";
        return new GenieSpace(spaceId, "Sales", null, WAREHOUSE, null, serialized, "etag-1", null, null);
    }

    static final class Spaces implements GenieSpaces {
        GenieSpace space;
        int gets;

        Spaces(GenieSpace space) {
            this.space = space;
        }

        @Override
        public GenieSpace get(String spaceId) {
            gets++;
            return space;
        }

        @Override
        public GenieSpace update(String spaceId, GenieSpaceUpdate update) {
            throw new UnsupportedOperationException("evaluation never writes the space");
        }

        @Override
        public List<GenieSpace> list() {
            return List.of(space);
        }
    }

    static final class Script {
        private final Deque<Object> answers = new ArrayDeque<>();

        Script then(Object answer) {
            answers.add(answer);
            return this;
        }

        /** Forgets what is left of the script. */
        Script only(Object answer) {
            answers.clear();
            return then(answer);
        }

        boolean isEmpty() {
            return answers.isEmpty();
        }

        @SuppressWarnings("unchecked")
        <T> T next(String what) {
            Object a = answers.size() > 1 ? answers.poll() : answers.peek();
            if (a == null) {
                throw new AssertionError("unexpected call: " + what);
            }
            if (a instanceof RuntimeException e) {
                throw e;
            }
            return (T) a;
        }
    }

    static final class Genie implements GenieConversations {
        final Script starts = new Script();
        final Script messages = new Script();
        final Script queryResults = new Script();
        final Script executeQueries = new Script();
        final List<String> asked = new ArrayList<>();
        int messagePolls;
        int executeQueryCalls;

        @Override
        public GenieStartConversationResponse startConversation(String spaceId, String content) {
            GenieStartConversationResponse r = starts.next("startConversation");
            asked.add(content);
            return r;
        }

        @Override
        public GenieMessage getMessage(String spaceId, String conversationId, String messageId) {
            messagePolls++;
            return messages.next("getMessage");
        }

        @Override
        public StatementResponse getAttachmentQueryResult(String spaceId, String conversationId, String messageId, String attachmentId) {
            return queryResults.next("getAttachmentQueryResult");
        }

        @Override
        public StatementResponse executeAttachmentQuery(String spaceId, String conversationId, String messageId, String attachmentId) {
            executeQueryCalls++;
            return executeQueries.next("executeAttachmentQuery");
        }
    }

    static final class Statements implements SqlStatements {
        final Script executes = new Script();
        final Script gets = new Script();
        final Map<Integer, ResultData> chunks = new HashMap<>();
        final List<ExecuteStatementRequest> executed = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();

        @Override
        public StatementResponse execute(ExecuteStatementRequest request) {
            StatementResponse r = executes.next("execute");
            executed.add(request);
            return r;
        }

        @Override
        public StatementResponse get(String statementId) {
            return gets.next("get " + statementId);
        }

        @Override
        public ResultData getResultChunk(String statementId, int chunkIndex) {
            ResultData d = chunks.get(chunkIndex);
            if (d == null) {
                throw new AssertionError("unexpected chunk " + chunkIndex);
            }
            return d;
        }

        @Override
        public void cancel(String statementId) {
            cancelled.add(statementId);
        }
    }

    static final class EvalRuns implements GenieEvalRuns {
        final Script creates = new Script();
        final Map<String, Script> runs = new HashMap<>();
        final Map<String, List<GenieEvalResult>> results = new HashMap<>();
        final Map<String, GenieEvalResultDetails> details = new HashMap<>();
        final List<List<String>> createdWith = new ArrayList<>();
        /** What {@link #list} answers: the space's eval runs as the workspace knows them. */
        final List<GenieEvalRunResponse> listed = new ArrayList<>();
        int detailCalls;

        @Override
        public GenieEvalRunResponse create(String spaceId, List<String> benchmarkQuestionIds) {
            GenieEvalRunResponse r = creates.next("create");
            createdWith.add(List.copyOf(benchmarkQuestionIds));
            return r;
        }

        @Override
        public GenieEvalRunResponse get(String spaceId, String evalRunId) {
            return runs.get(evalRunId).next("get " + evalRunId);
        }

        @Override
        public List<GenieEvalRunResponse> list(String spaceId) {
            return List.copyOf(listed);
        }

        @Override
        public List<GenieEvalResult> listResults(String spaceId, String evalRunId) {
            return results.getOrDefault(evalRunId, List.of());
        }

        @Override
        public GenieEvalResultDetails getResultDetails(String spaceId, String evalRunId, String resultId) {
            detailCalls++;
            return details.get(evalRunId + "/" + resultId);
        }
    }
}
