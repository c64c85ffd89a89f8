package io.genieenhancer.sandbox.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.sandbox.WorkspaceState;
import io.genieenhancer.sandbox.WorkspaceState.Conversation;
import io.genieenhancer.sandbox.WorkspaceState.EvalItem;
import io.genieenhancer.sandbox.WorkspaceState.EvalRun;
import io.genieenhancer.sandbox.WorkspaceState.Message;
import io.genieenhancer.sandbox.WorkspaceState.SpaceView;
import io.genieenhancer.sandbox.WorkspaceState.Statement;
import io.genieenhancer.sandbox.eval.ResultComparison;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.sql.QueryResult;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes the sandbox answers with, field for field as the Databricks SDK models name them
 * (GenieSpace, GenieMessage, GenieQueryAttachment, StatementResponse, GenieEvalRunResponse,
 * GenieEvalResult, GenieEvalResultDetails; see docs/sandbox.md and the API reference).
 */
final class Payloads {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Payloads() {
    }

    static ObjectNode error(String errorCode, String message) {
        return F.objectNode().put("error_code", errorCode).put("message", message);
    }

    static ObjectNode space(SpaceView s, boolean includeSerialized) {
        ObjectNode o = F.objectNode()
                .put("space_id", s.spaceId())
                .put("title", s.title())
                .put("description", s.description())
                .put("warehouse_id", s.warehouseId())
                .put("parent_path", s.parentPath())
                .put("etag", s.etag())
                .put("create_time", s.createTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString())
                .put("update_time", s.updateTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        if (includeSerialized) {
            o.put("serialized_space", s.serializedSpace());
        }
        return o;
    }

    static ObjectNode conversation(Conversation c) {
        return F.objectNode()
                .put("id", c.id())
                .put("conversation_id", c.id())
                .put("space_id", c.spaceId())
                .put("title", c.title())
                .put("user_id", WorkspaceState.USER_ID)
                .put("created_timestamp", c.createdAt().toEpochMilli())
                .put("last_updated_timestamp", c.createdAt().toEpochMilli());
    }

    static ObjectNode message(Message m, String status, Instant now) {
        ObjectNode o = F.objectNode()
                .put("id", m.id())
                .put("message_id", m.id())
                .put("conversation_id", m.conversationId())
                .put("space_id", m.spaceId())
                .put("content", m.content())
                .put("status", status)
                .put("user_id", WorkspaceState.USER_ID)
                .put("created_timestamp", m.createdAt().toEpochMilli())
                .put("last_updated_timestamp", (status.equals("COMPLETED") ? m.createdAt() : now).toEpochMilli());
        ArrayNode attachments = o.putArray("attachments");
        boolean queryVisible = status.equals("EXECUTING_QUERY") || status.equals("COMPLETED");
        if (m.answer() instanceof SandboxGenie.SqlAnswer a && queryVisible) {
            Statement st = m.statement().orElseThrow();
            ObjectNode query = F.objectNode()
                    .put("id", m.attachmentId())
                    .put("title", title(m.content()))
                    .put("description", a.description())
                    .put("query", a.sql())
                    .put("statement_id", st.id())
                    .put("last_updated_timestamp", m.createdAt().toEpochMilli());
            st.result().ifPresent(r -> query.putObject("query_result_metadata")
                    .put("row_count", r.rows().size()).put("is_truncated", r.truncated()));
            // The planner's notes are NOT sent as "thoughts": they would tell an analyser more than Genie does.
            attachments.addObject().put("attachment_id", m.attachmentId()).set("query", query);
        } else if (m.answer() instanceof SandboxGenie.TextAnswer t && status.equals("COMPLETED")) {
            attachments.addObject().put("attachment_id", m.attachmentId()).set("text", F.objectNode()
                    .put("id", m.attachmentId()).put("content", t.text()).put("purpose", "FOLLOW_UP_QUESTION"));
        }
        if (attachments.isEmpty()) {
            o.remove("attachments");
        }
        return o;
    }

    private static String title(String question) {
        String t = question.replaceAll("[?.!]+$", "").trim();
        return t.length() > 60 ? t.substring(0, 60) : t;
    }

    /** StatementResponse, INLINE + JSON_ARRAY: one chunk holding every row. */
    static ObjectNode statement(Statement s, String state) {
        ObjectNode o = F.objectNode().put("statement_id", s.id());
        ObjectNode status = o.putObject("status").put("state", state);
        if (state.equals("FAILED")) {
            s.failure().ifPresent(f -> {
                status.putObject("error").put("error_code", f.errorCode()).put("message", f.getMessage());
                if (f.sqlState() != null) {
                    status.put("sql_state", f.sqlState());
                }
            });
        }
        if (state.equals("SUCCEEDED")) {
            QueryResult r = s.result().orElseThrow();
            ObjectNode manifest = o.putObject("manifest").put("format", "JSON_ARRAY");
            ObjectNode schema = manifest.putObject("schema").put("column_count", r.columns().size());
            ArrayNode cols = schema.putArray("columns");
            for (QueryResult.Column c : r.columns()) {
                cols.addObject().put("name", c.name()).put("type_name", c.typeName()).put("type_text", c.typeText())
                        .put("position", c.position());
            }
            manifest.put("total_row_count", r.rows().size()).put("total_chunk_count", 1).put("truncated", r.truncated());
            manifest.putArray("chunks").addObject().put("chunk_index", 0).put("row_offset", 0).put("row_count", r.rows().size());
            o.set("result", resultData(r));
        }
        return o;
    }

    /** ResultData of chunk 0. With no rows Databricks leaves out data_array; so does the sandbox. */
    static ObjectNode resultData(QueryResult r) {
        ObjectNode result = F.objectNode().put("chunk_index", 0).put("row_offset", 0).put("row_count", r.rows().size());
        if (!r.rows().isEmpty()) {
            ArrayNode data = result.putArray("data_array");
            for (List<String> row : r.rows()) {
                ArrayNode a = data.addArray();
                row.forEach(a::add);
            }
        }
        return result;
    }

    static ObjectNode evalRun(EvalRun run, WorkspaceState state, Instant now) {
        long done = run.items().stream().filter(state::done).count();
        long correct = run.items().stream().filter(state::done).filter(i -> i.outcome().verdict().good()).count();
        long review = run.items().stream().filter(state::done)
                .filter(i -> i.outcome().verdict().assessment() == ResultComparison.Assessment.NEEDS_REVIEW).count();
        return F.objectNode()
                .put("eval_run_id", run.id())
                .put("eval_run_status", state.done(run) ? "DONE" : "RUNNING")
                .put("num_questions", run.items().size())
                .put("num_done", done)
                .put("num_correct", correct)
                .put("num_needs_review", review)
                .put("created_timestamp", run.createdAt().toEpochMilli())
                .put("last_updated_timestamp", run.lastUpdated(now).toEpochMilli())
                .put("run_by_user", WorkspaceState.USER_ID);
    }

    static ObjectNode evalResult(EvalRun run, EvalItem item, WorkspaceState state) {
        return F.objectNode()
                .put("result_id", item.resultId())
                .put("space_id", run.spaceId())
                .put("benchmark_question_id", item.outcome().question().id())
                .put("question", item.outcome().question().questionText())
                .put("benchmark_answer", item.outcome().question().groundTruthSql().orElse(""))
                .put("status", state.done(item) ? "DONE" : "RUNNING")
                .put("created_by_user", WorkspaceState.USER_ID);
    }

    static ObjectNode evalResultDetails(EvalRun run, EvalItem item, WorkspaceState state) {
        ObjectNode o = F.objectNode()
                .put("result_id", item.resultId())
                .put("space_id", run.spaceId())
                .put("benchmark_question_id", item.outcome().question().id())
                .put("eval_run_status", state.done(item) ? "DONE" : "RUNNING");
        if (!state.done(item)) {
            return o;
        }
        ResultComparison.Verdict v = item.outcome().verdict();
        o.put("assessment", v.assessment().name());
        ArrayNode reasons = o.putArray("assessment_reasons");
        v.reasons().forEach(reasons::add);
        o.put("manual_assessment", false);
        ArrayNode actual = o.putArray("actual_response");
        SandboxGenie.Answer a = item.outcome().answer();
        if (a instanceof SandboxGenie.SqlAnswer sql) {
            ObjectNode r = actual.addObject().put("response", sql.sql()).put("response_type", "SQL");
            item.actual().ifPresent(st -> r.set("sql_execution_result", statement(st, st.state())));
        } else if (a instanceof SandboxGenie.TextAnswer t) {
            actual.addObject().put("response", t.text()).put("response_type", "TEXT");
        }
        ArrayNode expected = o.putArray("expected_response");
        ObjectNode e = expected.addObject().put("response", item.outcome().question().groundTruthSql().orElse("")).put("response_type", "SQL");
        item.expected().ifPresent(st -> e.set("sql_execution_result", statement(st, st.state())));
        return o;
    }
}
