package io.genieenhancer.space;

/** Counts that describe a space at a glance (snapshot metadata, logs, reports). */
@io.quarkus.runtime.annotations.RegisterForReflection
public record SpaceStats(int tables, int columns, int instructions, int benchmarks) {

    public static SpaceStats of(SpaceConfig s) {
        var i = s.instructions();
        int instructions = i.textInstructions().size() + i.exampleQuestionSqls().size() + i.sqlFunctions().size()
                + i.joinSpecs().size() + i.sqlSnippets().size();
        return new SpaceStats((int) s.allTables().count(),
                s.allTables().mapToInt(t -> t.columnConfigs().size()).sum(),
                instructions, s.benchmarks().questions().size());
    }
}
