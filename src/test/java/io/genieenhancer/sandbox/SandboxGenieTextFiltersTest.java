package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditions on text in the sandbox Genie's grammar: contains / starts with / ends with, "'x' in its
 * column", alternatives joined by "or", capitalised unknown values before a text column, and "named 'X'"
 * kept as typed. Checked on the rows the answers return in {@link MiniWorld}.
 */
class SandboxGenieTextFiltersTest extends OnMiniWorld {

    private static List<String> sorted(String question) {
        return w.rows(SandboxGenieGrammarTest.JOINS, question).stream().sorted().toList();
    }

    @Test
    void startsWithAndContainsAreCaseInsensitiveLikesAndOrJoinsThemIntoOneCondition() {
        assertEquals(List.of("Ann|Oslo", "Cem|Rome", "Dee|Rome"),
                sorted("Return the name and city of members whose name starts with 'a' or city contains 'RO', case-insensitive."));
        String sql = w.sql("Return the name of members whose name starts with 'A' or city contains 'ro'.");
        assertTrue(sql.contains("(LOWER(members.name) LIKE 'a%' OR LOWER(members.city) LIKE '%ro%')"), sql);
        assertEquals(List.of("Eve"), sorted("Which members have a name ending with 'e' and a city containing 'im'?"));
    }

    @Test
    void aQuotedValueInItsColumnIsAPartialMatch() {
        assertEquals(List.of("1"), w.rows("How many classes have 'OX' in their title?"));
        assertEquals(List.of("2"), w.rows("How many classes have 'GA' in their title or 'pi' in the title?"));
    }

    @Test
    void capitalisedUnknownWordsBeforeATextColumnArePartsOfItsValue() {
        assertEquals(List.of("3"), w.rows("How many members have a Gmail or Yahoo email address?"));
        assertEquals(List.of("2"), w.rows("How many members have a Gmail email?"));
        // a capital that starts a sentence is no value
        String sql = w.sql("Which members joined in 2024? Return name and city.");
        assertFalse(sql.contains("LIKE"), sql);
    }

    @Test
    void aThingNamedAQuotedValueIsItsNameAsTyped() {
        String sql = w.sql(SandboxGenieGrammarTest.JOINS, "How many visits did the member named 'Bob' make?");
        assertTrue(sql.contains("members.name = 'Bob'"), sql);
        assertEquals(List.of("3"), w.rows(SandboxGenieGrammarTest.JOINS, "How many visits did the member named 'Bob' make?"));
    }

    @Test
    void twoValuesOfOneColumnMeanEitherOfThem() {
        // Oslo: Ann, Bob; Rome: Cem, Dee
        String sql = w.sql(e -> e.entityMatching(MiniWorld.MEMBERS, "city"), "How many members are from Oslo and Rome?");
        assertTrue(sql.contains("(members.city = 'Oslo' OR members.city = 'Rome')"), sql);
        assertEquals(List.of("4"), w.rows(e -> e.entityMatching(MiniWorld.MEMBERS, "city"), "How many members are from Oslo and Rome?"));
    }
}
