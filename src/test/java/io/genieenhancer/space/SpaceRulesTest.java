package io.genieenhancer.space;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class SpaceRulesTest {

    static SpaceConfig realistic() {
        return SpaceJson.parse(SpaceJsonTest.resource("realistic-with-unknown-fields.json"));
    }

    static Set<String> rules(SpaceConfig s) {
        return SpaceRules.validate(s).stream().map(Violation::rule).collect(Collectors.toSet());
    }

    static String id(int n) {
        return String.format("%032x", n);
    }

    @Test
    void theRealisticExampleIsValid() {
        assertEquals(List.of(), SpaceRules.validate(realistic()));
    }

    @Test
    void canonicalSortsEveryArrayTheServerWantsSorted() {
        String unsorted = "{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"c.s.z\",\"column_configs\":["
                + "{\"column_name\":\"b\"},{\"column_name\":\"a\"}]},{\"identifier\":\"c.s.a\"}]},"
                + "\"instructions\":{\"example_question_sqls\":[{\"id\":\"" + id(9) + "\",\"question\":[\"q\"],\"sql\":[\"select 1\"],"
                + "\"parameters\":[{\"name\":\"z\"},{\"name\":\"a\"}]},{\"id\":\"" + id(2) + "\",\"question\":[\"q\"],\"sql\":[\"select 1\"]}]},"
                + "\"benchmarks\":{\"questions\":[{\"id\":\"" + id(5) + "\",\"question\":[\"q\"],\"answer\":[{\"format\":\"SQL\",\"content\":[\"select 1\"]}]},"
                + "{\"id\":\"" + id(4) + "\",\"question\":[\"q\"],\"answer\":[{\"format\":\"SQL\",\"content\":[\"select 1\"]}]}]}}";
        SpaceConfig s = SpaceJson.parse(unsorted);
        assertTrue(rules(s).contains("sorted"));
        SpaceConfig c = SpaceRules.canonical(s);
        assertEquals(List.of(), SpaceRules.validate(c));
        assertEquals("c.s.a", c.dataSources().tables().get(0).identifier());
        assertEquals("a", c.dataSources().tables().get(1).columnConfigs().get(0).columnName());
        assertEquals(id(2), c.instructions().exampleQuestionSqls().get(0).id());
        assertEquals("a", c.instructions().exampleQuestionSqls().get(1).parameters().get(0).get("name").asText());
        assertEquals(id(4), c.benchmarks().questions().get(0).id());
    }

    @Test
    void idsMustBeThirtyTwoLowercaseHex() {
        String bad = "{\"version\":2,\"instructions\":{\"text_instructions\":[{\"id\":\"ABC\",\"content\":[\"x\"]}]}}";
        List<Violation> v = SpaceRules.validate(SpaceJson.parse(bad));
        assertEquals("$.instructions.text_instructions[0].id", v.get(0).path());
        assertEquals("id-format", v.get(0).rule());
    }

    @Test
    void instructionIdsMustBeUniqueAcrossKinds() {
        SpaceConfig s = realistic();
        var i = s.instructions();
        var dup = new SpaceConfig.SqlFunction(i.textInstructions().get(0).id(), "main.sales.f2", Extras.none());
        SpaceConfig changed = s.withInstructions(i.withSqlFunctions(List.of(i.sqlFunctions().get(0), dup)));
        assertTrue(rules(changed).contains("unique-instruction-id"));
    }

    @Test
    void questionIdsMustBeUniqueAcrossSampleQuestionsAndBenchmarks() {
        SpaceConfig s = realistic();
        var q = s.benchmarks().questions().get(0);
        var clash = new SpaceConfig.BenchmarkQuestion(s.config().sampleQuestions().get(0).id(), q.question(), q.answer(), Extras.none());
        assertTrue(rules(s.withBenchmarks(new SpaceConfig.Benchmarks(List.of(clash), Extras.none())))
                .contains("unique-question-id"));
    }

    @Test
    void onlyOneTextInstructionIsAllowed() {
        SpaceConfig s = realistic();
        var i = s.instructions();
        var second = new SpaceConfig.TextInstruction(id(0xfffff), List.of("more"), Extras.none());
        assertTrue(rules(s.withInstructions(i.withTextInstructions(List.of(i.textInstructions().get(0), second))))
                .contains("one-text-instruction"));
    }

    @Test
    void stringsLongerThanTwentyFiveThousandCharactersAreViolations() {
        SpaceConfig s = realistic();
        SpaceConfig.Table t = s.dataSources().tables().get(0).withDescription(List.of("x".repeat(25_001)));
        SpaceConfig changed = s.withDataSources(s.dataSources().withTables(List.of(t, s.dataSources().tables().get(1))));
        Violation v = SpaceRules.validate(changed).get(0);
        assertEquals("$.data_sources.tables[0].description[0]", v.path());
        assertEquals("string-length", v.rule());
    }

    @Test
    void theHundredInstructionSlotBudgetIsEnforced() {
        SpaceConfig s = realistic();
        var examples = new java.util.ArrayList<SpaceConfig.ExampleQuestionSql>();
        for (int n = 0; n < 98; n++) {
            examples.add(new SpaceConfig.ExampleQuestionSql(id(0x100000 + n), List.of("q" + n), List.of("SELECT 1"),
                    List.of(), List.of(), Extras.none()));
        }
        // 98 examples + 1 function + 1 text block + 2 described tables = 102
        SpaceConfig changed = s.withInstructions(s.instructions().withExampleQuestionSqls(examples));
        assertEquals(102, SpaceRules.instructionSlots(changed));
        assertTrue(rules(changed).contains("instruction-slot-budget"));
    }

    @Test
    void theTwoHundredSnippetBudgetIsEnforced() {
        SpaceConfig s = realistic();
        var filters = new java.util.ArrayList<SpaceConfig.Snippet>();
        for (int n = 0; n < 199; n++) {
            filters.add(new SpaceConfig.Snippet(id(0x200000 + n), Optional.empty(), Optional.of("f" + n),
                    List.of("orders.order_amount > " + n), List.of(), List.of(), Extras.none()));
        }
        var sn = s.instructions().sqlSnippets();
        SpaceConfig changed = s.withInstructions(s.instructions().withSqlSnippets(
                new SpaceConfig.SqlSnippets(filters, sn.expressions(), sn.measures(), sn.extras())));
        assertTrue(rules(changed).contains("snippet-budget"));
    }

    @Test
    void joinSpecsNeedTheRelationshipAnnotationAndKnownTables() {
        SpaceConfig s = realistic();
        var j = s.instructions().joinSpecs().get(0);
        var noAnnotation = new SpaceConfig.JoinSpec(j.id(), j.left(), SpaceConfig.TableRef.of("main.other.t", "t"),
                List.of("`orders`.`customer_id` = `t`.`customer_id`"), List.of(), List.of(), Extras.none());
        Set<String> r = rules(s.withInstructions(s.instructions().withJoinSpecs(List.of(noAnnotation))));
        assertTrue(r.contains("join-spec-form"));
        assertTrue(r.contains("join-table-exists"));
    }

    @Test
    void benchmarksNeedExactlyOneSqlAnswer() {
        String bad = "{\"version\":2,\"benchmarks\":{\"questions\":[{\"id\":\"" + id(1) + "\",\"question\":[\"q\"],"
                + "\"answer\":[{\"format\":\"TEXT\",\"content\":[\"x\"]},{\"format\":\"SQL\",\"content\":[\"select 1\"]}]}]}}";
        assertEquals(Set.of("benchmark-answer"), rules(SpaceJson.parse(bad)));
    }

    @Test
    void tableIdentifiersAreThreeLevelAndColumnsUnique() {
        String bad = "{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"orders\",\"column_configs\":["
                + "{\"column_name\":\"a\"},{\"column_name\":\"a\"}]}]}}";
        assertEquals(Set.of("three-level-identifier", "unique-column"), rules(SpaceJson.parse(bad)));
    }

    @Test
    void entityMatchingNeedsFormatAssistance() {
        String bad = "{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"c.s.t\",\"column_configs\":["
                + "{\"column_name\":\"a\",\"enable_entity_matching\":true}]}]}}";
        assertEquals(Set.of("entity-matching-needs-format-assistance"), rules(SpaceJson.parse(bad)));
    }

    @Test
    void newIdsSortAfterExistingOnesAndAreDeterministic() {
        SpaceConfig s = realistic();
        String max = s.allIds().max(String::compareTo).orElseThrow();
        SpaceIds ids = SpaceIds.after(s);
        String a = ids.next();
        String b = ids.next();
        assertTrue(a.compareTo(max) > 0);
        assertTrue(b.compareTo(a) > 0);
        assertTrue(SpaceIds.isValid(a));
        assertEquals(a, SpaceIds.after(s).next());
    }
}
