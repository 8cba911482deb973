package com.entralake.emulator;

import com.entralake.catalog.DataType;
import com.entralake.schema.GraphSchemaCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A single object (a tenant-wide policy) as Graph serves it: the object itself with its {@code @odata.context},
 * no {@code value} array and no nextLink; {@code $select} of the resource's properties, and no other query option
 * (the pages document none).
 */
final class SingleObjectResource implements ListingResource {

    private final PageFaults pageFaults;
    private final PageServed pageServed;
    private final GraphSchemaCatalog schemas;

    SingleObjectResource(PageFaults pageFaults, PageServed pageServed, GraphSchemaCatalog schemas) {
        this.pageFaults = pageFaults;
        this.pageServed = pageServed;
        this.schemas = schemas;
    }

    @Override
    public void serve(Exchange c, EmulatedTenant t, DataType type) throws IOException {
        Map<String, String> opts = QueryOptions.parse(c.rawQuery);
        for (String option : opts.keySet()) {
            if (!option.equals("$select")) {
                c.graphError(400, "BadRequest", "Query option '" + option + "' is not allowed on this resource.");
                return;
            }
        }
        List<String> select;
        try {
            select = QueryOptions.select(opts, type.resourceType(), schemas.properties(type.resourceType()).keySet());
        } catch (QueryOptions.BadQuery e) {
            c.graphError(400, e.code, e.getMessage());
            return;
        }
        List<ObjectNode> objects = t.directoryObjects(type.dataset());
        // every tenant has its tenant-wide policies: one with none added gets the bare object
        ObjectNode object = objects.isEmpty() ? Templates.JSON.createObjectNode().put("id", type.resourceType())
                : objects.get(0);
        ObjectNode body = Templates.JSON.createObjectNode();
        body.put("@odata.context", QueryOptions.context(type.version().segment(), type.path().substring(1)
                + (select == null ? "" : "(" + String.join(",", select) + ")") + "/$entity"));
        JsonNode wired = pageFaults.wire(t.id(), object);
        if (!wired.isObject()) {
            // a damaged answer: what a broken Graph front end sends instead of the object
            c.send(200, "application/json", Templates.JSON.writeValueAsBytes(wired), Map.of(), null);
            return;
        }
        if (select == null) {
            body.setAll((ObjectNode) wired);
        } else {
            select.forEach(p -> body.set(p, wired.has(p) ? wired.get(p) : body.nullNode()));
        }
        c.graphJson(200, body, null, Map.of(), () -> pageServed.served(t.id(), c.path, 1, 1));
    }
}
