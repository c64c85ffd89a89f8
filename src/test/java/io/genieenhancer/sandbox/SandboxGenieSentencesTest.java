package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sentences in the sandbox Genie's grammar: an output list ends with its sentence, in {@link MiniWorld}. */
class SandboxGenieSentencesTest extends OnMiniWorld {

    @Test
    void anOutputListEndsWithItsSentence() {
        String sql = w.sql("Which members cancelled in 2024? Return the name. The city does not matter.");
        assertTrue(sql.startsWith("SELECT DISTINCT members.name\n"), sql);
        assertFalse(sql.contains("members.city"), sql);
        assertTrue(w.sql("Which members cancelled in 2024? Return the name and the city.").contains("members.city"));
    }
}
