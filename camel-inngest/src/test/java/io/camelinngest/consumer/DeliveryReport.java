package io.camelinngest.consumer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Summarises what a delivery test observed in one {@code DELIVERY:} line logged at INFO, to be quoted in notes. */
final class DeliveryReport {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReport.class);

    private final String test;
    private final List<String> expected;
    private final Map<String, List<String>> perNode = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    DeliveryReport(String test, List<String> expected) {
        this.test = test;
        this.expected = List.copyOf(expected);
    }

    DeliveryReport node(String name, List<String> received) {
        perNode.put(name, List.copyOf(received));
        return this;
    }

    DeliveryReport with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** Everything delivered, node after node. */
    List<String> all() {
        List<String> all = new ArrayList<>();
        perNode.values().forEach(all::addAll);
        return all;
    }

    /** The IDs delivered more than once (each listed once, in order of first repeat). */
    List<String> duplicates() {
        Set<String> seen = new HashSet<>();
        List<String> dups = new ArrayList<>();
        for (String id : all()) {
            if (!seen.add(id) && !dups.contains(id)) {
                dups.add(id);
            }
        }
        return dups;
    }

    void print() {
        StringBuilder line = new StringBuilder("DELIVERY: ").append(test)
                .append(" events=").append(expected.size())
                .append(" delivered=").append(all().size());
        perNode.forEach((name, ids) -> line.append(' ').append(name).append('=').append(ids.size()));
        List<String> all = all();
        line.append(" duplicates=").append(duplicates().size()).append(duplicates())
                .append(" missing=").append(expected.stream().filter(id -> !all.contains(id)).count());
        extra.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        LOG.info(line.toString());
    }
}
