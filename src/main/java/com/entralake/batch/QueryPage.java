package com.entralake.batch;

import com.entralake.graph.GraphPage;

/** One page of an event query, as the reader hands it on; {@code last} when the query has been read to its end. */
record QueryPage(EventQuery query, GraphPage page, boolean last) {
}
