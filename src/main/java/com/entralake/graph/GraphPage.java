package com.entralake.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;

/**
 * One fully received and parsed page.
 *
 * @param records    the items of Graph's {@code value} array
 * @param rawRecords each item's bytes exactly as Graph sent them, in the same order; empty when the page was not a
 *                   collection (an entity is handed on as a one-record page without them)
 * @param nextLink   {@code @odata.nextLink} exactly as Graph sent it; null on the last page
 * @param bodyBytes  size of the response body, for metrics
 */
public record GraphPage(List<JsonNode> records, List<byte[]> rawRecords, URI nextLink, int bodyBytes) {

    public GraphPage {
        records = List.copyOf(records);
        rawRecords = List.copyOf(rawRecords);
        if (!rawRecords.isEmpty() && rawRecords.size() != records.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + rawRecords.size() + " raw texts");
        }
    }

    /** A page without the records' own bytes (their raw JSON is then serialised from the tree). */
    public GraphPage(List<JsonNode> records, URI nextLink, int bodyBytes) {
        this(records, List.of(), nextLink, bodyBytes);
    }

    /** The bytes Graph sent for record {@code index} (UTF-8 JSON), or null when the page does not have them. */
    public byte[] rawJson(int index) {
        return rawRecords.isEmpty() ? null : rawRecords.get(index);
    }

    public boolean isLast() {
        return nextLink == null;
    }
}
