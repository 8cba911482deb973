package com.entralake.batch;

import java.util.List;

/** A page of an event query made rows and placed in time, in the order Graph served it. */
record PlacedPage(EventQuery query, List<PlacedEvent> events, int read, boolean last) {
}
