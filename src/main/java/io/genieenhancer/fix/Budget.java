package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceRules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's capacity limits as a running account: 100 instruction slots (example SQLs, SQL functions,
 * the text-instruction block, described tables), 200 SQL snippets, and the (unconfirmed) 120
 * entity-matching columns. Planning admits fixes in priority order; a fix that does not fit is cut.
 */
final class Budget {

    private int slots;
    private int snippets;
    private int entityMatching;
    private boolean hasText;
    private final Set<String> describedTables = new HashSet<>();
    private final Set<String> exampleQuestions = new HashSet<>();
    private final Map<String, String> instructionKinds = new HashMap<>();
    private final Map<String, String> exampleQuestionById = new HashMap<>();
    private final Set<String> snippetNames = new HashSet<>();
    private final Set<String> snippetSql = new HashSet<>();
    private final Set<String> entityMatchingColumns = new HashSet<>();

    Budget(SpaceConfig space) {
        slots = SpaceRules.instructionSlots(space);
        snippets = space.instructions().sqlSnippets().size();
        hasText = !space.instructions().textInstructions().isEmpty();
        space.allTables().forEach(t -> {
            if (!SpaceConfig.text(t.description()).isBlank()) {
                describedTables.add(Text.ident(t.identifier()));
            }
            t.columnConfigs().forEach(c -> {
                if (c.entityMatching()) {
                    entityMatchingColumns.add(FixKeys.column(t.identifier(), c.columnName()));
                }
            });
        });
        entityMatching = entityMatchingColumns.size();
        var in = space.instructions();
        in.exampleQuestionSqls().forEach(e -> {
            String q = Text.questionKey(SpaceConfig.text(e.question()));
            exampleQuestions.add(q);
            exampleQuestionById.put(e.id(), q);
            instructionKinds.put(e.id(), "slot");
        });
        in.sqlFunctions().forEach(f -> instructionKinds.put(f.id(), "slot"));
        in.textInstructions().forEach(t -> instructionKinds.put(t.id(), "text"));
        for (SnippetKind k : SnippetKind.values()) {
            for (Snippet s : Snippets.of(in.sqlSnippets(), k)) {
                instructionKinds.put(s.id(), "snippet");
                s.displayName().ifPresent(n -> snippetNames.add(k + ":" + Text.norm(n)));
                snippetSql.add(k + ":" + Text.sqlKey(SpaceConfig.text(s.sql())));
            }
        }
    }

    /** Why the fix does not fit, or empty when it does. Does not take anything. */
    Optional<Problem> check(Fix fix) {
        Need n = need(fix);
        if (n.slots > 0 && slots + n.slots > SpaceRules.MAX_INSTRUCTION_SLOTS) {
            return Optional.of(new Problem(Problem.INSTRUCTION_SLOT_BUDGET, "all " + SpaceRules.MAX_INSTRUCTION_SLOTS
                    + " instruction slots are taken by the space and higher-priority fixes"));
        }
        if (n.snippets > 0 && snippets + n.snippets > SpaceRules.MAX_SNIPPETS) {
            return Optional.of(new Problem(Problem.SNIPPET_BUDGET, "all " + SpaceRules.MAX_SNIPPETS
                    + " SQL snippets are taken by the space and higher-priority fixes"));
        }
        if (n.entityMatching > 0 && entityMatching + n.entityMatching > FixPolicy.MAX_ENTITY_MATCHING_COLUMNS) {
            return Optional.of(new Problem(Problem.ENTITY_MATCHING_BUDGET, "entity matching is on for "
                    + FixPolicy.MAX_ENTITY_MATCHING_COLUMNS + " columns already"));
        }
        return Optional.empty();
    }

    /** Books an admitted fix. */
    void take(Fix fix) {
        Need n = need(fix);
        slots += n.slots;
        snippets += n.snippets;
        entityMatching += n.entityMatching;
        fix.accept(new PartialVisitor<Void>() {
            @Override
            public Void otherwise(Fix f) {
                return null; // books nothing beyond its need
            }

            @Override
            public Void setTableDescription(SetTableDescription f) {
                describedTables.add(Text.ident(f.table()));
                return null;
            }

            @Override
            public Void addExampleSql(AddExampleSql f) {
                exampleQuestions.add(Text.questionKey(f.question()));
                return null;
            }

            @Override
            public Void setTextInstruction(SetTextInstruction f) {
                hasText = true;
                return null;
            }

            @Override
            public Void appendTextInstruction(AppendTextInstruction f) {
                hasText = true;
                return null;
            }

            @Override
            public Void addSqlSnippet(AddSqlSnippet f) {
                snippetNames.add(f.kind() + ":" + Text.norm(f.displayName()));
                snippetSql.add(f.kind() + ":" + Text.sqlKey(f.sql()));
                return null;
            }

            @Override
            public Void removeInstruction(RemoveInstruction f) {
                String kind = instructionKinds.remove(f.id());
                if ("text".equals(kind)) {
                    hasText = false;
                }
                String question = exampleQuestionById.remove(f.id());
                if (question != null) {
                    exampleQuestions.remove(question);
                }
                return null;
            }

            @Override
            public Void enableEntityMatching(EnableEntityMatching f) {
                String col = FixKeys.column(f.table(), f.column());
                if (f.enabled()) {
                    entityMatchingColumns.add(col);
                } else {
                    entityMatchingColumns.remove(col);
                }
                return null;
            }

            @Override
            public Void enableFormatAssistance(EnableFormatAssistance f) {
                if (!f.enabled()) {
                    entityMatchingColumns.remove(FixKeys.column(f.table(), f.column()));
                }
                return null;
            }
        });
    }

    private record Need(int slots, int snippets, int entityMatching) {
        static final Need NONE = new Need(0, 0, 0);
    }

    /** What the fix adds to (positive) or frees from (negative) each budget, given what is booked so far. */
    private Need need(Fix fix) {
        return fix.accept(new PartialVisitor<>() {
            @Override
            public Need otherwise(Fix f) {
                return Need.NONE;
            }

            @Override
            public Need setTableDescription(SetTableDescription f) {
                boolean was = describedTables.contains(Text.ident(f.table()));
                return new Need(was || f.description().isBlank() ? 0 : 1, 0, 0);
            }

            @Override
            public Need addExampleSql(AddExampleSql f) {
                // an example for a question the space already has replaces that one's SQL: no new slot
                return new Need(exampleQuestions.contains(Text.questionKey(f.question())) ? 0 : 1, 0, 0);
            }

            @Override
            public Need setTextInstruction(SetTextInstruction f) {
                return new Need(hasText ? 0 : 1, 0, 0);
            }

            @Override
            public Need appendTextInstruction(AppendTextInstruction f) {
                return new Need(hasText ? 0 : 1, 0, 0);
            }

            @Override
            public Need addSqlSnippet(AddSqlSnippet f) {
                boolean existing = snippetNames.contains(f.kind() + ":" + Text.norm(f.displayName()))
                        || snippetSql.contains(f.kind() + ":" + Text.sqlKey(f.sql()));
                return new Need(0, existing ? 0 : 1, 0);
            }

            @Override
            public Need removeInstruction(RemoveInstruction f) {
                String kind = instructionKinds.get(f.id());
                if (kind == null) {
                    return Need.NONE;
                }
                return switch (kind) {
                    case "slot", "text" -> new Need(-1, 0, 0);
                    case "snippet" -> new Need(0, -1, 0);
                    default -> Need.NONE;
                };
            }

            @Override
            public Need enableEntityMatching(EnableEntityMatching f) {
                boolean on = entityMatchingColumns.contains(FixKeys.column(f.table(), f.column()));
                return new Need(0, 0, f.enabled() ? (on ? 0 : 1) : (on ? -1 : 0));
            }

            @Override
            public Need enableFormatAssistance(EnableFormatAssistance f) {
                boolean on = entityMatchingColumns.contains(FixKeys.column(f.table(), f.column()));
                return new Need(0, 0, !f.enabled() && on ? -1 : 0);
            }
        });
    }
}
