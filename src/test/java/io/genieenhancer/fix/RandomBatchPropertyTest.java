package io.genieenhancer.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.genieenhancer.bench.SpaceGenerator;
import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-style: random batches of well-formed fixes (duplicates, conflicts and budget overflows included)
 * always plan and apply into a config that passes the server's rules, keeps every unknown field of the input,
 * does not depend on the order of the proposals, and is a fixed point of applying the same fixes again.
 */
class RandomBatchPropertyTest {

    private static final int BATCHES = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[][] COLUMNS = {
            {"main.sales.customers", "customer_id"}, {"main.sales.customers", "name"}, {"main.sales.customers", "region"},
            {"main.sales.customers", "segment"}, {"main.sales.orders", "customer_id"}, {"main.sales.orders", "order_amount"},
            {"main.sales.orders", "order_date"}, {"main.sales.orders", "status"}, {"main.sales.orders", "product_id"},
            {"main.sales.products", "category"}, {"main.sales.products", "name"}};
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
            "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};
    /** Instructions without unknown fields: removing one must not lose an unknown field. */
    private static final String[] REMOVABLE = {SampleSpace.FUNCTION_ID, SampleSpace.FILTER_ID, SampleSpace.EXPRESSION_ID,
            SampleSpace.MEASURE_ID};

    static Fix randomFix(Random r) {
        String[] col = COLUMNS[r.nextInt(COLUMNS.length)];
        String word = WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : " " + WORDS[r.nextInt(WORDS.length)]);
        FixMeta meta = new FixMeta(List.of("q" + r.nextInt(20)), List.of("reason " + r.nextInt(5)),
                Confidence.values()[r.nextInt(3)], FixSource.values()[r.nextInt(2)]);
        String table = r.nextBoolean() ? col[0] : col[0].substring(col[0].lastIndexOf('.') + 1);
        int n = r.nextInt(1000);
        return switch (r.nextInt(15)) {
            case 0, 1 -> new AddSynonym(table, col[1], r.nextBoolean() ? word : word.toUpperCase() + "s", meta);
            case 2 -> new RemoveSynonym("orders", "order_amount", r.nextBoolean() ? "sales" : "revenue", meta);
            case 3 -> new SetColumnDescription(table, col[1], "The " + word + " of the row", meta);
            case 4 -> new ExtendColumnDescription(table, col[1], "Also known as " + word + ".", meta);
            case 5 -> new SetTableDescription(table, "Rows of " + word, meta);
            case 6 -> r.nextBoolean()
                    ? new AddJoinSpec("orders", "", "products", "", "orders.product_id = products.product_id",
                    Relationship.values()[r.nextInt(4)], "", "", meta)
                    : new AddJoinSpec("customers", "c", "orders", "o", "o.customer_id = c.customer_id", Relationship.ONE_TO_MANY, "", "", meta);
            case 7 -> new AddExampleSql("How many orders have the code " + n + "?",
                    "SELECT COUNT(*) FROM main.sales.orders o WHERE o.order_id = " + n, r.nextBoolean() ? "" : "lookup by code", meta);
            case 8 -> new SetTextInstruction("Rule " + word + ".", meta);
            case 9 -> new AppendTextInstruction("Remember " + word + ".", meta);
            case 10 -> new AddSqlSnippet(SnippetKind.values()[r.nextInt(3)], "snippet " + word,
                    "", r.nextBoolean() ? "orders.order_amount > " + n : "customers.region = '" + word + "'", List.of(word), "", meta);
            case 11 -> new RemoveInstruction(REMOVABLE[r.nextInt(REMOVABLE.length)], meta);
            case 12 -> new EnableEntityMatching(table, col[1], r.nextInt(4) > 0, meta);
            case 13 -> new EnableFormatAssistance(table, col[1], r.nextInt(4) > 0, meta);
            default -> new RemoveJoinSpec("orders", "products", "", meta);
        };
    }

    @Test
    void randomValidBatchesAlwaysGiveAValidConfigThatKeepsEveryUnknownField() throws Exception {
        SpaceConfig space = SampleSpace.space();
        Map<String, JsonNode> unknownBefore = unknownFields(SpaceJson.print(space));
        assertEquals(10, unknownBefore.size());
        Random r = new Random(20261126L);
        int applied = 0;
        for (int b = 0; b < BATCHES; b++) {
            List<Fix> batch = new ArrayList<>();
            int size = 1 + r.nextInt(40);
            for (int i = 0; i < size; i++) {
                batch.add(randomFix(r));
            }
            FixPlan plan = FixEngine.plan(space, batch, FixPolicy.defaults(space));
            for (FixVerdict v : plan.withStatus(FixVerdict.Status.INVALID)) {
                // only the space can make a well-formed fix invalid: a synonym another column has
                assertTrue(v.problems().stream().allMatch(p -> p.rule().equals(Problem.SYNONYM_UNIQUE)), v.toString());
            }
            ApplyResult result = FixEngine.apply(space, plan);
            applied += result.applied().size();
            String printed = SpaceJson.print(result.config());
            String context = "batch " + b + ": " + FixJson.writeAll(batch);
            assertEquals(List.of(), SpaceRules.validate(SpaceJson.parse(printed)), context);
            assertEquals(unknownBefore, unknownFields(printed), context);

            assertTrue(FixEngine.apply(result.config(), plan).unchanged(), context);

            List<Fix> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled, r);
            assertEquals(printed, SpaceJson.print(FixEngine.apply(space, FixEngine.plan(space, shuffled, FixPolicy.defaults(space))).config()),
                    context);
        }
        assertTrue(applied > BATCHES * 3, "the batches must actually change things, applied " + applied);
    }

    @Test
    void aLargeGeneratedBatchOnAWideSpaceAppliesIntoAValidConfig() {
        SpaceConfig space = SpaceGenerator.space(100, 50, 200);
        List<Fix> fixes = SpaceGenerator.fixes(2_000, 100, 50, 1);
        FixPlan plan = FixEngine.plan(space, fixes, FixPolicy.defaults(space));
        ApplyResult result = FixEngine.apply(space, plan);
        assertEquals(List.of(), SpaceRules.validate(result.config()));
        assertTrue(plan.accepted().size() > 1_000, "accepted " + plan.accepted().size());
        assertTrue(plan.withStatus(FixVerdict.Status.CUT).size() > 0);
        assertTrue(plan.withStatus(FixVerdict.Status.INVALID).size() > 0);
        assertTrue(FixEngine.apply(result.config(), plan).unchanged());
    }

    /** Every field named x_* anywhere in the document, with its value (names are unique in the sample). */
    private static Map<String, JsonNode> unknownFields(String json) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        collect(JSON.readTree(json), out);
        return out;
    }

    private static void collect(JsonNode n, Map<String, JsonNode> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("x_")) {
                    out.put(e.getKey(), e.getValue());
                }
                collect(e.getValue(), out);
            });
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, out));
        }
    }
}
