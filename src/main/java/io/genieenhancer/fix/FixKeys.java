package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;

import java.util.List;

/**
 * Canonical keys and exclusive claims of fixes. The key says "these proposals are the same fix" (they are
 * merged); a claim says "this fix decides slot X to be value V" — two fixes that claim one slot with
 * different values contradict each other and are reported as a {@link Conflict}, never resolved silently.
 */
final class FixKeys {

    private FixKeys() {
    }

    /** One exclusive decision of a fix, e.g. slot {@code synonym:revenue} = {@code main.sales.orders.amount}. */
    record Claim(String slot, String value, String subject) {
    }

    static String key(Fix fix) {
        return fix.accept(KEYS);
    }

    static List<Claim> claims(Fix fix) {
        return fix.accept(CLAIMS);
    }

    static String column(String table, String column) {
        return Text.ident(table) + "." + Text.ident(column);
    }

    static JoinCondition.Side left(AddJoinSpec f) {
        return new JoinCondition.Side(f.leftTable(), alias(f.leftAlias(), f.leftTable()));
    }

    static JoinCondition.Side right(AddJoinSpec f) {
        return new JoinCondition.Side(f.rightTable(), alias(f.rightAlias(), f.rightTable()));
    }

    /** A join side without an alias is called by its table's last name part. */
    static String alias(String alias, String table) {
        return alias.isBlank() ? Text.ident(Text.lastPart(Text.ident(table))) : alias.trim();
    }

    /** The canonical join text, or the normalised raw condition when it is not in join form. */
    static String joinShape(AddJoinSpec f) {
        var l = left(f);
        var r = right(f);
        return JoinCondition.read(f.condition(), l, r)
                .map(c -> JoinCondition.canonical(l, r, c, f.relationship()))
                .orElseGet(() -> JoinCondition.tablePair(f.leftTable(), f.rightTable()) + ":" + Text.sqlKey(f.condition())
                        + ":" + f.relationship().json());
    }

    static String removeJoinShape(RemoveJoinSpec f) {
        String pair = JoinCondition.tablePair(f.leftTable(), f.rightTable());
        if (f.condition().isBlank()) {
            return pair + ":*";
        }
        var l = new JoinCondition.Side(f.leftTable(), Text.lastPart(Text.ident(f.leftTable())));
        var r = new JoinCondition.Side(f.rightTable(), Text.lastPart(Text.ident(f.rightTable())));
        return JoinCondition.read(f.condition(), l, r).map(c -> JoinCondition.canonical(l, r, c, null))
                .orElseGet(() -> pair + ":" + Text.sqlKey(f.condition()));
    }

    /**
     * Every existing type spells its key out (stored keys must not change); a type added later gets {@link #otherwise}:
     * type, normalised target, normalised value.
     */
    private static final PartialVisitor<String> KEYS = new PartialVisitor<>() {
        @Override
        public String otherwise(Fix f) {
            return f.type() + ":" + Text.norm(f.target()) + ":" + Text.keyValue(f.value());
        }

        @Override
        public String addSynonym(AddSynonym f) {
            return f.type() + ":" + column(f.table(), f.column()) + ":" + Text.synonymKey(f.synonym());
        }

        @Override
        public String removeSynonym(RemoveSynonym f) {
            return f.type() + ":" + column(f.table(), f.column()) + ":" + Text.synonymKey(f.synonym());
        }

        @Override
        public String setColumnDescription(SetColumnDescription f) {
            return f.type() + ":" + column(f.table(), f.column()) + ":" + Text.keyValue(f.description());
        }

        @Override
        public String extendColumnDescription(ExtendColumnDescription f) {
            return f.type() + ":" + column(f.table(), f.column()) + ":" + Text.keyValue(f.description());
        }

        @Override
        public String setTableDescription(SetTableDescription f) {
            return f.type() + ":" + Text.ident(f.table()) + ":" + Text.keyValue(f.description());
        }

        @Override
        public String addJoinSpec(AddJoinSpec f) {
            return f.type() + ":" + joinShape(f);
        }

        @Override
        public String removeJoinSpec(RemoveJoinSpec f) {
            return f.type() + ":" + removeJoinShape(f);
        }

        @Override
        public String addExampleSql(AddExampleSql f) {
            // two example SQLs for one question are one fix: the question is the target
            return f.type() + ":" + Text.questionKey(f.question());
        }

        @Override
        public String setTextInstruction(SetTextInstruction f) {
            return f.type() + ":" + Text.keyValue(f.text());
        }

        @Override
        public String appendTextInstruction(AppendTextInstruction f) {
            return f.type() + ":" + Text.keyValue(f.text());
        }

        @Override
        public String addSqlSnippet(AddSqlSnippet f) {
            return f.type() + ":" + f.kind().json() + ":" + Text.sqlKey(f.sql());
        }

        @Override
        public String removeInstruction(RemoveInstruction f) {
            return f.type() + ":" + Text.norm(f.id());
        }

        @Override
        public String enableEntityMatching(EnableEntityMatching f) {
            return f.type() + ":" + column(f.table(), f.column()) + ":" + (f.enabled() ? "on" : "off");
        }

        @Override
        public String enableFormatAssistance(EnableFormatAssistance f) {
            return f.type() + ":" + column(f.table(), f.column()) + ":" + (f.enabled() ? "on" : "off");
        }
    };

    /** Only fixes that decide a slot claim it; the others (additions, removals by id, appends) claim nothing. */
    private static final PartialVisitor<List<Claim>> CLAIMS = new PartialVisitor<>() {
        @Override
        public List<Claim> otherwise(Fix f) {
            return List.of();
        }

        @Override
        public List<Claim> addSynonym(AddSynonym f) {
            String syn = Text.synonymKey(f.synonym());
            String col = column(f.table(), f.column());
            return List.of(new Claim("synonym:" + syn, col, "synonym \"" + syn + "\""),
                    new Claim("synonym-op:" + col + ":" + syn, "add", "synonym \"" + syn + "\" of " + col));
        }

        @Override
        public List<Claim> removeSynonym(RemoveSynonym f) {
            String syn = Text.synonymKey(f.synonym());
            String col = column(f.table(), f.column());
            return List.of(new Claim("synonym-op:" + col + ":" + syn, "remove", "synonym \"" + syn + "\" of " + col));
        }

        @Override
        public List<Claim> setColumnDescription(SetColumnDescription f) {
            String col = column(f.table(), f.column());
            return List.of(new Claim("column-description:" + col, Text.keyValue(f.description()), "description of " + col));
        }

        @Override
        public List<Claim> setTableDescription(SetTableDescription f) {
            String t = Text.ident(f.table());
            return List.of(new Claim("table-description:" + t, Text.keyValue(f.description()), "description of " + t));
        }

        @Override
        public List<Claim> addJoinSpec(AddJoinSpec f) {
            String shape = joinShape(f);
            int rel = shape.lastIndexOf(':');
            return List.of(new Claim("join:" + shape.substring(0, rel), shape.substring(rel + 1),
                    "relationship of join " + shape.substring(0, rel)));
        }

        @Override
        public List<Claim> setTextInstruction(SetTextInstruction f) {
            return List.of(new Claim("text-instruction", Text.keyValue(f.text()), "the text instruction"));
        }

        @Override
        public List<Claim> addSqlSnippet(AddSqlSnippet f) {
            if (f.displayName().isBlank()) {
                return List.of();
            }
            String name = Text.norm(f.displayName());
            return List.of(new Claim("snippet-name:" + f.kind().json() + ":" + name, Text.sqlKey(f.sql()),
                    f.kind().json() + " snippet \"" + name + "\""));
        }

        @Override
        public List<Claim> enableEntityMatching(EnableEntityMatching f) {
            String col = column(f.table(), f.column());
            Claim em = new Claim("entity-matching:" + col, f.enabled() ? "on" : "off", "entity matching of " + col);
            if (!f.enabled()) {
                return List.of(em);
            }
            // entity matching needs format assistance: enabling one and disabling the other contradict
            return List.of(em, new Claim("format-assistance:" + col, "on", "format assistance of " + col));
        }

        @Override
        public List<Claim> enableFormatAssistance(EnableFormatAssistance f) {
            String col = column(f.table(), f.column());
            return List.of(new Claim("format-assistance:" + col, f.enabled() ? "on" : "off", "format assistance of " + col));
        }
    };
}
