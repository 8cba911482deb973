package com.entralake.repository;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import com.zaxxer.hikari.HikariDataSource;

/**
 * How the job repository's connections are used when many tenants are collected at once.
 *
 * <ul>
 *   <li><b>Taken only while statements run.</b> A collection step's chunk transaction spans a Graph request, its
 *       wait for the throttle budget, and the Parquet writes; a connection taken when the transaction begins is
 *       held all that time. With 50 tenants at once the pool (10 by default) was exhausted within seconds, the
 *       waiting steps timed out and the run lost its job repository. The data source is therefore wrapped in a
 *       {@link LazyConnectionDataSourceProxy}: the connection is taken at the transaction's first statement (the
 *       step's own bookkeeping at the chunk's end) and returned at its commit. Every user of the job repository
 *       goes through the same wrapped bean, so the chunk's statements still share one transaction.</li>
 *   <li><b>Enough of them.</b> On PostgreSQL each tenant being collected holds one connection for its advisory
 *       lock for the whole of its collection, so the pool holds at least one per tenant collected at once
 *       ({@code entralake.collection.tenant-parallelism}) plus {@link #SHARED} for the statements.</li>
 * </ul>
 */
public final class JobRepositoryConnections implements BeanPostProcessor {

    /** Connections beyond the tenants' locks, for the steps' short transactions. */
    static final int SHARED = 10;

    private final int tenantParallelism;

    public JobRepositoryConnections(Environment environment) {
        this.tenantParallelism = Binder.get(environment)
                .bind("entralake.collection.tenant-parallelism", Integer.class).orElse(2);
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getMaximumPoolSize() < tenantParallelism + SHARED) {
            hikari.setMaximumPoolSize(tenantParallelism + SHARED);
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)) {
            return new ClosingLazyConnections(dataSource);
        }
        return bean;
    }

    /** Closes the pool it wraps when the context closes (the wrapper itself has nothing to close). */
    static final class ClosingLazyConnections extends LazyConnectionDataSourceProxy implements AutoCloseable {
        ClosingLazyConnections(DataSource target) {
            super(target);
        }

        @Override
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
        }
    }
}
