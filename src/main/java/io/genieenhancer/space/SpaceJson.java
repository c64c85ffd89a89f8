package io.genieenhancer.space;

import io.genieenhancer.error.Causes;
import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.space.SpaceConfig.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads and writes {@code serialized_space}. The mapping is written by hand (no reflection, native
 * friendly) so every error names its JSON path, and every unknown field is kept.
 *
 * <p>Version 1 is accepted and upgraded: its column keys {@code get_example_values} /
 * {@code build_value_dictionary} become {@code enable_format_assistance} / {@code enable_entity_matching},
 * and the space is printed as version 2 (the server rejects the v1 names on v2 spaces).
 */
public final class SpaceJson {

    /** Far above any real space (10 000 items × 25 000 chars is the theoretical edge), far below a heap problem. */
    public static final int MAX_SERIALIZED_CHARS = 20 * 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMappers.untrusted(MAX_NESTING_DEPTH, MAX_SERIALIZED_CHARS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpaceJson() {
    }

    public static SpaceConfig parse(String serializedSpace) {
        if (serializedSpace == null || serializedSpace.isBlank()) {
            throw new SpaceFormatException("$", "serialized_space is empty");
        }
        if (serializedSpace.length() > MAX_SERIALIZED_CHARS) {
            throw new SpaceFormatException("$", "serialized_space is " + serializedSpace.length()
                    + " characters; the limit is " + MAX_SERIALIZED_CHARS);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(serializedSpace);
        } catch (StreamConstraintsException e) {
            throw new SpaceFormatException("$", "JSON exceeds a safety limit: " + Causes.firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new SpaceFormatException("$", "not valid JSON" + where + ": " + Causes.firstLine(e.getOriginalMessage()));
        }
        return new Reader().space(root);
    }

    public static String print(SpaceConfig space) {
        try {
            return MAPPER.writeValueAsString(toTree(space));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a space model", e); // a tree always prints
        }
    }

    public static ObjectNode toTree(SpaceConfig s) {
        Writer w = new Writer();
        ObjectNode o = w.start(s.extras());
        // v1 input is always written as v2 (see class comment)
        w.put(o, "version", NODES.numberNode(SpaceConfig.CURRENT_VERSION));
        w.object(o, s.extras(), "config", s.config().extras(), c -> {
            w.array(c, "sample_questions", s.config().sampleQuestions(), s.config().extras(), q -> {
                ObjectNode n = w.start(q.extras());
                w.str(n, "id", q.id());
                w.strings(n, "question", q.question(), q.extras());
                return w.finish(n, q.extras());
            });
        });
        DataSources d = s.dataSources();
        w.object(o, s.extras(), "data_sources", d.extras(), ds -> {
            w.array(ds, "tables", d.tables(), d.extras(), w::table);
            w.array(ds, "metric_views", d.metricViews(), d.extras(), w::table);
        });
        Instructions i = s.instructions();
        w.object(o, s.extras(), "instructions", i.extras(), in -> {
            w.array(in, "text_instructions", i.textInstructions(), i.extras(), t -> {
                ObjectNode n = w.start(t.extras());
                w.str(n, "id", t.id());
                w.strings(n, "content", t.content(), t.extras());
                return w.finish(n, t.extras());
            });
            w.array(in, "example_question_sqls", i.exampleQuestionSqls(), i.extras(), e -> {
                ObjectNode n = w.start(e.extras());
                w.str(n, "id", e.id());
                w.strings(n, "question", e.question(), e.extras());
                w.strings(n, "sql", e.sql(), e.extras());
                w.strings(n, "usage_guidance", e.usageGuidance(), e.extras());
                w.array(n, "parameters", e.parameters(), e.extras(), p -> p);
                return w.finish(n, e.extras());
            });
            w.array(in, "sql_functions", i.sqlFunctions(), i.extras(), f -> {
                ObjectNode n = w.start(f.extras());
                w.str(n, "id", f.id());
                w.str(n, "identifier", f.identifier());
                return w.finish(n, f.extras());
            });
            w.array(in, "join_specs", i.joinSpecs(), i.extras(), j -> {
                ObjectNode n = w.start(j.extras());
                w.str(n, "id", j.id());
                w.put(n, "left", w.tableRef(j.left()));
                w.put(n, "right", w.tableRef(j.right()));
                w.strings(n, "sql", j.sql(), j.extras());
                w.strings(n, "comment", j.comment(), j.extras());
                w.strings(n, "instruction", j.instruction(), j.extras());
                return w.finish(n, j.extras());
            });
            SqlSnippets sn = i.sqlSnippets();
            w.object(in, i.extras(), "sql_snippets", sn.extras(), snode -> {
                w.array(snode, "filters", sn.filters(), sn.extras(), w::snippet);
                w.array(snode, "expressions", sn.expressions(), sn.extras(), w::snippet);
                w.array(snode, "measures", sn.measures(), sn.extras(), w::snippet);
            });
        });
        Benchmarks b = s.benchmarks();
        w.object(o, s.extras(), "benchmarks", b.extras(), bn -> w.array(bn, "questions", b.questions(), b.extras(), q -> {
            ObjectNode n = w.start(q.extras());
            w.str(n, "id", q.id());
            w.strings(n, "question", q.question(), q.extras());
            w.array(n, "answer", q.answer(), q.extras(), a -> {
                ObjectNode an = w.start(a.extras());
                w.str(an, "format", a.format());
                w.strings(an, "content", a.content(), a.extras());
                return w.finish(an, a.extras());
            });
            return w.finish(n, q.extras());
        }));
        return w.finish(o, s.extras());
    }

    // ------------------------------------------------------------------------------------ reading

    private static final class Reader {

        private boolean v1;

        SpaceConfig space(JsonNode root) {
            ObjectNode o = obj(root, "$");
            JsonNode version = o.get("version");
            if (version == null || version.isNull()) {
                throw new SpaceFormatException("$.version", "is required (1 or 2)");
            }
            if (!version.isIntegralNumber() || (version.asInt() != 1 && version.asInt() != 2)) {
                throw new SpaceFormatException("$.version", "must be 1 or 2, was " + version);
            }
            v1 = version.asInt() == 1;
            return new SpaceConfig(version.asInt(),
                    optObj(o, "config", "$", (n, p) -> new Config(list(n, "sample_questions", p, this::sampleQuestion),
                            extras(n, "sample_questions")), Config.EMPTY),
                    optObj(o, "data_sources", "$", (n, p) -> new DataSources(list(n, "tables", p, this::table),
                            list(n, "metric_views", p, this::table), extras(n, "tables", "metric_views")), DataSources.EMPTY),
                    optObj(o, "instructions", "$", this::instructions, Instructions.EMPTY),
                    optObj(o, "benchmarks", "$", (n, p) -> new Benchmarks(list(n, "questions", p, this::benchmark),
                            extras(n, "questions")), Benchmarks.EMPTY),
                    extras(o, "version", "config", "data_sources", "instructions", "benchmarks"));
        }

        SampleQuestion sampleQuestion(ObjectNode n, String p) {
            return new SampleQuestion(id(n, p), strings(n, "question", p), extras(n, "id", "question"));
        }

        Table table(ObjectNode n, String p) {
            return new Table(reqStr(n, "identifier", p), strings(n, "description", p),
                    list(n, "column_configs", p, this::column), extras(n, "identifier", "description", "column_configs"));
        }

        ColumnConfig column(ObjectNode n, String p) {
            String formatKey = v1 && n.has("get_example_values") ? "get_example_values" : "enable_format_assistance";
            String entityKey = v1 && n.has("build_value_dictionary") ? "build_value_dictionary" : "enable_entity_matching";
            ObjectNode upgraded = n;
            if (v1) { // rename v1 keys in place so key order is kept
                upgraded = NODES.objectNode();
                for (var it = n.fields(); it.hasNext(); ) {
                    var f = it.next();
                    String k = f.getKey().equals("get_example_values") ? "enable_format_assistance"
                            : f.getKey().equals("build_value_dictionary") ? "enable_entity_matching" : f.getKey();
                    upgraded.set(k, f.getValue());
                }
            }
            return new ColumnConfig(reqStr(n, "column_name", p), strings(n, "description", p), strings(n, "synonyms", p),
                    bool(n, "exclude", p), bool(n, formatKey, p), bool(n, entityKey, p),
                    extras(upgraded, "column_name", "description", "synonyms", "exclude", "enable_format_assistance",
                            "enable_entity_matching"));
        }

        Instructions instructions(ObjectNode n, String p) {
            return new Instructions(
                    list(n, "text_instructions", p, (t, tp) -> new TextInstruction(id(t, tp), strings(t, "content", tp),
                            extras(t, "id", "content"))),
                    list(n, "example_question_sqls", p, (e, ep) -> new ExampleQuestionSql(id(e, ep),
                            strings(e, "question", ep), strings(e, "sql", ep), strings(e, "usage_guidance", ep),
                            list(e, "parameters", ep, (pn, pp) -> pn),
                            extras(e, "id", "question", "sql", "usage_guidance", "parameters"))),
                    list(n, "sql_functions", p, (f, fp) -> new SqlFunction(id(f, fp), reqStr(f, "identifier", fp),
                            extras(f, "id", "identifier"))),
                    list(n, "join_specs", p, this::joinSpec),
                    optObj(n, "sql_snippets", p, (s, sp) -> new SqlSnippets(list(s, "filters", sp, this::snippet),
                            list(s, "expressions", sp, this::snippet), list(s, "measures", sp, this::snippet),
                            extras(s, "filters", "expressions", "measures")), SqlSnippets.EMPTY),
                    extras(n, "text_instructions", "example_question_sqls", "sql_functions", "join_specs", "sql_snippets"));
        }

        JoinSpec joinSpec(ObjectNode n, String p) {
            return new JoinSpec(id(n, p), tableRef(n, "left", p), tableRef(n, "right", p), strings(n, "sql", p),
                    strings(n, "comment", p), strings(n, "instruction", p),
                    extras(n, "id", "left", "right", "sql", "comment", "instruction"));
        }

        TableRef tableRef(ObjectNode parent, String key, String p) {
            JsonNode v = parent.get(key);
            String path = p + "." + key;
            if (v == null || v.isNull()) {
                throw new SpaceFormatException(path, "is required (a join spec needs both sides)");
            }
            ObjectNode n = obj(v, path);
            return new TableRef(reqStr(n, "identifier", path), optStr(n, "alias", path).orElse(""),
                    extras(n, "identifier", "alias"));
        }

        Snippet snippet(ObjectNode n, String p) {
            return new Snippet(id(n, p), optStr(n, "alias", p), optStr(n, "display_name", p), strings(n, "sql", p),
                    strings(n, "synonyms", p), strings(n, "instruction", p),
                    extras(n, "id", "alias", "display_name", "sql", "synonyms", "instruction"));
        }

        BenchmarkQuestion benchmark(ObjectNode n, String p) {
            return new BenchmarkQuestion(id(n, p), strings(n, "question", p),
                    list(n, "answer", p, (a, ap) -> new BenchmarkAnswer(reqStr(a, "format", ap), strings(a, "content", ap),
                            extras(a, "format", "content"))),
                    extras(n, "id", "question", "answer"));
        }

        // ---- primitives

        static ObjectNode obj(JsonNode n, String path) {
            if (!n.isObject()) {
                throw new SpaceFormatException(path, "must be an object, was " + kind(n));
            }
            return (ObjectNode) n;
        }

        static <T> T optObj(ObjectNode parent, String key, String p, BiFunction<ObjectNode, String, T> read, T absent) {
            JsonNode v = parent.get(key);
            if (v == null || v.isNull()) {
                return absent;
            }
            String path = p + "." + key;
            return read.apply(obj(v, path), path);
        }

        static <T> List<T> list(ObjectNode parent, String key, String p, BiFunction<ObjectNode, String, T> read) {
            JsonNode v = parent.get(key);
            if (v == null || v.isNull()) {
                return List.of();
            }
            String path = p + "." + key;
            if (!v.isArray()) {
                throw new SpaceFormatException(path, "must be an array, was " + kind(v));
            }
            List<T> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                String ip = path + "[" + i + "]";
                out.add(read.apply(obj(v.get(i), ip), ip));
            }
            return out;
        }

        /** Text fields are string arrays on the wire; a bare string is accepted and kept as one element. */
        static List<String> strings(ObjectNode parent, String key, String p) {
            JsonNode v = parent.get(key);
            if (v == null || v.isNull()) {
                return List.of();
            }
            String path = p + "." + key;
            if (v.isTextual()) {
                return List.of(v.textValue());
            }
            if (!v.isArray()) {
                throw new SpaceFormatException(path, "must be an array of strings, was " + kind(v));
            }
            List<String> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual()) {
                    throw new SpaceFormatException(path + "[" + i + "]", "must be a string, was " + kind(e));
                }
                out.add(e.textValue());
            }
            return out;
        }

        static String id(ObjectNode n, String p) {
            return reqStr(n, "id", p);
        }

        static String reqStr(ObjectNode n, String key, String p) {
            return optStr(n, key, p).orElseThrow(() -> new SpaceFormatException(p + "." + key, "is required"));
        }

        static Optional<String> optStr(ObjectNode n, String key, String p) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw new SpaceFormatException(p + "." + key, "must be a string, was " + kind(v));
            }
            return Optional.of(v.textValue());
        }

        static Optional<Boolean> bool(ObjectNode n, String key, String p) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isBoolean()) {
                throw new SpaceFormatException(p + "." + key, "must be true or false, was " + kind(v));
            }
            return Optional.of(v.booleanValue());
        }

        static Extras extras(ObjectNode n, String... known) {
            Set<String> k = Set.of(known);
            ObjectNode unknown = NODES.objectNode();
            List<String> order = new ArrayList<>(n.size());
            for (var it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                order.add(f.getKey());
                if (!k.contains(f.getKey())) {
                    unknown.set(f.getKey(), f.getValue());
                }
            }
            return new Extras(unknown, order);
        }

        static String kind(JsonNode n) {
            return n.getNodeType().name().toLowerCase();
        }
    }

    // ------------------------------------------------------------------------------------ writing

    /**
     * Writes known fields into a map, then emits the object in the original key order (unknown fields
     * interleaved where they were), then any new known fields in canonical order.
     */
    private static final class Writer {

        private final Map<ObjectNode, LinkedHashMap<String, JsonNode>> pending = new java.util.IdentityHashMap<>();

        ObjectNode start(Extras e) {
            ObjectNode n = NODES.objectNode();
            pending.put(n, new LinkedHashMap<>());
            return n;
        }

        ObjectNode finish(ObjectNode n, Extras e) {
            LinkedHashMap<String, JsonNode> known = pending.remove(n);
            ObjectNode unknown = e.unknownView();
            for (String k : e.keyOrder()) {
                if (known.containsKey(k)) {
                    n.set(k, known.remove(k));
                } else if (unknown.has(k)) {
                    n.set(k, unknown.get(k));
                }
            }
            known.forEach(n::set);
            return n;
        }

        void put(ObjectNode n, String key, JsonNode value) {
            pending.get(n).put(key, value);
        }

        void str(ObjectNode n, String key, String value) {
            pending.get(n).put(key, NODES.textNode(value));
        }

        void optStr(ObjectNode n, String key, Optional<String> value) {
            value.ifPresent(v -> str(n, key, v));
        }

        void bool(ObjectNode n, String key, Optional<Boolean> value) {
            value.ifPresent(v -> pending.get(n).put(key, NODES.booleanNode(v)));
        }

        void strings(ObjectNode n, String key, List<String> values, Extras e) {
            if (values.isEmpty() && !e.wasPresent(key)) {
                return;
            }
            ArrayNode a = NODES.arrayNode(values.size());
            values.forEach(a::add);
            pending.get(n).put(key, a);
        }

        <T> void array(ObjectNode n, String key, List<T> items, Extras e, java.util.function.Function<T, JsonNode> write) {
            if (items.isEmpty() && !e.wasPresent(key)) {
                return;
            }
            ArrayNode a = NODES.arrayNode(items.size());
            for (T item : items) {
                a.add(write.apply(item));
            }
            pending.get(n).put(key, a);
        }

        /** Nested section: written when it has content or was present in the input. */
        void object(ObjectNode parent, Extras parentExtras, String key, Extras e,
                java.util.function.Consumer<ObjectNode> fill) {
            ObjectNode n = start(e);
            fill.accept(n);
            boolean hasContent = !pending.get(n).isEmpty() || !e.unknownView().isEmpty();
            finish(n, e);
            if (hasContent || parentExtras.wasPresent(key)) {
                pending.get(parent).put(key, n);
            }
        }

        JsonNode table(Table t) {
            ObjectNode n = start(t.extras());
            str(n, "identifier", t.identifier());
            strings(n, "description", t.description(), t.extras());
            array(n, "column_configs", t.columnConfigs(), t.extras(), c -> {
                ObjectNode cn = start(c.extras());
                str(cn, "column_name", c.columnName());
                strings(cn, "description", c.description(), c.extras());
                strings(cn, "synonyms", c.synonyms(), c.extras());
                bool(cn, "exclude", c.exclude());
                bool(cn, "enable_format_assistance", c.enableFormatAssistance());
                bool(cn, "enable_entity_matching", c.enableEntityMatching());
                return finish(cn, c.extras());
            });
            return finish(n, t.extras());
        }

        JsonNode tableRef(TableRef r) {
            ObjectNode n = start(r.extras());
            str(n, "identifier", r.identifier());
            if (!r.alias().isEmpty() || r.extras().wasPresent("alias")) {
                str(n, "alias", r.alias());
            }
            return finish(n, r.extras());
        }

        JsonNode snippet(Snippet s) {
            ObjectNode n = start(s.extras());
            str(n, "id", s.id());
            optStr(n, "alias", s.alias());
            optStr(n, "display_name", s.displayName());
            strings(n, "sql", s.sql(), s.extras());
            strings(n, "synonyms", s.synonyms(), s.extras());
            strings(n, "instruction", s.instruction(), s.extras());
            return finish(n, s.extras());
        }
    }
}
