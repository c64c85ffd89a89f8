package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Entry;
import io.genieenhancer.sandbox.genie.Knowledge.FilterT;
import io.genieenhancer.sandbox.genie.Knowledge.MeasureT;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;

import java.util.List;
import java.util.Optional;

/**
 * A term the space defines twice, as a measure and as a filter ("PIC": a count of patients, and
 * "private insurance"), means the measure under that condition: the reader keeps one target per phrase,
 * and this finds the other.
 */
final class TermForms {

    private TermForms() {
    }

    static Optional<MeasureT> measureOf(Knowledge k, Item it) {
        return sameTerm(k, it).filter(e -> e.target() instanceof MeasureT).map(e -> (MeasureT) e.target()).findFirst();
    }

    static Optional<FilterT> filterOf(Knowledge k, Item it) {
        return sameTerm(k, it).filter(e -> e.target() instanceof FilterT).map(e -> (FilterT) e.target()).findFirst();
    }

    private static java.util.stream.Stream<Entry> sameTerm(Knowledge k, Item it) {
        List<String> phrase = List.of(it.norm().split(" "));
        return k.entries.stream().filter(e -> e.strength() >= Knowledge.SYNONYM && e.phrase().equals(phrase));
    }
}
