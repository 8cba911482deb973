package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Events made from Microsoft's published example records of an endpoint: record <i>i</i> is a copy of example
 * <i>i mod n</i> with its own id and its time property set to its slot's time, so a type with no generator of its
 * own still has realistic records spread over the whole retention, as many as its rate asks for.
 */
final class ExampleEvents implements GeneratedEventSource.RecordFactory {

    private final List<ObjectNode> examples;
    private final String timeProperty;

    ExampleEvents(List<ObjectNode> examples, String timeProperty) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no example records for events over " + timeProperty);
        }
        this.examples = List.copyOf(examples);
        this.timeProperty = timeProperty;
    }

    @Override
    public ObjectNode create(long index, String id, Instant time, SplittableRandom random) {
        ObjectNode record = examples.get((int) Math.floorMod(index, (long) examples.size())).deepCopy();
        record.put("id", id);
        record.put(timeProperty, WireTime.format(time));
        return record;
    }
}
