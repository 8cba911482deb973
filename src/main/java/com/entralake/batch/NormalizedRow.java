package com.entralake.batch;

import org.apache.avro.generic.GenericRecord;

/** A Graph record made a lake row: its id (for the writer's duplicate check) and its typed columns. */
record NormalizedRow(String id, GenericRecord row) {
}
