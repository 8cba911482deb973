package com.entralake.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import com.entralake.catalog.DataType;
import com.entralake.catalog.ThrottleClass;

/**
 * One tenant's data types, one lane per throttle budget: the lanes run at once, the types of a lane one after
 * another. Types of one budget would only queue behind each other at Graph's limit, so running them together
 * gains nothing; types of different budgets never wait for each other — a tenant with thirty types does not
 * pay thirty start-ups end to end. Each type keeps its own jobs and restart state, so one failing neither
 * stops nor rolls back another; only {@code stopAll} (a lost tenant lock) ends every lane, after the type it
 * is on.
 */
final class BudgetLanes {

    private BudgetLanes() {
    }

    /**
     * Collects every type and returns the outcomes of those collected, in the order of {@code types}.
     *
     * @param stopAll asked after each type: true stops every lane before its next type
     */
    static List<DataTypeOutcome> run(String tenantName, List<DataType> types, Function<DataType, DataTypeOutcome> collect,
            BooleanSupplier stopAll) {
        Map<ThrottleClass, List<DataType>> lanes = new LinkedHashMap<>();
        for (DataType type : types) {
            lanes.computeIfAbsent(type.throttle(), t -> new ArrayList<>()).add(type);
        }
        Map<DataType, DataTypeOutcome> done = new ConcurrentHashMap<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable[] work = lanes.values().stream().map(lane -> (Runnable) () -> {
            for (DataType type : lane) {
                if (stopped.get()) {
                    return;
                }
                done.put(type, collect.apply(type));
                if (stopAll.getAsBoolean()) {
                    stopped.set(true);
                }
            }
        }).toArray(Runnable[]::new);
        if (work.length == 1) {
            work[0].run();
        } else {
            runTogether(tenantName, work);
        }
        return types.stream().filter(done::containsKey).map(done::get).toList();
    }

    private static void runTogether(String tenantName, Runnable[] work) {
        ExecutorService pool = Executors.newFixedThreadPool(work.length, r -> {
            Thread t = new Thread(r, "lane-" + tenantName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (Runnable lane : work) {
                lanes.add(pool.submit(lane));
            }
            for (Future<?> lane : lanes) {
                await(lane);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> lane) {
        try {
            lane.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the tenant's data types were collected", e);
        } catch (ExecutionException e) {
            // a lane catches every failure of its types; what arrives here is an Error or a bug of the lane itself
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a lane of data types failed", e.getCause());
        }
    }
}
