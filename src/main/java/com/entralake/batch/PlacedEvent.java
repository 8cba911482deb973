package com.entralake.batch;

import java.time.Instant;

/** An event that can be placed in a window: its time and its lake row. */
record PlacedEvent(Instant time, NormalizedRow row) {
}
