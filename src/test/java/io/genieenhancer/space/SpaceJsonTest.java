package io.genieenhancer.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SpaceJsonTest {

    static final ObjectMapper M = new ObjectMapper();

    static String resource(String name) {
        try (InputStream in = SpaceJsonTest.class.getResourceAsStream("/spaces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode tree(String json) throws IOException {
        return M.readTree(json);
    }

    @Test
    void anUntouchedRealisticSpacePrintsBackSemanticallyIdenticalIncludingUnknownFields() throws IOException {
        String input = resource("realistic-with-unknown-fields.json");
        String printed = SpaceJson.print(SpaceJson.parse(input));
        assertEquals(tree(input), tree(printed));
    }

    @Test
    void theModelExposesTheKnownFields() {
        SpaceConfig s = SpaceJson.parse(resource("realistic-with-unknown-fields.json"));
        assertEquals(2, s.dataSources().tables().size());
        SpaceConfig.ColumnConfig region = s.table("main.sales.customers").orElseThrow().column("region").orElseThrow();
        assertEquals(List.of("territory", "area"), region.synonyms());
        assertTrue(region.entityMatching());
        assertEquals("Fiscal year starts April 1.\nExclude cancelled orders unless asked.\n",
                SpaceConfig.text(s.instructions().textInstructions().get(0).content()));
        assertEquals("SELECT AVG(order_amount) FROM main.sales.orders",
                s.benchmarks().questions().get(0).groundTruthSql().orElseThrow());
        assertEquals("orders", s.instructions().joinSpecs().get(0).left().alias());
        assertEquals(new SpaceStats(2, 4, 7, 1), SpaceStats.of(s));
    }

    @Test
    void unknownFieldsSurviveAChangeOfTheSameObject() throws IOException {
        SpaceConfig s = SpaceJson.parse(resource("realistic-with-unknown-fields.json"));
        SpaceConfig.Table customers = s.table("main.sales.customers").orElseThrow()
                .withColumn("region", c -> c.withSynonyms(List.of("territory", "area", "zone")));
        List<SpaceConfig.Table> tables = new ArrayList<>(s.dataSources().tables());
        tables.set(0, customers);
        JsonNode printed = tree(SpaceJson.print(s.withDataSources(s.dataSources().withTables(tables))));
        JsonNode region = printed.at("/data_sources/tables/0/column_configs/1");
        assertEquals(42, region.get("column_unknown").asInt());
        assertEquals("zone", region.get("synonyms").get(2).asText());
        assertTrue(printed.at("/data_sources/tables/0/table_unknown").has("a"));
        assertEquals("kept", printed.at("/config/config_unknown").asText());
    }

    @Test
    void emptySectionsStayAndAbsentSectionsStayAbsent() throws IOException {
        String input = "{\"version\":2,\"config\":{},\"data_sources\":{\"tables\":[],\"metric_views\":[]},"
                + "\"instructions\":{\"sql_snippets\":{}}}";
        assertEquals(tree(input), tree(SpaceJson.print(SpaceJson.parse(input))));
        assertEquals(tree("{\"version\":2}"), tree(SpaceJson.print(SpaceJson.parse("{\"version\":2}"))));
    }

    @Test
    void unicodeAndEscapesRoundTrip() throws IOException {
        String input = "{\"version\":2,\"instructions\":{\"text_instructions\":[{\"id\":\"0123456789abcdef0123456789abcdef\","
                + "\"content\":[\"Umsatz ≠ Gewinn — 売上 \\\"quoted\\\"\\n\", \"tab\\tend \\u0000?\"]}]}}";
        SpaceConfig s = SpaceJson.parse(input);
        assertTrue(SpaceConfig.text(s.instructions().textInstructions().get(0).content()).contains("売上 \"quoted\"\n"));
        assertEquals(tree(input), tree(SpaceJson.print(s)));
    }

    @Test
    void tenThousandItemArraysRoundTrip() throws IOException {
        StringBuilder b = new StringBuilder("{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"c.s.wide\",\"column_configs\":[");
        for (int i = 0; i < 10_000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"column_name\":\"col_").append(String.format("%05d", i))
                    .append("\",\"synonyms\":[\"s").append(i).append("\"],\"u\":").append(i).append('}');
        }
        b.append("]}]}}");
        String input = b.toString();
        SpaceConfig s = SpaceJson.parse(input);
        assertEquals(10_000, s.dataSources().tables().get(0).columnConfigs().size());
        assertEquals(tree(input), tree(SpaceJson.print(s)));
    }

    @Test
    void versionOneIsAcceptedAndUpgradedToVersionTwoNames() throws IOException {
        SpaceConfig s = SpaceJson.parse(resource("version1.json"));
        SpaceConfig.ColumnConfig a = s.dataSources().tables().get(0).columnConfigs().get(0);
        assertTrue(a.entityMatching());
        assertTrue(a.formatAssistance());
        JsonNode printed = tree(SpaceJson.print(s));
        assertEquals(2, printed.get("version").asInt());
        JsonNode col = printed.at("/data_sources/tables/0/column_configs/0");
        assertTrue(col.get("enable_entity_matching").asBoolean());
        assertTrue(col.get("enable_format_assistance").asBoolean());
        assertFalse(col.has("get_example_values"));
        assertFalse(col.has("build_value_dictionary"));
        assertEquals(1, col.get("x").asInt());
    }

    @Test
    void notJsonIsATypedErrorWithALocation() {
        SpaceFormatException e = assertThrows(SpaceFormatException.class, () -> SpaceJson.parse("{\"version\": 2,"));
        assertEquals("$", e.path());
        assertTrue(e.reason().startsWith("not valid JSON at line 1"), e.reason());
    }

    @Test
    void wrongTypesNameTheirPath() {
        SpaceFormatException e = assertThrows(SpaceFormatException.class, () -> SpaceJson.parse(
                "{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"a.b.c\",\"column_configs\":[{\"column_name\":7}]}]}}"));
        assertEquals("$.data_sources.tables[0].column_configs[0].column_name", e.path());
        assertEquals("must be a string, was number", e.reason());

        e = assertThrows(SpaceFormatException.class, () -> SpaceJson.parse("{\"version\":2,\"benchmarks\":[]}"));
        assertEquals("$.benchmarks", e.path());

        e = assertThrows(SpaceFormatException.class, () -> SpaceJson.parse(
                "{\"version\":2,\"instructions\":{\"join_specs\":[{\"id\":\"0123456789abcdef0123456789abcdef\",\"left\":{\"identifier\":\"a.b.c\"}}]}}"));
        assertEquals("$.instructions.join_specs[0].right", e.path());
    }

    @Test
    void versionIsRequiredAndMustBeOneOrTwo() {
        assertEquals("$.version", assertThrows(SpaceFormatException.class, () -> SpaceJson.parse("{}")).path());
        assertEquals("must be 1 or 2, was 3",
                assertThrows(SpaceFormatException.class, () -> SpaceJson.parse("{\"version\":3}")).reason());
        assertEquals("must be 1 or 2, was \"2\"",
                assertThrows(SpaceFormatException.class, () -> SpaceJson.parse("{\"version\":\"2\"}")).reason());
        assertEquals("must be an object, was array",
                assertThrows(SpaceFormatException.class, () -> SpaceJson.parse("[1]")).reason());
    }

    @Test
    void aFiftyMegabyteStringIsRefusedBeforeParsing() {
        String huge = "{\"version\":2,\"x\":\"" + "a".repeat(50 * 1024 * 1024) + "\"}";
        SpaceFormatException e = assertThrows(SpaceFormatException.class, () -> SpaceJson.parse(huge));
        assertTrue(e.reason().contains("the limit is"), e.reason());
    }

    @Test
    void deeplyNestedJsonIsRefusedWithATypedError() {
        String deep = "{\"version\":2,\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        SpaceFormatException e = assertThrows(SpaceFormatException.class, () -> SpaceJson.parse(deep));
        assertTrue(e.reason().startsWith("JSON exceeds a safety limit"), e.reason());
    }

    @Test
    void emptyInputIsATypedError() {
        assertThrows(SpaceFormatException.class, () -> SpaceJson.parse(""));
        assertThrows(SpaceFormatException.class, () -> SpaceJson.parse(null));
    }
}
