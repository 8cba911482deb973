package com.entralake.testing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.testing.CollectFixture.TestTenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A test tenant's data for any catalogued type, made from the type's sample-data file (the demo tenant's, built
 * from Microsoft's example for its endpoint): an event type gets records spread over a time range, a listing gets
 * copies with ids of their own, a single object gets the example itself.
 */
public final class CatalogueSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogueSamples() {
    }

    /**
     * Adds {@code events} records inside [{@code start}, {@code end}) to an event type, {@code listingObjects}
     * objects to a listing, the example to a single object. Sign-ins, audits, the organization, users and groups
     * are the tenant's own (its generators and the templates): nothing is added to them.
     */
    public static void add(TestTenant tenant, DataType type, int events, int listingObjects, Instant start, Instant end)
            throws IOException {
        if (type.equals(DataTypeCatalog.SIGN_INS) || type.equals(DataTypeCatalog.DIRECTORY_AUDITS)
                || type.equals(DataTypeCatalog.ORGANIZATION)) {
            return;
        }
        JsonNode samples = JSON.readTree(TestResources.sampleData().resolve(type.dataset() + ".json").toFile()).path("value");
        if (samples.isEmpty()) {
            throw new IllegalStateException(type.dataset() + ": sample-data/" + type.dataset() + ".json has no value");
        }
        if (type.mode().answersOneObject()) {
            tenant.emulated().addObject(type.dataset(), (ObjectNode) samples.get(0).deepCopy());
            return;
        }
        if (type.timeWindows().isPresent()) {
            String time = type.timeWindows().get().timeProperty();
            Duration step = Duration.between(start, end).dividedBy(events + 1);
            for (int i = 0; i < events; i++) {
                ObjectNode record = samples.get(i % samples.size()).deepCopy();
                record.put("id", UUID.nameUUIDFromBytes((type.dataset() + i).getBytes()).toString());
                record.put(time, start.plus(step.multipliedBy(i + 1)).toString());
                tenant.emulated().events(type.dataset()).add(record);
            }
            return;
        }
        int copies = type.equals(DataTypeCatalog.USERS) || type.equals(DataTypeCatalog.GROUPS) ? 0 : listingObjects;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < copies; i++) {
            ObjectNode object = samples.get(i % samples.size()).deepCopy();
            String id = object.path("id").asText("x");
            object.put("id", id + "-" + seen.merge(id, 1, Integer::sum));
            tenant.emulated().addObject(type.dataset(), object);
        }
    }
}
