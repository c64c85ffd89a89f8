package io.genieenhancer.sandbox.genie;

import io.genieenhancer.space.SpaceConfig;

/**
 * What answers a question in the sandbox, from the space version in effect: the deterministic grammar
 * ({@link #DETERMINISTIC}, the default and the one tests use) or a language model ({@link LlmGenie}).
 */
@FunctionalInterface
public interface Genie {

    /**
     * @param space     the space version in effect, as stored: it still holds the benchmarks, which an
     *                  implementation must never show to whatever writes the SQL
     * @param knowledge the deterministic reading of that version (benchmarks already removed)
     * @param slip      the seeded non-determinism knob (see {@link SandboxGenie}); a model has its own
     */
    SandboxGenie.Answer answer(SpaceConfig space, Knowledge knowledge, String question, boolean slip);

    Genie DETERMINISTIC = (space, knowledge, question, slip) -> SandboxGenie.answer(knowledge, question, slip);
}
