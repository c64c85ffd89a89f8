package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceConfig.Table;

/**
 * Rewrites a fix's table and column names to the space's own spelling ({@code orders} becomes
 * {@code main.sales.orders}, {@code ORDER_AMOUNT} becomes {@code order_amount}), so that keys compare and
 * the config gets exact identifiers. Names that do not resolve stay as written; validation reports them.
 */
final class Names {

    private final SpaceIndex index;

    Names(SpaceIndex index) {
        this.index = index;
    }

    /** The fix with the space's spelling of its table and column (unchanged where they do not resolve). */
    Fix resolve(Fix fix) {
        return fix.accept(new PartialVisitor<>() {
            @Override
            public Fix otherwise(Fix f) {
                return f; // no table or column names to resolve
            }

            @Override
            public Fix addSynonym(AddSynonym f) {
                return new AddSynonym(table(f.table()), column(f.table(), f.column()), f.synonym().strip(), f.meta());
            }

            @Override
            public Fix removeSynonym(RemoveSynonym f) {
                return new RemoveSynonym(table(f.table()), column(f.table(), f.column()), f.synonym().strip(), f.meta());
            }

            @Override
            public Fix setColumnDescription(SetColumnDescription f) {
                return new SetColumnDescription(table(f.table()), column(f.table(), f.column()), f.description(), f.meta());
            }

            @Override
            public Fix extendColumnDescription(ExtendColumnDescription f) {
                return new ExtendColumnDescription(table(f.table()), column(f.table(), f.column()), f.description(), f.meta());
            }

            @Override
            public Fix setTableDescription(SetTableDescription f) {
                return new SetTableDescription(table(f.table()), f.description(), f.meta());
            }

            @Override
            public Fix addJoinSpec(AddJoinSpec f) {
                // aliases are fixed now, from the names as written, so a condition qualified by table name still reads
                String la = FixKeys.alias(f.leftAlias(), f.leftTable());
                String ra = FixKeys.alias(f.rightAlias(), f.rightTable());
                return new AddJoinSpec(table(f.leftTable()), la, table(f.rightTable()), ra, f.condition(),
                        f.relationship(), f.comment(), f.instruction(), f.meta());
            }

            @Override
            public Fix removeJoinSpec(RemoveJoinSpec f) {
                return new RemoveJoinSpec(table(f.leftTable()), table(f.rightTable()), f.condition(), f.meta());
            }

            @Override
            public Fix removeInstruction(RemoveInstruction f) {
                return new RemoveInstruction(f.id().strip(), f.meta());
            }

            @Override
            public Fix enableEntityMatching(EnableEntityMatching f) {
                return new EnableEntityMatching(table(f.table()), column(f.table(), f.column()), f.enabled(), f.meta());
            }

            @Override
            public Fix enableFormatAssistance(EnableFormatAssistance f) {
                return new EnableFormatAssistance(table(f.table()), column(f.table(), f.column()), f.enabled(), f.meta());
            }
        });
    }

    private String table(String name) {
        return index.table(name).value().map(Table::identifier).orElse(name.strip());
    }

    private String column(String table, String name) {
        return index.table(table).value().flatMap(t -> index.column(t, name).value()).orElse(name.strip());
    }
}
