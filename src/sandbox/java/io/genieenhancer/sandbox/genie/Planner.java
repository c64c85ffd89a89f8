package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.ColumnT;
import io.genieenhancer.sandbox.genie.Knowledge.ExpressionT;
import io.genieenhancer.sandbox.genie.Knowledge.FilterT;
import io.genieenhancer.sandbox.genie.Knowledge.Fragment;
import io.genieenhancer.sandbox.genie.Knowledge.MeasureT;
import io.genieenhancer.sandbox.genie.Knowledge.TableT;
import io.genieenhancer.sandbox.genie.Knowledge.Target;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;
import io.genieenhancer.sandbox.genie.Knowledge.ValueT;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2 of answering: gives the recognised words their roles (what to measure, how to group, what to
 * filter, what to rank) and turns them into a {@link Plan}. The grammar is documented in docs/sandbox.md.
 * Where the question needs something the space does not define, the planner guesses the way a model
 * without that knowledge would: a plausible column of the right type, which is usually the wrong one.
 */
final class Planner {

    enum Agg { COUNT, SUM, AVG, MAX, MIN, HIGH, LOW, MEDIAN }

    enum Grain { DAY, WEEK, MONTH, QUARTER, YEAR }

    /** What a slot of the question refers to. */
    sealed interface Ref permits ColRef, TblRef, MeasureRef, ExprRef, GrainRef, UnknownRef, DiffRef {
    }

    record ColRef(Col col) implements Ref {
    }

    record TblRef(Tbl table) implements Ref {
    }

    record MeasureRef(MeasureT measure) implements Ref {
    }

    record ExprRef(ExpressionT expression) implements Ref {
    }

    record GrainRef(Grain grain) implements Ref {
    }

    /** Words the space does not define; {@code hint} is a table named next to them. */
    record UnknownRef(String words, Optional<Tbl> hint) implements Ref {
    }

    /** "the number of days between A and B": the days from date column {@code from} to {@code to}, per row. */
    record DiffRef(Col from, Col to) implements Ref {
    }

    record MeasureReq(Agg agg, Ref what) {
    }

    sealed interface FilterReq permits ValueF, SnippetF, CompareF, TimeF, RelatedF, HavingF, WeekendF, CountIfF {
    }

    /** "on weekends": Saturday or Sunday of the query's date. */
    record WeekendF() implements FilterReq {
    }

    /** "in total and on weekends": not a filter but a second count, of the rows that meet {@code condition}. */
    record CountIfF(FilterReq condition) implements FilterReq {
    }

    /**
     * "customers who have not made any orders" ({@code none}): rows of the root with no related row in
     * {@code table}; "patients that have outcomes": rows of the root with at least one.
     */
    record RelatedF(Tbl table, boolean none) implements FilterReq {
    }

    /** "customers with at least 5 orders": a condition on the number of related rows of {@code counted}. */
    record HavingF(Tbl counted, String op, String number) implements FilterReq {
    }

    record ValueF(Col col, String value) implements FilterReq {
    }

    record SnippetF(FilterT filter) implements FilterReq {
    }

    record CompareF(Col col, String op, String number) implements FilterReq {
    }

    /**
     * {@code from} inclusive, {@code to} exclusive; either may be open. {@code column}: the date of the event
     * the phrase is about ("treatments that ended in 2022"), when the question names one; else the query's time column.
     */
    record TimeF(Optional<LocalDate> from, Optional<LocalDate> to, String text, Optional<Col> column) implements FilterReq {
        TimeF(Optional<LocalDate> from, Optional<LocalDate> to, String text) {
            this(from, to, text, Optional.empty());
        }
    }

    /** The roles found in a question, before tables and joins are decided. */
    static final class Reading {
        final List<MeasureReq> measures = new ArrayList<>();
        final List<Ref> dims = new ArrayList<>();
        final List<FilterReq> filters = new ArrayList<>();
        Ref subject;
        Integer limit;
        boolean descending = true;
        boolean rankByHighLow;
        /** Columns the question asks to return ("Return the id, name and ..."), in order. */
        final List<Ref> outputs = new ArrayList<>();
        /** "sorted by", "highest first", "in ascending order": the direction asked for (null: none). */
        Boolean orderDescending;
        /** "and their rank": RANK or DENSE_RANK of the first measure, as a column (null: none). */
        String rankFunction;
        /** "month-over-month change": the change of the first measure from the previous period of this grain. */
        Grain change;
        /** "the highest total of any customer": the measure is taken per row of this table, then its MAX/MIN. */
        Tbl perAny;
        /** "for each salesperson": every row of this grouped table is answered, also those with nothing measured. */
        Tbl everyRow;
        /** "top 5 drugs by number of treatments and average amount": ties of the first measure go by the second. */
        boolean rankedByTwo;
        final Set<Tbl> mentioned = new LinkedHashSet<>();
        final List<Col> dateMentions = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    private final Knowledge k;
    private List<Item> items;
    private Reading r;
    /** Inside a "Return the ..." clause. */
    private boolean returning;
    /** How many measures were read before the "Return ..." clause (-1: none). */
    private int measuresBeforeReturn;
    private TextFilters textFilters;
    private PartCounts partCounts;
    /** Word indexes that start a new sentence: an output list ends there. */
    private Set<Integer> sentenceStarts;

    Planner(Knowledge k) {
        this.k = k;
    }

    Reading read(String question) {
        items = QuestionReader.read(question, k);
        textFilters = new TextFilters(question, items);
        partCounts = new PartCounts(items);
        sentenceStarts = Text.sentenceStarts(question);
        r = new Reading();
        returning = false;
        measuresBeforeReturn = -1;
        for (Item it : items) {
            if (it.recognised()) {
                QuestionReader.tableOf(it.target()).ifPresent(t -> {
                    if (it.target() instanceof TableT || it.target() instanceof ColumnT) {
                        r.mentioned.add(t);
                    }
                });
                if (it.target() instanceof ColumnT c && c.column().kind == Kind.DATE && it.strength() > Knowledge.NAME_WORD) {
                    r.dateMentions.add(c.column()); // "as a date" resembling snapshot_date names no time column
                }
                Col termDate = k.termDates.get(it.norm());
                if (termDate != null) { // a term's own date beats a date column named elsewhere
                    r.dateMentions.add(0, termDate);
                    r.mentioned.add(termDate.table);
                }
                for (Fragment f : k.termFilters.getOrDefault(it.norm(), List.of())) {
                    r.filters.add(new SnippetF(new FilterT(it.norm(), f)));
                    r.notes.add("instruction: for '" + it.word() + "' apply " + f.sql());
                }
                r.notes.add("'" + it.word() + "' -> " + describe(it.target()) + " (" + it.source() + ")");
            }
        }
        int i = 0;
        while (i < items.size()) {
            if (!returning && (items.get(i).isWord("return", "returning", "display", "showing") || ListForms.giveMe(items, i))) {
                measuresBeforeReturn = r.measures.size();
            }
            i = step(i);
            partCounts.settle(r.filters);
        }
        if (measuresBeforeReturn >= 0 && r.measures.size() > measuresBeforeReturn && r.limit == null && !r.rankByHighLow) {
            // "How many X were sold? Return the number of sales and total revenue": the list says what to measure
            List<MeasureReq> listed = new ArrayList<>(r.measures.subList(measuresBeforeReturn, r.measures.size()));
            List<MeasureReq> asked = r.measures.subList(0, measuresBeforeReturn);
            if (!asked.isEmpty()) { // "What is the TUC ...? Return the total count": the count asked for, not a new one
                listed.removeIf(m -> m.agg() == Agg.COUNT && m.what() instanceof UnknownRef u && u.words().isBlank() && u.hint().isEmpty());
            }
            List<MeasureReq> kept = new ArrayList<>(asked.stream().filter(m -> listed.isEmpty() || listed.contains(m)).toList());
            listed.removeAll(kept);
            kept.addAll(listed);
            r.measures.clear();
            r.measures.addAll(kept);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------ roles

    private int step(int i) {
        Item it = items.get(i);
        if (returning && sentenceStarts.contains(it.start())) {
            returning = false; // "Return the id and year. Cars are considered in inventory if ...": a new sentence
        }
        int text = textFilters.read(i, r.filters, r.notes);
        if (text > 0) {
            return text;
        }
        int dated = returning ? ListForms.tableDate(items, i, k, r) : -1;
        if (dated > 0) { // "the treatment start date", "the adverse event date"
            return dated;
        }
        Optional<Col> elided = returning ? ListForms.elided(items, i) : Optional.empty();
        if (elided.isPresent()) { // "first and last name": first_name
            r.outputs.add(new ColRef(elided.get()));
            return i + 2;
        }
        int withId = ListForms.withId(items, i, r);
        if (withId > 0) { // "merchant with ID 1"
            return withId;
        }
        if (it.recognised()) {
            Target t = it.target();
            if (t instanceof ValueT v) {
                r.filters.add(new ValueF(v.column(), v.value()));
            } else if (t instanceof FilterT f) {
                r.filters.add(new SnippetF(f));
                TermForms.measureOf(k, it).ifPresent(m -> r.measures.add(new MeasureReq(Agg.SUM, new MeasureRef(m))));
            } else if (t instanceof MeasureT m) {
                r.measures.add(new MeasureReq(Agg.SUM, new MeasureRef(m)));
                TermForms.filterOf(k, it).ifPresent(f -> r.filters.add(new SnippetF(f)));
            } else if (t instanceof ExpressionT e) {
                r.dims.add(new ExprRef(e));
            } else if (t instanceof ColumnT c && returning && ListForms.headOfMeasure(items, i, c.column())) {
                r.notes.add("'" + it.word() + "' after a measure that sums it names that measure, not a column");
            } else if (t instanceof ColumnT c && returning) {
                outputColumn(it, c.column()).ifPresent(col -> r.outputs.add(new ColRef(col))); // "Return the make, model and price"
            } else if (t instanceof TableT tt && returning && i + 1 < items.size() && items.get(i + 1).end() == items.get(i + 1).start() + 1
                    && isIdOrName(items.get(i + 1).norm())) {
                // "the patient IDs", "the drug name": that table's key or label
                Col c = isId(items.get(i + 1).norm()) ? tt.table().primaryKey() : tt.table().label();
                r.outputs.add(new ColRef(c));
                r.notes.add("'" + it.word() + " " + items.get(i + 1).word() + "' in the output list -> " + c);
                return i + 2;
            } else if (t instanceof TableT tt && returning && !(r.subject instanceof TblRef st && st.table() == tt.table())
                    && !ListForms.scope(items, i)) { // "the median balance for all active merchants": the rows, not a column
                r.outputs.add(new TblRef(tt.table()));
            } else if (t instanceof ColumnT c && c.column().measurable() && r.measures.isEmpty() && !followedByComparison(i)) {
                r.measures.add(new MeasureReq(Agg.SUM, new ColRef(c.column()))); // "revenue by region" = SUM(revenue)
            }
            return i + 1;
        }
        String w = it.norm();
        if (w.equals("return") || w.equals("returning") || w.equals("output") || w.equals("display") || w.equals("showing")) {
            returning = true; // from here on, named columns are the output list
            return i + 1;
        }
        if (ListForms.giveMe(items, i)) {
            returning = true; // "Give me the description, treatment id and name"
            return i + 2;
        }
        if (returning && isIdOrName(w)) {
            Optional<Tbl> t = outputTable();
            if (t.isPresent()) {
                Col c = isId(w) ? t.get().primaryKey() : t.get().label();
                r.outputs.add(new ColRef(c));
                r.notes.add("'" + it.word() + "' in the output list -> " + c);
            }
            return i + 1;
        }
        if (returning && (w.equals("that") || w.equals("who") || w.equals("which") || w.equals("whose") || w.equals("where"))) {
            returning = false; // "Return the ids of patients that have outcomes": the list ends, a condition follows
        }
        if (returning && Text.KEYWORDS.contains(w) && aggAt(i) == null) {
            // "Return the make, model and year": a role word that is exactly a column of the listed table
            Optional<Col> named = outputTable().flatMap(t -> t.columns.stream().filter(c -> c.name.equals(w)).findFirst());
            if (named.isPresent()) {
                r.outputs.add(new ColRef(named.get()));
                r.notes.add("'" + it.word() + "' in the output list -> " + named.get());
                return i + 1;
            }
        }
        int negation = negation(i);
        if (negation > 0) {
            return negation;
        }
        int aside = ListForms.aside(items, i);
        if (aside > 0) {
            return aside;
        }
        int joining = ListForms.joining(items, i, r);
        if (joining > 0) {
            return joining;
        }
        int related = related(i);
        if (related > 0) {
            return related;
        }
        int firstLast = ListForms.superlativeFirst(items, i, r);
        if (firstLast > 0) { // "with the longest duration first"
            return firstLast;
        }
        int order = ordering(i);
        if (order > 0) {
            return order;
        }
        int change = periodChange(i);
        if (change > 0) {
            return change;
        }
        int diff = dateDifference(i, null);
        if (diff > 0) {
            return diff;
        }
        if (w.equals("rank") || w.equals("ranking") || w.equals("ranked")) {
            boolean verb = i + 1 < items.size() && (items.get(i + 1).isWord("the", "all", "our", "each", "every")
                    || (items.get(i + 1).recognised() && items.get(i + 1).target() instanceof TableT));
            if (verb) { // "rank the stores by revenue": list them in that order
                r.orderDescending = r.orderDescending == null ? Boolean.TRUE : r.orderDescending;
                Slot s = slot(i + 1, false);
                if (s.ref != null && r.subject == null && !(s.ref instanceof UnknownRef)) {
                    r.subject = s.ref;
                }
                return Math.max(s.next, i + 1);
            }
            boolean dense = i > 0 && items.get(i - 1).isWord("dense");
            r.rankFunction = dense ? "DENSE_RANK" : "RANK";
            return i + 1;
        }

        // comparisons first: "at least 5", "more than 100"
        int cmp = comparison(i);
        if (cmp > 0) {
            return cmp;
        }
        int part = partCounts.read(i, r.filters, r.notes);
        if (part > 0) {
            return part;
        }
        int latest = latestInPeriod(i);
        if (latest > 0) {
            return latest;
        }
        int filtersBefore = r.filters.size();
        int time = time(i);
        if (time > 0) {
            EventDates.attach(r.filters.subList(filtersBefore, r.filters.size()), items, i, k, r.notes);
            return time;
        }
        int relation = DateRelations.read(items, i, k, r.filters, r.notes);
        if (relation > 0) {
            return relation;
        }
        Agg agg = aggAt(i);
        if ((agg == Agg.HIGH || agg == Agg.LOW) && i > 0 && !items.get(i - 1).recognised()
                && items.get(i - 1).norm().matches("\\d{1,3}") && r.limit == null) {
            r.limit = Integer.parseInt(items.get(i - 1).norm()); // "the 3 most expensive products"
        }
        if ((agg == Agg.HIGH || agg == Agg.LOW) && i + 1 < items.size() && items.get(i + 1).isWord(FREQUENT)) {
            // "the most frequently used codes", "the most common statuses": count the rows of each
            int verb = skipWords(i + 2, FREQUENT);
            int after = skipWords(verb, "used", "bought", "sold", "ordered", "chosen", "seen", "visited", "made");
            Slot s = slot(after, false);
            if (s.ref != null && !(s.ref instanceof UnknownRef)) {
                if (r.subject == null) {
                    r.subject = s.ref;
                }
                Optional<Tbl> counted = QuestionReader.tableOf(targetOf(s.ref));
                if (after > verb) { // "the most frequently used coupon codes": count the rows that use a coupon
                    counted = counted.map(t -> ListForms.onlyReferrer(k, t).orElse(t));
                }
                r.measures.add(new MeasureReq(Agg.COUNT, new UnknownRef("", counted)));
                r.rankByHighLow = true;
                r.descending = agg == Agg.HIGH;
                return s.next;
            }
        }
        if ((agg == Agg.HIGH || agg == Agg.LOW) && aggAt(skipArticles(i + 1)) != null
                && aggAt(skipArticles(i + 1)) != Agg.HIGH && aggAt(skipArticles(i + 1)) != Agg.LOW) {
            // "the highest total fee", "the lowest average rating": rank by the inner aggregate
            r.rankByHighLow = true;
            r.descending = agg == Agg.HIGH;
            int inner = skipArticles(i + 1);
            int end = step(inner);
            if (r.subject == null && end < items.size() && items.get(end).isWord("of", "for", "among", "across")
                    && end + 2 < items.size() && items.get(end + 1).isWord("any", "all") && items.get(end + 2).recognised()
                    && items.get(end + 2).target() instanceof TableT t) {
                r.perAny = t.table(); // "the highest total fee of any member": the largest of the per-member totals
                r.rankByHighLow = false;
                return end + 3;
            }
            return end;
        }
        if (agg != null && agg != Agg.COUNT) {
            int aggregatedDiff = dateDifference(skipArticles(i + 1), agg == Agg.HIGH ? Agg.MAX : agg == Agg.LOW ? Agg.MIN : agg);
            if (aggregatedDiff > 0) {
                return aggregatedDiff;
            }
        }
        if (agg != null) {
            int after = agg == Agg.COUNT ? skipWords(i + aggLength(i), "total") : i + aggLength(i); // "how many total notifications"
            Optional<MeasureT> age = Ages.measure(items, skipArticles(after), agg, k, r.mentioned);
            if (age.isPresent()) { // "the average age": years since the date of birth
                r.measures.add(new MeasureReq(agg, new MeasureRef(age.get())));
                r.notes.add("'age' -> " + age.get().expression().sql());
                return skipArticles(after) + 1;
            }
            Slot s = slot(after, agg != Agg.COUNT);
            if (s.ref != null) {
                r.measures.add(new MeasureReq(agg, s.ref));
                if (agg == Agg.HIGH || agg == Agg.LOW) {
                    r.rankByHighLow = true;
                    r.descending = agg == Agg.HIGH;
                }
            } else if (agg == Agg.COUNT && !partCounts.countsTheSameRows(after)
                    && r.measures.stream().noneMatch(m -> m.agg() == Agg.COUNT)) {
                // a bare "count" after a count ("the most common X and their counts") is that count
                r.measures.add(new MeasureReq(agg, new UnknownRef("", Optional.empty())));
            }
            return Math.max(s.next, after);
        }
        if (isGroupWord(i) && !ListForms.byManner(items, i)) {
            int after = i + groupLength(i);
            int notGrouped = ListForms.notAGrouping(items, i, after, r);
            if (notGrouped > 0) { // "per treatment" of a treatment measure, "across all X", "sent by users", "by merchant with ID 1"
                return notGrouped;
            }
            if (after < items.size() && aggAt(skipArticles(after)) != null) {
                r.rankedByTwo |= r.limit != null && ListForms.secondMeasureFollows(items, skipArticles(after));
                return skipArticles(after); // "by number of orders": the measure reads itself next
            }
            int relBefore = r.filters.size();
            int rel = relative(skipArticles(after));
            if (rel > 0) { // "in each of the last 8 weeks": those weeks, one row each
                r.dims.add(new GrainRef(lastRelativeGrain));
                int phrase = i > 0 && items.get(i - 1).isWord("in", "during", "for", "over") ? i - 1 : i;
                EventDates.attach(r.filters.subList(relBefore, r.filters.size()), items, phrase, k, r.notes);
                return rel;
            }
            Slot s = slot(after, false);
            if (s.ref != null) {
                if (s.filterOnly) {
                    return s.next; // "placed by Gold customers": an agent, not a grouping
                }
                if (ListForms.perOwnRow(items, i, s.ref, r)) {
                    return s.next; // "average drug amount per treatment": the measure's own rows, not a grouping
                }
                addDimension(s.ref);
                ListForms.everyRow(items, i, s.ref, r);
                // "by city and tier": a second dimension
                int next = s.next;
                while (next < items.size() && items.get(next).isWord("and")) {
                    Slot more = slot(next + 1, false);
                    if (more.ref == null || more.filterOnly || more.ref instanceof UnknownRef) {
                        break;
                    }
                    addDimension(more.ref);
                    next = more.next;
                }
                return Math.max(next, after);
            }
            return Math.max(s.next, after);
        }
        if (w.equals("monthly") || w.equals("quarterly") || w.equals("yearly") || w.equals("annual") || w.equals("annually")
                || w.equals("daily") || w.equals("weekly")) {
            r.dims.add(new GrainRef(switch (w) {
                case "monthly" -> Grain.MONTH;
                case "quarterly" -> Grain.QUARTER;
                case "daily" -> Grain.DAY;
                case "weekly" -> Grain.WEEK;
                default -> Grain.YEAR;
            }));
            return i + 1;
        }
        if (w.equals("top") || w.equals("bottom")) {
            int j = i + 1;
            int n = 10;
            if (j < items.size() && !items.get(j).recognised() && Text.isNumber(items.get(j).norm()) && !items.get(j).norm().contains(".")) {
                n = Integer.parseInt(items.get(j).norm());
                j++;
            }
            r.limit = n;
            r.descending = w.equals("top");
            Slot s = slot(j, false);
            if (s.ref != null && r.subject == null) {
                r.subject = s.ref;
            }
            return Math.max(s.next, j);
        }
        if (w.equals("which") || w.equals("who") || w.equals("list") || w.equals("show")) {
            int j = i + 1;
            if (j < items.size() && !items.get(j).recognised() && items.get(j).norm().matches("\\d{1,3}")) {
                r.limit = Integer.parseInt(items.get(j).norm()); // "Which 5 products ..."
                j++;
            }
            Slot s = slot(j, false);
            if (s.ref != null && r.subject == null && !(s.ref instanceof UnknownRef)) {
                r.subject = s.ref;
            }
            return Math.max(s.next, i + 1);
        }
        if (NEGATIONS.contains(w)) {
            r.notes.add("negation '" + it.word() + "' names no table of the space; ignored");
        } else if (!Text.isStop(w) && !Text.KEYWORDS.contains(w) && Knowledge.literalKind(w) == null) {
            r.unknown.add(it.word());
        }
        return i + 1;
    }

    private static final String[] FREQUENT = {"frequently", "frequent", "often", "common", "commonly", "popular"};

    static final Set<String> NEGATIONS = Set.of("never", "not", "without", "no", "dont", "doesnt", "didnt", "havent", "hasnt", "none");

    /**
     * "customers who have not made any orders", "products that were never ordered", "stores without
     * sales": the next table named within a few words is one the rows must have nothing in (an anti-join).
     */
    private int negation(int i) {
        if (!NEGATIONS.contains(items.get(i).norm()) || items.get(i).recognised() || ListForms.notInclude(items, i)) {
            return -1;
        }
        for (int j = i + 1; j < items.size() && j <= i + 5; j++) {
            Item it = items.get(j);
            if (it.recognised()) {
                if (it.target() instanceof TableT t) {
                    r.filters.add(new RelatedF(t.table(), true));
                    r.notes.add("'" + items.get(i).word() + " ... " + it.word() + "' -> no row in " + t.table().identifier);
                    return j + 1;
                }
                if (it.strength() >= Knowledge.NAME) {
                    return -1;
                }
                continue; // a verb a description happens to hold ("not issued any coupons")
            }
            boolean inAny = it.isWord("in") && j + 1 < items.size() && items.get(j + 1).isWord("any");
            if (!inAny && it.isWord("and", "or", "but", "in", "during", "since", "before", "after", "between")) {
                return -1; // "never ordered in 2024": a period, not a table of things
            }
        }
        return -1;
    }

    private static boolean isId(String w) {
        return w.equals("id") || w.equals("ids");
    }

    private static boolean isIdOrName(String w) {
        return isId(w) || w.equals("name");
    }

    /**
     * "patients that have outcome assessments", "doctors who have prescribed treatments": after
     * that/who/which + have/has/had, the next table named within a few words is one the rows must have a
     * related row in (a semi-join; the rows are not multiplied by it).
     */
    private int related(int i) {
        if (!items.get(i).isWord("that", "who", "which") || i + 1 >= items.size() || !items.get(i + 1).isWord("have", "has", "had")) {
            return -1;
        }
        for (int j = i + 2; j < items.size() && j <= i + 4; j++) {
            Item it = items.get(j);
            if (NEGATIONS.contains(it.norm()) && !it.recognised()) {
                return -1; // "who have not ...": the negation reads it
            }
            if (it.recognised()) {
                if (it.target() instanceof TableT t) {
                    r.filters.add(new RelatedF(t.table(), false));
                    r.notes.add("'" + items.get(i).word() + " " + items.get(i + 1).word() + " ... " + it.word()
                            + "' -> a related row in " + t.table().identifier);
                    return j + 1;
                }
                return -1;
            }
        }
        return -1;
    }

    /**
     * A column named in an output list. A weak match (one word of a column's name) is not enough; a
     * generic "id"/"name" is the output table's; {@code <thing>_id} in another table, when a table of things
     * exists, is that table's key ("car id" -> cars.id, not sales.car_id).
     */
    private Optional<Col> outputColumn(Item it, Col c) {
        if (isIdOrName(it.norm())) {
            Optional<Tbl> t = outputTable();
            if (t.isPresent() && (t.get() != c.table || it.strength() < Knowledge.COLUMN_DESCRIPTION)) { // "names" -> the label
                return Optional.of(isId(it.norm()) ? t.get().primaryKey() : t.get().label());
            }
        }
        if (it.strength() < Knowledge.COLUMN_DESCRIPTION || (it.strength() == Knowledge.COLUMN_DESCRIPTION && it.end() - it.start() == 1)) {
            r.notes.add("'" + it.word() + "' only resembles " + c + "; not an output column"); // "value" in a description
            return Optional.empty();
        }
        if (c.name.endsWith("_id")) {
            String thing = Text.singular(c.name.substring(0, c.name.length() - 3));
            for (Tbl t : k.tables) {
                if (t != c.table && Text.singular(t.alias).equals(thing)) {
                    return Optional.of(t.primaryKey());
                }
            }
        }
        return Optional.of(c);
    }

    /** The table an output-list "id" or "name" belongs to: the subject, else the first table named. */
    private Optional<Tbl> outputTable() {
        if (r.subject instanceof TblRef t) {
            return Optional.of(t.table());
        }
        for (Ref d : r.dims) {
            if (d instanceof TblRef t) {
                return Optional.of(t.table());
            }
        }
        return ListForms.lastListedTable(r).or(() -> r.mentioned.stream().findFirst());
    }

    /**
     * Ordering words: "highest first", "lowest first", "from highest to lowest", "from most to least [X]",
     * "in ascending|descending order", "ascending", "descending", "sorted|ordered|order by", "starting from
     * the earliest|latest".
     */
    private int ordering(int i) {
        Item it = items.get(i);
        String next = plainAt(i + 1);
        if (it.isWord("highest", "largest", "most", "biggest", "latest", "newest") && next.equals("first")) {
            r.orderDescending = true;
            return i + 2;
        }
        if (it.isWord("lowest", "smallest", "least", "fewest", "earliest", "oldest") && next.equals("first")) {
            r.orderDescending = false;
            return i + 2;
        }
        if (it.isWord("from", "starting") && i + 3 < items.size()) {
            int a = it.isWord("starting") ? skipWords(i + 1, "from", "with", "the") : skipWords(i + 1, "the");
            String first = plainAt(a);
            boolean high = Set.of("highest", "largest", "most", "biggest", "latest", "newest", "top").contains(first);
            boolean low = Set.of("lowest", "smallest", "least", "fewest", "earliest", "oldest").contains(first);
            if (high || low) {
                r.orderDescending = high;
                int b = a + 1;
                if (plainAt(b).equals("to") && !plainAt(b + 1).isEmpty()) {
                    b += 2;
                }
                // "from most to least visits": the noun is the measure already read
                if (b < items.size() && items.get(b).recognised() && items.get(b).target() instanceof TableT) {
                    b++;
                }
                return b;
            }
        }
        if (it.isWord("ascending", "descending")) {
            r.orderDescending = it.isWord("descending");
            return skipWords(i + 1, "order");
        }
        if (it.isWord("sorted", "ordered", "order", "sort") && next.equals("by")) {
            r.orderDescending = r.orderDescending == null ? Boolean.TRUE : r.orderDescending;
            int j = i + 2;
            int asked = orderByAskedMeasure(j);
            if (asked > 0) {
                return asked;
            }
            if (aggAt(skipArticles(j)) == null && !(j < items.size() && items.get(skipArticles(j)).recognised()
                    && items.get(skipArticles(j)).target() instanceof MeasureT)) {
                // "sorted by total": the measure is already read; "sorted by name": a column, nothing more to add
                Slot s = slot(j, false);
                return Math.max(s.next, j);
            }
            return skipArticles(j);
        }
        return -1;
    }

    /**
     * "sorted by lowest average PASI score first": an aggregate the question already measures names that
     * measure (however its words read), so only the direction is new; returns where reading goes on, or -1.
     */
    private int orderByAskedMeasure(int j) {
        int a = skipArticles(j);
        Agg direction = aggAt(a);
        boolean directed = direction == Agg.HIGH || direction == Agg.LOW;
        int m = directed ? skipArticles(a + 1) : a;
        Agg inner = aggAt(m);
        if (inner == null || inner == Agg.HIGH || inner == Agg.LOW || inner == Agg.COUNT
                || r.measures.stream().noneMatch(x -> x.agg() == inner)) {
            return -1;
        }
        if (directed) {
            r.orderDescending = direction == Agg.HIGH;
            r.descending = direction == Agg.HIGH;
        }
        int e = m + aggLength(m);
        while (e < items.size() && (items.get(e).recognised() || isUnknownWord(items.get(e))) && !items.get(e).isWord("first", "then")) {
            e++;
        }
        return skipWords(e, "first");
    }

    /** "month-over-month change|growth", "MoM change", "year over year": the change from the previous period. */
    private int periodChange(int i) {
        String w = plainAt(i);
        Grain g = null;
        int j = -1;
        if (UNITS.contains(w) && plainAt(i + 1).equals("over") && plainAt(i + 2).equals(w)) {
            g = grain(w);
            j = i + 3;
        } else if (Set.of("mom", "wow", "qoq", "yoy").contains(w)) {
            g = switch (w) {
                case "mom" -> Grain.MONTH;
                case "wow" -> Grain.WEEK;
                case "qoq" -> Grain.QUARTER;
                default -> Grain.YEAR;
            };
            j = i + 1;
        }
        if (g == null) {
            return -1;
        }
        r.change = g;
        if (r.dims.stream().noneMatch(d -> d instanceof GrainRef)) {
            r.dims.add(new GrainRef(g));
        }
        return skipWords(j, "change", "changes", "growth", "difference", "increase");
    }

    /**
     * "the number of days between the order date and the ship date", "days from A to B": the per-row
     * difference of two date columns; with an aggregate before it ("average") that aggregate of it.
     */
    private int dateDifference(int i, Agg agg) {
        int j = i;
        if (plainAt(j).equals("number") && plainAt(j + 1).equals("of")) {
            j += 2;
        }
        if (!plainAt(j).equals("day") || !(plainAt(j + 1).equals("between") || plainAt(j + 1).equals("from"))) {
            return -1;
        }
        Optional<Col> a = dateColumnAt(skipWords(j + 2, "the"));
        if (a.isEmpty()) {
            return -1;
        }
        int k = skipWords(skipWords(j + 2, "the") + 1, "and", "to", "the");
        Optional<Col> b = dateColumnAt(k);
        if (b.isEmpty()) {
            return -1;
        }
        DiffRef d = new DiffRef(a.get(), b.get());
        if (agg != null) {
            r.measures.add(new MeasureReq(agg, d));
        } else {
            r.outputs.add(d);
        }
        return k + 1;
    }

    private Optional<Col> dateColumnAt(int i) {
        if (i < items.size() && items.get(i).recognised() && items.get(i).target() instanceof ColumnT c && c.column().kind == Kind.DATE) {
            return Optional.of(c.column());
        }
        return Optional.empty();
    }

    private static Target targetOf(Ref ref) {
        if (ref instanceof ColRef c) {
            return new ColumnT(c.col());
        } else if (ref instanceof TblRef t) {
            return new TableT(t.table());
        }
        return null;
    }

    private void addDimension(Ref ref) {
        if (ref instanceof ColRef c && c.col().measurable() && r.measures.isEmpty() && r.limit != null) {
            r.measures.add(new MeasureReq(Agg.SUM, ref)); // "top 5 products by list price": rank by it
        } else if (ref instanceof MeasureRef) {
            r.measures.add(new MeasureReq(Agg.SUM, ref));
        } else {
            r.dims.add(ref);
        }
    }

    /** The filled slot: a reference (or none), where reading continues, and whether only filters were found. */
    private record Slot(Ref ref, int next, boolean filterOnly) {
    }

    /**
     * Reads the phrase after a role word: skips articles, takes adjectives that are values or filters as
     * filters, tolerates unknown adjectives before a known noun, and returns the noun it refers to.
     */
    private Slot slot(int i, boolean measureSlot) {
        int j = skipArticles(i);
        boolean sawFilter = false;
        List<String> unknownWords = new ArrayList<>();
        while (j < items.size()) {
            Item it = items.get(j);
            if (it.recognised()) {
                Target t = it.target();
                if (t instanceof ValueT v) {
                    r.filters.add(new ValueF(v.column(), v.value()));
                    sawFilter = true;
                    j++;
                    continue;
                }
                if (t instanceof FilterT f) {
                    r.filters.add(new SnippetF(f));
                    sawFilter = true;
                    j++;
                    continue;
                }
                if (t instanceof TableT tt) {
                    // "customer segment": a table named right before one of its columns means the column
                    if (j + 1 < items.size() && items.get(j + 1).recognised()
                            && ((items.get(j + 1).target() instanceof ColumnT nc && nc.column().table == tt.table())
                                || items.get(j + 1).target() instanceof ExpressionT)) {
                        return new Slot(ref(items.get(j + 1).target()), j + 2, false);
                    }
                    if (measureSlot && j + 1 < items.size() && isUnknownWord(items.get(j + 1))) {
                        // "average order value": an unknown measure of the named table
                        r.unknown.add(items.get(j + 1).word());
                        return new Slot(new UnknownRef(items.get(j + 1).word(), Optional.of(tt.table())), j + 2, false);
                    }
                    noteUnknown(unknownWords);
                    return new Slot(new TblRef(tt.table()), j + 1, false);
                }
                noteUnknown(unknownWords);
                if (t instanceof Knowledge.DatedT d) { // "How many leavers": a term with its own date names its table
                    return new Slot(new TblRef(d.date().table), j + 1, false);
                }
                return new Slot(ref(t), j + 1, false);
            }
            String w = it.norm();
            Grain g = grain(w);
            if (g != null) {
                return new Slot(new GrainRef(g), j + 1, false);
            }
            if (w.equals("unique") || w.equals("distinct") || w.equals("the") || w.equals("a") || w.equals("an")) {
                j++;
                continue;
            }
            if (isUnknownWord(it)) {
                unknownWords.add(it.word());
                j++;
                continue;
            }
            break;
        }
        if (!unknownWords.isEmpty()) {
            r.unknown.addAll(unknownWords);
            return new Slot(new UnknownRef(String.join(" ", unknownWords), Optional.empty()), j, false);
        }
        return new Slot(sawFilter ? new UnknownRef("", Optional.empty()) : null, j, sawFilter);
    }

    private void noteUnknown(List<String> words) {
        if (!words.isEmpty()) {
            r.notes.add("'" + String.join(" ", words) + "' is not defined in the space; ignored");
            r.unknown.addAll(words);
        }
    }

    private static Ref ref(Target t) {
        if (t instanceof ColumnT c) {
            return new ColRef(c.column());
        } else if (t instanceof TableT tt) {
            return new TblRef(tt.table());
        } else if (t instanceof MeasureT m) {
            return new MeasureRef(m);
        } else if (t instanceof ExpressionT e) {
            return new ExprRef(e);
        }
        throw new IllegalArgumentException("not a slot target: " + t);
    }

    private boolean isUnknownWord(Item it) {
        if (it.recognised()) {
            return false;
        }
        String w = it.norm();
        return !Text.isStop(w) && !Text.KEYWORDS.contains(w) && Knowledge.literalKind(w) == null && grain(w) == null
                && aggWord(w) == null && !w.equals("top") && !w.equals("bottom");
    }

    private int skipArticles(int i) {
        int j = i;
        while (j < items.size() && items.get(j).isWord("the", "a", "an", "of", "our", "all")) {
            j++;
        }
        return j;
    }

    // ------------------------------------------------------------------------------------ keywords

    private Agg aggAt(int i) {
        if (i >= items.size() || items.get(i).recognised()) {
            return null;
        }
        String w = items.get(i).norm();
        String next = i + 1 < items.size() && !items.get(i + 1).recognised() ? items.get(i + 1).norm() : "";
        if (w.equals("how") && next.equals("many")) {
            return Agg.COUNT;
        }
        if ((w.equals("number") || w.equals("count")) && next.equals("of")) {
            return Agg.COUNT;
        }
        if (w.equals("sum") && next.equals("of")) {
            return Agg.SUM;
        }
        if (w.equals("least") && i > 0 && items.get(i - 1).isWord("at")) {
            return null;
        }
        return aggWord(w);
    }

    private static Agg aggWord(String w) {
        return switch (w) {
            case "count" -> Agg.COUNT;
            case "total", "sum" -> Agg.SUM;
            case "average", "avg", "mean" -> Agg.AVG;
            case "median" -> Agg.MEDIAN; // MEDIAN(x) on Databricks and H2 alike
            case "maximum", "max" -> Agg.MAX;
            case "minimum", "min" -> Agg.MIN;
            case "highest", "largest", "biggest", "most" -> Agg.HIGH;
            case "lowest", "smallest", "least", "fewest" -> Agg.LOW;
            default -> null;
        };
    }

    private int aggLength(int i) {
        String w = items.get(i).norm();
        return (w.equals("how") || w.equals("number") || w.equals("count") || w.equals("sum"))
                && i + 1 < items.size() && items.get(i + 1).isWord("many", "of") ? 2 : 1;
    }

    private boolean isGroupWord(int i) {
        Item it = items.get(i);
        if (it.isWord("by", "per", "each", "every", "across")) {
            return true;
        }
        return it.isWord("for") && i + 1 < items.size() && items.get(i + 1).isWord("each", "every");
    }

    private int groupLength(int i) {
        return items.get(i).isWord("for") ? 2 : 1;
    }

    private static Grain grain(String w) {
        return switch (w) {
            case "day", "date" -> Grain.DAY;
            case "week" -> Grain.WEEK;
            case "month" -> Grain.MONTH;
            case "quarter" -> Grain.QUARTER;
            case "year" -> Grain.YEAR;
            default -> null;
        };
    }

    private boolean followedByComparison(int i) {
        int j = i + 1;
        while (j < items.size() && items.get(j).isWord("of", "a", "the", "is", "are", "was", "were")) {
            j++;
        }
        return j < items.size() && comparisonOp(j) != null;
    }

    /** {op, length} of a comparison phrase at i, or null. */
    private String[] comparisonOp(int i) {
        Item a = items.get(i);
        Item b = i + 1 < items.size() ? items.get(i + 1) : null;
        if (a.isWord("more", "greater", "higher") && b != null && b.isWord("than")) {
            return new String[] {">", "2"};
        }
        if (a.isWord("less", "fewer", "lower") && b != null && b.isWord("than")) {
            return new String[] {"<", "2"};
        }
        if (a.isWord("at") && b != null && b.isWord("least")) {
            return new String[] {">=", "2"};
        }
        if (a.isWord("at") && b != null && b.isWord("most")) {
            return new String[] {"<=", "2"};
        }
        if (a.isWord("over", "above", "exceeding")) {
            return new String[] {">", "1"};
        }
        if (a.isWord("under", "below")) {
            return new String[] {"<", "1"};
        }
        return null;
    }

    private int comparison(int i) {
        String[] op = comparisonOp(i);
        if (op == null) {
            return -1;
        }
        int j = i + Integer.parseInt(op[1]);
        if (j >= items.size() || items.get(j).recognised() || !Text.isNumber(items.get(j).norm()) || Text.isYear(items.get(j).norm())) {
            return -1;
        }
        Optional<Col> col = Optional.empty();
        for (int b = i - 1; b >= 0; b--) { // the nearest numeric column named before the comparison
            if (items.get(b).recognised() && items.get(b).target() instanceof ColumnT c && c.column().kind == Kind.NUMBER) {
                col = Optional.of(c.column());
                break;
            }
        }
        int counted = skipWords(j + 1, "total", "distinct", "different", "separate");
        if (counted < items.size() && items.get(counted).recognised() && items.get(counted).target() instanceof TableT t) {
            // "with at least 5 orders": a condition on how many related rows there are
            r.filters.add(new HavingF(t.table(), op[0], items.get(j).norm()));
            r.notes.add("'" + items.get(i).word() + " ... " + items.get(counted).word() + "' -> a condition on the number of " + t.table().identifier);
            return counted + 1;
        }
        if (col.isPresent()) {
            Col compared = col.get();
            r.filters.add(new CompareF(compared, op[0], items.get(j).norm()));
            r.measures.removeIf(m -> m.what() instanceof ColRef cr && cr.col() == compared && m.agg() == Agg.SUM);
        } else {
            r.notes.add("comparison '" + items.get(i).word() + " " + items.get(j).word() + "' has no numeric column to apply to; ignored");
        }
        return j + 1;
    }

    /**
     * Time phrases: in/during/for/on [month|Qn] year or a date, between X and Y [inclusive|exclusive],
     * from X to Y, since/after/from X, on or after X, before/until X, on or before X, as of / at the end of X,
     * and dates relative to the scenario's today (see {@link #relative}).
     */
    private int time(int i) {
        Item it = items.get(i);
        String w = it.norm();
        int rel = relative(i);
        if (rel > 0) {
            return rel;
        }
        if (w.equals("between")) {
            Optional<Period> a = period(i + 1);
            if (a.isPresent()) {
                int and = skipWords(a.get().next, "inclusive");
                if (and < items.size() && items.get(and).isWord("and", "to")) {
                    Optional<Period> b = period(and + 1);
                    if (b.isPresent()) {
                        return range(a.get(), b.get(), "between");
                    }
                }
            }
            return -1;
        }
        boolean onOr = i >= 2 && items.get(i - 2).isWord("on") && items.get(i - 1).isWord("or");
        if (w.equals("since") || w.equals("after") || w.equals("from")) {
            Optional<Period> p = period(i + 1);
            if (p.isPresent()) {
                int to = skipWords(p.get().next, "inclusive");
                if (w.equals("from") && to < items.size() && items.get(to).isWord("to", "through", "until", "till")) {
                    Optional<Period> b = period(to + 1);
                    if (b.isPresent()) {
                        return range(p.get(), b.get(), "from ... to");
                    }
                }
                boolean strict = w.equals("after") && !onOr;
                r.filters.add(new TimeF(Optional.of(strict ? p.get().to : p.get().from), Optional.empty(), w));
                return p.get().next;
            }
            return -1;
        }
        if (w.equals("before") || w.equals("until")) {
            Optional<Period> p = period(i + 1);
            if (p.isPresent()) {
                boolean inclusive = w.equals("until") || onOr;
                r.filters.add(new TimeF(Optional.empty(), Optional.of(inclusive ? p.get().to : p.get().from), w));
                return p.get().next;
            }
            return -1;
        }
        int asOf = asOf(i);
        if (asOf > 0) {
            Optional<Period> p = period(asOf);
            if (p.isPresent()) {
                boolean start = items.get(asOf - 2).isWord("start", "beginning");
                r.filters.add(new TimeF(Optional.empty(), Optional.of(start ? p.get().from : p.get().to), "as of"));
                r.notes.add("'" + it.word() + " ...' is a point in time: everything up to it");
                return p.get().next;
            }
        }
        int start = it.isWord("in", "during", "for", "of", "on") ? skipWords(i + 1, "the") : i;
        Optional<Period> p = period(start);
        if (p.isPresent()) {
            r.filters.add(new TimeF(Optional.of(p.get().from), Optional.of(p.get().to), "in"));
            return p.get().next;
        }
        return -1;
    }

    /**
     * "the latest snapshot for March 2023", "the earliest setting snapshot in 2023": the rows of that table on
     * its last (first) date within the period, not every row of the period.
     */
    private int latestInPeriod(int i) {
        boolean latest = items.get(i).isWord("latest", "newest") || (items.get(i).isWord("most") && i + 1 < items.size() && items.get(i + 1).isWord("recent"));
        if (!latest && !items.get(i).isWord("earliest", "oldest")) {
            return -1;
        }
        int t = items.get(i).isWord("most") ? i + 2 : i + 1;
        // the thing: a table, or a word of one ("snapshot" in a description of inventory_snapshots)
        while (t < items.size() && t < i + 4 && !(items.get(t).recognised() && QuestionReader.tableOf(items.get(t).target()).isPresent())) {
            t++;
        }
        if (t >= items.size() || !items.get(t).recognised()) {
            return -1;
        }
        Tbl tb = QuestionReader.tableOf(items.get(t).target()).orElseThrow();
        int in = t + 1;
        while (in < items.size() && items.get(in).recognised() && QuestionReader.tableOf(items.get(in).target()).equals(Optional.of(tb))) {
            in++; // "setting snapshot": two words of one table's name
        }
        if (in >= items.size() || !items.get(in).isWord("in", "for", "of", "during")) {
            return -1;
        }
        Optional<Period> p = period(in + 1);
        Optional<Col> date = tb.nameWords.stream().map(w -> EventDates.namedDate(tb, w)).flatMap(Optional::stream).findFirst()
                .or(() -> EventDates.dateOf(tb, k));
        if (p.isEmpty() || date.isEmpty()) {
            return -1;
        }
        String inner = "one_" + tb.alias + "." + date.get().name;
        String sql = date.get().ref() + " = (SELECT " + (latest ? "MAX(" : "MIN(") + inner + ") FROM " + tb.identifier + " AS one_" + tb.alias
                + " WHERE " + inner + " >= DATE '" + p.get().from + "' AND " + inner + " < DATE '" + p.get().to + "')";
        r.filters.add(new SnippetF(new FilterT((latest ? "latest " : "earliest ") + tb.alias, new Fragment(sql, Set.of(tb)))));
        r.mentioned.add(tb);
        r.notes.add("'" + items.get(i).word() + " " + tb.alias + " in a period' -> " + sql);
        return p.get().next;
    }

    /** Where the date of "as of X" / "at (or by) the end (or start) of X" starts, or -1. */
    private int asOf(int i) {
        if (items.get(i).isWord("as") && i + 1 < items.size() && items.get(i + 1).isWord("of", "at")) {
            return i + 2;
        }
        if (items.get(i).isWord("at", "by") && i + 3 < items.size() && items.get(i + 1).isWord("the")
                && items.get(i + 2).isWord("end", "close", "start", "beginning") && items.get(i + 3).isWord("of")) {
            return i + 4;
        }
        return -1;
    }

    /** [a.from, b.to), or [a.from, b.from) when b is marked exclusive; consumes "inclusive" remarks after b. */
    private int range(Period a, Period b, String text) {
        int next = b.next;
        boolean exclusive = next < items.size() && items.get(next).isWord("exclusive");
        next = skipWords(next, "inclusive", "exclusive", "both", "of", "start", "end", "and", "date");
        r.filters.add(new TimeF(Optional.of(a.from), Optional.of(exclusive ? b.from : b.to), text));
        return next;
    }

    private int skipWords(int i, String... words) {
        int j = i;
        while (j < items.size() && items.get(j).isWord(words)) {
            j++;
        }
        return j;
    }

    private static final Set<String> UNITS = Set.of("day", "week", "month", "quarter", "year");

    /**
     * Dates relative to today: "past|last N days|weeks|months|quarters|years" (rolling, today included),
     * "last|previous week|month|quarter|year" and "last N ... excluding the current ..." (whole calendar
     * periods before the current one), "this|current week|month|quarter|year", "year to date", "today",
     * "yesterday". Weeks start on Monday, as Databricks' DATE_TRUNC('week') does.
     */
    private int relative(int i) {
        int j = items.get(i).isWord("in", "during", "for", "over", "within", "from", "of") ? i + 1 : i;
        j = skipWords(j, "the");
        if (j >= items.size() || items.get(j).recognised()) {
            return -1;
        }
        LocalDate today = k.today;
        String w = items.get(j).norm();
        if (w.equals("today")) {
            return relativeFilter(today, today.plusDays(1), j + 1, "today");
        }
        if (w.equals("yesterday")) {
            return relativeFilter(today.minusDays(1), today, j + 1, "yesterday");
        }
        if (w.equals("ytd") || (w.equals("year") && j + 2 < items.size() && items.get(j + 1).isWord("to") && items.get(j + 2).norm().equals("date"))) {
            return relativeFilter(today.withDayOfYear(1), today.plusDays(1), w.equals("ytd") ? j + 1 : j + 3, "year to date");
        }
        if (w.equals("this") || w.equals("current")) {
            if (j + 1 < items.size() && UNITS.contains(items.get(j + 1).norm())) {
                Grain g = grain(items.get(j + 1).norm());
                lastRelativeGrain = g;
                LocalDate from = truncate(today, g);
                return relativeFilter(from, plus(from, g, 1), j + 2, "this " + items.get(j + 1).norm());
            }
            return -1;
        }
        if (!(w.equals("past") || w.equals("last") || w.equals("previous") || w.equals("prior") || w.equals("recent"))) {
            return -1;
        }
        int x = j + 1;
        Integer n = null;
        if (x < items.size() && !items.get(x).recognised() && items.get(x).norm().matches("\\d{1,3}")) {
            n = Integer.parseInt(items.get(x).norm());
            x++;
        }
        x = skipWords(x, "iso"); // "the previous ISO week": weeks start on Monday anyway
        // "the past 6 calendar months": from the start of the month 6 months back, up to today
        boolean aligned = x < items.size() && items.get(x).isWord("calendar");
        boolean calendar = x < items.size() && items.get(x).isWord("calendar", "full", "complete", "whole");
        if (calendar) {
            x++;
        }
        if (x >= items.size() || items.get(x).recognised() || !UNITS.contains(items.get(x).norm())) {
            return -1;
        }
        Grain g = grain(items.get(x).norm());
        lastRelativeGrain = g;
        x++;
        // "excluding the current week", "not including this month", "exclusive of the current month"
        int y = skipWords(x, "and");
        boolean excluding = false;
        if (y < items.size() && (items.get(y).isWord("excluding", "exclusive", "except", "without")
                || (items.get(y).isWord("not") && y + 1 < items.size() && items.get(y + 1).isWord("including", "counting")))) {
            y = skipWords(y + (items.get(y).isWord("not") ? 2 : 1), "of", "the", "current", "this", "ongoing", "present");
            if (y < items.size() && UNITS.contains(items.get(y).norm())) {
                excluding = true;
                x = y + 1;
            }
        }
        // "inclusive of today('s date)", "including today", "inclusive of 30 days ago"
        y = x;
        if (y < items.size() && items.get(y).isWord("inclusive", "including")) {
            int z = skipWords(y + 1, "of", "today", "date", "ago", "day", "week", "month", "year");
            while (z < items.size() && !items.get(z).recognised() && items.get(z).norm().matches("\\d{1,3}")) {
                z = skipWords(z + 1, "day", "week", "month", "year", "ago");
            }
            x = z;
        }
        if (x + 1 < items.size() && items.get(x).isWord("from") && items.get(x + 1).isWord("today", "now")) {
            x += 2; // "within the last 6 months from today"
        }
        int count = n == null ? 1 : n;
        if (aligned && !excluding && g != Grain.DAY) {
            LocalDate start = truncate(plus(today, g, -count), g);
            return relativeFilter(start, today.plusDays(1), x, w + " " + count + " calendar " + g.name().toLowerCase(java.util.Locale.ROOT) + "(s)");
        }
        boolean whole = excluding || calendar || (n == null && !w.equals("past") && !w.equals("recent"));
        if (whole && g != Grain.DAY) {
            LocalDate end = truncate(today, g);
            return relativeFilter(plus(end, g, -count), end, x, w + " " + count + " whole " + g.name().toLowerCase(java.util.Locale.ROOT) + "(s)");
        }
        if (whole) { // "yesterday" said as "the last day", or "the last 3 days excluding today"
            return relativeFilter(today.minusDays(count), today, x, w + " " + count + " day(s)");
        }
        return relativeFilter(plus(today, g, -count), today.plusDays(1), x, w + " " + count + " " + g.name().toLowerCase(java.util.Locale.ROOT) + "(s)");
    }

    /** The unit of the last relative period read ("the last 8 weeks" -> WEEK). */
    private Grain lastRelativeGrain = Grain.DAY;

    private int relativeFilter(LocalDate from, LocalDate to, int next, String text) {
        r.filters.add(new TimeF(Optional.of(from), Optional.of(to), text));
        r.notes.add("'" + text + "' relative to today (" + k.today + "): from " + from + " to before " + to);
        return next;
    }

    /** The first day of the week (Monday, whatever the JVM's locale), month, quarter or year holding d. */
    static LocalDate truncate(LocalDate d, Grain g) {
        return switch (g) {
            case DAY -> d;
            case WEEK -> d.minusDays(d.getDayOfWeek().getValue() - 1L);
            case MONTH -> d.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> d.withDayOfYear(1);
        };
    }

    static LocalDate plus(LocalDate d, Grain g, int n) {
        return switch (g) {
            case DAY -> d.plusDays(n);
            case WEEK -> d.plusWeeks(n);
            case MONTH -> d.plusMonths(n);
            case QUARTER -> d.plusMonths(3L * n);
            case YEAR -> d.plusYears(n);
        };
    }

    private record Period(LocalDate from, LocalDate to, int next) {
    }

    private String plainAt(int i) {
        return i < items.size() && !items.get(i).recognised() ? items.get(i).norm() : "";
    }

    /**
     * A calendar period at i: an ISO date (one day), "Month D[, YYYY]" (one day; the current year when
     * none is given), "Qn YYYY", "1st|first quarter [of] YYYY", "Month YYYY", or "YYYY".
     */
    private Optional<Period> period(int i) {
        String w = dateWordAt(i);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        String next = dateWordAt(i + 1);
        if (Text.isIsoDate(w)) {
            LocalDate d = LocalDate.parse(w);
            return Optional.of(new Period(d, d.plusDays(1), i + 1));
        }
        if (Text.quarter(w) > 0 && Text.isYear(next)) {
            LocalDate d = LocalDate.of(Integer.parseInt(next), (Text.quarter(w) - 1) * 3 + 1, 1);
            return Optional.of(new Period(d, d.plusMonths(3), i + 2));
        }
        if (Text.ordinal(w) > 0 && next.equals("quarter")) {
            int y = plainAt(i + 2).equals("of") ? i + 3 : i + 2;
            if (Text.isYear(plainAt(y))) {
                LocalDate d = LocalDate.of(Integer.parseInt(plainAt(y)), (Text.ordinal(w) - 1) * 3 + 1, 1);
                return Optional.of(new Period(d, d.plusMonths(3), y + 1));
            }
        }
        if (Text.month(w) > 0 && Text.isYear(next)) {
            LocalDate d = LocalDate.of(Integer.parseInt(next), Text.month(w), 1);
            return Optional.of(new Period(d, d.plusMonths(1), i + 2));
        }
        if (Text.month(w) > 0 && Text.dayOfMonth(next) > 0) {
            boolean withYear = Text.isYear(plainAt(i + 2));
            int year = withYear ? Integer.parseInt(plainAt(i + 2)) : yearBefore(i);
            try {
                LocalDate d = LocalDate.of(year, Text.month(w), Text.dayOfMonth(next));
                return Optional.of(new Period(d, d.plusDays(1), withYear ? i + 3 : i + 2));
            } catch (java.time.DateTimeException e) {
                return Optional.empty(); // "February 30"
            }
        }
        if (Text.isYear(w)) {
            LocalDate d = LocalDate.of(Integer.parseInt(w), 1, 1);
            return Optional.of(new Period(d, d.plusYears(1), i + 1));
        }
        return Optional.empty();
    }

    /**
     * A word of a date phrase: plain, or only weakly recognised ("first" in "the first quarter of 2023" may
     * also be a word of a column's name or description; a date reads before such a guess).
     */
    private String dateWordAt(int i) {
        if (i < items.size() && items.get(i).recognised() && items.get(i).strength() < Knowledge.NAME
                && items.get(i).end() == items.get(i).start() + 1) {
            return items.get(i).norm();
        }
        return plainAt(i);
    }

    /** The year a day without one belongs to: the last year named before it ("in 2022 (from Jan 1st to Dec 31st)"), else this year. */
    private int yearBefore(int i) {
        for (int b = i - 1; b >= 0; b--) {
            if (!items.get(b).recognised() && Text.isYear(items.get(b).norm())) {
                return Integer.parseInt(items.get(b).norm());
            }
        }
        return k.today.getYear();
    }

    static String describe(Target t) {
        if (t instanceof ColumnT c) {
            return "column " + c.column();
        } else if (t instanceof TableT tt) {
            return "table " + tt.table().identifier;
        } else if (t instanceof ValueT v) {
            return "value " + v.column() + " = '" + v.value() + "'";
        } else if (t instanceof FilterT f) {
            return "filter " + f.condition().sql();
        } else if (t instanceof MeasureT m) {
            return "measure " + m.expression().sql();
        } else if (t instanceof ExpressionT e) {
            return "expression " + e.expression().sql();
        } else if (t instanceof Knowledge.DatedT d) {
            return "the date " + d.date();
        }
        return String.valueOf(t);
    }

    static Fragment fragmentOf(Target t) {
        if (t instanceof FilterT f) {
            return f.condition();
        } else if (t instanceof MeasureT m) {
            return m.expression();
        } else if (t instanceof ExpressionT e) {
            return e.expression();
        }
        throw new IllegalArgumentException(String.valueOf(t));
    }
}
