package io.genieenhancer.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import io.genieenhancer.databricks.GenieMessage;
import io.genieenhancer.databricks.GenieStartConversationResponse;
import io.genieenhancer.databricks.StatementResponse;

import java.util.List;

/** Databricks payloads for the fake ports, written as the documented JSON and parsed into the wire records. */
final class Wire {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Wire() {
    }

    static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String statementJson(String id, List<String> columns, List<List<String>> rows, boolean truncated) {
        ObjectNode root = JSON.createObjectNode();
        root.put("statement_id", id);
        root.putObject("status").put("state", "SUCCEEDED");
        ObjectNode manifest = root.putObject("manifest");
        manifest.put("format", "JSON_ARRAY");
        ArrayNode cols = manifest.putObject("schema").put("column_count", columns.size()).putArray("columns");
        for (int i = 0; i < columns.size(); i++) {
            cols.addObject().put("name", columns.get(i)).put("type_name", "STRING").put("position", i);
        }
        manifest.put("total_row_count", rows.size()).put("total_chunk_count", 1).put("truncated", truncated);
        ObjectNode result = root.putObject("result");
        result.put("chunk_index", 0).put("row_offset", 0).put("row_count", rows.size());
        ArrayNode data = result.putArray("data_array");
        for (List<String> r : rows) {
            ArrayNode row = data.addArray();
            r.forEach(row::add);
        }
        return root.toString();
    }

    static StatementResponse succeeded(String id, List<String> columns, List<List<String>> rows) {
        return parse(statementJson(id, columns, rows, false), StatementResponse.class);
    }

    static StatementResponse truncated(String id, List<String> columns, List<List<String>> rows) {
        return parse(statementJson(id, columns, rows, true), StatementResponse.class);
    }

    /** SQL errors come back as HTTP 200 with state FAILED. */
    static StatementResponse failed(String id, String code, String message) {
        return parse("{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":\"" + code
                + "\",\"message\":\"" + message + "\"}}}", StatementResponse.class);
    }

    static StatementResponse state(String id, String state) {
        return parse("{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"" + state + "\"}}", StatementResponse.class);
    }

    static GenieStartConversationResponse started(String conversation, String message) {
        return parse("{\"conversation_id\":\"" + conversation + "\",\"message_id\":\"" + message + "\",\"message\":{\"message_id\":\""
                + message + "\",\"status\":\"SUBMITTED\"}}", GenieStartConversationResponse.class);
    }

    static GenieMessage message(String status) {
        return parse("{\"message_id\":\"m-1\",\"conversation_id\":\"c-1\",\"status\":\"" + status + "\",\"attachments\":[]}",
                GenieMessage.class);
    }

    static GenieMessage withQuery(String status, String sql) {
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", "m-1").put("conversation_id", "c-1").put("status", status);
        ArrayNode attachments = m.putArray("attachments");
        attachments.addObject().put("attachment_id", "a-text").putObject("text").put("content", "Here you go")
                .put("purpose", "TEXT_ATTACHMENT_PURPOSE_ANSWER");
        attachments.addObject().put("attachment_id", "a-query").putObject("query").put("query", sql)
                .put("statement_id", "genie-stmt");
        return parse(m.toString(), GenieMessage.class);
    }

    static GenieMessage clarification(String question) {
        return parse("{\"message_id\":\"m-1\",\"conversation_id\":\"c-1\",\"status\":\"COMPLETED\",\"attachments\":["
                + "{\"attachment_id\":\"a-1\",\"text\":{\"content\":\"" + question + "\",\"purpose\":\"FOLLOW_UP_QUESTION\"}}]}",
                GenieMessage.class);
    }

    static GenieMessage textOnly(String text) {
        return parse("{\"message_id\":\"m-1\",\"conversation_id\":\"c-1\",\"status\":\"COMPLETED\",\"attachments\":["
                + "{\"attachment_id\":\"a-1\",\"text\":{\"content\":\"" + text + "\",\"purpose\":\"TEXT_ATTACHMENT_PURPOSE_ANSWER\"}}]}",
                GenieMessage.class);
    }

    static GenieMessage failedMessage(String type, String error) {
        return parse("{\"message_id\":\"m-1\",\"conversation_id\":\"c-1\",\"status\":\"FAILED\",\"attachments\":[],"
                + "\"error\":{\"type\":\"" + type + "\",\"error\":\"" + error + "\"}}", GenieMessage.class);
    }
}
