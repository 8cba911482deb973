package com.entralake.run;

import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;

import com.entralake.batch.CollectionContext;
import com.entralake.batch.RunHistory;
import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.connectivity.ManagedAvailability;

/**
 * Each collection mode's collector, registered once. A new mode (per-parent listings, delta sync) is one
 * {@link ModeCollection} and one line here; nothing else in a collect run branches on the mode.
 */
final class CollectionModes {

    private final Map<Class<? extends CollectionMode>, ModeCollection> byMode;

    CollectionModes(JobOperator jobOperator, Job eventsJob, Job snapshotJob, RunHistory history,
            CollectionContext context, ManagedAvailability availability) {
        SnapshotCollection snapshots = new SnapshotCollection(jobOperator, snapshotJob, history, context);
        this.byMode = Map.of(
                CollectionMode.TimeWindows.class,
                new EventWindowCollection(jobOperator, eventsJob, history, context, availability),
                CollectionMode.Listing.class, snapshots,
                CollectionMode.SingleObject.class, snapshots);
    }

    ModeCollection of(DataType type) {
        ModeCollection mode = byMode.get(type.mode().getClass());
        if (mode == null) {
            throw new IllegalStateException("no collector is registered for " + type.mode().describe() + " ("
                    + type.dataset() + ")");
        }
        return mode;
    }
}
