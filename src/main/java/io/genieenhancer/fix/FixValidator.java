package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceIds;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.space.SpaceConfig.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one fix against the space and the policy (the per-fix half of validation; the final config is
 * checked by {@link FixEngine#apply}).
 */
final class FixValidator {

    static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_QUESTION_ID_CHARS = 200;

    private final SpaceIndex index;
    private final FixPolicy policy;
    private final SqlCheck sql;
    private final Optional<LeakageGuard> leakage;
    /** Synonyms ("table.column:key") that valid removals of this batch take away: they may move elsewhere. */
    private final Set<String> removedSynonyms = new HashSet<>();

    FixValidator(SpaceIndex index, FixPolicy policy) {
        this.index = index;
        this.policy = policy;
        this.sql = new SqlCheck(index);
        this.leakage = policy.leakageGuard() && !policy.guarded().isEmpty()
                ? Optional.of(new LeakageGuard(policy.guarded(), FixPolicy.LEAKAGE_SIMILARITY)) : Optional.empty();
    }

    /** Records that a removal of this batch was accepted (validation of later adds depends on it). */
    void accepted(Fix fix) {
        if (fix instanceof RemoveSynonym r) {
            removedSynonyms.add(FixKeys.column(r.table(), r.column()) + ":" + Text.synonymKey(r.synonym()));
        }
    }

    List<Problem> validate(Fix fix) {
        Checks c = new Checks();
        meta(fix.meta(), c);
        fix.accept(new Rules(c));
        return c.problems;
    }

    // ------------------------------------------------------------------------------------ rules

    /** Collects problems; one instance per fix. */
    private final class Checks {
        final List<Problem> problems = new ArrayList<>(2);

        void add(Problem p) {
            problems.add(p);
        }

        Optional<Table> table(String name) {
            SpaceIndex.Lookup<Table> t = index.table(name);
            if (t.value().isEmpty()) {
                add(new Problem(Problem.TABLE_EXISTS, t.problem()));
            }
            return t.value();
        }

        void column(String tableName, String column) {
            table(tableName).ifPresent(t -> {
                SpaceIndex.Lookup<String> c = index.column(t, column);
                if (c.value().isEmpty()) {
                    add(new Problem(Problem.COLUMN_EXISTS, c.problem()));
                }
            });
        }

        /** A name (synonym, alias, display name): one line, short. */
        void name(String field, String value, boolean required) {
            text(field, value, required, FixPolicy.MAX_NAME_CHARS, false);
        }

        /** Free text (description, instruction, SQL): several lines allowed, policy-long. */
        void prose(String field, String value, boolean required) {
            if (text(field, value, required, Math.min(policy.maxValueChars(), SpaceRules.MAX_STRING_CHARS), true)) {
                leakage.flatMap(l -> l.containsGroundTruth(field, value)).ifPresent(this::add);
            }
        }

        /** @return whether the value is present and passed, so that costlier checks may follow */
        boolean text(String field, String value, boolean required, int max, boolean multiLine) {
            if (value.isBlank()) {
                if (required) {
                    add(new Problem(Problem.NON_EMPTY, field + " is empty"));
                }
                return false;
            }
            int before = problems.size();
            if (value.length() > max) {
                add(new Problem(Problem.MAX_LENGTH, field + " is " + value.length() + " characters; the limit is " + max));
            }
            TextGuard.controlCharacters(field, value, multiLine).ifPresent(this::add);
            TextGuard.injection(field, value).ifPresent(this::add);
            return problems.size() == before;
        }
    }

    private void meta(FixMeta m, Checks c) {
        for (String q : m.questionIds()) {
            if (q.length() > MAX_QUESTION_ID_CHARS) {
                c.add(new Problem(Problem.MAX_LENGTH, "question id is " + q.length() + " characters; the limit is " + MAX_QUESTION_ID_CHARS));
            }
            TextGuard.controlCharacters("question id", q, false).ifPresent(c::add);
        }
        for (String r : m.reasoning()) {
            if (r.length() > policy.maxValueChars()) {
                c.add(new Problem(Problem.MAX_LENGTH, "reasoning is " + r.length() + " characters; the limit is " + policy.maxValueChars()));
            }
            TextGuard.controlCharacters("reasoning", r, true).ifPresent(c::add);
        }
    }

    private final class Rules implements Visitor<Void> {
        private final Checks c;

        Rules(Checks c) {
            this.c = c;
        }

        @Override
        public Void addSynonym(AddSynonym f) {
            c.column(f.table(), f.column());
            c.name("synonym", f.synonym(), true);
            if (!f.synonym().isBlank()) {
                String self = FixKeys.column(f.table(), f.column());
                String key = Text.synonymKey(f.synonym());
                for (String owner : index.synonymOwners(f.synonym())) {
                    if (!owner.equals(self) && !removedSynonyms.contains(owner + ":" + key)) {
                        c.add(new Problem(Problem.SYNONYM_UNIQUE, "\"" + f.synonym() + "\" is already a synonym of " + owner));
                    }
                }
            }
            return null;
        }

        @Override
        public Void removeSynonym(RemoveSynonym f) {
            c.column(f.table(), f.column());
            c.name("synonym", f.synonym(), true);
            return null;
        }

        @Override
        public Void setColumnDescription(SetColumnDescription f) {
            c.column(f.table(), f.column());
            c.prose("description", f.description(), true);
            return null;
        }

        @Override
        public Void extendColumnDescription(ExtendColumnDescription f) {
            c.column(f.table(), f.column());
            c.prose("description", f.description(), true);
            return null;
        }

        @Override
        public Void setTableDescription(SetTableDescription f) {
            c.table(f.table());
            c.prose("description", f.description(), true);
            return null;
        }

        @Override
        public Void addJoinSpec(AddJoinSpec f) {
            Optional<Table> left = c.table(f.leftTable());
            Optional<Table> right = c.table(f.rightTable());
            JoinCondition.Side l = FixKeys.left(f);
            JoinCondition.Side r = FixKeys.right(f);
            boolean aliasesOk = true;
            for (String a : List.of(l.alias(), r.alias())) {
                if (!ALIAS.matcher(a).matches() || a.length() > FixPolicy.MAX_NAME_CHARS) {
                    c.add(new Problem(Problem.JOIN_FORM, "alias \"" + a + "\" must be a plain identifier (letters, digits, _)"));
                    aliasesOk = false;
                }
            }
            if (aliasesOk && Text.ident(l.alias()).equals(Text.ident(r.alias()))) {
                c.add(new Problem(Problem.JOIN_FORM, "the two sides need different aliases, both are \"" + l.alias() + "\""));
                aliasesOk = false;
            }
            c.prose("comment", f.comment(), false);
            c.prose("instruction", f.instruction(), false);
            boolean conditionText = c.text("condition", f.condition(), true,
                    Math.min(policy.maxValueChars(), SpaceRules.MAX_STRING_CHARS), true);
            if (conditionText && aliasesOk && left.isPresent() && right.isPresent()) {
                sql.joinCondition(f.condition(), left.get(), right.get(), l, r).forEach(c::add);
            }
            return null;
        }

        @Override
        public Void removeJoinSpec(RemoveJoinSpec f) {
            c.table(f.leftTable());
            c.table(f.rightTable());
            if (!f.condition().isBlank()) {
                var l = new JoinCondition.Side(f.leftTable(), Text.lastPart(Text.ident(f.leftTable())));
                var r = new JoinCondition.Side(f.rightTable(), Text.lastPart(Text.ident(f.rightTable())));
                if (JoinCondition.read(f.condition(), l, r).isEmpty()) {
                    c.add(new Problem(Problem.JOIN_FORM, "condition must be column = column equalities between the two tables"));
                }
            }
            return null;
        }

        @Override
        public Void addExampleSql(AddExampleSql f) {
            if (c.text("question", f.question(), true, Math.min(policy.maxValueChars(), SpaceRules.MAX_STRING_CHARS), true)) {
                leakage.flatMap(l -> l.exampleQuestion(f.question())).ifPresent(c::add);
            }
            c.prose("usage guidance", f.usageGuidance(), false);
            if (c.text("SQL", f.sql(), true, Math.min(policy.maxValueChars(), SpaceRules.MAX_STRING_CHARS), true)) {
                List<Problem> sqlProblems = sql.query(f.sql());
                sqlProblems.forEach(c::add);
                if (sqlProblems.isEmpty()) {
                    leakage.flatMap(l -> l.exampleSql(f.sql())).ifPresent(c::add);
                }
            }
            return null;
        }

        @Override
        public Void setTextInstruction(SetTextInstruction f) {
            c.prose("text", f.text(), true);
            return null;
        }

        @Override
        public Void appendTextInstruction(AppendTextInstruction f) {
            c.prose("text", f.text(), true);
            return null;
        }

        @Override
        public Void addSqlSnippet(AddSqlSnippet f) {
            c.name("display name", f.displayName(), true);
            if (f.kind() != SnippetKind.FILTER) {
                String alias = Snippets.alias(f);
                if (!ALIAS.matcher(alias).matches() || alias.length() > FixPolicy.MAX_NAME_CHARS) {
                    c.add(new Problem(Problem.SNIPPET_ALIAS, "alias \"" + alias + "\" must be a plain identifier (letters, digits, _)"));
                }
            }
            for (String s : f.synonyms()) {
                c.name("synonym", s, true);
            }
            c.prose("instruction", f.instruction(), false);
            if (c.text("SQL", f.sql(), true, Math.min(policy.maxValueChars(), SpaceRules.MAX_STRING_CHARS), true)) {
                List<Problem> sqlProblems = sql.snippet(f.kind(), f.sql());
                sqlProblems.forEach(c::add);
                if (sqlProblems.isEmpty()) {
                    leakage.flatMap(l -> l.containsGroundTruth("SQL", f.sql())).ifPresent(c::add);
                }
            }
            return null;
        }

        @Override
        public Void removeInstruction(RemoveInstruction f) {
            if (!SpaceIds.isValid(f.id())) {
                c.add(new Problem(Problem.ID_FORMAT, "id must be 32 lowercase hex characters, was \"" + shorten(f.id()) + "\""));
            } else if (!index.hasInstruction(f.id())) {
                c.add(new Problem(Problem.INSTRUCTION_EXISTS, "no instruction has id " + f.id()));
            }
            return null;
        }

        @Override
        public Void enableEntityMatching(EnableEntityMatching f) {
            c.column(f.table(), f.column());
            return null;
        }

        @Override
        public Void enableFormatAssistance(EnableFormatAssistance f) {
            c.column(f.table(), f.column());
            return null;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
