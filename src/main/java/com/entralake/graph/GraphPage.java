package com.entralake.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;

/**
 * One fully received and parsed page.
 *
 * @param records   the items of Graph's {@code value} array
 * @param nextLink  {@code @odata.nextLink} exactly as Graph sent it; null on the last page
 * @param bodyBytes size of the response body, for metrics
 */
public record GraphPage(List<JsonNode> records, URI nextLink, int bodyBytes) {

    public GraphPage {
        records = List.copyOf(records);
    }

    public boolean isLast() {
        return nextLink == null;
    }
}
